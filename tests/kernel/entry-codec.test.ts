/**
 * Entry bytes: a golden sealed entry (body, hash preimage and hash, written out from the spec in
 * kernel/core/entry-codec.ts and hashed outside this code base), agreement of the pure-JS and
 * node:crypto SHA-256, and strict decoding that names the code and the seq of every refusal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorldlineError } from '../../kernel/errors.js';
import { encodeCanonical } from '../../kernel/core/canonical.js';
import type { SealedEntry } from '../../kernel/core/entries.js';
import { decodeEntry, draft, GENESIS_PREV_HASH, hashPreimage } from '../../kernel/core/entry-codec.js';
import { bytesToHex, portableSha256Hex } from '../../kernel/core/hash.js';
import { EMPTY_HEAD, entryHash, seal } from '../../kernel/journal/chain.js';

const ENTROPY = '00112233445566778899aabbccddeeff';
const DEF_HASH = 'ab'.repeat(32);
const hexOf = (text: string) => Buffer.from(text, 'utf8').toString('hex');

const GENESIS = draft('world.genesis', { at: 1_700_000_000_000, entropy: ENTROPY }, {
  worldId: 'w-1', kernelVersion: '0.1.0', definition: { name: 'demo', version: '1', hash: DEF_HASH }, flags: [1],
});
const INGRESS = draft('ingress', { at: 1_700_000_000_001 }, { type: 'order.placed', data: { id: 7 } });

const GENESIS_BODY = [
  '93', // [at, entropy, payload]
  'cb4278bcfe56800000', // at: float64 1700000000000
  'd920' + hexOf(ENTROPY),
  '84', // payload: 4 keys, sorted
  'aa' + hexOf('definition'), '83', 'a4' + hexOf('hash'), 'd940' + hexOf(DEF_HASH), 'a4' + hexOf('name'), 'a4' + hexOf('demo'), 'a7' + hexOf('version'), 'a131',
  'a5' + hexOf('flags'), '9101',
  'ad' + hexOf('kernelVersion'), 'a5' + hexOf('0.1.0'),
  'a7' + hexOf('worldId'), 'a3' + hexOf('w-1'),
].join('');
const GENESIS_PREIMAGE = '00'.repeat(32) + '0000000000000001' + hexOf('world.genesis') + '00' + GENESIS_BODY;
const GENESIS_HASH = '9499070179ff6f9e2f38f4ec2e98d61434134eecc532d2c323dfe0f46299bf25';

const INGRESS_BODY = '93' + 'cb4278bcfe56801000' + 'c0' + '82' + 'a4' + hexOf('data') + '81a2696407' + 'a4' + hexOf('type') + 'ac' + hexOf('order.placed');
const INGRESS_PREIMAGE = GENESIS_HASH + '0000000000000002' + hexOf('ingress') + '00' + INGRESS_BODY;
const INGRESS_HASH = 'cd205ab4c5bd712dafdcff585729c7775bdf7fda66041908df4e748fd85908b1';

describe('sealed entry golden vectors', () => {
  const [genesis, ingress] = seal(EMPTY_HEAD, [GENESIS, INGRESS]);

  it('seals world.genesis at seq 1 onto 32 zero bytes', () => {
    expect(bytesToHex(genesis!.body)).toBe(GENESIS_BODY);
    expect(bytesToHex(hashPreimage(GENESIS_PREV_HASH, 1, 'world.genesis', genesis!.body))).toBe(GENESIS_PREIMAGE);
    expect(bytesToHex(genesis!.prevHash)).toBe('00'.repeat(32));
    expect(bytesToHex(genesis!.hash)).toBe(GENESIS_HASH);
  });

  it('chains the next entry on the previous hash, with seq as u64 big-endian and no entropy as nil', () => {
    expect(bytesToHex(ingress!.body)).toBe(INGRESS_BODY);
    expect(bytesToHex(hashPreimage(ingress!.prevHash, 2, 'ingress', ingress!.body))).toBe(INGRESS_PREIMAGE);
    expect(bytesToHex(ingress!.hash)).toBe(INGRESS_HASH);
  });

  it("noble's SHA-256 (pure core) and node:crypto's (shell) agree on the golden preimages", () => {
    expect(portableSha256Hex(Buffer.from(GENESIS_PREIMAGE, 'hex'))).toBe(GENESIS_HASH);
    expect(portableSha256Hex(Buffer.from(INGRESS_PREIMAGE, 'hex'))).toBe(INGRESS_HASH);
    expect(bytesToHex(entryHash(GENESIS_PREV_HASH, 1, 'world.genesis', genesis!.body))).toBe(GENESIS_HASH);
  });

  it('noble and node:crypto agree on any preimage, including seqs past 2^32', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.maxSafeInteger(), fc.string({ minLength: 1, maxLength: 20 }), fc.uint8Array({ maxLength: 300 }),
      (prev, seq, kind, body) => {
        const n = Math.abs(seq);
        expect(bytesToHex(entryHash(prev, n, kind, body))).toBe(portableSha256Hex(hashPreimage(prev, n, kind, body)));
      }), { numRuns: 300 });
    expect(bytesToHex(hashPreimage(GENESIS_PREV_HASH, 2 ** 32 + 5, 'k', new Uint8Array()).subarray(32, 40))).toBe('0000000100000005');
  });

  it('decodes the golden entries back to their drafts', () => {
    expect(decodeEntry(genesis!)).toEqual({ seq: 1, kind: 'world.genesis', stamp: GENESIS.stamp, payload: GENESIS.payload, prevHash: '00'.repeat(32), hash: GENESIS_HASH });
    expect(decodeEntry(ingress!)).toMatchObject({ seq: 2, kind: 'ingress', stamp: { at: 1_700_000_000_001 }, payload: INGRESS.payload });
    expect(decodeEntry(ingress!).stamp).not.toHaveProperty('entropy');
  });
});

function sealedWith(kind: string, body: Uint8Array, seq = 42): SealedEntry {
  return { seq, kind, body, prevHash: new Uint8Array(32), hash: new Uint8Array(32) };
}

function refusal(entry: SealedEntry): WorldlineError {
  try {
    decodeEntry(entry);
  } catch (e) {
    if (e instanceof WorldlineError) return e;
    throw e;
  }
  throw new Error('decodeEntry accepted the entry');
}

const body = (payload: unknown, at: unknown = 1_700_000_000_000, entropy: unknown = null) => encodeCanonical([at, entropy, payload]);
const okIngress = { type: 'order.placed', data: { id: 7 } };

describe('strict decoding', () => {
  const cases: [label: string, entry: SealedEntry, code: string, message: string][] = [
    ['an unknown kind', sealedWith('world.exploded', body(okIngress)), 'JOURNAL_UNKNOWN_KIND', 'unknown kind "world.exploded"'],
    ['an extra payload field', sealedWith('ingress', body({ ...okIngress, extra: 1 })), 'JOURNAL_ENTRY_MALFORMED', 'extra'],
    ['a missing payload field', sealedWith('ingress', body({ data: 1 })), 'JOURNAL_ENTRY_MALFORMED', '/type'],
    ['a payload field of the wrong type', sealedWith('ingress', body({ ...okIngress, type: 42 })), 'JOURNAL_ENTRY_MALFORMED', '/type'],
    ['a nested field of the wrong type', sealedWith('world.genesis', body({ ...GENESIS.payload, flags: ['x'] })), 'JOURNAL_ENTRY_MALFORMED', '/flags/0'],
    ['a stamp time that is not an integer', sealedWith('ingress', body(okIngress, 1.5)), 'JOURNAL_ENTRY_MALFORMED', 'stamp time'],
    ['a stamp time that is a string', sealedWith('ingress', body(okIngress, '1700000000000')), 'JOURNAL_ENTRY_MALFORMED', 'stamp time'],
    ['entropy of the wrong length', sealedWith('ingress', body(okIngress, 1, 'abc')), 'JOURNAL_ENTRY_MALFORMED', 'entropy'],
    ['a body that is not a 3-array', sealedWith('ingress', encodeCanonical([1, null])), 'JOURNAL_ENTRY_MALFORMED', 'not [at, entropy, payload]'],
    ['a body that is a map', sealedWith('ingress', encodeCanonical({ at: 1 })), 'JOURNAL_ENTRY_MALFORMED', 'not [at, entropy, payload]'],
    ['a trailing nil byte', sealedWith('ingress', Buffer.concat([body(okIngress), Buffer.from([0xc0])])), 'JOURNAL_DECODE_FAILED', 'end of buffer not reached'],
    ['a trailing reserved byte', sealedWith('ingress', Buffer.concat([body(okIngress), Buffer.from([0xc1])])), 'JOURNAL_DECODE_FAILED', 'not valid MessagePack'],
    ['a truncated body', sealedWith('ingress', body(okIngress).subarray(0, 12)), 'JOURNAL_DECODE_FAILED', 'not valid MessagePack'],
    ['an empty body', sealedWith('ingress', new Uint8Array()), 'JOURNAL_DECODE_FAILED', 'not valid MessagePack'],
  ];

  it.each(cases)('refuses %s, naming the seq', (_label, entry, code, message) => {
    const error = refusal(entry);
    expect(error.code).toBe(code);
    expect(error.details.where?.seq).toBe(42);
    expect(error.message).toContain(message);
  });
});
