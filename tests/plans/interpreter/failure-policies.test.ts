/**
 * on_failure: halt ends the run as failure with the step's error; skip makes the step dead and the
 * run at best partial; retry schedules a backoff timer and a new attempt (a new intent id with the
 * same idempotency key), and halts when the policy is exhausted or the error cannot change.
 */
import { describe, expect, it } from 'vitest';
import { runIntentId } from '../../../kernel/core/intent-id.js';
import { retryDelay } from '../../../plans/defaults.js';
import type { RetryPolicy } from '../../../plans/schema.js';
import { call, EXEC_ID, makePlan, ref, Run } from './harness.js';

const policy: RetryPolicy = { max_attempts: 3, backoff_ms: 1000, multiplier: 2, max_delay_ms: 1500 };

const retryingCharge = (retry: RetryPolicy = policy) => makePlan([
  { name: 'charge', kind: 'emit_effect', effect: 'payment.charge', params: { amount: 5 }, idempotency_key: 'charge:o-1' },
  { name: 'charged', kind: 'await_receipt', for: 'charge', depends_on: ['charge'], on_failure: 'retry', retry },
  { name: 'done', kind: 'end', status: 'success', depends_on: ['charged'], result: ref('steps.charged.result') },
]);

describe('on_failure: halt', () => {
  it('given a step fails, then the run ends as failure with its error, waiting steps are abandoned, nothing else starts', () => {
    const run = Run.start(makePlan([
      { name: 'listen', kind: 'await_event', event: 'never' },
      { name: 'gate', kind: 'await_event', event: 'go' },
      { name: 'bad', kind: 'assign', depends_on: ['gate'], set: { x: call('div', 1, 0) } },
      { name: 'after', kind: 'assign', depends_on: ['bad'], set: { y: 1 } },
    ]));
    const outputs = run.event('go', null);
    expect(outputs.map((o) => (o.type === 'step' ? `${o.step}:${o.transition}` : o.type))).toEqual([
      'gate:completed', 'bad:started', 'bad:failed', 'listen:abandoned', 'end',
    ]);
    expect(run.transitions('bad')[1]).toMatchObject({ cause: 'halt', error: { error_code: 'EXPRESSION_FAILED', step: 'bad' } });
    expect(run.path('after')).toEqual([]);
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'EXPRESSION_FAILED', severity: 'error', recoverable: false, step: 'bad' } });
  });
});

