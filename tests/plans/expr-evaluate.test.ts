import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_OPS, evaluate, isReservedErrorCode, refsOf } from '../../plans/index.js';
import type { Expr, JsonValue, Scope } from '../../plans/index.js';
import { call, ref } from './support/plans.js';

const scope: Scope = {
  input: { order_id: 'o-1', amount: 250, tags: ['a', 'b'], customer: { tier: 'gold' }, missing: null },
  vars: { attempts: 2 },
  steps: { charged: { status: 'ok', intent_id: 'i', result: { id: 'ch_1' }, error: null } },
  correlation: 'o-1',
  run: { execution_id: 'e-1', started_at: 1767225600000, deadline_ms: 1767225660000, plan_hash: 'h', plan_id: 'p', plan_version: '1.0.0' },
  event: { type: 'pricing.quoted', data: { request_id: 'o-1', price_cents: 999 } },
};

function value(expr: Expr, s: Scope = scope): JsonValue {
  const result = evaluate(expr, s);
  if (!result.ok) throw new Error(`unexpected failure: ${result.error.message}`);
  return result.value;
}

function failure(expr: Expr): { reason: unknown; path: unknown; code: string; message: string } {
  const result = evaluate(expr, scope);
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return { reason: result.error.details.reason, path: result.error.details.where?.path, code: result.error.code, message: result.error.message };
}

