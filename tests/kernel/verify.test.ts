/**
 * Tamper detection: every mutation class, on journals of 1, 2, 3 and 1,000 entries, applied to a
 * real SQLite file through a separate connection. Each case names the exact first bad seq and
 * problem code that verifyJournal must report.
 */
import { copyFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genesisDraft, ingressDraft, sealSample } from '../../conformance/sample-journal.js';
import type { SealedEntry } from '../../kernel/core/entries.js';
import { bytesToHex } from '../../kernel/core/hash.js';
import { EMPTY_HEAD } from '../../kernel/journal/chain.js';
import { verifyJournal, type VerifyProblem, type VerifyReport } from '../../kernel/journal/verify.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { tamper, withDb } from './helpers/tamper.js';
import { tempDir } from './helpers/temp-journal.js';

/** What verify must say: the first bad entry, or (for a cut or added tail) only with expectHead. */
type Outcome =
  | { readonly bad: number; readonly problem: VerifyProblem }
  | { readonly okWithHeadAt: number; readonly hashOnly: number; readonly withSeq: number };

interface Mutation {
  readonly name: string;
  readonly targets: (n: number) => number[];
  readonly edit: (db: Database.Database, t: number, n: number) => void;
  readonly outcome: (t: number, n: number) => Outcome;
}

const SIZES = [1, 2, 3, 1000];
const spread = (n: number): number[] => [...new Set([1, Math.ceil(n / 2), n])];
const beforeLast = (n: number): number[] => spread(n).filter((t) => t < n);
const bad = (seq: number, problem: VerifyProblem): Outcome => ({ bad: seq, problem });
const linkBroken = (t: number): Outcome => bad(t, t === 1 ? 'GENESIS_INVALID' : 'CHAIN_BROKEN');
/** The last `n - keep` entries are gone: invisible to the chain, caught by the expected head. */
const cut = (keep: number): Outcome => ({ okWithHeadAt: keep, hashOnly: keep + 1, withSeq: keep + 1 });

const MUTATIONS: Mutation[] = [
  { name: 'flip one byte of a body', targets: spread, edit: (db, t) => tamper.flipBodyByte(db, t), outcome: (t) => bad(t, 'HASH_MISMATCH') },
  { name: 'flip one byte of a stored hash', targets: spread, edit: (db, t) => tamper.flipHashByte(db, t), outcome: (t) => bad(t, 'HASH_MISMATCH') },
  { name: 'flip one byte of a stored prevHash', targets: spread, edit: (db, t) => tamper.flipPrevHashByte(db, t), outcome: linkBroken },
  {
    name: 'forge an entry (own hash recomputed, later chain unchanged)',
    targets: spread,
    edit: (db, t) => tamper.forge(db, t, t === 1 ? genesisDraft('forged-world') : ingressDraft(t + 50_000)),
    // A forged head is a valid journal: only the expected head (hash alone: never seen) catches it.
    outcome: (t, n) => (t < n ? bad(t + 1, 'CHAIN_BROKEN') : { okWithHeadAt: n, hashOnly: n + 1, withSeq: n }),
  },
  {
    name: 'insert an entry (linked and hashed, later entries renumbered)',
    targets: (n) => [...spread(n), n + 1],
    edit: (db, t) => tamper.insert(db, t, ingressDraft(t + 70_000)),
    outcome: (t, n) => (t === 1 ? bad(1, 'GENESIS_INVALID') : t <= n ? bad(t + 1, 'CHAIN_BROKEN') : { okWithHeadAt: n + 1, hashOnly: n + 1, withSeq: n + 1 }),
  },
  { name: 'delete an entry, leaving a gap', targets: spread, edit: (db, t) => tamper.delete(db, t, false), outcome: (t, n) => (t < n ? bad(t, 'SEQ_OUT_OF_ORDER') : cut(n - 1)) },
  { name: 'delete an entry and renumber the rest', targets: spread, edit: (db, t) => tamper.delete(db, t, true), outcome: (t, n) => (t < n ? linkBroken(t) : cut(n - 1)) },
  { name: 'duplicate an entry (later entries renumbered)', targets: spread, edit: (db, t) => tamper.duplicate(db, t), outcome: (t) => bad(t + 1, 'CHAIN_BROKEN') },
  { name: "duplicate an entry's seq (table rebuilt without its key)", targets: spread, edit: (db, t) => tamper.duplicateSeq(db, t), outcome: (t) => bad(t + 1, 'SEQ_OUT_OF_ORDER') },
  { name: 'swap two adjacent entries', targets: beforeLast, edit: (db, t) => tamper.swap(db, t, t + 1), outcome: linkBroken },
  { name: 'swap an entry with the last', targets: (n) => spread(n).filter((t) => t < n - 1), edit: (db, t, n) => tamper.swap(db, t, n), outcome: linkBroken },
  { name: 'change a kind', targets: spread, edit: (db, t) => tamper.changeKind(db, t, t === 1 ? 'ingress' : 'control'), outcome: (t) => bad(t, 'HASH_MISMATCH') },
  { name: 'truncate the tail by one', targets: (n) => [n], edit: (db, _t, n) => tamper.truncate(db, n - 1), outcome: (_t, n) => cut(n - 1) },
  { name: 'truncate the tail by half', targets: (n) => (n >= 2 ? [n] : []), edit: (db, _t, n) => tamper.truncate(db, Math.floor(n / 2)), outcome: (_t, n) => cut(Math.floor(n / 2)) },
];

