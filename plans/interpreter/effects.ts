/**
 * `emit_effect` and `await_receipt`.
 *
 * An emit completes as soon as its intent is an output: the output (`steps.<emit>`) is the intent
 * as journaled. Its receipt is kept on the emit's record until an awaiting step is ready, so a
 * receipt that arrives early is never lost; the first receipt for an intent wins and later ones
 * (duplicates, or for an intent a retry replaced) are ignored.
 *
 * Error receipts are values, not failures: an `await_receipt` completes with status ok | error |
 * timeout and the plan branches on `steps.<await>.status`. Only an awaiting step with
 * `on_failure: retry` treats a non-ok receipt (or its own timeout) as a failure: after the
 * backoff, the emit step re-emits the same effect, params and idempotency key as a new attempt,
 * hence a new intent id. Governance refusals (reserved, non-recoverable codes) are not retried.
 */
import { runIntentId } from '../../kernel/core/intent-id.js';
import { contentHash } from '../../kernel/core/hash.js';
import { onFailureOf } from '../defaults.js';
import type { AwaitReceiptStep, EmitEffectOutput, EmitEffectStep, JsonRecord, ReceiptOutput } from '../schema.js';
import { executionError, isNotRetryable, receiptError } from './errors.js';
import { completeStep, failAtStart, failStep } from './outcome.js';
import { evalFor, typeMismatch } from './scope.js';
import { armTimer, recordOf, recordTransition, stepOf } from './session.js';
import type { Session } from './session.js';
import { timeoutKey } from './timer-keys.js';
import type { ReceiptInput } from './types.js';
import type { EmitRecord, ReceiptRecord } from './run-state.js';

export function fireEmit(s: Session, step: EmitEffectStep): void {
  const params: JsonRecord = {};
  for (const key of Object.keys(step.params).sort()) {
    const value = evalFor(s, step.name, `params.${key}`, step.params[key] ?? null);
    if (!value.ok) return failAtStart(s, step, value.error);
    params[key] = value.value;
  }
  let idempotencyKey: string | null = null;
  if (step.idempotency_key !== undefined) {
    const value = evalFor(s, step.name, 'idempotency_key', step.idempotency_key);
    if (!value.ok) return failAtStart(s, step, value.error);
    if (typeof value.value !== 'string' || value.value === '') {
      return failAtStart(s, step, typeMismatch(step.name, 'idempotency_key', 'a non-empty string', value.value));
    }
    idempotencyKey = value.value;
  }
  emitIntent(s, step, { effect: step.effect, params, idempotency_key: idempotencyKey, read_only: step.read_only === true });
}

/** A retry of an awaiting step: the same intent content, as a new attempt of the emit step. */
export function reEmit(s: Session, step: EmitEffectStep): void {
  const record = recordOf(s, step.name);
  const previous = record.emit;
  if (previous === null) return;
  record.attempt += 1;
  emitIntent(s, step, previous);
}

function emitIntent(s: Session, step: EmitEffectStep, spec: Omit<EmitRecord, 'intent_id' | 'receipt'>): void {
  const record = recordOf(s, step.name);
  const { effect, params, idempotency_key, read_only } = spec;
  const intentId = runIntentId(s.state.execution_id, step.name, record.attempt, effect, params, idempotency_key ?? undefined);
  const inputHash = contentHash({ effect, params, idempotency_key });
  recordTransition(s, step, 'started', { input_hash: inputHash });
  record.emit = { intent_id: intentId, effect, params, idempotency_key, read_only, receipt: null };
  s.out.push({
    type: 'emit', step: step.name, attempt: record.attempt, intent_id: intentId, effect, params,
    ...(idempotency_key === null ? {} : { idempotency_key }),
    ...(read_only ? { read_only: true as const } : {}),
  });
  const output: EmitEffectOutput = { intent_id: intentId, effect, params, idempotency_key };
  completeStep(s, step, output, { input_hash: inputHash });
}

/** Starts (or, after a retry backoff, restarts) an await_receipt step. */
export function fireAwaitReceipt(s: Session, step: AwaitReceiptStep, retrying: boolean): void {
  const record = recordOf(s, step.name);
  const target = stepOf(s, step.for);
  recordTransition(s, step, 'started');
  if (retrying && target.kind === 'emit_effect') reEmit(s, target);
  const receipt = recordOf(s, step.for).emit?.receipt ?? null;
  if (receipt !== null) return settleReceipt(s, step, receipt);
  record.status = 'waiting';
  record.wait = 'receipt';
  if (step.timeout_ms !== undefined) armTimer(s, step.name, timeoutKey(step.name, record.attempt), s.at + step.timeout_ms);
}

export function onReceipt(s: Session, input: ReceiptInput): void {
  const emitter = s.graph.order.find((step) => recordOf(s, step.name).emit?.intent_id === input.intent_id);
  if (emitter === undefined) return;
  const emit = recordOf(s, emitter.name).emit as EmitRecord;
  if (emit.receipt !== null) return;
  const awaiters = (s.graph.awaiters.get(emitter.name) ?? []).filter((step) => {
    const record = recordOf(s, step.name);
    return record.status === 'pending' || (record.status === 'waiting' && record.wait === 'receipt');
  });
  // Nobody can read it any more (completed, dead, lost): the receipt is ignored on the record.
  if (awaiters.length === 0) return;
  const receipt: ReceiptRecord = { intent_id: input.intent_id, status: input.status, result: input.result, error: input.error, at: input.at };
  emit.receipt = receipt;
  for (const step of awaiters) {
    if (recordOf(s, step.name).status === 'waiting') settleReceipt(s, step, receipt);
  }
}

function settleReceipt(s: Session, step: AwaitReceiptStep, receipt: ReceiptRecord): void {
  const { intent_id, status, result, error } = receipt;
  const receiptHash = contentHash({ intent_id, status, result, error });
  if (status !== 'ok' && onFailureOf(step) === 'retry') {
    const failure = receiptError(status, error, step.name, intent_id);
    failStep(s, step, failure, { retryable: !isNotRetryable(failure), hashes: { receipt_hash: receiptHash } });
    return;
  }
  const output: ReceiptOutput = { status, intent_id, result, error };
  completeStep(s, step, output, { receipt_hash: receiptHash });
}

/** The wait's timeout fired first: status `timeout` for the plan, or a failure under retry. */
export function receiptTimedOut(s: Session, step: AwaitReceiptStep): void {
  const intentId = recordOf(s, step.for).emit?.intent_id ?? '';
  if (onFailureOf(step) === 'retry') {
    failStep(s, step, executionError('STEP_TIMEOUT', `step "${step.name}": no receipt for intent ${intentId} within ${step.timeout_ms} ms`, step.name));
    return;
  }
  const output: ReceiptOutput = { status: 'timeout', intent_id: intentId, result: null, error: null };
  completeStep(s, step, output);
}
