/**
 * What the lint rules share about a plan: its graph, ancestry, and a constant evaluator.
 */
import { ancestors, buildDag } from '../dag.js';
import type { Dag } from '../dag.js';
import { evaluate } from '../expr/evaluate.js';
import { refsOf } from '../expr/refs.js';
import type { Expr, JsonValue, Plan, Scope } from '../schema.js';

export interface LintContext {
  plan: Plan;
  dag: Dag;
  /** Strict ancestors of each step. */
  ancestry: readonly ReadonlySet<number>[];
}

export function lintContext(plan: Plan): LintContext {
  const dag = buildDag(plan.steps);
  return { plan, dag, ancestry: ancestors(dag) };
}

export function isAncestorOrSelf(ctx: LintContext, ancestor: number, of: number): boolean {
  return ancestor === of || (ctx.ancestry[of]?.has(ancestor) ?? false);
}

const EMPTY_SCOPE: Scope = {
  input: {}, vars: {}, steps: {}, correlation: null,
  run: { execution_id: '', started_at: 0, deadline_ms: 0, plan_hash: '', plan_id: '', plan_version: '' },
};

/** The value of an expression that reads nothing, or undefined when it reads or fails. */
export function constantValue(expr: Expr): JsonValue | undefined {
  if (refsOf(expr).length > 0) return undefined;
  const result = evaluate(expr, EMPTY_SCOPE);
  return result.ok ? result.value : undefined;
}
