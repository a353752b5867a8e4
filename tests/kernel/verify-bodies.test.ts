/**
 * verifyJournal on journals whose chain is intact but whose bodies are wrong: a writer (or an
 * attacker who re-hashed everything) stored something strict decoding or canonical encoding
 * refuses. Plus the report's shape: progress, empty journals, expectHead forms.
 */
import { Packr } from 'msgpackr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { genesisDraft, ingressDraft, SAMPLE_EPOCH_MS, sealSample } from '../../conformance/sample-journal.js';
import { refused } from '../../conformance/store-suite-helpers.js';
import { encodeCanonical } from '../../kernel/core/canonical.js';
import type { SealedEntry } from '../../kernel/core/entries.js';
import { encodeBody } from '../../kernel/core/entry-codec.js';
import { bytesToHex } from '../../kernel/core/hash.js';
import { EMPTY_HEAD, entryHash, type ChainHead } from '../../kernel/journal/chain.js';
import { verifyJournal } from '../../kernel/journal/verify.js';
import { openMemoryStore } from '../../kernel/store/memory-store.js';
import { openSqliteStore, type SqliteJournalStore } from '../../kernel/store/sqlite-store.js';
import { tamper, withDb } from './helpers/tamper.js';
import { tempDir, type TempDir } from './helpers/temp-journal.js';

/** Seals raw kind/body pairs onto `head` with correct links and hashes, whatever the bodies say. */
function sealRaw(head: ChainHead, raw: { kind: string; body: Uint8Array }[]): SealedEntry[] {
  let prev = head.hash;
  return raw.map(({ kind, body }, i) => {
    const seq = head.seq + i + 1;
    const hash = entryHash(prev, seq, kind, body);
    const entry = { seq, kind, body, prevHash: prev, hash };
    prev = hash;
    return entry;
  });
}

const asIs = (n: number) => ({ kind: 'ingress', body: encodeBody(ingressDraft(n)) });
const genesis = () => ({ kind: 'world.genesis', body: encodeBody(genesisDraft()) });
const hexBody = (hex: string) => ({ kind: 'ingress', body: Buffer.from(hex, 'hex') });
const ingressBody = (payload: unknown) => encodeCanonical([SAMPLE_EPOCH_MS, null, payload]);

describe('verifyJournal: bodies that pass the chain but not the codec', () => {
  let dir: TempDir;
  let stores: SqliteJournalStore[];
  beforeEach(() => {
    dir = tempDir();
    stores = [];
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    dir.remove();
  });

  async function open(): Promise<SqliteJournalStore> {
    const store = await openSqliteStore(dir.path(`journal-${stores.length}.db`));
    stores.push(store);
    return store;
  }

  /** A fresh SQLite journal holding exactly `raw`, verified. */
  async function journal(raw: { kind: string; body: Uint8Array }[]) {
    const store = await open();
    const lease = await store.acquireWriter({ owner: 'test' });
    await store.append(lease, EMPTY_HEAD, sealRaw(EMPTY_HEAD, raw));
    return verifyJournal(store);
  }

  it('NOT_CANONICAL: keys out of order', async () => {
    const unsorted = new Packr({ useRecords: false, variableMapSize: true }).pack([SAMPLE_EPOCH_MS, null, { type: 'x', data: 1 }]);
    const report = await journal([genesis(), asIs(2), { kind: 'ingress', body: unsorted }, asIs(4)]);
    expect(report.firstBad).toMatchObject({ seq: 3, problem: 'NOT_CANONICAL', found: bytesToHex(unsorted) });
    expect(report.entries).toBe(2);
  });

  it('NOT_CANONICAL: an integer in a wider form than needed', async () => {
    const hex = bytesToHex(ingressBody({ data: { n: 5 }, type: 't' }));
    expect(hex).toContain('a16e05');
    const report = await journal([genesis(), hexBody(hex.replace('a16e05', 'a16ecc05'))]);
    expect(report.firstBad).toMatchObject({ seq: 2, problem: 'NOT_CANONICAL' });
  });

  it('NOT_CANONICAL: a MessagePack extension (timestamp) that decodes to a Date', async () => {
    const hex = bytesToHex(ingressBody({ data: { t: 0 }, type: 't' }));
    expect(hex).toContain('a17400');
    const report = await journal([genesis(), hexBody(hex.replace('a17400', 'a174d6ff00000000'))]);
    expect(report.firstBad).toMatchObject({ seq: 2, problem: 'NOT_CANONICAL' });
  });

  it('UNKNOWN_KIND: a kind the codec does not know', async () => {
    const report = await journal([genesis(), { kind: 'world.exploded', body: encodeBody(ingressDraft(2)) }]);
    expect(report.firstBad).toMatchObject({ seq: 2, problem: 'UNKNOWN_KIND', found: 'world.exploded' });
  });

  it('ENTRY_MALFORMED: an extra payload field, a wrong type', async () => {
    const extra = await journal([genesis(), asIs(2), { kind: 'ingress', body: ingressBody({ type: 't', data: 1, extra: true }) }]);
    expect(extra.firstBad).toMatchObject({ seq: 3, problem: 'ENTRY_MALFORMED' });
    expect(extra.firstBad!.message).toContain('extra');
    const wrongType = await journal([genesis(), { kind: 'ingress', body: ingressBody({ type: 42, data: 1 }) }, asIs(3)]);
    expect(wrongType.firstBad).toMatchObject({ seq: 2, problem: 'ENTRY_MALFORMED', found: '{"data":1,"type":42}' });
  });

  it('ENTRY_MALFORMED: trailing bytes after the body', async () => {
    for (const tail of [0x00, 0xc1]) {
      const trailing = Buffer.concat([encodeBody(ingressDraft(2)), Buffer.from([tail])]);
      const report = await journal([genesis(), { kind: 'ingress', body: trailing }]);
      expect(report.firstBad).toMatchObject({ seq: 2, problem: 'ENTRY_MALFORMED' });
    }
  });

  it('GENESIS_INVALID: a journal that does not start with world.genesis', async () => {
    expect((await journal([asIs(1), asIs(2)])).firstBad).toMatchObject({ seq: 1, problem: 'GENESIS_INVALID', found: 'ingress' });
  });

  it('GENESIS_INVALID: world.genesis again after seq 1', async () => {
    expect((await journal([genesis(), asIs(2), genesis()])).firstBad).toMatchObject({ seq: 3, problem: 'GENESIS_INVALID' });
  });

  it('ENTRY_MALFORMED: a row the store itself cannot read (short or text record)', async () => {
    const store = await open();
    const lease = await store.acquireWriter({ owner: 'test' });
    await store.append(lease, EMPTY_HEAD, sealSample(5));
    withDb(store.location, (db) => db.prepare(`UPDATE entries SET rec = x'0102' WHERE seq = 4`).run());
    expect((await verifyJournal(store)).firstBad).toMatchObject({ seq: 4, problem: 'ENTRY_MALFORMED', found: 'rec is 2 bytes' });
    withDb(store.location, (db) => db.prepare(`UPDATE entries SET rec = 'text' WHERE seq = 2`).run());
    expect((await verifyJournal(store)).firstBad).toMatchObject({ seq: 2, problem: 'ENTRY_MALFORMED', found: 'rec is a string' });
    withDb(store.location, (db) => db.prepare(`UPDATE entries SET rec = 'text' WHERE seq = 5`).run());
    expect((await verifyJournal(store)).firstBad).toMatchObject({ seq: 2, problem: 'ENTRY_MALFORMED' });
  });

  it('ENTRY_MALFORMED: an unreadable head row, after the rows before it are checked', async () => {
    const store = await open();
    const lease = await store.acquireWriter({ owner: 'test' });
    await store.append(lease, EMPTY_HEAD, sealSample(4));
    withDb(store.location, (db) => db.prepare(`UPDATE entries SET rec = 'text' WHERE seq = 4`).run());
    const report = await verifyJournal(store);
    expect(report.firstBad).toMatchObject({ seq: 4, problem: 'ENTRY_MALFORMED', found: 'rec is a string' });
    expect(report.entries).toBe(3);
  });

  it('an unreadable row does not hide an earlier bad entry of the same page', async () => {
    const store = await open();
    const lease = await store.acquireWriter({ owner: 'test' });
    await store.append(lease, EMPTY_HEAD, sealSample(6));
    withDb(store.location, (db) => {
      tamper.flipHashByte(db, 2);
      db.prepare(`UPDATE entries SET rec = x'0102' WHERE seq = 5`).run();
    });
    expect((await verifyJournal(store)).firstBad).toMatchObject({ seq: 2, problem: 'HASH_MISMATCH' });
    withDb(store.location, (db) => {
      tamper.flipHashByte(db, 2);
      tamper.delete(db, 3, false);
    });
    const report = await verifyJournal(store);
    expect(report.firstBad).toMatchObject({ seq: 3, problem: 'SEQ_OUT_OF_ORDER', expected: '3', found: '4' });
    expect(report.entries).toBe(2);
  });
});

