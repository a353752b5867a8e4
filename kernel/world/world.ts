/**
 * A running world: the shell around the pure fold. Inputs are validated where they arrive,
 * queued, and committed once per event-loop turn (group commit): each input is stamped
 * (logical time, entropy), folded, and appended together with everything it derived in one
 * transaction. Only after that commit are intents handed to adapters and timers armed.
 */
import { hostname } from 'node:os';
import { WorldlineError, DeterminismViolation } from '../errors.js';
import { canonicalize } from '../core/canonical.js';
import { compileWorld, acceptedTypes, type CompiledWorld } from '../core/compiled-world.js';
import { draft } from '../core/entry-codec.js';
import { PAYLOAD_SCHEMAS, type Draft, type EntryKind, type PayloadOf } from '../core/entries.js';
import { foldInput, type FoldOutcome } from '../core/fold.js';
import type { Divergence } from '../core/replayer.js';
import type { WorldDefinition } from '../core/world-definition.js';
import type { WorldState } from '../core/world-state.js';
import { KERNEL_VERSION } from '../version.js';
import { headOf, seal, type ChainHead } from '../journal/chain.js';
import type { JournalStore, WriterLease } from '../store/port.js';
import type { AdapterMap, AdapterOutcome } from './adapters.js';
import { SystemClock, type Clock } from './clock.js';
import { Dispatcher } from './dispatcher.js';
import { systemEntropy, type EntropySource } from './entropy.js';
import { restoreState } from './restore.js';
import { snapshotFor } from './snapshots.js';
import { describeWorld, type WorldStatusReport } from './status.js';
import { OutcomeBus, type OutcomeListener } from './outcomes.js';
import { checkRunRequest, checkPlanInstall, planAccepts, planEventTypes, type RunRequestOptions } from './plan-requests.js';
import type { PlanResult } from '../../plans/interpreter/types.js';

export interface WorldOptions {
  readonly store: JournalStore;
  readonly definition: WorldDefinition;
  readonly adapters?: AdapterMap;
  readonly clock?: Clock;
  readonly entropy?: EntropySource;
  /** Id recorded at genesis for a new journal (default: derived from entropy). */
  readonly worldId?: string;
  /** Who holds the writer lease, for WORLD_LOCKED messages. */
  readonly owner?: string;
  /** Entries between automatic snapshots (default 10,000; 0 disables). */
  readonly snapshotEvery?: number;
  /** Adopt a definition whose hash differs from the journal's (journaled as world.upgraded). */
  readonly upgrade?: { readonly actor: string; readonly reason?: string };
  /** Close the store when the world closes. */
  readonly ownsStore?: boolean;
  /**
   * false: journal inputs but hand nothing to adapters and arm no timers; pending work waits
   * for the next open that dispatches (e.g. `worldline inject --no-dispatch`). Default true.
   */
  readonly dispatch?: boolean;
}

export interface Committed {
  readonly seq: number;
  /** Entries derived from this input (domain events, intents, timers, discards, failures). */
  readonly derived: readonly Draft[];
  readonly head: { readonly seq: number; readonly hash: string };
}

interface Queued {
  readonly kind: EntryKind;
  readonly payload: unknown;
  readonly resolve: (c: Committed) => void;
  readonly reject: (e: unknown) => void;
}

