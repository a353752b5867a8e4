/**
 * The replay, open and verify benchmarks read real journals of 10k, 100k and 1M entries. They
 * are built once into .bench/journals and reused while their manifest still matches: same
 * recipe, same kernel sources (any edit under kernel/ may change the bytes or the fold, and a
 * stale journal would then fail to replay), same world definition, and the file's head is the
 * head recorded.
 *
 * A journal is built through the real World (ingest → fold → seal → append) with a manual clock
 * and counter entropy, so the bytes are the same on every build. Inputs are submitted 5,000 at a
 * time without awaiting, so the world's own group commit writes 10,000 entries per transaction,
 * with synchronous=NORMAL to spare the disk. Snapshots every 100k entries; after the last one a
 * tail of 1,000 inputs (2,000 entries), so a world opened from it has a short tail to fold.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definitionHash } from '../../kernel/core/world-definition.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { ManualClock } from '../../kernel/world/clock.js';
import { counterEntropy } from '../../kernel/world/entropy.js';
import { replayJournal } from '../../kernel/world/replay.js';
import { World } from '../../kernel/world/world.js';
import { KERNEL_VERSION } from '../../kernel/version.js';
import { tallyWorld } from '../worlds/tally-world.js';
import { orderPlaced } from './payloads.js';
import { JOURNAL_CACHE_DIR, removeDatabase } from './paths.js';
import type { Settings } from './settings.js';
import { now } from './timing.js';

/** Bump when the way journals are built changes, so stale caches are rebuilt. */
const RECIPE = 1;
export const SNAPSHOT_EVERY = 100_000;
const CHUNK_INPUTS = 5_000;
const TAIL_INPUTS = 1_000;

export interface CachedJournal {
  readonly path: string;
  readonly nominal: number;
  readonly entries: number;
  readonly headHash: string;
  /** Seq of the newest snapshot marker, if any. */
  readonly snapshotHeight: number | null;
}

interface Manifest extends Omit<CachedJournal, 'path'> {
  readonly recipe: number;
  readonly kernel: string;
  readonly definition: string;
}

const KERNEL_DIR = fileURLToPath(new URL('../../kernel/', import.meta.url));

/** KERNEL_VERSION plus a hash of every kernel source file: names the kernel a report measured. */
export function kernelFingerprint(): string {
  const hash = createHash('sha256');
  const files = (readdirSync(KERNEL_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(KERNEL_DIR, file))).update('\0');
  return `${KERNEL_VERSION}+${hash.digest('hex').slice(0, 16)}`;
}

function expectedKey(): Pick<Manifest, 'recipe' | 'kernel' | 'definition'> {
  return { recipe: RECIPE, kernel: kernelFingerprint(), definition: definitionHash(tallyWorld) };
}

export function sizeLabel(nominal: number): string {
  return nominal >= 1_000_000 ? `${nominal / 1_000_000}m` : `${nominal / 1000}k`;
}

async function stillValid(path: string, manifestPath: string, settings: Settings): Promise<Manifest | undefined> {
  if (!existsSync(path) || !existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const key = expectedKey();
  if (manifest.recipe !== key.recipe || manifest.kernel !== key.kernel || manifest.definition !== key.definition) {
    settings.log(`  cached ${path} was built by another recipe, kernel or definition`);
    return undefined;
  }
  const store = await openSqliteStore(path, { readOnly: true });
  try {
    const head = await store.head();
    const ok = head.seq === manifest.entries && Buffer.from(head.hash).toString('hex') === manifest.headHash;
    return ok ? manifest : undefined;
  } finally {
    await store.close();
  }
}

async function build(path: string, nominal: number, settings: Settings): Promise<Manifest> {
  const building = `${path}.building`;
  removeDatabase(building);
  const started = now();
  const store = await openSqliteStore(building, { durability: 'normal' });
  const clock = new ManualClock();
  const world = await World.open({
    store, definition: tallyWorld, clock, entropy: counterEntropy(), worldId: `bench-tally-${sizeLabel(nominal)}`,
    snapshotEvery: SNAPSHOT_EVERY, owner: 'bench journal build',
  });
  let next = 0;
  const chunk = async (inputs: number): Promise<void> => {
    const pending: Promise<unknown>[] = new Array(inputs);
    for (let i = 0; i < inputs; i++) pending[i] = world.ingest('order.placed', orderPlaced(next++));
    await Promise.all(pending);
    clock.advance(1);
  };
  try {
    while (world.headSeq < nominal) {
      await chunk(CHUNK_INPUTS);
      if (world.headSeq % 100_000 < 10_000) settings.log(`  built ${world.headSeq.toLocaleString('en-US')} entries`);
    }
    await chunk(TAIL_INPUTS);
  } finally {
    await world.close();
    await store.close();
  }
  // Closing the last connection checkpointed the WAL into the file, so the file alone is the journal.
  removeDatabase(path);
  renameSync(building, path);
  removeDatabase(building);
  const reader = await openSqliteStore(path, { readOnly: true });
  try {
    const replay = await replayJournal(reader, tallyWorld);
    if (!replay.ok) throw new Error(`built journal ${path} does not replay: ${replay.divergence?.message ?? 'unknown divergence'}`);
    const snapshot = await reader.latestSnapshot();
    settings.log(`  built ${path}: ${replay.entries.toLocaleString('en-US')} entries in ${((now() - started) / 1000).toFixed(1)} s (replay ok)`);
    return { ...expectedKey(), nominal, entries: replay.head.seq, headHash: replay.head.hash, snapshotHeight: snapshot?.height ?? null };
  } finally {
    await reader.close();
  }
}

// One check (or build) per size per process, however many suites ask, so --rebuild builds once.
const resolved = new Map<number, Promise<CachedJournal>>();

/** The journal of nominal size `nominal`, built now if the cache has none (or a stale one). */
export function cachedJournal(nominal: number, settings: Settings): Promise<CachedJournal> {
  let journal = resolved.get(nominal);
  if (!journal) {
    journal = resolveJournal(nominal, settings);
    resolved.set(nominal, journal);
  }
  return journal;
}

async function resolveJournal(nominal: number, settings: Settings): Promise<CachedJournal> {
  mkdirSync(JOURNAL_CACHE_DIR, { recursive: true });
  const path = join(JOURNAL_CACHE_DIR, `tally-${sizeLabel(nominal)}.db`);
  const manifestPath = join(JOURNAL_CACHE_DIR, `tally-${sizeLabel(nominal)}.json`);
  let manifest = settings.rebuild ? undefined : await stillValid(path, manifestPath, settings);
  if (!manifest) {
    settings.log(`building the ${sizeLabel(nominal)} journal (once; cached in ${JOURNAL_CACHE_DIR})`);
    manifest = await build(path, nominal, settings);
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return { path, nominal, entries: manifest.entries, headHash: manifest.headHash, snapshotHeight: manifest.snapshotHeight };
}
