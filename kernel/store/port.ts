/**
 * The JournalStore port: the only way the kernel touches storage.
 *
 * Every method is async so that a networked adapter (PostgreSQL with per-world leases is the
 * likely next one) fits behind it without kernel changes. The port assumes nothing an in-process
 * database alone could give: ownership is an explicit lease, and every append is conditional on
 * the head the writer last saw (a fencing check), so a second writer can never interleave.
 */
import type { SealedEntry } from '../core/entries.js';
import type { ChainHead } from '../journal/chain.js';

export interface WriterIdentity {
  /** Human-readable owner, e.g. "worldline run (pid 4242 on host-a)". */
  readonly owner: string;
}

/** Proof of write ownership; every mutating call presents it. */
export interface WriterLease {
  readonly token: string;
  readonly owner: string;
}

export interface StoredSnapshot {
  /** Seq of the snapshot.marker entry; the state covers every entry before it. */
  readonly height: number;
  readonly stateHash: Uint8Array;
  /** Canonical MessagePack of the world state; its SHA-256 is stateHash. */
  readonly state: Uint8Array;
}

export interface ReadOptions {
  /** Last seq to read (inclusive); defaults to the head at the time of the call. */
  readonly to?: number;
  /** Entries per page; adapters may cap it. */
  readonly pageSize?: number;
}

export interface AppendOptions {
  /** Stored in the same transaction as the entries (used with a snapshot.marker entry). */
  readonly snapshot?: StoredSnapshot;
}

export interface JournalStore {
  /** Where the journal lives, for messages (a path, a URL without credentials, "memory:<name>"). */
  readonly location: string;
  readonly readOnly: boolean;

  /** Takes exclusive write ownership; refuses with WORLD_LOCKED while another live writer holds it. */
  acquireWriter(identity: WriterIdentity): Promise<WriterLease>;
  releaseWriter(lease: WriterLease): Promise<void>;

  head(): Promise<ChainHead>;

  /**
   * Appends entries atomically, durably (per the adapter's durability setting) and in order.
   * Fails with JOURNAL_CONFLICT unless the stored head equals `expected`, and with WORLD_LOCKED
   * unless `lease` still owns the world. On any failure nothing is written.
   */
  append(lease: WriterLease, expected: ChainHead, entries: readonly SealedEntry[], options?: AppendOptions): Promise<void>;

  /** Entries from `from` (inclusive) in ascending seq, a page at a time. */
  read(from: number, options?: ReadOptions): AsyncIterable<readonly SealedEntry[]>;

  /** The newest snapshot whose height is at most `maxHeight` (default: any). */
  latestSnapshot(maxHeight?: number): Promise<StoredSnapshot | undefined>;

  close(): Promise<void>;
}
