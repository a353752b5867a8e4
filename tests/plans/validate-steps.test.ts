import { describe, expect, it } from 'vitest';
import { validatePlan } from '../../plans/index.js';
import type { Issue, Plan, Step } from '../../plans/index.js';
import { json, ref, samplePlan, uuid } from './support/plans.js';

function issuesOf(plan: Plan): [string, string][] {
  const result = validatePlan(plan);
  return result.ok ? [] : result.issues.map((i: Issue) => [i.code, i.pointer]);
}

function plus(...steps: Step[]): Plan {
  const plan = json(samplePlan());
  plan.steps.push(...steps);
  return plan;
}

describe('validatePlan: step rules', () => {
  it('await_receipt must name an emit_effect step that is an ancestor', () => {
    expect(issuesOf(plus({ id: uuid(30), name: 'w', kind: 'await_receipt', for: 'nothing', timeout_ms: 1 }))).toEqual([['RECEIPT_TARGET_UNKNOWN', '/steps/3/for']]);
    expect(issuesOf(plus({ id: uuid(30), name: 'w', kind: 'await_receipt', for: 'charged', depends_on: ['charged'], timeout_ms: 1 }))).toEqual([['RECEIPT_TARGET_NOT_EFFECT', '/steps/3/for']]);
    expect(issuesOf(plus({ id: uuid(30), name: 'w', kind: 'await_receipt', for: 'charge', timeout_ms: 1 }))).toEqual([['RECEIPT_TARGET_NOT_ANCESTOR', '/steps/3/for']]);
  });

  it('timer.set needs a positive integer delay_ms', () => {
    const timer = (params: Record<string, unknown>) => plus({ id: uuid(30), name: 't', kind: 'emit_effect', effect: 'timer.set', params } as Step);
    expect(issuesOf(timer({}))).toEqual([['TIMER_DELAY_INVALID', '/steps/3/params']]);
    expect(issuesOf(timer({ delay_ms: 0 }))).toEqual([['TIMER_DELAY_INVALID', '/steps/3/params/delay_ms']]);
    expect(issuesOf(timer({ delay_ms: 'soon' }))).toEqual([['TIMER_DELAY_INVALID', '/steps/3/params/delay_ms']]);
    expect(issuesOf(timer({ delay_ms: ref('input.order_id') }))).toEqual([['EXPR_TYPE_MISMATCH', '/steps/3/params/delay_ms']]);
    expect(issuesOf(timer({ delay_ms: ref('input.amount') }))).toEqual([]);
  });

  it('an end step may not claim a reserved error code', () => {
    const plan = json(samplePlan());
    Object.assign(plan.steps[2]!, { status: 'failure', error_code: 'POLICY_DENIED' });
    expect(issuesOf(plan)).toEqual([['RESERVED_ERROR_CODE', '/steps/2/error_code']]);
    Object.assign(plan.steps[2]!, { error_code: 'CARD_DECLINED' });
    expect(issuesOf(plan)).toEqual([]);
  });

  it('a success end carries no error', () => {
    const plan = json(samplePlan());
    Object.assign(plan.steps[2]!, { error_code: 'CARD_DECLINED', error_message: 'no' });
    expect(issuesOf(plan)).toEqual([['ERROR_CODE_WITH_SUCCESS', '/steps/2/error_code'], ['ERROR_CODE_WITH_SUCCESS', '/steps/2/error_message']]);
  });

  it('triggers: one per event type, correlate_by starts with a declared input field', () => {
    const plan = json(samplePlan());
    plan.triggers = [{ event: 'order.placed', correlate_by: 'order_id' }, { event: 'order.placed' }, { event: 'order.retried', correlate_by: 'customer.id' }];
    expect(issuesOf(plan)).toEqual([['DUPLICATE_TRIGGER', '/triggers/1/event'], ['TRIGGER_PATH_UNKNOWN', '/triggers/2/correlate_by']]);
  });
});
