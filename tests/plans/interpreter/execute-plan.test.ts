/**
 * Nested plans: only an explicit execute_plan step starts a child, under an execution_id derived
 * from (parent, step, attempt); the child's result is visible as `steps.<step>`; retry starts a
 * new child; a parent that ends cancels its live children.
 */
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../kernel/core/hash.js';
import { childExecutionId, startRun, stepRun } from '../../../plans/interpreter/index.js';
import { UUID_V4_RE } from '../../../plans/schema.js';
import { call, childResult, EXEC_ID, makeContext, makePlan, PLAN_HASH, ref, Run, T0 } from './harness.js';

const childRef = { hash: 'cd'.repeat(32) };
const parentPlan = (extra: object = {}) => makePlan([
  { name: 'prep', kind: 'assign', set: { n: 3 } },
  { name: 'sub', kind: 'execute_plan', depends_on: ['prep'], plan: childRef, input: { op: 'record', fields: { n: ref('vars.n') } }, bind: 'sub_result', ...extra },
  { name: 'done', kind: 'end', status: 'success', depends_on: ['sub'], result: ref('steps.sub') },
]);

describe('execute_plan', () => {
  it('given the step is ready, then it asks for a child with a derived UUID v4 id and the evaluated input', () => {
    const run = Run.start(parentPlan());
    const [start] = run.of('start_child');
    expect(start).toEqual({
      type: 'start_child', step: 'sub', attempt: 1, plan: childRef, input: { n: 3 },
      execution_id: childExecutionId(EXEC_ID, 'sub', 1), deadline_ms: run.state.deadline_at,
    });
    expect(start?.execution_id).toMatch(UUID_V4_RE);
    expect(childExecutionId(EXEC_ID, 'sub', 2)).not.toBe(start?.execution_id);
    expect(run.path('sub')).toEqual(['started']);
  });

  it('given a step timeout, then the child deadline is the earlier of the step and run deadlines', () => {
    const run = Run.start(parentPlan({ timeout_ms: 5000 }));
    expect(run.of('start_child')[0]?.deadline_ms).toBe(T0 + 5000);
  });

  it('when the child ends, then its result is the step output and the receipt hash pins it', () => {
    const run = Run.start(parentPlan());
    const child = childResult(childExecutionId(EXEC_ID, 'sub', 1), 'success', { total: 9 });
    run.send({ type: 'child_ended', step: 'sub', result: child });
    const output = { status: 'success', execution_id: child.execution_id, plan_hash: child.plan_hash, result: { total: 9 }, error: null };
    expect(run.result()).toMatchObject({ status: 'success', outputs: output });
    expect(run.transitions('sub').at(-1)?.receipt_hash).toBe(contentHash(child));
    expect(run.state.vars.sub_result).toEqual(output);
  });

  it('given the child failed and no retry, then the failure is a visible status, not a parent failure', () => {
    const run = Run.start(makePlan([
      { name: 'sub', kind: 'execute_plan', plan: childRef, input: { op: 'lit', value: {} } },
      { name: 'ok', kind: 'end', status: 'success', depends_on: ['sub'], when: call('eq', ref('steps.sub.status'), 'success') },
      { name: 'ko', kind: 'end', status: 'failure', error_code: 'SUB_FAILED', depends_on: ['sub'], when: call('ne', ref('steps.sub.status'), 'success'), error_message: ref('steps.sub.error.code') },
    ]));
    run.send({ type: 'child_ended', step: 'sub', result: childResult(run.of('start_child')[0]?.execution_id as string, 'failure') });
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'SUB_FAILED', message: 'CHILD_SAID_NO' } });
  });

  it('given retry, then a failed child is followed by a new child; exhausted retries fail with DEPENDENCY_FAILED', () => {
    const run = Run.start(parentPlan({ on_failure: 'retry', retry: { max_attempts: 2, backoff_ms: 100, multiplier: 1, max_delay_ms: 100 } }));
    run.send({ type: 'child_ended', step: 'sub', result: childResult(childExecutionId(EXEC_ID, 'sub', 1), 'partial') });
    run.fire('retry:sub');
    const starts = run.of('start_child');
    expect(starts.map((s) => s.execution_id)).toEqual([childExecutionId(EXEC_ID, 'sub', 1), childExecutionId(EXEC_ID, 'sub', 2)]);
    // The first child's result again (a duplicate) is ignored: it is not the live child.
    expect(run.send({ type: 'child_ended', step: 'sub', result: childResult(childExecutionId(EXEC_ID, 'sub', 1), 'success') })).toEqual([]);
    run.send({ type: 'child_ended', step: 'sub', result: childResult(childExecutionId(EXEC_ID, 'sub', 2), 'failure') });
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'DEPENDENCY_FAILED', step: 'sub' } });
  });

  it('given an input that is not a record, then the step fails with INVALID_PAYLOAD and no child starts', () => {
    const run = Run.start(makePlan([{ name: 'sub', kind: 'execute_plan', plan: childRef, input: 'nope' }]));
    expect(run.of('start_child')).toEqual([]);
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'INVALID_PAYLOAD', step: 'sub' } });
  });

  it('given the parent is cancelled, then its live child is cancelled too', () => {
    const run = Run.start(parentPlan());
    run.send({ type: 'cancel', actor: 'ops', reason: 'stop' });
    expect(run.of('cancel_child')).toEqual([{ type: 'cancel_child', step: 'sub', execution_id: childExecutionId(EXEC_ID, 'sub', 1), reason: 'the parent run ended' }]);
    expect(run.result().error?.error_code).toBe('CANCELLED');
  });

  it('given a real child run, then parent and child each end exactly once and the child result flows back', () => {
    const childPlan = makePlan([
      { name: 'double', kind: 'end', status: 'success', result: call('mul', ref('input.n'), 2) },
    ], { id: '44444444-4444-4444-8444-444444444444', input: { fields: { n: { type: 'integer', required: true } } } });
    const parent = Run.start(parentPlan());
    const start = parent.of('start_child')[0];
    if (start === undefined) throw new Error('no start_child');
    const child = startRun(childPlan, PLAN_HASH, {
      at: parent.now, context: makeContext({ execution_id: start.execution_id, started_at: parent.now }), input: start.input,
      correlation: null, parent: { execution_id: EXEC_ID, step: start.step, attempt: start.attempt },
    });
    expect(child.run.parent).toEqual({ execution_id: EXEC_ID, step: 'sub', attempt: 1 });
    const childEnd = child.outputs.at(-1);
    if (childEnd?.type !== 'end') throw new Error('child did not end');
    parent.send({ type: 'child_ended', step: 'sub', result: childEnd.result });
    expect(parent.result()).toMatchObject({ status: 'success', outputs: { status: 'success', result: 6, execution_id: start.execution_id } });
    expect(stepRun(childPlan, child.run, { type: 'cancel', at: T0 + 5, actor: 'x', reason: 'late' }).outputs).toEqual([]);
  });
});
