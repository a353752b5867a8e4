/**
 * The `expectHead` check of verifyJournal. A hash chain proves every entry follows its
 * predecessor but cannot tell that entries were cut off the end, or that valid-looking ones were
 * added: only a head remembered from elsewhere (a receipt, a CI pin) can. Given the head's seq as
 * well as its hash, the first bad seq is located exactly; given the hash alone, a cut is reported
 * at the first seq past the head found.
 */
import { WorldlineError } from '../errors.js';
import { bytesToHex, hexToBytes } from '../core/hash.js';

export type ExpectHead = string | { readonly seq: number; readonly hash: string };

export interface HeadTracker {
  readonly seq: number | undefined;
  readonly hash: Uint8Array;
  readonly hex: string;
  /** Seq at which the expected head was passed, if it was. */
  matchedAt: number | undefined;
}

export interface HeadFinding {
  readonly seq: number;
  readonly problem: 'HEAD_MISMATCH';
  readonly message: string;
  readonly expected: string;
  readonly found: string;
}

const ZERO_HEX = '0'.repeat(64);

export function parseExpectHead(expect: ExpectHead): HeadTracker {
  const hex = typeof expect === 'string' ? expect : expect.hash;
  const seq = typeof expect === 'string' ? undefined : expect.seq;
  if (!/^[0-9a-f]{64}$/.test(hex) || (seq !== undefined && (!Number.isSafeInteger(seq) || seq < 0))) {
    throw new WorldlineError('INVALID_ARGUMENT', `expectHead must be a lowercase hex SHA-256 (and a seq >= 0), found ${JSON.stringify(expect)}`, {
      expected: '64 lowercase hex chars', found: expect,
    });
  }
  return { seq, hash: hexToBytes(hex), hex, matchedAt: undefined };
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Called for each entry that passed its own checks. */
export function checkHeadInWalk(t: HeadTracker, seq: number, hash: Uint8Array): HeadFinding | undefined {
  if (t.matchedAt !== undefined) {
    return { seq, problem: 'HEAD_MISMATCH', message: `the journal continues past the expected head (seq ${t.matchedAt}): entry ${seq} was added`,
      expected: t.hex, found: bytesToHex(hash) };
  }
  if (t.seq === seq && !same(hash, t.hash)) {
    return { seq, problem: 'HEAD_MISMATCH', message: `entry ${seq} is not the expected head`, expected: t.hex, found: bytesToHex(hash) };
  }
  if ((t.seq === undefined || t.seq === seq) && same(hash, t.hash)) t.matchedAt = seq;
  return undefined;
}

/** Called once the walk reached the end, on a journal whose head is `headSeq`/`headHex`. */
export function checkHeadAtEnd(t: HeadTracker, headSeq: number, headHex: string): HeadFinding | undefined {
  if (t.matchedAt === headSeq) return undefined;
  if (headSeq === 0 && t.hex === ZERO_HEX && (t.seq ?? 0) === 0) return undefined;
  const message = t.seq !== undefined
    ? `the journal ends at seq ${headSeq}, before the expected head at seq ${t.seq}: entries ${headSeq + 1}..${t.seq} are missing`
    : `the expected head is not in the journal, which ends at seq ${headSeq}: entries after it were removed, or the journal was rewritten`;
  return { seq: headSeq + 1, problem: 'HEAD_MISMATCH', message, expected: t.hex, found: headHex };
}
