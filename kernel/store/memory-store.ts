/**
 * The in-memory adapter of JournalStore, with the same semantics as the SQLite one: a single
 * writer lease per journal, conditional atomic appends, paged reads. Bytes are copied in and out
 * so that no caller can mutate a stored entry. For tests, embedding and ephemeral worlds.
 */
import { WorldlineError } from '../errors.js';
import type { SealedEntry } from '../core/entries.js';
import { EMPTY_HEAD, type ChainHead } from '../journal/chain.js';
import {
  checkBatch, closedError, HASH_BYTES, journalConflict, leaseNotHeld, pageSizeOf, readOnlyError, sameHead,
} from './append-rules.js';
import type { AppendOptions, JournalStore, ReadOptions, StoredSnapshot, WriterIdentity, WriterLease } from './port.js';
import { DEFAULT_LEASE_STALE_MS, newLeaseRecord, worldLocked, type LeaseRecord } from './writer-lease.js';

interface StoredEntry {
  readonly seq: number;
  readonly kind: string;
  /** prevHash ‖ hash ‖ body, like a SQLite row. */
  readonly rec: Uint8Array;
}

/** The shared state behind every handle on one memory journal. */
interface MemoryJournal {
  readonly entries: StoredEntry[];
  /** Ascending by height. */
  readonly snapshots: StoredSnapshot[];
  lease: LeaseRecord | undefined;
}

function copySnapshot(s: StoredSnapshot): StoredSnapshot {
  return { height: s.height, stateHash: s.stateHash.slice(), state: s.state.slice() };
}

function toRec(entry: SealedEntry): Uint8Array {
  const rec = new Uint8Array(2 * HASH_BYTES + entry.body.length);
  rec.set(entry.prevHash, 0);
  rec.set(entry.hash, HASH_BYTES);
  rec.set(entry.body, 2 * HASH_BYTES);
  return rec;
}

function fromRec(stored: StoredEntry): SealedEntry {
  const rec = stored.rec.slice();
  return {
    seq: stored.seq, kind: stored.kind,
    prevHash: rec.subarray(0, HASH_BYTES), hash: rec.subarray(HASH_BYTES, 2 * HASH_BYTES), body: rec.subarray(2 * HASH_BYTES),
  };
}

export class MemoryJournalStore implements JournalStore {
  private closed = false;
  /** Leases taken through this handle, released by close(). */
  private readonly tokens = new Set<string>();

  constructor(
    private readonly journal: MemoryJournal,
    readonly location: string,
    readonly readOnly: boolean,
  ) {}

  /** Another handle on the same journal that can only read, as a second process would. */
  readerView(): MemoryJournalStore {
    return new MemoryJournalStore(this.journal, this.location, true);
  }

  private open(): void {
    if (this.closed) throw closedError(this.location);
  }

  private writable(operation: string): void {
    this.open();
    if (this.readOnly) throw readOnlyError(this.location, operation);
  }

  private currentHead(): ChainHead {
    const last = this.journal.entries.at(-1);
    return last ? { seq: last.seq, hash: last.rec.slice(HASH_BYTES, 2 * HASH_BYTES) } : { seq: 0, hash: new Uint8Array(EMPTY_HEAD.hash) };
  }

  async acquireWriter(identity: WriterIdentity): Promise<WriterLease> {
    this.writable('acquire the writer lease');
    const now = Date.now(); // determinism-ok: lease heartbeats are wall-clock, never journaled
    const holder = this.journal.lease;
    // The holder lives in this very process, so it is alive until it releases or closes.
    if (holder) throw worldLocked(this.location, { ...holder, heartbeatAt: now }, now, DEFAULT_LEASE_STALE_MS);
    const record = newLeaseRecord(identity.owner, now);
    this.journal.lease = record;
    this.tokens.add(record.token);
    return { token: record.token, owner: record.owner };
  }

  async releaseWriter(lease: WriterLease): Promise<void> {
    this.writable('release the writer lease');
    this.tokens.delete(lease.token);
    if (this.journal.lease?.token === lease.token) this.journal.lease = undefined;
  }

  async head(): Promise<ChainHead> {
    this.open();
    return this.currentHead();
  }

  async append(lease: WriterLease, expected: ChainHead, entries: readonly SealedEntry[], options: AppendOptions = {}): Promise<void> {
    this.writable('append');
    checkBatch(this.location, expected, entries, options);
    const holder = this.journal.lease;
    if (holder?.token !== lease.token) throw leaseNotHeld(this.location, lease, holder?.owner);
    const found = this.currentHead();
    if (!sameHead(found, expected)) throw journalConflict(this.location, expected, found);
    // Everything that can fail has been checked: from here on the batch lands whole.
    const recs = entries.map((e): StoredEntry => ({ seq: e.seq, kind: e.kind, rec: toRec(e) }));
    for (const stored of recs) this.journal.entries.push(stored);
    if (options.snapshot) this.journal.snapshots.push(copySnapshot(options.snapshot));
  }

  async *read(from: number, options: ReadOptions = {}): AsyncIterable<readonly SealedEntry[]> {
    this.open();
    const size = pageSizeOf(options.pageSize);
    const last = Math.min(options.to ?? this.currentHead().seq, this.journal.entries.length);
    // Seqs are dense from 1, so seq n lives at index n - 1.
    for (let next = Math.max(1, from); next <= last; next += size) {
      this.open();
      const end = Math.min(last, next + size - 1);
      yield this.journal.entries.slice(next - 1, end).map(fromRec);
    }
  }

  async latestSnapshot(maxHeight = Number.MAX_SAFE_INTEGER): Promise<StoredSnapshot | undefined> {
    this.open();
    const found = this.journal.snapshots.findLast((s) => s.height <= maxHeight);
    return found ? copySnapshot(found) : undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const token of this.tokens) {
      if (this.journal.lease?.token === token) this.journal.lease = undefined;
    }
    this.tokens.clear();
    this.closed = true;
  }
}

/** A new, empty journal held in memory; `name` only labels it in messages. */
export function openMemoryStore(name = 'journal'): MemoryJournalStore {
  if (name.length === 0) throw new WorldlineError('INVALID_ARGUMENT', 'a memory store name must not be empty', { expected: 'a name', found: '""' });
  return new MemoryJournalStore({ entries: [], snapshots: [], lease: undefined }, `memory:${name}`, false);
}
