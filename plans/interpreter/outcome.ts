/**
 * How a started step settles: it completes with an output, or it fails and its `on_failure`
 * policy decides what that means. Policies:
 * - halt (default): the step is failed and the run ends as failure with the step's error;
 * - skip: the step is failed and dead (its successors are skipped), the run goes on and can at
 *   best end partial;
 * - retry: a backoff timer (retryDelay) schedules the next attempt; when the policy allows no
 *   more attempts, or the error is a refusal a retry cannot change, the step halts.
 */
import { contentHash } from '../../kernel/core/hash.js';
import { bindOf, onFailureOf, retryDelay } from '../defaults.js';
import type {
  AwaitEventOutput, EmitEffectOutput, ExecutePlanOutput, JsonValue, RaiseEventOutput, ReceiptOutput, Step,
} from '../schema.js';
import { endRun } from './finish.js';
import { armTimer, clearWait, recordOf, recordTransition } from './session.js';
import type { Session } from './session.js';
import { retryKey } from './timer-keys.js';
import type { ExecutionErrorInfo } from './types.js';

export interface Hashes { input_hash?: string; receipt_hash?: string }

/** The schema's output interfaces are JSON records without an index signature. */
export type StepValue = JsonValue | EmitEffectOutput | ReceiptOutput | AwaitEventOutput | RaiseEventOutput | ExecutePlanOutput;

export function completeStep(s: Session, step: Step, value: StepValue, hashes: Hashes = {}): void {
  const output = value as JsonValue;
  const record = recordOf(s, step.name);
  clearWait(s, step.name);
  record.status = 'completed';
  record.output = output;
  record.error = null;
  const bind = bindOf(step);
  if (bind !== undefined) s.state.vars[bind] = output;
  recordTransition(s, step, 'completed', { ...hashes, output_hash: contentHash(output) });
}

export interface FailOptions {
  /** False when a retry cannot change the outcome (see isNotRetryable). Default true. */
  retryable?: boolean;
  /** Hashes of what caused the failure (the error receipt, the child result). */
  hashes?: Hashes;
}

export function failStep(s: Session, step: Step, error: ExecutionErrorInfo, options: FailOptions = {}): void {
  const record = recordOf(s, step.name);
  cancelChild(s, step.name, 'the step failed');
  clearWait(s, step.name);
  record.error = error;
  const policy = onFailureOf(step);
  const hashes = options.hashes ?? {};
  if (policy === 'skip') {
    record.status = 'failed';
    recordTransition(s, step, 'failed', { ...hashes, error, cause: 'skip' });
    s.state.first_failure ??= error;
    return;
  }
  if (policy === 'retry') {
    const next = record.attempt + 1;
    const retryable = options.retryable !== false;
    const delay = retryable && step.retry !== undefined ? retryDelay(step.retry, next) : null;
    if (delay !== null) {
      const dueAt = s.at + delay;
      record.status = 'waiting';
      record.wait = 'retry';
      recordTransition(s, step, 'retry_scheduled', { ...hashes, error, due_at: dueAt });
      armTimer(s, step.name, retryKey(step.name, next), dueAt);
      return;
    }
    halt(s, step, error, retryable ? 'retries_exhausted' : 'not_retryable', hashes);
    return;
  }
  halt(s, step, error, 'halt', hashes);
}

/** A step whose input could not be evaluated: it started, and failed before doing anything. */
export function failAtStart(s: Session, step: Step, error: ExecutionErrorInfo): void {
  recordTransition(s, step, 'started');
  failStep(s, step, error);
}

function halt(s: Session, step: Step, error: ExecutionErrorInfo, cause: string, hashes: Hashes): void {
  recordOf(s, step.name).status = 'failed';
  recordTransition(s, step, 'failed', { ...hashes, error, cause });
  endRun(s, 'failure', null, error);
}

/** Cancels the step's live child, if any: its result can no longer matter. */
export function cancelChild(s: Session, name: string, reason: string): void {
  const record = recordOf(s, name);
  if (record.child === null) return;
  s.out.push({ type: 'cancel_child', step: name, execution_id: record.child, reason });
  record.child = null;
}
