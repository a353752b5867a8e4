/**
 * Timeouts. A wait's timeout_ms yields status `timeout` (a value the plan branches on); the plan
 * timeout_ms, the context deadline_ms and an execute_plan step's timeout_ms are hard stops that
 * fail the run or step, never a warning, and an input stamped past them cannot slip in first.
 */
import { describe, expect, it } from 'vitest';
import { RUN_DEADLINE_KEY } from '../../../plans/interpreter/index.js';
import { childResult, makePlan, ref, Run, T0 } from './harness.js';

const awaitReceipt = makePlan([
  { name: 'charge', kind: 'emit_effect', effect: 'payment.charge', params: {}, idempotency_key: 'k' },
  { name: 'charged', kind: 'await_receipt', for: 'charge', depends_on: ['charge'], timeout_ms: 2000 },
  { name: 'done', kind: 'end', status: 'success', depends_on: ['charged'], result: ref('steps.charged.status') },
]);

describe('wait timeouts (await_receipt, await_event)', () => {
  it('given an await_receipt with timeout_ms, when it starts, then a timer is armed for that attempt', () => {
    const run = Run.start(awaitReceipt);
    expect(run.timer('timeout:')).toEqual({ type: 'timer', key: 'timeout:charged:1', due_at: T0 + 2000 });
  });

  it('when the timer fires first, then the step completes with status timeout and a later receipt is ignored', () => {
    const run = Run.start(awaitReceipt);
    run.fire('timeout:charged');
    expect(run.result()).toMatchObject({ status: 'success', outputs: 'timeout' });
    expect(run.receipt('charge', 'ok')).toEqual([]);
  });

  it('given an await_event with timeout_ms, when it elapses, then status is timeout and event null', () => {
    const run = Run.start(makePlan([
      { name: 'reply', kind: 'await_event', event: 'reply', timeout_ms: 1000 },
      { name: 'done', kind: 'end', status: 'success', depends_on: ['reply'], result: ref('steps.reply') },
    ]));
    run.fire('timeout:reply');
    expect(run.result().outputs).toEqual({ status: 'timeout', event: null });
    expect(run.event('reply', 1)).toEqual([]);
  });
});

describe('plan timeout_ms and context deadline_ms (hard stops)', () => {
  const longWait = makePlan([
    { name: 'reply', kind: 'await_event', event: 'reply' },
    { name: 'done', kind: 'end', status: 'success', depends_on: ['reply'] },
  ], { timeout_ms: 10_000 });

  it('given a run starts, then one run deadline timer is armed at min(started_at + timeout_ms, deadline_ms)', () => {
    const run = Run.start(longWait, { context: { deadline_ms: T0 + 10_000 } });
    expect(run.of('timer')).toEqual([{ type: 'timer', key: RUN_DEADLINE_KEY, due_at: T0 + 10_000 }]);
  });

  it('when the deadline timer fires, then the run fails with PLAN_TIMEOUT and waiting steps are abandoned', () => {
    const run = Run.start(longWait);
    run.fire(RUN_DEADLINE_KEY);
    expect(run.path('reply')).toEqual(['started', 'abandoned']);
    expect(run.result()).toMatchObject({
      status: 'failure', completed_at: T0 + 10_000, duration_ms: 10_000,
      error: { error_code: 'PLAN_TIMEOUT', severity: 'error', recoverable: true, step: null },
    });
  });

  it('given an input stamped at the deadline before the timer is delivered, then the run times out instead of applying it', () => {
    const run = Run.start(longWait);
    run.event('reply', null, 1, T0 + 10_000);
    expect(run.path('done')).toEqual([]);
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'PLAN_TIMEOUT' } });
  });

  it('given an input stamped just before the deadline, then it is applied', () => {
    const run = Run.start(longWait);
    run.event('reply', null, 1, T0 + 9_999);
    expect(run.result().status).toBe('success');
  });

  it('given the context deadline is the binding limit, then the run ends there with PLAN_TIMEOUT', () => {
    const run = Run.start(longWait, { context: { started_at: T0, deadline_ms: T0 + 10_000 } });
    run.event('reply', null, 1, T0 + 10_001);
    expect(run.result()).toMatchObject({ status: 'failure', completed_at: T0 + 10_001, error: { error_code: 'PLAN_TIMEOUT' } });
  });

  it('given a run that starts at or after its deadline, then it ends at once with PLAN_TIMEOUT and starts no step', () => {
    const run = Run.start(longWait, { at: T0 + 10_000 });
    expect(run.transitions()).toEqual([]);
    expect(run.result()).toMatchObject({ status: 'failure', steps_executed: 0, error: { error_code: 'PLAN_TIMEOUT' } });
  });
});

describe('execute_plan timeout_ms (hard STEP_TIMEOUT)', () => {
  const parent = makePlan([
    { name: 'child', kind: 'execute_plan', plan: { hash: 'cd'.repeat(32) }, input: { op: 'record', fields: {} }, timeout_ms: 3000 },
  ]);

  it('when the step timer fires, then the child is cancelled and the step fails with STEP_TIMEOUT', () => {
    const run = Run.start(parent);
    const child = run.of('start_child')[0];
    run.fire('timeout:child');
    expect(run.of('cancel_child')).toEqual([{ type: 'cancel_child', step: 'child', execution_id: child?.execution_id, reason: 'the step failed' }]);
    expect(run.transitions('child').at(-1)).toMatchObject({ transition: 'failed', cause: 'halt', error: { error_code: 'STEP_TIMEOUT' } });
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'STEP_TIMEOUT', step: 'child' } });
  });

  it('given the child result is stamped after the step deadline, then the step has already timed out', () => {
    const run = Run.start(parent);
    const child = run.of('start_child')[0];
    run.send({ type: 'child_ended', step: 'child', at: T0 + 3000, result: childResult(child?.execution_id as string, 'success') });
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'STEP_TIMEOUT' } });
  });
});
