/**
 * A JournalStore that forwards to another and counts commits, entries and inputs, so the world
 * benchmark can report how large its group commits really were (and size its baseline to match).
 */
import { INPUT_KINDS, type EntryKind, type SealedEntry } from '../../kernel/core/entries.js';
import type { ChainHead } from '../../kernel/journal/chain.js';
import type { AppendOptions, JournalStore, ReadOptions, StoredSnapshot, WriterIdentity, WriterLease } from '../../kernel/store/port.js';

export interface AppendCounts {
  commits: number;
  entries: number;
  inputs: number;
}

export class CountingStore implements JournalStore {
  readonly counts: AppendCounts = { commits: 0, entries: 0, inputs: 0 };

  constructor(private readonly inner: JournalStore) {}

  get location(): string {
    return this.inner.location;
  }

  get readOnly(): boolean {
    return this.inner.readOnly;
  }

  reset(): AppendCounts {
    const before = { ...this.counts };
    Object.assign(this.counts, { commits: 0, entries: 0, inputs: 0 });
    return before;
  }

  acquireWriter(identity: WriterIdentity): Promise<WriterLease> {
    return this.inner.acquireWriter(identity);
  }

  releaseWriter(lease: WriterLease): Promise<void> {
    return this.inner.releaseWriter(lease);
  }

  head(): Promise<ChainHead> {
    return this.inner.head();
  }

  async append(lease: WriterLease, expected: ChainHead, entries: readonly SealedEntry[], options?: AppendOptions): Promise<void> {
    await this.inner.append(lease, expected, entries, options);
    this.counts.commits += 1;
    this.counts.entries += entries.length;
    for (const e of entries) if (INPUT_KINDS.has(e.kind as EntryKind)) this.counts.inputs += 1;
  }

  read(from: number, options?: ReadOptions): AsyncIterable<readonly SealedEntry[]> {
    return this.inner.read(from, options);
  }

  latestSnapshot(maxHeight?: number): Promise<StoredSnapshot | undefined> {
    return this.inner.latestSnapshot(maxHeight);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
