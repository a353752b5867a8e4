/**
 * Intent ids are content hashes of (kind, params, idempotency key, origin), so two runs or two
 * reducer instances never collide, and re-emitting the same keyed effect yields the same id.
 * Without an idempotency key the causing seq and the emission index are part of the origin.
 */
import { contentHash } from './hash.js';
import type { Origin } from './entries.js';

export function deriveIntentId(kind: string, params: unknown, idempotencyKey: string | undefined, origin: Origin, index: number): string {
  const who = [origin.reducer ?? null, origin.key ?? null, origin.run ?? null, origin.step ?? null];
  const where = idempotencyKey === undefined ? [origin.cause, index] : null;
  return contentHash(['intent/v1', kind, params, idempotencyKey ?? null, who, where]);
}

/**
 * Intent id of a plan step's effect: pinned to the run, the step and the attempt, so a retry is
 * a new intent (carrying the same idempotency key to the adapter) and two runs never collide.
 */
export function runIntentId(executionId: string, step: string, attempt: number, kind: string, params: unknown, idempotencyKey: string | undefined): string {
  return contentHash(['run-intent/v1', executionId, step, attempt, kind, params, idempotencyKey ?? null]);
}

/** Timer id of a plan run's timer (step timeouts, retry backoff, plan deadline), by its key. */
export function runTimerId(executionId: string, key: string): string {
  return contentHash(['run-timer/v1', executionId, key]);
}
