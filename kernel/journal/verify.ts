/**
 * verifyJournal re-walks a journal from seq 1 and names the FIRST entry that is wrong (the
 * checks on each entry are in verify-entry.ts). A chain cannot reveal a cut-off tail or a valid
 * extension: pass `expectHead` for that (verify-head.ts).
 */
import { WorldlineError } from '../errors.js';
import { GENESIS_PREV_HASH } from '../core/entry-codec.js';
import type { SealedEntry } from '../core/entries.js';
import { bytesToHex } from '../core/hash.js';
import type { JournalStore } from '../store/port.js';
import { checkEntry, describe, type VerifyFinding } from './verify-entry.js';
import { checkHeadAtEnd, checkHeadInWalk, parseExpectHead, type ExpectHead, type HeadTracker } from './verify-head.js';

export type { ExpectHead };
export type { VerifyFinding, VerifyProblem } from './verify-entry.js';

export interface VerifyReport {
  readonly ok: boolean;
  /** Entries that passed every check (all of them when ok). */
  readonly entries: number;
  /** The last entry that passed (seq 0 and 64 zeros for an empty journal). */
  readonly head: { readonly seq: number; readonly hash: string };
  readonly firstBad?: VerifyFinding;
}

export interface VerifyOptions {
  /** The head the journal must end on: its hash (hex), or seq and hash to locate a cut precisely. */
  readonly expectHead?: ExpectHead;
  /** Called after each page with the last seq checked and the head seq when the walk started. */
  readonly onProgress?: (seq: number, total: number) => void;
  readonly pageSize?: number;
}

type Walked =
  | { readonly end: 'done' }
  | { readonly end: 'bad'; readonly finding: VerifyFinding }
  /** The store could not even produce row `at` (wrong column types, a short record). */
  | { readonly end: 'refused'; readonly at: number; readonly error: WorldlineError };

/** Where the walk stands: the last good seq and its hash. */
interface Walk {
  seq: number;
  prev: Uint8Array;
}

interface WalkContext {
  readonly tracker: HeadTracker | undefined;
  readonly total: number;
  readonly options: VerifyOptions;
}

function storeRefusal(e: unknown): { at: number; error: WorldlineError } | undefined {
  const at = e instanceof WorldlineError ? e.details.where?.seq : undefined;
  return at === undefined ? undefined : { at, error: e as WorldlineError };
}

/** Checks entries after `walk.seq` up to `to`, advancing `walk` past each good one. */
async function walkTo(store: JournalStore, walk: Walk, to: number, ctx: WalkContext): Promise<Walked> {
  const pages = store.read(walk.seq + 1, { to, pageSize: ctx.options.pageSize })[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<readonly SealedEntry[]>;
      try {
        next = await pages.next();
      } catch (e) {
        const refusal = storeRefusal(e);
        if (!refusal) throw e;
        return { end: 'refused', ...refusal };
      }
      if (next.done) return { end: 'done' };
      for (const entry of next.value) {
        const bad = checkEntry(entry, walk.seq + 1, walk.prev);
        if (bad) return { end: 'bad', finding: { seq: walk.seq + 1, ...bad } };
        const off = ctx.tracker && checkHeadInWalk(ctx.tracker, walk.seq + 1, entry.hash);
        if (off) return { end: 'bad', finding: off };
        walk.seq += 1;
        walk.prev = entry.hash;
      }
      ctx.options.onProgress?.(walk.seq, ctx.total);
    }
  } finally {
    await pages.return?.();
  }
}

/** Walks the whole journal in `store`; resolves with a report, never throws for a bad journal. */
export async function verifyJournal(store: JournalStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const tracker = options.expectHead === undefined ? undefined : parseExpectHead(options.expectHead);
  const walk: Walk = { seq: 0, prev: GENESIS_PREV_HASH };
  const report = (bad?: VerifyFinding): VerifyReport => ({
    ok: bad === undefined, entries: walk.seq, head: { seq: walk.seq, hash: bytesToHex(walk.prev) }, ...(bad ? { firstBad: bad } : {}),
  });
  let total: number;
  let walked: Walked | undefined;
  try {
    total = (await store.head()).seq;
  } catch (e) {
    const refusal = storeRefusal(e);
    if (!refusal) throw e;
    total = refusal.at;
    walked = { end: 'refused', ...refusal };
  }
  const ctx: WalkContext = { tracker, total, options };
  walked ??= await walkTo(store, walk, total, ctx);
  // The page holding an unreadable row was never seen: check the rows before it first, which
  // may find an earlier bad entry, or an earlier unreadable row to start over from.
  while (walked.end === 'refused') {
    const { at, error }: { at: number; error: WorldlineError } = walked;
    const before = await walkTo(store, walk, at - 1, ctx);
    if (before.end !== 'done') {
      walked = before;
    } else if (walk.seq + 1 !== at) {
      walked = { end: 'bad', finding: { seq: walk.seq + 1, problem: 'SEQ_OUT_OF_ORDER', message: `expected seq ${walk.seq + 1} next, found seq ${at}`,
        expected: String(walk.seq + 1), found: String(at) } };
    } else {
      walked = { end: 'bad', finding: { seq: at, problem: 'ENTRY_MALFORMED', message: error.message,
        expected: describe(error.details.expected), found: describe(error.details.found) } };
    }
  }
  if (walked.end === 'bad') return report(walked.finding);
  if (walk.seq < total) {
    return report({ seq: walk.seq + 1, problem: 'SEQ_OUT_OF_ORDER', message: `the journal ends at seq ${walk.seq} but its head is seq ${total}`,
      expected: String(total), found: String(walk.seq) });
  }
  return report((tracker && checkHeadAtEnd(tracker, walk.seq, bytesToHex(walk.prev))) || undefined);
}
