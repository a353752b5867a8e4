/**
 * Hashing inside the pure core. The digest is SHA-256 everywhere; where it is computed is a port:
 * by default @noble/hashes (pure JS, runs anywhere), and the shell installs node:crypto's digest,
 * which is several times faster for the same bytes. Golden-vector tests pin both to the same output.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { encodeCanonical } from './canonical.js';

export type HashHex = string & { readonly __brand: 'HashHex' };

let digestHex: (bytes: Uint8Array) => string = (bytes) => bytesToHex(sha256(bytes));

/** Installs a faster SHA-256 (hex digest) implementation; it must be SHA-256. */
export function useSha256Hex(impl: (bytes: Uint8Array) => string): void {
  digestHex = impl;
}

export function sha256Hex(bytes: Uint8Array): HashHex {
  return digestHex(bytes) as HashHex;
}

/** The portable implementation, for tests that pin both to the same vectors. */
export function portableSha256Hex(bytes: Uint8Array): HashHex {
  return bytesToHex(sha256(bytes)) as HashHex;
}

/** SHA-256 of the canonical encoding of `value`: the content hash of any fact or artifact. */
export function contentHash(value: unknown): HashHex {
  return sha256Hex(encodeCanonical(value));
}

export { bytesToHex, hexToBytes, utf8ToBytes };
