/**
 * A short, one-line summary of an entry's payload, per kind, for `worldline log`. A kind without
 * a line here (a newer kind) falls back to its payload as compact JSON.
 */
import type { Entry, EntryKind, Origin, PayloadOf } from '../kernel/index.js';
import { compact, isoTime, shortHash } from './format.js';

type Summaries = { [K in EntryKind]?: (p: PayloadOf<K>) => string };

const by = (o: Origin): string => (o.reducer === undefined ? '' : ` ← ${o.reducer}${o.key ? `[${o.key}]` : ''}`);
const id = (hex: string): string => shortHash(hex, 8);

const SUMMARIES: Summaries = {
  'world.genesis': (p) => `${p.worldId} ${p.definition.name}@${p.definition.version} (${shortHash(p.definition.hash)}) kernel ${p.kernelVersion}`,
  'world.upgraded': (p) => `${p.from.name}@${p.from.version} → ${p.to.name}@${p.to.version} by ${p.actor}${p.reason ? `: ${p.reason}` : ''}`,
  'world.parked': (p) => `by ${p.actor}${p.divergenceSeq ? ` at seq ${p.divergenceSeq}` : ''}: ${compact(p.reason, 60)}`,
  ingress: (p) => `${p.type} ${compact(p.data, 60)}${p.dedupeKey ? ` key=${p.dedupeKey}` : ''}`,
  'effect.receipt': (p) => `${p.status} intent ${id(p.intentId)}${p.error ? ` ${p.error.code}` : ''}${p.result === undefined ? '' : ` ${compact(p.result, 50)}`}`,
  'timer.fired': (p) => `timer ${id(p.timerId)}`,
  control: (p) => `${p.command} by ${p.actor}${p.reason ? `: ${p.reason}` : ''}`,
  'snapshot.marker': (p) => `state at seq ${p.height} ${shortHash(p.stateHash)}`,
  'domain.event': (p) => `${p.type} ${compact(p.data, 50)}${by(p.origin)}`,
  'effect.intent': (p) => `${p.kind} intent ${id(p.intentId)} ${compact(p.params, 40)}${by(p.origin)}`,
  'timer.set': (p) => `timer ${id(p.timerId)} due ${isoTime(p.dueAt)} as ${p.tag ?? 'timer.fired'}${by(p.origin)}`,
  'input.discarded': (p) => `${p.reason} input ${p.inputSeq}${p.intentId ? ` intent ${id(p.intentId)}` : ''}${p.dedupeKey ? ` key=${p.dedupeKey}` : ''}${p.firstSeq ? ` (first at seq ${p.firstSeq})` : ''}${p.message ? `: ${compact(p.message, 50)}` : ''}`,
  'plan.installed': (p) => `plan ${shortHash(p.planHash)} by ${p.actor}`,
  'run.requested': (p) => `run ${id(p.executionId)} of plan ${shortHash(p.planHash)} by ${p.actor}`,
  'run.started': (p) => `run ${id(p.executionId)} ${p.planId}@${p.planVersion}${p.trigger ? ` on ${p.trigger.event} (seq ${p.trigger.seq})` : ''}`,
  'step.transition': (p) => `run ${id(p.executionId)} step ${p.step} ${p.transition}${p.attempt > 1 ? ` (attempt ${p.attempt})` : ''}${p.error ? ` ${p.error.error_code}` : ''}`,
  'run.ended': (p) => `run ${id(p.executionId)} ${p.result.status} ${p.result.steps_executed}/${p.result.steps_total} steps${p.result.error ? ` ${p.result.error.error_code}` : ''}`,
  'reducer.failed': (p) => `${p.reducer}[${p.key}] on ${p.eventType}: ${p.error.code} ${compact(p.error.message, 50)}`,
};

export function summarize(entry: Entry): string {
  const line = SUMMARIES[entry.kind] as ((p: unknown) => string) | undefined;
  return line ? line(entry.payload) : compact(entry.payload, 80);
}
