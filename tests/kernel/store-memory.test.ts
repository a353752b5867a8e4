import { describe, expect, it } from 'vitest';
import { runJournalStoreSuite } from '../../conformance/journal-store-suite.js';
import { sealSample } from '../../conformance/sample-journal.js';
import { readAll, refused } from '../../conformance/store-suite-helpers.js';
import { EMPTY_HEAD } from '../../kernel/journal/chain.js';
import { openMemoryStore } from '../../kernel/store/memory-store.js';

runJournalStoreSuite('memory', async () => {
  const writer = openMemoryStore('conformance');
  return { writer, reader: async () => writer.readerView(), cleanup: () => writer.close() };
});

describe('memory store specifics', () => {
  it('keeps leases per store instance: two stores never share a journal or a lease', async () => {
    const a = openMemoryStore('a');
    const b = openMemoryStore('a');
    const lease = await a.acquireWriter({ owner: 'a' });
    await b.acquireWriter({ owner: 'b' });
    await a.append(lease, EMPTY_HEAD, sealSample(2));
    expect((await b.head()).seq).toBe(0);
    expect(a.location).toBe('memory:a');
  });

  it('a closed handle refuses further calls while reader views keep reading', async () => {
    const a = openMemoryStore();
    const lease = await a.acquireWriter({ owner: 'first' });
    await a.append(lease, EMPTY_HEAD, sealSample(3));
    const view = a.readerView();
    await a.close();
    await refused(a.head(), 'JOURNAL_CLOSED');
    await refused(a.append(lease, EMPTY_HEAD, sealSample(1)), 'JOURNAL_CLOSED');
    expect((await readAll(view)).entries.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('names this process in WORLD_LOCKED, and release frees the lease for a new writer', async () => {
    const a = openMemoryStore();
    const lease = await a.acquireWriter({ owner: 'first' });
    await a.append(lease, EMPTY_HEAD, sealSample(1));
    const error = await refused(a.acquireWriter({ owner: 'second' }), 'WORLD_LOCKED');
    expect(error.message).toContain(`pid ${process.pid}`);
    await a.releaseWriter(lease);
    const again = await a.acquireWriter({ owner: 'second' });
    expect(again.token).not.toBe(lease.token);
  });
});
