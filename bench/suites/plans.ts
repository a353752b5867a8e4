/**
 * Figure 6: durable plan executions. The trivial plan of fixtures/plans/three-effects.json
 * (three effects in sequence, each awaited, then end) runs in a reducer-free world on
 * SqliteJournalStore (synchronous=FULL, the system clock, so the plan's wait timeouts are real
 * timers), its three effects answered at once by in-process adapters. `inFlight` loops each do
 * startRun → await runResult for as long as the run lasts: 1 loop, and 32 loops whose inputs
 * the world groups into shared commits by itself. Reported per setting: executions/s, and the
 * p50 and p99 latency of one execution (startRun called → result durable), medians over runs.
 * Snapshots are off for these; one more figure repeats 32 in flight with the default
 * snapshotEvery (10,000 entries), whose cost grows with the number of runs the state holds.
 *
 * Baseline: the durable cost floor. The minimal validate+encode+hash+insert loop (the same as
 * the append and world suites') appends as many entries per execution as the world did, with
 * the same commit pattern, both observed in a warm-up run: at 1 in flight, one commit per input
 * of the execution (the request and one receipt per effect: 4 commits, in sequence); at 32 in
 * flight, the same 4 commits, each holding one input's worth of entries of all 32 executions.
 * Its latency is the time of those commits in sequence, the least an execution can wait.
 */
import { readFileSync } from 'node:fs';
import { defineWorld } from '../../kernel/core/world-definition.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { adapterFrom } from '../../kernel/world/adapters.js';
import { World } from '../../kernel/world/world.js';
import { CountingStore } from '../lib/counting-store.js';
import { figure, median, type Figure } from '../lib/figure.js';
import { MinimalWriter } from '../lib/minimal-writer.js';
import { payloadPool } from '../lib/payloads.js';
import { removeDatabase, scratchDatabase } from '../lib/paths.js';
import type { Settings } from '../lib/settings.js';
import { interleavedRates, now } from '../lib/timing.js';

