/**
 * Timer keys the run asks for. The kernel turns a key into a timer id with
 * runTimerId(execution_id, key), so keys only need to be unique within a run: each names the
 * step and the attempt it belongs to, and a firing whose key is no longer armed is ignored.
 */

/** The run's hard stop: the plan timeout_ms or the context deadline, whichever comes first. */
export const RUN_DEADLINE_KEY = 'run:deadline';

/** A wait's timeout (status `timeout`) or an execute_plan step's hard STEP_TIMEOUT. */
export function timeoutKey(step: string, attempt: number): string {
  return `timeout:${step}:${attempt}`;
}

/** The backoff before `attempt` of a step with `on_failure: retry`. */
export function retryKey(step: string, attempt: number): string {
  return `retry:${step}:${attempt}`;
}
