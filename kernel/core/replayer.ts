/**
 * Replay with comparison: feeds recorded entries through the fold and checks that every derived
 * entry the journal holds is exactly (seq, kind, bytes) what the fold derives now, and that every
 * snapshot marker's state hash matches the state at that point. The first difference is returned
 * with both sides decoded; the caller parks the world rather than running on.
 */
import { bytesEqual } from './canonical.js';
import type { CompiledWorld } from './compiled-world.js';
import { decodeEntry, encodeBody } from './entry-codec.js';
import { isEntryKind, isInputKind, type Draft, type Entry, type SealedEntry } from './entries.js';
import { foldInput } from './fold.js';
import { sha256Hex } from './hash.js';
import { encodeState, type WorldState } from './world-state.js';

export type DivergenceReason = 'mismatch' | 'missing' | 'unexpected' | 'state-hash';

export interface EntrySide {
  readonly kind: string;
  readonly stamp?: unknown;
  readonly payload: unknown;
}

export interface Divergence {
  /** The first seq at which the journal and the re-derivation disagree. */
  readonly seq: number;
  readonly reason: DivergenceReason;
  /** The input whose derived entries disagree. */
  readonly input: { readonly seq: number; readonly kind: string };
  readonly recorded?: EntrySide;
  readonly derived?: EntrySide;
  readonly message: string;
}

export interface ReplayerOptions {
  /** Compare snapshot markers' state hashes (off while adopting an upgraded definition). */
  readonly checkStateHashes?: boolean;
}

export function stateHashOf(state: WorldState): string {
  return sha256Hex(encodeState(state));
}

export class Replayer {
  private expected: Draft[] = [];
  private next = 0;
  private input = { seq: 0, kind: '' };
  entries = 0;

  constructor(
    private readonly world: CompiledWorld,
    readonly state: WorldState,
    private readonly options: ReplayerOptions = {},
  ) {}

  /**
   * Feeds the next recorded entry; returns the first divergence, if this entry is it. Inputs are
   * decoded (strictly) to be folded; derived entries are compared as bytes and decoded only to
   * report a difference (equal bytes to a freshly derived entry cannot be malformed).
   */
  feed(sealed: SealedEntry): Divergence | undefined {
    this.entries++;
    if (!(isEntryKind(sealed.kind) && isInputKind(sealed.kind))) return this.compareDerived(sealed);
    const entry = decodeEntry(sealed);
    const missing = this.missing(entry.seq, entry);
    if (missing) return missing;
    if (entry.kind === 'snapshot.marker' && this.options.checkStateHashes !== false) {
      const now = stateHashOf(this.state);
      if (now !== entry.payload.stateHash) {
        return {
          seq: entry.seq, reason: 'state-hash', input: { seq: entry.seq, kind: entry.kind },
          recorded: { kind: entry.kind, payload: entry.payload }, derived: { kind: entry.kind, payload: { height: entry.payload.height, stateHash: now } },
          message: `state hash at seq ${entry.seq} differs: recorded ${entry.payload.stateHash}, re-derived ${now}`,
        };
      }
    }
    this.input = { seq: entry.seq, kind: entry.kind };
    this.expected = foldInput(this.world, this.state, entry).drafts;
    this.next = 0;
    return undefined;
  }

  /** Call after the last entry: derived entries still expected mean the journal lost them. */
  finish(headSeq: number): Divergence | undefined {
    return this.missing(headSeq + 1);
  }

  private missing(seq: number, recorded?: Entry): Divergence | undefined {
    const want = this.expected[this.next];
    if (!want) return undefined;
    return {
      seq, reason: 'missing', input: this.input,
      recorded: recorded ? { kind: recorded.kind, stamp: recorded.stamp, payload: recorded.payload } : undefined,
      derived: { kind: want.kind, stamp: want.stamp, payload: want.payload },
      message: `input ${this.input.seq} (${this.input.kind}) now derives a ${want.kind} entry at seq ${seq} that the journal does not have`,
    };
  }

  private compareDerived(sealed: SealedEntry): Divergence | undefined {
    const want = this.expected[this.next];
    if (want && want.kind === sealed.kind && bytesEqual(encodeBody(want), sealed.body)) {
      this.next++;
      return undefined;
    }
    const entry = decodeEntry(sealed);
    const recorded = { kind: entry.kind, stamp: entry.stamp, payload: entry.payload };
    if (!want) {
      return {
        seq: entry.seq, reason: 'unexpected', input: this.input, recorded,
        message: `the journal has a ${entry.kind} entry at seq ${entry.seq} that input ${this.input.seq} (${this.input.kind}) no longer derives`,
      };
    }
    this.next++;
    return {
      seq: entry.seq, reason: 'mismatch', input: this.input, recorded,
      derived: { kind: want.kind, stamp: want.stamp, payload: want.payload },
      message: `seq ${entry.seq}: recorded ${entry.kind} differs from the re-derived ${want.kind} (input ${this.input.seq}, ${this.input.kind})`,
    };
  }
}
