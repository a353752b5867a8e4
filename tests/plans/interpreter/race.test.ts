/**
 * The race between a receipt and a timer, both ways it is usually written: a `timer.set` effect
 * raced through an `any` join (the fixture plans/examples/timeout-race.json), and an await step's
 * own timeout_ms. Whichever input is delivered first wins; the loser is recorded `lost` and its
 * late input is ignored on the record.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../plans/schema.js';
import { makePlan, ref, Run } from './harness.js';

const timeoutRace = JSON.parse(readFileSync(new URL('../../../plans/examples/timeout-race.json', import.meta.url), 'utf8')) as Plan;
const start = () => Run.start(timeoutRace, { input: { order_id: 'o-1', amount_cents: 500 }, context: { environment: { payments: 'stripe' } } });

describe('receipt vs timer.set through an any join', () => {
  it('given the run starts, then both the charge and the timer are emitted', () => {
    const run = start();
    expect(run.of('emit').map((e) => [e.step, e.effect, e.params])).toEqual([
      ['charge', 'payment.charge', { amount_cents: 500, order_id: 'o-1' }],
      ['deadline', 'timer.set', { delay_ms: 30000 }],
    ]);
  });

  it('given the receipt comes first, then the timer wait loses and the late timer receipt is ignored', () => {
    const run = start();
    run.receipt('charge', 'ok', { id: 'ch_1' });
    expect(run.transitions('deadline_hit')).toMatchObject([{ transition: 'started' }, { transition: 'lost', cause: 'race' }]);
    // `paid` ends the run first in plan order; the other end steps are never visited.
    expect(run.path('timed_out')).toEqual([]);
    const result = run.result();
    expect(result).toMatchObject({ status: 'success', outputs: { order_id: 'o-1', payment: { id: 'ch_1' } } });
    expect(run.receipt('deadline', 'ok')).toEqual([]);
    expect(run.state.result).toEqual(result);
  });

  it('given the timer comes first, then the charge wait loses, the run takes the timeout branch, the late receipt is ignored', () => {
    const run = start();
    run.receipt('deadline', 'ok');
    expect(run.transitions('charged')).toMatchObject([{ transition: 'started' }, { transition: 'lost', cause: 'race' }]);
    expect(run.state.vars.outcome).toBe('timeout');
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'PAYMENT_TIMEOUT', step: 'timed_out' } });
    expect(run.receipt('charge', 'ok')).toEqual([]);
  });

  it('given the charge is declined first, then the declined branch ends the run with its own code', () => {
    const run = start();
    run.receipt('charge', 'error', null, { code: 'CARD_DECLINED', message: 'insufficient funds' });
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'PAYMENT_DECLINED', message: 'insufficient funds' } });
  });
});

describe('receipt vs the await step timeout_ms', () => {
  const plan = makePlan([
    { name: 'ask', kind: 'emit_effect', effect: 'svc.ask', params: {}, idempotency_key: 'k' },
    { name: 'answer', kind: 'await_receipt', for: 'ask', depends_on: ['ask'], timeout_ms: 1000 },
    { name: 'done', kind: 'end', status: 'success', depends_on: ['answer'], result: ref('steps.answer.status') },
  ]);

  it('given the receipt first, then the step completes ok and the timer firing later is ignored', () => {
    const run = Run.start(plan);
    run.receipt('ask', 'ok');
    expect(run.result().outputs).toBe('ok');
    expect(run.fire('timeout:answer')).toEqual([]);
  });

  it('given the timer first, then the step completes timeout and the receipt later is ignored', () => {
    const run = Run.start(plan);
    run.fire('timeout:answer');
    expect(run.result().outputs).toBe('timeout');
    expect(run.receipt('ask', 'ok')).toEqual([]);
  });
});

describe('a losing step abandons what it waited for', () => {
  it('given a losing execute_plan step, then its child is cancelled and its late result ignored', () => {
    const run = Run.start(makePlan([
      { name: 'child', kind: 'execute_plan', plan: { id: '33333333-3333-4333-8333-333333333333', version: '1.0.0' }, input: { op: 'record', fields: {} } },
      { name: 'stop', kind: 'await_event', event: 'stop' },
      { name: 'first', kind: 'assign', depends_on: ['child', 'stop'], join: 'any', set: { x: 1 } },
      { name: 'after_child', kind: 'assign', depends_on: ['child'], set: { y: 1 } },
    ]));
    const child = run.of('start_child')[0];
    run.event('stop', null);
    expect(run.of('cancel_child')).toEqual([{ type: 'cancel_child', step: 'child', execution_id: child?.execution_id, reason: 'the step lost the race to "first"' }]);
    expect(run.path('child')).toEqual(['started', 'lost']);
    expect(run.path('after_child')).toEqual(['skipped']);
    expect(run.result().status).toBe('success');
  });
});
