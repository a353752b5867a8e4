import { writeFileSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJournalStoreSuite } from '../../conformance/journal-store-suite.js';
import { sealSample } from '../../conformance/sample-journal.js';
import { readAll, refused } from '../../conformance/store-suite-helpers.js';
import { EMPTY_HEAD } from '../../kernel/journal/chain.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { makeSqliteStore, tempDir, type TempDir } from './helpers/temp-journal.js';

runJournalStoreSuite('sqlite', makeSqliteStore);

describe('sqlite store specifics', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    dir.remove();
  });

  it('uses WAL with synchronous=FULL by default and NORMAL only when asked', async () => {
    const full = await openSqliteStore(dir.path('full.db'));
    expect(full.settings()).toEqual({ journalMode: 'wal', synchronous: 2 });
    await full.close();
    const normal = await openSqliteStore(dir.path('normal.db'), { durability: 'normal' });
    expect(normal.settings()).toEqual({ journalMode: 'wal', synchronous: 1 });
    await normal.close();
  });

  it('stores one rec blob per entry: prevHash ‖ hash ‖ body', async () => {
    const store = await openSqliteStore(dir.path());
    const lease = await store.acquireWriter({ owner: 'test' });
    const [entry] = sealSample(1);
    await store.append(lease, EMPTY_HEAD, [entry!]);
    await store.close();
    const db = new Database(dir.path(), { readonly: true });
    const row = db.prepare('SELECT seq, kind, rec FROM entries').get() as { seq: number; kind: string; rec: Buffer };
    db.close();
    expect(row.seq).toBe(1);
    expect(row.kind).toBe('world.genesis');
    expect(row.rec.equals(Buffer.concat([entry!.prevHash, entry!.hash, entry!.body]))).toBe(true);
  });

  it('keeps committed entries across close and reopen, and close releases the lease', async () => {
    const store = await openSqliteStore(dir.path());
    const lease = await store.acquireWriter({ owner: 'first run' });
    const batch = sealSample(50);
    await store.append(lease, EMPTY_HEAD, batch);
    await store.close();
    const again = await openSqliteStore(dir.path());
    expect((await again.head()).seq).toBe(50);
    await again.acquireWriter({ owner: 'second run' });
    await again.close();
  });

  it('refuses to open a missing file read-only with JOURNAL_NOT_FOUND, creating nothing', async () => {
    const missing = dir.path('nope.db');
    const error = await refused(openSqliteStore(missing, { readOnly: true }), 'JOURNAL_NOT_FOUND');
    expect(error.message).toContain(missing);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a journal with a newer schema version, for writers and readers', async () => {
    const store = await openSqliteStore(dir.path());
    await store.close();
    const db = new Database(dir.path());
    db.prepare(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`).run();
    db.close();
    const error = await refused(openSqliteStore(dir.path()), 'JOURNAL_SCHEMA_UNSUPPORTED');
    expect(error.message).toContain('schema version 99');
    await refused(openSqliteStore(dir.path(), { readOnly: true }), 'JOURNAL_SCHEMA_UNSUPPORTED');
  });

  it('refuses SQLite files that are not journals, and files that are not SQLite', async () => {
    const other = new Database(dir.path('other.db'));
    other.exec('CREATE TABLE users (id INTEGER PRIMARY KEY)');
    other.close();
    await refused(openSqliteStore(dir.path('other.db')), 'JOURNAL_SCHEMA_UNSUPPORTED');
    writeFileSync(dir.path('junk.db'), 'this is not a database at all, just some text that is long enough');
    await refused(openSqliteStore(dir.path('junk.db')), 'JOURNAL_OPEN_FAILED');
    await refused(openSqliteStore(dir.path('junk.db'), { readOnly: true }), 'JOURNAL_OPEN_FAILED');
  });

  it('rolls back the whole batch when SQLite fails in the middle of it', async () => {
    const store = await openSqliteStore(dir.path());
    const lease = await store.acquireWriter({ owner: 'test' });
    await store.append(lease, EMPTY_HEAD, sealSample(3));
    const head = await store.head();
    // A real engine failure after rows 4..6 of the batch were inserted.
    const db = new Database(dir.path());
    db.exec(`CREATE TRIGGER fail_at_7 BEFORE INSERT ON entries WHEN NEW.seq = 7 BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const batch = sealSample(10, head);
    const error = await refused(store.append(lease, head, batch), 'JOURNAL_IO_FAILED');
    expect(error.message).toContain('injected failure');
    expect((await readAll(store)).entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(db.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(3);
    db.exec('DROP TRIGGER fail_at_7');
    db.close();
    await store.append(lease, head, batch);
    expect((await store.head()).seq).toBe(13);
    await store.close();
  });

  it('a reader sees appends committed after it opened', async () => {
    const store = await openSqliteStore(dir.path());
    const lease = await store.acquireWriter({ owner: 'test' });
    const reader = await openSqliteStore(dir.path(), { readOnly: true });
    expect((await reader.head()).seq).toBe(0);
    await store.append(lease, EMPTY_HEAD, sealSample(5));
    expect((await reader.head()).seq).toBe(5);
    await reader.close();
    await store.close();
  });
});
