/**
 * Rules every JournalStore adapter enforces on append, in one place so that the adapters cannot
 * drift apart: the batch must continue the head it was sealed on (dense seqs, linked prevHashes),
 * and a snapshot must belong to a snapshot.marker entry of the same batch. Adapters run these
 * checks before writing anything, so a refused batch leaves the journal untouched.
 */
import { WorldlineError } from '../errors.js';
import { bytesEqual } from '../core/canonical.js';
import { bytesToHex } from '../core/hash.js';
import type { SealedEntry } from '../core/entries.js';
import type { ChainHead } from '../journal/chain.js';
import type { AppendOptions } from './port.js';

export const HASH_BYTES = 32;


export function describeHead(head: ChainHead): string {
  return `seq ${head.seq} (hash ${bytesToHex(head.hash).slice(0, 16)}…)`;
}

export function journalConflict(location: string, expected: ChainHead, found: ChainHead): WorldlineError {
  return new WorldlineError(
    'JOURNAL_CONFLICT',
    `journal ${location} moved: the append expected head ${describeHead(expected)} but found ${describeHead(found)}`,
    {
      expected: { seq: expected.seq, hash: bytesToHex(expected.hash) },
      found: { seq: found.seq, hash: bytesToHex(found.hash) },
      where: { file: location, seq: found.seq },
      hint: 'another writer appended, or this writer holds a stale head: reload the world and retry',
      recoverable: true,
    },
  );
}

export function sameHead(a: ChainHead, b: ChainHead): boolean {
  return a.seq === b.seq && bytesEqual(a.hash, b.hash);
}

function invalidBatch(location: string, seq: number, message: string, expected: unknown, found: unknown): never {
  throw new WorldlineError('JOURNAL_BATCH_INVALID', `refused append to ${location}: entry ${seq} ${message}`, {
    expected, found, where: { file: location, seq },
    hint: 'seal the batch with seal(head, drafts) on the head you pass as `expected`',
  });
}

/** Throws JOURNAL_BATCH_INVALID unless `entries` chain onto `expected` and the snapshot fits the batch. */
export function checkBatch(location: string, expected: ChainHead, entries: readonly SealedEntry[], options: AppendOptions = {}): void {
  let prev = expected.hash;
  let seq = expected.seq;
  for (const entry of entries) {
    seq += 1;
    if (entry.seq !== seq) invalidBatch(location, entry.seq, `is out of order`, `seq ${seq}`, `seq ${entry.seq}`);
    if (entry.hash.length !== HASH_BYTES) invalidBatch(location, seq, 'has a hash that is not 32 bytes', HASH_BYTES, entry.hash.length);
    if (!bytesEqual(entry.prevHash, prev)) {
      invalidBatch(location, seq, 'does not link to the entry before it', bytesToHex(prev), bytesToHex(entry.prevHash));
    }
    if (entry.kind.length === 0) invalidBatch(location, seq, 'has an empty kind', 'an entry kind', '""');
    prev = entry.hash;
  }
  const snapshot = options.snapshot;
  if (!snapshot) return;
  const marker = entries[snapshot.height - expected.seq - 1];
  if (!marker || marker.kind !== 'snapshot.marker') {
    invalidBatch(location, snapshot.height, 'is not a snapshot.marker of this batch, so the snapshot cannot be stored',
      `a snapshot.marker between seq ${expected.seq + 1} and ${seq}`, marker ? marker.kind : 'no such entry in the batch');
  }
  if (snapshot.stateHash.length !== HASH_BYTES) {
    invalidBatch(location, snapshot.height, 'carries a snapshot whose stateHash is not 32 bytes', HASH_BYTES, snapshot.stateHash.length);
  }
}

export function readOnlyError(location: string, operation: string): WorldlineError {
  return new WorldlineError('JOURNAL_READ_ONLY', `cannot ${operation}: journal ${location} is open read-only`, {
    expected: 'a store opened for writing', found: 'a read-only store', where: { file: location },
    hint: 'open the store without readOnly to write',
  });
}

export function closedError(location: string): WorldlineError {
  return new WorldlineError('JOURNAL_CLOSED', `journal ${location} is closed`, {
    expected: 'an open store', found: 'a closed store', where: { file: location }, hint: 'open the store again',
  });
}

/** A lease that does not (or no longer) own the world: fencing for a writer that lost it. */
export function leaseNotHeld(location: string, lease: { owner: string }, holder: string | undefined): WorldlineError {
  return new WorldlineError(
    'WORLD_LOCKED',
    `append refused: the lease of "${lease.owner}" does not own journal ${location}` +
      (holder ? ` (it is held by "${holder}")` : ' (no writer holds it)'),
    {
      expected: `the lease of "${lease.owner}"`, found: holder ?? 'no lease', where: { file: location },
      hint: 'this writer lost ownership (released, or taken over after going stale): reopen the world and acquire the writer again',
    },
  );
}

/** Page size bounds: small pages cost round trips, huge ones hold memory. */
export const DEFAULT_PAGE_SIZE = 4096;
export const MAX_PAGE_SIZE = 65_536;

export function pageSizeOf(requested: number | undefined): number {
  if (requested === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(requested) || requested < 1) {
    throw new WorldlineError('INVALID_ARGUMENT', `pageSize must be a positive integer, found ${requested}`, {
      expected: 'a positive integer', found: requested,
    });
  }
  return Math.min(requested, MAX_PAGE_SIZE);
}
