/**
 * The plan language as TypeScript types: the contract between the language (validation, lints,
 * builder, graph) and the interpreter. A plan is a JSON document; these types describe a plan
 * that passed `validatePlan`. Optional fields are absent when they take their default, so the
 * hashed document is exactly the reviewed one (no defaults are filled in by parsing); use the
 * helpers in `defaults.ts` (`joinOf`, `onFailureOf`, ...) to read them.
 *
 * Run semantics the interpreter implements (documented in docs/PLANS.md):
 * - A step is *ready* when its join is satisfied: `all` (default) when every dependency has
 *   completed; `any` when at least one has. A step with no dependencies is ready at start.
 * - A ready step whose `when` guard evaluates to false is *skipped*. Skipped, failed-and-skipped
 *   (`on_failure: skip`) and *losing* steps are *dead*. A dead dependency kills an `all` step; an
 *   `any` step dies only when every dependency is dead. Dead steps never fire their successors.
 * - When an `any` step fires, each of its dependencies that has not completed yet *loses*: it is
 *   dead from then on (a pending wait is abandoned). That is the race between a receipt and a timer.
 * - Every step fires at most once. The first `end` step that fires ends the run.
 */

/** Any JSON value: what inputs, variables, step outputs and expression results are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonRecord = { [key: string]: JsonValue };

// ---------------------------------------------------------------- expressions

/** A bare JSON scalar is a literal of itself. */
export type ScalarLiteral = null | boolean | number | string;
/** Any JSON value (lists and records included), taken verbatim, never evaluated. */
export interface LitExpr { op: 'lit'; value: JsonValue }
/**
 * A dotted path. Roots: `input.<field>`, `vars.<name>`, `steps.<step>.<field>`, `correlation`,
 * `run.<field>` (see RUN_FIELDS), and `event.*` inside an `await_event.where` only.
 * A missing property along the path reads as null.
 */
export interface RefExpr { op: 'ref'; path: string }
/** Builds a list from expressions. */
export interface ListExpr { op: 'list'; items: Expr[] }
/** Builds a record from expressions. */
export interface RecordExpr { op: 'record'; fields: { [key: string]: Expr } }
/** An operator applied to arguments; arities and types are in expr/ops.ts. */
export interface CallExpr { op: CallOp; args: Expr[] }

export type Expr = ScalarLiteral | LitExpr | RefExpr | ListExpr | RecordExpr | CallExpr;

export const CALL_OPS = [
  'eq', 'ne', 'lt', 'le', 'gt', 'ge',
  'and', 'or', 'not',
  'add', 'sub', 'mul', 'div', 'mod',
  'concat', 'length', 'lower', 'upper', 'starts_with', 'contains',
  'at', 'in',
  'get', 'has',
  'if', 'coalesce',
] as const;
export type CallOp = (typeof CALL_OPS)[number];

/** Fields a plan may read under `run.*`. */
export const RUN_FIELDS = ['execution_id', 'started_at', 'deadline_ms', 'plan_hash', 'plan_id', 'plan_version'] as const;
export type RunField = (typeof RUN_FIELDS)[number];
export type RunInfo = { [K in RunField]: K extends 'started_at' | 'deadline_ms' ? number : string };

/** An event as an `await_event.where` predicate sees it (root `event`). */
export interface EventValue { type: string; data: JsonValue }

/** What an expression can read. The interpreter builds it; `evaluate` never mutates it. */
export interface Scope {
  input: JsonRecord;
  vars: JsonRecord;
  /** Outputs of completed steps by step name; a step not here (pending or dead) reads as null. */
  steps: { [name: string]: JsonValue };
  /** The run's correlation key, or null when no trigger correlates it. */
  correlation: JsonValue;
  run: RunInfo;
  /** Only while evaluating an `await_event.where`: the candidate event. */
  event?: EventValue;
}

// ---------------------------------------------------------------- step outputs (`steps.<name>`)

export type ReceiptStatus = 'ok' | 'error' | 'timeout';
export type EndStatus = 'success' | 'partial' | 'failure';
export interface ErrorInfo { code: string; message: string }

/** emit_effect: the intent as journaled. */
export interface EmitEffectOutput { intent_id: string; effect: string; params: JsonRecord; idempotency_key: string | null }
/** await_receipt: the receipt; status `timeout` when the step's `timeout_ms` elapsed first. */
export interface ReceiptOutput { status: ReceiptStatus; intent_id: string; result: JsonValue; error: ErrorInfo | null }
/** await_event: the matched event; status `timeout` (event null) when `timeout_ms` elapsed first. */
export interface AwaitEventOutput { status: 'ok' | 'timeout'; event: EventValue | null }
/** raise_event: the event raised. */
export interface RaiseEventOutput { type: string; data: JsonValue }
/** assign: the values assigned, by variable name (also written to `vars`). */
export type AssignOutput = JsonRecord;
/** execute_plan: the child run's result. */
export interface ExecutePlanOutput {
  status: EndStatus; execution_id: string; plan_hash: string; result: JsonValue; error: ErrorInfo | null;
}

// ---------------------------------------------------------------- plan document

export type Join = 'all' | 'any';
export type OnFailure = 'halt' | 'skip' | 'retry';

/**
 * Attempts include the first one. Delay before attempt n (n >= 2) is
 * min(backoff_ms * multiplier^(n-2), max_delay_ms); see `retryDelay`.
 */
