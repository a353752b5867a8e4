/**
 * Expression helpers for the builder: `e.eq(e.step('charge_receipt', 'status'), 'ok')` emits
 * the same JSON AST an author would write by hand. Ref paths are typed by root so editors
 * complete them; the validator still checks every name against the plan.
 */
import type { CallExpr, CallOp, Expr, JsonValue, LitExpr, ListExpr, RecordExpr, RefExpr, RunField } from './schema.js';

export type RefPathString =
  | `input.${string}` | `vars.${string}` | `steps.${string}` | `run.${RunField}`
  | 'correlation' | `correlation.${string}` | 'event' | `event.${string}`;

const call = (op: CallOp) => (...args: Expr[]): CallExpr => ({ op, args });

export const e = {
  lit: (value: JsonValue): LitExpr => ({ op: 'lit', value }),
  ref: (path: RefPathString): RefExpr => ({ op: 'ref', path }),
  input: (field: string, ...path: string[]): RefExpr => ({ op: 'ref', path: ['input', field, ...path].join('.') }),
  var: (name: string, ...path: string[]): RefExpr => ({ op: 'ref', path: ['vars', name, ...path].join('.') }),
  step: (name: string, ...path: string[]): RefExpr => ({ op: 'ref', path: ['steps', name, ...path].join('.') }),
  event: (...path: string[]): RefExpr => ({ op: 'ref', path: ['event', ...path].join('.') }),
  run: (field: RunField): RefExpr => ({ op: 'ref', path: `run.${field}` }),
  correlation: (): RefExpr => ({ op: 'ref', path: 'correlation' }),
  list: (...items: Expr[]): ListExpr => ({ op: 'list', items }),
  record: (fields: { [key: string]: Expr }): RecordExpr => ({ op: 'record', fields }),
  eq: (a: Expr, b: Expr) => call('eq')(a, b),
  ne: (a: Expr, b: Expr) => call('ne')(a, b),
  lt: (a: Expr, b: Expr) => call('lt')(a, b),
  le: (a: Expr, b: Expr) => call('le')(a, b),
  gt: (a: Expr, b: Expr) => call('gt')(a, b),
  ge: (a: Expr, b: Expr) => call('ge')(a, b),
  and: (first: Expr, ...rest: Expr[]) => call('and')(first, ...rest),
  or: (first: Expr, ...rest: Expr[]) => call('or')(first, ...rest),
  not: (a: Expr) => call('not')(a),
  add: (a: Expr, b: Expr) => call('add')(a, b),
  sub: (a: Expr, b: Expr) => call('sub')(a, b),
  mul: (a: Expr, b: Expr) => call('mul')(a, b),
  div: (a: Expr, b: Expr) => call('div')(a, b),
  mod: (a: Expr, b: Expr) => call('mod')(a, b),
  concat: (first: Expr, ...rest: Expr[]) => call('concat')(first, ...rest),
  length: (a: Expr) => call('length')(a),
  lower: (a: Expr) => call('lower')(a),
  upper: (a: Expr) => call('upper')(a),
  startsWith: (a: Expr, prefix: Expr) => call('starts_with')(a, prefix),
  contains: (haystack: Expr, needle: Expr) => call('contains')(haystack, needle),
  at: (list: Expr, index: Expr) => call('at')(list, index),
  in: (item: Expr, list: Expr) => call('in')(item, list),
  get: (record: Expr, key: Expr, fallback?: Expr) => (fallback === undefined ? call('get')(record, key) : call('get')(record, key, fallback)),
  has: (record: Expr, key: Expr) => call('has')(record, key),
  if: (cond: Expr, then: Expr, otherwise: Expr) => call('if')(cond, then, otherwise),
  coalesce: (first: Expr, ...rest: Expr[]) => call('coalesce')(first, ...rest),
} as const;
