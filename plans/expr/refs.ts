/**
 * Ref paths (`input.order_id`, `steps.charge_receipt.status`) and `refsOf`, which lists every
 * ref in an expression with a pointer to it, for static checks.
 */
import type { Expr } from '../schema.js';

export const REF_ROOTS = ['input', 'vars', 'steps', 'correlation', 'run', 'event'] as const;
export type RefRoot = (typeof REF_ROOTS)[number];

const SEGMENT_RE = /^[A-Za-z0-9_-]{1,128}$/;

export interface RefPath {
  root: RefRoot;
  /** Segments after the root; `steps.a.status` has ['a', 'status']. */
  segments: string[];
}

export interface RefSite extends RefPath {
  path: string;
  /** JSON pointer of the ref node, relative to the expression. */
  pointer: string;
}

export type ParsedPath = { ok: true; ref: RefPath } | { ok: false; reason: string };

/** Parses a dotted ref path; the reason says what was expected. */
export function parseRefPath(path: string): ParsedPath {
  const parts = path.split('.');
  const [root, ...segments] = parts;
  if (root === undefined || !(REF_ROOTS as readonly string[]).includes(root)) {
    return { ok: false, reason: `expected a root among ${REF_ROOTS.join(', ')}, found "${root ?? ''}"` };
  }
  const bad = segments.find((s) => !SEGMENT_RE.test(s));
  if (bad !== undefined) return { ok: false, reason: `expected segments of [A-Za-z0-9_-], found "${bad}" in "${path}"` };
  const needs = root === 'steps' || root === 'vars' || root === 'input' || root === 'run' ? 1 : 0;
  if (segments.length < needs) return { ok: false, reason: `expected "${root}.<name>", found "${path}"` };
  return { ok: true, ref: { root: root as RefRoot, segments } };
}

function escape(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every well-formed ref in `expr`, in document order. Malformed paths are left to validation. */
export function refsOf(expr: Expr): RefSite[] {
  const out: RefSite[] = [];
  walk(expr, '', out);
  return out;
}

function walk(expr: Expr, at: string, out: RefSite[]): void {
  if (expr === null || typeof expr !== 'object') return;
  switch (expr.op) {
    case 'lit':
      return;
    case 'ref': {
      const parsed = parseRefPath(expr.path);
      if (parsed.ok) out.push({ ...parsed.ref, path: expr.path, pointer: at });
      return;
    }
    case 'list':
      expr.items.forEach((item, i) => walk(item, `${at}/items/${i}`, out));
      return;
    case 'record':
      for (const key of Object.keys(expr.fields)) walk(expr.fields[key] as Expr, `${at}/fields/${escape(key)}`, out);
      return;
    default:
      expr.args.forEach((arg, i) => walk(arg, `${at}/args/${i}`, out));
  }
}
