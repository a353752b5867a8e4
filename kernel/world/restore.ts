/**
 * Rebuilds a world's state from its journal: from the newest snapshot (checked against its
 * marker's state hash) or from genesis, checking every chain link on the way and re-deriving
 * every derived entry through the Replayer. Used by World.open and by `worldline replay`.
 */
import { createHash } from 'node:crypto';
import { WorldlineError } from '../errors.js';
import { decodeCanonical } from '../core/canonical.js';
import type { CompiledWorld } from '../core/compiled-world.js';
import { GENESIS_PREV_HASH } from '../core/entry-codec.js';
import { Replayer, type Divergence } from '../core/replayer.js';
import { emptyState, stateFromValue, type WorldState } from '../core/world-state.js';
import { checkLink, type ChainHead } from '../journal/chain.js';
import type { JournalStore, StoredSnapshot } from '../store/port.js';

export interface RestoreOptions {
  /** Start from the newest snapshot (default true); false re-folds from genesis. */
  readonly useSnapshot?: boolean;
  /** Start from the newest snapshot at or below this seq (to replay from an older one). */
  readonly snapshotAtOrBefore?: number;
  readonly checkStateHashes?: boolean;
  readonly onProgress?: (seq: number, head: number) => void;
}

export interface Restored {
  readonly state: WorldState;
  readonly head: ChainHead;
  /** Entries read and folded or compared. */
  readonly entries: number;
  /** Seq of the snapshot marker restoring started from, if any. */
  readonly snapshotHeight?: number;
  readonly divergence?: Divergence;
}

export async function restoreState(store: JournalStore, world: CompiledWorld, options: RestoreOptions = {}): Promise<Restored> {
  const head = await store.head();
  const snapshot = options.useSnapshot === false ? undefined : await store.latestSnapshot(Math.min(head.seq, options.snapshotAtOrBefore ?? head.seq));
  const state = snapshot ? stateFromSnapshot(snapshot, store.location) : emptyState();
  const replayer = new Replayer(world, state, { checkStateHashes: options.checkStateHashes });
  const from = snapshot ? snapshot.height : 1;
  // From a snapshot, the marker's own predecessor is not read: trust its link, check its hash.
  let prev: ChainHead | undefined = snapshot ? undefined : { seq: 0, hash: GENESIS_PREV_HASH };
  for await (const page of store.read(from, { to: head.seq })) {
    for (const sealed of page) {
      const bad = checkLink(prev ?? { seq: sealed.seq - 1, hash: sealed.prevHash }, sealed);
      if (bad) {
        throw new WorldlineError('JOURNAL_TAMPERED', `${bad.message} (${bad.problem})`, {
          where: { seq: sealed.seq, file: store.location }, hint: 'run `worldline verify` for a full report',
        });
      }
      prev = { seq: sealed.seq, hash: sealed.hash };
      const divergence = replayer.feed(sealed);
      if (divergence) return { state, head, entries: replayer.entries, snapshotHeight: snapshot?.height, divergence };
    }
    if (prev) options.onProgress?.(prev.seq, head.seq);
  }
  const divergence = replayer.finish(head.seq);
  return { state, head, entries: replayer.entries, snapshotHeight: snapshot?.height, divergence };
}

function stateFromSnapshot(snapshot: StoredSnapshot, location: string): WorldState {
  const digest = createHash('sha256').update(snapshot.state).digest();
  if (Buffer.compare(digest, snapshot.stateHash) !== 0) {
    throw new WorldlineError('SNAPSHOT_CORRUPT', `snapshot at seq ${snapshot.height} does not match its state hash`, {
      where: { seq: snapshot.height, file: location }, hint: 'delete the snapshot row; the world re-folds from genesis',
    });
  }
  return stateFromValue(decodeCanonical(snapshot.state, { seq: snapshot.height }));
}
