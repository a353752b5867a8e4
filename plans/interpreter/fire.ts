/**
 * Starting one attempt of a step: the attempt counter moves first (intent ids, child ids and
 * timer keys are pinned to it), then the step kind does its work.
 */
import type { Step } from '../schema.js';
import { fireExecutePlan } from './children.js';
import { fireAwaitReceipt, fireEmit } from './effects.js';
import { fireAwaitEvent } from './events.js';
import { fireAssign, fireEnd, fireRaise } from './instant.js';
import { clearWait, recordOf } from './session.js';
import type { Session } from './session.js';

/** `retrying`: this attempt follows a retry backoff (an await_receipt then re-emits its effect). */
export function fireStep(s: Session, step: Step, retrying = false): void {
  recordOf(s, step.name).attempt += 1;
  // A retry backoff's timer has fired: the new attempt arms its own.
  clearWait(s, step.name);
  switch (step.kind) {
    case 'emit_effect':
      return fireEmit(s, step);
    case 'await_receipt':
      return fireAwaitReceipt(s, step, retrying);
    case 'await_event':
      return fireAwaitEvent(s, step);
    case 'raise_event':
      return fireRaise(s, step);
    case 'assign':
      return fireAssign(s, step);
    case 'end':
      return fireEnd(s, step);
    case 'execute_plan':
      return fireExecutePlan(s, step);
    default:
      throw new Error(`unknown step kind ${JSON.stringify((step as { kind: unknown }).kind)}`);
  }
}
