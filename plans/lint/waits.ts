/**
 * Lints on waits (seed 004): every wait needs a way out other than the plan's hard timeout, and
 * in a correlated plan every event wait must filter by the correlation key, or concurrent runs
 * steal each other's events.
 */
import { joinOf } from '../defaults.js';
import { exprSites } from '../expr-sites.js';
import { refsOf } from '../expr/refs.js';
import type { Plan, Step } from '../schema.js';
import { TIMER_EFFECT } from '../schema.js';
import type { Report } from './findings.js';
import { isAncestorOrSelf } from './context.js';
import type { LintContext } from './context.js';

/** Indices of await_receipt steps that wait for a timer.set effect. */
function timerWaits(ctx: LintContext): number[] {
  return ctx.plan.steps.flatMap((step, i) => {
    if (step.kind !== 'await_receipt') return [];
    const target = ctx.plan.steps[ctx.dag.index.get(step.for) ?? -1];
    return target?.kind === 'emit_effect' && target.effect === TIMER_EFFECT ? [i] : [];
  });
}

/** A join-any step with the wait on one dependency and a timer not behind the wait on another. */
function racedByJoin(ctx: LintContext, wait: number, timers: number[]): boolean {
  return ctx.plan.steps.some((step, j) => {
    if (joinOf(step) !== 'any') return false;
    const deps = ctx.dag.deps[j] ?? [];
    return deps.some((d1) => isAncestorOrSelf(ctx, wait, d1)
      && deps.some((d2) => d2 !== d1 && !isAncestorOrSelf(ctx, wait, d2) && timers.some((t) => isAncestorOrSelf(ctx, t, d2))));
  });
}

/** A timer running beside the wait that leads to an end step not behind the wait. */
function racedByEnd(ctx: LintContext, wait: number, timers: number[]): boolean {
  return timers.some((t) => !isAncestorOrSelf(ctx, t, wait) && !isAncestorOrSelf(ctx, wait, t)
    && ctx.plan.steps.some((step, e) => step.kind === 'end' && isAncestorOrSelf(ctx, t, e) && !isAncestorOrSelf(ctx, wait, e)));
}

export function lintWaits(ctx: LintContext, report: Report): void {
  const timers = timerWaits(ctx);
  ctx.plan.steps.forEach((step, i) => {
    if (step.kind !== 'await_event' && step.kind !== 'await_receipt') return;
    if (timers.includes(i) || step.timeout_ms !== undefined) return;
    if (racedByJoin(ctx, i, timers) || racedByEnd(ctx, i, timers)) return;
    report('WAIT_WITHOUT_TIMEOUT', ['steps', i], `expected timeout_ms or a timer.set racing "${step.name}", found neither`);
  });
}

function correlationPaths(plan: Plan): string[] {
  return (plan.triggers ?? []).flatMap((t) => (t.correlate_by === undefined ? [] : [`input.${t.correlate_by}`]));
}

function usesCorrelation(step: Step & { kind: 'await_event' }, paths: string[]): boolean {
  if (step.where === undefined) return false;
  return refsOf(step.where).some((r) => r.root === 'correlation' || paths.includes(r.path));
}

export function lintCorrelation(ctx: LintContext, report: Report): void {
  const paths = correlationPaths(ctx.plan);
  ctx.plan.steps.forEach((step, i) => {
    if (paths.length === 0) {
      const site = exprSites(step).find((s) => refsOf(s.expr).some((r) => r.root === 'correlation'));
      if (site) report('CORRELATION_UNSET', ['steps', i, ...site.path], `expected a trigger with correlate_by for "${step.name}" to read correlation, found none`);
      return;
    }
    if (step.kind !== 'await_event' || usesCorrelation(step, paths)) return;
    const where = step.where === undefined ? 'no where' : 'a where that reads neither correlation nor ' + paths.join(' or ');
    report('CORRELATION_PREDICATE_MISSING', step.where === undefined ? ['steps', i] : ['steps', i, 'where'], `expected "${step.name}" to match events by the correlation key, found ${where}`);
  });
}