export class World {
  private queue: Queued[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private sinceSnapshot = 0;
  private readonly dispatcher: Dispatcher;
  private readonly outcomes = new OutcomeBus();

  private constructor(
    private readonly options: WorldOptions,
    private readonly compiled: CompiledWorld,
    private readonly lease: WriterLease,
    private state: WorldState,
    private head: ChainHead,
  ) {
    this.dispatcher = new Dispatcher(options.adapters ?? {}, this.clock, () => this.state.worldId, options.dispatch !== false, {
      receipt: (intentId, outcome, adapter) => this.receipt(intentId, outcome, adapter),
      fire: (id) => this.fire(id),
    });
  }

  /** Opens (or creates) the world in `store`, taking its writer lease, and resumes pending work. */
  static async open(options: WorldOptions): Promise<World> {
    const compiled = compileWorld(options.definition);
    const owner = options.owner ?? `worldline (pid ${process.pid} on ${hostname()})`;
    const lease = await options.store.acquireWriter({ owner });
    try {
      const restored = await restoreState(options.store, compiled, { checkStateHashes: !options.upgrade });
      const world = new World(options, compiled, lease, restored.state, restored.head);
      if (restored.head.seq === 0) {
        await world.commitInput('world.genesis', {
          worldId: options.worldId ?? `world-${world.entropy().slice(0, 16)}`,
          kernelVersion: KERNEL_VERSION, definition: compiled.ref, flags: [],
        });
      } else {
        await world.checkRestored(restored.divergence);
      }
      world.sinceSnapshot = restored.head.seq - (restored.snapshotHeight ?? 0);
      world.resumePendingWork();
      return world;
    } catch (e) {
      await options.store.releaseWriter(lease).catch(() => undefined);
      if (options.ownsStore) await options.store.close().catch(() => undefined);
      throw e;
    }
  }

  get id(): string {
    return this.state.worldId;
  }

  /** Read-only view of the folded state; do not mutate. */
  get current(): WorldState {
    return this.state;
  }

  get headSeq(): number {
    return this.head.seq;
  }

  status(): WorldStatusReport {
    return describeWorld(this.state, this.head);
  }

  /** Submits an ingress event. Refused (and not journaled) if the world cannot accept it. */
  ingest(type: string, data: unknown, options: { dedupeKey?: string; source?: string } = {}): Promise<Committed> {
    return this.submit('ingress', () => {
      this.assertAccepting();
      if (!this.compiled.byType.has(type) && !planAccepts(this.state, type)) {
        throw new WorldlineError('UNKNOWN_EVENT_TYPE', `no reducer or plan accepts events of type "${type}"`, {
          expected: [...new Set([...acceptedTypes(this.compiled), ...planEventTypes(this.state)])].sort(), found: type, where: { world: this.state.worldId },
        });
      }
      const schema = this.options.definition.events?.[type];
      if (schema) {
        const parsed = schema.safeParse(data);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new WorldlineError('INVALID_EVENT', `event ${type} is invalid at /${issue?.path.join('/') ?? ''}: ${issue?.message ?? ''}`, {
            found: data, where: { world: this.state.worldId, path: `/${issue?.path.join('/') ?? ''}` },
          });
        }
        data = parsed.data;
      }
      return { type, data: canonicalize(data, '/data'), dedupeKey: options.dedupeKey, source: options.source };
    });
  }

  /** Journals a receipt for an intent (adapters do this through the dispatcher; operators may too). */
  receipt(intentId: string, outcome: AdapterOutcome, adapter?: string): Promise<Committed> {
    return this.submit('effect.receipt', () => ({
      intentId, status: outcome.status, adapter,
      result: outcome.result === undefined ? undefined : canonicalize(outcome.result, '/result'),
      error: outcome.status === 'error' ? outcome.error : undefined,
    }));
  }

  /** pause: stop handing out new intents, let in-flight ones settle; resume; cancel. */
  control(command: 'pause' | 'resume' | 'cancel', actor: string, reason?: string): Promise<Committed> {
    return this.submit('control', () => ({ command, actor, reason }));
  }

  /** Validates and installs a plan (journaled by content hash). Installing the same plan twice is a no-op. */
  async installPlan(plan: unknown, options: { actor: string; environment?: Record<string, unknown> }): Promise<{ planHash: string; seq: number }> {
    const checked = checkPlanInstall(plan);
    const existing = this.state.plans.get(checked.planHash);
    if (existing) return { planHash: checked.planHash, seq: existing.seq };
    const committed = await this.submit('plan.installed', () => ({
      planHash: checked.planHash, plan: canonicalize(plan, '/plan'), actor: options.actor,
      environment: options.environment === undefined ? undefined : canonicalize(options.environment, '/environment'),
    }));
    if (!this.state.plans.has(checked.planHash)) {
      throw new WorldlineError('PLAN_INVALID', 'the plan was journaled but refused by the fold', { where: { world: this.state.worldId, seq: committed.seq } });
    }
    return { planHash: checked.planHash, seq: committed.seq };
  }

  /**
   * Starts a run of an installed plan. The execution context is checked first (input schema,
   * context requirements, deadline), so a run that could not start is refused, not journaled.
   */
  async startRun(planHash: string, input: Record<string, unknown>, options: RunRequestOptions): Promise<{ executionId: string; seq: number }> {
    const request = checkRunRequest(this.state, planHash, input, options, this.clock.now(), this.entropy());
    const committed = await this.submit('run.requested', () => request);
    return { executionId: request.executionId, seq: committed.seq };
  }

