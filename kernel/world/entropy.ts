/** The entropy port: 16 random bytes per input, journaled in its stamp so replay draws the same. */
import { randomBytes } from 'node:crypto';

export type EntropySource = () => string;

export const systemEntropy: EntropySource = () => randomBytes(16).toString('hex');

/** Deterministic entropy for tests and reproducible demos: a counter, hex-encoded. */
export function counterEntropy(start = 0): EntropySource {
  let n = start;
  return () => (n++).toString(16).padStart(32, '0');
}
