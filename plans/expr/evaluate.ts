/**
 * Evaluation: pure and total. Every failure (type mismatch, division by zero, index out of range,
 * a malformed node) comes back as `{ ok: false, error }` with a WorldlineError of code
 * EXPRESSION_FAILED whose `reason` names the failure and whose `where.path` points into the
 * expression. No exception escapes, no clock is read, nothing in `scope` is mutated.
 */
import type { WorldlineError } from '../../kernel/errors.js';
import { reservedError } from '../error-codes.js';
import type { CallExpr, Expr, JsonValue, Scope } from '../schema.js';
import { LIMITS } from '../schema.js';
import { toPointer } from '../issues.js';
import { checkExprShape } from './shape.js';
import { applyOp, EvalFailure, lazyOp } from './apply.js';
import { parseRefPath } from './refs.js';
import { isRecord } from './values.js';

export type EvalResult = { ok: true; value: JsonValue } | { ok: false; error: WorldlineError };

export function evaluate(expr: Expr, scope: Scope): EvalResult {
  try {
    return { ok: true, value: evalNode(expr, scope, '', 0) };
  } catch (e) {
    if (e instanceof EvalFailure) {
      return {
        ok: false,
        error: reservedError('EXPRESSION_FAILED', `${e.message} at ${e.at || '/'}`, {
          reason: e.reason, found: e.found, where: { path: e.at || '/' },
        }),
      };
    }
    // Anything else is a defect or a hostile scope (e.g. a cyclic object); still a value.
    return {
      ok: false,
      error: reservedError('EXPRESSION_FAILED', `evaluation failed: ${e instanceof Error ? e.message : String(e)}`, {
        reason: 'INTERNAL', cause: e,
      }),
    };
  }
}

function evalNode(expr: Expr, scope: Scope, at: string, depth: number): JsonValue {
  if (depth > LIMITS.maxExprDepth) throw new EvalFailure('TOO_DEEP', at, `expected nesting at most ${LIMITS.maxExprDepth}`);
  if (expr === null || typeof expr !== 'object') {
    if (typeof expr === 'number' && !Number.isFinite(expr)) throw new EvalFailure('INVALID_EXPRESSION', at, 'expected a finite number');
    if (expr !== null && !['boolean', 'number', 'string'].includes(typeof expr)) {
      throw new EvalFailure('INVALID_EXPRESSION', at, 'expected a scalar literal or an {"op": ...} node', typeof expr);
    }
    return expr;
  }
  switch (expr.op) {
    case 'lit':
    case 'ref':
    case 'list':
    case 'record':
      return evalStructural(expr, scope, at, depth);
    default:
      return evalCall(expr, scope, at, depth);
  }
}

function evalStructural(expr: Exclude<Expr, CallExpr | null | boolean | number | string>, scope: Scope, at: string, depth: number): JsonValue {
  shallowCheck(expr, at);
  switch (expr.op) {
    case 'lit':
      return expr.value;
    case 'ref':
      return resolveRef(expr.path, scope, at);
    case 'list':
      return expr.items.map((item, i) => evalNode(item, scope, `${at}/items/${i}`, depth + 1));
    case 'record': {
      const out: { [key: string]: JsonValue } = {};
      for (const key of Object.keys(expr.fields).sort()) {
        const value = evalNode(expr.fields[key] as Expr, scope, `${at}${toPointer(['fields', key])}`, depth + 1);
        // defineProperty: a "__proto__" key stays data instead of replacing the prototype
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

function evalCall(expr: CallExpr, scope: Scope, at: string, depth: number): JsonValue {
  shallowCheck(expr, at);
  const arg = (i: number): JsonValue => evalNode(expr.args[i] as Expr, scope, `${at}/args/${i}`, depth + 1);
  const lazy = lazyOp(expr.op, expr.args.length, arg, at);
  if (lazy.handled) return lazy.value;
  return applyOp(expr.op, expr.args.map((_, i) => arg(i)), at);
}

/** Unvalidated expressions may reach evaluate: check this node's own shape, not its children. */
function shallowCheck(expr: object, at: string): void {
  const issues = checkExprShape({ ...expr, ...childless(expr) }, []);
  const first = issues[0];
  if (first !== undefined) throw new EvalFailure('INVALID_EXPRESSION', at, first.message);
}

function childless(expr: object): object {
  const e = expr as Record<string, unknown>;
  if (Array.isArray(e.args)) return { args: e.args.map(() => null) };
  if (Array.isArray(e.items)) return { items: [] };
  if (isRecord(e.fields)) return { fields: {} };
  return {};
}

function resolveRef(path: string, scope: Scope, at: string): JsonValue {
  const parsed = parseRefPath(path);
  if (!parsed.ok) throw new EvalFailure('BAD_PATH', at, parsed.reason);
  const { root, segments } = parsed.ref;
  let current: JsonValue | undefined = root === 'run' ? (scope.run as unknown as JsonValue) : root === 'event' ? (scope.event as JsonValue | undefined) : scope[root];
  let walked = root;
  for (const segment of segments) {
    if (current === undefined || current === null) return null;
    if (!isRecord(current)) {
      throw new EvalFailure('TYPE_MISMATCH', at, `expected a record at "${walked}" to read "${segment}"`, Array.isArray(current) ? 'list' : typeof current);
    }
    current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    walked += `.${segment}`;
  }
  return current ?? null;
}
