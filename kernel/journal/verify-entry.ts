/**
 * The checks verifyJournal runs on one entry, in the order that reports a tampered entry by its
 * most direct evidence: its position (SEQ_OUT_OF_ORDER), its link to the entry before
 * (GENESIS_INVALID at seq 1, else CHAIN_BROKEN), its own hash (HASH_MISMATCH), strict decoding
 * (UNKNOWN_KIND, ENTRY_MALFORMED), canonical bytes (NOT_CANONICAL), then that world.genesis is at
 * seq 1 and only there (GENESIS_INVALID).
 */
import { WorldlineError } from '../errors.js';
import { isCanonical } from '../core/canonical.js';
import { decodeEntry } from '../core/entry-codec.js';
import type { Entry, SealedEntry } from '../core/entries.js';
import { bytesToHex } from '../core/hash.js';
import { checkLink } from './chain.js';

export type VerifyProblem =
  | 'SEQ_OUT_OF_ORDER' | 'GENESIS_INVALID' | 'CHAIN_BROKEN' | 'HASH_MISMATCH'
  | 'UNKNOWN_KIND' | 'ENTRY_MALFORMED' | 'NOT_CANONICAL' | 'HEAD_MISMATCH';

export interface VerifyFinding {
  /** The first bad seq: where the walk expected something else (for a gap, the missing seq). */
  readonly seq: number;
  readonly problem: VerifyProblem;
  readonly message: string;
  readonly expected: string;
  readonly found: string;
}

export type Finding = Omit<VerifyFinding, 'seq'>;

export function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The checks on one entry at chain position `seq`, whose predecessor's hash is `prev`. */
export function checkEntry(entry: SealedEntry, seq: number, prev: Uint8Array): Finding | undefined {
  if (entry.seq === seq && (entry.prevHash.length !== 32 || entry.hash.length !== 32)) {
    return { problem: 'ENTRY_MALFORMED', message: `entry ${seq} does not carry two 32-byte hashes`,
      expected: '32 + 32 bytes', found: `${entry.prevHash.length} + ${entry.hash.length} bytes` };
  }
  const link = checkLink({ seq: seq - 1, hash: prev }, entry);
  if (link?.problem === 'CHAIN_BROKEN' && seq === 1) {
    return { ...link, problem: 'GENESIS_INVALID', message: 'entry 1 does not start the chain (its prevHash is not all zeros)' };
  }
  if (link) return link;
  let decoded: Entry;
  try {
    decoded = decodeEntry(entry);
  } catch (e) {
    if (!(e instanceof WorldlineError)) throw e;
    return { problem: e.code === 'JOURNAL_UNKNOWN_KIND' ? 'UNKNOWN_KIND' : 'ENTRY_MALFORMED', message: e.message,
      expected: describe(e.details.expected), found: describe(e.details.found) };
  }
  // Re-encoding the decoded body must give back the stored bytes. decodeEntry's schemas only
  // check (no defaults, no transforms), so its output stands for the raw value and saves a decode.
  if (!isCanonical(entry.body, [decoded.stamp.at, decoded.stamp.entropy ?? null, decoded.payload])) {
    return { problem: 'NOT_CANONICAL', message: `entry ${seq} (${entry.kind}) body is not in canonical encoding`,
      expected: 'the canonical MessagePack of the decoded body', found: bytesToHex(entry.body) };
  }
  if ((seq === 1) !== (entry.kind === 'world.genesis')) {
    return seq === 1
      ? { problem: 'GENESIS_INVALID', message: `entry 1 is ${entry.kind}, not world.genesis`, expected: 'world.genesis', found: entry.kind }
      : { problem: 'GENESIS_INVALID', message: `entry ${seq} is a second world.genesis`, expected: 'any kind but world.genesis', found: entry.kind };
  }
  return undefined;
}