describe('on_failure: retry', () => {
  it('given an error receipt, then a retry is scheduled after the backoff of retryDelay', () => {
    const run = Run.start(retryingCharge());
    run.receipt('charge', 'error', null, { code: 'HTTP_503', message: 'unavailable' }, run.now + 40);
    const scheduled = run.transitions('charged').at(-1);
    expect(scheduled).toMatchObject({ transition: 'retry_scheduled', attempt: 1, error: { error_code: 'EFFECT_FAILED' } });
    expect(scheduled?.due_at).toBe(run.now + (retryDelay(policy, 2) as number));
    expect(run.timer('retry:charged')).toEqual({ type: 'timer', key: 'retry:charged:2', due_at: scheduled?.due_at });
  });

  it('when the backoff fires, then the effect is re-emitted as a new intent with the same idempotency key', () => {
    const run = Run.start(retryingCharge());
    const first = run.intentOf('charge');
    run.receipt('charge', 'error', null, { code: 'HTTP_503', message: 'unavailable' });
    run.fire('retry:charged');
    const emits = run.of('emit');
    expect(emits).toHaveLength(2);
    expect(emits[1]).toMatchObject({ step: 'charge', attempt: 2, idempotency_key: 'charge:o-1', params: { amount: 5 } });
    expect(emits[1]?.intent_id).toBe(runIntentId(EXEC_ID, 'charge', 2, 'payment.charge', { amount: 5 }, 'charge:o-1'));
    expect(emits[1]?.intent_id).not.toBe(first);
    expect(run.transitions('charged').at(-1)).toMatchObject({ transition: 'started', attempt: 2 });
    // A late receipt for the replaced intent is ignored; the new intent's receipt settles the step.
    expect(run.send({ type: 'receipt', intent_id: first, status: 'ok', result: 'old', error: null })).toEqual([]);
    run.receipt('charge', 'ok', 'new');
    expect(run.result()).toMatchObject({ status: 'success', outputs: 'new' });
  });

  it('given every attempt fails, then the step halts with retries_exhausted after max_attempts', () => {
    const run = Run.start(retryingCharge());
    for (let attempt = 1; attempt <= 3; attempt++) {
      run.receipt('charge', 'error', null, { code: 'HTTP_503', message: 'unavailable' });
      if (attempt < 3) run.fire('retry:charged');
    }
    const delays = run.transitions('charged').filter((t) => t.transition === 'retry_scheduled').map((t) => (t.due_at as number) - t.at);
    expect(delays).toEqual([1000, 1500]);
    expect(run.of('emit')).toHaveLength(3);
    expect(run.transitions('charged').at(-1)).toMatchObject({ transition: 'failed', cause: 'retries_exhausted', attempt: 3 });
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'EFFECT_FAILED', step: 'charged', recoverable: true } });
  });

  it('given a policy denial, then it is not retried: the step halts at once with POLICY_DENIED', () => {
    const run = Run.start(retryingCharge());
    run.receipt('charge', 'error', null, { code: 'POLICY_DENIED', message: 'deny rule 7' });
    expect(run.transitions('charged').at(-1)).toMatchObject({ transition: 'failed', cause: 'not_retryable' });
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'POLICY_DENIED', recoverable: false } });
  });

  it('given a wait timeout under retry, then the timeout counts as a failure and the effect is re-emitted', () => {
    const run = Run.start(makePlan([
      { name: 'charge', kind: 'emit_effect', effect: 'payment.charge', params: {}, idempotency_key: 'k' },
      { name: 'charged', kind: 'await_receipt', for: 'charge', depends_on: ['charge'], timeout_ms: 500, on_failure: 'retry', retry: { ...policy, max_attempts: 2 } },
    ]));
    run.fire('timeout:charged');
    expect(run.transitions('charged').at(-1)).toMatchObject({ transition: 'retry_scheduled', error: { error_code: 'STEP_TIMEOUT' } });
    run.fire('retry:charged');
    expect(run.of('emit')).toHaveLength(2);
    run.fire('timeout:charged:2');
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'STEP_TIMEOUT', step: 'charged' } });
  });

  it('given an instantaneous step fails, then the retry re-evaluates it against the scope of that time', () => {
    const run = Run.start(makePlan([
      { name: 'divide', kind: 'assign', on_failure: 'retry', retry: policy, set: { q: call('div', 10, ref('vars.d')) } },
      { name: 'gate', kind: 'await_event', event: 'go' },
      { name: 'set_d', kind: 'assign', depends_on: ['gate'], set: { d: 2 } },
      { name: 'done', kind: 'end', status: 'success', depends_on: ['divide', 'set_d'], result: ref('vars.q') },
    ]));
    expect(run.transitions('divide')).toMatchObject([{ transition: 'started' }, { transition: 'retry_scheduled', error: { error_code: 'EXPRESSION_FAILED' } }]);
    run.event('go', null);
    run.fire('retry:divide');
    expect(run.result()).toMatchObject({ status: 'success', outputs: 5 });
  });

  it('given retry on a guard that cannot be evaluated, then the guard is evaluated again on the next attempt', () => {
    const run = Run.start(makePlan([
      { name: 'guarded', kind: 'assign', when: ref('vars.ok'), on_failure: 'retry', retry: policy, set: { x: 1 } },
      { name: 'gate', kind: 'await_event', event: 'go' },
      { name: 'set_ok', kind: 'assign', depends_on: ['gate'], set: { ok: false } },
    ]));
    expect(run.path('guarded')).toEqual(['started', 'retry_scheduled']);
    run.event('go', null);
    run.fire('retry:guarded');
    expect(run.transitions('guarded').at(-1)).toMatchObject({ transition: 'skipped', cause: 'guard_false' });
    expect(run.result().status).toBe('success');
  });
});

describe('on_failure: skip', () => {
  it('given a waiting step fails under skip, then the run goes on and ends partial', () => {
    const run = Run.start(makePlan([
      { name: 'wait', kind: 'await_event', event: 'e', where: call('gt', ref('event.data'), 1), on_failure: 'skip' },
      { name: 'other', kind: 'assign', set: { x: 1 } },
    ]));
    run.event('e', 'text');
    expect(run.result()).toMatchObject({ status: 'partial', error: { error_code: 'EXPRESSION_FAILED', step: 'wait' } });
  });
});