describe('verifyJournal report', () => {
  it('reports progress once per page with the head seq as total', async () => {
    const store = openMemoryStore();
    const lease = await store.acquireWriter({ owner: 'test' });
    await store.append(lease, EMPTY_HEAD, sealSample(1000));
    const calls: [number, number][] = [];
    const report = await verifyJournal(store, { pageSize: 256, onProgress: (seq, total) => calls.push([seq, total]) });
    expect(report.ok).toBe(true);
    expect(calls).toEqual([[256, 1000], [512, 1000], [768, 1000], [1000, 1000]]);
  });

  it('an empty journal is ok with a zero head, and fails any other expected head at seq 1', async () => {
    const store = openMemoryStore();
    const zero = '0'.repeat(64);
    expect(await verifyJournal(store)).toEqual({ ok: true, entries: 0, head: { seq: 0, hash: zero } });
    expect((await verifyJournal(store, { expectHead: zero })).ok).toBe(true);
    expect((await verifyJournal(store, { expectHead: 'ab'.repeat(32) })).firstBad).toMatchObject({ seq: 1, problem: 'HEAD_MISMATCH' });
  });

  it('with a seq in expectHead, flags an entry that is not the expected head even mid-journal', async () => {
    const store = openMemoryStore();
    const lease = await store.acquireWriter({ owner: 'test' });
    const entries = sealSample(10);
    await store.append(lease, EMPTY_HEAD, entries);
    const report = await verifyJournal(store, { expectHead: { seq: 4, hash: bytesToHex(entries[4]!.hash) } });
    expect(report.firstBad).toMatchObject({ seq: 4, problem: 'HEAD_MISMATCH', found: bytesToHex(entries[3]!.hash) });
    const extended = await verifyJournal(store, { expectHead: { seq: 4, hash: bytesToHex(entries[3]!.hash) } });
    expect(extended.firstBad).toMatchObject({ seq: 5, problem: 'HEAD_MISMATCH' });
  });

  it('refuses a malformed expectHead with INVALID_ARGUMENT', async () => {
    await refused(verifyJournal(openMemoryStore(), { expectHead: 'ABC' }), 'INVALID_ARGUMENT');
    await refused(verifyJournal(openMemoryStore(), { expectHead: { seq: -1, hash: '0'.repeat(64) } }), 'INVALID_ARGUMENT');
  });
});
