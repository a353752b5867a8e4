/**
 * Figure 5: verifyJournal speed in entries/s on the 100k and 1M journals (10k and 100k with
 * --quick). verifyJournal checks, per entry: seq, link, SHA-256, strict decode with the payload
 * schema, and canonical bytes (decode again and re-encode). Baseline: better-sqlite3 reading the
 * same rows and computing the same SHA-256 chain, the floor for any chain verification.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { verifyJournal } from '../../kernel/journal/verify.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { figure, type Figure } from '../lib/figure.js';
import { cachedJournal, sizeLabel, type CachedJournal } from '../lib/journal-cache.js';
import type { Settings } from '../lib/settings.js';
import { interleaved, timed } from '../lib/timing.js';

async function ourVerify(journal: CachedJournal): Promise<number> {
  let entries = 0;
  const ms = await timed(async () => {
    const store = await openSqliteStore(journal.path, { readOnly: true });
    try {
      const report = await verifyJournal(store);
      if (!report.ok || report.head.hash !== journal.headHash) throw new Error(`verify of ${journal.path} failed: ${report.firstBad?.message ?? 'head differs'}`);
      entries = report.entries;
    } finally {
      await store.close();
    }
  });
  return (entries / ms) * 1000;
}

function rawHashChain(journal: CachedJournal): Promise<number> {
  let entries = 0;
  return timed(() => {
    const db = new Database(journal.path, { readonly: true });
    try {
      let prev = Buffer.alloc(32);
      const seqBytes = Buffer.alloc(8);
      for (const [seq, kind, rec] of db.prepare('SELECT seq, kind, rec FROM entries ORDER BY seq').raw().iterate() as Iterable<[number, string, Buffer]>) {
        seqBytes.writeUInt32BE(Math.floor(seq / 2 ** 32), 0);
        seqBytes.writeUInt32BE(seq >>> 0, 4);
        const hash = createHash('sha256').update(prev).update(seqBytes).update(`${kind}\0`).update(rec.subarray(64)).digest();
        if (prev.compare(rec, 0, 32) !== 0 || hash.compare(rec, 32, 64) !== 0) throw new Error(`chain broken at ${seq}`);
        prev = hash;
        entries++;
      }
    } finally {
      db.close();
    }
  }).then((ms) => (entries / ms) * 1000);
}

export async function verifySuite(settings: Settings): Promise<Figure[]> {
  const sizes = settings.quick ? settings.sizes : settings.sizes.filter((s) => s >= 100_000);
  const figures: Figure[] = [];
  for (const size of sizes) {
    const journal = await cachedJournal(size, settings);
    const runs = size >= 1_000_000 ? settings.longRuns : settings.runs;
    settings.log(`verify: ${sizeLabel(size)} (${runs} runs)`);
    if (size === sizes[0]) {
      await ourVerify(journal);
      await rawHashChain(journal);
    }
    const [o, b] = await interleaved(runs, [() => ourVerify(journal), () => rawHashChain(journal)]);
    figures.push(figure({
      name: `verify.${sizeLabel(size)}`, title: `verifyJournal, ${journal.entries.toLocaleString('en-US')} entries`,
      unit: 'entries/s', ours: o!, baselineName: 'raw read + SHA-256 chain', baseline: b!, goal: { on: 'median', op: '>=', value: 150_000 },
    }));
  }
  return figures;
}
