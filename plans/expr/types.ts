/**
 * Static types of expressions, where knowable. Only definite mismatches are reported: a value of
 * type `any` (variables, receipt results, event data) is accepted everywhere, and a ref that may
 * read null at run time (a dead step) is typed by its declared type.
 */
import type { Expr } from '../schema.js';
import { issue, toPointer } from '../issues.js';
import type { Issue } from '../issues.js';
import { accepts, acceptsAt, describeAccepts, OPS, typeOfValue } from './ops.js';
import type { StaticType } from './ops.js';
import { parseRefPath } from './refs.js';
import type { RefPath } from './refs.js';

/** Types a ref; reports nothing itself (ref rules are checked separately). */
export type RefTyper = (ref: RefPath) => StaticType;

export interface Typed { type: StaticType; issues: Issue[] }

export function inferType(expr: Expr, refType: RefTyper, path: readonly (string | number)[]): Typed {
  const issues: Issue[] = [];
  const type = infer(expr, refType, [...path], issues);
  return { type, issues };
}

function mismatch(issues: Issue[], path: (string | number)[], message: string): void {
  const at = toPointer(path);
  issues.push(issue('EXPR_TYPE_MISMATCH', at, `${message} at ${at || '/'}`));
}

function join(types: StaticType[]): StaticType {
  const first = types[0];
  return first !== undefined && types.every((t) => t === first) ? first : 'any';
}

function infer(expr: Expr, refType: RefTyper, path: (string | number)[], issues: Issue[]): StaticType {
  if (expr === null || typeof expr !== 'object') return typeOfValue(expr);
  switch (expr.op) {
    case 'lit': return typeOfValue(expr.value);
    case 'ref': {
      const parsed = parseRefPath(expr.path);
      return parsed.ok ? refType(parsed.ref) : 'any';
    }
    case 'list':
      expr.items.forEach((item, i) => infer(item, refType, [...path, 'items', i], issues));
      return 'list';
    case 'record':
      for (const key of Object.keys(expr.fields)) infer(expr.fields[key] as Expr, refType, [...path, 'fields', key], issues);
      return 'record';
  }
  const spec = OPS[expr.op];
  const types = expr.args.map((arg, i) => infer(arg, refType, [...path, 'args', i], issues));
  types.forEach((t, i) => {
    const allowed = acceptsAt(spec, i);
    if (!accepts(allowed, t)) mismatch(issues, [...path, 'args', i], `expected ${describeAccepts(allowed)} for argument ${i} of ${expr.op}, found ${t}`);
  });
  const [a, b] = types;
  if (['lt', 'le', 'gt', 'ge'].includes(expr.op) && a !== 'any' && b !== 'any' && a !== b && accepts(acceptsAt(spec, 0), a as StaticType)) {
    mismatch(issues, path, `expected both sides of ${expr.op} to have one type, found ${a} and ${b}`);
  }
  if (expr.op === 'contains' && a === 'string' && b !== 'any' && b !== 'string') {
    mismatch(issues, [...path, 'args', 1], `expected a string to search a string for, found ${b}`);
  }
  if ((expr.op === 'div' || expr.op === 'mod') && expr.args[1] === 0) {
    const at = toPointer([...path, 'args', 1]);
    issues.push(issue('EXPR_DIVISION_BY_ZERO', at, `expected a non-zero divisor for ${expr.op}, found literal 0 at ${at}`));
  }
  if (spec.result !== 'join') return spec.result;
  if (expr.op === 'if') return join(types.slice(1));
  return join(types.filter((t) => t !== 'null'));
}
