/**
 * A running world: the shell around the pure fold. Inputs are validated where they arrive (a
 * refused input is never journaled) and handed to the commit pipeline, which commits them once
 * per event-loop turn with everything they derived. Only after that commit are intents handed
 * to adapters and timers armed; outcomes come back as inputs.
 */
import { hostname } from 'node:os';
import { WorldlineError } from '../errors.js';
import { canonicalize } from '../core/canonical.js';
import { compileWorld, type CompiledWorld } from '../core/compiled-world.js';
import { PAYLOAD_SCHEMAS, type EntryKind } from '../core/entries.js';
import type { FoldOutcome } from '../core/fold.js';
import type { WorldDefinition } from '../core/world-definition.js';
import type { WorldState } from '../core/world-state.js';
import { KERNEL_VERSION } from '../version.js';
import type { JournalStore, WriterLease } from '../store/port.js';
import type { PlanResult } from '../../plans/interpreter/types.js';
import type { AdapterMap, AdapterOutcome } from './adapters.js';
import { SystemClock, type Clock } from './clock.js';
import { CommitPipeline, type Committed, type WorldCell } from './commit-pipeline.js';
import { Dispatcher } from './dispatcher.js';
import { systemEntropy, type EntropySource } from './entropy.js';
import { checkIngress } from './ingress-check.js';
import { checkRestored } from './open-checks.js';
import { OutcomeBus, type OutcomeListener } from './outcomes.js';
import { checkPlanInstall, checkRunRequest, type RunRequestOptions } from './plan-requests.js';
import { restoreState } from './restore.js';
import { describeWorld, type WorldStatusReport } from './status.js';

export type { Committed } from './commit-pipeline.js';

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

export class World {
  private closed = false;
  private readonly dispatcher: Dispatcher;
  private readonly pipeline: CommitPipeline;
  private readonly outcomes = new OutcomeBus();

  private constructor(
    private readonly options: WorldOptions,
    private readonly compiled: CompiledWorld,
    private readonly lease: WriterLease,
    private readonly cell: WorldCell,
    entriesSinceSnapshot: number,
  ) {
    this.dispatcher = new Dispatcher(options.adapters ?? {}, this.clock, () => this.state.worldId, options.dispatch !== false, {
      receipt: (intentId, outcome, adapter) => this.receipt(intentId, outcome, adapter),
      fire: (id) => this.fire(id),
    });
    this.pipeline = new CommitPipeline(cell, {
      store: options.store, lease, compiled, clock: this.clock, entropy: () => this.entropy(),
      snapshotEvery: options.snapshotEvery ?? 10_000, afterCommit: (outcome) => this.afterCommit(outcome),
    }, entriesSinceSnapshot);
  }

  /** Opens (or creates) the world in `store`, taking its writer lease, and resumes pending work. */
  static async open(options: WorldOptions): Promise<World> {
    const compiled = compileWorld(options.definition);
    const owner = options.owner ?? `worldline (pid ${process.pid} on ${hostname()})`;
    const lease = await options.store.acquireWriter({ owner });
    try {
      const restored = await restoreState(options.store, compiled, { checkStateHashes: !options.upgrade });
      const cell: WorldCell = { state: restored.state, head: restored.head };
      const world = new World(options, compiled, lease, cell, restored.head.seq - (restored.snapshotHeight ?? 0));
      const commit = world.pipeline.enqueue.bind(world.pipeline);
      if (restored.head.seq === 0) {
        await commit('world.genesis', {
          worldId: options.worldId ?? `world-${world.entropy().slice(0, 16)}`,
          kernelVersion: KERNEL_VERSION, definition: compiled.ref, flags: [],
        });
      } else {
        await checkRestored(options.store, cell.state, compiled, restored.divergence, options.upgrade, commit);
      }
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
    return this.cell.state;
  }

  get headSeq(): number {
    return this.cell.head.seq;
  }

  status(): WorldStatusReport {
    return describeWorld(this.cell.state, this.cell.head);
  }

  /** Submits an ingress event. Refused (and not journaled) if the world cannot accept it. */
  ingest(type: string, data: unknown, options: { dedupeKey?: string; source?: string } = {}): Promise<Committed> {
    return this.submit('ingress', () => checkIngress(this.compiled, this.state, type, data, options));
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
  committed(): Promise<void> {
    return this.pipeline.drained();
  }

  /** Resolves when nothing is queued, committing, or in flight at an adapter. */
  async idle(): Promise<void> {
    for (;;) {
      await this.pipeline.drained();
      await this.dispatcher.whenIdle();
      if (!this.pipeline.busy && this.dispatcher.inFlightCount === 0) return;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Commits what is queued, then releases the lease. In-flight effects resume on the next open. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.pipeline.drained();
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

  private get state(): WorldState {
    return this.cell.state;
  }

  /** Validates an input where it arrives; a refused one never reaches the journal. */
  private submit<K extends EntryKind>(kind: K, build: () => unknown): Promise<Committed> {
    return new Promise<Committed>((resolve, reject) => {
      if (this.closed) throw new WorldlineError('WORLD_CLOSED', 'the world is closed');
      const parsed = PAYLOAD_SCHEMAS[kind].safeParse(build());
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = `/${issue?.path.join('/') ?? ''}`;
        throw new WorldlineError('INVALID_INPUT', `${kind} input is invalid at ${path}: ${issue?.message ?? ''}`, { where: { world: this.state.worldId, path } });
      }
      this.pipeline.enqueue(kind, parsed.data as never).then(resolve, reject);
    });
  }

  private afterCommit(outcome: FoldOutcome): void {
    for (const id of outcome.dispatch) {
      const intent = this.state.intents.get(id);
      if (intent) this.dispatcher.dispatch(intent);
    }
    for (const id of outcome.schedule) this.armTimer(id);
    for (const id of outcome.disarm) this.dispatcher.disarm(id);
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
}

const defaultClock = new SystemClock();
