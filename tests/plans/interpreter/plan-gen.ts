/**
 * Random valid DAG plans for the property tests: emit_effect / await_receipt / assign / end steps
 * with random dependencies, joins, guards (some of which cannot be evaluated), failure policies,
 * wait timeouts and effects whose params sometimes fail to evaluate.
 */
import fc from 'fast-check';
import type { Plan, Step } from '../../../plans/schema.js';
import { makePlan } from './harness.js';
import type { StepSpec } from './harness.js';

export interface Gene {
  kind: number;
  depMask: number;
  any: boolean;
  guard: number;
  onFailure: number;
  timeout: boolean;
  failing: number;
  endStatus: number;
}

export const geneArb: fc.Arbitrary<Gene> = fc.record({
  kind: fc.nat(3),
  depMask: fc.nat(0xffff),
  any: fc.boolean(),
  guard: fc.nat(5),
  onFailure: fc.nat(2),
  timeout: fc.boolean(),
  failing: fc.nat(7),
  endStatus: fc.nat(2),
});

const RETRY = { max_attempts: 2, backoff_ms: 5, multiplier: 1, max_delay_ms: 5 };
const ref = (path: string) => ({ op: 'ref' as const, path });

/** Builds the plan; step 0 assigns the variables guards and params read. */
export function planFromGenes(genes: readonly Gene[]): Plan {
  const steps: StepSpec[] = [{ name: 's0', kind: 'assign', set: { flag: true, zero: 0 } }];
  genes.forEach((gene, index) => {
    const name = `s${index + 1}`;
    const candidates = steps.filter((s) => s.kind !== 'end').map((s) => s.name);
    const deps = candidates.filter((_, i) => (gene.depMask >> (i % 16)) & 1);
    const base = {
      name,
      ...(deps.length > 0 ? { depends_on: deps } : {}),
      ...(deps.length > 1 && gene.any ? { join: 'any' as const } : {}),
      ...guardOf(gene.guard),
      ...policyOf(gene.onFailure),
    };
    const emits = steps.filter((s) => s.kind === 'emit_effect').map((s) => s.name);
    const kind = gene.kind === 1 && emits.length === 0 ? 0 : gene.kind;
    if (kind === 0) {
      steps.push({
        ...base, kind: 'emit_effect', effect: 'svc.call', idempotency_key: `key-${name}`,
        params: gene.failing === 0 ? { n: index, bad: { op: 'div', args: [1, ref('vars.zero')] } } : { n: index },
      });
    } else if (kind === 1) {
      const target = emits[gene.depMask % emits.length] as string;
      const depends_on = [...new Set([...(base.depends_on ?? []), target])];
      steps.push({ ...base, depends_on, kind: 'await_receipt', for: target, ...(gene.timeout ? { timeout_ms: 50 } : {}) });
    } else if (kind === 2) {
      steps.push({ ...base, kind: 'assign', set: { flag: gene.failing % 2 === 0 } });
    } else {
      const status = (['success', 'partial', 'failure'] as const)[gene.endStatus] ?? 'success';
      steps.push({ ...base, kind: 'end', status, ...(status === 'success' ? {} : { error_code: 'GENERATED_END' }) });
    }
  });
  return makePlan(steps);
}

function guardOf(guard: number): { when?: Step['when'] } {
  switch (guard) {
    case 1: return { when: true };
    case 2: return { when: false };
    case 3: return { when: ref('vars.flag') };
    // Null before s0 ran when nothing orders it first: an expression failure, by design.
    case 4: return { when: { op: 'not', args: [ref('vars.flag')] } };
    default: return {};
  }
}

function policyOf(onFailure: number): Partial<Step> {
  if (onFailure === 1) return { on_failure: 'skip' };
  if (onFailure === 2) return { on_failure: 'retry', retry: RETRY };
  return {};
}
