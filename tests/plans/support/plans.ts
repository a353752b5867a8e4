/**
 * Test support: small valid plans to mutate in given/when/then tests, and deterministic ids.
 */
import { derivedIds } from '../../../plans/index.js';
import type { Expr, Plan } from '../../../plans/index.js';

const ids = derivedIds('tests/plans');
const pool = Array.from({ length: 64 }, () => ids());

/** The n-th fixed test uuid. */
export function uuid(n: number): string {
  return pool[n] as string;
}

export const ref = (path: string): Expr => ({ op: 'ref', path });
export const call = (op: string, ...args: Expr[]): Expr => ({ op, args }) as Expr;

/** A plan: charge -> charged (await, timeout) -> done (end). */
export function samplePlan(): Plan {
  return {
    id: uuid(0),
    name: 'sample',
    version: '1.0.0',
    created_at: 1767225600000,
    timeout_ms: 60000,
    context_requirements: ['payments'],
    input: { fields: { order_id: { type: 'string', required: true }, amount: { type: 'number' } } },
    steps: [
      {
        id: uuid(1), name: 'charge', kind: 'emit_effect', effect: 'payment.charge',
        params: { order_id: ref('input.order_id') }, idempotency_key: call('concat', 'charge:', ref('input.order_id')),
      },
      { id: uuid(2), name: 'charged', kind: 'await_receipt', for: 'charge', depends_on: ['charge'], timeout_ms: 5000 },
      { id: uuid(3), name: 'done', kind: 'end', depends_on: ['charged'], status: 'success', result: ref('steps.charged.result') },
    ],
  };
}

/** A deep copy as plain JSON, for mutation. */
export function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
