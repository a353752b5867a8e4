/**
 * The fold: one input entry in, the derived entries out, the world state advanced in place.
 * Deterministic and free of IO: everything it knows comes from the state, the compiled
 * definition and the input's journaled stamp. Replay calls exactly this function and compares
 * what it derives with what the journal recorded.
 */
import { WorldlineError } from '../errors.js';
import { canonicalize } from './canonical.js';
import type { CompiledWorld } from './compiled-world.js';
import { draft } from './entry-codec.js';
import type { Draft, EntryKind, Origin, PayloadOf, Stamp } from './entries.js';
import { deriveIntentId } from './intent-id.js';
import { runReducers, type ReducerOutput } from './reducer-runner.js';
import type { WorldState } from './world-state.js';

/** An input as the fold sees it: its seq is assigned before folding so derived entries can cite it. */
export interface InputEntry<K extends EntryKind = EntryKind> {
  readonly seq: number;
  readonly kind: K;
  readonly stamp: Stamp;
  readonly payload: PayloadOf<K>;
}

export interface FoldOutcome {
  readonly drafts: Draft[];
  /** Intent ids the shell should hand to adapters now (new and unheld, or released by resume). */
  readonly dispatch: string[];
  /** Timer ids (and intent ids with deadlines) the shell should schedule now. */
  readonly schedule: string[];
}

interface FoldScope {
  readonly world: CompiledWorld;
  readonly state: WorldState;
  readonly input: InputEntry;
  readonly derived: Stamp;
  readonly out: FoldOutcome;
}

export function foldInput(world: CompiledWorld, state: WorldState, input: InputEntry): FoldOutcome {
  const scope: FoldScope = { world, state, input, derived: { at: input.stamp.at }, out: { drafts: [], dispatch: [], schedule: [] } };
  const handler = INPUT_HANDLERS[input.kind as InputKind];
  if (!handler) {
    throw new WorldlineError('NOT_AN_INPUT', `entry kind ${input.kind} is derived, not an input`, { where: { seq: input.seq } });
  }
  handler(scope, input.payload as never);
  state.height = input.seq + scope.out.drafts.length;
  state.lastAt = input.stamp.at;
  return scope.out;
}

type InputKind = 'world.genesis' | 'world.upgraded' | 'world.parked' | 'ingress' | 'effect.receipt' | 'timer.fired' | 'control' | 'snapshot.marker';
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
    deliver(scope, runReducers(scope.world, state, input, { type: p.type, data: p.data, cause: input.seq }));
  },
  'effect.receipt': (scope, p) => {
    const { state } = scope;
    const intent = state.intents.get(p.intentId);
    if (!intent) return discardSettled(scope, p.intentId);
    state.intents.delete(p.intentId);
    state.settled.set(p.intentId, 'receipt');
    replyToOrigin(scope, intent.origin, intent.replyAs ?? `${intent.kind}.receipt`, {
      intentId: p.intentId, kind: intent.kind, status: p.status, result: p.result, error: p.error,
    });
  },
  'timer.fired': (scope, p) => {
    const { state } = scope;
    const timer = state.timers.get(p.timerId);
    if (timer) {
      state.timers.delete(p.timerId);
      state.settled.set(p.timerId, 'fired');
      return replyToOrigin(scope, timer.origin, timer.tag, { timerId: p.timerId, dueAt: timer.dueAt });
    }
    // An effect deadline: the intent settles as a timeout; a real receipt after this is late.
    const intent = state.intents.get(p.timerId);
    if (intent && intent.deadline !== undefined) {
      state.intents.delete(p.timerId);
      state.settled.set(p.timerId, 'timeout');
      return replyToOrigin(scope, intent.origin, intent.replyAs ?? `${intent.kind}.receipt`, {
        intentId: intent.intentId, kind: intent.kind, status: 'timeout',
        error: { code: 'EFFECT_TIMEOUT', message: `no receipt within the effect's deadline (${intent.deadline})` },
      });
    }
    discardSettled(scope, p.timerId);
  },
  control: ({ state, out }, p) => {
    if (p.command === 'pause' && state.status === 'running') state.status = 'paused';
    if (p.command === 'cancel') state.status = 'cancelled';
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
};

function discard(scope: FoldScope, rest: Omit<PayloadOf<'input.discarded'>, 'inputSeq'>): void {
  scope.out.drafts.push(draft('input.discarded', scope.derived, { inputSeq: scope.input.seq, ...rest }));
}

function discardSettled(scope: FoldScope, intentId: string): void {
  const settled = scope.state.settled.get(intentId);
  const reason = settled === undefined ? 'unknown' : settled === 'timeout' ? 'late' : 'duplicate';
  discard(scope, { reason, intentId });
}

function replyToOrigin(scope: FoldScope, origin: Origin, type: string, data: unknown): void {
  if (origin.reducer === undefined) return;
  const event = { type, data: canonicalize(data), cause: scope.input.seq };
  deliver(scope, runReducers(scope.world, scope.state, scope.input, event, { reducer: origin.reducer, key: origin.key ?? '' }));
}

/** Turns what reducers produced into derived entries and kernel bookkeeping. */
function deliver(scope: FoldScope, outputs: ReducerOutput[]): void {
  for (const output of outputs) {
    if (output.kind === 'event') {
      scope.out.drafts.push(draft('domain.event', scope.derived, { type: output.type, data: output.data, origin: output.origin }));
    } else if (output.kind === 'failure') {
      scope.out.drafts.push(draft('reducer.failed', scope.derived, {
        reducer: output.origin.reducer ?? '', key: output.origin.key ?? '', eventType: output.eventType, error: output.error, origin: output.origin,
      }));
    } else {
      emitEffect(scope, output);
    }
  }
}

function emitEffect(scope: FoldScope, output: Extract<ReducerOutput, { kind: 'effect' }>): void {
  const { state, input, out, derived } = scope;
  const { request, origin, index } = output;
  const id = deriveIntentId(request.kind, request.params, request.idempotencyKey, origin, index);
  if (state.intents.has(id) || state.timers.has(id) || state.settled.has(id)) return; // idempotent re-emission
  if (request.kind === 'timer.set') {
    const p = request.params as { delayMs?: number; at?: number };
    const dueAt = p.at ?? input.stamp.at + (p.delayMs ?? 0);
    const tag = request.replyAs ?? 'timer.fired';
    state.timers.set(id, { timerId: id, dueAt, tag, origin });
    out.drafts.push(draft('timer.set', derived, { timerId: id, dueAt, tag, origin }));
    out.schedule.push(id);
    return;
  }
  const held = state.status !== 'running';
  const seq = input.seq + out.drafts.length + 1;
  const deadline = request.timeoutMs === undefined ? undefined : input.stamp.at + request.timeoutMs;
  state.intents.set(id, {
    intentId: id, kind: request.kind, params: request.params as never, idempotencyKey: request.idempotencyKey,
    replyAs: request.replyAs, origin, seq, deadline, held,
  });
  out.drafts.push(draft('effect.intent', derived, {
    intentId: id, kind: request.kind, params: request.params, idempotencyKey: request.idempotencyKey,
    timeoutMs: request.timeoutMs, replyAs: request.replyAs, origin,
  }));
  if (!held) out.dispatch.push(id);
  if (deadline !== undefined) out.schedule.push(id);
}
