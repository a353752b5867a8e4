/**
 * Canonical encoding: identical facts give identical bytes on every machine.
 *
 * Rules (golden vectors in tests/kernel/canonical.test.ts pin them):
 * - values are null, booleans, finite numbers, well-formed strings, Uint8Array, arrays and plain
 *   objects; anything else (undefined in an array, NaN, Infinity, Map, Date, class instances,
 *   functions, symbols, bigint) is refused with CANONICAL_ENCODING_REFUSED and the path to it;
 * - object keys are sorted by UTF-16 code unit; properties whose value is undefined are omitted
 *   (as JSON does), so optional fields never change bytes;
 * - -0 is written as 0; integers in [-2^31, 2^32) use the smallest MessagePack integer form, every
 *   other number float64 (so 2^32 and millisecond timestamps are float64: exact, but not an int);
 * - maps and strings use the smallest MessagePack header that fits; no extension types, no records.
 * Decoding is strict: trailing bytes, extension types and non-plain results are errors.
 */
import { Unpackr } from 'msgpackr';
import { WorldlineError } from '../errors.js';
import { refuse, writeCanonical } from './msgpack-writer.js';


const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number', moreTypes: false });

export type Canonical = null | boolean | number | string | Uint8Array | readonly Canonical[] | { readonly [key: string]: Canonical };


function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Returns a canonical copy of `value` (sorted keys, -0 folded), or throws naming the bad path. */
export function canonicalize(value: unknown, path = ''): Canonical {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) refuse(path, 'a string with a lone surrogate');
      return value;
    case 'number':
      if (!Number.isFinite(value)) refuse(path, String(value));
      return value === 0 ? 0 : value;
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out: Canonical[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) refuse(`${path}/${i}`, 'undefined');
          out[i] = canonicalize(item, `${path}/${i}`);
        }
        return out;
      }
      if (value instanceof Uint8Array) return value;
      if (!isPlainObject(value)) refuse(path, `an instance of ${value.constructor?.name ?? 'unknown class'}`);
      const keys = Object.keys(value).sort();
      const out: Record<string, Canonical> = {};
      for (const key of keys) {
        // Assigning it to `out` would set the prototype and drop the key from the bytes silently.
        if (key === '__proto__') refuse(`${path}/${key}`, 'the reserved key "__proto__"');
        if (!key.isWellFormed()) refuse(path, 'a key with a lone surrogate');
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined) continue;
        out[key] = canonicalize(item, `${path}/${key}`);
      }
      return out;
    }
    default:
      return refuse(path, typeof value);
  }
}

/** Canonical MessagePack bytes of `value` (written directly, keys in sorted order). */
export function encodeCanonical(value: unknown): Uint8Array {
  return writeCanonical(value);
}

/** Strictly decodes canonical MessagePack; `where` names the entry for error messages. */
export function decodeCanonical(bytes: Uint8Array, where: { seq?: number } = {}): unknown {
  let value: unknown;
  try {
    // unpack (not sequential) throws on trailing bytes as well as on truncation.
    value = unpackr.unpack(bytes as Buffer);
  } catch (e) {
    throw new WorldlineError('JOURNAL_DECODE_FAILED', `payload bytes are not valid MessagePack: ${(e as Error).message}`, {
      expected: 'one canonical MessagePack value', found: `${bytes.length} bytes`, where, cause: e,
    });
  }
  return value;
}

/** True when `bytes` are exactly the canonical encoding of what they decode to. */
export function isCanonical(bytes: Uint8Array, value: unknown): boolean {
  let again: Uint8Array;
  try {
    again = encodeCanonical(value);
  } catch {
    return false;
  }
  return bytesEqual(bytes, again);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