const dir = tempDir();
const journals = new Map<number, SealedEntry[]>();
let copies = 0;

beforeAll(async () => {
  for (const n of SIZES) {
    const store = await openSqliteStore(dir.path(`template-${n}.db`), { durability: 'normal' });
    const lease = await store.acquireWriter({ owner: 'verify test' });
    const entries = sealSample(n);
    await store.append(lease, EMPTY_HEAD, entries);
    await store.close();
    journals.set(n, entries);
  }
});
afterAll(() => dir.remove());

async function verifyCopy(n: number, edit: (db: Database.Database) => void, options: Parameters<typeof verifyJournal>[1][] = [{}]): Promise<VerifyReport[]> {
  const path = dir.path(`case-${copies++}.db`);
  copyFileSync(dir.path(`template-${n}.db`), path);
  withDb(path, edit);
  const store = await openSqliteStore(path, { readOnly: true });
  try {
    const reports: VerifyReport[] = [];
    for (const o of options) reports.push(await verifyJournal(store, o));
    return reports;
  } finally {
    await store.close();
  }
}

describe('verifyJournal on untouched journals', () => {
  it.each(SIZES)('reports ok, the entry count and the head for %i entries', async (n) => {
    const head = bytesToHex(journals.get(n)![n - 1]!.hash);
    const [plain, pinned] = await verifyCopy(n, () => undefined, [{}, { expectHead: head }]);
    expect(plain).toEqual({ ok: true, entries: n, head: { seq: n, hash: head } });
    expect(pinned).toEqual(plain);
  });
});

for (const m of MUTATIONS) {
  describe(m.name, () => {
    const cases = SIZES.flatMap((n) => m.targets(n).map((t) => ({ n, t })));
    it.each(cases)('$n entries, at seq $t', async ({ n, t }) => {
      const original = journals.get(n)!;
      const headHex = bytesToHex(original[n - 1]!.hash);
      const expected = m.outcome(t, n);
      const [plain, byHash, bySeq] = await verifyCopy(n, (db) => m.edit(db, t, n),
        [{}, { expectHead: headHex }, { expectHead: { seq: n, hash: headHex } }]);
      if ('bad' in expected) {
        expect(plain!.firstBad).toMatchObject({ seq: expected.bad, problem: expected.problem });
        expect(plain!.ok).toBe(false);
        expect(plain!.entries).toBe(expected.bad - 1);
        expect(byHash!.firstBad).toEqual(plain!.firstBad);
        return;
      }
      // Invisible to the chain: plain verify is ok and reports the new head...
      expect(plain!.ok, JSON.stringify(plain!.firstBad)).toBe(true);
      expect(plain!.head.seq).toBe(expected.okWithHeadAt);
      if (expected.okWithHeadAt < n) expect(plain!.head.hash).toBe(bytesToHex(original[expected.okWithHeadAt - 1]?.hash ?? EMPTY_HEAD.hash));
      // ...and the expected head catches it, exactly where with the seq given.
      expect(byHash!.firstBad).toMatchObject({ seq: expected.hashOnly, problem: 'HEAD_MISMATCH', expected: headHex, found: plain!.head.hash });
      expect(bySeq!.firstBad).toMatchObject({ seq: expected.withSeq, problem: 'HEAD_MISMATCH', expected: headHex });
    });
  });
}
