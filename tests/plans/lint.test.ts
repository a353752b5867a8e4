import { describe, expect, it } from 'vitest';
import { LINT_CODES, lintPlan, validatePlan } from '../../plans/index.js';
import type { Plan, Step } from '../../plans/index.js';
import { call, json, ref, samplePlan, uuid } from './support/plans.js';

/** Validates first: lints only ever see valid plans. */
function findings(plan: Plan): [string, string, string][] {
  const result = validatePlan(plan);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return lintPlan(result.plan).map((f) => [f.code, f.severity, f.pointer]);
}

let n = 40;
type NoId<S> = S extends Step ? Omit<S, 'id'> : never;
const add = (plan: Plan, step: NoId<Step>): Plan => {
  plan.steps.push({ id: uuid(n++ % 60), ...step } as Step);
  return plan;
};

describe('lintPlan', () => {
  it('finds nothing in the sample plan', () => {
    expect(findings(samplePlan())).toEqual([]);
  });

  describe('WAIT_WITHOUT_TIMEOUT', () => {
    it('flags a wait with neither timeout_ms nor a racing timer', () => {
      const plan = json(samplePlan());
      delete plan.steps[1]!.timeout_ms;
      expect(findings(plan)).toEqual([['WAIT_WITHOUT_TIMEOUT', 'warning', '/steps/1']]);
    });

    it('accepts a timer raced against the wait through a join any', () => {
      const plan = json(samplePlan());
      delete plan.steps[1]!.timeout_ms;
      add(plan, { name: 'timer', kind: 'emit_effect', effect: 'timer.set', params: { delay_ms: 1000 } });
      add(plan, { name: 'timer_fired', kind: 'await_receipt', for: 'timer', depends_on: ['timer'] });
      plan.steps[2]!.depends_on = ['charged', 'timer_fired'];
      plan.steps[2]!.join = 'any';
      expect(findings(plan)).toEqual([]);
    });

    it('accepts a timer leading to its own end step', () => {
      const plan = json(samplePlan());
      delete plan.steps[1]!.timeout_ms;
      add(plan, { name: 'timer', kind: 'emit_effect', effect: 'timer.set', params: { delay_ms: 1000 } });
      add(plan, { name: 'timer_fired', kind: 'await_receipt', for: 'timer', depends_on: ['timer'] });
      add(plan, { name: 'too_late', kind: 'end', status: 'failure', error_code: 'TOO_LATE', depends_on: ['timer_fired'] });
      expect(findings(plan)).toEqual([]);
    });

    it('does not count a timer that only starts after the wait', () => {
      const plan = json(samplePlan());
      delete plan.steps[1]!.timeout_ms;
      add(plan, { name: 'timer', kind: 'emit_effect', effect: 'timer.set', params: { delay_ms: 1000 }, depends_on: ['charged'] });
      add(plan, { name: 'timer_fired', kind: 'await_receipt', for: 'timer', depends_on: ['timer'] });
      add(plan, { name: 'too_late', kind: 'end', status: 'failure', depends_on: ['timer_fired'] });
      expect(findings(plan)).toContainEqual(['WAIT_WITHOUT_TIMEOUT', 'warning', '/steps/1']);
    });
  });

  describe('CORRELATION_PREDICATE_MISSING', () => {
    const correlated = () => {
      const plan = json(samplePlan());
      plan.triggers = [{ event: 'order.placed', correlate_by: 'order_id' }];
      return plan;
    };

    it('flags an await_event without where, or with a where that ignores the key', () => {
      const none = add(correlated(), { name: 'shipped', kind: 'await_event', event: 'order.shipped', timeout_ms: 100 });
      expect(findings(none)).toEqual([['CORRELATION_PREDICATE_MISSING', 'warning', '/steps/3']]);
      const other = add(correlated(), { name: 'shipped', kind: 'await_event', event: 'order.shipped', timeout_ms: 100, where: call('eq', ref('event.data.region'), 'eu') });
      expect(findings(other)).toEqual([['CORRELATION_PREDICATE_MISSING', 'warning', '/steps/3/where']]);
    });

    it('accepts a where on correlation or on the correlate_by input path', () => {
      const byKey = add(correlated(), { name: 'shipped', kind: 'await_event', event: 'order.shipped', timeout_ms: 100, where: call('eq', ref('event.data.order_id'), ref('correlation')) });
      expect(findings(byKey)).toEqual([]);
      const byInput = add(correlated(), { name: 'shipped', kind: 'await_event', event: 'order.shipped', timeout_ms: 100, where: call('eq', ref('event.data.order_id'), ref('input.order_id')) });
      expect(findings(byInput)).toEqual([]);
    });
  });

  it('EFFECT_WITHOUT_IDEMPOTENCY_KEY: a non-read effect without a key; read-only and built-in kinds are exempt', () => {
    const plan = json(samplePlan());
    delete (plan.steps[0] as { idempotency_key?: unknown }).idempotency_key;
    expect(findings(plan)).toEqual([['EFFECT_WITHOUT_IDEMPOTENCY_KEY', 'warning', '/steps/0']]);
    (plan.steps[0] as { read_only?: boolean }).read_only = true;
    expect(findings(plan)).toEqual([]);
  });

  it('IDEMPOTENCY_KEY_CONSTANT: the same key on every run', () => {
    const plan = json(samplePlan());
    (plan.steps[0] as { idempotency_key?: unknown }).idempotency_key = 'charge';
    expect(findings(plan)).toEqual([['IDEMPOTENCY_KEY_CONSTANT', 'warning', '/steps/0/idempotency_key']]);
  });

  it('EFFECT_RECEIPT_IGNORED: nobody awaits the effect', () => {
    const plan = add(json(samplePlan()), { name: 'notify', kind: 'emit_effect', effect: 'mail.send', params: {}, idempotency_key: ref('input.order_id') });
    expect(findings(plan)).toEqual([['EFFECT_RECEIPT_IGNORED', 'warning', '/steps/3']]);
  });

  it('NO_END_STEP: the result is implicit', () => {
    const plan = json(samplePlan());
    plan.steps.pop();
    expect(findings(plan)).toEqual([['NO_END_STEP', 'warning', '/steps']]);
  });

  it('WHEN_ALWAYS_FALSE and END_UNREACHABLE', () => {
    const plan = json(samplePlan());
    plan.steps[1]!.when = call('eq', 1, 2);
    expect(findings(plan)).toEqual([['WHEN_ALWAYS_FALSE', 'error', '/steps/1/when'], ['END_UNREACHABLE', 'error', '/steps/2']]);
  });

  it('END_UNREACHABLE is not reported when a join any keeps a live path', () => {
    const plan = json(samplePlan());
    add(plan, { name: 'other', kind: 'assign', set: { x: 1 }, when: false });
    plan.steps[2]!.depends_on = ['charged', 'other'];
    plan.steps[2]!.join = 'any';
    expect(findings(plan)).toEqual([['WHEN_ALWAYS_FALSE', 'error', '/steps/3/when']]);
  });

  it('ANY_JOIN_SINGLE_DEPENDENCY: nothing to race', () => {
    const plan = json(samplePlan());
    plan.steps[2]!.join = 'any';
    expect(findings(plan)).toEqual([['ANY_JOIN_SINGLE_DEPENDENCY', 'warning', '/steps/2/join']]);
  });

  it('STEP_TIMEOUT_EXCEEDS_PLAN and TIMER_EXCEEDS_PLAN_TIMEOUT', () => {
    const plan = json(samplePlan());
    plan.steps[1]!.timeout_ms = 120000;
    add(plan, { name: 'timer', kind: 'emit_effect', effect: 'timer.set', params: { delay_ms: 90000 } });
    add(plan, { name: 'timer_fired', kind: 'await_receipt', for: 'timer', depends_on: ['timer'] });
    expect(findings(plan)).toEqual([
      ['STEP_TIMEOUT_EXCEEDS_PLAN', 'warning', '/steps/1/timeout_ms'],
      ['TIMER_EXCEEDS_PLAN_TIMEOUT', 'warning', '/steps/3/params/delay_ms'],
    ]);
  });

  it('LITERAL_LOOKS_LIKE_REF: a string that was meant as a ref', () => {
    const plan = json(samplePlan());
    (plan.steps[0] as { params: Record<string, unknown> }).params.order_id = 'input.order_id';
    expect(findings(plan)).toEqual([['LITERAL_LOOKS_LIKE_REF', 'warning', '/steps/0/params/order_id']]);
  });

  it('UNKNOWN_STATUS_LITERAL: a status compared with a value it never takes', () => {
    const plan = json(samplePlan());
    plan.steps[2]!.when = call('eq', ref('steps.charged.status'), 'timed_out');
    expect(findings(plan)).toEqual([['UNKNOWN_STATUS_LITERAL', 'warning', '/steps/2/when/args/1']]);
    plan.steps[2]!.when = call('ne', 'success', ref('steps.charged.status'));
    expect(findings(plan)).toEqual([['UNKNOWN_STATUS_LITERAL', 'warning', '/steps/2/when/args/0']]);
  });

  it('CORRELATION_UNSET: correlation read in a plan no trigger correlates', () => {
    const plan = json(samplePlan());
    plan.steps[2]!.when = call('ne', ref('correlation'), null);
    expect(findings(plan)).toEqual([['CORRELATION_UNSET', 'warning', '/steps/2/when']]);
  });

  it('RAISE_TRIGGERS_SELF: a plan that starts itself', () => {
    const plan = json(samplePlan());
    plan.triggers = [{ event: 'order.placed' }];
    add(plan, { name: 'again', kind: 'raise_event', event: 'order.placed', data: null });
    expect(findings(plan)).toEqual([['RAISE_TRIGGERS_SELF', 'warning', '/steps/3/event']]);
  });

  it('has a test above for every lint code', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL(import.meta.url), 'utf8');
    for (const code of Object.keys(LINT_CODES)) expect(source.split(`['${code}'`).length, code).toBeGreaterThan(1);
  });
});
