/**
 * ExecutionContext validation, one rule at a time, and what a bad context does to a run: it ends
 * at once as failure, before any step, with exactly one end.
 */
import { describe, expect, it } from 'vitest';
import { validateContext } from '../../../plans/interpreter/index.js';
import type { ExecutionContext } from '../../../plans/interpreter/index.js';
import { makeContext, makePlan, Run, T0 } from './harness.js';

const plan = makePlan([{ name: 'a', kind: 'assign', set: { x: 1 } }], { timeout_ms: 60_000, context_requirements: ['tenant', 'region'] });
const good = makeContext({ environment: { tenant: 'acme', region: null } });

describe('validateContext', () => {
  it('given a context that meets every rule, then there is no error (a present key with a null value counts)', () => {
    expect(validateContext(plan, good)).toBeUndefined();
    expect(validateContext(plan, { ...good, deadline_ms: T0 + 60_000 })).toBeUndefined();
  });

  const cases: [string, Partial<ExecutionContext>, string, RegExp][] = [
    ['execution_id not a UUID v4', { execution_id: 'run-1' }, 'INVALID_PAYLOAD', /execution_id/],
    ['execution_id a UUID of another version', { execution_id: '11111111-1111-1111-8111-111111111111' }, 'INVALID_PAYLOAD', /UUID v4/],
    ['started_at not positive unix ms', { started_at: 0 }, 'INVALID_PAYLOAD', /started_at/],
    ['deadline_ms not an integer', { deadline_ms: T0 + 0.5 }, 'INVALID_PAYLOAD', /deadline_ms/],
    ['deadline_ms not after started_at', { deadline_ms: T0 }, 'INVALID_PAYLOAD', /after started_at/],
    ['deadline_ms - started_at shorter than timeout_ms', { deadline_ms: T0 + 59_999 }, 'INVALID_PAYLOAD', /timeout_ms/],
    ['a context requirement missing from the environment', { environment: { tenant: 'acme' } }, 'CONTEXT_MISSING', /"region"/],
  ];

  it.each(cases)('given %s, then the error is %s', (_, change, code, message) => {
    const error = validateContext(plan, { ...good, ...change });
    expect(error).toMatchObject({ error_code: code, step: null });
    expect(error?.message).toMatch(message);
  });

  it('reads no environment value and changes nothing', () => {
    const environment = Object.freeze({ tenant: Object.freeze({ secret: 's' }), region: 'eu' });
    expect(validateContext(plan, { ...good, environment })).toBeUndefined();
  });
});

describe('a run with a bad context', () => {
  it('given a missing requirement, then the run ends at once with CONTEXT_MISSING and no step starts', () => {
    const run = Run.start(plan, { context: { environment: { tenant: 'acme' } } });
    expect(run.transitions()).toEqual([]);
    expect(run.of('timer')).toEqual([]);
    expect(run.result()).toMatchObject({
      status: 'failure', steps_executed: 0, steps_total: 1,
      error: { error_code: 'CONTEXT_MISSING', severity: 'error', recoverable: false, step: null },
    });
  });

  it('given a bad deadline, then the run is pinned to the start stamp and fails with INVALID_PAYLOAD', () => {
    const run = Run.start(plan, { at: T0 + 7, context: { environment: good.environment, deadline_ms: T0 + 10 } });
    expect(run.result()).toMatchObject({ status: 'failure', started_at: T0 + 7, completed_at: T0 + 7, error: { error_code: 'INVALID_PAYLOAD' } });
  });

  it('given run input that breaks the input schema, then the run fails with INVALID_PAYLOAD', () => {
    const typed = makePlan([{ name: 'a', kind: 'assign', set: {} }], { input: { fields: { n: { type: 'integer', required: true } } } });
    const run = Run.start(typed, { input: { n: 'three' } });
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'INVALID_PAYLOAD', step: null } });
    expect(run.transitions()).toEqual([]);
  });
});
