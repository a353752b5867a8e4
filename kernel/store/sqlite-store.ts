/**
 * The better-sqlite3 adapter of JournalStore: one world per file, WAL, synchronous=FULL unless
 * the caller opts into 'normal'. Every append is one BEGIN IMMEDIATE transaction that re-checks
 * the writer lease and the head before inserting, so a batch is all there or not there at all.
 */
import type Database from 'better-sqlite3';
import { WorldlineError } from '../errors.js';
import type { SealedEntry } from '../core/entries.js';
import { EMPTY_HEAD, type ChainHead } from '../journal/chain.js';
import {
  checkBatch, closedError, HASH_BYTES, journalConflict, leaseNotHeld, pageSizeOf, readOnlyError, sameHead,
} from './append-rules.js';
import type { AppendOptions, JournalStore, ReadOptions, StoredSnapshot, WriterIdentity, WriterLease } from './port.js';
import { openReadOnlyDatabase, openWritableDatabase, type Durability } from './sqlite-schema.js';
import { SqliteLeases } from './sqlite-lease.js';
import { DEFAULT_LEASE_STALE_MS, validateStaleMs } from './writer-lease.js';

export interface SqliteStoreOptions {
  /** Open an existing journal for reading only: no lease, no schema creation. */
  readonly readOnly?: boolean;
  /** 'full' (default): a committed batch survives power loss. 'normal': faster, may lose the last commits on power loss. */
  readonly durability?: Durability;
  /** A holder whose heartbeat is older than this is stale and may be taken over (default 30 s). */
  readonly leaseStaleMs?: number;
}

type EntryRow = [seq: number, kind: unknown, rec: unknown];
type HeadRow = [seq: number, hash: Buffer];
type SnapshotRow = [height: number, stateHash: Buffer, state: Buffer];

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function recOf(entry: SealedEntry): Buffer {
  const rec = Buffer.allocUnsafe(2 * HASH_BYTES + entry.body.length);
  rec.set(entry.prevHash, 0);
  rec.set(entry.hash, HASH_BYTES);
  rec.set(entry.body, 2 * HASH_BYTES);
  return rec;
}

function malformedRow(location: string, seq: number, found: string): WorldlineError {
  return new WorldlineError('JOURNAL_ENTRY_MALFORMED', `entry ${seq} in ${location} is not a valid record: ${found}`, {
    expected: 'a text kind and a blob of prevHash(32) ‖ hash(32) ‖ body', found, where: { file: location, seq },
    hint: 'run `worldline verify` on the journal',
  });
}

function ioFailed(location: string, operation: string, e: unknown): WorldlineError {
  if (e instanceof WorldlineError) return e;
  return new WorldlineError('JOURNAL_IO_FAILED', `${operation} on ${location} failed: ${(e as Error).message}; nothing was written`, {
    expected: 'a committed transaction', found: (e as { code?: string }).code ?? 'an error', where: { file: location },
    cause: e, recoverable: true,
  });
}

