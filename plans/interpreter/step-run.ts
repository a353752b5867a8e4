/**
 * Applying one input to a live run: hard stops first (an input stamped past a hard deadline finds
 * the run or step already timed out), then the input, then readiness to a fixpoint. An ended run
 * ignores every input: partial and failed runs are terminal, never resumed under the same
 * execution_id.
 */
import type { Plan } from '../schema.js';
import { onChildEnded } from './children.js';
import { onReceipt } from './effects.js';
import { executionError } from './errors.js';
import { onEvent, pruneEventBuffer } from './events.js';
import { endRun } from './finish.js';
import { endWithInternalError } from './internal-error.js';
import { isRunning, openSession } from './session.js';
import type { Session } from './session.js';
import { settle } from './settle.js';
import { enforceHardStops, onTimer } from './timers.js';
import type { RunInput, Transition } from './types.js';
import type { RunState } from './run-state.js';

export function stepRun(plan: Plan, run: RunState, input: RunInput): Transition {
  if (run.status !== 'running') return { run, outputs: [] };
  const at = Number.isFinite(input?.at) ? input.at : run.started_at;
  try {
    if (plan.id !== run.plan_id || plan.version !== run.plan_version) {
      throw new Error(`plan ${plan.id}@${plan.version} is not the plan of this run (${run.plan_id}@${run.plan_version})`);
    }
    const s = openSession(plan, run, at);
    enforceHardStops(s);
    if (isRunning(s)) applyInput(s, input);
    if (isRunning(s)) settle(s);
    if (isRunning(s)) pruneEventBuffer(s);
    return { run: s.state, outputs: s.out };
  } catch (e) {
    return endWithInternalError(plan, run, at, e);
  }
}

function applyInput(s: Session, input: RunInput): void {
  switch (input.type) {
    case 'receipt':
      return onReceipt(s, input);
    case 'timer':
      return onTimer(s, input);
    case 'event':
      return onEvent(s, input);
    case 'child_ended':
      return onChildEnded(s, input);
    case 'cancel':
      return endRun(s, 'failure', null, executionError('CANCELLED', `cancelled by ${input.actor}: ${input.reason}`, null));
    default:
      throw new Error(`unknown run input type ${JSON.stringify((input as { type?: unknown }).type)}`);
  }
}
