/**
 * The state a world folds: reducer instances plus the kernel's own bookkeeping (pending
 * intents and timers, settled ids for duplicate detection, ingress dedupe keys, run status).
 * Its canonical encoding is what a snapshot stores and what the state hash covers.
 */
import { WorldlineError } from '../errors.js';
import { encodeCanonical, type Canonical } from './canonical.js';
import type { DefinitionRef, Origin } from './entries.js';
import { contentHash } from './hash.js';
import type { Plan } from '../../plans/schema.js';
import type { RunState } from '../../plans/interpreter/run-state.js';

export type WorldStatus = 'running' | 'paused' | 'cancelled' | 'parked';

export interface PendingIntent {
  readonly intentId: string;
  readonly kind: string;
  readonly params: Canonical;
  readonly idempotencyKey?: string;
  readonly replyAs?: string;
  readonly origin: Origin;
  /** Seq of the effect.intent entry. */
  readonly seq: number;
  /** When set, the intent settles as `timeout` at this logical time. */
  readonly deadline?: number;
  /** Derived while the world was paused or cancelled: not dispatched until resumed. */
  held: boolean;
}

export interface PendingTimer {
  readonly timerId: string;
  readonly dueAt: number;
  readonly tag: string;
  readonly origin: Origin;
}

/** How an intent or timer was settled; a second settlement is a duplicate (or late). */
export type Settlement = 'receipt' | 'timeout' | 'fired';

export interface InstalledPlan {
  readonly plan: Plan;
  /** Seq of the plan.installed entry. */
  readonly seq: number;
  /** Environment for runs its triggers start. */
  readonly environment: Record<string, Canonical>;
}

export interface RunRecord {
  run: RunState;
  /** Seq of the run.started entry: runs are visited in this order, never in map order. */
  readonly seq: number;
  /** The run's execution environment (opaque; children inherit it). */
  readonly environment: Record<string, Canonical>;
}

export interface WorldState {
  worldId: string;
  definition: DefinitionRef;
  status: WorldStatus;
  /** Last seq folded (inputs and their derived entries). */
  height: number;
  /** Logical time of the last input. */
  lastAt: number;
  readonly instances: Map<string, Map<string, Canonical>>;
  readonly intents: Map<string, PendingIntent>;
  readonly timers: Map<string, PendingTimer>;
  readonly settled: Map<string, Settlement>;
  readonly dedupe: Map<string, number>;
  /** Installed plans by content hash. */
  readonly plans: Map<string, InstalledPlan>;
  /** The newest installed version of each plan id: the one its triggers start. */
  readonly activePlans: Map<string, string>;
  /**
   * Plan runs by execution id, in start order: the fold visits them in map order, runs are only
   * ever added as they start, and a snapshot restores them sorted by start seq. Ended runs stay,
   * so an execution id is never reused.
   */
  readonly runs: Map<string, RunRecord>;
}

export function emptyState(): WorldState {
  return {
    worldId: '', definition: { name: '', version: '', hash: '0'.repeat(64) }, status: 'running', height: 0, lastAt: 0,
    instances: new Map(), intents: new Map(), timers: new Map(), settled: new Map(), dedupe: new Map(),
    plans: new Map(), activePlans: new Map(), runs: new Map(),
  };
}

function mapToObject<V>(map: Map<string, V>, f: (v: V) => unknown = (v) => v): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of map) out[k] = f(v);
  return out;
}

/** The plain-data form of the state (what snapshots store once canonically encoded). */
export function stateToValue(state: WorldState): Record<string, unknown> {
  return {
    v: 1,
    worldId: state.worldId,
    definition: state.definition,
    status: state.status,
    height: state.height,
    lastAt: state.lastAt,
    instances: mapToObject(state.instances, (m) => mapToObject(m)),
    intents: mapToObject(state.intents),
    timers: mapToObject(state.timers),
    settled: mapToObject(state.settled),
    dedupe: mapToObject(state.dedupe),
    plans: mapToObject(state.plans),
    activePlans: mapToObject(state.activePlans),
    runs: mapToObject(state.runs),
  };
}

export function encodeState(state: WorldState): Uint8Array {
  return encodeCanonical(stateToValue(state));
}

function objectToMap<V>(value: unknown, f: (v: unknown) => V = (v) => v as V): Map<string, V> {
  const map = new Map<string, V>();
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) map.set(k, f(v));
  return map;
}

export function stateFromValue(value: unknown): WorldState {
  const v = value as Record<string, unknown> | null;
  if (!v || v['v'] !== 1) {
    throw new WorldlineError('SNAPSHOT_INVALID', 'snapshot state has an unknown layout', { expected: 'layout v1', found: v?.['v'] });
  }
  return {
    worldId: v['worldId'] as string,
    definition: v['definition'] as DefinitionRef,
    status: v['status'] as WorldStatus,
    height: v['height'] as number,
    lastAt: v['lastAt'] as number,
    instances: objectToMap(v['instances'], (m) => objectToMap<Canonical>(m)),
    intents: objectToMap(v['intents'], (i) => ({ ...(i as PendingIntent) })),
    timers: objectToMap(v['timers']),
    settled: objectToMap(v['settled']),
    dedupe: objectToMap(v['dedupe']),
    plans: objectToMap(v['plans']),
    activePlans: objectToMap(v['activePlans']),
    // Runs iterate in start order (the fold relies on it); a snapshot stores them keyed by id.
    runs: new Map(Object.entries((v['runs'] ?? {}) as Record<string, RunRecord>).sort(([, a], [, b]) => a.seq - b.seq).map(([k, r]) => [k, { ...r }])),
  };
}

/** Intents dispatched and not yet settled: what a pause must drain. */
export function inFlightIntents(state: WorldState): PendingIntent[] {
  return [...state.intents.values()].filter((i) => !i.held);
}

/** Hash of the reducer instances alone: the domain state, independent of timing and seqs. */
export function instancesHash(state: WorldState): string {
  return contentHash(mapToObject(state.instances, (m) => mapToObject(m)));
}
