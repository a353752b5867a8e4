/** Where two decoded values differ, as JSON-pointer paths: the first thing to read in a divergence. */
import { compact } from './format.js';

export interface Difference {
  readonly path: string;
  readonly recorded: unknown;
  readonly derived: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  return a === b;
}

export function differences(recorded: unknown, derived: unknown, max = 10, path = ''): Difference[] {
  const out: Difference[] = [];
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (out.length >= max) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${at}/${i}`);
    } else if (isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[key], b[key], `${at}/${key}`);
    } else if (!same(a, b)) {
      out.push({ path: at || '/', recorded: a, derived: b });
    }
  };
  walk(recorded, derived, path);
  return out;
}

export function differenceLines(diffs: readonly Difference[]): string[] {
  const show = (v: unknown): string => (v === undefined ? '(absent)' : compact(v, 60));
  return diffs.map((d) => `${d.path}: recorded ${show(d.recorded)}, re-derived ${show(d.derived)}`);
}
