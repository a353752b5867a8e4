import { describe, expect, it } from 'vitest';
import { validatePlan } from '../../plans/index.js';
import type { Expr, Issue, Plan } from '../../plans/index.js';
import { call, json, ref, samplePlan, uuid } from './support/plans.js';

function issuesOf(plan: Plan): Issue[] {
  const result = validatePlan(plan);
  return result.ok ? [] : result.issues;
}

/** given samplePlan with `when` on step `at` (default: done), then these issues. */
function whenIssues(when: Expr, at = 2): [string, string][] {
  const plan = json(samplePlan());
  plan.steps[at]!.when = when;
  return issuesOf(plan).map((i) => [i.code, i.pointer]);
}

describe('validatePlan: expressions and refs', () => {
  it('accepts refs to declared input, ancestors, run fields and correlation', () => {
    expect(whenIssues(call('and', call('eq', ref('steps.charged.status'), 'ok'), call('gt', ref('input.amount'), 0), call('gt', ref('run.started_at'), 0)))).toEqual([]);
    expect(whenIssues(call('ne', ref('correlation'), null))).toEqual([]);
  });

  it('rejects malformed expressions with a pointer into them', () => {
    expect(whenIssues({ op: 'equals', args: [1, 1] } as unknown as Expr)).toEqual([['EXPR_INVALID', '/steps/2/when']]);
    expect(whenIssues(call('eq', 1))).toEqual([['EXPR_ARITY', '/steps/2/when']]);
    expect(whenIssues(call('not', [true] as unknown as Expr))).toEqual([['EXPR_INVALID', '/steps/2/when/args/0']]);
    expect(whenIssues(call('eq', ref('inputs.x'), 1))).toEqual([['EXPR_BAD_PATH', '/steps/2/when/args/0']]);
    expect(whenIssues({ op: 'ref' } as unknown as Expr)).toEqual([['MISSING_FIELD', '/steps/2/when']]);
  });

  it('bounds expression depth and size', () => {
    let deep: Expr = true;
    for (let i = 0; i < 40; i++) deep = call('not', deep);
    expect(whenIssues(deep)).toEqual([['EXPR_TOO_DEEP', '/steps/2/when' + '/args/0'.repeat(33)]]);
    const wide = call('and', ...Array.from({ length: 1100 }, () => true));
    expect(whenIssues(wide)).toEqual([['EXPR_TOO_LARGE', '/steps/2/when']]);
  });

  it('rejects refs to unknown input fields, variables and steps', () => {
    expect(whenIssues(call('eq', ref('input.customer'), 'x'))).toEqual([['REF_UNKNOWN_INPUT', '/steps/2/when/args/0']]);
    expect(whenIssues(call('eq', ref('vars.outcome'), 'x'))).toEqual([['REF_UNKNOWN_VAR', '/steps/2/when/args/0']]);
    expect(whenIssues(call('eq', ref('steps.refund.status'), 'x'))).toEqual([['REF_UNKNOWN_STEP', '/steps/2/when/args/0']]);
  });

  it('rejects refs to steps that are not ancestors, itself included', () => {
    expect(whenIssues(call('eq', ref('steps.charged.status'), 'ok'), 0)).toEqual([['REF_NOT_ANCESTOR', '/steps/0/when/args/0']]);
    expect(whenIssues(call('eq', ref('steps.done.status'), 'ok'))).toEqual([['REF_NOT_ANCESTOR', '/steps/2/when/args/0']]);
  });

  it('rejects fields a step output or run does not have', () => {
    expect(whenIssues(call('eq', ref('steps.charged.state'), 'ok'))).toEqual([['REF_UNKNOWN_FIELD', '/steps/2/when/args/0']]);
    expect(whenIssues(call('eq', ref('run.now'), 1))).toEqual([['REF_UNKNOWN_FIELD', '/steps/2/when/args/0']]);
  });

  it('allows event.* only in an await_event where', () => {
    expect(whenIssues(call('eq', ref('event.type'), 'x'))).toEqual([['REF_EVENT_OUTSIDE_WHERE', '/steps/2/when/args/0']]);
    const plan = json(samplePlan());
    plan.steps.push({ id: uuid(30), name: 'wait', kind: 'await_event', event: 'x.y', where: call('eq', ref('event.data.order_id'), ref('input.order_id')), timeout_ms: 10 });
    expect(issuesOf(plan)).toEqual([]);
  });

  it('knows types: guards are boolean, operands fit their operators', () => {
    expect(whenIssues(ref('input.order_id'))).toEqual([['EXPR_TYPE_MISMATCH', '/steps/2/when']]);
    expect(whenIssues(call('gt', call('add', ref('input.order_id'), 1), 0))).toEqual([['EXPR_TYPE_MISMATCH', '/steps/2/when/args/0/args/0']]);
    expect(whenIssues(call('lt', ref('input.amount'), 'ten'))).toEqual([['EXPR_TYPE_MISMATCH', '/steps/2/when']]);
    expect(whenIssues(call('eq', ref('input.order_id.prefix'), 'x'))).toEqual([['EXPR_TYPE_MISMATCH', '/steps/2/when/args/0']]);
    expect(whenIssues(call('eq', call('div', ref('input.amount'), 0), 1))).toEqual([['EXPR_DIVISION_BY_ZERO', '/steps/2/when/args/0/args/1']]);
    expect(whenIssues(call('eq', ref('steps.charged.result.anything.deep'), 1))).toEqual([]);
  });

  it('checks the types the language fixes: idempotency_key is a string', () => {
    const plan = json(samplePlan());
    (plan.steps[0] as { idempotency_key?: Expr }).idempotency_key = ref('input.amount');
    expect(issuesOf(plan).map((i) => [i.code, i.pointer])).toEqual([['EXPR_TYPE_MISMATCH', '/steps/0/idempotency_key']]);
  });

  it('knows variables written by assign and bind', () => {
    const plan = json(samplePlan());
    (plan.steps[1] as { bind?: string }).bind = 'receipt';
    plan.steps[2]!.when = call('eq', call('get', ref('vars.receipt'), 'status'), 'ok');
    expect(issuesOf(plan)).toEqual([]);
  });
});
