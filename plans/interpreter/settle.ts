/**
 * Readiness and dead paths, run to a fixpoint after every input.
 *
 * A pending step is decided by its join once its dependencies allow it:
 * - `all`: dead as soon as one dependency is dead; ready when every dependency completed;
 * - `any`: ready as soon as one dependency completed; dead when every dependency is dead.
 * A dead step is recorded `skipped` (cause 'dependency_dead') so the journal shows the dead path,
 * and never fires its successors. A ready step whose `when` is false is `skipped` ('guard_false');
 * a guard that fails to evaluate fails the step under its on_failure policy. When an `any` step
 * fires, each dependency that has not completed yet (pending, waiting, backing off) *loses*:
 * recorded `lost` with the winner as cause, its wait, timer and child abandoned, dead from then on.
 *
 * Steps are visited in the plan's stable topological order and each pass can only move steps out
 * of `pending` (or a waiting step into a dead state), so the loop ends and its order is the same on
 * every machine. An `await_receipt` whose emit step is dead can never get its receipt: it is
 * skipped too ('receipt_target_dead').
 */
import { dependsOn, joinOf } from '../defaults.js';
import type { Step } from '../schema.js';
import { endIfQuiescent } from './finish.js';
import { fireStep } from './fire.js';
import { cancelChild, failStep } from './outcome.js';
import { evalBoolean } from './scope.js';
import { clearWait, isDead, isLive, isRunning, recordOf, recordTransition, stepOf } from './session.js';
import type { Session } from './session.js';

export function settle(s: Session): void {
  let changed = true;
  while (changed && isRunning(s)) {
    changed = false;
    for (const step of s.graph.order) {
      if (!isRunning(s)) return;
      if (advance(s, step)) changed = true;
    }
  }
  endIfQuiescent(s);
}

/** True when the step's status changed. */
function advance(s: Session, step: Step): boolean {
  const record = recordOf(s, step.name);
  if (step.kind === 'await_receipt' && isLive(record.status) && targetIsDead(s, step.for)) {
    // A waiting step cannot have its receipt any more; a pending one is decided here too.
    if (record.status === 'waiting' || joinSays(s, step) === 'ready') {
      kill(s, step, 'receipt_target_dead');
      return true;
    }
  }
  if (record.status !== 'pending') return false;
  const verdict = joinSays(s, step);
  if (verdict === 'wait') return false;
  if (verdict === 'dead') {
    kill(s, step, 'dependency_dead');
    return true;
  }
  startStep(s, step, false);
  return true;
}

/**
 * Starts an attempt of a ready step: guard first, then the race, then the step itself. A retry
 * (`retrying`) starts afresh the same way, so a guard that failed to evaluate is retried too.
 */
export function startStep(s: Session, step: Step, retrying: boolean): void {
  if (step.when !== undefined) {
    const guard = evalBoolean(s, step.name, 'when', step.when);
    if (!guard.ok) {
      // Counted as an attempt: the step was ready and evaluating it failed.
      recordOf(s, step.name).attempt += 1;
      clearWait(s, step.name);
      recordTransition(s, step, 'started');
      failStep(s, step, guard.error);
      return;
    }
    if (!guard.value) {
      kill(s, step, 'guard_false');
      return;
    }
  }
  if (joinOf(step) === 'any') beatRivals(s, step);
  // The race may just have killed the emit this step waits for (a plan worth a lint warning).
  if (step.kind === 'await_receipt' && targetIsDead(s, step.for)) return kill(s, step, 'receipt_target_dead');
  fireStep(s, step, retrying);
}

type Verdict = 'wait' | 'ready' | 'dead';

function joinSays(s: Session, step: Step): Verdict {
  const deps = dependsOn(step).map((name) => recordOf(s, name).status);
  if (deps.length === 0) return 'ready';
  if (joinOf(step) === 'all') {
    if (deps.some(isDead)) return 'dead';
    return deps.every((status) => status === 'completed') ? 'ready' : 'wait';
  }
  if (deps.some((status) => status === 'completed')) return 'ready';
  return deps.every(isDead) ? 'dead' : 'wait';
}

function targetIsDead(s: Session, target: string): boolean {
  return isDead(recordOf(s, target).status);
}

function kill(s: Session, step: Step, cause: string): void {
  cancelChild(s, step.name, 'the step was skipped');
  clearWait(s, step.name);
  recordOf(s, step.name).status = 'skipped';
  recordTransition(s, step, 'skipped', { cause });
}

/** The race: dependencies of a firing `any` step that have not completed lose. */
function beatRivals(s: Session, winner: Step): void {
  for (const name of dependsOn(winner)) {
    const record = recordOf(s, name);
    if (!isLive(record.status)) continue;
    const loser = stepOf(s, name);
    cancelChild(s, name, `the step lost the race to "${winner.name}"`);
    clearWait(s, name);
    record.status = 'lost';
    recordTransition(s, loser, 'lost', { cause: winner.name });
  }
}
