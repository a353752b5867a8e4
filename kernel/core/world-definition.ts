/**
 * What a world is made of: pure reducers (and, later, plans and policies). A definition is
 * identified by a content hash over its declared shape: name, version, reducers and the event
 * types they route. Function source is deliberately not hashed: the same code transpiled by two
 * tools (tsc, esbuild) prints differently. Behaviour changes are caught where it matters, by
 * replay re-deriving the journal; bump `version` when reducer behaviour changes on purpose.
 */
import type { ZodType } from 'zod';
import { WorldlineError } from '../errors.js';
import { contentHash, type HashHex } from './hash.js';
import type { DefinitionRef, ErrorInfo, ReceiptStatus } from './entries.js';

export interface ReducerEvent<T = unknown> {
  readonly type: string;
  readonly data: T;
  /** Seq of the input that caused this event (an ingress, receipt or timer firing). */
  readonly cause: number;
}

/** What a reducer may know besides its state and event: the journaled stamp, nothing else. */
export interface ReducerContext {
  /** Logical time of the causing input, unix ms. */
  readonly at: number;
  readonly cause: number;
  /** Deterministic PRNG in [0, 1) seeded from the input's journaled entropy. */
  random(): number;
  /** Deterministic UUID v4 from the same seed. */
  uuid(): string;
}

export interface EffectRequest {
  readonly kind: string;
  readonly params: unknown;
  /** Passed to the adapter; also makes re-emitting the same effect from the same instance a no-op. */
  readonly idempotencyKey?: string;
  /** After this long without a receipt the effect settles with status `timeout`; a later receipt is `late`. */
  readonly timeoutMs?: number;
  /** Event type under which the receipt (or timer firing) comes back to this instance. */
  readonly replyAs?: string;
}

export interface RaisedEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface ReducerResult<S> {
  readonly state: S;
  readonly events?: readonly RaisedEvent[];
  readonly effects?: readonly EffectRequest[];
}

export interface Reducer<S = unknown> {
  readonly name: string;
  /** Event types routed to this reducer (ingress and domain events, by exact type). */
  readonly on: readonly string[];
  /** Instance key for keyed reducers (one state per key); default: a single instance "". */
  readonly key?: (event: ReducerEvent) => string;
  readonly init: (key: string) => S;
  readonly reduce: (state: S, event: ReducerEvent, ctx: ReducerContext) => ReducerResult<S>;
}

/** The receipt as a reducer sees it, under the effect's `replyAs` type. */
export interface ReceiptEventData {
  readonly intentId: string;
  readonly kind: string;
  readonly status: ReceiptStatus;
  readonly result?: unknown;
  readonly error?: ErrorInfo;
}

export interface WorldDefinition {
  readonly name: string;
  readonly version: string;
  readonly reducers: readonly Reducer<any>[];  // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Optional zod schemas per ingress event type; failing input is refused before it is journaled. */
  readonly events?: Readonly<Record<string, ZodType>>;
}

export function defineReducer<S>(reducer: Reducer<S>): Reducer<S> {
  return reducer;
}

export function defineWorld(definition: WorldDefinition): WorldDefinition {
  const names = new Set<string>();
  for (const r of definition.reducers) {
    if (names.has(r.name)) {
      throw new WorldlineError('DEFINITION_INVALID', `two reducers are named "${r.name}"`, {
        expected: 'unique reducer names', found: r.name, where: { world: definition.name },
      });
    }
    names.add(r.name);
  }
  return definition;
}

export function definitionHash(definition: WorldDefinition): HashHex {
  return contentHash({
    name: definition.name,
    version: definition.version,
    reducers: definition.reducers.map((r) => ({ name: r.name, on: [...r.on].sort(), keyed: r.key !== undefined })),
    events: Object.keys(definition.events ?? {}).sort(),
  });
}

export function definitionRef(definition: WorldDefinition): DefinitionRef {
  return { name: definition.name, version: definition.version, hash: definitionHash(definition) };
}
