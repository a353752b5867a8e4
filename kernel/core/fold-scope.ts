/**
 * What one fold step works on, and the bookkeeping every producer of derived entries shares
 * (reducers and plan runs alike): recording intents, timers and discarded inputs.
 */
import type { Canonical } from './canonical.js';
import type { CompiledWorld } from './compiled-world.js';
import { draft } from './entry-codec.js';
import type { Draft, EntryKind, Origin, PayloadOf, Stamp } from './entries.js';
import type { CascadeBudget } from './reducer-runner.js';
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
  /** Timer ids (and intent ids with deadlines) the shell should arm now. */
  readonly schedule: string[];
  /** Execution ids of plan runs that ended in this step (for outcome subscribers). */
  readonly ended: string[];
  /** Timer and deadline ids that no longer matter: the shell disarms them. */
  readonly disarm: string[];
}

export interface FoldScope {
  readonly world: CompiledWorld;
  readonly state: WorldState;
  readonly input: InputEntry;
  readonly derived: Stamp;
  readonly out: FoldOutcome;
  readonly budget: CascadeBudget;
}

export function emit<K extends EntryKind>(scope: FoldScope, kind: K, payload: PayloadOf<K>): void {
  scope.out.drafts.push(draft(kind, scope.derived, payload));
}

export interface IntentRequest {
  readonly intentId: string;
  readonly kind: string;
  readonly params: Canonical;
  readonly idempotencyKey?: string;
  readonly timeoutMs?: number;
  readonly replyAs?: string;
  readonly origin: Origin;
}

/** Journals an effect intent and tracks it as pending; held (not dispatched) unless the world runs. */
export function recordIntent(scope: FoldScope, r: IntentRequest): void {
  const { state, input, out } = scope;
  if (state.intents.has(r.intentId) || state.timers.has(r.intentId) || state.settled.has(r.intentId)) return; // idempotent re-emission
  const held = state.status !== 'running';
  const deadline = r.timeoutMs === undefined ? undefined : input.stamp.at + r.timeoutMs;
  state.intents.set(r.intentId, {
    intentId: r.intentId, kind: r.kind, params: r.params, idempotencyKey: r.idempotencyKey,
    replyAs: r.replyAs, origin: r.origin, seq: input.seq + out.drafts.length + 1, deadline, held,
  });
  emit(scope, 'effect.intent', {
    intentId: r.intentId, kind: r.kind, params: r.params, idempotencyKey: r.idempotencyKey,
    timeoutMs: r.timeoutMs, replyAs: r.replyAs, origin: r.origin,
  });
  if (!held) out.dispatch.push(r.intentId);
  if (deadline !== undefined) out.schedule.push(r.intentId);
}

/** Journals a durable timer; its firing comes back as a timer.fired input. */
export function recordTimer(scope: FoldScope, timerId: string, dueAt: number, tag: string, origin: Origin): void {
  const { state, out } = scope;
  if (state.timers.has(timerId) || state.settled.has(timerId)) return;
  state.timers.set(timerId, { timerId, dueAt, tag, origin });
  emit(scope, 'timer.set', { timerId, dueAt, tag, origin });
  out.schedule.push(timerId);
}

export function discard(scope: FoldScope, rest: Omit<PayloadOf<'input.discarded'>, 'inputSeq'>): void {
  emit(scope, 'input.discarded', { inputSeq: scope.input.seq, ...rest });
}

/** A receipt or firing for something not pending: a duplicate, a late answer, or unknown. */
export function discardSettled(scope: FoldScope, intentId: string): void {
  const settled = scope.state.settled.get(intentId);
  const reason = settled === undefined ? 'unknown' : settled === 'timeout' ? 'late' : 'duplicate';
  discard(scope, { reason, intentId });
}
