import { describe, expect, it } from 'vitest';
import { buildDag, validatePlan } from '../../plans/index.js';
import type { Issue, Plan, Step } from '../../plans/index.js';
import { json, samplePlan, uuid } from './support/plans.js';

function issuesOf(plan: Plan): Issue[] {
  const result = validatePlan(plan);
  return result.ok ? [] : result.issues;
}

const assign = (n: number, name: string, deps: string[] = []): Step => ({ id: uuid(20 + n), name, kind: 'assign', set: { [name]: n }, depends_on: deps });

describe('validatePlan: the step graph', () => {
  it('rejects duplicate step ids and names at the later step', () => {
    const plan = json(samplePlan());
    plan.steps[2]!.id = plan.steps[0]!.id;
    expect(issuesOf(plan)).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_STEP_ID', pointer: '/steps/2/id' }));
    const named = json(samplePlan());
    named.steps.push({ ...assign(1, 'x'), name: 'charged' });
    expect(issuesOf(named)).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_STEP_NAME', pointer: '/steps/3/name' }));
  });

  it('rejects a step id equal to the plan id', () => {
    const plan = json(samplePlan());
    plan.steps[1]!.id = plan.id;
    expect(issuesOf(plan)).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_STEP_ID', pointer: '/steps/1/id' }));
  });

  it('rejects unknown, self and repeated dependencies at the entry', () => {
    const plan = json(samplePlan());
    plan.steps[1]!.depends_on = ['charge', 'charged', 'charge', 'refund'];
    expect(issuesOf(plan).map((i) => [i.code, i.pointer])).toEqual([
      ['SELF_DEPENDENCY', '/steps/1/depends_on/1'],
      ['DUPLICATE_DEPENDENCY', '/steps/1/depends_on/2'],
      ['UNKNOWN_DEPENDENCY', '/steps/1/depends_on/3'],
    ]);
  });

  it('names the cycle and points at the edge from its earliest step', () => {
    const plan = json(samplePlan());
    plan.steps.push(assign(1, 'a', ['c']), assign(2, 'b', ['a']), assign(3, 'c', ['b']));
    const cycles = issuesOf(plan).filter((i) => i.code === 'DEPENDENCY_CYCLE');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.pointer).toBe('/steps/3/depends_on/0');
    expect(cycles[0]!.message).toContain('a -> c -> b -> a');
  });

  it('rejects a step after an end with UNREACHABLE_STEP', () => {
    const plan = json(samplePlan());
    plan.steps.push(assign(1, 'after', ['done']));
    expect(issuesOf(plan)).toEqual([expect.objectContaining({ code: 'UNREACHABLE_STEP', pointer: '/steps/3/depends_on/0' })]);
  });

  it('orders a DAG deterministically, dependencies first', () => {
    const plan = json(samplePlan());
    plan.steps.reverse();
    const dag = buildDag(plan.steps);
    expect(dag.order?.map((i) => dag.names[i])).toEqual(['charge', 'charged', 'done']);
    expect(validatePlan(plan).ok).toBe(true);
  });
});
