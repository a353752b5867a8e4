/**
 * Readiness, joins, guards and dead-path propagation: a dead step is recorded `skipped` and never
 * fires its successors, an `all` step dies with its first dead dependency, an `any` step only when
 * every dependency is dead.
 */
import { describe, expect, it } from 'vitest';
import { call, makePlan, ref, Run } from './harness.js';

const wait = (name: string, extra: object = {}) => ({ name, kind: 'await_event' as const, event: `go.${name}`, ...extra });

describe('join all', () => {
  const plan = makePlan([
    wait('a'),
    wait('b'),
    { name: 'both', kind: 'assign', depends_on: ['a', 'b'], set: { done: true } },
  ]);

  it('given one of two dependencies completed, then the step waits; when the other completes, then it fires', () => {
    const run = Run.start(plan);
    run.event('go.a', null);
    expect(run.path('both')).toEqual([]);
    run.event('go.b', null);
    expect(run.path('both')).toEqual(['started', 'completed']);
    expect(run.result()).toMatchObject({ status: 'success', steps_executed: 3 });
  });

  it('given one dependency dead, then the step is skipped at once even though the other is still pending', () => {
    const guarded = makePlan([
      { name: 'a', kind: 'assign', when: false, set: { x: 1 } },
      wait('b'),
      { name: 'both', kind: 'emit_effect', depends_on: ['a', 'b'], effect: 'x.do', params: {}, idempotency_key: 'k' },
    ]);
    const run = Run.start(guarded);
    expect(run.transitions('a')).toMatchObject([{ transition: 'skipped', cause: 'guard_false', attempt: 0 }]);
    expect(run.transitions('both')).toMatchObject([{ transition: 'skipped', cause: 'dependency_dead' }]);
    expect(run.ended).toBe(false);
    run.event('go.b', null);
    expect(run.of('emit')).toEqual([]);
    expect(run.result()).toMatchObject({ status: 'success', outputs: null });
  });
});

describe('join any', () => {
  const plan = makePlan([
    wait('a'),
    wait('b'),
    { name: 'first', kind: 'assign', depends_on: ['a', 'b'], join: 'any', set: { who: call('coalesce', ref('steps.a.event.type'), ref('steps.b.event.type')) } },
    { name: 'after_b', kind: 'assign', depends_on: ['b'], set: { late: true } },
  ]);

  it('given the first dependency completes, then the step fires and the other dependency loses', () => {
    const run = Run.start(plan);
    run.event('go.b', null);
    expect(run.state.vars.who).toBe('go.b');
    expect(run.transitions('a')).toMatchObject([{ transition: 'started' }, { transition: 'lost', cause: 'first' }]);
    expect(run.state.steps.a?.status).toBe('lost');
    expect(run.path('after_b')).toEqual(['started', 'completed']);
    expect(run.result().status).toBe('success');
  });

  it('given the loser completes later, then its event is ignored', () => {
    const run = Run.start(plan);
    run.event('go.a', null);
    expect(run.state.steps.b?.status).toBe('lost');
    expect(run.path('after_b')).toEqual(['skipped']);
    expect(run.ended).toBe(true);
    expect(run.event('go.b', null)).toEqual([]);
  });

  it('given one dependency dead, then the any step waits for the live one; when that one dies too, then it dies', () => {
    const run = Run.start(makePlan([
      { name: 'a', kind: 'assign', when: false, set: {} },
      wait('b', { where: call('gt', ref('event.data.n'), 0), on_failure: 'skip' }),
      { name: 'either', kind: 'assign', depends_on: ['a', 'b'], join: 'any', set: { x: 1 } },
    ]));
    expect(run.path('either')).toEqual([]);
    run.event('go.b', { n: 0 });
    expect(run.path('b')).toEqual(['started']);
    expect(run.path('either')).toEqual([]);
    run.event('go.b', 'not a record');
    expect(run.transitions('b').at(-1)).toMatchObject({ transition: 'failed', cause: 'skip', error: { error_code: 'EXPRESSION_FAILED' } });
    expect(run.transitions('either')).toMatchObject([{ transition: 'skipped', cause: 'dependency_dead' }]);
    expect(run.result()).toMatchObject({ status: 'partial', error: { step: 'b' } });
  });

  it('given every dependency dead, then the any step is skipped', () => {
    const run = Run.start(makePlan([
      { name: 'a', kind: 'assign', when: false, set: {} },
      { name: 'b', kind: 'assign', when: call('eq', 1, 2), set: {} },
      { name: 'either', kind: 'assign', depends_on: ['a', 'b'], join: 'any', set: { x: 1 } },
    ]));
    expect(run.transitions('either')).toMatchObject([{ transition: 'skipped', cause: 'dependency_dead' }]);
    expect(run.result()).toMatchObject({ status: 'success', steps_executed: 0 });
  });
});

