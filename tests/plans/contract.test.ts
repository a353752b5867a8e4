import { describe, expect, it } from 'vitest';
import {
  derivedIds, isReservedErrorCode, planHash, RESERVED_ERROR_CODES, reservedError, retryDelay, STEP_KINDS, STEP_OUTPUT_FIELDS,
  validateInput, validatePlan,
} from '../../plans/index.js';
import type { AwaitEventOutput, EmitEffectOutput, ExecutePlanOutput, RaiseEventOutput, ReceiptOutput } from '../../plans/index.js';
import { samplePlan } from './support/plans.js';

describe('reserved error codes', () => {
  it('registers the contract codes with a severity and a recoverable flag', () => {
    for (const code of ['CONTEXT_MISSING', 'INVALID_PAYLOAD', 'STEP_TIMEOUT', 'PLAN_TIMEOUT', 'DEPENDENCY_FAILED', 'EFFECT_FAILED', 'POLICY_DENIED',
      'APPROVAL_REJECTED', 'CAPABILITY_MISSING', 'CANCELLED', 'INTERNAL_ERROR', 'PLAN_INTEGRITY_VALIDATION_FAILED', 'PLAN_URI_NOT_ALLOWED']) {
      expect(isReservedErrorCode(code), code).toBe(true);
    }
    for (const entry of Object.values(RESERVED_ERROR_CODES)) {
      expect(['warn', 'error', 'fatal']).toContain(entry.severity);
      expect(typeof entry.recoverable).toBe('boolean');
    }
    expect(isReservedErrorCode('CARD_DECLINED')).toBe(false);
  });

  it('builds WorldlineErrors carrying the registry classification', () => {
    const err = reservedError('STEP_TIMEOUT', 'step "charged" exceeded 5000 ms', { where: { run: 'r1', step: 'charged' } });
    expect(err.toJSON()).toMatchObject({ code: 'STEP_TIMEOUT', severity: 'error', recoverable: true, where: { run: 'r1', step: 'charged' } });
    expect(reservedError('PLAN_URI_NOT_ALLOWED', 'no').severity).toBe('fatal');
  });
});

describe('planHash', () => {
  it('is the golden content hash of the sample plan', () => {
    expect(planHash(samplePlan())).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash(samplePlan())).toBe(planHash(JSON.parse(JSON.stringify(samplePlan()))));
  });

  it('pins the examples (a changed example must be re-reviewed)', async () => {
    const { readFileSync } = await import('node:fs');
    const hash = (name: string) => {
      const result = validatePlan(JSON.parse(readFileSync(new URL(`../../plans/examples/${name}.json`, import.meta.url), 'utf8')));
      return result.ok ? planHash(result.plan) : 'invalid';
    };
    expect(hash('timeout-race')).toBe('a5c3b1a965404d6ce27f5dfbbeb5188d9900410573801245bc2afc28d01c6f61');
    expect(hash('approval-gate')).toBe('66236bbc926a721d4cc2ee4e062cc09384b1785c07adac961543f6db7710f468');
    expect(hash('correlated-request')).toBe('44cb60dc9e0a564a5a753de9158e3572cacf410f3bb5be352de75bd7165042ee');
  });
});

describe('retryDelay', () => {
  const policy = { max_attempts: 5, backoff_ms: 100, multiplier: 3, max_delay_ms: 1000 };
  it('runs attempt 1 at once, backs off exponentially, caps, and stops after max_attempts', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(policy, n))).toEqual([0, 100, 300, 900, 1000, null]);
    expect(retryDelay(policy, 0)).toBe(null);
    expect(retryDelay({ ...policy, multiplier: 1.5, backoff_ms: 7 }, 3)).toBe(10);
  });
});

describe('validateInput', () => {
  const plan = samplePlan();
  it('accepts declared fields of the declared types', () => {
    expect(validateInput(plan, { order_id: 'o-1', amount: 3 })).toEqual([]);
    expect(validateInput(plan, { order_id: 'o-1' })).toEqual([]);
  });

  it('reports INVALID_PAYLOAD for missing, mistyped and undeclared fields', () => {
    expect(validateInput(plan, { amount: '3', extra: 1 }).map((i) => [i.code, i.pointer])).toEqual([
      ['INVALID_PAYLOAD', '/order_id'], ['INVALID_PAYLOAD', '/amount'], ['INVALID_PAYLOAD', '/extra'],
    ]);
    expect(validateInput(plan, [1])[0]?.message).toBe('expected a JSON record as run input, found list at /');
  });
});

describe('ids and outputs', () => {
  it('derives the same UUID v4 ids from the same namespace', () => {
    const a = derivedIds('ns');
    const b = derivedIds('ns');
    const first = a();
    expect(first).toBe(b());
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a()).not.toBe(first);
  });

  it('keeps the statically known output fields in step with the output interfaces', () => {
    const keys = <T>(o: Record<keyof T, true>) => Object.keys(o).sort();
    expect(Object.keys(STEP_OUTPUT_FIELDS).sort()).toEqual([...STEP_KINDS].sort());
    expect(Object.keys(STEP_OUTPUT_FIELDS.emit_effect).sort()).toEqual(keys<EmitEffectOutput>({ intent_id: true, effect: true, params: true, idempotency_key: true }));
    expect(Object.keys(STEP_OUTPUT_FIELDS.await_receipt).sort()).toEqual(keys<ReceiptOutput>({ status: true, intent_id: true, result: true, error: true }));
    expect(Object.keys(STEP_OUTPUT_FIELDS.await_event).sort()).toEqual(keys<AwaitEventOutput>({ status: true, event: true }));
    expect(Object.keys(STEP_OUTPUT_FIELDS.raise_event).sort()).toEqual(keys<RaiseEventOutput>({ type: true, data: true }));
    expect(Object.keys(STEP_OUTPUT_FIELDS.execute_plan).sort()).toEqual(keys<ExecutePlanOutput>({ status: true, execution_id: true, plan_hash: true, result: true, error: true }));
  });
});
