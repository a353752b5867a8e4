import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintPlan, planHash, toDot, toMermaid, validatePlan } from '../../plans/index.js';
import type { Plan, ValidationCode } from '../../plans/index.js';
import { arbPlan } from './support/arbitraries.js';
import { call, json, ref } from './support/plans.js';

type Doc = Record<string, unknown> & { steps: (Record<string, unknown> & { name: string; depends_on?: string[] })[] };
interface Expected { doc: Doc; code: ValidationCode; pointer: string }
type Mutation = (doc: Doc, k: number, pick: number) => Expected | null;

/** Reverses the key order of every object, deeply: same document, other bytes of JSON. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reorder((value as Record<string, unknown>)[k])]));
}

const names = (doc: Doc) => doc.steps.map((s) => s.name);

/**
 * The reported cycle must be a real cycle through the new edge from -> to, named starting at its
 * earliest step; the pointer is that step's depends_on entry naming the next one.
 */
function cyclePointer(d: Doc, from: string, to: string): string {
  const result = validatePlan(d);
  const found = result.ok ? undefined : result.issues.find((i) => i.code === 'DEPENDENCY_CYCLE');
  const ring = /the cycle (.*) \(each/.exec(found?.message ?? '')?.[1]?.split(' -> ') ?? [];
  const at = (name: string) => names(d).indexOf(name);
  const real = ring.length > 2 && ring.slice(0, -1).every((n, i) => d.steps[at(n)]?.depends_on?.includes(ring[i + 1]!));
  const throughEdge = ring.some((n, i) => n === from && ring[i + 1] === to);
  const earliest = ring.slice(0, -1).every((n) => at(n) >= at(ring[0]!));
  if (!real || !throughEdge || !earliest) return `bad cycle report: ${found?.message}`;
  return `/steps/${at(ring[0]!)}/depends_on/${d.steps[at(ring[0]!)]!.depends_on!.indexOf(ring[1]!)}`;
}

/** Each mutation breaks exactly one rule and says where the issue must point. */
const MUTATIONS: Record<string, Mutation> = {
  badUuid: (d, k) => { d.steps[k]!.id = 'not-a-uuid'; return { doc: d, code: 'INVALID_UUID', pointer: `/steps/${k}/id` }; },
  badPlanUuid: (d) => {
    const id = String(d.id);
    d.id = `${id.slice(0, 14)}1${id.slice(15)}`; // version nibble 4 -> 1
    return { doc: d, code: 'INVALID_UUID', pointer: '/id' };
  },
  duplicateId: (d, k, p) => {
    if (d.steps.length < 2 || k === 0) return null;
    d.steps[k]!.id = d.steps[p % k]!.id;
    return { doc: d, code: 'DUPLICATE_STEP_ID', pointer: `/steps/${k}/id` };
  },
  duplicateName: (d, k, p) => {
    if (d.steps.length < 2 || k === 0) return null;
    d.steps[k]!.name = d.steps[p % k]!.name;
    return { doc: d, code: 'DUPLICATE_STEP_NAME', pointer: `/steps/${k}/name` };
  },
  unknownDependency: (d, k) => {
    const deps = (d.steps[k]!.depends_on ??= []);
    deps.push('no_such_step');
    return { doc: d, code: 'UNKNOWN_DEPENDENCY', pointer: `/steps/${k}/depends_on/${deps.length - 1}` };
  },
  selfDependency: (d, k) => {
    const deps = (d.steps[k]!.depends_on ??= []);
    deps.push(d.steps[k]!.name);
    return { doc: d, code: 'SELF_DEPENDENCY', pointer: `/steps/${k}/depends_on/${deps.length - 1}` };
  },
  cycle: (d, k) => {
    // make one dependency of step k depend back on k (k must not be an end step)
    const dep = d.steps[k]!.depends_on?.[0];
    const j = dep === undefined ? -1 : names(d).indexOf(dep);
    if (j < 0 || d.steps[k]!.kind === 'end') return null;
    (d.steps[j]!.depends_on ??= []).push(d.steps[k]!.name);
    return { doc: d, code: 'DEPENDENCY_CYCLE', pointer: cyclePointer(d, d.steps[j]!.name, d.steps[k]!.name) };
  },
  badOnFailure: (d, k) => { d.steps[k]!.on_failure = 'explode'; return { doc: d, code: 'INVALID_ON_FAILURE', pointer: `/steps/${k}/on_failure` }; },
  badRetry: (d, k) => {
    Object.assign(d.steps[k]!, { on_failure: 'retry', retry: { max_attempts: 0, backoff_ms: 1, multiplier: 1, max_delay_ms: 1 } });
    return { doc: d, code: 'RETRY_POLICY_INVALID', pointer: `/steps/${k}/retry/max_attempts` };
  },
  unknownRootField: (d) => { d.extra = true; return { doc: d, code: 'UNKNOWN_FIELD', pointer: '/extra' }; },
  unknownStepField: (d, k) => { d.steps[k]!.colour = 'red'; return { doc: d, code: 'UNKNOWN_FIELD', pointer: `/steps/${k}/colour` }; },
  wrongType: (d) => { d.timeout_ms = '1m'; return { doc: d, code: 'WRONG_TYPE', pointer: '/timeout_ms' }; },
  missingField: (d, k) => { delete (d.steps[k] as Record<string, unknown>).id; return { doc: d, code: 'MISSING_FIELD', pointer: `/steps/${k}/id` }; },
  badTimestamp: (d, _k, p) => { d.created_at = -(p % 5); return { doc: d, code: 'INVALID_TIMESTAMP', pointer: '/created_at' }; },
  noSteps: (d) => { d.steps = []; return { doc: d, code: 'STEPS_EMPTY', pointer: '/steps' }; },
  tooManySteps: (d) => { d.steps = Array.from({ length: 1025 }, () => d.steps[0]!); return { doc: d, code: 'STEPS_TOO_MANY', pointer: '/steps' }; },
  unknownKind: (d, k) => { d.steps[k]!.kind = 'loop'; return { doc: d, code: 'UNKNOWN_STEP_KIND', pointer: `/steps/${k}/kind` }; },
  badExpression: (d, k) => { d.steps[k]!.when = { op: 'while', args: [] }; return { doc: d, code: 'EXPR_INVALID', pointer: `/steps/${k}/when` }; },
  unknownInputRef: (d, k) => { d.steps[k]!.when = call('eq', ref('input.nope'), 1); return { doc: d, code: 'REF_UNKNOWN_INPUT', pointer: `/steps/${k}/when/args/0` }; },
  unknownVarRef: (d, k) => { d.steps[k]!.when = call('eq', ref('vars.never_set'), 1); return { doc: d, code: 'REF_UNKNOWN_VAR', pointer: `/steps/${k}/when/args/0` }; },
  selfRef: (d, k) => { d.steps[k]!.when = call('ne', ref(`steps.${d.steps[k]!.name}`), null); return { doc: d, code: 'REF_NOT_ANCESTOR', pointer: `/steps/${k}/when/args/0` }; },
  reservedCode: (d, k) => {
    Object.assign(d.steps[k]!, { kind: 'end', status: 'failure', error_code: 'INTERNAL_ERROR' });
    for (const key of Object.keys(d.steps[k]!)) if (!['id', 'name', 'kind', 'status', 'error_code', 'depends_on', 'join', 'when', 'on_failure', 'retry'].includes(key)) delete d.steps[k]![key];
    d.steps.forEach((s) => { if (s.depends_on?.includes(d.steps[k]!.name)) s.depends_on = s.depends_on.filter((n) => n !== d.steps[k]!.name); });
    d.steps.forEach((s) => { if (s.kind === 'await_receipt' && s.for === d.steps[k]!.name) s.kind = 'nothing'; });
    if (d.steps.some((s) => s.kind === 'nothing')) return null;
    return { doc: d, code: 'RESERVED_ERROR_CODE', pointer: `/steps/${k}/error_code` };
  },
  emptyContext: (d) => { d.context_requirements = []; return { doc: d, code: 'CONTEXT_REQUIREMENTS_EMPTY', pointer: '/context_requirements' }; },
};

describe('validatePlan over generated plans', () => {
  it('never rejects a generated valid plan', () => {
    fc.assert(fc.property(arbPlan, (plan) => {
      const result = validatePlan(plan);
      if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
      expect(result.plan).toEqual(plan);
    }), { numRuns: 300 });
  });

  it('rejects every mutation with its code at its pointer', () => {
    const mutation = fc.constantFrom(...Object.keys(MUTATIONS));
    fc.assert(fc.property(arbPlan, mutation, fc.nat(), fc.nat(), (plan, name, a, b) => {
      const doc = json(plan) as unknown as Doc;
      const expected = MUTATIONS[name]!(doc, a % doc.steps.length, b);
      fc.pre(expected !== null);
      const result = validatePlan(expected!.doc);
      expect(result.ok, name).toBe(false);
      const found = result.ok ? [] : result.issues.map((i) => `${i.code} ${i.pointer}`);
      expect(found, name).toContain(`${expected!.code} ${expected!.pointer}`);
    }), { numRuns: 1000 });
  });

  it('hashes the document, not its JSON text: key order does not matter, content does', () => {
    fc.assert(fc.property(arbPlan, (plan) => {
      const shuffled = reorder(json(plan));
      const again = validatePlan(shuffled);
      expect(again.ok).toBe(true);
      expect(planHash(again.ok ? again.plan : plan)).toBe(planHash(plan));
      expect(planHash({ ...plan, version: '1.0.1' })).not.toBe(planHash(plan));
    }), { numRuns: 100 });
  });

  it('lints and renders every valid plan deterministically', () => {
    fc.assert(fc.property(arbPlan, (plan: Plan) => {
      const copy = json(plan);
      expect(lintPlan(plan)).toEqual(lintPlan(copy));
      expect(toMermaid(plan)).toBe(toMermaid(copy));
      expect(toDot(plan)).toBe(toDot(copy));
      expect(toMermaid(plan).match(/-->|-\. any \.->/g)?.length ?? 0).toBe(plan.steps.reduce((n, s) => n + (s.depends_on?.length ?? 0), 0));
    }), { numRuns: 100 });
  });
});