export interface RetryPolicy { max_attempts: number; backoff_ms: number; multiplier: number; max_delay_ms: number }

/** Fields every step has. */
export interface StepBase {
  /** UUID v4, unique in the plan. */
  id: string;
  /** Identifier unique in the plan; dependencies and refs use it. */
  name: string;
  description?: string;
  /** Names of steps this one waits for (default none). */
  depends_on?: string[];
  /** Default `all`. */
  join?: Join;
  /** Guard: when it evaluates to false the step is skipped (dead). Must be boolean. */
  when?: Expr;
  /** Default `halt`. `retry` requires `retry`. Exhausted retries halt. */
  on_failure?: OnFailure;
  retry?: RetryPolicy;
  /**
   * On `await_receipt`/`await_event`: the wait completes with status `timeout` (a value the plan
   * branches on). On every other kind: a hard stop failing the step with STEP_TIMEOUT.
   */
  timeout_ms?: number;
}

/** Emits an effect intent; built-in kinds: `timer.set` (params.delay_ms), `approval.request`. */
export interface EmitEffectStep extends StepBase {
  kind: 'emit_effect';
  effect: string;
  params: { [key: string]: Expr };
  /** Must evaluate to a non-empty string; required in practice for non-read effects (lint). */
  idempotency_key?: Expr;
  /** Variable that receives the EmitEffectOutput. */
  bind?: string;
  /** True for effects that change nothing outside (default false). */
  read_only?: boolean;
}

/** Waits for the receipt of an ancestor `emit_effect` step named in `for`. */
export interface AwaitReceiptStep extends StepBase { kind: 'await_receipt'; for: string; bind?: string }

/** Waits for an event of type `event` matching `where`. */
export interface AwaitEventStep extends StepBase {
  kind: 'await_event';
  event: string;
  where?: Expr;
  bind?: string;
  /** True: events that arrived since the run started also match (default: only after the step is ready). */
  buffer?: boolean;
}

export interface RaiseEventStep extends StepBase { kind: 'raise_event'; event: string; data: Expr }

/** Sets one or more variables; they are read as `vars.<name>`. */
export interface AssignStep extends StepBase { kind: 'assign'; set: { [name: string]: Expr } }

/** Ends the run. `error_code` (not a reserved code) only with partial or failure. */
export interface EndStep extends StepBase {
  kind: 'end';
  status: EndStatus;
  result?: Expr;
  error_code?: string;
  error_message?: Expr;
}

/** A child plan, pinned by content hash or by id and version. Never started implicitly. */
export type PlanRef = { hash: string } | { id: string; version: string };

export interface ExecutePlanStep extends StepBase { kind: 'execute_plan'; plan: PlanRef; input: Expr; bind?: string }

export type Step =
  | EmitEffectStep | AwaitReceiptStep | AwaitEventStep | RaiseEventStep | AssignStep | EndStep | ExecutePlanStep;
export type StepKind = Step['kind'];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

export const STEP_KINDS = [
  'emit_effect', 'await_receipt', 'await_event', 'raise_event', 'assign', 'end', 'execute_plan',
] as const satisfies readonly StepKind[];

/** Kinds that wait for something outside the plan; their `timeout_ms` yields status `timeout`. */
export const WAIT_KINDS: ReadonlySet<StepKind> = new Set(['await_receipt', 'await_event']);

export type InputFieldType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'any';
export interface InputField { type: InputFieldType; required?: boolean; description?: string }
/** The run input is a record; each declared field is checked by `validateInput`. */
export interface InputSchema { fields: { [name: string]: InputField } }

/**
 * An event type that starts a run. The event's `data` becomes the run input; `correlate_by` is a
 * dotted path into that data whose value becomes the run's correlation key.
 */
export interface Trigger { event: string; correlate_by?: string }

export interface Plan {
  /** UUID v4. */
  id: string;
  name: string;
  /** MAJOR.MINOR.PATCH */
  version: string;
  description?: string;
  /** Positive unix milliseconds. */
  created_at: number;
  /** Hard deadline for a whole run (PLAN_TIMEOUT). */
  timeout_ms: number;
  /** Names that must exist in the execution environment (CONTEXT_MISSING otherwise); non-empty. */
  context_requirements: string[];
  input?: InputSchema;
  triggers?: Trigger[];
  /** 1..1024 steps. */
  steps: Step[];
}

// ---------------------------------------------------------------- limits and lexical rules

export const LIMITS = {
  minSteps: 1,
  maxSteps: 1024,
  maxExprDepth: 32,
  maxExprNodes: 1024,
  maxNameLength: 64,
  maxTriggers: 16,
  maxStringLength: 4096,
} as const;

/** Step, variable, input field and context names; never `__proto__`, which JS objects cannot hold as data. */
export const IDENT_RE = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Event types and effect kinds: `order.created`, `payment.charge`. */
export const TYPE_NAME_RE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
export const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
export const HASH_HEX_RE = /^[0-9a-f]{64}$/;
/** User error codes in `end`: SCREAMING_SNAKE. */
export const ERROR_CODE_RE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Built-in effect kinds the language knows about. */
export const TIMER_EFFECT = 'timer.set';
export const APPROVAL_EFFECT = 'approval.request';
