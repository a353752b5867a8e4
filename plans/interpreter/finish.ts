/**
 * Ending a run. Every path that stops a run (an `end` step, a halt, a timeout, a cancel, an
 * internal error, or nothing left to do) goes through `endRun`, which is why a run has exactly one
 * `end` output: it refuses to run twice and it is always the last output of the call.
 */
import type { EndStatus, JsonValue } from '../schema.js';
import { clearWait, isLive, isRunning, recordOf, recordTransition } from './session.js';
import type { Session } from './session.js';
import type { ExecutionErrorInfo, PlanResult } from './types.js';
import type { RunState } from './run-state.js';

export function endRun(s: Session, status: EndStatus, outputs: JsonValue, error: ExecutionErrorInfo | null): void {
  if (!isRunning(s)) return;
  abandonWaits(s);
  const result = planResult(s.state, s.plan.steps.length, status, outputs, error, s.at);
  s.state.status = 'ended';
  s.state.result = result;
  s.state.events = [];
  s.out.push({ type: 'end', result });
}

/**
 * When no step can complete any more and no `end` step fired: success when nothing failed (dead
 * branches from guards and races are ordinary control flow), partial when some step failed and
 * was skipped under `on_failure: skip`, with the first such failure as the error. A halt never
 * gets here: it ends the run as failure on the spot.
 */
export function endIfQuiescent(s: Session): void {
  if (!isRunning(s)) return;
  if (Object.values(s.state.steps).some((record) => isLive(record.status))) return;
  const failure = s.state.first_failure;
  if (failure === null) endRun(s, 'success', null, null);
  else endRun(s, 'partial', null, failure);
}

/** Steps still waiting when the run ends are abandoned (visible), and their children cancelled. */
function abandonWaits(s: Session): void {
  for (const step of s.graph.order) {
    const record = recordOf(s, step.name);
    if (record.status !== 'waiting') continue;
    if (record.child !== null) {
      s.out.push({ type: 'cancel_child', step: step.name, execution_id: record.child, reason: 'the parent run ended' });
      record.child = null;
    }
    clearWait(s, step.name);
    record.status = 'abandoned';
    recordTransition(s, step, 'abandoned', { cause: 'run_ended' });
  }
}

export function planResult(
  state: RunState, stepsTotal: number, status: EndStatus, outputs: JsonValue, error: ExecutionErrorInfo | null, at: number,
): PlanResult {
  const completedAt = Math.max(at, state.started_at);
  const result: PlanResult = {
    execution_id: state.execution_id,
    plan_id: state.plan_id,
    plan_hash: state.plan_hash,
    status,
    started_at: state.started_at,
    completed_at: completedAt,
    duration_ms: completedAt - state.started_at,
    steps_executed: Object.values(state.steps).filter((record) => record.attempt > 0).length,
    steps_total: stepsTotal,
    outputs,
  };
  // The contract: an error exactly on partial and failure, never on success.
  if (status !== 'success' && error !== null) result.error = error;
  return result;
}
