/**
 * `await_event`. Events are facts broadcast to the run: one event completes every waiting step
 * whose type and `where` match it. An unbuffered step sees only events delivered while it waits;
 * a `buffer: true` step also sees those delivered since the run started, so the run keeps events
 * of a type for as long as a buffered step of that type is still pending, and drops them after.
 * `where` reads `event`, `correlation`, `vars`, `input` and `steps`; an evaluation error (or a
 * non-boolean) fails the step under its on_failure policy rather than counting as "no match".
 */
import { contentHash } from '../../kernel/core/hash.js';
import { onFailureOf } from '../defaults.js';
import type { AwaitEventOutput, AwaitEventStep, EventValue, Plan } from '../schema.js';
import { executionError } from './errors.js';
import { completeStep, failStep } from './outcome.js';
import { evalBoolean } from './scope.js';
import type { Evaluated } from './scope.js';
import { armTimer, isRunning, recordOf, recordTransition } from './session.js';
import type { Session } from './session.js';
import { timeoutKey } from './timer-keys.js';
import type { EventInput } from './types.js';
import type { BufferedEvent } from './run-state.js';

/** Event types a run of `plan` may wait for, sorted: the kernel routes these to its live runs. */
export function runEventTypes(plan: Plan): string[] {
  const types = new Set<string>();
  for (const step of plan.steps) if (step.kind === 'await_event') types.add(step.event);
  return [...types].sort();
}

export function fireAwaitEvent(s: Session, step: AwaitEventStep): void {
  const record = recordOf(s, step.name);
  recordTransition(s, step, 'started');
  if (step.buffer === true) {
    for (const buffered of s.state.events) {
      if (buffered.event.type !== step.event) continue;
      if (tryMatch(s, step, buffered)) return;
    }
  }
  record.status = 'waiting';
  record.wait = 'event';
  if (step.timeout_ms !== undefined) armTimer(s, step.name, timeoutKey(step.name, record.attempt), s.at + step.timeout_ms);
}

export function onEvent(s: Session, input: EventInput): void {
  const buffered: BufferedEvent = { seq: input.seq, at: input.at, event: { type: input.event.type, data: input.event.data } };
  for (const step of s.graph.awaitEvents) {
    if (!isRunning(s)) return;
    if (step.event !== buffered.event.type) continue;
    const record = recordOf(s, step.name);
    if (record.status === 'waiting' && record.wait === 'event') tryMatch(s, step, buffered);
  }
  if (hasPendingBufferedStep(s, buffered.event.type)) s.state.events.push(buffered);
}

/** Drops buffered events no pending `buffer: true` step can still read. */
export function pruneEventBuffer(s: Session): void {
  if (s.state.events.length === 0) return;
  s.state.events = s.state.events.filter((buffered) => hasPendingBufferedStep(s, buffered.event.type));
}

export function eventTimedOut(s: Session, step: AwaitEventStep): void {
  if (onFailureOf(step) === 'retry') {
    failStep(s, step, executionError('STEP_TIMEOUT', `step "${step.name}": no matching "${step.event}" event within ${step.timeout_ms} ms`, step.name));
    return;
  }
  const output: AwaitEventOutput = { status: 'timeout', event: null };
  completeStep(s, step, output);
}

/** True when the step settled (matched, or failed evaluating `where`). */
function tryMatch(s: Session, step: AwaitEventStep, buffered: BufferedEvent): boolean {
  const matched = matches(s, step, buffered.event);
  if (!matched.ok) {
    failStep(s, step, matched.error);
    return true;
  }
  if (!matched.value) return false;
  const output: AwaitEventOutput = { status: 'ok', event: buffered.event };
  // What settled the wait, pinned like a receipt: the event and its journal position.
  completeStep(s, step, output, { receipt_hash: contentHash({ seq: buffered.seq, event: buffered.event }) });
  return true;
}

function matches(s: Session, step: AwaitEventStep, event: EventValue): Evaluated<boolean> {
  if (step.where === undefined) return { ok: true, value: true };
  return evalBoolean(s, step.name, 'where', step.where, event);
}

/** Pending, or backing off before a retry that will read the buffer again. */
function hasPendingBufferedStep(s: Session, type: string): boolean {
  return s.graph.awaitEvents.some((step) => {
    if (step.buffer !== true || step.event !== type) return false;
    const record = recordOf(s, step.name);
    return record.status === 'pending' || (record.status === 'waiting' && record.wait === 'retry');
  });
}
