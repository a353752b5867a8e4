/**
 * The run state the kernel stores between inputs, snapshots and hashes. Plain JSON data only:
 * absent values are `null`, never `undefined`, and there are no Maps, Sets or class instances, so
 * its canonical encoding is stable and a decoded snapshot continues exactly like the original.
 * The interpreter never mutates a state it was given; it returns a new one.
 */
import type { ErrorInfo, EventValue, JsonRecord, JsonValue, ReceiptStatus } from '../schema.js';
import type { ExecutionErrorInfo, ParentRef, PlanResult } from './types.js';

/** `skipped`, `failed` and `lost` steps are dead; `abandoned` ones were waiting when the run ended. */
export type StepStatus = 'pending' | 'waiting' | 'completed' | 'skipped' | 'failed' | 'lost' | 'abandoned';
export type WaitFor = 'receipt' | 'event' | 'child' | 'retry';

export interface ReceiptRecord { intent_id: string; status: ReceiptStatus; result: JsonValue; error: ErrorInfo | null; at: number }

/** What an `emit_effect` step emitted last; kept so a retry re-emits the same params and key. */
export interface EmitRecord {
  intent_id: string;
  effect: string;
  params: JsonRecord;
  idempotency_key: string | null;
  read_only: boolean;
  /** The first receipt for `intent_id`, held until the awaiting step is ready. */
  receipt: ReceiptRecord | null;
}

export interface StepRecord {
  status: StepStatus;
  attempt: number;
  /** The step output (`steps.<name>`) once completed. */
  output: JsonValue;
  error: ExecutionErrorInfo | null;
  wait: WaitFor | null;
  /** Key of the step's live timer (wait timeout, hard timeout or retry backoff). */
  timer_key: string | null;
  timer_due: number | null;
  emit: EmitRecord | null;
  /** execution_id of the live child of an `execute_plan` step. */
  child: string | null;
}

export interface BufferedEvent { seq: number; at: number; event: EventValue }

export interface RunState {
  /** Layout version of this record, for snapshots. */
  format: 1;
  execution_id: string;
  plan_id: string;
  plan_version: string;
  plan_hash: string;
  status: 'running' | 'ended';
  started_at: number;
  /** The context's deadline_ms (readable as `run.deadline_ms`). */
  context_deadline_ms: number;
  /** min(started_at + plan.timeout_ms, deadline_ms): the hard stop of the whole run. */
  deadline_at: number;
  input: JsonRecord;
  correlation: JsonValue;
  parent: ParentRef | null;
  vars: JsonRecord;
  /** One record per plan step, by step name. */
  steps: { [name: string]: StepRecord };
  /** Events kept for `buffer: true` waits that are not ready yet, oldest first. */
  events: BufferedEvent[];
  /** First failed-and-skipped step's error: the error of a partial run. */
  first_failure: ExecutionErrorInfo | null;
  /** Set when the run ends; equals the `end` output's result. */
  result: PlanResult | null;
}
