/**
 * A short, one-line summary of an entry's payload, per kind, for `worldline log`. A kind without
 * a line here (a newer kind) falls back to its payload as compact JSON.
 */
import type { Entry, EntryKind, Origin, PayloadOf } from '../kernel/index.js';
import { compact, isoTime, shortHash } from './format.js';

type Summaries = { [K in EntryKind]?: (p: PayloadOf<K>) => string };

const id = (hex: string): string => shortHash(hex, 8);
/** Who derived it: a reducer instance, or a plan run's step. */
const by = (o: Origin): string => {
  if (o.reducer !== undefined) return ` ← ${o.reducer}${o.key ? `[${o.key}]` : ''}`;
  return o.run === undefined ? '' : ` ← run ${id(o.run)}${o.step ? ` step ${o.step}` : ''}`;
};

/** `name@version (hash) by actor`, and its triggers: the plan is journaled as data, so read it defensively. */
function installedText(p: PayloadOf<'plan.installed'>): string {
  const plan = (typeof p.plan === 'object' && p.plan !== null ? p.plan : {}) as { name?: unknown; version?: unknown; triggers?: unknown };
  const triggers = Array.isArray(plan.triggers) ? plan.triggers.map((t) => String((t as { event?: unknown }).event)) : [];
  return `plan ${String(plan.name)}@${String(plan.version)} (${shortHash(p.planHash)}) by ${p.actor}${triggers.length > 0 ? `, triggered by ${triggers.join(', ')}` : ''}`;
}

const transitionText = (p: PayloadOf<'step.transition'>): string =>
  `${p.transition}${p.cause ? ` (${p.cause})` : ''}${p.attempt > 1 ? ` attempt ${p.attempt}` : ''}${p.dueAt === undefined ? '' : ` until ${isoTime(p.dueAt)}`}`;

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
  'plan.installed': installedText,
  'run.requested': (p) => `run ${id(p.executionId)} of plan ${shortHash(p.planHash)} by ${p.actor} ${compact(p.input, 40)}`,
  'run.started': (p) => `run ${id(p.executionId)} plan ${p.planId}@${p.planVersion}${p.trigger ? ` on ${p.trigger.event} (seq ${p.trigger.seq})` : ''}${p.correlation === null ? '' : ` correlation ${compact(p.correlation, 30)}`}${p.parent ? ` child of run ${id(p.parent.executionId)} step ${p.parent.step}` : ''}`,
  'step.transition': (p) => `run ${id(p.executionId)} step ${p.step} ${transitionText(p)}${p.error ? ` ${p.error.error_code}` : ''}`,
  'run.ended': (p) => `run ${id(p.executionId)} ${p.result.status} ${p.result.steps_executed}/${p.result.steps_total} steps${p.result.error ? ` ${p.result.error.error_code}` : ` ${compact(p.result.outputs, 40)}`}`,
  'reducer.failed': (p) => `${p.reducer}[${p.key}] on ${p.eventType}: ${p.error.code} ${compact(p.error.message, 50)}`,
};

export function summarize(entry: Entry): string {
  const line = SUMMARIES[entry.kind] as ((p: unknown) => string) | undefined;
  return line ? line(entry.payload) : compact(entry.payload, 80);
}
