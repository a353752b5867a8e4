/**
 * Figure 2: durable plan-free throughput of a World (SqliteJournalStore, synchronous=FULL), in
 * inputs/s, with 1 producer awaiting each ingest and with 32 concurrent producers, whose inputs
 * the world must group into shared commits by itself. Two worlds: the reducer-only tally world,
 * and the orders fixture with a payments adapter that answers at once (each order is then two
 * inputs: the ingress and the adapter's receipt). Timers never fire (ManualClock), so the
 * orders' ship timers stay outside the measurement.
 *
 * Baseline: the minimal validate+encode+hash+insert loop committing as many entries per commit
 * as the world did (observed in a warm-up run), converted to inputs/s with the world's entries
 * per input. It is the ceiling for this commit pattern on this disk.
 */
import type { AdapterMap } from '../../kernel/world/adapters.js';
import { ManualClock } from '../../kernel/world/clock.js';
import { World } from '../../kernel/world/world.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import type { WorldDefinition } from '../../kernel/core/world-definition.js';
import { ordersWorld } from '../../fixtures/worlds/orders.js';
import { CountingStore } from '../lib/counting-store.js';
import { figure, type Figure } from '../lib/figure.js';
import { MinimalWriter } from '../lib/minimal-writer.js';
import { orderPlaced, payloadPool } from '../lib/payloads.js';
import { removeDatabase, scratchDatabase } from '../lib/paths.js';
import type { Settings } from '../lib/settings.js';
import { interleavedRates, now } from '../lib/timing.js';
import { tallyWorld } from '../worlds/tally-world.js';

interface WorldCase {
  readonly name: string;
  readonly title: string;
  readonly definition: WorldDefinition;
  readonly adapters?: AdapterMap;
  readonly event: (i: number) => { type: string; data: unknown };
}

const CASES: WorldCase[] = [
  { name: 'tally', title: 'reducer-only world', definition: tallyWorld, event: (i) => ({ type: 'order.placed', data: orderPlaced(i) }) },
  {
    name: 'orders', title: 'orders world, instant payments adapter', definition: ordersWorld,
    adapters: { 'payments.charge': { execute: async (intent) => ({ status: 'ok', result: { chargeId: `ch_${intent.intentId.slice(0, 12)}` } }) } },
    event: (i) => ({ type: 'order.placed', data: { orderId: `ord-${i}`, amount: 100 + (i % 900), customer: `customer-${i % 256}` } }),
  },
];

const PRODUCERS = [1, 32];

async function openWorld(c: WorldCase, path: string) {
  const store = new CountingStore(await openSqliteStore(path));
  const world = await World.open({ store, definition: c.definition, adapters: c.adapters, clock: new ManualClock(), worldId: `bench-${c.name}` });
  let next = 0;
  return {
    store, world,
    /** `producers` loops, each awaiting its own ingest, for `ms`; then waits for receipts to land. Returns the inputs committed. */
    async run(producers: number, ms: number): Promise<number> {
      const before = store.counts.inputs;
      const start = now();
      const producer = async (): Promise<void> => {
        while (now() - start < ms) {
          const e = c.event(next++);
          await world.ingest(e.type, e.data);
        }
      };
      await Promise.all(Array.from({ length: producers }, producer));
      await world.idle();
      return store.counts.inputs - before;
    },
  };
}

/** One commit of the minimal loop per call, sized like the world's commits; returns the inputs it stands for. */
function baselineAt(path: string, entriesPerCommit: number, entriesPerInput: number) {
  const writer = new MinimalWriter(path);
  const pool = payloadPool();
  const entropy = pool.map((_, i) => i.toString(16).padStart(32, '0'));
  const group = Math.max(1, Math.round(entriesPerCommit));
  let next = 0;
  return {
    writer,
    async commit(): Promise<number> {
      const payloads = Array.from({ length: group }, (_, i) => pool[(next + i) % pool.length]);
      writer.appendValidated(payloads, 1_700_000_000_000, payloads.map((_, i) => entropy[(next + i) % pool.length]!));
      next += group;
      // Yield like the world does between turns, so both sides pay the same event-loop cost.
      await new Promise((r) => setImmediate(r));
      return group / entriesPerInput;
    },
  };
}

export async function worldSuite(settings: Settings): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const c of CASES) {
    for (const producers of PRODUCERS) {
      settings.log(`world: ${c.name}, ${producers} producer(s)`);
      const paths = [`world-${c.name}-${producers}`, `world-${c.name}-${producers}-baseline`].map(scratchDatabase);
      const ours = await openWorld(c, paths[0]!);
      let baseline: ReturnType<typeof baselineAt> | undefined;
      try {
        // Warm-up: grows the WAL to steady size, and tells us the world's commit pattern.
        ours.store.reset();
        await ours.run(producers, settings.timeBoxMs);
        const warm = ours.store.reset();
        const perCommit = warm.entries / warm.commits;
        const perInput = warm.entries / warm.inputs;
        const base = baselineAt(paths[1]!, perCommit, perInput);
        baseline = base;
        for (let i = 0; i < 1500 / Math.round(perCommit); i++) await base.commit();
        const slices = 8;
        const [o, b] = await interleavedRates(settings.runs, settings.timeBoxMs, [
          () => ours.run(producers, settings.timeBoxMs / slices),
          () => base.commit(),
        ], slices);
        figures.push(figure({
          name: `world.${c.name}.producers-${producers}`,
          title: `${c.title}, ${producers} producer${producers > 1 ? 's' : ''}${producers > 1 ? ' (concurrent ingests)' : ' awaiting each ingest'}`,
          unit: 'inputs/s', ours: o!, baselineName: `minimal loop, commits of ${Math.round(perCommit)} entries`, baseline: b!,
          note: `observed ${(warm.inputs / warm.commits).toFixed(1)} inputs and ${perCommit.toFixed(1)} entries per commit, ${perInput.toFixed(2)} entries per input`,
        }));
      } finally {
        await ours.world.close();
        await ours.store.close();
        baseline?.writer.close();
        paths.forEach(removeDatabase);
      }
    }
  }
  return figures;
}
