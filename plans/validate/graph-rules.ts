/**
 * Rules on the step graph: unique ids and names, dependencies that name other, real steps once,
 * no cycles (the cycle is named), nothing after an `end`.
 */
import type { Dag } from '../dag.js';
import { dependsOn } from '../defaults.js';
import { issue, toPointer } from '../issues.js';
import type { Issue } from '../issues.js';
import type { Plan } from '../schema.js';

function duplicates(plan: Plan, key: 'id' | 'name', code: 'DUPLICATE_STEP_ID' | 'DUPLICATE_STEP_NAME'): Issue[] {
  const first = new Map<string, number>();
  const out: Issue[] = [];
  plan.steps.forEach((step, i) => {
    const value = step[key];
    const seen = first.get(value);
    if (seen === undefined) {
      first.set(value, i);
      return;
    }
    const at = toPointer(['steps', i, key]);
    out.push(issue(code, at, `expected a unique step ${key}, found "${value}" already used by /steps/${seen} at ${at}`));
  });
  if (key === 'id') {
    const clash = first.get(plan.id);
    if (clash !== undefined) {
      const at = toPointer(['steps', clash, 'id']);
      out.push(issue(code, at, `expected step ids distinct from the plan id, found "${plan.id}" at ${at}`));
    }
  }
  return out;
}

function dependencyIssues(plan: Plan, dag: Dag): Issue[] {
  const out: Issue[] = [];
  plan.steps.forEach((step, i) => {
    const seen = new Set<string>();
    dependsOn(step).forEach((name, j) => {
      const at = toPointer(['steps', i, 'depends_on', j]);
      const target = dag.index.get(name);
      if (name === step.name) {
        out.push(issue('SELF_DEPENDENCY', at, `expected a dependency on another step, found "${name}" depending on itself at ${at}`));
      } else if (target === undefined) {
        out.push(issue('UNKNOWN_DEPENDENCY', at, `expected the name of a step in this plan, found "${name}" at ${at}`));
      } else if (seen.has(name)) {
        out.push(issue('DUPLICATE_DEPENDENCY', at, `expected each dependency once, found "${name}" again at ${at}`));
      } else if (plan.steps[target]?.kind === 'end') {
        out.push(issue('UNREACHABLE_STEP', at, `expected no step after an end (the run is over), found "${step.name}" depending on end step "${name}" at ${at}`));
      }
      seen.add(name);
    });
  });
  return out;
}

function cycleIssue(plan: Plan, dag: Dag): Issue[] {
  if (dag.cycle === null) return [];
  const [from, to] = dag.cycle as [number, number];
  const names = dag.cycle.map((i) => dag.names[i]);
  const j = dependsOn(plan.steps[from] as Plan['steps'][number]).indexOf(dag.names[to ?? from] as string);
  const at = toPointer(['steps', from, 'depends_on', j]);
  const ring = [...names, names[0]].join(' -> ');
  return [issue('DEPENDENCY_CYCLE', at, `expected acyclic depends_on, found the cycle ${ring} (each depends on the next) at ${at}`)];
}

export function checkGraph(plan: Plan, dag: Dag): Issue[] {
  return [
    ...duplicates(plan, 'id', 'DUPLICATE_STEP_ID'),
    ...duplicates(plan, 'name', 'DUPLICATE_STEP_NAME'),
    ...dependencyIssues(plan, dag),
    ...cycleIssue(plan, dag),
  ];
}
