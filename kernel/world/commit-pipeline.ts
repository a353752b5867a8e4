/**
 * Group commit: inputs queue up and are committed once per event-loop turn. Each input is
 * stamped (logical time, entropy), folded, and appended together with everything it derived,
 * all inputs of the turn in one transaction. If the append fails, every input of the batch is
 * refused and the state is rebuilt from what is durable, because the fold ran ahead of it.
 */
import type { CompiledWorld } from '../core/compiled-world.js';
import { draft } from '../core/entry-codec.js';
import type { Draft, EntryKind, PayloadOf } from '../core/entries.js';
import { foldInput, type FoldOutcome, type InputEntry } from '../core/fold.js';
import type { WorldState } from '../core/world-state.js';
import { headOf, seal, type ChainHead } from '../journal/chain.js';
import type { JournalStore, WriterLease } from '../store/port.js';
import type { Clock } from './clock.js';
import type { EntropySource } from './entropy.js';
import { restoreState } from './restore.js';
import { snapshotFor } from './snapshots.js';

export interface Committed {
  readonly seq: number;
  /** Entries derived from this input (domain events, intents, timers, discards, failures). */
  readonly derived: readonly Draft[];
  readonly head: { readonly seq: number; readonly hash: string };
}

/** The world's folded state and journal head, shared by the World and its pipeline. */
export interface WorldCell {
  state: WorldState;
  head: ChainHead;
}

interface Queued {
  readonly kind: EntryKind;
  readonly payload: unknown;
  readonly resolve: (c: Committed) => void;
  readonly reject: (e: unknown) => void;
}

export interface PipelineSettings {
  readonly store: JournalStore;
  readonly lease: WriterLease;
  readonly compiled: CompiledWorld;
  readonly clock: Clock;
  readonly entropy: EntropySource;
  /** Entries between automatic snapshots; 0 disables them. */
  readonly snapshotEvery: number;
  /** Called after each commit with what each input asked the shell to do. */
  readonly afterCommit: (outcome: FoldOutcome) => void;
}

export class CommitPipeline {
  private queue: Queued[] = [];
  private flushing: Promise<void> | undefined;
  private sinceSnapshot: number;

  constructor(private readonly cell: WorldCell, private readonly settings: PipelineSettings, entriesSinceSnapshot: number) {
    this.sinceSnapshot = entriesSinceSnapshot;
  }

  /** True while inputs are queued or a commit is under way. */
  get busy(): boolean {
    return this.flushing !== undefined || this.queue.length > 0;
  }

  /** Queues an already validated input; resolves once it and what it derived are durable. */
  enqueue<K extends EntryKind>(kind: K, payload: PayloadOf<K>): Promise<Committed> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, payload, resolve, reject });
      this.flushing ??= this.flushSoon();
    });
  }

  /** Resolves once everything queued so far is durable. */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushSoon(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) await this.commitBatch(this.queue.splice(0));
    } finally {
      this.flushing = undefined;
    }
  }

  private stamp(): { at: number; entropy: string } {
    return { at: Math.max(this.settings.clock.now(), this.cell.state.lastAt), entropy: this.settings.entropy() };
  }

  private async commitBatch(batch: Queued[]): Promise<void> {
    const { store, lease, compiled } = this.settings;
    const cell = this.cell;
    const drafts: Draft[] = [];
    const results: Array<{ seq: number; derived: Draft[] }> = [];
    const outcomes: FoldOutcome[] = [];
    let seq = cell.head.seq;
    try {
      for (const item of batch) {
        const stamp = this.stamp();
        const input = { seq: seq + 1, kind: item.kind, stamp, payload: item.payload } as InputEntry;
        const outcome = foldInput(compiled, cell.state, input);
        drafts.push(draft(item.kind, stamp, item.payload as never), ...outcome.drafts);
        results.push({ seq: input.seq, derived: outcome.drafts });
        outcomes.push(outcome);
        seq = input.seq + outcome.drafts.length;
      }
      const snapshot = this.maybeSnapshot(drafts, seq);
      const sealed = seal(cell.head, drafts);
      await store.append(lease, cell.head, sealed, { snapshot });
      cell.head = headOf(sealed, cell.head);
    } catch (e) {
      for (const item of batch) item.reject(e);
      cell.state = (await restoreState(store, compiled)).state;
      cell.head = await store.head();
      return;
    }
    const head = { seq: cell.head.seq, hash: Buffer.from(cell.head.hash).toString('hex') };
    batch.forEach((item, i) => item.resolve({ ...results[i]!, head }));
    for (const outcome of outcomes) this.settings.afterCommit(outcome);
  }

  /** At a quiescent point (between inputs, after the batch is folded) every so many entries. */
  private maybeSnapshot(drafts: Draft[], lastSeq: number) {
    const every = this.settings.snapshotEvery;
    this.sinceSnapshot += drafts.length;
    if (every <= 0 || this.sinceSnapshot < every) return undefined;
    this.sinceSnapshot = 0;
    return snapshotFor(this.settings.compiled, this.cell.state, drafts, lastSeq, this.stamp());
  }
}
