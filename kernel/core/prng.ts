/**
 * Deterministic randomness for reducers: sfc32 seeded from SHA-256 of the input's journaled
 * entropy and the reducer instance, so replay draws the same numbers on any machine.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { uuidFromBytes } from '../../plans/ids.js';

export interface Prng {
  next(): number;
  uuid(): string;
}

export function seededPrng(seedText: string): Prng {
  const seed = sha256(utf8ToBytes(seedText));
  const view = new DataView(seed.buffer, seed.byteOffset, seed.byteLength);
  let a = view.getUint32(0), b = view.getUint32(4), c = view.getUint32(8), d = view.getUint32(12);
  const nextU32 = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextU32();
  return {
    next: () => nextU32() / 4294967296,
    uuid: () => {
      const bytes = new Uint8Array(16);
      const view16 = new DataView(bytes.buffer);
      for (let i = 0; i < 16; i += 4) view16.setUint32(i, nextU32());
      return uuidFromBytes(bytes);
    },
  };
}
