/**
 * Opening a SQLite journal file: pragmas, schema creation and the schema-version gate.
 *
 * `entries.rec` is prevHash(32) ‖ hash(32) ‖ body in ONE blob: reading two blob columns per row
 * halves replay speed. A file written by a newer worldline is refused rather than misread.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { WorldlineError } from '../errors.js';

export const SCHEMA_VERSION = 1;
export type Durability = 'full' | 'normal';

const CREATE_TABLES = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS entries (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, rec BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS snapshots (height INTEGER PRIMARY KEY, state_hash BLOB NOT NULL, state BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS writer_lease (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    owner TEXT NOT NULL, token TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL,
    acquired_at INTEGER NOT NULL, heartbeat_at INTEGER NOT NULL
  );
`;

function openFailed(path: string, e: unknown): WorldlineError {
  return new WorldlineError('JOURNAL_OPEN_FAILED', `cannot open journal ${path}: ${(e as Error).message}`, {
    expected: 'a worldline SQLite journal', found: (e as { code?: string }).code ?? 'an unreadable file',
    where: { file: path }, hint: 'check the path and that the file is a worldline journal', cause: e,
  });
}

function unsupported(path: string, found: string, hint: string): WorldlineError {
  return new WorldlineError('JOURNAL_SCHEMA_UNSUPPORTED', `journal ${path} has ${found}; this worldline reads schema version ${SCHEMA_VERSION}`, {
    expected: `schema version ${SCHEMA_VERSION}`, found, where: { file: path }, hint,
  });
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(name) !== undefined;
}

/** Refuses a file whose schema is newer than ours, or that is some other application's database. */
function checkVersion(db: Database.Database, path: string): 'ok' | 'empty' {
  if (!tableExists(db, 'meta')) {
    const other = db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table'`).pluck().get() as number;
    if (other > 0) throw unsupported(path, 'no worldline meta table', 'this SQLite file is not a worldline journal');
    return 'empty';
  }
  const raw = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get() as string | undefined;
  const version = Number(raw);
  if (raw === undefined || !Number.isSafeInteger(version)) {
    throw unsupported(path, `an unreadable schema version (${String(raw)})`, 'this SQLite file is not a worldline journal');
  }
  if (version > SCHEMA_VERSION) {
    throw unsupported(path, `schema version ${version}`, 'upgrade worldline to open this journal');
  }
  return 'ok';
}

function guarded<T>(db: Database.Database, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    db.close();
    throw e instanceof WorldlineError ? e : openFailed(path, e);
  }
}

/** Opens (creating if absent) a journal for writing. */
export function openWritableDatabase(path: string, durability: Durability): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (e) {
    throw openFailed(path, e);
  }
  return guarded(db, path, () => {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // FULL fsyncs the WAL on every commit: a committed batch survives power loss. NORMAL may lose
    // the last commits on power loss (never on a process crash) and is an explicit opt-in.
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.transaction(() => {
      if (checkVersion(db, path) === 'empty') {
        db.exec(CREATE_TABLES);
        db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('format', 'worldline-journal')`).run(String(SCHEMA_VERSION));
      }
    }).immediate();
    return db;
  });
}

/** Opens an existing journal read-only: no lease, no schema creation. */
export function openReadOnlyDatabase(path: string): Database.Database {
  if (!existsSync(path)) {
    throw new WorldlineError('JOURNAL_NOT_FOUND', `journal ${path} does not exist`, {
      expected: 'an existing journal file', found: 'no file', where: { file: path },
      hint: 'check the path, or open it for writing to create a new journal',
    });
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw openFailed(path, e);
  }
  return guarded(db, path, () => {
    db.pragma('busy_timeout = 5000');
    if (checkVersion(db, path) === 'empty') {
      throw unsupported(path, 'no worldline schema', 'this SQLite file is empty or not a worldline journal');
    }
    return db;
  });
}
