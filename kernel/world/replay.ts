/**
 * Replay of a journal file against a world definition, without writing anything: re-folds from
 * genesis (or from the newest snapshot when asked), re-derives every derived entry and compares
 * it with the recorded one. The report names the first divergence with both sides decoded.
 */
import { compileWorld } from '../core/compiled-world.js';
import type { Divergence } from '../core/replayer.js';
import { stateHashOf } from '../core/replayer.js';
import { instancesHash } from '../core/world-state.js';
import type { DefinitionRef } from '../core/entries.js';
import type { WorldDefinition } from '../core/world-definition.js';
import type { JournalStore } from '../store/port.js';
import { restoreState } from './restore.js';

export interface ReplayReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly head: { readonly seq: number; readonly hash: string };
  readonly worldId: string;
  /** Definition recorded in the journal vs the one replayed with (they may differ on purpose). */
  readonly definition: { readonly recorded: DefinitionRef; readonly given: DefinitionRef };
  /** Hash of the whole folded state (at the point replay stopped) and of the reducer instances alone. */
  readonly stateHash: string;
  readonly domainStateHash: string;
  readonly fromSnapshot?: number;
  readonly divergence?: Divergence;
}

export async function replayJournal(
  store: JournalStore,
  definition: WorldDefinition,
  options: { fromSnapshot?: boolean; snapshotAtOrBefore?: number; onProgress?: (seq: number, head: number) => void } = {},
): Promise<ReplayReport> {
  const compiled = compileWorld(definition);
  const restored = await restoreState(store, compiled, {
    useSnapshot: options.fromSnapshot === true, snapshotAtOrBefore: options.snapshotAtOrBefore, onProgress: options.onProgress,
  });
  return {
    ok: restored.divergence === undefined,
    entries: restored.entries,
    head: { seq: restored.head.seq, hash: Buffer.from(restored.head.hash).toString('hex') },
    worldId: restored.state.worldId,
    definition: { recorded: restored.state.definition, given: compiled.ref },
    stateHash: stateHashOf(restored.state),
    domainStateHash: instancesHash(restored.state),
    fromSnapshot: restored.snapshotHeight,
    divergence: restored.divergence,
  };
}
