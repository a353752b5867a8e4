/**
 * `execute_plan`: nested plans start only through this step, never implicitly. The step asks the
 * kernel to start the child (`start_child`) under an execution_id derived from the parent's id,
 * the step and the attempt, so a replay derives the same child and a retry a different one.
 * The child's result is a value like a receipt: the step completes with `steps.<step>.status`
 * success | partial | failure visible to the plan; only `on_failure: retry` turns a non-success
 * child into a failure (a new child after the backoff; exhausted: DEPENDENCY_FAILED). The step's
 * `timeout_ms` is a hard STEP_TIMEOUT: the child is cancelled and the step fails.
 */
import { contentHash, hexToBytes } from '../../kernel/core/hash.js';
import { uuidFromBytes } from '../ids.js';
import { onFailureOf } from '../defaults.js';
import type { ExecutePlanOutput, ExecutePlanStep, JsonRecord } from '../schema.js';
import { isRecord } from '../expr/values.js';
import { executionError } from './errors.js';
import { completeStep, failAtStart, failStep } from './outcome.js';
import { evalFor } from './scope.js';
import { armTimer, recordOf, recordTransition } from './session.js';
import type { Session } from './session.js';
import { timeoutKey } from './timer-keys.js';
import type { ChildEndedInput } from './types.js';

/** A UUID v4 (version and variant bits set) formatted from a content hash. */
export function childExecutionId(parentExecutionId: string, step: string, attempt: number): string {
  return uuidFromBytes(hexToBytes(contentHash(['child-run/v1', parentExecutionId, step, attempt])));
}

export function fireExecutePlan(s: Session, step: ExecutePlanStep): void {
  const record = recordOf(s, step.name);
  const evaluated = evalFor(s, step.name, 'input', step.input);
  if (!evaluated.ok) return failAtStart(s, step, evaluated.error);
  if (!isRecord(evaluated.value)) {
    return failAtStart(s, step, executionError('INVALID_PAYLOAD', `step "${step.name}": a child run's input must be a record`, step.name));
  }
  const input: JsonRecord = evaluated.value;
  const executionId = childExecutionId(s.state.execution_id, step.name, record.attempt);
  const dueAt = step.timeout_ms === undefined ? null : s.at + step.timeout_ms;
  recordTransition(s, step, 'started', { input_hash: contentHash({ plan: step.plan, input }) });
  s.out.push({
    type: 'start_child', step: step.name, attempt: record.attempt, plan: step.plan, input, execution_id: executionId,
    deadline_ms: dueAt === null ? s.state.deadline_at : Math.min(dueAt, s.state.deadline_at),
  });
  record.status = 'waiting';
  record.wait = 'child';
  record.child = executionId;
  if (dueAt !== null) armTimer(s, step.name, timeoutKey(step.name, record.attempt), dueAt);
}

export function onChildEnded(s: Session, input: ChildEndedInput): void {
  const step = s.graph.byName.get(input.step);
  if (step === undefined || step.kind !== 'execute_plan') return;
  const record = recordOf(s, step.name);
  // A child of an earlier attempt, or one whose step lost, timed out or was abandoned.
  if (record.status !== 'waiting' || record.wait !== 'child' || record.child !== input.result.execution_id) return;
  record.child = null;
  const { result } = input;
  const receiptHash = contentHash(result);
  if (result.status !== 'success' && onFailureOf(step) === 'retry') {
    const detail = result.error === undefined ? result.status : `${result.error.error_code}: ${result.error.message}`;
    const error = executionError('DEPENDENCY_FAILED', `step "${step.name}": child run ${result.execution_id} ended ${result.status} (${detail})`, step.name);
    failStep(s, step, error, { hashes: { receipt_hash: receiptHash } });
    return;
  }
  const output: ExecutePlanOutput = {
    status: result.status,
    execution_id: result.execution_id,
    plan_hash: result.plan_hash,
    result: result.outputs,
    error: result.error === undefined ? null : { code: result.error.error_code, message: result.error.message },
  };
  completeStep(s, step, output, { receipt_hash: receiptHash });
}

/** A hard timeout: the child is cancelled and the step fails under its on_failure policy. */
export function childTimedOut(s: Session, step: ExecutePlanStep): void {
  failStep(s, step, executionError('STEP_TIMEOUT', `step "${step.name}": the child run did not end within ${step.timeout_ms} ms`, step.name));
}
