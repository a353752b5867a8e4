/** How much to measure: the full run, or `--quick` (small journals, fewer and shorter runs). */
export interface Settings {
  readonly quick: boolean;
  /** Runs per figure when a run is short (appends, world, small journals). */
  readonly runs: number;
  /** Runs per figure on the 1M-entry journal, where one run takes seconds. */
  readonly longRuns: number;
  /** Length of one time-boxed throughput run. */
  readonly timeBoxMs: number;
  /** Nominal journal sizes for replay and verify. */
  readonly sizes: readonly number[];
  readonly rebuild: boolean;
  /** Progress for the human watching; goes to stderr so `--json` output stays clean. */
  log(line: string): void;
}

export function settingsFor(options: { quick: boolean; rebuild: boolean }): Settings {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  return options.quick
    ? { quick: true, runs: 3, longRuns: 2, timeBoxMs: 250, sizes: [10_000, 100_000], rebuild: options.rebuild, log }
    : { quick: false, runs: 5, longRuns: 3, timeBoxMs: 400, sizes: [10_000, 100_000, 1_000_000], rebuild: options.rebuild, log };
}
