/**
 * What opening a journal must settle before the world runs: a replay divergence parks the world
 * (once) and refuses to run; a definition other than the journal's is refused unless the caller
 * upgrades, which is journaled.
 */
import { DeterminismViolation, WorldlineError } from '../errors.js';
import type { CompiledWorld } from '../core/compiled-world.js';
import type { EntryKind, PayloadOf } from '../core/entries.js';
import type { Divergence } from '../core/replayer.js';
import type { WorldState } from '../core/world-state.js';
import type { JournalStore } from '../store/port.js';

type Commit = <K extends EntryKind>(kind: K, payload: PayloadOf<K>) => Promise<unknown>;

/** True when the journal already holds a world.parked entry after `seq` (a reopen of a parked world). */
async function parkedSince(store: JournalStore, seq: number): Promise<boolean> {
  for await (const page of store.read(seq)) {
    if (page.some((e) => e.kind === 'world.parked')) return true;
  }
  return false;
}

export async function checkRestored(
  store: JournalStore, state: WorldState, compiled: CompiledWorld, divergence: Divergence | undefined,
  upgrade: { actor: string; reason?: string } | undefined, commit: Commit,
): Promise<void> {
  const recorded = state.definition;
  const given = compiled.ref;
  if (divergence) {
    const sameCode = recorded.hash === given.hash;
    if (sameCode && !(await parkedSince(store, divergence.seq))) {
      await commit('world.parked', { reason: divergence.message, divergenceSeq: divergence.seq, actor: 'kernel' });
    }
    throw new DeterminismViolation(`replay diverged: ${divergence.message}`, {
      where: { world: state.worldId, seq: divergence.seq }, expected: divergence.recorded, found: divergence.derived, divergence,
      hint: sameCode
        ? 'the world is parked: this code does not reproduce its journal. Run `worldline replay` to see both sides, and open the world with the code that wrote it'
        : 'the new definition does not reproduce the recorded history; keep the old behaviour for old entries (gate the change on a journaled flag or version)',
    });
  }
  if (recorded.hash === given.hash) return;
  if (!upgrade) {
    throw new WorldlineError('DEFINITION_MISMATCH', `journal was written by ${recorded.name}@${recorded.version} (${recorded.hash.slice(0, 12)}), not ${given.name}@${given.version} (${given.hash.slice(0, 12)})`, {
      expected: recorded, found: given, where: { world: state.worldId }, hint: 'pass the original world module, or adopt the new one with --upgrade (journaled)',
    });
  }
  await commit('world.upgraded', { from: recorded, to: given, actor: upgrade.actor, reason: upgrade.reason });
}
