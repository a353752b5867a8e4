import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { validatePlan, VALIDATION_CODES } from '../../plans/index.js';
import type { Issue } from '../../plans/index.js';
import { json, samplePlan, uuid } from './support/plans.js';

type Doc = Record<string, unknown> & { steps: Record<string, unknown>[] };

/** given samplePlan, when `mutate` changes it, then validation reports `code` at `pointer`. */
function rejects(mutate: (doc: Doc) => void, code: Issue['code'], pointer: string): Issue[] {
  const doc = json(samplePlan()) as unknown as Doc;
  mutate(doc);
  const result = validatePlan(doc);
  expect(result.ok).toBe(false);
  const issues = result.ok ? [] : result.issues;
  expect(issues.map((i) => `${i.code} ${i.pointer}`)).toContain(`${code} ${pointer}`);
  return issues;
}

const step = (doc: Doc, i: number) => doc.steps[i] as Record<string, unknown>;

describe('validatePlan: document shape', () => {
  it('accepts the sample plan and returns it unchanged', () => {
    const result = validatePlan(samplePlan());
    expect(result).toEqual({ ok: true, plan: samplePlan() });
  });

  it('rejects a non-object', () => {
    const result = validatePlan('plan');
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['WRONG_TYPE']);
  });

  it.each([
    ['plan id', (d: Doc) => { d.id = 'not-a-uuid'; }, '/id'],
    ['uppercase plan id', (d: Doc) => { d.id = uuid(0).toUpperCase(); }, '/id'],
    ['UUID v1 step id', (d: Doc) => { step(d, 1).id = 'c232ab00-9414-11ec-b3c8-9f68deced846'; }, '/steps/1/id'],
  ])('rejects a bad UUID (%s) with INVALID_UUID', (_, mutate, pointer) => {
    rejects(mutate, 'INVALID_UUID', pointer);
  });

  it('rejects 0 steps with STEPS_EMPTY and 1025 with STEPS_TOO_MANY', () => {
    rejects((d) => { d.steps = []; }, 'STEPS_EMPTY', '/steps');
    const many = Array.from({ length: 1025 }, (_, i) => ({ id: uuid(i % 60), name: `s${i}`, kind: 'assign', set: { x: i } }));
    const issues = rejects((d) => { d.steps = many; }, 'STEPS_TOO_MANY', '/steps');
    expect(issues).toHaveLength(1);
  });

  it('accepts exactly 1024 steps', () => {
    const doc = json(samplePlan());
    const mk = (i: number) => `${(i + 1).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
    doc.steps = Array.from({ length: 1024 }, (_, i) => ({ id: mk(i), name: `s${i}`, kind: 'assign' as const, set: { x: i } }));
    expect(validatePlan(doc).ok).toBe(true);
  });

  it('rejects unknown fields anywhere (strict objects) with UNKNOWN_FIELD at the field', () => {
    rejects((d) => { d.owner = 'me'; }, 'UNKNOWN_FIELD', '/owner');
    rejects((d) => { step(d, 0).retries = 3; }, 'UNKNOWN_FIELD', '/steps/0/retries');
    rejects((d) => { (d.input as { fields: Record<string, Record<string, unknown>> }).fields.amount!.min = 0; }, 'UNKNOWN_FIELD', '/input/fields/amount/min');
    rejects((d) => { step(d, 0).when = { op: 'eq', args: [1, 1], note: 'x' }; }, 'UNKNOWN_FIELD', '/steps/0/when/note');
  });

  it('rejects wrong types with WRONG_TYPE and absent fields with MISSING_FIELD', () => {
    rejects((d) => { d.timeout_ms = '60s'; }, 'WRONG_TYPE', '/timeout_ms');
    rejects((d) => { step(d, 1).depends_on = 'charge'; }, 'WRONG_TYPE', '/steps/1/depends_on');
    rejects((d) => { delete d.version; }, 'MISSING_FIELD', '/version');
    rejects((d) => { delete step(d, 2).name; }, 'MISSING_FIELD', '/steps/2/name');
    rejects((d) => { delete step(d, 2).kind; }, 'MISSING_FIELD', '/steps/2/kind');
  });

  it('rejects an unknown step kind with UNKNOWN_STEP_KIND', () => {
    rejects((d) => { step(d, 2).kind = 'sleep'; }, 'UNKNOWN_STEP_KIND', '/steps/2/kind');
  });

  it.each([0, -1, 1.5])('rejects created_at %s with INVALID_TIMESTAMP', (value) => {
    rejects((d) => { d.created_at = value; }, 'INVALID_TIMESTAMP', '/created_at');
  });

  it('rejects non-positive durations with INVALID_DURATION', () => {
    rejects((d) => { d.timeout_ms = 0; }, 'INVALID_DURATION', '/timeout_ms');
    rejects((d) => { step(d, 1).timeout_ms = -5; }, 'INVALID_DURATION', '/steps/1/timeout_ms');
  });

  it('rejects a bad on_failure, join, version, name, type name and error code', () => {
    rejects((d) => { step(d, 0).on_failure = 'ignore'; }, 'INVALID_ON_FAILURE', '/steps/0/on_failure');
    rejects((d) => { step(d, 1).join = 'first'; }, 'INVALID_JOIN', '/steps/1/join');
    rejects((d) => { d.version = 'v1'; }, 'INVALID_VERSION', '/version');
    rejects((d) => { step(d, 0).name = 'charge card'; }, 'INVALID_NAME', '/steps/0/name');
    rejects((d) => { step(d, 0).effect = 'payment charge'; }, 'INVALID_TYPE_NAME', '/steps/0/effect');
    rejects((d) => { step(d, 2).status = 'failure'; step(d, 2).error_code = 'bad-code'; }, 'INVALID_ERROR_CODE', '/steps/2/error_code');
    rejects((d) => { step(d, 2).status = 'done'; }, 'INVALID_ENUM', '/steps/2/status');
  });

  it('rejects bad retry policies with RETRY_POLICY_INVALID', () => {
    const policy = { max_attempts: 3, backoff_ms: 100, multiplier: 2, max_delay_ms: 1000 };
    const retry = (patch: object) => (d: Doc) => { step(d, 0).on_failure = 'retry'; step(d, 0).retry = { ...policy, ...patch }; };
    rejects(retry({ max_attempts: 0 }), 'RETRY_POLICY_INVALID', '/steps/0/retry/max_attempts');
    rejects(retry({ backoff_ms: -1 }), 'RETRY_POLICY_INVALID', '/steps/0/retry/backoff_ms');
    rejects(retry({ multiplier: 0.5 }), 'RETRY_POLICY_INVALID', '/steps/0/retry/multiplier');
    rejects(retry({ max_delay_ms: 50 }), 'RETRY_POLICY_INVALID', '/steps/0/retry/max_delay_ms');
    rejects(retry({ jitter: true }), 'UNKNOWN_FIELD', '/steps/0/retry/jitter');
  });

  it('requires a retry policy exactly when on_failure is retry', () => {
    rejects((d) => { step(d, 0).on_failure = 'retry'; }, 'RETRY_POLICY_MISSING', '/steps/0/on_failure');
    rejects((d) => { step(d, 0).retry = { max_attempts: 3, backoff_ms: 100, multiplier: 2, max_delay_ms: 1000 }; }, 'RETRY_POLICY_UNUSED', '/steps/0/retry');
  });

  it('requires non-empty, distinct context_requirements', () => {
    rejects((d) => { d.context_requirements = []; }, 'CONTEXT_REQUIREMENTS_EMPTY', '/context_requirements');
    rejects((d) => { d.context_requirements = ['payments', 'payments']; }, 'DUPLICATE_CONTEXT_REQUIREMENT', '/context_requirements/1');
  });

  it('checks execute_plan references: a hash, or an id with a version', () => {
    const child = (plan: unknown) => (d: Doc) => { d.steps.splice(2, 0, { id: uuid(9), name: 'child', kind: 'execute_plan', plan, input: { op: 'record', fields: {} } }); };
    const ok = json(samplePlan()) as unknown as Doc;
    child({ hash: 'a'.repeat(64) })(ok);
    expect(validatePlan(ok).ok).toBe(true);
    rejects(child({ hash: 'xyz' }), 'INVALID_HASH', '/steps/2/plan/hash');
    rejects(child({ id: uuid(8) }), 'WRONG_TYPE', '/steps/2/plan');
    rejects(child({ hash: 'a'.repeat(64), id: uuid(8), version: '1.0.0' }), 'WRONG_TYPE', '/steps/2/plan');
  });

  it('refuses "__proto__" keys anywhere, which would vanish from the parsed plan', () => {
    const text = JSON.stringify(samplePlan()).replace('"params":{', '"params":{"__proto__":{"x":1},');
    const result = validatePlan(JSON.parse(text));
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.pointer])).toEqual([['INVALID_NAME', '/steps/0/params/__proto__']]);
    rejects((d) => { step(d, 0).bind = '__proto__'; }, 'INVALID_NAME', '/steps/0/bind');
  });

  it('terminates on a cyclic (built, not parsed) document', () => {
    const doc = json(samplePlan()) as unknown as Doc;
    (doc as Record<string, unknown>).self = doc;
    const result = validatePlan(doc);
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['UNKNOWN_FIELD']);
  });

  it('rejects values out of range with VALUE_OUT_OF_RANGE', () => {
    rejects((d) => { d.name = ''; }, 'VALUE_OUT_OF_RANGE', '/name');
    rejects((d) => { d.triggers = Array.from({ length: 17 }, (_, i) => ({ event: `e.${i}` })); }, 'VALUE_OUT_OF_RANGE', '/triggers');
  });

  it('has a test in tests/plans for every validation code', () => {
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');
    for (const code of Object.keys(VALIDATION_CODES)) expect(sources.includes(`'${code}'`), code).toBe(true);
  });

  it('says what was expected, what was found and where', () => {
    const [first] = rejects((d) => { d.id = 'nope'; }, 'INVALID_UUID', '/id');
    expect(first?.message).toBe('expected a lowercase UUID v4, found "nope" at /id');
  });
});
