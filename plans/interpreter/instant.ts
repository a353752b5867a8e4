/**
 * Steps that complete in the call that starts them: `assign`, `raise_event` and `end`. Their
 * `timeout_ms` can never elapse, so no timer is set for them. Every input expression is evaluated
 * before the step records `started`, so `input_hash` pins exactly what the step acted on.
 */
import { contentHash } from '../../kernel/core/hash.js';
import type { AssignStep, EndStep, JsonRecord, JsonValue, RaiseEventStep } from '../schema.js';
import { endStepError } from './errors.js';
import { endRun } from './finish.js';
import { completeStep, failAtStart } from './outcome.js';
import { evalFor, typeMismatch } from './scope.js';
import { recordOf, recordTransition } from './session.js';
import type { Session } from './session.js';

export function fireAssign(s: Session, step: AssignStep): void {
  const values: JsonRecord = {};
  // Every value is evaluated against the scope before the step, so `set` entries never see
  // each other's new values, whatever their order.
  for (const name of Object.keys(step.set).sort()) {
    const value = evalFor(s, step.name, `set.${name}`, step.set[name] ?? null);
    if (!value.ok) return failAtStart(s, step, value.error);
    values[name] = value.value;
  }
  const inputHash = contentHash(values);
  recordTransition(s, step, 'started', { input_hash: inputHash });
  for (const [name, value] of Object.entries(values)) s.state.vars[name] = value;
  completeStep(s, step, values, { input_hash: inputHash });
}

export function fireRaise(s: Session, step: RaiseEventStep): void {
  const data = evalFor(s, step.name, 'data', step.data);
  if (!data.ok) return failAtStart(s, step, data.error);
  const inputHash = contentHash({ event: step.event, data: data.value });
  recordTransition(s, step, 'started', { input_hash: inputHash });
  s.out.push({ type: 'raise', step: step.name, attempt: recordOf(s, step.name).attempt, event: step.event, data: data.value });
  completeStep(s, step, { type: step.event, data: data.value }, { input_hash: inputHash });
}

/** The first `end` step that fires ends the run with its own status, result and error code. */
export function fireEnd(s: Session, step: EndStep): void {
  let result: JsonValue = null;
  if (step.result !== undefined) {
    const value = evalFor(s, step.name, 'result', step.result);
    if (!value.ok) return failAtStart(s, step, value.error);
    result = value.value;
  }
  let message = `step "${step.name}" ended the run with status ${step.status}`;
  if (step.error_message !== undefined) {
    const value = evalFor(s, step.name, 'error_message', step.error_message);
    if (!value.ok) return failAtStart(s, step, value.error);
    if (typeof value.value !== 'string') return failAtStart(s, step, typeMismatch(step.name, 'error_message', 'a string', value.value));
    message = value.value;
  }
  const inputHash = contentHash({ status: step.status, result, error_code: step.error_code ?? null, error_message: message });
  recordTransition(s, step, 'started', { input_hash: inputHash });
  // `end` has no readable output (step-outputs.ts); what it decided is pinned by input_hash.
  completeStep(s, step, {}, { input_hash: inputHash });
  const error = step.status === 'success' ? null : endStepError(step.status, step.error_code, message, step.name);
  endRun(s, step.status, result, error);
}