const PLAN = JSON.parse(readFileSync(new URL('../../fixtures/plans/three-effects.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const planWorld = defineWorld({ name: 'bench-plans', version: '1.0.0', reducers: [] });
const instant = adapterFrom(() => ({ ok: true }));
const ADAPTERS = { 'shop.charge': instant, 'shop.reserve': instant, 'shop.notify': instant };
const RUN_OPTIONS = { actor: 'bench', environment: { tenant: 'bench' } };

interface PlanCase {
  readonly name: string;
  readonly inFlight: number;
  /** undefined: the world's default (10,000 entries). */
  readonly snapshotEvery: number | undefined;
  readonly goal?: number;
  /** Report p50/p99 as figures of their own (else in the note). */
  readonly latencyFigures: boolean;
}

const CASES: PlanCase[] = [
  { name: 'inflight-1', inFlight: 1, snapshotEvery: 0, goal: 500, latencyFigures: true },
  { name: 'inflight-32', inFlight: 32, snapshotEvery: 0, goal: 5_000, latencyFigures: true },
  { name: 'inflight-32-snapshots', inFlight: 32, snapshotEvery: undefined, latencyFigures: false },
];

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Collects latencies over one run; `take` returns its p50 and p99 and starts the next. */
function latencyLog() {
  let ms: number[] = [];
  return {
    push: (value: number) => void ms.push(value),
    take(): { p50: number; p99: number; count: number } {
      const sorted = ms.sort((a, b) => a - b);
      ms = [];
      if (sorted.length === 0) throw new Error('no execution completed in a run');
      return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), count: sorted.length };
    },
  };
}

async function openPlanWorld(path: string, c: PlanCase) {
  const store = new CountingStore(await openSqliteStore(path));
  const world = await World.open({ store, definition: planWorld, adapters: ADAPTERS, snapshotEvery: c.snapshotEvery, worldId: `bench-plans-${c.name}`, owner: 'bench plans' });
  const { planHash } = await world.installPlan(PLAN, { actor: 'bench' });
  const latencies = latencyLog();
  let next = 0;
  return {
    store, world, latencies,
    /** `inFlight` loops of startRun → runResult, starting new executions for `ms`; returns the executions completed. */
    async run(ms: number): Promise<number> {
      const start = now();
      let done = 0;
      const loop = async (): Promise<void> => {
        while (now() - start < ms) {
          const t = now();
          const { executionId } = await world.startRun(planHash, { order_id: `ord-${next++}` }, RUN_OPTIONS);
          const result = await world.runResult(executionId);
          if (result.status !== 'success') throw new Error(`plan run ${executionId} ended ${result.status}: ${JSON.stringify(result.error)}`);
          latencies.push(now() - t);
          done++;
        }
      };
      await Promise.all(Array.from({ length: c.inFlight }, loop));
      return done;
    },
  };
}

/**
 * The cost floor: per step, `commits` commits in sequence of `entries` entries in all (split
 * evenly), standing for `executions` executions; each step's time is their latency.
 */
function costFloor(path: string, commits: number, entries: number, executions: number) {
  const writer = new MinimalWriter(path);
  const pool = payloadPool();
  const entropy = pool.map((_, i) => i.toString(16).padStart(32, '0'));
  const sizes = Array.from({ length: commits }, (_, i) => Math.floor(entries / commits) + (i < entries % commits ? 1 : 0));
  const latencies = latencyLog();
  let next = 0;
  return {
    writer, latencies, sizes,
    async step(): Promise<number> {
      const t = now();
      for (const size of sizes) {
        const payloads = Array.from({ length: size }, (_, i) => pool[(next + i) % pool.length]);
        writer.appendValidated(payloads, 1_700_000_000_000, payloads.map((_, i) => entropy[(next + i) % pool.length]!));
        next += size;
        // Yield like the world does between commits, so both sides pay the same event-loop cost.
        await new Promise((r) => setImmediate(r));
      }
      latencies.push(now() - t);
      return executions;
    },
  };
}

export async function plansSuite(settings: Settings): Promise<Figure[]> {
  const figures: Figure[] = [];
  // "As many executions as fit in a few seconds": runs of twice the usual time box, in longer
  // slices than the other suites, so that starting and draining the loops stays a small share.
  const runMs = settings.timeBoxMs * 2;
  const slices = 4;
  for (const c of CASES) {
    settings.log(`plans: ${c.inFlight} in flight, snapshots ${c.snapshotEvery === 0 ? 'off' : 'at the default'}`);
    const paths = [`plans-${c.name}`, `plans-${c.name}-baseline`].map(scratchDatabase);
    const ours = await openPlanWorld(paths[0]!, c);
    let floor: ReturnType<typeof costFloor> | undefined;
    try {
      // Warm-up: JIT, the WAL to steady size, and the world's commit pattern per execution.
      ours.store.reset();
      const headBefore = ours.world.headSeq;
      const warmExecutions = await ours.run(runMs);
      await ours.world.idle();
      ours.latencies.take();
      const warm = ours.store.reset();
      const perExecution = { entries: (ours.world.headSeq - headBefore) / warmExecutions, commits: warm.commits / warmExecutions, inputs: warm.inputs / warmExecutions };
      const base = costFloor(paths[1]!, Math.max(1, Math.round(perExecution.commits * c.inFlight)), Math.round(perExecution.entries * c.inFlight), c.inFlight);
      floor = base;
      for (const warmEnd = now() + runMs; now() < warmEnd;) await base.step();
      base.latencies.take();

      const rates: number[][] = [[], []];
      const p50: number[][] = [[], []];
      const p99: number[][] = [[], []];
      let executions = 0;
      for (let run = 0; run < settings.runs; run++) {
        const [o, b] = await interleavedRates(1, runMs, [() => ours.run(runMs / slices), () => base.step()], slices);
        rates[0]!.push(o![0]!);
        rates[1]!.push(b![0]!);
        for (const [k, log] of [ours.latencies, base.latencies].entries()) {
          const l = log.take();
          p50[k]!.push(l.p50);
          p99[k]!.push(l.p99);
          if (k === 0) executions += l.count;
        }
      }
      await ours.world.idle();
      const runsHeld = ours.world.current.runs.size;
      const pattern = `${perExecution.entries.toFixed(1)} entries, ${perExecution.inputs.toFixed(2)} inputs and ${perExecution.commits.toFixed(3)} commits per execution observed`;
      const floorName = `cost floor: minimal loop, commits of ${base.sizes.join('+')} entries per ${c.inFlight > 1 ? `${c.inFlight} executions` : 'execution'}`;
      const snapshots = c.snapshotEvery === 0 ? 'snapshots off' : `default snapshots (every 10,000 entries), ${runsHeld.toLocaleString('en-US')} runs in the state at the end`;
      const latencyNote = `p50 ${median(p50[0]!).toFixed(2)} ms, p99 ${median(p99[0]!).toFixed(2)} ms (floor ${median(p50[1]!).toFixed(2)} / ${median(p99[1]!).toFixed(2)} ms)`;
      figures.push(figure({
        name: `plans.${c.name}`,
        title: `three-effect plan, ${c.inFlight} execution${c.inFlight > 1 ? 's' : ''} in flight, ${snapshots}`,
        unit: 'exec/s', ours: rates[0]!, baselineName: floorName, baseline: rates[1]!,
        ...(c.goal ? { goal: { on: 'median' as const, op: '>=' as const, value: c.goal } } : {}),
        note: `${pattern}; ${executions.toLocaleString('en-US')} executions measured${c.latencyFigures ? '' : `; ${latencyNote}`}`,
      }));
      if (c.latencyFigures) {
        for (const [label, values] of [['p50', p50], ['p99', p99]] as const) {
          figures.push(figure({
            name: `plans.${c.name}.${label}`, title: `${label} latency of one execution (startRun → durable result), ${c.inFlight} in flight`,
            unit: 'ms', better: 'lower', ours: values[0]!, baselineName: `${label} of the cost floor's ${base.sizes.length} commits in sequence`, baseline: values[1]!,
          }));
        }
      }
    } finally {
      await ours.world.close();
      await ours.store.close();
      floor?.writer.close();
      paths.forEach(removeDatabase);
    }
  }
  return figures;
}
