/**
 * The interpreter's public data: what the kernel hands in (ExecutionContext, RunStart, RunInput),
 * what it gets back (RunOutput, PlanResult). Every type here is plain JSON data the kernel can
 * journal and hash with the canonical encoding; the run state is in run-state.ts.
 */
import type { Severity } from '../../kernel/errors.js';
import type { EndStatus, ErrorInfo, EventValue, JsonRecord, JsonValue, PlanRef, ReceiptStatus } from '../schema.js';
import type { RunState } from './run-state.js';

// ---------------------------------------------------------------- contract objects

/** Plan execution contract, section 2. Immutable for the life of a run. */
export interface ExecutionContext {
  /** UUID v4. */
  execution_id: string;
  /** Unix ms; the run's `started_at`. */
  started_at: number;
  /** Unix ms; a hard stop (PLAN_TIMEOUT). Must leave room for the plan's `timeout_ms`. */
  deadline_ms: number;
  /** Opaque: only the presence of `context_requirements` keys is checked, nothing is read. */
  environment: JsonRecord;
}

/** Plan execution contract, section 4: the error of a partial or failed run (or of a step). */
export interface ExecutionErrorInfo {
  error_code: string;
  severity: Severity;
  recoverable: boolean;
  message: string;
  /** Name of the step at fault, or null for run-level errors (cancel, deadline, context). */
  step: string | null;
}

/** Plan execution contract, section 3. `error` is present exactly when status is not success. */
export interface PlanResult {
  execution_id: string;
  plan_id: string;
  plan_hash: string;
  status: EndStatus;
  started_at: number;
  completed_at: number;
  duration_ms: number;
  /** Steps that started at least once. */
  steps_executed: number;
  steps_total: number;
  /** The firing `end` step's `result`; null when the run ended without one. */
  outputs: JsonValue;
  error?: ExecutionErrorInfo;
}

/** The run that started this one through an `execute_plan` step. */
export interface ParentRef { execution_id: string; step: string; attempt: number }

export interface RunStart {
  /** Journaled stamp of the input that starts the run. */
  at: number;
  context: ExecutionContext;
  input: JsonRecord;
  /** The trigger's correlation key, or null. */
  correlation: JsonValue;
  parent?: ParentRef;
}

// ---------------------------------------------------------------- inputs

export interface ReceiptInput {
  type: 'receipt'; at: number; intent_id: string; status: ReceiptStatus; result: JsonValue; error: ErrorInfo | null;
}
/** A timer this run asked for (RunOutput `timer`) has fired. */
export interface TimerInput { type: 'timer'; at: number; key: string }
/** An ingress or domain event of a type in `runEventTypes(plan)`. */
export interface EventInput { type: 'event'; at: number; seq: number; event: EventValue }
export interface CancelInput { type: 'cancel'; at: number; actor: string; reason: string }
/** A child started by a `start_child` output has ended. */
export interface ChildEndedInput { type: 'child_ended'; at: number; step: string; result: PlanResult }

export type RunInput = ReceiptInput | TimerInput | EventInput | CancelInput | ChildEndedInput;

// ---------------------------------------------------------------- outputs (journal order)

export type StepTransition =
  | 'started' | 'completed' | 'failed' | 'skipped' | 'retry_scheduled' | 'lost' | 'abandoned';

/**
 * Step visibility. `cause` says why: for `skipped` 'guard_false' | 'dependency_dead' |
 * 'receipt_target_dead'; for `lost` the name of the `any` step that fired; for `failed` the policy
 * applied ('halt' | 'skip' | 'retries_exhausted' | 'not_retryable'); for `abandoned` 'run_ended'.
 */
export interface StepOutput {
  type: 'step';
  step: string;
  step_id: string;
  transition: StepTransition;
  /** 1-based attempt the transition belongs to; 0 for steps that never started. */
  attempt: number;
  at: number;
  input_hash?: string;
  output_hash?: string;
  receipt_hash?: string;
  error?: ExecutionErrorInfo;
  cause?: string;
  /** On `retry_scheduled`: when the next attempt starts. */
  due_at?: number;
}

export interface EmitOutput {
  type: 'emit';
  step: string;
  attempt: number;
  /** runIntentId(execution_id, step, attempt, effect, params, idempotency_key). */
  intent_id: string;
  effect: string;
  params: JsonRecord;
  idempotency_key?: string;
  read_only?: true;
}

/** Schedule a timer; the kernel derives its id with runTimerId(execution_id, key). */
export interface TimerOutput { type: 'timer'; key: string; due_at: number }

export interface RaiseOutput { type: 'raise'; step: string; attempt: number; event: string; data: JsonValue }

export interface StartChildOutput {
  type: 'start_child';
  step: string;
  attempt: number;
  plan: PlanRef;
  input: JsonRecord;
  /** UUID v4 derived from (parent execution_id, step, attempt); see childExecutionId. */
  execution_id: string;
  /** The latest the child may run: the parent's hard deadline or the step's timeout. */
  deadline_ms: number;
}

/** A child whose result no longer matters (timeout, lost race, parent ended): cancel it. */
export interface CancelChildOutput { type: 'cancel_child'; step: string; execution_id: string; reason: string }

/** Exactly one per run, always the run's last output. */
export interface EndOutput { type: 'end'; result: PlanResult }

export type RunOutput =
  | StepOutput | EmitOutput | TimerOutput | RaiseOutput | StartChildOutput | CancelChildOutput | EndOutput;

/** What startRun and stepRun return: the new state and the outputs to journal, in order. */
export interface Transition { run: RunState; outputs: RunOutput[] }
