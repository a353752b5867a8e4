/**
 * Runs reducers for one event: routed by type in definition order (or to one instance, for
 * receipts and timer firings). A reducer that throws or
 * returns something unencodable leaves its instance unchanged and yields a failure record, so
 * one bad reducer never tears an input in half. All values are canonicalized on the way out:
 * state stored in the world is always plain data, never a reference a reducer still holds.
 */
import { WorldlineError, asWorldlineError } from '../errors.js';
import { canonicalize, type Canonical } from './canonical.js';
import type { CompiledWorld } from './compiled-world.js';
import type { ErrorInfo, Origin } from './entries.js';
import type { InputEntry } from './fold.js';
import { seededPrng, type Prng } from './prng.js';
import type { EffectRequest, Reducer, ReducerContext, ReducerEvent, ReducerResult } from './world-definition.js';
import type { WorldState } from './world-state.js';

export type ReducerOutput =
  | { readonly kind: 'event'; readonly type: string; readonly data: Canonical; readonly origin: Origin }
  | { readonly kind: 'effect'; readonly request: EffectRequest; readonly origin: Origin; readonly index: number }
  | { readonly kind: 'failure'; readonly eventType: string; readonly error: ErrorInfo; readonly origin: Origin };

/** Upper bound on reducer invocations caused by one input (guards against event ping-pong). */
export const MAX_INVOCATIONS_PER_INPUT = 10_000;

export interface Target { readonly reducer: string; readonly key: string }

/** Counts invocations across one input's cascade. */
export interface CascadeBudget { invocations: number; effects: number }

/**
 * Delivers one event to the reducers that route it (or to one instance, for receipts and timer
 * firings). Events they raise are returned, not re-delivered: the fold's cascade queue does that,
 * so plan runs see them too.
 */
export function invokeReducers(world: CompiledWorld, state: WorldState, input: InputEntry, event: ReducerEvent, budget: CascadeBudget, target?: Target): ReducerOutput[] {
  const outputs: ReducerOutput[] = [];
  const reducers = target ? [world.byName.get(target.reducer)].filter((r): r is Reducer => r !== undefined) : (world.byType.get(event.type) ?? []);
  for (const reducer of reducers) {
    const keyed = target ? { key: target.key } : keyOf(reducer, event);
    const key = keyed.key ?? '';
    const origin: Origin = { cause: input.seq, reducer: reducer.name, key };
    if (keyed.error) {
      outputs.push({ kind: 'failure', eventType: event.type, origin, error: keyed.error });
      continue;
    }
    if (++budget.invocations > MAX_INVOCATIONS_PER_INPUT) {
      outputs.push({ kind: 'failure', eventType: event.type, origin, error: { code: 'CASCADE_LIMIT', message: `more than ${MAX_INVOCATIONS_PER_INPUT} reducer invocations for one input` } });
      return outputs;
    }
    const result = invoke(reducer, state, key, event, contextFor(input, reducer.name, key, budget.invocations));
    if (!result.ok) {
      outputs.push({ kind: 'failure', eventType: event.type, origin, error: result.error });
      continue;
    }
    instancesOf(state, reducer.name).set(key, result.state);
    for (const raised of result.events) outputs.push({ kind: 'event', type: raised.type, data: raised.data, origin });
    for (const request of result.effects) outputs.push({ kind: 'effect', request, origin, index: budget.effects++ });
  }
  return outputs;
}

function keyOf(reducer: Reducer, event: ReducerEvent): { key?: string; error?: ErrorInfo } {
  if (!reducer.key) return { key: '' };
  try {
    const key: unknown = reducer.key(event);
    if (typeof key !== 'string') throw new WorldlineError('INVALID_REDUCER_KEY', `key() returned ${typeof key}, expected a string`);
    return { key };
  } catch (e) {
    const err = asWorldlineError(e, 'REDUCER_KEY_THREW');
    return { error: { code: err.code, message: err.message } };
  }
}

function instancesOf(state: WorldState, name: string): Map<string, Canonical> {
  let map = state.instances.get(name);
  if (!map) {
    map = new Map();
    state.instances.set(name, map);
  }
  return map;
}

function contextFor(input: InputEntry, reducer: string, key: string, invocation: number): ReducerContext {
  let prng: Prng | undefined;
  const rng = (): Prng => (prng ??= seededPrng(`${input.stamp.entropy ?? input.seq}|${reducer}|${key}|${invocation}`));
  return { at: input.stamp.at, cause: input.seq, random: () => rng().next(), uuid: () => rng().uuid() };
}

type Invocation =
  | { ok: true; state: Canonical; events: Array<{ type: string; data: Canonical }>; effects: EffectRequest[] }
  | { ok: false; error: ErrorInfo };

function invoke(reducer: Reducer, state: WorldState, key: string, event: ReducerEvent, ctx: ReducerContext): Invocation {
  try {
    const instances = state.instances.get(reducer.name);
    const current = instances?.has(key) ? instances.get(key) : reducer.init(key);
    const result = reducer.reduce(current, event, ctx) as ReducerResult<unknown> | undefined;
    if (!result || typeof result !== 'object' || !('state' in result)) {
      throw new WorldlineError('INVALID_REDUCER_RESULT', `reducer ${reducer.name} returned ${typeof result}, expected { state, events?, effects? }`);
    }
    return {
      ok: true,
      state: canonicalize(result.state, '/state'),
      events: (result.events ?? []).map((e, i) => checkEvent(e, i)),
      effects: (result.effects ?? []).map((e, i) => checkEffect(e, i)),
    };
  } catch (e) {
    const err = asWorldlineError(e, 'REDUCER_THREW');
    return { ok: false, error: { code: err.code, message: err.message } };
  }
}

function checkEvent(e: { type: string; data: unknown }, i: number): { type: string; data: Canonical } {
  if (!e || typeof e.type !== 'string' || e.type.length === 0) {
    throw new WorldlineError('INVALID_REDUCER_RESULT', `events[${i}] has no type`);
  }
  return { type: e.type, data: canonicalize(e.data ?? null, `/events/${i}/data`) };
}

function checkEffect(e: EffectRequest, i: number): EffectRequest {
  if (!e || typeof e.kind !== 'string' || e.kind.length === 0) {
    throw new WorldlineError('INVALID_REDUCER_RESULT', `effects[${i}] has no kind`);
  }
  const params = canonicalize(e.params ?? null, `/effects/${i}/params`);
  if (e.kind === 'timer.set') {
    const p = params as { delayMs?: unknown; at?: unknown } | null;
    const ok = p !== null && typeof p === 'object' && (Number.isSafeInteger(p.delayMs) && (p.delayMs as number) >= 0 || Number.isSafeInteger(p.at) && (p.at as number) >= 0);
    if (!ok) throw new WorldlineError('INVALID_EFFECT', `effects[${i}]: timer.set needs params { delayMs } or { at } as non-negative integers`);
  }
  if (e.timeoutMs !== undefined && !(Number.isSafeInteger(e.timeoutMs) && e.timeoutMs > 0)) {
    throw new WorldlineError('INVALID_EFFECT', `effects[${i}]: timeoutMs must be a positive integer`);
  }
  return { kind: e.kind, params, idempotencyKey: e.idempotencyKey, timeoutMs: e.timeoutMs, replyAs: e.replyAs };
}
