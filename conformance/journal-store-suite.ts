/**
 * The JournalStore conformance suite: every adapter calls runJournalStoreSuite with a factory and
 * must pass all of it, so a new backend proves itself in one line. `makeStore` returns a fresh,
 * empty journal: a `writer` handle, a way to open `reader`s on the same journal (a second process,
 * for a file) and a `cleanup`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SealedEntry } from '../kernel/core/entries.js';
import { bytesToHex } from '../kernel/core/hash.js';
import { EMPTY_HEAD, headOf, seal } from '../kernel/journal/chain.js';
import type { JournalStore, StoredSnapshot, WriterLease } from '../kernel/store/port.js';
import { ingressDraft, sampleDrafts, sealSample } from './sample-journal.js';
import { batchWithMarker, headHex, hexOf, readAll, readHex, refused, snapshotOf } from './store-suite-helpers.js';

export interface StoreUnderTest {
  readonly writer: JournalStore;
  readonly reader: () => Promise<JournalStore>;
  cleanup(): Promise<void>;
}

export type MakeStore = () => Promise<StoreUnderTest>;

const OWNER = { owner: 'conformance writer' };

export function runJournalStoreSuite(name: string, makeStore: MakeStore): void {
  describe(`JournalStore conformance: ${name}`, () => {
    let s: StoreUnderTest;
    let lease: WriterLease;
    beforeEach(async () => {
      s = await makeStore();
      lease = await s.writer.acquireWriter(OWNER);
    });
    afterEach(async () => {
      await s.cleanup();
    });

    /** Appends `count` sample entries onto the current head and returns them. */
    async function grow(count: number): Promise<SealedEntry[]> {
      const head = await s.writer.head();
      const batch = sealSample(count, head);
      await s.writer.append(lease, head, batch);
      return batch;
    }

    it('an empty journal has head seq 0 with an all-zero hash, no entries and no snapshot', async () => {
      expect(await headHex(s.writer)).toEqual({ seq: 0, hash: '0'.repeat(64) });
      expect((await readAll(s.writer)).entries).toEqual([]);
      expect(await s.writer.latestSnapshot()).toBeUndefined();
    });

    it('reads back exactly the bytes appended, through the writer and through a reader', async () => {
      const batch = await grow(3);
      expect(await headHex(s.writer)).toEqual({ seq: 3, hash: bytesToHex(batch[2]!.hash) });
      expect(await readHex(s.writer)).toEqual(batch.map(hexOf));
      const reader = await s.reader();
      expect(reader.readOnly).toBe(true);
      expect(await readHex(reader)).toEqual(batch.map(hexOf));
      expect(await headHex(reader)).toEqual(await headHex(s.writer));
      await reader.close();
    });

    it('pages across page boundaries, starts at `from` and stops at `to`', async () => {
      const all = (await grow(25)).map(hexOf);
      const full = await readAll(s.writer, 1, { pageSize: 10 });
      expect(full.pages).toEqual([10, 10, 5]);
      expect(full.entries.map(hexOf)).toEqual(all);
      const window = await readAll(s.writer, 5, { to: 17, pageSize: 4 });
      expect(window.pages).toEqual([4, 4, 4, 1]);
      expect(window.entries.map((e) => e.seq)).toEqual(all.slice(4, 17).map((e) => e.seq));
      expect((await readAll(s.writer, 20, { to: 100 })).entries.map((e) => e.seq)).toEqual([20, 21, 22, 23, 24, 25]);
      expect((await readAll(s.writer, 26)).pages).toEqual([]);
      expect((await readAll(s.writer, 1, { pageSize: 25 })).pages).toEqual([25]);
    });

    it('refuses an append on a stale head with JOURNAL_CONFLICT (expected vs found) and writes nothing', async () => {
      const first = await grow(3);
      const before = await readHex(s.writer);
      const stale = seal(EMPTY_HEAD, sampleDrafts(2));
      const error = await refused(s.writer.append(lease, EMPTY_HEAD, stale), 'JOURNAL_CONFLICT');
      expect(error.details.expected).toEqual({ seq: 0, hash: '0'.repeat(64) });
      expect(error.details.found).toEqual({ seq: 3, hash: bytesToHex(first[2]!.hash) });
      // Right seq, wrong hash: a fork of the same length is a conflict too.
      const forkHead = { seq: 3, hash: new Uint8Array(32).fill(7) };
      await refused(s.writer.append(lease, forkHead, sealSample(1, forkHead)), 'JOURNAL_CONFLICT');
      expect(await readHex(s.writer)).toEqual(before);
    });

    it('a refused batch leaves no partial write, whatever entry in it is bad', async () => {
      await grow(2);
      const head = await s.writer.head();
      const batch = sealSample(100, head);
      const broken = batch.map((e, i) => (i === 49 ? { ...e, prevHash: new Uint8Array(32) } : e));
      const error = await refused(s.writer.append(lease, head, broken), 'JOURNAL_BATCH_INVALID');
      expect(error.details.where?.seq).toBe(head.seq + 50);
      const gap = batch.filter((_, i) => i !== 70);
      await refused(s.writer.append(lease, head, gap), 'JOURNAL_BATCH_INVALID');
      expect(await headHex(s.writer)).toEqual({ seq: 2, hash: bytesToHex(head.hash) });
      expect((await readAll(s.writer)).entries).toHaveLength(2);
      await s.writer.append(lease, head, batch);
      expect((await s.writer.head()).seq).toBe(102);
    });

    it('appends a batch of 10,000 entries in one call', async () => {
      const batch = sealSample(10_000);
      await s.writer.append(lease, EMPTY_HEAD, batch);
      expect(await headHex(s.writer)).toEqual({ seq: 10_000, hash: bytesToHex(batch[9_999]!.hash) });
      const back = await readAll(s.writer);
      expect(back.pages.reduce((a, b) => a + b, 0)).toBe(10_000);
      expect(back.entries.map(hexOf)).toEqual(batch.map(hexOf));
    });

    it('refuses a second writer with WORLD_LOCKED naming the holder, while readers still read', async () => {
      await grow(2);
      const error = await refused(s.writer.acquireWriter({ owner: 'intruder' }), 'WORLD_LOCKED');
      expect(error.message).toContain(OWNER.owner);
      expect(error.details.hint).toBeTruthy();
      const reader = await s.reader();
      expect((await readAll(reader)).entries).toHaveLength(2);
      expect((await reader.head()).seq).toBe(2);
      await reader.close();
    });

    it('after release the lease can be taken again, and the old lease can no longer append', async () => {
      await grow(1);
      await s.writer.releaseWriter(lease);
      const next = await s.writer.acquireWriter({ owner: 'second writer' });
      const head = await s.writer.head();
      await refused(s.writer.append(lease, head, sealSample(1, head)), 'WORLD_LOCKED');
      await s.writer.append(next, head, sealSample(1, head));
      expect((await s.writer.head()).seq).toBe(2);
      await s.writer.releaseWriter(next);
      await refused(s.writer.append(next, await s.writer.head(), sealSample(1, await s.writer.head())), 'WORLD_LOCKED');
      lease = await s.writer.acquireWriter(OWNER);
    });

    it('refuses an append with a forged lease and writes nothing', async () => {
      await grow(1);
      const head = await s.writer.head();
      const forged = { token: 'f'.repeat(32), owner: OWNER.owner };
      const error = await refused(s.writer.append(forged, head, sealSample(3, head)), 'WORLD_LOCKED');
      expect(error.message).toContain(OWNER.owner);
      expect((await s.writer.head()).seq).toBe(1);
    });

    it('a reader can neither take the lease nor append', async () => {
      const reader = await s.reader();
      await refused(reader.acquireWriter({ owner: 'reader' }), 'JOURNAL_READ_ONLY');
      await refused(reader.append(lease, EMPTY_HEAD, sealSample(1)), 'JOURNAL_READ_ONLY');
      expect((await s.writer.head()).seq).toBe(0);
      await reader.close();
    });

    it('stores a snapshot atomically with its marker and finds the newest at or below maxHeight', async () => {
      const snapA = snapshotOf(4, { orders: 3 });
      const batchA = batchWithMarker(EMPTY_HEAD, 4, snapA);
      await s.writer.append(lease, EMPTY_HEAD, batchA, { snapshot: snapA });
      const headA = headOf(batchA, EMPTY_HEAD);
      const snapB = snapshotOf(9, { orders: 8, note: 'later' });
      await s.writer.append(lease, headA, batchWithMarker(headA, 5, snapB), { snapshot: snapB });
      const hexSnap = (x: StoredSnapshot | undefined) => x && { height: x.height, stateHash: bytesToHex(x.stateHash), state: bytesToHex(x.state) };
      expect(hexSnap(await s.writer.latestSnapshot())).toEqual(hexSnap(snapB));
      expect(hexSnap(await s.writer.latestSnapshot(8))).toEqual(hexSnap(snapA));
      expect(hexSnap(await s.writer.latestSnapshot(9))).toEqual(hexSnap(snapB));
      expect(await s.writer.latestSnapshot(3)).toBeUndefined();
      const reader = await s.reader();
      expect(hexSnap(await reader.latestSnapshot())).toEqual(hexSnap(snapB));
      await reader.close();
    });

    it('a refused append stores neither its entries nor its snapshot', async () => {
      await grow(2);
      const snap = snapshotOf(3, { n: 1 });
      const batch = batchWithMarker(EMPTY_HEAD, 3, snap);
      await refused(s.writer.append(lease, EMPTY_HEAD, batch, { snapshot: snap }), 'JOURNAL_CONFLICT');
      expect(await s.writer.latestSnapshot()).toBeUndefined();
      const head = await s.writer.head();
      const misplaced = snapshotOf(head.seq + 1, { n: 2 });
      // The snapshot must belong to a snapshot.marker of the batch: here seq 3 is an ingress.
      await refused(s.writer.append(lease, head, seal(head, [ingressDraft(3)]), { snapshot: misplaced }), 'JOURNAL_BATCH_INVALID');
      expect(await s.writer.latestSnapshot()).toBeUndefined();
      expect((await s.writer.head()).seq).toBe(2);
    });

    it('mutating appended or read bytes never changes what is stored', async () => {
      const batch = await grow(2);
      const expected = batch.map(hexOf);
      for (const e of batch) {
        e.body.fill(0xee);
        e.hash.fill(0xee);
      }
      const read = (await readAll(s.writer)).entries;
      for (const e of read) {
        e.body.fill(0xdd);
        e.prevHash.fill(0xdd);
      }
      (await s.writer.head()).hash.fill(0xcc);
      expect(await readHex(s.writer)).toEqual(expected);
      expect(await headHex(s.writer)).toEqual({ seq: 2, hash: expected[1]!.hash });
    });
  });
}