export class SqliteJournalStore implements JournalStore {
  readonly location: string;
  readonly readOnly: boolean;
  private readonly db: Database.Database;
  private readonly leases: SqliteLeases | undefined;
  private closed = false;
  private readonly selectHead: Database.Statement<[]>;
  private readonly selectPage: Database.Statement<[number, number, number]>;
  private readonly selectSnapshot: Database.Statement<[number]>;
  private readonly insertEntry: Database.Statement<[number, string, Buffer]> | undefined;
  private readonly insertSnapshot: Database.Statement<[number, Buffer, Buffer]> | undefined;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.location = path;
    this.readOnly = options.readOnly ?? false;
    const staleMs = validateStaleMs(options.leaseStaleMs ?? DEFAULT_LEASE_STALE_MS);
    this.db = this.readOnly ? openReadOnlyDatabase(path) : openWritableDatabase(path, options.durability ?? 'full');
    try {
      this.selectHead = this.db.prepare<[]>('SELECT seq, substr(rec, 33, 32) FROM entries ORDER BY seq DESC LIMIT 1').raw();
      this.selectPage = this.db.prepare<[number, number, number]>(
        'SELECT seq, kind, rec FROM entries WHERE seq BETWEEN ? AND ? ORDER BY seq LIMIT ?').raw();
      this.selectSnapshot = this.db.prepare<[number]>(
        'SELECT height, state_hash, state FROM snapshots WHERE height <= ? ORDER BY height DESC LIMIT 1').raw();
      if (!this.readOnly) {
        this.insertEntry = this.db.prepare('INSERT INTO entries (seq, kind, rec) VALUES (?, ?, ?)');
        this.insertSnapshot = this.db.prepare('INSERT INTO snapshots (height, state_hash, state) VALUES (?, ?, ?)');
        this.leases = new SqliteLeases(this.db, path, staleMs);
      }
    } catch (e) {
      this.db.close();
      throw ioFailed(path, 'opening', e);
    }
  }

  private open(): void {
    if (this.closed) throw closedError(this.location);
  }

  private writable(operation: string): SqliteLeases {
    this.open();
    if (!this.leases) throw readOnlyError(this.location, operation);
    return this.leases;
  }

  private readHead(): ChainHead {
    const row = this.selectHead.get() as HeadRow | undefined;
    if (!row) return { seq: 0, hash: new Uint8Array(EMPTY_HEAD.hash) };
    if (!Buffer.isBuffer(row[1])) throw malformedRow(this.location, row[0], `rec is a ${typeof row[1]}`);
    return { seq: row[0], hash: row[1] };
  }

  async acquireWriter(identity: WriterIdentity): Promise<WriterLease> {
    return this.writable('acquire the writer lease').acquire(identity.owner);
  }

  async releaseWriter(lease: WriterLease): Promise<void> {
    this.writable('release the writer lease').release(lease.token);
  }

  async head(): Promise<ChainHead> {
    this.open();
    return this.readHead();
  }

  async append(lease: WriterLease, expected: ChainHead, entries: readonly SealedEntry[], options: AppendOptions = {}): Promise<void> {
    const leases = this.writable('append');
    checkBatch(this.location, expected, entries, options);
    const insertEntry = this.insertEntry!;
    const insertSnapshot = this.insertSnapshot!;
    const write = this.db.transaction(() => {
      const holder = leases.current();
      if (holder?.token !== lease.token) throw leaseNotHeld(this.location, lease, holder?.owner);
      const found = this.readHead();
      if (!sameHead(found, expected)) throw journalConflict(this.location, expected, found);
      for (const entry of entries) insertEntry.run(entry.seq, entry.kind, recOf(entry));
      const snapshot = options.snapshot;
      if (snapshot) insertSnapshot.run(snapshot.height, asBuffer(snapshot.stateHash), asBuffer(snapshot.state));
      leases.touch(lease.token);
    });
    try {
      write.immediate();
    } catch (e) {
      throw ioFailed(this.location, `append of ${entries.length} entries`, e);
    }
  }

  async *read(from: number, options: ReadOptions = {}): AsyncIterable<readonly SealedEntry[]> {
    this.open();
    const size = pageSizeOf(options.pageSize);
    const last = options.to ?? this.readHead().seq;
    let next = Math.max(1, from);
    while (next <= last) {
      this.open();
      const rows = this.selectPage.all(next, last, size) as EntryRow[];
      if (rows.length === 0) return;
      const page: SealedEntry[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const [seq, kind, rec] = rows[i]!;
        if (typeof kind !== 'string') throw malformedRow(this.location, seq, `kind is a ${typeof kind}`);
        if (!Buffer.isBuffer(rec) || rec.length < 2 * HASH_BYTES) {
          throw malformedRow(this.location, seq, Buffer.isBuffer(rec) ? `rec is ${rec.length} bytes` : `rec is a ${typeof rec}`);
        }
        // Views into the row's own buffer: no copy, and nobody else holds it.
        page[i] = { seq, kind, prevHash: rec.subarray(0, HASH_BYTES), hash: rec.subarray(HASH_BYTES, 2 * HASH_BYTES), body: rec.subarray(2 * HASH_BYTES) };
      }
      yield page;
      if (rows.length < size) return;
      next = page[page.length - 1]!.seq + 1;
    }
  }

  async latestSnapshot(maxHeight?: number): Promise<StoredSnapshot | undefined> {
    this.open();
    const row = this.selectSnapshot.get(maxHeight ?? Number.MAX_SAFE_INTEGER) as SnapshotRow | undefined;
    return row ? { height: row[0], stateHash: row[1], state: row[2] } : undefined;
  }

  /** The connection's storage settings, for diagnostics and tests. */
  settings(): { journalMode: string; synchronous: number } {
    this.open();
    return {
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.leases?.releaseAll();
    } finally {
      this.db.close();
    }
  }
}

/** Opens (or creates) the journal at `path`. */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<SqliteJournalStore> {
  return new SqliteJournalStore(path, options);
}
