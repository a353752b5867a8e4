import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivedIds, e, planBuilder, planHash, validatePlan } from '../../plans/index.js';
import type { Plan } from '../../plans/index.js';
import { isWorldlineError } from '../../kernel/errors.js';

const example = (name: string): Plan => JSON.parse(readFileSync(new URL(`../../plans/examples/${name}.json`, import.meta.url), 'utf8')) as Plan;

function timeoutRace(): Plan {
  const ids = derivedIds('timeout-race');
  return planBuilder({
    id: ids(),
    name: 'charge-with-timeout',
    version: '1.0.0',
    description: 'Charge a card; give up if the payment provider has not answered within 30 s.',
    created_at: 1767225600000,
    timeout_ms: 120000,
    context_requirements: ['payments'],
    input: { fields: { order_id: { type: 'string', required: true }, amount_cents: { type: 'integer', required: true } } },
    triggers: [{ event: 'order.placed' }],
  }, { ids })
    .emitEffect('charge', {
      effect: 'payment.charge',
      params: { order_id: e.input('order_id'), amount_cents: e.input('amount_cents') },
      idempotency_key: e.concat('charge:', e.input('order_id')),
    })
    .emitEffect('deadline', { effect: 'timer.set', params: { delay_ms: 30000 } })
    .awaitReceipt('charged', { for: 'charge', depends_on: ['charge'] })
    .awaitReceipt('deadline_hit', { for: 'deadline', depends_on: ['deadline'] })
    .assign('race', { depends_on: ['charged', 'deadline_hit'], join: 'any', set: { outcome: e.coalesce(e.step('charged', 'status'), 'timeout') } })
    .end('paid', {
      depends_on: ['race'], when: e.eq(e.var('outcome'), 'ok'), status: 'success',
      result: e.record({ order_id: e.input('order_id'), payment: e.step('charged', 'result') }),
    })
    .end('declined', {
      depends_on: ['race'], when: e.eq(e.var('outcome'), 'error'), status: 'failure', error_code: 'PAYMENT_DECLINED',
      error_message: e.get(e.step('charged', 'error'), 'message', 'declined'),
    })
    .end('timed_out', {
      depends_on: ['race'], when: e.eq(e.var('outcome'), 'timeout'), status: 'failure', error_code: 'PAYMENT_TIMEOUT',
      error_message: 'no answer from the payment provider within 30 s',
    })
    .build();
}

describe('planBuilder', () => {
  it('emits exactly the hand-written timeout-race JSON, which validates and hashes the same', () => {
    const built = timeoutRace();
    const hand = example('timeout-race');
    expect(built).toEqual(hand);
    expect(validatePlan(built).ok).toBe(true);
    expect(planHash(built)).toBe(planHash(hand));
  });

  it('refuses at compile time what it can: unknown dependencies and receipts for non-effects', () => {
    const start = planBuilder({ id: '', name: 'x', version: '1.0.0', created_at: 1, timeout_ms: 1, context_requirements: ['c'] }, { ids: derivedIds('t') });
    const b = start.emitEffect('a', { effect: 'x.y', params: {} }).assign('v', { set: { x: 1 } });
    // @ts-expect-error 'nope' is not a step name
    b.end('done', { status: 'success', depends_on: ['nope'] });
    // @ts-expect-error 'v' is not an emit_effect step
    b.awaitReceipt('r', { for: 'v' });
    expect(b.awaitReceipt('r', { for: 'a', depends_on: ['a'] }).toJSON().steps).toHaveLength(3);
  });

  it('throws PLAN_INVALID with every issue when the result does not validate', () => {
    const b = planBuilder({ id: 'nope', name: 'x', version: '1.0.0', created_at: 1, timeout_ms: 1, context_requirements: ['c'] }, { ids: derivedIds('t') })
      .assign('v', { set: { x: e.var('missing') } });
    try {
      b.build();
      expect.unreachable();
    } catch (err) {
      expect(isWorldlineError(err) && err.code).toBe('PLAN_INVALID');
      expect(isWorldlineError(err) && (err.details.issues as { code: string }[]).map((i) => i.code)).toEqual(['INVALID_UUID']);
    }
  });

  it('needs an id for every step: explicit or from an IdSource (never random)', () => {
    const header = { id: derivedIds('h')(), name: 'x', version: '1.0.0', created_at: 1, timeout_ms: 1, context_requirements: ['c'] };
    expect(() => planBuilder(header).assign('v', { set: { x: 1 } })).toThrow(/has no id/);
    const explicit = planBuilder(header).assign('v', { id: derivedIds('s')(), set: { x: 1 } }).build();
    expect(explicit.steps[0]?.id).toBe(derivedIds('s')());
  });

  it('drops undefined options so the JSON round-trips', () => {
    const plan = planBuilder({ id: derivedIds('h')(), name: 'x', version: '1.0.0', created_at: 1, timeout_ms: 1, context_requirements: ['c'] }, { ids: derivedIds('t') })
      .assign('v', { set: { x: 1 }, when: undefined })
      .build();
    expect(Object.keys(plan.steps[0]!)).toEqual(['id', 'name', 'kind', 'set']);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});
