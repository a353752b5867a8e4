/**
 * Given/when/then harness for the interpreter: literal plans with deterministic ids, a run driven
 * input by input, and lookups over the outputs (the derived entries the kernel would journal).
 */
import { expect } from 'vitest';
import { startRun, stepRun } from '../../../plans/interpreter/index.js';
import type {
  ExecutionContext, PlanResult, RunInput, RunOutput, RunStart, RunState, StepOutput, StepTransition,
} from '../../../plans/interpreter/index.js';
import type { CallOp, Expr, JsonRecord, JsonValue, Plan, Step } from '../../../plans/schema.js';

export const T0 = 1_767_225_600_000;
export const PLAN_ID = '00000000-0000-4000-8000-00000000aaaa';
export const EXEC_ID = '11111111-1111-4111-8111-111111111111';
export const PLAN_HASH = 'ab'.repeat(32);

/** A step without its id (the harness numbers them); distributive, so kind-specific fields type-check. */
export type StepSpec = Step extends infer S ? (S extends Step ? Omit<S, 'id'> & { id?: string } : never) : never;

export function stepId(i: number): string {
  return `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

/** Input fields the test plans declare (type any); runs refuse undeclared input fields. */
export const TEST_INPUT_FIELDS = ['amount', 'order', 'id', 'flag', 'n', 'items', 'customer'] as const;

/** A plan around `steps` (ids filled in); `extra` overrides header fields. */
export function makePlan(steps: StepSpec[], extra: Partial<Plan> = {}): Plan {
  return {
    id: PLAN_ID,
    name: 'test_plan',
    version: '1.0.0',
    created_at: T0 - 1000,
    timeout_ms: 60_000,
    context_requirements: ['tenant'],
    input: { fields: Object.fromEntries(TEST_INPUT_FIELDS.map((name) => [name, { type: 'any' as const }])) },
    steps: steps.map((s, i) => ({ id: stepId(i), ...s }) as Step),
    ...extra,
  };
}

export function makeContext(extra: Partial<ExecutionContext> = {}): ExecutionContext {
  return { execution_id: EXEC_ID, started_at: T0, deadline_ms: T0 + 120_000, environment: { tenant: 'acme' }, ...extra };
}

export const ref = (path: string) => ({ op: 'ref' as const, path });
export const call = (op: CallOp, ...args: Expr[]): Expr => ({ op, args });

export interface StartOptions {
  at?: number;
  context?: Partial<ExecutionContext>;
  input?: JsonRecord;
  correlation?: JsonValue;
  parent?: RunStart['parent'];
}

export class Run {
  readonly history: RunOutput[] = [];
  last: RunOutput[] = [];
  states: RunState[] = [];
  now: number;

  private constructor(readonly plan: Plan, public state: RunState, outputs: RunOutput[], at: number) {
    this.now = at;
    this.record(state, outputs);
  }

  static start(plan: Plan, options: StartOptions = {}): Run {
    const at = options.at ?? T0;
    const start: RunStart = {
      at, context: makeContext(options.context), input: options.input ?? {}, correlation: options.correlation ?? null,
      ...(options.parent === undefined ? {} : { parent: options.parent }),
    };
    const { run, outputs } = startRun(plan, PLAN_HASH, start);
    return new Run(plan, run, outputs, at);
  }

  private record(state: RunState, outputs: RunOutput[]): void {
    this.state = state;
    this.states.push(state);
    this.last = outputs;
    this.history.push(...outputs);
  }

  /** Applies an input; `at` defaults to one ms after the previous input. */
  send(input: DistributiveOmit<RunInput, 'at'> & { at?: number }): RunOutput[] {
    const at = input.at ?? this.now + 1;
    this.now = Math.max(this.now, at);
    const { run, outputs } = stepRun(this.plan, this.state, { ...input, at } as RunInput);
    this.record(run, outputs);
    return outputs;
  }

  /** The receipt for the latest intent of emit step `step`. */
  receipt(step: string, status: 'ok' | 'error' | 'timeout' = 'ok', result: JsonValue = null, error: { code: string; message: string } | null = null, at?: number): RunOutput[] {
    return this.send({ type: 'receipt', intent_id: this.intentOf(step), status, result, error, ...(at === undefined ? {} : { at }) });
  }

  /** Fires the latest timer whose key starts with `prefix`, at its due time unless `at` is given. */
  fire(prefix: string, at?: number): RunOutput[] {
    const timer = this.timer(prefix);
    return this.send({ type: 'timer', key: timer.key, at: at ?? Math.max(timer.due_at, this.now) });
  }

  event(type: string, data: JsonValue, seq = this.history.length + 1, at?: number): RunOutput[] {
    return this.send({ type: 'event', seq, event: { type, data }, ...(at === undefined ? {} : { at }) });
  }

  intentOf(step: string): string {
    const emits = this.history.filter((o) => o.type === 'emit' && o.step === step);
    const emit = emits[emits.length - 1];
    if (emit === undefined || emit.type !== 'emit') throw new Error(`no emit for step ${step}`);
    return emit.intent_id;
  }

  timer(prefix: string): Extract<RunOutput, { type: 'timer' }> {
    const timers = this.history.filter((o): o is Extract<RunOutput, { type: 'timer' }> => o.type === 'timer' && o.key.startsWith(prefix));
    const timer = timers[timers.length - 1];
    if (timer === undefined) throw new Error(`no timer with key prefix ${prefix}`);
    return timer;
  }

  /** Transitions of `step` in order (all steps when omitted). */
  transitions(step?: string): StepOutput[] {
    return this.history.filter((o): o is StepOutput => o.type === 'step' && (step === undefined || o.step === step));
  }

  path(step: string): StepTransition[] {
    return this.transitions(step).map((t) => t.transition);
  }

  of<T extends RunOutput['type']>(type: T): Extract<RunOutput, { type: T }>[] {
    return this.history.filter((o): o is Extract<RunOutput, { type: T }> => o.type === type);
  }

  get ended(): boolean {
    return this.state.status === 'ended';
  }

  /** The run's one result; asserts there is exactly one `end` and that it is the last output. */
  result(): PlanResult {
    return expectOneEnd(this.history);
  }
}

/** A child run's result as the kernel would deliver it in `child_ended`. */
export function childResult(executionId: string, status: PlanResult['status'], outputs: JsonValue = null): PlanResult {
  const result: PlanResult = {
    execution_id: executionId, plan_id: '22222222-2222-4222-8222-222222222222', plan_hash: 'cd'.repeat(32), status,
    started_at: T0, completed_at: T0 + 10, duration_ms: 10, steps_executed: 1, steps_total: 1, outputs,
  };
  if (status !== 'success') result.error = { error_code: 'CHILD_SAID_NO', severity: 'error', recoverable: false, message: 'no', step: 'end' };
  return result;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function expectOneEnd(outputs: readonly RunOutput[]): PlanResult {
  const ends = outputs.filter((o) => o.type === 'end');
  expect(ends).toHaveLength(1);
  const last = outputs[outputs.length - 1];
  expect(last?.type).toBe('end');
  return (last as Extract<RunOutput, { type: 'end' }>).result;
}
