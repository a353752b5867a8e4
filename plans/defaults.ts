/**
 * Defaults of optional plan fields, read in one place. Parsing never fills them in, so the
 * hashed document is exactly what was reviewed; code reads them through these helpers.
 */
import type { Join, OnFailure, RetryPolicy, Step } from './schema.js';

export const DEFAULT_JOIN: Join = 'all';
export const DEFAULT_ON_FAILURE: OnFailure = 'halt';

export function joinOf(step: Step): Join {
  return step.join ?? DEFAULT_JOIN;
}

export function onFailureOf(step: Step): OnFailure {
  return step.on_failure ?? DEFAULT_ON_FAILURE;
}

export function dependsOn(step: Step): readonly string[] {
  return step.depends_on ?? [];
}

/** The variable a step binds its output to, if any. */
export function bindOf(step: Step): string | undefined {
  return 'bind' in step ? step.bind : undefined;
}

/** Variables a step writes: its `bind`, or the keys of an `assign`. */
export function varsWrittenBy(step: Step): string[] {
  if (step.kind === 'assign') return Object.keys(step.set);
  const bind = bindOf(step);
  return bind === undefined ? [] : [bind];
}

/**
 * Delay in ms before `attempt` (1-based; attempt 1 runs at once), or null when the policy allows
 * no such attempt. Integer ms so that scheduled times are identical on every machine.
 */
export function retryDelay(policy: RetryPolicy, attempt: number): number | null {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > policy.max_attempts) return null;
  if (attempt === 1) return 0;
  const raw = policy.backoff_ms * policy.multiplier ** (attempt - 2);
  return Math.floor(Math.min(raw, policy.max_delay_ms));
}
