/**
 * Lints inside expressions: string literals that were meant as refs, and status comparisons
 * against values the status never takes (a typo makes a branch silently dead).
 */
import { exprSites } from '../expr-sites.js';
import { parseRefPath } from '../expr/refs.js';
import type { Expr } from '../schema.js';
import { STATUS_VALUES } from '../step-outputs.js';
import type { LintContext } from './context.js';
import type { Report } from './findings.js';

const REF_LIKE = /^(input|vars|steps|run|event)\.[A-Za-z_]|^correlation$/;

type Visit = (expr: Expr, path: (string | number)[]) => void;

function walk(expr: Expr, path: (string | number)[], visit: Visit): void {
  visit(expr, path);
  if (expr === null || typeof expr !== 'object') return;
  switch (expr.op) {
    case 'lit':
    case 'ref':
      return;
    case 'list':
      expr.items.forEach((e, i) => walk(e, [...path, 'items', i], visit));
      return;
    case 'record':
      for (const k of Object.keys(expr.fields)) walk(expr.fields[k] as Expr, [...path, 'fields', k], visit);
      return;
    default:
      expr.args.forEach((e, i) => walk(e, [...path, 'args', i], visit));
  }
}

export function lintExpressions(ctx: LintContext, report: Report): void {
  const statusOf = (e: Expr): readonly string[] | undefined => {
    if (e === null || typeof e !== 'object' || e.op !== 'ref') return undefined;
    const parsed = parseRefPath(e.path);
    if (!parsed.ok || parsed.ref.root !== 'steps' || parsed.ref.segments.length !== 2 || parsed.ref.segments[1] !== 'status') return undefined;
    const target = ctx.plan.steps[ctx.dag.index.get(parsed.ref.segments[0] as string) ?? -1];
    return target === undefined ? undefined : STATUS_VALUES[target.kind];
  };
  ctx.plan.steps.forEach((step, i) => {
    for (const site of exprSites(step)) {
      walk(site.expr, ['steps', i, ...site.path], (expr, path) => {
        if (typeof expr === 'string' && REF_LIKE.test(expr)) {
          report('LITERAL_LOOKS_LIKE_REF', path, `expected {"op":"ref","path":"${expr}"} or a plain string, found the literal "${expr}"`);
        }
        if (expr === null || typeof expr !== 'object' || (expr.op !== 'eq' && expr.op !== 'ne')) return;
        const [a, b] = expr.args as [Expr, Expr];
        for (const [ref, lit, k] of [[a, b, 1], [b, a, 0]] as const) {
          const allowed = statusOf(ref);
          if (allowed !== undefined && typeof lit === 'string' && !allowed.includes(lit)) {
            report('UNKNOWN_STATUS_LITERAL', [...path, 'args', k], `expected one of ${allowed.join(', ')}, found "${lit}"`);
          }
        }
      });
    }
  });
}
