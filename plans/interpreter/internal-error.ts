/**
 * The last line of the "exactly one end" guarantee: anything thrown while applying an input (a
 * defect, a plan that skipped validation, a malformed input) ends the run as failure with
 * INTERNAL_ERROR. Outputs of the failed call are discarded, since none of them was journaled;
 * the run ends from the state it had before the input. Deterministic: the same defect throws on
 * replay and yields the same end.
 */
import type { Plan } from '../schema.js';
import { executionError } from './errors.js';
import { endRun, planResult } from './finish.js';
import { openSession } from './session.js';
import type { Transition } from './types.js';
import type { RunState } from './run-state.js';

export function describeThrown(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function endWithInternalError(plan: Plan, run: RunState, at: number, thrown: unknown): Transition {
  const error = executionError('INTERNAL_ERROR', `run ${run.execution_id}: ${describeThrown(thrown)}`, null);
  try {
    const s = openSession(plan, run, at);
    endRun(s, 'failure', null, error);
    return { run: s.state, outputs: s.out };
  } catch {
    // The plan itself is unusable (no graph): end without visiting steps.
    const total = Array.isArray(plan.steps) ? plan.steps.length : 0;
    const result = planResult(run, total, 'failure', null, error, at);
    return { run: { ...run, status: 'ended', events: [], result }, outputs: [{ type: 'end', result }] };
  }
}
