/**
 * The fold: one input entry in, the derived entries out, the world state advanced in place.
 * Deterministic and free of IO: everything it knows comes from the state, the compiled
 * definition and the input's journaled stamp. Replay calls exactly this function and compares
 * what it derives with what the journal recorded.
 */
import { WorldlineError } from '../errors.js';
import { canonicalize } from './canonical.js';
import type { CompiledWorld } from './compiled-world.js';
import type { Origin, PayloadOf } from './entries.js';
import { discard, discardSettled, emit, recordIntent, recordTimer, type FoldOutcome, type FoldScope, type InputEntry } from './fold-scope.js';
import { deriveIntentId } from './intent-id.js';
import { cancelRuns, deliverToRun, deliverToRuns, installPlan, requestRun } from './plan-runs.js';
import { invokeReducers, type ReducerOutput, type Target } from './reducer-runner.js';
import type { ReducerEvent } from './world-definition.js';
import type { WorldState } from './world-state.js';

export type { FoldOutcome, InputEntry } from './fold-scope.js';

export function foldInput(world: CompiledWorld, state: WorldState, input: InputEntry): FoldOutcome {
  const scope: FoldScope = {
    world, state, input, derived: { at: input.stamp.at },
    out: { drafts: [], dispatch: [], schedule: [], ended: [], disarm: [] }, budget: { invocations: 0, effects: 0 },
  };
  const handler = INPUT_HANDLERS[input.kind as InputKind];
  if (!handler) {
    throw new WorldlineError('NOT_AN_INPUT', `entry kind ${input.kind} is derived, not an input`, { where: { seq: input.seq } });
  }
  handler(scope, input.payload as never);
  state.height = input.seq + scope.out.drafts.length;
  state.lastAt = input.stamp.at;
  return scope.out;
}

type InputKind =
  | 'world.genesis' | 'world.upgraded' | 'world.parked' | 'ingress' | 'effect.receipt' | 'timer.fired' | 'control'
  | 'snapshot.marker' | 'plan.installed' | 'run.requested';
type InputHandlers = { [K in InputKind]: (scope: FoldScope, payload: PayloadOf<K>) => void };

const INPUT_HANDLERS: InputHandlers = {
  'world.genesis': ({ state }, p) => {
    state.worldId = p.worldId;
    state.definition = p.definition;
  },
  'world.upgraded': ({ state }, p) => {
    state.definition = p.to;
    if (state.status === 'parked') state.status = 'running';
  },
  'world.parked': ({ state }) => {
    state.status = 'parked';
  },
  'snapshot.marker': () => {},
  ingress: (scope, p) => {
    const { state, input } = scope;
    if (state.status === 'cancelled') return discard(scope, { reason: 'cancelled' });
    if (p.dedupeKey !== undefined) {
      const first = state.dedupe.get(p.dedupeKey);
      if (first !== undefined) return discard(scope, { reason: 'duplicate', dedupeKey: p.dedupeKey, firstSeq: first });
      state.dedupe.set(p.dedupeKey, input.seq);
    }
    cascade(scope, { type: p.type, data: p.data, cause: input.seq });
  },
  'effect.receipt': (scope, p) => {
    const { state } = scope;
    const intent = state.intents.get(p.intentId);
    if (!intent) return discardSettled(scope, p.intentId);
    state.intents.delete(p.intentId);
    state.settled.set(p.intentId, 'receipt');
    if (intent.deadline !== undefined) scope.out.disarm.push(p.intentId);
    reply(scope, intent.origin, intent.replyAs ?? `${intent.kind}.receipt`, {
      intentId: p.intentId, kind: intent.kind, status: p.status, result: p.result, error: p.error,
    });
  },
  'timer.fired': (scope, p) => {
    const { state } = scope;
    const timer = state.timers.get(p.timerId);
    if (timer) {
      state.timers.delete(p.timerId);
      state.settled.set(p.timerId, 'fired');
      // A run's own timer (deadline, backoff) answers by key; an emitted timer.set answers as a receipt.
      if (timer.origin.run !== undefined && timer.origin.step === undefined) {
        return deliverToRun(scope, timer.origin.run, { type: 'timer', at: scope.input.stamp.at, key: timer.tag }, enqueueFrom(scope));
      }
      return reply(scope, timer.origin, timer.tag, { intentId: p.timerId, kind: 'timer.set', status: 'ok', timerId: p.timerId, dueAt: timer.dueAt });
    }
    // An effect deadline: the intent settles as a timeout; a real receipt after this is late.
    const intent = state.intents.get(p.timerId);
    if (intent && intent.deadline !== undefined) {
      state.intents.delete(p.timerId);
      state.settled.set(p.timerId, 'timeout');
      return reply(scope, intent.origin, intent.replyAs ?? `${intent.kind}.receipt`, {
        intentId: intent.intentId, kind: intent.kind, status: 'timeout',
        error: { code: 'EFFECT_TIMEOUT', message: `no receipt within the effect's deadline (${intent.deadline})` },
      });
    }
    discardSettled(scope, p.timerId);
  },
  control: (scope, p) => {
    const { state, out } = scope;
    if (p.command === 'cancel' && p.executionId !== undefined) {
      return cancelRuns(scope, p.actor, p.reason ?? 'cancelled by operator', enqueueFrom(scope), p.executionId);
    }
    if (p.command === 'pause' && state.status === 'running') state.status = 'paused';
    if (p.command === 'cancel') {
      state.status = 'cancelled';
      cancelRuns(scope, p.actor, p.reason ?? 'world cancelled', enqueueFrom(scope));
    }
    if (p.command === 'resume' && state.status === 'paused') {
      state.status = 'running';
      for (const intent of state.intents.values()) {
        if (intent.held) {
          intent.held = false;
          out.dispatch.push(intent.intentId);
        }
      }
    }
  },
  'plan.installed': (scope, p) => installPlan(scope, p),
  'run.requested': (scope, p) => {
    if (scope.state.status === 'cancelled') return discard(scope, { reason: 'cancelled' });
    requestRun(scope, p, enqueueFrom(scope));
  },
};

