/** Parsers for option values: a bad value is a usage error (exit 2) naming the option. */
import { InvalidArgumentError } from 'commander';

function integer(value: string, min: number, what: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new InvalidArgumentError(`expected ${what}, found "${value}".`);
  }
  return n;
}

export const parseSeq = (value: string): number => integer(value, 1, 'a seq (an integer >= 1)');
export const parseLimit = (value: string): number => integer(value, 1, 'a count (an integer >= 1)');
export const parseTimestamp = (value: string): number => integer(value, 1, 'unix milliseconds (an integer >= 1)');

export type ExpectHeadOption = string | { seq: number; hash: string };

/** `HASH` or `SEQ:HASH` (64 lowercase hex chars; the seq locates a cut-off tail exactly). */
export function parseExpectHead(value: string): ExpectHeadOption {
  const match = /^(?:(\d+):)?([0-9a-fA-F]{64})$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected a 64-hex-char head hash or SEQ:HASH, found "${value}".`);
  const hash = match[2]!.toLowerCase();
  return match[1] === undefined ? hash : { seq: Number(match[1]), hash };
}

/** Repeatable and comma-separated: `--kind ingress,effect.intent --kind timer.set`. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}
