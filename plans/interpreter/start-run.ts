/**
 * Starting a run: validate the context and the input (a bad one ends the run at once, before any
 * step), arm the run deadline, then start every step that is ready. The start call can already
 * end the run (a plan of instantaneous steps), and then it carries the run's one `end` output.
 */
import { validateInput } from '../input.js';
import type { Plan } from '../schema.js';
import { validateContext } from './context.js';
import { executionError } from './errors.js';
import { pruneEventBuffer } from './events.js';
import { endRun } from './finish.js';
import { initialState } from './initial-state.js';
import { endWithInternalError } from './internal-error.js';
import { openSession, isRunning } from './session.js';
import { settle } from './settle.js';
import { RUN_DEADLINE_KEY } from './timer-keys.js';
import { enforceHardStops } from './timers.js';
import type { RunStart, Transition } from './types.js';
import type { RunState } from './run-state.js';

export function startRun(plan: Plan, planHash: string, start: RunStart): Transition {
  let state: RunState | undefined;
  try {
    const contextError = validateContext(plan, start.context);
    state = initialState(plan, planHash, start, contextError === undefined);
    const s = openSession(plan, state, start.at);
    if (contextError !== undefined) {
      endRun(s, 'failure', null, contextError);
      return { run: s.state, outputs: s.out };
    }
    const issues = validateInput(plan, start.input);
    if (issues.length > 0) {
      const message = `run input: ${issues.map((i) => i.message).join('; ')}`;
      endRun(s, 'failure', null, executionError('INVALID_PAYLOAD', message, null));
      return { run: s.state, outputs: s.out };
    }
    enforceHardStops(s);
    if (isRunning(s)) settle(s);
    if (isRunning(s)) {
      s.out.push({ type: 'timer', key: RUN_DEADLINE_KEY, due_at: s.state.deadline_at });
      pruneEventBuffer(s);
    }
    return { run: s.state, outputs: s.out };
  } catch (e) {
    return endWithInternalError(plan, state ?? bareState(plan, planHash, start), start.at, e);
  }
}

/** A state built without trusting the plan or the context: enough to end the run visibly. */
function bareState(plan: Plan, planHash: string, start: RunStart): RunState {
  const at = start.at;
  return {
    format: 1,
    execution_id: String(start.context?.execution_id),
    plan_id: String(plan?.id),
    plan_version: String(plan?.version),
    plan_hash: planHash,
    status: 'running',
    started_at: at,
    context_deadline_ms: at,
    deadline_at: at,
    input: {},
    correlation: null,
    parent: start.parent === undefined ? null : { ...start.parent },
    vars: {},
    steps: {},
    events: [],
    first_failure: null,
    result: null,
  };
}
