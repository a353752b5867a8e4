/** Renders the figures: an aligned table for people, one JSON object for machines. */
import type { Figure, Goal } from './figure.js';
import type { Machine } from './machine.js';

export interface RunReport {
  readonly mode: 'full' | 'quick';
  readonly only: readonly string[] | null;
  readonly startedAt: string;
  readonly durationSeconds: number;
  /** KERNEL_VERSION + hash of the kernel sources measured (the tree may be uncommitted). */
  readonly kernel: string;
  readonly machine: Machine;
  readonly figures: readonly Figure[];
}

function amount(value: number, unit: string): string {
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

function goalText(goal: Goal | null, unit: string): string {
  if (!goal) return '-';
  return goal.on === 'ratio' ? `ratio ${goal.op} ${goal.value}` : `${goal.op} ${amount(goal.value, unit)}`;
}

function metText(met: boolean | null): string {
  return met === null ? '' : met ? 'met' : 'MISSED';
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

export function renderTable(report: RunReport): string {
  const m = report.machine;
  const head = [
    `worldline bench (${report.mode}${report.only ? `, only ${report.only.join(',')}` : ''}) — ${report.durationSeconds.toFixed(0)} s, kernel ${report.kernel}, ${report.startedAt}`,
    `${m.cpus} x ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; node ${m.node}, SQLite ${m.sqlite}, better-sqlite3 ${m.packages['better-sqlite3']}`,
    `load average ${m.load.start.toFixed(2)} at start, ${m.load.end?.toFixed(2) ?? '?'} at end; medians of N runs, ratio = ours / baseline`,
    '',
  ];
  const rows = [['figure', 'ours (median)', 'baseline (median)', 'ratio', 'N', 'goal', '']];
  const notes: string[] = [];
  for (const f of report.figures) {
    rows.push([f.name, amount(f.median, f.unit), amount(f.baseline.median, f.unit), f.ratio.toFixed(3), String(f.runs), goalText(f.goal, f.unit), metText(f.met)]);
    const extra = [`baseline: ${f.baseline.name}`];
    if (f.context) extra.push(`${f.context.name}: ${amount(f.context.median, f.unit)}`);
    if (f.note) extra.push(f.note);
    notes.push(`  ${f.name}: ${f.title}. ${extra.join('; ')}`);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return [...head, ...rows.map((r) => pad(r, widths).trimEnd()), '', 'notes:', ...notes, ''].join('\n');
}

export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
