import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealSample } from '../../conformance/sample-journal.js';
import { refused } from '../../conformance/store-suite-helpers.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { spawnLeaseHelper } from './helpers/child-process.js';
import { tempDir, type TempDir } from './helpers/temp-journal.js';

interface LeaseRow { owner: string; token: string; pid: number; host: string; acquired_at: number; heartbeat_at: number }

function leaseRow(path: string): LeaseRow | undefined {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT owner, token, pid, host, acquired_at, heartbeat_at FROM writer_lease').get() as LeaseRow | undefined;
  } finally {
    db.close();
  }
}

function editLease(path: string, set: string, ...params: unknown[]): void {
  const db = new Database(path);
  db.prepare(`UPDATE writer_lease SET ${set}`).run(...params);
  db.close();
}

describe('sqlite single-writer lease', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    dir.remove();
  });

  it('refuses a second PROCESS while this one holds the lease, naming the holder', async () => {
    const store = await openSqliteStore(dir.path());
    await store.acquireWriter({ owner: 'test parent' });
    const helper = spawnLeaseHelper('try', dir.path());
    const outcome = await helper.next();
    await helper.exited;
    expect(outcome).toMatchObject({ ok: false, code: 'WORLD_LOCKED' });
    expect(outcome.message).toContain('test parent');
    expect(outcome.message).toContain(`pid ${process.pid} on ${hostname()}`);
    await store.close();
    const after = spawnLeaseHelper('try', dir.path());
    expect(await after.next()).toEqual({ ok: true });
    await after.exited;
  });

  it("takes over the lease of a SIGKILL'd writer process", async () => {
    const holder = spawnLeaseHelper('hold', dir.path());
    const ready = await holder.next();
    expect(ready).toMatchObject({ ok: true, ready: true });
    const store = await openSqliteStore(dir.path());
    const error = await refused(store.acquireWriter({ owner: 'successor' }), 'WORLD_LOCKED');
    expect(error.message).toContain(`pid ${String(ready.pid)}`);
    holder.child.kill('SIGKILL');
    await holder.exited;
    // The killed writer never released: its row is still there, and is taken over.
    expect(leaseRow(dir.path())?.pid).toBe(ready.pid);
    const lease = await store.acquireWriter({ owner: 'successor' });
    expect(leaseRow(dir.path())).toMatchObject({ owner: 'successor', pid: process.pid, token: lease.token });
    await store.append(lease, await store.head(), sealSample(2));
    expect((await store.head()).seq).toBe(2);
    await store.close();
    expect(leaseRow(dir.path())).toBeUndefined();
  });

  it('takes over a stale lease from another host, but not a fresh one', async () => {
    const first = await openSqliteStore(dir.path());
    await first.acquireWriter({ owner: 'remote writer' });
    editLease(dir.path(), 'host = ?, heartbeat_at = ?', 'another-host', Date.now());
    const second = await openSqliteStore(dir.path());
    const error = await refused(second.acquireWriter({ owner: 'local' }), 'WORLD_LOCKED');
    expect(error.message).toContain('on another-host');
    editLease(dir.path(), 'heartbeat_at = ?', Date.now() - 31_000);
    await second.acquireWriter({ owner: 'local' });
    expect(leaseRow(dir.path())?.owner).toBe('local');
    await first.close();
    await second.close();
  });

  it('takes over a live local process whose heartbeat is stale, and fences the old writer', async () => {
    const first = await openSqliteStore(dir.path());
    const oldLease = await first.acquireWriter({ owner: 'hung writer' });
    editLease(dir.path(), 'heartbeat_at = ?', Date.now() - 60_000);
    const second = await openSqliteStore(dir.path());
    const lease = await second.acquireWriter({ owner: 'new writer' });
    const head = await second.head();
    const error = await refused(first.append(oldLease, head, sealSample(1)), 'WORLD_LOCKED');
    expect(error.message).toContain('new writer');
    await second.append(lease, head, sealSample(1));
    // The old writer's release must not free the new writer's lease.
    await first.close();
    expect(leaseRow(dir.path())?.token).toBe(lease.token);
    await second.close();
  });

  it('refreshes the heartbeat while held, at a third of the stale limit', async () => {
    const store = await openSqliteStore(dir.path(), { leaseStaleMs: 300 });
    await store.acquireWriter({ owner: 'beating' });
    const before = leaseRow(dir.path())!;
    await new Promise((resolve) => setTimeout(resolve, 350));
    const after = leaseRow(dir.path())!;
    expect(after.heartbeat_at).toBeGreaterThan(before.heartbeat_at);
    expect(after.acquired_at).toBe(before.acquired_at);
    await store.close();
  });
});