describe('evaluate', () => {
  it('reads literals, lit nodes, lists and records', () => {
    expect(value(42)).toBe(42);
    expect(value(null)).toBe(null);
    expect(value({ op: 'lit', value: { a: [1, { b: 2 }] } })).toEqual({ a: [1, { b: 2 }] });
    expect(value({ op: 'list', items: [1, ref('input.amount')] })).toEqual([1, 250]);
    expect(value({ op: 'record', fields: { id: ref('input.order_id'), n: 1 } })).toEqual({ id: 'o-1', n: 1 });
    const proto = value({ op: 'record', fields: JSON.parse('{"__proto__": 1}') as Record<string, Expr> }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
  });

  it('resolves refs under every root; missing reads as null', () => {
    expect(value(ref('input.customer.tier'))).toBe('gold');
    expect(value(ref('vars.attempts'))).toBe(2);
    expect(value(ref('steps.charged.result.id'))).toBe('ch_1');
    expect(value(ref('steps.pending.status'))).toBe(null);
    expect(value(ref('input.missing.deeper'))).toBe(null);
    expect(value(ref('correlation'))).toBe('o-1');
    expect(value(ref('run.started_at'))).toBe(1767225600000);
    expect(value(ref('event.data.price_cents'))).toBe(999);
  });

  it('compares structurally and orders numbers and strings', () => {
    expect(value(call('eq', { op: 'lit', value: { a: 1, b: [2] } }, { op: 'lit', value: { b: [2], a: 1 } }))).toBe(true);
    expect(value(call('ne', 1, '1'))).toBe(true);
    expect(value(call('lt', 1, 2))).toBe(true);
    expect(value(call('ge', 'b', 'a'))).toBe(true);
    expect(value(call('le', 2, 2))).toBe(true);
    expect(value(call('gt', 1, 2))).toBe(false);
  });

  it('computes boolean logic lazily', () => {
    expect(value(call('and', true, false, call('div', 1, 0)))).toBe(false);
    expect(value(call('or', false, true, call('div', 1, 0)))).toBe(true);
    expect(value(call('not', false))).toBe(true);
    expect(value(call('if', call('has', ref('input.customer'), 'tier'), 'known', call('div', 1, 0)))).toBe('known');
    expect(value(call('coalesce', ref('input.missing'), ref('steps.none.status'), 'fallback'))).toBe('fallback');
    expect(value(call('coalesce', null))).toBe(null);
  });

  it('does arithmetic, with -0 folded to 0', () => {
    expect(value(call('add', 1, 2))).toBe(3);
    expect(value(call('sub', ref('input.amount'), 50))).toBe(200);
    expect(value(call('mul', 3, 4))).toBe(12);
    expect(value(call('div', 7, 2))).toBe(3.5);
    expect(value(call('mod', -7, 3))).toBe(-1);
    expect(Object.is(value(call('mul', -1, 0)), 0)).toBe(true);
  });

  it('handles strings by code point', () => {
    expect(value(call('concat', 'order-', ref('input.order_id'), ':', 3, true))).toBe('order-o-1:3true');
    expect(value(call('length', 'héllo😀'))).toBe(6);
    expect(value(call('lower', 'ABC'))).toBe('abc');
    expect(value(call('upper', 'abc'))).toBe('ABC');
    expect(value(call('starts_with', 'order-1', 'order-'))).toBe(true);
    expect(value(call('contains', 'order-1', 'der'))).toBe(true);
  });

  it('handles lists and records', () => {
    expect(value(call('length', ref('input.tags')))).toBe(2);
    expect(value(call('at', ref('input.tags'), 1))).toBe('b');
    expect(value(call('contains', ref('input.tags'), 'a'))).toBe(true);
    expect(value(call('in', 'c', ref('input.tags')))).toBe(false);
    expect(value(call('get', ref('input.customer'), 'tier'))).toBe('gold');
    expect(value(call('get', ref('input.customer'), 'region', 'eu'))).toBe('eu');
    expect(value(call('get', ref('input.missing'), 'region', 'eu'))).toBe('eu');
    expect(value(call('has', ref('input.customer'), 'tier'))).toBe(true);
    expect(value(call('has', null, 'tier'))).toBe(false);
  });

  it('returns defined errors as EXPRESSION_FAILED values with a reason and a path', () => {
    expect(failure(call('div', 1, 0))).toMatchObject({ code: 'EXPRESSION_FAILED', reason: 'DIVISION_BY_ZERO', path: '/args/1' });
    expect(failure(call('mod', 1, 0))).toMatchObject({ reason: 'DIVISION_BY_ZERO' });
    expect(failure(call('add', 'a', 1))).toMatchObject({ reason: 'TYPE_MISMATCH', path: '/args/0' });
    expect(failure(call('lt', 1, 'a'))).toMatchObject({ reason: 'TYPE_MISMATCH' });
    expect(failure(call('and', true, 'yes'))).toMatchObject({ reason: 'TYPE_MISMATCH', path: '/args/1' });
    expect(failure(call('if', 1, 2, 3))).toMatchObject({ reason: 'TYPE_MISMATCH', path: '/args/0' });
    expect(failure(call('at', ref('input.tags'), 5))).toMatchObject({ reason: 'INDEX_OUT_OF_RANGE', path: '/args/1' });
    expect(failure(call('at', ref('input.tags'), 0.5))).toMatchObject({ reason: 'INDEX_OUT_OF_RANGE' });
    expect(failure(call('mul', 1e308, 10))).toMatchObject({ reason: 'NUMERIC_OVERFLOW' });
    expect(failure(call('contains', 'abc', 1))).toMatchObject({ reason: 'TYPE_MISMATCH' });
    expect(failure(ref('input.order_id.x'))).toMatchObject({ reason: 'TYPE_MISMATCH' });
    expect(failure(call('not', call('eq', 1, call('length', 5))))).toMatchObject({ path: '/args/0/args/1/args/0' });
  });

  it('refuses malformed nodes instead of throwing', () => {
    expect(failure({ op: 'nope', args: [] } as unknown as Expr)).toMatchObject({ reason: 'INVALID_EXPRESSION' });
    expect(failure(call('eq', 1))).toMatchObject({ reason: 'INVALID_EXPRESSION' });
    expect(failure(ref('nowhere.x'))).toMatchObject({ reason: 'INVALID_EXPRESSION' });
    expect(failure([1, 2] as unknown as Expr)).toMatchObject({ reason: 'INVALID_EXPRESSION' });
    expect(failure(Number.NaN)).toMatchObject({ reason: 'INVALID_EXPRESSION' });
    expect(isReservedErrorCode(failure(call('div', 1, 0)).code)).toBe(true);
  });

  it('is total: any JSON as an expression gives a value or an EXPRESSION_FAILED, never a throw', () => {
    const op = fc.constantFrom(...CALL_OPS, 'lit', 'ref', 'list', 'record');
    const node = fc.letrec((tie) => ({
      expr: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('call'), fc.record({ op: fc.constant('ref'), path: fc.constantFrom('input.amount', 'input.tags', 'input.customer', 'steps.charged.status', 'vars.attempts', 'event.data', 'bad path') })),
      call: fc.record({ op, args: fc.array(tie('expr'), { maxLength: 4 }) }),
    }));
    fc.assert(fc.property(node.expr, (expr) => {
      const result = evaluate(expr as Expr, scope);
      if (!result.ok) expect(result.error.code).toBe('EXPRESSION_FAILED');
    }), { numRuns: 2000 });
  });

  it('is deterministic and leaves the scope untouched', () => {
    const before = JSON.stringify(scope);
    const expr = call('concat', ref('input.order_id'), call('length', ref('input.tags')));
    expect(value(expr)).toBe(value(expr));
    expect(JSON.stringify(scope)).toBe(before);
  });
});

describe('refsOf', () => {
  it('lists every ref with a pointer, in document order', () => {
    const expr = call('and', call('eq', ref('steps.a.status'), 'ok'), { op: 'record', fields: { k: ref('input.x.y') } } as Expr, { op: 'list', items: [ref('correlation')] } as Expr);
    expect(refsOf(expr).map((r) => [r.root, r.segments, r.pointer])).toEqual([
      ['steps', ['a', 'status'], '/args/0/args/0'],
      ['input', ['x', 'y'], '/args/1/fields/k'],
      ['correlation', [], '/args/2/items/0'],
    ]);
    expect(refsOf({ op: 'lit', value: { op: 'ref', path: 'input.x' } })).toEqual([]);
  });
});