describe('await_receipt whose emit step is dead', () => {
  it('given the emit loses the race the await step itself fires, then the await step is skipped, not left waiting', () => {
    const run = Run.start(makePlan([
      wait('a'),
      wait('b'),
      { name: 'ask', kind: 'emit_effect', depends_on: ['a'], effect: 'svc.ask', params: {}, idempotency_key: 'k' },
      { name: 'marker', kind: 'assign', depends_on: ['b'], set: {} },
      { name: 'answer', kind: 'await_receipt', for: 'ask', depends_on: ['ask', 'marker'], join: 'any' },
    ]));
    run.event('go.b', null);
    expect(run.path('ask')).toEqual(['lost']);
    expect(run.transitions('answer')).toMatchObject([{ transition: 'skipped', cause: 'receipt_target_dead' }]);
    run.event('go.a', null);
    expect(run.of('emit')).toEqual([]);
    expect(run.result().status).toBe('success');
  });
});

describe('guards and dead paths through chains', () => {
  const plan = makePlan([
    { name: 'check', kind: 'assign', set: { big: call('gt', ref('input.amount'), 100) } },
    { name: 'approve', kind: 'emit_effect', depends_on: ['check'], when: ref('vars.big'), effect: 'approval.request', params: {}, idempotency_key: 'a' },
    { name: 'approved', kind: 'await_receipt', depends_on: ['approve'], for: 'approve' },
    { name: 'note', kind: 'raise_event', depends_on: ['approved'], event: 'approved', data: null },
    { name: 'small', kind: 'assign', depends_on: ['check'], when: call('not', ref('vars.big')), set: { path: 'fast' } },
    { name: 'join', kind: 'end', depends_on: ['note', 'small'], join: 'any', status: 'success', result: ref('vars.path') },
  ]);

  it('given a false guard, then every successor down the chain is recorded skipped and never fires', () => {
    const run = Run.start(plan, { input: { amount: 5 } });
    expect(run.transitions('approve')).toMatchObject([{ transition: 'skipped', cause: 'guard_false' }]);
    expect(run.transitions('approved')).toMatchObject([{ transition: 'skipped', cause: 'dependency_dead' }]);
    expect(run.transitions('note')).toMatchObject([{ transition: 'skipped', cause: 'dependency_dead' }]);
    expect(run.of('emit')).toEqual([]);
    expect(run.of('raise')).toEqual([]);
    expect(run.result()).toMatchObject({ status: 'success', outputs: 'fast' });
  });

  it('given a true guard, then the guarded branch runs and the other branch is skipped', () => {
    const run = Run.start(plan, { input: { amount: 500 } });
    expect(run.path('small')).toEqual(['skipped']);
    expect(run.of('emit')).toHaveLength(1);
    run.receipt('approve', 'ok');
    expect(run.of('raise')).toHaveLength(1);
    expect(run.result()).toMatchObject({ status: 'success', outputs: null });
  });

  it('given a guard that is not a boolean, then the step fails with EXPRESSION_FAILED under its policy', () => {
    const run = Run.start(makePlan([{ name: 'a', kind: 'assign', when: 'yes', set: {} }]));
    expect(run.transitions('a')).toMatchObject([{ transition: 'started', attempt: 1 }, { transition: 'failed', cause: 'halt' }]);
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'EXPRESSION_FAILED', step: 'a' } });
  });
});

describe('completion without an end step', () => {
  it('given every step settled and nothing failed, then the run succeeds with null outputs', () => {
    const run = Run.start(makePlan([{ name: 'a', kind: 'assign', set: { x: 1 } }]));
    expect(run.result()).toMatchObject({ status: 'success', outputs: null, steps_executed: 1, steps_total: 1 });
  });

  it('given a step failed under on_failure skip, then the run ends partial with that step error', () => {
    const run = Run.start(makePlan([
      { name: 'bad', kind: 'assign', on_failure: 'skip', set: { x: call('div', 1, 0) } },
      { name: 'after', kind: 'assign', depends_on: ['bad'], set: { y: 1 } },
      { name: 'other', kind: 'assign', set: { z: 1 } },
    ]));
    expect(run.transitions('bad')).toMatchObject([{ transition: 'started' }, { transition: 'failed', cause: 'skip' }]);
    expect(run.path('after')).toEqual(['skipped']);
    expect(run.result()).toMatchObject({
      status: 'partial', outputs: null, steps_executed: 2, error: { error_code: 'EXPRESSION_FAILED', step: 'bad' },
    });
  });
});