  /** Cancels one plan run (CANCELLED); what already settled stays settled. */
  cancelRun(executionId: string, actor: string, reason?: string): Promise<Committed> {
    return this.submit('control', () => {
      if (!this.state.runs.has(executionId)) {
        throw new WorldlineError('RUN_NOT_FOUND', `no run ${executionId} in world ${this.state.worldId}`, { where: { world: this.state.worldId, run: executionId } });
      }
      return { command: 'cancel', actor, reason, executionId };
    });
  }

  /** Resolves with the run's PlanResult once its run.ended entry is durable. */
  runResult(executionId: string): Promise<PlanResult> {
    const record = this.state.runs.get(executionId);
    if (!record) return Promise.reject(new WorldlineError('RUN_NOT_FOUND', `no run ${executionId} in world ${this.state.worldId}`, { where: { world: this.state.worldId, run: executionId } }));
    return this.outcomes.wait(executionId, record.run.result);
  }

  /** Best-effort, non-blocking outcome events; returns an unsubscribe function. */
  onOutcome(listener: OutcomeListener): () => void {
    return this.outcomes.subscribe(listener);
  }

  /** Resolves once everything submitted so far is durable (adapter calls may still be in flight). */
  async committed(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Resolves when nothing is queued, committing, or in flight at an adapter. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.flushing) await this.flushing;
      await this.dispatcher.whenIdle();
      if (!this.flushing && this.queue.length === 0 && this.dispatcher.inFlightCount === 0) return;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Commits what is queued, then releases the lease. In-flight effects resume on the next open. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.flushing) await this.flushing;
    this.closed = true;
    this.dispatcher.close();
    await this.options.store.releaseWriter(this.lease);
    if (this.options.ownsStore) await this.options.store.close();
  }

  // ---- internals ----

  private get clock(): Clock {
    return this.options.clock ?? defaultClock;
  }

  private entropy(): string {
    return (this.options.entropy ?? systemEntropy)();
  }

  private assertAccepting(): void {
    if (this.state.status === 'parked') {
      throw new WorldlineError('WORLD_PARKED', `world ${this.state.worldId} is parked after a replay divergence`, {
        where: { world: this.state.worldId }, hint: 'inspect it with `worldline replay`; open it with a fixed definition and --upgrade',
      });
    }
    if (this.state.status === 'cancelled') {
      throw new WorldlineError('WORLD_CANCELLED', `world ${this.state.worldId} is cancelled and accepts no new events`, { where: { world: this.state.worldId } });
    }
  }

  private submit<K extends EntryKind>(kind: K, build: () => unknown): Promise<Committed> {
    return new Promise<Committed>((resolve, reject) => {
      if (this.closed) throw new WorldlineError('WORLD_CLOSED', 'the world is closed');
      const parsed = PAYLOAD_SCHEMAS[kind].safeParse(build());
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new WorldlineError('INVALID_INPUT', `${kind} input is invalid at /${issue?.path.join('/') ?? ''}: ${issue?.message ?? ''}`, {
          where: { world: this.state.worldId, path: `/${issue?.path.join('/') ?? ''}` },
        });
      }
      this.queue.push({ kind, payload: parsed.data, resolve, reject });
      if (!this.flushing) this.flushing = this.flushSoon();
    });
  }

  private commitInput<K extends EntryKind>(kind: K, payload: PayloadOf<K>): Promise<Committed> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, payload, resolve, reject });
      if (!this.flushing) this.flushing = this.flushSoon();
    });
  }

  /** One flush per event-loop turn: everything queued by then shares a transaction. */
  private async flushSoon(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) await this.commitBatch(this.queue.splice(0));
    } finally {
      this.flushing = undefined;
    }
  }

  private async commitBatch(batch: Queued[]): Promise<void> {
    const drafts: Draft[] = [];
    const results: Array<{ seq: number; derived: Draft[] }> = [];
    const outcomes: FoldOutcome[] = [];
    let seq = this.head.seq;
    try {
      for (const item of batch) {
        const stamp = { at: Math.max(this.clock.now(), this.state.lastAt), entropy: this.entropy() };
        const input = { seq: seq + 1, kind: item.kind, stamp, payload: item.payload } as Parameters<typeof foldInput>[2];
        const outcome = foldInput(this.compiled, this.state, input);
        drafts.push(draft(item.kind, stamp, item.payload as never), ...outcome.drafts);
        results.push({ seq: input.seq, derived: outcome.drafts });
        outcomes.push(outcome);
        seq = input.seq + outcome.drafts.length;
      }
      const snapshot = this.maybeSnapshot(drafts, seq);
      const sealed = seal(this.head, drafts);
      await this.options.store.append(this.lease, this.head, sealed, { snapshot });
      this.head = headOf(sealed, this.head);
    } catch (e) {
      for (const item of batch) item.reject(e);
      // The fold ran ahead of the journal: rebuild the state from what is durable.
      this.state = (await restoreState(this.options.store, this.compiled)).state;
      this.head = await this.options.store.head();
      return;
    }
    const headHex = { seq: this.head.seq, hash: Buffer.from(this.head.hash).toString('hex') };
    batch.forEach((item, i) => item.resolve({ ...results[i]!, head: headHex }));
    for (const outcome of outcomes) this.afterCommit(outcome);
  }

  private maybeSnapshot(drafts: Draft[], lastSeq: number) {
    const every = this.options.snapshotEvery ?? 10_000;
    this.sinceSnapshot += drafts.length;
    if (every <= 0 || this.sinceSnapshot < every) return undefined;
    this.sinceSnapshot = 0;
    return snapshotFor(this.compiled, this.state, drafts, lastSeq, { at: Math.max(this.clock.now(), this.state.lastAt), entropy: this.entropy() });
  }

  private afterCommit(outcome: FoldOutcome): void {
    for (const id of outcome.dispatch) {
      const intent = this.state.intents.get(id);
      if (intent) this.dispatcher.dispatch(intent);
    }
    for (const id of outcome.schedule) this.armTimer(id);
    for (const id of outcome.ended) {
      const result = this.state.runs.get(id)?.run.result;
      if (result) this.outcomes.publish(this.state.worldId, result);
    }
  }

  private armTimer(id: string): void {
    const timer = this.state.timers.get(id);
    if (timer) return this.dispatcher.arm(id, timer.dueAt);
    const deadline = this.state.intents.get(id)?.deadline;
    if (deadline !== undefined) this.dispatcher.arm(id, deadline);
  }

  /** A timer or deadline fell due: journal it, unless what it guards has settled meanwhile. */
  private fire(id: string): void {
    if (this.closed || (!this.state.timers.has(id) && this.state.intents.get(id)?.deadline === undefined)) return;
    this.submit('timer.fired', () => ({ timerId: id })).catch(() => undefined);
  }

  /** After a crash or a clean close: re-dispatch intents without receipts, re-arm timers. */
  private resumePendingWork(): void {
    for (const intent of this.state.intents.values()) {
      this.dispatcher.dispatch(intent);
      if (intent.deadline !== undefined) this.dispatcher.arm(intent.intentId, intent.deadline);
    }
    for (const timer of this.state.timers.values()) this.dispatcher.arm(timer.timerId, timer.dueAt);
  }

  /** True when the journal already holds a world.parked entry after `seq` (a reopen of a parked world). */
  private async parkedSince(seq: number): Promise<boolean> {
    for await (const page of this.options.store.read(seq)) {
      if (page.some((e) => e.kind === 'world.parked')) return true;
    }
    return false;
  }

  private async checkRestored(divergence: Divergence | undefined): Promise<void> {
    const recorded = this.state.definition;
    const given = this.compiled.ref;
    if (divergence) {
      const sameCode = recorded.hash === given.hash;
      if (sameCode && !(await this.parkedSince(divergence.seq))) {
        await this.commitInput('world.parked', { reason: divergence.message, divergenceSeq: divergence.seq, actor: 'kernel' });
      }
      throw new DeterminismViolation(`replay diverged: ${divergence.message}`, {
        where: { world: this.state.worldId, seq: divergence.seq }, expected: divergence.recorded, found: divergence.derived, divergence,
        hint: sameCode
          ? 'the world is parked: this code does not reproduce its journal. Run `worldline replay` to see both sides, and open the world with the code that wrote it'
          : 'the new definition does not reproduce the recorded history; keep the old behaviour for old entries (gate the change on a journaled flag or version)',
      });
    }
    if (recorded.hash !== given.hash) {
      if (!this.options.upgrade) {
        throw new WorldlineError('DEFINITION_MISMATCH', `journal was written by ${recorded.name}@${recorded.version} (${recorded.hash.slice(0, 12)}), not ${given.name}@${given.version} (${given.hash.slice(0, 12)})`, {
          expected: recorded, found: given, where: { world: this.state.worldId }, hint: 'pass the original world module, or adopt the new one with --upgrade (journaled)',
        });
      }
      await this.commitInput('world.upgraded', { from: recorded, to: given, actor: this.options.upgrade.actor, reason: this.options.upgrade.reason });
    }
  }
}

const defaultClock = new SystemClock();
