/**
 * A benchmark figure: our median next to a baseline's median from the same run, their ratio,
 * and the goal from the issue. The ratio is always ours ÷ baseline; `better` says which way is good.
 */
export interface Goal {
  /** Which number the goal constrains: the ratio to the baseline, or our absolute median. */
  readonly on: 'ratio' | 'median';
  readonly op: '>=' | '<';
  readonly value: number;
}

export interface Sampled {
  readonly median: number;
  readonly samples: readonly number[];
}

export interface Figure extends Sampled {
  /** Stable id, e.g. `append.group-100`; `--only` matches its first segment. */
  readonly name: string;
  readonly title: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  readonly runs: number;
  readonly baseline: Sampled & { readonly name: string };
  /** A second reference shown for context only (e.g. the insert-only floor); no ratio is tracked. */
  readonly context?: Sampled & { readonly name: string };
  readonly ratio: number;
  readonly goal: Goal | null;
  /** null when the issue sets no goal for this figure. */
  readonly met: boolean | null;
  /** What the reader needs to interpret the number (sizes, batch sizes observed, ...). */
  readonly note?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function sampled(samples: readonly number[]): Sampled {
  return { median: median(samples), samples };
}

export interface FigureInput {
  readonly name: string;
  readonly title: string;
  readonly unit: string;
  readonly better?: 'higher' | 'lower';
  readonly ours: readonly number[];
  readonly baselineName: string;
  readonly baseline: readonly number[];
  readonly goal?: Goal;
  readonly note?: string;
  readonly context?: { readonly name: string; readonly samples: readonly number[] };
}

export function figure(input: FigureInput): Figure {
  const ours = sampled(input.ours);
  const base = sampled(input.baseline);
  const ratio = ours.median / base.median;
  const goal = input.goal ?? null;
  let met: boolean | null = null;
  if (goal) {
    const value = goal.on === 'ratio' ? ratio : ours.median;
    met = goal.op === '>=' ? value >= goal.value : value < goal.value;
  }
  return {
    name: input.name, title: input.title, unit: input.unit, better: input.better ?? 'higher',
    ...ours, runs: input.ours.length, baseline: { name: input.baselineName, ...base }, ratio, goal, met,
    ...(input.context ? { context: { name: input.context.name, ...sampled(input.context.samples) } } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
}
