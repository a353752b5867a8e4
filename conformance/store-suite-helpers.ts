/**
 * Helpers of the JournalStore conformance suite: reading a whole journal, comparing entries by
 * their bytes, asserting that a call was refused with a given WorldlineError code, and building
 * batches that carry a snapshot.
 */
import { expect } from 'vitest';
import { WorldlineError } from '../kernel/errors.js';
import { encodeCanonical } from '../kernel/core/canonical.js';
import type { SealedEntry } from '../kernel/core/entries.js';
import { bytesToHex, hexToBytes, sha256Hex } from '../kernel/core/hash.js';
import { seal, type ChainHead } from '../kernel/journal/chain.js';
import type { JournalStore, ReadOptions, StoredSnapshot } from '../kernel/store/port.js';
import { markerDraft, sampleDrafts } from './sample-journal.js';

export interface EntryHex {
  readonly seq: number;
  readonly kind: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly body: string;
}

export function hexOf(entry: SealedEntry): EntryHex {
  return { seq: entry.seq, kind: entry.kind, prevHash: bytesToHex(entry.prevHash), hash: bytesToHex(entry.hash), body: bytesToHex(entry.body) };
}

export interface ReadResult {
  readonly entries: SealedEntry[];
  /** Number of entries in each page, in order. */
  readonly pages: number[];
}

export async function readAll(store: JournalStore, from = 1, options: ReadOptions = {}): Promise<ReadResult> {
  const entries: SealedEntry[] = [];
  const pages: number[] = [];
  for await (const page of store.read(from, options)) {
    pages.push(page.length);
    entries.push(...page);
  }
  return { entries, pages };
}

export async function readHex(store: JournalStore, from = 1, options: ReadOptions = {}): Promise<EntryHex[]> {
  return (await readAll(store, from, options)).entries.map(hexOf);
}

/** Awaits `call` and asserts it failed with a WorldlineError of `code`; returns that error. */
export async function refused(call: Promise<unknown>, code: string): Promise<WorldlineError> {
  let outcome: unknown;
  try {
    await call;
    outcome = undefined;
  } catch (e) {
    outcome = e;
  }
  expect(outcome, `expected a ${code} refusal, but the call succeeded`).toBeInstanceOf(WorldlineError);
  const error = outcome as WorldlineError;
  expect(error.code, error.message).toBe(code);
  return error;
}

export async function headHex(store: JournalStore): Promise<{ seq: number; hash: string }> {
  const head = await store.head();
  return { seq: head.seq, hash: bytesToHex(head.hash) };
}

export function snapshotOf(height: number, state: unknown): StoredSnapshot {
  const bytes = encodeCanonical(state);
  return { height, stateHash: hexToBytes(sha256Hex(bytes)), state: bytes };
}

/** `count - 1` sample entries onto `head`, then the snapshot.marker of `snapshot` (its height must be head.seq + count). */
export function batchWithMarker(head: ChainHead, count: number, snapshot: StoredSnapshot): SealedEntry[] {
  const drafts = sampleDrafts(count - 1, head.seq + 1);
  drafts.push(markerDraft(head.seq + count, bytesToHex(snapshot.stateHash)));
  return seal(head, drafts);
}
