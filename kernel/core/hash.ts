/**
 * Hashing inside the pure core: SHA-256 from @noble/hashes (pure JS, identical everywhere).
 * The journal writer in the shell uses node:crypto for the chain, which is faster for the same
 * digest; tests pin both to the same golden vectors.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { encodeCanonical } from './canonical.js';

export type HashHex = string & { readonly __brand: 'HashHex' };

export function sha256Hex(bytes: Uint8Array): HashHex {
  return bytesToHex(sha256(bytes)) as HashHex;
}

/** SHA-256 of the canonical encoding of `value`: the content hash of any fact or artifact. */
export function contentHash(value: unknown): HashHex {
  return sha256Hex(encodeCanonical(value));
}

export { bytesToHex, hexToBytes, utf8ToBytes };
