/**
 * A compact, one-line text form of an expression for graph labels, messages and traces:
 * `and(eq(steps.charge_receipt.status, "ok"), gt(input.amount, 0))`. Output only; plans stay JSON.
 */
import type { Expr } from '../schema.js';

export function formatExpr(expr: Expr): string {
  if (expr === null || typeof expr !== 'object') return JSON.stringify(expr);
  switch (expr.op) {
    case 'lit': return JSON.stringify(expr.value);
    case 'ref': return expr.path;
    case 'list': return `[${expr.items.map(formatExpr).join(', ')}]`;
    case 'record': return `{${Object.keys(expr.fields).map((k) => `${k}: ${formatExpr(expr.fields[k] as Expr)}`).join(', ')}}`;
    default: return `${expr.op}(${expr.args.map(formatExpr).join(', ')})`;
  }
}

/** formatExpr cut to `max` characters with an ellipsis. */
export function formatExprShort(expr: Expr, max = 60): string {
  const text = formatExpr(expr);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
