/** A replay divergence for people: the seq, the reason, and both sides decoded. */
import type { Divergence } from '../kernel/index.js';
import { differenceLines, differences } from './diff.js';
import { indent, isoTime, pretty } from './format.js';

type Side = Divergence['recorded'];

const FIXES: Record<Divergence['reason'], string> = {
  mismatch: 'the definition now derives something else from the same input: keep reducers deterministic (time and randomness only from ctx, no module state), or replay with the definition that wrote the journal',
  missing: 'the definition now derives an entry the journal never recorded: the reducer changed behaviour; version it and keep the old behaviour for old entries',
  unexpected: 'the journal holds an entry the definition no longer derives: the reducer changed behaviour; version it and keep the old behaviour for old entries',
  'state-hash': 'the folded state differs from the state recorded at a snapshot: a reducer kept state outside its return value, or the definition changed',
};

function sideLines(title: string, side: Side): string[] {
  if (!side) return [`  ${title}: (nothing)`];
  const stamp = side.stamp as { at?: number } | undefined;
  return [
    `  ${title}:`,
    `    kind: ${side.kind}`,
    ...(stamp?.at === undefined ? [] : [`    at:   ${isoTime(stamp.at)}`]),
    '    payload:',
    indent(pretty(side.payload), '      '),
  ];
}

export function divergenceLines(d: Divergence): string[] {
  const diffs = d.recorded && d.derived && d.recorded.kind === d.derived.kind ? differences(d.recorded.payload, d.derived.payload) : [];
  return [
    `  ${d.message}`,
    `  reason: ${d.reason}; caused by input seq ${d.input.seq} (${d.input.kind})`,
    ...sideLines('recorded (in the journal)', d.recorded),
    ...sideLines('re-derived (by this definition)', d.derived),
    ...(diffs.length > 0 ? ['  differences:', ...differenceLines(diffs).map((l) => `    ${l}`)] : []),
    `  fix: ${FIXES[d.reason]}`,
  ];
}
