/** The entropy port: 16 random bytes per input, journaled in its stamp so replay draws the same. */
import { randomFillSync } from 'node:crypto';

export type EntropySource = () => string;

// One syscall per 256 inputs instead of one per input: randomBytes(16) per input was ~10% of
// a busy world's CPU.
const pool = Buffer.alloc(4096);
let offset = pool.length;

export const systemEntropy: EntropySource = () => {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += 16;
  return pool.toString('hex', offset - 16, offset);
};

/** Deterministic entropy for tests and reproducible demos: a counter, hex-encoded. */
export function counterEntropy(start = 0): EntropySource {
  let n = start;
  return () => (n++).toString(16).padStart(32, '0');
}
