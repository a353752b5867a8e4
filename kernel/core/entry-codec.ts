/**
 * Entry bytes: the body is the canonical MessagePack of [at, entropy | null, payload]; the hash
 * is SHA-256 over prevHash (32 bytes) ‖ seq (u64 big-endian) ‖ kind (UTF-8) ‖ 0x00 ‖ body.
 * Decoding is strict: an unknown kind, a malformed body or a payload that fails its schema is an
 * error naming the seq, never a guess.
 */
import { WorldlineError } from '../errors.js';
import { decodeCanonical, encodeCanonical } from './canonical.js';
import { PAYLOAD_SCHEMAS, isEntryKind, type Draft, type Entry, type EntryKind, type SealedEntry, type Stamp } from './entries.js';
import { bytesToHex } from './hash.js';

export const GENESIS_PREV_HASH = new Uint8Array(32);

const kindBytesCache = new Map<string, Uint8Array>();
const utf8 = new TextEncoder();

function kindBytes(kind: string): Uint8Array {
  let bytes = kindBytesCache.get(kind);
  if (!bytes) {
    bytes = utf8.encode(kind);
    kindBytesCache.set(kind, bytes);
  }
  return bytes;
}

export function encodeBody(draft: Draft): Uint8Array {
  return encodeCanonical([draft.stamp.at, draft.stamp.entropy ?? null, draft.payload]);
}

/** Length of an entry's hash preimage. */
export function preimageLength(kind: string, body: Uint8Array): number {
  return 41 + kindBytes(kind).length + body.length;
}

/** Writes the hash preimage into `out` (at least preimageLength bytes) and returns its length. */
export function writePreimage(out: Uint8Array, prevHash: Uint8Array, seq: number, kind: string, body: Uint8Array): number {
  const k = kindBytes(kind);
  out.set(prevHash, 0);
  const hi = Math.floor(seq / 2 ** 32);
  const lo = seq >>> 0;
  out[32] = hi >>> 24; out[33] = (hi >>> 16) & 0xff; out[34] = (hi >>> 8) & 0xff; out[35] = hi & 0xff;
  out[36] = lo >>> 24; out[37] = (lo >>> 16) & 0xff; out[38] = (lo >>> 8) & 0xff; out[39] = lo & 0xff;
  out.set(k, 40);
  out[40 + k.length] = 0;
  out.set(body, 41 + k.length);
  return 41 + k.length + body.length;
}

/** The exact bytes an entry's hash covers: prevHash ‖ seq (u64 BE) ‖ kind ‖ 0x00 ‖ body. */
export function hashPreimage(prevHash: Uint8Array, seq: number, kind: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(preimageLength(kind, body));
  writePreimage(out, prevHash, seq, kind, body);
  return out;
}

function malformed(seq: number, kind: string, message: string, found: unknown): never {
  throw new WorldlineError('JOURNAL_ENTRY_MALFORMED', `entry ${seq} (${kind}): ${message}`, {
    expected: `a valid ${kind} entry`, found, where: { seq }, hint: 'run `worldline verify` on the journal',
  });
}

/** Decodes the stamp and payload of a sealed entry, validating the payload against its kind's schema. */
export function decodeEntry(sealed: SealedEntry): Entry {
  const { seq, kind } = sealed;
  if (!isEntryKind(kind)) {
    throw new WorldlineError('JOURNAL_UNKNOWN_KIND', `entry ${seq} has unknown kind "${kind}"`, {
      expected: 'a known entry kind', found: kind, where: { seq },
    });
  }
  const body = decodeCanonical(sealed.body, { seq });
  if (!Array.isArray(body) || body.length !== 3) malformed(seq, kind, 'body is not [at, entropy, payload]', body);
  const [at, entropy, raw] = body as [unknown, unknown, unknown];
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) malformed(seq, kind, 'stamp time is not a non-negative integer', at);
  if (entropy !== null && (typeof entropy !== 'string' || !/^[0-9a-f]{32}$/.test(entropy))) {
    malformed(seq, kind, 'stamp entropy is not 32 hex chars', entropy);
  }
  const parsed = PAYLOAD_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    malformed(seq, kind, `payload ${issue ? `/${issue.path.join('/')}: ${issue.message}` : 'is invalid'}`, raw);
  }
  const stamp: Stamp = entropy === null ? { at } : { at, entropy: entropy as string };
  return {
    seq, kind, stamp, payload: parsed.data,
    prevHash: bytesToHex(sealed.prevHash), hash: bytesToHex(sealed.hash),
  } as Entry;
}

/** Builds a draft, typed by kind. */
export function draft<K extends EntryKind>(kind: K, stamp: Stamp, payload: Draft<K>['payload']): Draft<K> {
  return { kind, stamp, payload } as Draft<K>;
}
