/**
 * The single-writer lease of a SQLite journal: one row in `writer_lease`, taken in a BEGIN
 * IMMEDIATE transaction so two processes racing for it are serialised by SQLite itself. The
 * holder refreshes its heartbeat on an unref'd timer; appends are fenced by the lease token.
 */
import type Database from 'better-sqlite3';
import { WorldlineError } from '../errors.js';
import type { WriterLease } from './port.js';
import { holderState, newLeaseRecord, worldLocked, type LeaseRecord } from './writer-lease.js';

type LeaseRow = [owner: string, token: string, pid: number, host: string, acquiredAt: number, heartbeatAt: number];

function recordOf(row: LeaseRow): LeaseRecord {
  const [owner, token, pid, host, acquiredAt, heartbeatAt] = row;
  return { owner, token, pid, host, acquiredAt, heartbeatAt };
}

export class SqliteLeases {
  private readonly select: Database.Statement<[]>;
  private readonly upsert: Database.Statement<[string, string, number, string, number, number]>;
  private readonly beat: Database.Statement<[number, string]>;
  private readonly remove: Database.Statement<[string]>;
  /** Heartbeat timers of the leases this connection holds, by token. */
  private readonly held = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly db: Database.Database,
    private readonly location: string,
    private readonly staleMs: number,
  ) {
    this.select = db.prepare<[]>('SELECT owner, token, pid, host, acquired_at, heartbeat_at FROM writer_lease WHERE id = 1').raw();
    this.upsert = db.prepare(
      'INSERT OR REPLACE INTO writer_lease (id, owner, token, pid, host, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?)');
    this.beat = db.prepare('UPDATE writer_lease SET heartbeat_at = ? WHERE id = 1 AND token = ?');
    this.remove = db.prepare('DELETE FROM writer_lease WHERE id = 1 AND token = ?');
  }

  /** The lease row as stored, if any. */
  current(): LeaseRecord | undefined {
    const row = this.select.get() as LeaseRow | undefined;
    return row ? recordOf(row) : undefined;
  }

  /** Takes the lease, or refuses with WORLD_LOCKED naming a live holder. Dead or stale holders are replaced. */
  acquire(owner: string): WriterLease {
    const now = Date.now(); // determinism-ok: lease heartbeats are wall-clock, never journaled
    const record = newLeaseRecord(owner, now);
    try {
      this.db.transaction(() => {
        const holder = this.current();
        if (holder && holderState(holder, now, this.staleMs) === 'alive') throw worldLocked(this.location, holder, now, this.staleMs);
        this.upsert.run(record.owner, record.token, record.pid, record.host, record.acquiredAt, record.heartbeatAt);
      }).immediate();
    } catch (e) {
      if (e instanceof WorldlineError) throw e;
      throw new WorldlineError('JOURNAL_IO_FAILED', `taking the writer lease of ${this.location} failed: ${(e as Error).message}`, {
        expected: 'a committed lease', found: (e as { code?: string }).code ?? 'an error', where: { file: this.location },
        cause: e, recoverable: true,
      });
    }
    const timer = setInterval(() => this.heartbeat(record.token), Math.max(10, Math.floor(this.staleMs / 3)));
    timer.unref();
    this.held.set(record.token, timer);
    return { token: record.token, owner };
  }

  private heartbeat(token: string): void {
    try {
      if (this.beat.run(Date.now(), token).changes === 0) this.stop(token); // determinism-ok: lease heartbeat
    } catch {
      // Busy or closing: the next beat retries. A lease that goes stale meanwhile is fenced at append.
    }
  }

  private stop(token: string): void {
    const timer = this.held.get(token);
    if (timer) clearInterval(timer);
    this.held.delete(token);
  }

  /** Refreshes the heartbeat inside an append's transaction. */
  touch(token: string): void {
    this.beat.run(Date.now(), token); // determinism-ok: lease heartbeat
  }

  release(token: string): void {
    this.stop(token);
    this.remove.run(token);
  }

  releaseAll(): void {
    for (const token of [...this.held.keys()]) this.release(token);
  }
}
