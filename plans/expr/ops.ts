/**
 * The operator table: arity and accepted argument types of every call operator. Static checking
 * (expr/types.ts) and evaluation (expr/evaluate.ts) read the same table, so a type the validator
 * accepts is a type the evaluator accepts.
 */
import type { CallOp } from '../schema.js';

/** Types of expression values; `any` is "not known statically". */
export type ValueType = 'null' | 'boolean' | 'number' | 'string' | 'list' | 'record';
export type StaticType = ValueType | 'any';

/** Accepted types for one argument position; 'any' accepts everything, null included. */
export type Accepts = readonly ValueType[] | 'any';

export interface OpSpec {
  readonly min: number;
  readonly max: number;
  /** Accepted types by position; positions past the end use the last entry. */
  readonly args: readonly Accepts[];
  /** Result type, or 'join' when it is the common type of the value-producing arguments. */
  readonly result: StaticType | 'join';
}

const NUM = ['number'] as const;
const STR = ['string'] as const;
const BOOL = ['boolean'] as const;
const ORDERED = ['number', 'string'] as const;
const MANY = Number.MAX_SAFE_INTEGER;

const binary = (accepts: Accepts, result: StaticType): OpSpec => ({ min: 2, max: 2, args: [accepts, accepts], result });

export const OPS: { readonly [K in CallOp]: OpSpec } = {
  eq: binary('any', 'boolean'),
  ne: binary('any', 'boolean'),
  lt: binary(ORDERED, 'boolean'),
  le: binary(ORDERED, 'boolean'),
  gt: binary(ORDERED, 'boolean'),
  ge: binary(ORDERED, 'boolean'),
  and: { min: 1, max: MANY, args: [BOOL], result: 'boolean' },
  or: { min: 1, max: MANY, args: [BOOL], result: 'boolean' },
  not: { min: 1, max: 1, args: [BOOL], result: 'boolean' },
  add: binary(NUM, 'number'),
  sub: binary(NUM, 'number'),
  mul: binary(NUM, 'number'),
  div: binary(NUM, 'number'),
  mod: binary(NUM, 'number'),
  concat: { min: 1, max: MANY, args: [['string', 'number', 'boolean']], result: 'string' },
  length: { min: 1, max: 1, args: [['string', 'list']], result: 'number' },
  lower: { min: 1, max: 1, args: [STR], result: 'string' },
  upper: { min: 1, max: 1, args: [STR], result: 'string' },
  starts_with: binary(STR, 'boolean'),
  contains: { min: 2, max: 2, args: [['string', 'list'], 'any'], result: 'boolean' },
  at: { min: 2, max: 2, args: [['list'], NUM], result: 'any' },
  in: { min: 2, max: 2, args: ['any', ['list']], result: 'boolean' },
  get: { min: 2, max: 3, args: [['record', 'null'], STR, 'any'], result: 'any' },
  has: { min: 2, max: 2, args: [['record', 'null'], STR], result: 'boolean' },
  if: { min: 3, max: 3, args: [BOOL, 'any', 'any'], result: 'join' },
  coalesce: { min: 1, max: MANY, args: ['any'], result: 'join' },
};

export function acceptsAt(spec: OpSpec, index: number): Accepts {
  return spec.args[Math.min(index, spec.args.length - 1)] ?? 'any';
}

export function accepts(allowed: Accepts, type: StaticType): boolean {
  return allowed === 'any' || type === 'any' || allowed.includes(type);
}

export function describeAccepts(allowed: Accepts): string {
  return allowed === 'any' ? 'any value' : allowed.join(' or ');
}

/** Runtime type of a JSON value. */
export function typeOfValue(value: unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'string': return 'string';
    default: return 'record';
  }
}
