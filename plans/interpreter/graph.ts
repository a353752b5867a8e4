/**
 * The static shape of a plan the interpreter walks: a stable topological order (ties broken by
 * position in the document, so every machine visits steps in the same order and outputs come out
 * in the same order), steps by name and the `await_receipt` steps of each `emit_effect`.
 * Derived purely from the plan, so caching it per plan object cannot change a result.
 */
import { buildDag } from '../dag.js';
import { dependsOn } from '../defaults.js';
import type { AwaitEventStep, AwaitReceiptStep, Plan, Step } from '../schema.js';

export interface PlanGraph {
  order: readonly Step[];
  byName: ReadonlyMap<string, Step>;
  /** `await_receipt` steps by the `emit_effect` step they wait for, in order. */
  awaiters: ReadonlyMap<string, readonly AwaitReceiptStep[]>;
  awaitEvents: readonly AwaitEventStep[];
}

const cache = new WeakMap<Plan, PlanGraph>();

export function planGraph(plan: Plan): PlanGraph {
  let graph = cache.get(plan);
  if (graph === undefined) {
    graph = buildGraph(plan);
    cache.set(plan, graph);
  }
  return graph;
}

function buildGraph(plan: Plan): PlanGraph {
  const byName = new Map<string, Step>();
  for (const step of plan.steps) {
    if (byName.has(step.name)) throw new Error(`plan ${plan.id}: duplicate step name "${step.name}"`);
    byName.set(step.name, step);
  }
  const order = topologicalOrder(plan.steps, plan.id);
  const awaiters = new Map<string, AwaitReceiptStep[]>();
  const awaitEvents: AwaitEventStep[] = [];
  for (const step of order) {
    if (step.kind === 'await_receipt') {
      const target = byName.get(step.for);
      if (target === undefined || target.kind !== 'emit_effect') {
        throw new Error(`plan ${plan.id}: step "${step.name}" awaits "${step.for}", which is not an emit_effect step`);
      }
      awaiters.set(step.for, [...(awaiters.get(step.for) ?? []), step]);
    } else if (step.kind === 'await_event') {
      awaitEvents.push(step);
    }
  }
  return { order, byName, awaiters, awaitEvents };
}

/** dag.ts's order: dependencies first, document order among ready steps. */
function topologicalOrder(steps: readonly Step[], planId: string): Step[] {
  const dag = buildDag(steps);
  const unknown = steps.find((step) => dependsOn(step).some((dep) => !dag.index.has(dep)));
  if (unknown !== undefined) throw new Error(`plan ${planId}: step "${unknown.name}" depends on an unknown step`);
  if (dag.order === null) throw new Error(`plan ${planId}: depends_on forms a cycle`);
  return dag.order.map((i) => steps[i] as Step);
}
