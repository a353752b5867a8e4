/**
 * Snapshots: at a quiescent point (between inputs, after a commit batch is folded) the world
 * appends a snapshot.marker input carrying the state hash, and stores the state blob in the same
 * transaction. Opening loads the newest blob, checks it against the marker, and folds only the tail.
 */
import { createHash } from 'node:crypto';
import type { CompiledWorld } from '../core/compiled-world.js';
import { draft } from '../core/entry-codec.js';
import type { Draft, Stamp } from '../core/entries.js';
import { foldInput } from '../core/fold.js';
import { encodeState, type WorldState } from '../core/world-state.js';
import type { StoredSnapshot } from '../store/port.js';

/** Appends a marker draft for the state after `lastSeq` and returns the snapshot to store with it. */
export function snapshotFor(compiled: CompiledWorld, state: WorldState, drafts: Draft[], lastSeq: number, stamp: Stamp): StoredSnapshot {
  const blob = encodeState(state);
  const stateHash = createHash('sha256').update(blob).digest();
  const payload = { height: lastSeq, stateHash: stateHash.toString('hex') };
  foldInput(compiled, state, { seq: lastSeq + 1, kind: 'snapshot.marker', stamp, payload });
  drafts.push(draft('snapshot.marker', stamp, payload));
  return { height: lastSeq + 1, stateHash, state: blob };
}