/** Delivers a receipt or firing to whoever asked: a reducer instance or a plan run's step. */
function reply(scope: FoldScope, origin: Origin, type: string, data: { intentId: string; status: 'ok' | 'error' | 'timeout'; result?: unknown; error?: { code: string; message: string } } & Record<string, unknown>): void {
  if (origin.run !== undefined) {
    return deliverToRun(scope, origin.run, {
      type: 'receipt', at: scope.input.stamp.at, intent_id: data.intentId, status: data.status,
      result: (data.result === undefined ? null : data.result) as never, error: data.error ?? null,
    }, enqueueFrom(scope));
  }
  if (origin.reducer === undefined) return;
  cascade(scope, { type, data: canonicalize(data), cause: scope.input.seq }, { reducer: origin.reducer, key: origin.key ?? '' });
}

function enqueueFrom(scope: FoldScope): (event: ReducerEvent) => void {
  return (event) => cascade(scope, event);
}

/**
 * Delivers an event and, breadth first, every event it causes: to reducers (by type, or to one
 * targeted instance), then to plan runs waiting for its type and to plan triggers. Each raised
 * event becomes a domain.event entry.
 */
function cascade(scope: FoldScope, first: ReducerEvent, target?: Target): void {
  const queue: Array<{ event: ReducerEvent; target?: Target }> = [{ event: first, target }];
  const enqueue = (event: ReducerEvent): void => {
    queue.push({ event });
  };
  for (let i = 0; i < queue.length; i++) {
    const { event, target: only } = queue[i]!;
    const outputs = invokeReducers(scope.world, scope.state, scope.input, event, scope.budget, only);
    for (const raised of record(scope, outputs)) enqueue(raised);
    if (!only) deliverToRuns(scope, event, enqueue);
  }
}

/** Turns what reducers produced into derived entries and kernel bookkeeping; returns raised events. */
function record(scope: FoldScope, outputs: ReducerOutput[]): ReducerEvent[] {
  const raised: ReducerEvent[] = [];
  for (const output of outputs) {
    if (output.kind === 'event') {
      emit(scope, 'domain.event', { type: output.type, data: output.data, origin: output.origin });
      raised.push({ type: output.type, data: output.data, cause: scope.input.seq });
    } else if (output.kind === 'failure') {
      emit(scope, 'reducer.failed', {
        reducer: output.origin.reducer ?? '', key: output.origin.key ?? '', eventType: output.eventType, error: output.error, origin: output.origin,
      });
    } else {
      const { request, origin, index } = output;
      const intentId = deriveIntentId(request.kind, request.params, request.idempotencyKey, origin, index);
      if (request.kind === 'timer.set') {
        const p = request.params as { delayMs?: number; at?: number };
        recordTimer(scope, intentId, p.at ?? scope.input.stamp.at + (p.delayMs ?? 0), request.replyAs ?? 'timer.fired', origin);
      } else {
        recordIntent(scope, { ...request, params: request.params as never, intentId, origin });
      }
    }
  }
  return raised;
}
