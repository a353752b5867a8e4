/**
 * Lints on effects: effects are dispatched at least once after a crash, so anything that
 * changes the outside world needs an idempotency key that differs between runs, and an effect
 * whose receipt nobody awaits fails silently.
 */
import { refsOf } from '../expr/refs.js';
import { APPROVAL_EFFECT, TIMER_EFFECT } from '../schema.js';
import type { LintContext } from './context.js';
import type { Report } from './findings.js';

/** Built-in kinds are deduplicated by intent id inside the world; they need no key. */
const BUILT_IN = new Set([TIMER_EFFECT, APPROVAL_EFFECT]);

export function lintEffects(ctx: LintContext, report: Report): void {
  const awaited = new Set(ctx.plan.steps.flatMap((s) => (s.kind === 'await_receipt' ? [s.for] : [])));
  ctx.plan.steps.forEach((step, i) => {
    if (step.kind !== 'emit_effect') return;
    if (!awaited.has(step.name)) {
      report('EFFECT_RECEIPT_IGNORED', ['steps', i], `expected an await_receipt for "${step.name}" (${step.effect}), found none`);
    }
    if (step.effect === TIMER_EFFECT) {
      const delay = step.params.delay_ms;
      if (typeof delay === 'number' && delay > ctx.plan.timeout_ms) {
        report('TIMER_EXCEEDS_PLAN_TIMEOUT', ['steps', i, 'params', 'delay_ms'], `expected delay_ms below the plan timeout_ms ${ctx.plan.timeout_ms}, found ${delay}`);
      }
    }
    if (step.read_only === true || BUILT_IN.has(step.effect)) return;
    if (step.idempotency_key === undefined) {
      report('EFFECT_WITHOUT_IDEMPOTENCY_KEY', ['steps', i], `expected an idempotency_key (or read_only: true) on "${step.name}" (${step.effect}), found none`);
    } else if (refsOf(step.idempotency_key).length === 0) {
      report('IDEMPOTENCY_KEY_CONSTANT', ['steps', i, 'idempotency_key'], `expected a key that reads input, correlation or run, found a constant on "${step.name}"`);
    }
  });
}
