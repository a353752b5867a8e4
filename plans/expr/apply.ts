/**
 * Operator semantics. Lazy operators (and, or, if, coalesce) evaluate only the arguments they
 * need, so `and(has(r, "k"), eq(get(r, "k"), 1))` never reads past a false guard. Strict operators
 * get evaluated arguments, checked against the shared operator table first.
 */
import type { CallOp, JsonValue } from '../schema.js';
import { acceptsAt, describeAccepts, OPS, typeOfValue } from './ops.js';
import { isRecord, jsonEqual } from './values.js';

/** Internal signal; `evaluate` turns it into an EXPRESSION_FAILED result and never rethrows it. */
export class EvalFailure extends Error {
  constructor(readonly reason: string, readonly at: string, message: string, readonly found?: string) {
    super(found === undefined ? message : `${message}, found ${found}`);
  }
}

function checkArg(op: CallOp, index: number, value: JsonValue, at: string): void {
  const allowed = acceptsAt(OPS[op], index);
  if (allowed !== 'any' && !allowed.includes(typeOfValue(value))) {
    throw new EvalFailure('TYPE_MISMATCH', `${at}/args/${index}`, `expected ${describeAccepts(allowed)} for argument ${index} of ${op}`, typeOfValue(value));
  }
}

export type LazyResult = { handled: true; value: JsonValue } | { handled: false };

export function lazyOp(op: CallOp, count: number, arg: (i: number) => JsonValue, at: string): LazyResult {
  const checked = (i: number): JsonValue => {
    const value = arg(i);
    checkArg(op, i, value, at);
    return value;
  };
  switch (op) {
    case 'and':
      for (let i = 0; i < count; i++) if (checked(i) === false) return { handled: true, value: false };
      return { handled: true, value: true };
    case 'or':
      for (let i = 0; i < count; i++) if (checked(i) === true) return { handled: true, value: true };
      return { handled: true, value: false };
    case 'if':
      return { handled: true, value: checked(0) === true ? arg(1) : arg(2) };
    case 'coalesce':
      for (let i = 0; i < count; i++) {
        const value = arg(i);
        if (value !== null) return { handled: true, value };
      }
      return { handled: true, value: null };
    default:
      return { handled: false };
  }
}

function number(op: CallOp, result: number, at: string): number {
  if (!Number.isFinite(result)) throw new EvalFailure('NUMERIC_OVERFLOW', at, `expected a finite result of ${op}`, String(result));
  return result === 0 ? 0 : result; // fold -0 so results hash like their JSON text
}

export function applyOp(op: CallOp, args: JsonValue[], at: string): JsonValue {
  args.forEach((value, i) => checkArg(op, i, value, at));
  const [a, b] = args as [JsonValue, JsonValue];
  switch (op) {
    case 'eq': return jsonEqual(a, b);
    case 'ne': return !jsonEqual(a, b);
    case 'lt': case 'le': case 'gt': case 'ge': return compare(op, a, b, at);
    case 'not': return !(a as boolean);
    case 'add': return number(op, (a as number) + (b as number), at);
    case 'sub': return number(op, (a as number) - (b as number), at);
    case 'mul': return number(op, (a as number) * (b as number), at);
    case 'div':
    case 'mod':
      if (b === 0) throw new EvalFailure('DIVISION_BY_ZERO', `${at}/args/1`, `expected a non-zero divisor for ${op}`, '0');
      return number(op, op === 'div' ? (a as number) / (b as number) : (a as number) % (b as number), at);
    case 'concat': return args.map((v) => String(v)).join('');
    case 'length': return typeof a === 'string' ? [...a].length : (a as JsonValue[]).length;
    case 'lower': return (a as string).toLowerCase();
    case 'upper': return (a as string).toUpperCase();
    case 'starts_with': return (a as string).startsWith(b as string);
    case 'contains':
      if (typeof a === 'string') {
        if (typeof b !== 'string') throw new EvalFailure('TYPE_MISMATCH', `${at}/args/1`, 'expected a string to search a string for', typeOfValue(b));
        return a.includes(b);
      }
      return (a as JsonValue[]).some((item) => jsonEqual(item, b));
    case 'in': return (b as JsonValue[]).some((item) => jsonEqual(item, a));
    case 'at': return at_(a as JsonValue[], b as number, at);
    case 'get': return isRecord(a) && Object.hasOwn(a, b as string) ? (a[b as string] as JsonValue) : (args[2] ?? null);
    case 'has': return isRecord(a) && Object.hasOwn(a, b as string);
    default: throw new EvalFailure('INVALID_EXPRESSION', at, `expected a strict operator, found ${op}`);
  }
}

function compare(op: 'lt' | 'le' | 'gt' | 'ge', a: JsonValue, b: JsonValue, at: string): boolean {
  if (typeof a !== typeof b) {
    throw new EvalFailure('TYPE_MISMATCH', at, `expected two numbers or two strings for ${op}`, `${typeOfValue(a)} and ${typeOfValue(b)}`);
  }
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case 'lt': return x < y;
    case 'le': return x <= y;
    case 'gt': return x > y;
    case 'ge': return x >= y;
  }
}

function at_(list: JsonValue[], index: number, at: string): JsonValue {
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new EvalFailure('INDEX_OUT_OF_RANGE', `${at}/args/1`, `expected an integer index in 0..${list.length - 1}`, String(index));
  }
  return list[index] as JsonValue;
}
