/**
 * The canonical MessagePack writer. It writes the canonical form directly, without building a
 * sorted copy first, and writes map keys in sorted order itself: a JS object cannot hold that
 * order (integer-like keys such as "9" and "10" always iterate first, numerically), so an
 * encoder that trusts object key order would not match the documented rule.
 *
 * Forms: nil, false/true; integers from -2^31 to 2^32-1 in the smallest int form, every other
 * number as float64; str/bin/array/map with the smallest header that fits.
 */
import { WorldlineError } from '../errors.js';

/**
 * One growable buffer reused by every call (encoding is synchronous and never re-entered), so
 * encoding allocates only the returned copy.
 */
class Writer {
  buf = new Uint8Array(1 << 16);
  view = new DataView(this.buf.buffer);
  pos = 0;

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(x: number): void {
    this.ensure(1);
    this.buf[this.pos++] = x;
  }

  head(tag: number, size: 1 | 2 | 4, n: number): void {
    this.ensure(1 + size);
    this.buf[this.pos++] = tag;
    if (size === 1) this.buf[this.pos] = n;
    else if (size === 2) this.view.setUint16(this.pos, n);
    else this.view.setUint32(this.pos, n);
    this.pos += size;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}

const shared = new Writer();

/** UTF-8 length of a well-formed string, without encoding it. */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      i++; // a surrogate pair: 4 bytes for 2 code units
      n += 2;
    } else n += 2;
  }
  return n;
}

/** Writes a well-formed string as UTF-8 (the caller has ensured room for `length` bytes). */
function writeUtf8(w: Writer, s: string): void {
  const buf = w.buf;
  let p = w.pos;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) buf[p++] = c;
    else if (c < 0x800) {
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      buf[p++] = 0xf0 | (c >> 18);
      buf[p++] = 0x80 | ((c >> 12) & 0x3f);
      buf[p++] = 0x80 | ((c >> 6) & 0x3f);
      buf[p++] = 0x80 | (c & 0x3f);
    } else {
      buf[p++] = 0xe0 | (c >> 12);
      buf[p++] = 0x80 | ((c >> 6) & 0x3f);
      buf[p++] = 0x80 | (c & 0x3f);
    }
  }
  w.pos = p;
}

/** Path segments to the value being written; joined into a JSON pointer only when refusing. */
const segments: Array<string | number> = [];

function pathHere(extra?: string | number): string {
  const all = extra === undefined ? segments : [...segments, extra];
  return all.map((s) => `/${s}`).join('');
}

/** The one refusal every canonical check raises (the writer here, canonicalize in canonical.ts). */
export function refuse(path: string, found: string): never {
  throw new WorldlineError('CANONICAL_ENCODING_REFUSED', `cannot encode ${found} at ${path || '(root)'}`, {
    expected: 'null, boolean, finite number, well-formed string, Uint8Array, array or plain object',
    found,
    where: { path: path || '/' },
  });
}

function writeNumber(w: Writer, v: number): void {
  if (!Number.isFinite(v)) refuse(pathHere(), String(v));
  if (Number.isInteger(v) && v >= -2147483648 && v <= 4294967295) {
    if (v >= 0) {
      if (v < 128) w.u8(v);
      else if (v < 256) w.head(0xcc, 1, v);
      else if (v < 65536) w.head(0xcd, 2, v);
      else w.head(0xce, 4, v);
    } else if (v >= -32) w.u8(0x100 + v);
    else if (v >= -128) w.head(0xd0, 1, v & 0xff);
    else if (v >= -32768) w.head(0xd1, 2, v & 0xffff);
    else w.head(0xd2, 4, v >>> 0);
    return;
  }
  w.ensure(9);
  w.buf[w.pos++] = 0xcb;
  w.view.setFloat64(w.pos, v);
  w.pos += 8;
}

function writeString(w: Writer, s: string, what = 'a string'): void {
  if (s.length < 32 && writeShortAscii(w, s)) return;
  if (!s.isWellFormed()) refuse(pathHere(), `${what} with a lone surrogate`);
  const n = utf8Length(s);
  if (n < 32) w.u8(0xa0 | n);
  else if (n < 256) w.head(0xd9, 1, n);
  else if (n < 65536) w.head(0xda, 2, n);
  else w.head(0xdb, 4, n);
  w.ensure(n);
  writeUtf8(w, s);
}

/**
 * Fast path for the common case (keys, kinds, ids): a string under 32 chars that is all ASCII is
 * a fixstr of its own length. Writes it and returns true, or writes nothing and returns false.
 */
function writeShortAscii(w: Writer, s: string): boolean {
  const n = s.length;
  w.ensure(n + 1);
  const buf = w.buf;
  const start = w.pos + 1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return false;
    buf[start + i] = c;
  }
  buf[w.pos] = 0xa0 | n;
  w.pos = start + n;
  return true;
}

/** Keys in UTF-16 order already (decoded canonical maps always are): no sort needed. */
function sortedKeys(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! >= keys[i]!) return keys.sort();
  return keys;
}

function sizedHead(w: Writer, fix: number, fixLimit: number, tag16: number, tag32: number, n: number): void {
  if (n < fixLimit) w.u8(fix | n);
  else if (n < 65536) w.head(tag16, 2, n);
  else w.head(tag32, 4, n);
}

function writeValue(w: Writer, v: unknown): void {
  switch (typeof v) {
    case 'string': return writeString(w, v);
    case 'number': return writeNumber(w, v === 0 ? 0 : v);
    case 'boolean': return w.u8(v ? 0xc3 : 0xc2);
    case 'object': {
      if (v === null) return w.u8(0xc0);
      if (Array.isArray(v)) {
        sizedHead(w, 0x90, 16, 0xdc, 0xdd, v.length);
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined) refuse(pathHere(i), 'undefined');
          segments.push(i);
          writeValue(w, item);
          segments.pop();
        }
        return;
      }
      if (v instanceof Uint8Array) {
        const n = v.length;
        if (n < 256) w.head(0xc4, 1, n);
        else if (n < 65536) w.head(0xc5, 2, n);
        else w.head(0xc6, 4, n);
        return w.bytes(v);
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) refuse(pathHere(), `an instance of ${(v as object).constructor?.name ?? 'unknown class'}`);
      const record = v as Record<string, unknown>;
      const keys = sortedKeys(Object.keys(record));
      let defined = keys.length;
      for (const key of keys) if (record[key] === undefined) defined--;
      sizedHead(w, 0x80, 16, 0xde, 0xdf, defined);
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        if (key === '__proto__') refuse(pathHere(key), 'the reserved key "__proto__"');
        writeString(w, key, 'a key');
        segments.push(key);
        writeValue(w, item);
        segments.pop();
      }
      return;
    }
    default:
      return refuse(pathHere(), typeof v);
  }
}

/** Canonical MessagePack bytes of `value`, or CANONICAL_ENCODING_REFUSED naming the bad path. */
export function writeCanonical(value: unknown): Uint8Array {
  const w = shared;
  w.pos = 0;
  segments.length = 0;
  writeValue(w, value);
  return w.buf.slice(0, w.pos);
}
