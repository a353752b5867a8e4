/**
 * Where expressions sit in a step, with what each must produce. Validation (refs, types) and
 * lints (correlation predicates, literals that look like refs) walk the same list.
 */
import type { ValueType } from './expr/ops.js';
import type { Expr, Step } from './schema.js';
import { TIMER_EFFECT } from './schema.js';

export interface ExprSite {
  expr: Expr;
  /** Path from the step object, e.g. ['params', 'delay_ms']. */
  path: (string | number)[];
  /** The type the value must have, when the language fixes one. */
  want?: ValueType;
  /** Only an await_event `where` may read `event.*`. */
  allowsEvent?: boolean;
}

export function exprSites(step: Step): ExprSite[] {
  const sites: ExprSite[] = [];
  if (step.when !== undefined) sites.push({ expr: step.when, path: ['when'], want: 'boolean' });
  switch (step.kind) {
    case 'emit_effect':
      for (const key of Object.keys(step.params)) {
        const expr = step.params[key] as Expr;
        // A literal delay is checked (positive integer) by the timer rule; a computed one must be a number.
        const want = step.effect === TIMER_EFFECT && key === 'delay_ms' && expr !== null && typeof expr === 'object' ? 'number' : undefined;
        sites.push({ expr, path: ['params', key], ...(want ? { want } : {}) });
      }
      if (step.idempotency_key !== undefined) sites.push({ expr: step.idempotency_key, path: ['idempotency_key'], want: 'string' });
      break;
    case 'await_event':
      if (step.where !== undefined) sites.push({ expr: step.where, path: ['where'], want: 'boolean', allowsEvent: true });
      break;
    case 'raise_event':
      sites.push({ expr: step.data, path: ['data'] });
      break;
    case 'assign':
      for (const key of Object.keys(step.set)) sites.push({ expr: step.set[key] as Expr, path: ['set', key] });
      break;
    case 'end':
      if (step.result !== undefined) sites.push({ expr: step.result, path: ['result'] });
      if (step.error_message !== undefined) sites.push({ expr: step.error_message, path: ['error_message'], want: 'string' });
      break;
    case 'execute_plan':
      sites.push({ expr: step.input, path: ['input'], want: 'record' });
      break;
    case 'await_receipt':
      break;
  }
  return sites;
}
