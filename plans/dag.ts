/**
 * The dependency graph of a plan's steps, by index in document order. Validation, lints and
 * rendering share it. Unknown, self and repeated dependencies are left out here (validation
 * reports them), so the analysis below is total on any parsed plan.
 */
import { dependsOn } from './defaults.js';
import type { Step } from './schema.js';

export interface Dag {
  /** Step names in document order. */
  readonly names: readonly string[];
  /** Name -> index of its first step. */
  readonly index: ReadonlyMap<string, number>;
  /** Known dependencies of each step, in listed order, without repeats. */
  readonly deps: readonly (readonly number[])[];
  /** Dependents of each step, ascending. */
  readonly children: readonly (readonly number[])[];
  /** A topological order (dependencies first, document order among ready steps); null when cyclic. */
  readonly order: readonly number[] | null;
  /** The first cycle found, rotated to start at its earliest step; each depends on the next. */
  readonly cycle: readonly number[] | null;
}

export function buildDag(steps: readonly Step[]): Dag {
  const names = steps.map((s) => s.name);
  const index = new Map<string, number>();
  names.forEach((name, i) => { if (!index.has(name)) index.set(name, i); });
  const deps = steps.map((step, i) => {
    const out: number[] = [];
    for (const name of dependsOn(step)) {
      const j = index.get(name);
      if (j !== undefined && j !== i && !out.includes(j)) out.push(j);
    }
    return out;
  });
  const children: number[][] = steps.map(() => []);
  deps.forEach((ds, i) => ds.forEach((j) => children[j]?.push(i)));
  children.forEach((c) => c.sort((a, b) => a - b));
  const order = topoOrder(deps, children);
  return { names, index, deps, children, order, cycle: order === null ? findCycle(deps) : null };
}

/** Kahn's algorithm, always taking the lowest ready index, so the order is unique. */
function topoOrder(deps: readonly (readonly number[])[], children: readonly (readonly number[])[]): number[] | null {
  const pending = deps.map((d) => d.length);
  const ready: number[] = [];
  pending.forEach((n, i) => { if (n === 0) ready.push(i); });
  const order: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const next = ready.shift() as number;
    order.push(next);
    for (const child of children[next] ?? []) {
      pending[child] = (pending[child] as number) - 1;
      if (pending[child] === 0) ready.push(child);
    }
  }
  return order.length === deps.length ? order : null;
}

/** Iterative DFS along dependencies; the first back edge closes the reported cycle. */
function findCycle(deps: readonly (readonly number[])[]): number[] | null {
  const state = deps.map(() => 0); // 0 new, 1 on stack, 2 done
  for (let root = 0; root < deps.length; root++) {
    if (state[root] !== 0) continue;
    const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: number; next: number };
      const dep = deps[top.node]?.[top.next];
      if (dep === undefined) {
        state[top.node] = 2;
        stack.pop();
        continue;
      }
      top.next++;
      if (state[dep] === 1) {
        const cycle = stack.slice(stack.findIndex((f) => f.node === dep)).map((f) => f.node);
        const start = cycle.indexOf(Math.min(...cycle));
        return [...cycle.slice(start), ...cycle.slice(0, start)];
      }
      if (state[dep] === 0) {
        state[dep] = 1;
        stack.push({ node: dep, next: 0 });
      }
    }
  }
  return null;
}

/** Strict ancestors of every step (transitive dependencies). Requires an acyclic graph. */
export function ancestors(dag: Dag): ReadonlySet<number>[] {
  const out: Set<number>[] = dag.names.map(() => new Set<number>());
  for (const i of dag.order ?? []) {
    const mine = out[i] as Set<number>;
    for (const d of dag.deps[i] ?? []) {
      mine.add(d);
      for (const a of out[d] ?? []) mine.add(a);
    }
  }
  return out;
}

/** Strict descendants of `from`. */
export function descendants(dag: Dag, from: number): Set<number> {
  const seen = new Set<number>();
  const todo = [...(dag.children[from] ?? [])];
  while (todo.length > 0) {
    const next = todo.pop() as number;
    if (seen.has(next)) continue;
    seen.add(next);
    todo.push(...(dag.children[next] ?? []));
  }
  return seen;
}
