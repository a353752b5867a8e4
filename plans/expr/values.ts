/**
 * JSON value helpers shared by validation and evaluation: a strict JSON check (what can be
 * hashed canonically) and structural equality (what `eq`, `contains` and `in` compare by).
 */
import type { JsonValue } from '../schema.js';

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True for null, booleans, finite numbers, strings, arrays and plain objects of those. */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > 256) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1));
      if (!isPlainObject(value)) return false;
      return Object.values(value).every((v) => isJsonValue(v, depth + 1));
    default:
      return false;
  }
}

export function isRecord(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality; record key order does not matter, -0 equals 0. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i] as JsonValue));
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k] as JsonValue, b[k] as JsonValue));
}
