/**
 * Tampering with a real SQLite journal file through a separate better-sqlite3 connection, the way
 * an attacker or a broken tool would: every edit goes straight to the `entries` table.
 */
import Database from 'better-sqlite3';
import type { Draft } from '../../../kernel/core/entries.js';
import { encodeBody } from '../../../kernel/core/entry-codec.js';
import { entryHash } from '../../../kernel/journal/chain.js';

type Db = Database.Database;
interface Row { seq: number; kind: string; rec: Buffer }

export function withDb<T>(path: string, edit: (db: Db) => T): T {
  const db = new Database(path);
  try {
    return db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
}

function row(db: Db, seq: number): Row {
  const found = db.prepare('SELECT seq, kind, rec FROM entries WHERE seq = ?').get(seq) as Row | undefined;
  if (!found) throw new Error(`tamper: no entry ${seq}`);
  return found;
}

function put(db: Db, seq: number, kind: string, rec: Buffer): void {
  db.prepare('UPDATE entries SET kind = ?, rec = ? WHERE seq = ?').run(kind, rec, seq);
}

/** Moves entries with seq >= from by `delta`, without tripping the primary key on the way. */
function shift(db: Db, from: number, delta: number): void {
  db.prepare('UPDATE entries SET seq = -(seq + ?) WHERE seq >= ?').run(delta, from);
  db.prepare('UPDATE entries SET seq = -seq WHERE seq < 0').run();
}

/** The rec of `draft` sealed at `seq` onto `prevHash`, with its own hash recomputed. */
export function forgedRec(prevHash: Uint8Array, seq: number, draft: Draft): Buffer {
  const body = encodeBody(draft);
  return Buffer.concat([prevHash, entryHash(prevHash, seq, draft.kind, body), body]);
}

export const tamper = {
  flipBodyByte(db: Db, seq: number): void {
    const r = row(db, seq);
    r.rec[64 + Math.floor((r.rec.length - 64) / 2)]! ^= 0x01;
    put(db, seq, r.kind, r.rec);
  },
  flipHashByte(db: Db, seq: number): void {
    const r = row(db, seq);
    r.rec[32 + 7]! ^= 0x80;
    put(db, seq, r.kind, r.rec);
  },
  flipPrevHashByte(db: Db, seq: number): void {
    const r = row(db, seq);
    r.rec[3]! ^= 0x10;
    put(db, seq, r.kind, r.rec);
  },
  /** Replaces entry `seq` with `draft`, correctly linked and hashed, leaving later entries alone. */
  forge(db: Db, seq: number, draft: Draft): void {
    const r = row(db, seq);
    put(db, seq, draft.kind, forgedRec(r.rec.subarray(0, 32), seq, draft));
  },
  /** Inserts `draft` at `seq` (linked and hashed there), renumbering the entries from `seq` on. */
  insert(db: Db, seq: number, draft: Draft): void {
    const prevHash = seq === 1 ? new Uint8Array(32) : row(db, seq - 1).rec.subarray(32, 64);
    shift(db, seq, 1);
    db.prepare('INSERT INTO entries (seq, kind, rec) VALUES (?, ?, ?)').run(seq, draft.kind, forgedRec(prevHash, seq, draft));
  },
  delete(db: Db, seq: number, renumber: boolean): void {
    db.prepare('DELETE FROM entries WHERE seq = ?').run(seq);
    if (renumber) shift(db, seq + 1, -1);
  },
  /** Copies entry `seq` to `seq + 1`, renumbering the entries after it. */
  duplicate(db: Db, seq: number): void {
    const r = row(db, seq);
    shift(db, seq + 1, 1);
    db.prepare('INSERT INTO entries (seq, kind, rec) VALUES (?, ?, ?)').run(seq + 1, r.kind, r.rec);
  },
  /** Exchanges the contents of two entries (each keeps its seq). */
  swap(db: Db, a: number, b: number): void {
    const ra = row(db, a);
    const rb = row(db, b);
    put(db, a, rb.kind, rb.rec);
    put(db, b, ra.kind, ra.rec);
  },
  changeKind(db: Db, seq: number, kind: string): void {
    db.prepare('UPDATE entries SET kind = ? WHERE seq = ?').run(kind, seq);
  },
  truncate(db: Db, keep: number): void {
    db.prepare('DELETE FROM entries WHERE seq > ?').run(keep);
  },
  /** Rebuilds `entries` without its primary key, so that seqs can repeat, then repeats `seq`. */
  duplicateSeq(db: Db, seq: number): void {
    db.exec(`CREATE TABLE entries_loose (seq INTEGER, kind TEXT NOT NULL, rec BLOB NOT NULL);
      INSERT INTO entries_loose SELECT * FROM entries; DROP TABLE entries; ALTER TABLE entries_loose RENAME TO entries;`);
    db.prepare('INSERT INTO entries (seq, kind, rec) SELECT seq, kind, rec FROM entries WHERE seq = ?').run(seq);
  },
};
