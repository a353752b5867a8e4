/**
 * The run's lifecycle guarantees: cancel ends it, an ended run ignores every input (partial and
 * failed runs are never resumed), anything thrown ends it with INTERNAL_ERROR, and in every case
 * there is exactly one `end`, the last output, with the caller's state left untouched.
 */
import { describe, expect, it } from 'vitest';
import { startRun, stepRun } from '../../../plans/interpreter/index.js';
import type { RunInput } from '../../../plans/interpreter/index.js';
import type { Plan } from '../../../plans/schema.js';
import { childResult, expectOneEnd, makeContext, makePlan, PLAN_HASH, Run, T0 } from './harness.js';

const waiting = makePlan([
  { name: 'ask', kind: 'emit_effect', effect: 'svc.ask', params: {}, idempotency_key: 'k' },
  { name: 'answer', kind: 'await_receipt', for: 'ask', depends_on: ['ask'], timeout_ms: 1000 },
  { name: 'listen', kind: 'await_event', event: 'e' },
]);

describe('cancel', () => {
  it('given a live run, when cancelled, then waits are abandoned and it fails with CANCELLED naming actor and reason', () => {
    const run = Run.start(waiting);
    run.send({ type: 'cancel', actor: 'alice', reason: 'wrong order' });
    expect(run.path('answer')).toEqual(['started', 'abandoned']);
    expect(run.path('listen')).toEqual(['started', 'abandoned']);
    expect(run.result()).toMatchObject({
      status: 'failure', error: { error_code: 'CANCELLED', severity: 'warn', recoverable: false, message: 'cancelled by alice: wrong order', step: null },
    });
  });
});

describe('an ended run', () => {
  it.each<[string, (run: Run) => Omit<RunInput, 'at'>]>([
    ['receipt', (run) => ({ type: 'receipt', intent_id: run.intentOf('ask'), status: 'ok', result: null, error: null })],
    ['timer', () => ({ type: 'timer', key: 'timeout:answer:1' })],
    ['event', () => ({ type: 'event', seq: 9, event: { type: 'e', data: null } })],
    ['cancel', () => ({ type: 'cancel', actor: 'bob', reason: 'again' })],
    ['child_ended', () => ({ type: 'child_ended', step: 'ask', result: childResult('x', 'success') })],
  ])('given a %s after the end, then there are no outputs and the state is returned as is', (_, make) => {
    const run = Run.start(waiting);
    run.send({ type: 'cancel', actor: 'alice', reason: 'stop' });
    const ended = run.state;
    const { run: after, outputs } = stepRun(waiting, ended, { ...make(run), at: T0 + 50 } as RunInput);
    expect(outputs).toEqual([]);
    expect(after).toBe(ended);
  });
});

describe('internal errors', () => {
  it('given an input of an unknown type, then the run ends with INTERNAL_ERROR and the call outputs only the end', () => {
    const run = Run.start(waiting);
    run.send({ type: 'bogus' } as never);
    expect(run.last.map((o) => (o.type === 'step' ? o.transition : o.type))).toEqual(['abandoned', 'abandoned', 'end']);
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'INTERNAL_ERROR', severity: 'fatal', recoverable: false } });
  });

  it('given a state of another plan, then the run ends with INTERNAL_ERROR', () => {
    const run = Run.start(waiting);
    const other = { ...waiting, version: '2.0.0' };
    const { outputs } = stepRun(other, run.state, { type: 'timer', at: T0 + 1, key: 'x' });
    expect(expectOneEnd(outputs).error?.error_code).toBe('INTERNAL_ERROR');
  });

  it.each<[string, Plan]>([
    ['a cycle', makePlan([{ name: 'a', kind: 'assign', depends_on: ['b'], set: {} }, { name: 'b', kind: 'assign', depends_on: ['a'], set: {} }])],
    ['an unknown dependency', makePlan([{ name: 'a', kind: 'assign', depends_on: ['ghost'], set: {} }])],
    ['an await_receipt for a non-emit step', makePlan([{ name: 'a', kind: 'assign', set: {} }, { name: 'b', kind: 'await_receipt', for: 'a', depends_on: ['a'] }])],
    ['an unknown step kind', makePlan([{ name: 'a', kind: 'teleport' } as never])],
  ])('given a plan with %s that skipped validation, then startRun still ends exactly once with INTERNAL_ERROR', (_, plan) => {
    const { run, outputs } = startRun(plan, PLAN_HASH, { at: T0, context: makeContext(), input: {}, correlation: null });
    expect(expectOneEnd(outputs)).toMatchObject({ status: 'failure', error: { error_code: 'INTERNAL_ERROR' } });
    expect(run.status).toBe('ended');
  });
});

describe('the caller state is never mutated', () => {
  it('given a state, when an input is applied, then the given state deep-equals its earlier copy', () => {
    const run = Run.start(waiting);
    const before = structuredClone(run.state);
    const given = run.state;
    run.receipt('ask', 'ok');
    expect(given).toStrictEqual(before);
    expect(run.state).not.toBe(given);
  });
});
