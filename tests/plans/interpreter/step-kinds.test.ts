/**
 * Every step kind, given/when/then: what it outputs, what `steps.<name>` reads afterwards and the
 * hashes its transitions carry.
 */
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../kernel/core/hash.js';
import { runIntentId } from '../../../kernel/core/intent-id.js';
import { EXEC_ID, makePlan, ref, Run, call } from './harness.js';

describe('emit_effect', () => {
  const plan = makePlan([
    {
      name: 'charge', kind: 'emit_effect', effect: 'payment.charge', bind: 'charge_intent',
      params: { amount: ref('input.amount'), currency: 'EUR' }, idempotency_key: call('concat', 'charge:', ref('input.order')),
    },
    { name: 'ping', kind: 'emit_effect', effect: 'registry.read', params: {}, read_only: true },
    { name: 'done', kind: 'end', status: 'success', depends_on: ['charge', 'ping'], result: ref('vars.charge_intent') },
  ]);

  it('given params and a key, when the run starts, then it emits an intent whose id pins run, step, attempt and content', () => {
    const run = Run.start(plan, { input: { amount: 5, order: 'o-1' } });
    const [charge, ping] = run.of('emit');
    const params = { amount: 5, currency: 'EUR' };
    expect(charge).toEqual({
      type: 'emit', step: 'charge', attempt: 1, effect: 'payment.charge', params, idempotency_key: 'charge:o-1',
      intent_id: runIntentId(EXEC_ID, 'charge', 1, 'payment.charge', params, 'charge:o-1'),
    });
    expect(ping).toEqual({
      type: 'emit', step: 'ping', attempt: 1, effect: 'registry.read', params: {}, read_only: true,
      intent_id: runIntentId(EXEC_ID, 'ping', 1, 'registry.read', {}, undefined),
    });
  });

  it('then the step completes at once with the intent as output, bound to its variable and hashed', () => {
    const run = Run.start(plan, { input: { amount: 5, order: 'o-1' } });
    const output = { intent_id: run.intentOf('charge'), effect: 'payment.charge', params: { amount: 5, currency: 'EUR' }, idempotency_key: 'charge:o-1' };
    expect(run.path('charge')).toEqual(['started', 'completed']);
    const completed = run.transitions('charge')[1];
    expect(completed?.output_hash).toBe(contentHash(output));
    expect(completed?.input_hash).toBe(contentHash({ effect: 'payment.charge', params: output.params, idempotency_key: 'charge:o-1' }));
    expect(run.state.vars.charge_intent).toEqual(output);
    expect(run.result().outputs).toEqual(output);
  });

  it('given an idempotency key that is not a string, then the step fails with EXPRESSION_FAILED', () => {
    const bad = makePlan([{ name: 'charge', kind: 'emit_effect', effect: 'payment.charge', params: {}, idempotency_key: 42 }]);
    const run = Run.start(bad);
    expect(run.of('emit')).toEqual([]);
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'EXPRESSION_FAILED', step: 'charge' } });
  });
});

describe('await_receipt', () => {
  const plan = makePlan([
    { name: 'charge', kind: 'emit_effect', effect: 'payment.charge', params: {}, idempotency_key: 'k' },
    { name: 'charged', kind: 'await_receipt', for: 'charge', depends_on: ['charge'], bind: 'receipt' },
    { name: 'done', kind: 'end', status: 'success', depends_on: ['charged'], result: ref('steps.charged') },
  ]);

  it.each(['ok', 'error', 'timeout'] as const)('given a receipt with status %s, then the status is visible and the run does not fail', (status) => {
    const run = Run.start(plan);
    const error = status === 'ok' ? null : { code: 'CARD_DECLINED', message: 'declined' };
    run.receipt('charge', status, status === 'ok' ? { id: 'ch_1' } : null, error);
    const output = { status, intent_id: run.intentOf('charge'), result: status === 'ok' ? { id: 'ch_1' } : null, error };
    expect(run.result()).toMatchObject({ status: 'success', outputs: output });
    expect(run.state.vars.receipt).toEqual(output);
    const completed = run.transitions('charged').find((t) => t.transition === 'completed');
    expect(completed?.receipt_hash).toBe(contentHash({ intent_id: output.intent_id, status, result: output.result, error }));
  });

  it('given the receipt arrives before the await step is ready, then it is kept and settles the step when it starts', () => {
    const slow = makePlan([
      { name: 'charge', kind: 'emit_effect', effect: 'payment.charge', params: {}, idempotency_key: 'k' },
      { name: 'gate', kind: 'await_event', event: 'go' },
      { name: 'charged', kind: 'await_receipt', for: 'charge', depends_on: ['charge', 'gate'] },
      { name: 'done', kind: 'end', status: 'success', depends_on: ['charged'], result: ref('steps.charged.status') },
    ]);
    const run = Run.start(slow);
    run.receipt('charge', 'ok');
    expect(run.last).toEqual([]);
    run.event('go', null);
    expect(run.result().outputs).toBe('ok');
  });

  it('given a duplicate or unknown receipt, then it is ignored', () => {
    const run = Run.start(plan);
    expect(run.send({ type: 'receipt', intent_id: 'f'.repeat(64), status: 'ok', result: null, error: null })).toEqual([]);
    run.receipt('charge', 'ok', 1);
    expect(run.receipt('charge', 'ok', 2)).toEqual([]);
    expect(run.result().outputs).toMatchObject({ result: 1 });
  });
});

