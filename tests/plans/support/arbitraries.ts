/**
 * fast-check arbitraries: valid plans of 1..14 steps of every kind, built in dependency order
 * (so they are acyclic by construction) and then shuffled into a random document order.
 */
import fc from 'fast-check';
import type { Expr, Plan, Step, StepKind } from '../../../plans/index.js';
import { call, ref } from './plans.js';

const KINDS: StepKind[] = ['emit_effect', 'await_receipt', 'await_event', 'raise_event', 'assign', 'end', 'execute_plan'];

interface Genes {
  ids: string[];
  kinds: StepKind[];
  masks: boolean[][];
  flags: number[];
  order: number[];
}

function guard(i: number, deps: number[], kinds: StepKind[], flag: number): Expr | undefined {
  const dep = deps[flag % Math.max(deps.length, 1)];
  switch (flag % 5) {
    case 0: return undefined;
    case 1: return call('eq', ref('input.order_id'), 'o-1');
    case 2: return dep === undefined ? undefined : call('ne', ref(`steps.s${dep}`), null);
    case 3: return dep !== undefined && kinds[dep] === 'assign' ? call('eq', ref(`vars.v${dep}`), 1) : call('gt', ref('input.amount'), i);
    default: return call('and', call('ne', ref('correlation'), null), true);
  }
}

function body(kind: StepKind, i: number, deps: number[], kinds: StepKind[], flag: number): Partial<Step> {
  switch (kind) {
    case 'emit_effect':
      return flag % 3 === 0
        ? { effect: 'timer.set', params: { delay_ms: 1000 + i } }
        : { effect: 'svc.do', params: { id: ref('input.order_id') }, idempotency_key: call('concat', `k${i}:`, ref('input.order_id')) };
    case 'await_receipt': {
      const target = [...deps].reverse().find((d) => kinds[d] === 'emit_effect');
      return { for: `s${target}`, ...(flag % 2 === 0 ? { timeout_ms: 500 } : {}) };
    }
    case 'await_event':
      return { event: 'x.done', where: call('eq', ref('event.data.id'), ref('input.order_id')), timeout_ms: 1000, ...(flag % 2 ? { buffer: true } : {}) };
    case 'raise_event':
      return { event: 'x.started', data: { op: 'record', fields: { id: ref('input.order_id') } } };
    case 'assign':
      return { set: { [`v${i}`]: call('add', ref('input.amount'), 1) } };
    case 'end': {
      const status = (['success', 'partial', 'failure'] as const)[flag % 3]!;
      return status === 'success' ? { status, result: ref('input.order_id') } : { status, error_code: 'E_CUSTOM' };
    }
    case 'execute_plan':
      return { plan: { hash: 'a'.repeat(64) }, input: { op: 'record', fields: {} } };
  }
}

function failurePolicy(flag: number): Partial<Step> {
  switch (flag % 4) {
    case 0: return {};
    case 1: return { on_failure: 'skip' };
    case 2: return { on_failure: 'halt' };
    default: return { on_failure: 'retry', retry: { max_attempts: 3, backoff_ms: 100, multiplier: 2, max_delay_ms: 1000 } };
  }
}

function build(g: Genes): Plan {
  const n = g.kinds.length;
  const kinds = [...g.kinds];
  const steps: Step[] = [];
  for (let i = 0; i < n; i++) {
    const flag = g.flags[i] ?? 0;
    const deps = g.masks[i]!.slice(0, i).flatMap((on, j) => (on && kinds[j] !== 'end' ? [j] : []));
    if (kinds[i] === 'await_receipt') {
      const effect = kinds.slice(0, i).lastIndexOf('emit_effect');
      if (effect < 0) kinds[i] = 'assign';
      else if (!deps.includes(effect)) deps.push(effect);
    }
    const kind = kinds[i]!;
    const when = guard(i, deps, kinds, flag);
    steps.push({
      id: g.ids[i + 1]!, name: `s${i}`, kind,
      ...(deps.length > 0 ? { depends_on: deps.map((d) => `s${d}`) } : {}),
      ...(deps.length >= 2 && flag % 2 === 1 ? { join: 'any' } : {}),
      ...(when === undefined ? {} : { when }),
      ...failurePolicy(flag >> 2),
      ...body(kind, i, deps, kinds, flag),
    } as Step);
  }
  return {
    id: g.ids[0]!, name: 'generated', version: '1.0.0', created_at: 1767225600000, timeout_ms: 60000,
    context_requirements: ['svc'],
    input: { fields: { order_id: { type: 'string', required: true }, amount: { type: 'number' } } },
    triggers: [{ event: 'x.requested', correlate_by: 'order_id' }],
    steps: g.order.map((i) => steps[i]!),
  };
}

export const arbPlan: fc.Arbitrary<Plan> = fc.integer({ min: 1, max: 14 }).chain((n) => fc.record({
  ids: fc.uniqueArray(fc.uuid({ version: 4 }), { minLength: n + 1, maxLength: n + 1 }),
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: n, maxLength: n }),
  masks: fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
  flags: fc.array(fc.nat({ max: 1023 }), { minLength: n, maxLength: n }),
  order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
}).map(build));
