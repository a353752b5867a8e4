/**
 * Id sources for the builder. plans/ never draws randomness: an author passes explicit ids, or
 * an IdSource. `derivedIds(namespace)` gives UUID v4-shaped ids derived from a namespace and a
 * counter (SHA-256), so the same builder code yields the same plan, and hence the same hash.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export type IdSource = () => string;

/** UUID v4 layout (version and variant bits set) over the first 16 bytes of `bytes`. */
export function uuidFromBytes(bytes: Uint8Array): string {
  const b = Uint8Array.from(bytes.subarray(0, 16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = bytesToHex(b);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Deterministic ids: the n-th call returns uuid(sha256(`${namespace}:${n}`)). */
export function derivedIds(namespace: string): IdSource {
  let n = 0;
  return () => uuidFromBytes(sha256(utf8ToBytes(`${namespace}:${n++}`)));
}
