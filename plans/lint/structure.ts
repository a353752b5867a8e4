/**
 * Lints on the shape of the run: an end that exists and can fire, guards that are not constant
 * false, joins that race something, timeouts that fit inside the plan's, triggers that do not
 * feed themselves.
 */
import { joinOf } from '../defaults.js';
import { constantValue } from './context.js';
import type { LintContext } from './context.js';
import type { Report } from './findings.js';

/** Steps that are dead on every run: a constant-false guard, propagated along the joins. */
function certainlyDead(ctx: LintContext, falseGuards: ReadonlySet<number>): Set<number> {
  const dead = new Set<number>();
  for (const i of ctx.dag.order ?? []) {
    const step = ctx.plan.steps[i];
    const deps = ctx.dag.deps[i] ?? [];
    if (step === undefined) continue;
    const killed = deps.length > 0 && (joinOf(step) === 'all' ? deps.some((d) => dead.has(d)) : deps.every((d) => dead.has(d)));
    if (killed || falseGuards.has(i)) dead.add(i);
  }
  return dead;
}

export function lintStructure(ctx: LintContext, report: Report): void {
  const { plan } = ctx;
  const falseGuards = new Set<number>();
  plan.steps.forEach((step, i) => {
    if (step.when !== undefined && constantValue(step.when) === false) {
      falseGuards.add(i);
      report('WHEN_ALWAYS_FALSE', ['steps', i, 'when'], `expected a guard that can be true, found constant false on "${step.name}"`);
    }
    const deps = ctx.dag.deps[i] ?? [];
    if (joinOf(step) === 'any' && deps.length < 2) {
      report('ANY_JOIN_SINGLE_DEPENDENCY', ['steps', i, 'join'], `expected join any over two or more dependencies, found ${deps.length} on "${step.name}"`);
    }
    if (step.timeout_ms !== undefined && step.timeout_ms > plan.timeout_ms) {
      report('STEP_TIMEOUT_EXCEEDS_PLAN', ['steps', i, 'timeout_ms'], `expected at most the plan timeout_ms ${plan.timeout_ms}, found ${step.timeout_ms}`);
    }
    if (step.kind === 'raise_event' && (plan.triggers ?? []).some((t) => t.event === step.event)) {
      report('RAISE_TRIGGERS_SELF', ['steps', i, 'event'], `expected an event that does not start this plan, found "${step.event}"`);
    }
  });
  const ends = plan.steps.flatMap((s, i) => (s.kind === 'end' ? [i] : []));
  if (ends.length === 0) report('NO_END_STEP', ['steps'], 'expected at least one end step, found none');
  const dead = certainlyDead(ctx, falseGuards);
  for (const e of ends) {
    if (dead.has(e) && !falseGuards.has(e)) report('END_UNREACHABLE', ['steps', e], `expected end step "${plan.steps[e]?.name}" to be reachable, found every path to it dead`);
  }
}