describe('await_event', () => {
  it('given a matching event, then the step completes with it; a non-matching one is not consumed', () => {
    const plan = makePlan([
      { name: 'paid', kind: 'await_event', event: 'payment.settled', where: call('eq', ref('event.data.order'), ref('input.order')) },
      { name: 'done', kind: 'end', status: 'success', depends_on: ['paid'], result: ref('steps.paid') },
    ]);
    const run = Run.start(plan, { input: { order: 'o-1' } });
    expect(run.event('payment.settled', { order: 'o-2' })).toEqual([]);
    run.event('payment.settled', { order: 'o-1' }, 7);
    const output = { status: 'ok', event: { type: 'payment.settled', data: { order: 'o-1' } } };
    expect(run.result().outputs).toEqual(output);
    const completed = run.transitions('paid').find((t) => t.transition === 'completed');
    expect(completed?.receipt_hash).toBe(contentHash({ seq: 7, event: output.event }));
  });
});

describe('raise_event', () => {
  it('given data, then it raises the event and its output is the event', () => {
    const tellPlan = makePlan([
      { name: 'tell', kind: 'raise_event', event: 'order.accepted', data: { op: 'record', fields: { id: ref('input.id') } } },
      { name: 'done', kind: 'end', status: 'success', depends_on: ['tell'], result: ref('steps.tell') },
    ]);
    const run = Run.start(tellPlan, { input: { id: 'o-1' } });
    expect(run.of('raise')).toEqual([{ type: 'raise', step: 'tell', attempt: 1, event: 'order.accepted', data: { id: 'o-1' } }]);
    expect(run.result().outputs).toEqual({ type: 'order.accepted', data: { id: 'o-1' } });
  });
});

describe('assign', () => {
  it('given several values, then each is evaluated against the scope before the step and written to vars', () => {
    const plan = makePlan([
      { name: 'first', kind: 'assign', set: { n: 1 } },
      { name: 'second', kind: 'assign', depends_on: ['first'], set: { n: call('add', ref('vars.n'), 10), m: ref('vars.n') } },
      { name: 'done', kind: 'end', status: 'success', depends_on: ['second'], result: ref('steps.second') },
    ]);
    const run = Run.start(plan);
    expect(run.result().outputs).toEqual({ n: 11, m: 1 });
    expect(run.state.vars).toEqual({ n: 11, m: 1 });
    expect(run.transitions('second').at(-1)?.input_hash).toBe(contentHash({ m: 1, n: 11 }));
  });
});

describe('end', () => {
  it('given status success, then the run succeeds with the evaluated result and no error', () => {
    const run = Run.start(makePlan([{ name: 'done', kind: 'end', status: 'success', result: { op: 'lit', value: [1, 2] } }]));
    const result = run.result();
    expect(result).toEqual({
      execution_id: EXEC_ID, plan_id: run.plan.id, plan_hash: run.state.plan_hash, status: 'success',
      started_at: run.state.started_at, completed_at: run.state.started_at, duration_ms: 0,
      steps_executed: 1, steps_total: 1, outputs: [1, 2],
    });
    expect(result).not.toHaveProperty('error');
  });

  it('given failure with a user code and message, then the run fails with them', () => {
    const run = Run.start(makePlan([
      { name: 'no', kind: 'end', status: 'failure', error_code: 'ORDER_REJECTED', error_message: call('concat', 'bad ', ref('input.id')) },
    ]), { input: { id: 'o-9' } });
    expect(run.result()).toMatchObject({
      status: 'failure', outputs: null,
      error: { error_code: 'ORDER_REJECTED', severity: 'error', recoverable: false, message: 'bad o-9', step: 'no' },
    });
  });

  it('given partial without a code, then the status names the code', () => {
    const run = Run.start(makePlan([{ name: 'meh', kind: 'end', status: 'partial' }]));
    expect(run.result()).toMatchObject({ status: 'partial', error: { error_code: 'PLAN_PARTIAL', severity: 'warn', step: 'meh' } });
  });

  it('given two end steps ready together, then only the first in plan order ends the run', () => {
    const run = Run.start(makePlan([
      { name: 'a', kind: 'end', status: 'success', result: 'a' },
      { name: 'b', kind: 'end', status: 'failure', error_code: 'B' },
    ]));
    expect(run.result()).toMatchObject({ status: 'success', outputs: 'a', steps_executed: 1 });
    expect(run.path('b')).toEqual([]);
  });
});
