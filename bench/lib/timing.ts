/** Timing primitives: rates over a time box, and ours/baseline runs interleaved against drift. */

export function now(): number {
  return performance.now();
}

/** Calls `step` (which returns how many units it did) until `ms` have passed; returns units and time. */
async function slice(ms: number, step: () => number | Promise<number>): Promise<{ units: number; ms: number }> {
  let units = 0;
  const start = now();
  let elapsed = 0;
  do {
    units += await step();
    elapsed = now() - start;
  } while (elapsed < ms);
  return { units, ms: elapsed };
}

/**
 * Throughput of several contenders, in units/s, `runs` samples each. Each run is cut into short
 * slices taken in turn (A B C, B C A, ...), so a burst of load from a neighbour on this shared
 * machine falls on every contender alike instead of on whichever ran at that moment.
 */
export async function interleavedRates(
  runs: number,
  runMs: number,
  contenders: ReadonlyArray<() => number | Promise<number>>,
  slices = 8,
): Promise<number[][]> {
  const out = contenders.map(() => [] as number[]);
  let turn = 0;
  for (let run = 0; run < runs; run++) {
    const totals = contenders.map(() => ({ units: 0, ms: 0 }));
    for (let s = 0; s < slices; s++, turn++) {
      for (let k = 0; k < contenders.length; k++) {
        const which = (turn + k) % contenders.length;
        const done = await slice(runMs / slices, contenders[which]!);
        totals[which]!.units += done.units;
        totals[which]!.ms += done.ms;
      }
    }
    totals.forEach((t, k) => out[k]!.push((t.units / t.ms) * 1000));
  }
  return out;
}

/** Milliseconds taken by `fn`. */
export async function timed(fn: () => unknown): Promise<number> {
  const start = now();
  await fn();
  return now() - start;
}

/**
 * Runs each contender `runs` times, rotating which goes first, so that a noisy neighbour or a
 * thermal swing hits every side alike. Returns one sample list per contender, in order.
 */
export async function interleaved(runs: number, contenders: ReadonlyArray<() => Promise<number>>): Promise<number[][]> {
  const out = contenders.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (let k = 0; k < contenders.length; k++) {
      const which = (run + k) % contenders.length;
      out[which]!.push(await contenders[which]!());
    }
  }
  return out;
}
