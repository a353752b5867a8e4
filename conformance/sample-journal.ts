/**
 * Deterministic sample journals for conformance suites, tamper tests and benchmarks: a
 * world.genesis entry, then ingress entries of about 200 body bytes each, with valid payloads.
 */
import { draft, encodeBody } from '../kernel/core/entry-codec.js';
import type { Draft, SealedEntry } from '../kernel/core/entries.js';
import { sha256Hex } from '../kernel/core/hash.js';
import { EMPTY_HEAD, seal, type ChainHead } from '../kernel/journal/chain.js';

export const SAMPLE_EPOCH_MS = 1_700_000_000_000;
const DEFINITION_HASH = sha256Hex(new TextEncoder().encode('sample world definition'));

function entropyOf(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function genesisDraft(worldId = 'sample-world'): Draft {
  return draft('world.genesis', { at: SAMPLE_EPOCH_MS, entropy: entropyOf(0) }, {
    worldId, kernelVersion: '0.1.0', definition: { name: 'sample', version: '1', hash: DEFINITION_HASH }, flags: [],
  });
}

/** The n-th sample ingress (n >= 2 is its seq in a sample journal). */
export function ingressDraft(n: number): Draft {
  return draft('ingress', { at: SAMPLE_EPOCH_MS + n * 1000, entropy: entropyOf(n) }, {
    type: 'order.placed',
    source: 'sample-shop',
    dedupeKey: `order-${n}`,
    data: { orderId: `o-${String(n).padStart(8, '0')}`, amount: n % 10_000, currency: 'EUR', channel: 'web-checkout', lines: [{ sku: 'sku-1', qty: 1 + (n % 3) }] },
  });
}

/** Drafts for seqs `from`..`from + count - 1` of a sample journal (seq 1 is the genesis). */
export function sampleDrafts(count: number, from = 1): Draft[] {
  const out: Draft[] = [];
  for (let seq = from; seq < from + count; seq++) out.push(seq === 1 ? genesisDraft() : ingressDraft(seq));
  return out;
}

/** `count` sealed sample entries continuing `head` (a new journal by default). */
export function sealSample(count: number, head: ChainHead = EMPTY_HEAD): SealedEntry[] {
  return seal(head, sampleDrafts(count, head.seq + 1));
}

/** A snapshot.marker draft for `stateHash` (hex) covering the entries before it. */
export function markerDraft(height: number, stateHash: string): Draft {
  return draft('snapshot.marker', { at: SAMPLE_EPOCH_MS + height * 1000 }, { height, stateHash });
}

/** Body size of a typical sample ingress entry, for benchmarks that quote bytes per entry. */
export function sampleBodyBytes(): number {
  return encodeBody(ingressDraft(1234)).length;
}
