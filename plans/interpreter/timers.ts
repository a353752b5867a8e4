/**
 * Timers and hard stops. Wait timeouts (`await_*` with `timeout_ms`) race the receipt or event in
 * the order the kernel delivers them: whichever input comes first settles the step and the other
 * is ignored. Hard stops are stricter: the run deadline (plan `timeout_ms` from `started_at`, or
 * the context `deadline_ms`, whichever is earlier) and an `execute_plan` step's `timeout_ms` are
 * also checked against the stamp of every input, so an input stamped at or after a hard deadline
 * finds the run (or step) already timed out, however late the timer itself is delivered.
 */
import type { Step } from '../schema.js';
import { childTimedOut } from './children.js';
import { receiptTimedOut } from './effects.js';
import { executionError } from './errors.js';
import { eventTimedOut } from './events.js';
import { endRun } from './finish.js';
import { startStep } from './settle.js';
import { isRunning, recordOf } from './session.js';
import type { Session } from './session.js';
import { RUN_DEADLINE_KEY } from './timer-keys.js';
import type { TimerInput } from './types.js';

export function onTimer(s: Session, input: TimerInput): void {
  if (input.key === RUN_DEADLINE_KEY) return deadlineReached(s);
  const step = s.graph.order.find((candidate) => recordOf(s, candidate.name).timer_key === input.key);
  // Not armed any more: the step settled, lost, or the key belongs to an earlier attempt.
  if (step === undefined) return;
  timerFired(s, step);
}

function timerFired(s: Session, step: Step): void {
  const wait = recordOf(s, step.name).wait;
  if (wait === 'retry') return startStep(s, step, true);
  if (wait === 'receipt' && step.kind === 'await_receipt') return receiptTimedOut(s, step);
  if (wait === 'event' && step.kind === 'await_event') return eventTimedOut(s, step);
  if (wait === 'child' && step.kind === 'execute_plan') return childTimedOut(s, step);
  throw new Error(`step "${step.name}" (${step.kind}) has a timer armed while waiting for ${String(wait)}`);
}

/** Runs before any input is applied. */
export function enforceHardStops(s: Session): void {
  if (s.at >= s.state.deadline_at) return deadlineReached(s);
  for (const step of s.graph.order) {
    if (!isRunning(s)) return;
    const record = recordOf(s, step.name);
    if (step.kind === 'execute_plan' && record.wait === 'child' && record.timer_due !== null && record.timer_due <= s.at) {
      childTimedOut(s, step);
    }
  }
}

function deadlineReached(s: Session): void {
  const { state } = s;
  const planDue = state.started_at + s.plan.timeout_ms;
  const message = planDue <= state.context_deadline_ms
    ? `the run exceeded the plan's timeout_ms (${s.plan.timeout_ms} ms from ${state.started_at})`
    : `the run reached the execution context's deadline_ms (${state.context_deadline_ms})`;
  endRun(s, 'failure', null, executionError('PLAN_TIMEOUT', message, null));
}
