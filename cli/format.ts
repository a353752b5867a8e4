/** Text for people: short hashes, ISO times, compact and pretty values, aligned columns. */
import { toJson } from './io.js';

export function shortHash(hex: string, length = 12): string {
  return hex.slice(0, length);
}

export function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/** One-line JSON, cut at `max` characters with an ellipsis. */
export function compact(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : toJson(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function pretty(value: unknown): string {
  return toJson(value, 2);
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** {owner: "a b", pid: 7} as `owner "a b", pid 7`: flat records read better as one line. */
function flatRecord(value: object): string | undefined {
  const entries = Object.entries(value);
  if (entries.length === 0 || !entries.every(([, v]) => isScalar(v))) return undefined;
  return entries.map(([k, v]) => `${k} ${typeof v === 'string' && /^[^\s,"]+$/.test(v) ? v : JSON.stringify(v)}`).join(', ');
}

/** Strings as they are, short values as JSON on one line, long flat records as `k v` pairs, the rest pretty. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const line = toJson(value);
  if (line.length <= 100) return line;
  const flat = typeof value === 'object' && value !== null && !Array.isArray(value) ? flatRecord(value) : undefined;
  return flat !== undefined && flat.length <= 160 ? flat : pretty(value);
}

export function indent(text: string, by = '    '): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}

/** Left-aligned columns (numbers right-aligned), two spaces apart, no trailing spaces. */
export function table(rows: ReadonlyArray<ReadonlyArray<string | number>>, prefix = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, String(cell).length)));
  return rows.map((row) => prefix + row
    .map((cell, i) => (typeof cell === 'number' ? String(cell).padStart(widths[i]!) : i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd());
}

/** orders@1.0.0 (691a73f0810b) */
export function definitionText(ref: { readonly name: string; readonly version: string; readonly hash: string }): string {
  return `${ref.name}@${ref.version} (${shortHash(ref.hash)})`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
