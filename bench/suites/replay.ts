/**
 * Figure 3: replay speed in entries/s at 10k, 100k and 1M entries. `replayJournal` reads every
 * entry, checks its chain link (a SHA-256 per entry), decodes and zod-validates it, folds the
 * inputs and compares every derived entry byte for byte with what the fold re-derives.
 * restoreState does the same work (replayJournal is restoreState plus two final state hashes),
 * so instead of timing it separately, `replay.decode-fold` composes the same kernel parts
 * without the chain check (store.read → decodeEntry → Replayer.feed): the difference between
 * the two is what hashing costs. Baseline: better-sqlite3 reading the same rows and msgpackr
 * unpacking each body, the ceiling for any replay. `replay.scaling` compares the per-entry
 * speed on the largest journal with the smallest: 1.0 is perfectly linear.
 */
import Database from 'better-sqlite3';
import { Unpackr } from 'msgpackr';
import { compileWorld } from '../../kernel/core/compiled-world.js';
import { Replayer } from '../../kernel/core/replayer.js';
import { emptyState } from '../../kernel/core/world-state.js';
import { openSqliteStore, type SqliteJournalStore } from '../../kernel/store/sqlite-store.js';
import { replayJournal } from '../../kernel/world/replay.js';
import { figure, type Figure } from '../lib/figure.js';
import { cachedJournal, sizeLabel, type CachedJournal } from '../lib/journal-cache.js';
import type { Settings } from '../lib/settings.js';
import { interleaved, timed } from '../lib/timing.js';
import { tallyWorld } from '../worlds/tally-world.js';

const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number', moreTypes: false });

/** Entries/s of `fn`, which must process all `entries` of the journal. */
async function rate(entries: number, fn: () => Promise<number> | number): Promise<number> {
  let seen = 0;
  const ms = await timed(async () => {
    seen = await fn();
  });
  if (seen !== entries) throw new Error(`expected to process ${entries} entries, processed ${seen}`);
  return (entries / ms) * 1000;
}

async function fullReplay(store: SqliteJournalStore, journal: CachedJournal): Promise<number> {
  const report = await replayJournal(store, tallyWorld);
  if (!report.ok || report.head.hash !== journal.headHash) throw new Error(`replay of ${journal.path} failed: ${report.divergence?.message ?? 'head differs'}`);
  return report.entries;
}

async function decodeAndFold(store: SqliteJournalStore): Promise<number> {
  const replayer = new Replayer(compileWorld(tallyWorld), emptyState());
  for await (const page of store.read(1)) {
    for (const sealed of page) {
      const divergence = replayer.feed(sealed);
      if (divergence) throw new Error(divergence.message);
    }
  }
  return replayer.entries;
}

export function rawReadUnpack(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    let n = 0;
    for (const row of db.prepare('SELECT seq, kind, rec FROM entries ORDER BY seq').raw().iterate() as Iterable<[number, string, Buffer]>) {
      unpackr.unpack(row[2].subarray(64));
      n++;
    }
    return n;
  } finally {
    db.close();
  }
}

export async function replaySuite(settings: Settings): Promise<Figure[]> {
  const figures: Figure[] = [];
  const replayRates = new Map<number, number[]>();
  for (const size of settings.sizes) {
    const journal = await cachedJournal(size, settings);
    const store = await openSqliteStore(journal.path, { readOnly: true });
    const runs = size >= 1_000_000 ? settings.longRuns : settings.runs;
    try {
      settings.log(`replay: ${sizeLabel(size)} (${journal.entries.toLocaleString('en-US')} entries, ${runs} runs)`);
      if (size === settings.sizes[0]) {
        // JIT warm-up on the smallest journal; the larger ones then start warm.
        await fullReplay(store, journal);
        await decodeAndFold(store);
        rawReadUnpack(journal.path);
      }
      // The breakdown is as telling at 100k as at 1M, where it would add a minute to the run.
      const breakdown = size < 1_000_000;
      const [full, base, fold] = await interleaved(runs, [
        () => rate(journal.entries, () => fullReplay(store, journal)),
        () => rate(journal.entries, () => rawReadUnpack(journal.path)),
        ...(breakdown ? [() => rate(journal.entries, () => decodeAndFold(store))] : []),
      ]);
      replayRates.set(size, full!);
      const common = { unit: 'entries/s', baselineName: 'raw better-sqlite3 read + msgpackr unpack', baseline: base!, note: `${journal.entries.toLocaleString('en-US')} entries (ingress + domain.event, snapshot markers every 100k)` };
      figures.push(figure({ ...common, name: `replay.replayJournal.${sizeLabel(size)}`, title: `replayJournal (chain check + decode + fold + compare), ${sizeLabel(size)} entries`, ours: full!, goal: { on: 'median', op: '>=', value: 200_000 } }));
      if (fold) figures.push(figure({ ...common, name: `replay.decode-fold.${sizeLabel(size)}`, title: `decode + fold + compare without the chain check, ${sizeLabel(size)} entries`, ours: fold }));
    } finally {
      await store.close();
    }
  }
  const smallest = settings.sizes[0]!;
  const largest = settings.sizes[settings.sizes.length - 1]!;
  figures.push(figure({
    name: 'replay.scaling', title: `replayJournal speed at ${sizeLabel(largest)} relative to ${sizeLabel(smallest)} (1.0 = linear)`,
    unit: 'entries/s', ours: replayRates.get(largest)!, baselineName: `replayJournal at ${sizeLabel(smallest)}`, baseline: replayRates.get(smallest)!,
    goal: { on: 'ratio', op: '>=', value: 0.8 },
  }));
  return figures;
}
