/**
 * Figure 4: time to open a world on the largest journal (1M entries; 100k with --quick) that has
 * a recent snapshot: openSqliteStore + World.open, which takes the writer lease, loads the
 * newest snapshot, checks it against its marker and folds the tail after it. Baseline: the
 * same journal restored with no snapshot (openSqliteStore + restoreState with
 * useSnapshot: false), i.e. what opening would cost if the world had never written one.
 */
import { compileWorld } from '../../kernel/core/compiled-world.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { ManualClock } from '../../kernel/world/clock.js';
import { restoreState } from '../../kernel/world/restore.js';
import { World } from '../../kernel/world/world.js';
import { figure, type Figure } from '../lib/figure.js';
import { cachedJournal, sizeLabel, SNAPSHOT_EVERY, type CachedJournal } from '../lib/journal-cache.js';
import type { Settings } from '../lib/settings.js';
import { now } from '../lib/timing.js';
import { tallyWorld } from '../worlds/tally-world.js';

async function openWithSnapshot(journal: CachedJournal): Promise<number> {
  const start = now();
  const store = await openSqliteStore(journal.path);
  const world = await World.open({ store, definition: tallyWorld, clock: new ManualClock(), snapshotEvery: SNAPSHOT_EVERY, owner: 'bench open' });
  const ms = now() - start;
  const head = world.headSeq;
  await world.close();
  await store.close();
  if (head !== journal.entries) throw new Error(`opened world is at seq ${head}, expected ${journal.entries}`);
  return ms;
}

async function restoreWithoutSnapshot(journal: CachedJournal): Promise<number> {
  const start = now();
  const store = await openSqliteStore(journal.path, { readOnly: true });
  const restored = await restoreState(store, compileWorld(tallyWorld), { useSnapshot: false });
  const ms = now() - start;
  await store.close();
  if (restored.divergence || restored.head.seq !== journal.entries) throw new Error('restore without snapshot failed');
  return ms;
}

export async function openSuite(settings: Settings): Promise<Figure[]> {
  const size = settings.sizes[settings.sizes.length - 1]!;
  const journal = await cachedJournal(size, settings);
  if (journal.snapshotHeight === null) throw new Error(`journal ${journal.path} has no snapshot`);
  settings.log(`open: ${sizeLabel(size)} journal, snapshot at seq ${journal.snapshotHeight}`);
  // The baseline takes seconds per run at 1M; ours milliseconds. Run ours more often, interleaved.
  const baselineRuns = size >= 1_000_000 ? settings.longRuns : settings.runs;
  await openWithSnapshot(journal);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < settings.runs; i++) {
    ours.push(await openWithSnapshot(journal));
    if (i < baselineRuns) baseline.push(await restoreWithoutSnapshot(journal));
  }
  return [figure({
    name: `open.${sizeLabel(size)}`, title: `open a world of ${journal.entries.toLocaleString('en-US')} entries with a recent snapshot`,
    unit: 'ms', better: 'lower', ours, baselineName: 'restore without a snapshot (full fold)', baseline,
    goal: { on: 'median', op: '<', value: 100 },
    note: `snapshot marker at seq ${journal.snapshotHeight.toLocaleString('en-US')}, tail of ${(journal.entries - journal.snapshotHeight).toLocaleString('en-US')} entries; baseline ${baselineRuns} runs`,
  })];
}
