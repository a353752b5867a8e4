/**
 * Golden vectors for the canonical encoding: value → MessagePack hex → SHA-256 hex. The hex was
 * written from the MessagePack spec and the rules in kernel/core/canonical.ts, and the digests
 * computed outside this code base; a change to any byte here is a breaking change to every journal.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { WorldlineError } from '../../kernel/errors.js';
import { canonicalize, decodeCanonical, encodeCanonical, isCanonical } from '../../kernel/core/canonical.js';
import { bytesToHex, contentHash, sha256Hex } from '../../kernel/core/hash.js';

const GOLDEN: [label: string, value: unknown, msgpackHex: string, sha256: string][] = [
  ['integer-like keys sort as strings ("10" < "9" < "a"), not in JS object order', { b: 1, 10: 2, 9: 3, a: 4 }, '84a2313002a13903a16104a16201', '15e31086d0eddf02e2f02407b1e1847051c093df87b5957deddfbd41b29d624a'],
  ['null', null, 'c0', 'e4ff5e7d7a7f08e9800a3e25cb774533cb20040df30b6ba10f956f9acd0eb3f7'],
  ['true', true, 'c3', 'ae3f4619b0413d70d3004b9131c3752153074e45725be13b9a148978895e359e'],
  ['false', false, 'c2', 'c557e71380112b980eaf1145fa80621130dfbdfa1e375d87ae0018b7c60ac16b'],
  ['zero', 0, '00', '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'],
  ['negative zero folds to 0', -0, '00', '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'],
  ['127: largest positive fixint', 127, '7f', '620bfdaa346b088fb49998d92f19a7eaf6bfc2fb0aee015753966da1028cb731'],
  ['128: smallest uint8', 128, 'cc80', '1cadf684f78b966768c729e93e1195521dfe5fef905910fe81363b3a6760eb34'],
  ['255: largest uint8', 255, 'ccff', '5e0fba7d478cff87941a39995f5ae2a40f530f3860a798842cee36eda76e7b8a'],
  ['256: smallest uint16', 256, 'cd0100', '524ca92727fadd75723cc5fb1a3a1cf04a3d15ffb934bccc9de8b7df5c1c0977'],
  ['65535: largest uint16', 65535, 'cdffff', '266e0d5a8914dd8776ab9dcb095fb9c7c62d01597129aa95d2a684ffc0dcfbda'],
  ['65536: smallest uint32', 65536, 'ce00010000', 'd9d9fc18c533f20507e9047765dea0c08e40daf40039998da2318f25a62f3c6e'],
  ['2^32 - 1: largest uint32', 2 ** 32 - 1, 'ceffffffff', 'd36f66a6d0ed9e859eccabeb41c3a3dacaed4bd181dbfa5cb6fe0f46c5715302'],
  ['2^32: past uint32, float64', 2 ** 32, 'cb41f0000000000000', '74e9ccdb6db8726ce8ac7c855dcabc81425a6de9abc45df8d7b3e767cad4036d'],
  ['a millisecond timestamp: float64', 1_700_000_000_000, 'cb4278bcfe56800000', '5913643add7585eda1744c36788dbd3cf79bf57c09d80c39014b3609efcb18d6'],
  ['MAX_SAFE_INTEGER: float64', Number.MAX_SAFE_INTEGER, 'cb433fffffffffffff', '696938f6f1aa55c17988ff8303883228049d62318df6dd967bd3d92adfe1c265'],
  ['-1', -1, 'ff', 'a8100ae6aa1940d0b663bb31cd466142ebbdbd5187131b92d93818987832eb89'],
  ['-32: smallest negative fixint', -32, 'e0', '7d8c5da7fd418379048e430b33dc8ffcda739e44326b8a5d647dc0ad81ed2157'],
  ['-33: int8', -33, 'd0df', '619788754c16248c3e6f76069c0210114ddf4e8eb980606f6905e1a7399dfef3'],
  ['-128: smallest int8', -128, 'd080', '2c6fef2fdaed1a1955b933b0e6c949d280d369279eb1b7d626f20dcc4880b7d9'],
  ['-129: int16', -129, 'd1ff7f', 'a571fe3a2b416d12e85089ad157ecba07c6f4054e3bdb73f0204f6947a0a9063'],
  ['-32768: smallest int16', -32768, 'd18000', '8c1c30c1cd5e9e416f46bd730a91ad75f496604a3628469d115a7b7db035ccb6'],
  ['-32769: int32', -32769, 'd2ffff7fff', '4fc45408d71d32b6753f94da4b978c4c29fa6843978827cf770b28bdc2a23e47'],
  ['-2^31: smallest int32', -(2 ** 31), 'd280000000', '72447e63a5978267fabb58c7ccd333179bfd2fa67198fae9ecdd567ef2b6355a'],
  ['-2^31 - 1: past int32, float64', -(2 ** 31) - 1, 'cbc1e0000000200000', 'fb386b32caa0dfd81b098b5ecfc79778c987383fcecbc6db931509d21a297d70'],
  ['1.5', 1.5, 'cb3ff8000000000000', '00bc9b0ff7c059b7d20910a87f63c6e1c7f91c94e861abd9ba2151f5b2353c68'],
  ['0.1', 0.1, 'cb3fb999999999999a', '69d183672c9071014875c10395fe3aa3665ce20de1b5994146792e36130345b5'],
  ['-2.5', -2.5, 'cbc004000000000000', '7c651bc3dcc30fd8b55c614eafe8069c52566217da01ba885a315f3b3f4eca44'],
  ['1e300', 1e300, 'cb7e37e43c8800759c', '844f0924be048725651a19934ccfaa5695584abf860360b0bea94d9d7b084295'],
  ['5e-324: smallest subnormal', 5e-324, 'cb0000000000000001', 'd76c42e5bcde4c426f7ccab5405b628c529a3da09aff962a7d83d9bca1811ac5'],
  ['empty string', '', 'a0', 'c19a797fa1fd590cd2e5b42d1cf5f246e29b91684e2f87404b81dc345c7a56a0'],
  ['31 bytes: largest fixstr', 'a'.repeat(31), 'bf' + '61'.repeat(31), 'd8b220c8b243e777e516176b3b1ad092d864b051a4aa7b8f43e3cf382d1b3399'],
  ['32 bytes: smallest str8', 'a'.repeat(32), 'd920' + '61'.repeat(32), '276d2daf19b26958111a602953e5d28e63f726105fb7a5e2fefab6729f496b4c'],
  ['256 bytes: smallest str16', 'a'.repeat(256), 'da0100' + '61'.repeat(256), 'b54aed6be9f96cf2942a4d007b43c389c4b4b9ae4788f94f743abb7c1b6d5d9e'],
  ['16 two-byte chars: str8 by bytes, not chars', 'é'.repeat(16), 'd920' + 'c3a9'.repeat(16), '28f119bc302d920d0e8ee56cc13ad4cfc6ca520c43fd7af1c2bf34b8211f2621'],
  ['unicode: accents, CJK, emoji', 'é日本😀', 'acc3a9e697a5e69cacf09f9880', '91251d3832c0975381563d7e4f784633692b6a8d060756b53671e7679a101e3a'],
  ['empty map', {}, '80', '76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71'],
  ['empty array', [], '90', '9e076ceaf246b6003d9c2680a2b4cf0bffd069805902b0b5edeebf49039fe4bd'],
  ['unsorted keys are sorted', { b: 1, a: 2 }, '82a16102a16201', 'd904aaccb09e8127d8550ab201be4aded2954494264dcb43b028870c637f8b99'],
  ['keys sort by UTF-16 code unit', { 'é': 4, aa: 3, a: 2, B: 1 }, '84a14201a16102a2616103a2c3a904', '12c37ffe6198abd960c4e122d3bbd581bc33ed408d5f19f0ae1989fbd45b6344'],
  ['astral key sorts before U+FFFF (UTF-16 order, not code points)', { '\uffff': 1, '😀': 2 }, '82a4f09f988002a3efbfbf01', 'b560fce55d87b4f0da7fb680d27f65737de89461171d487ea2dee85a415a86bf'],
  ['nested objects with unsorted keys', { z: { y: 1, x: [true, null] }, a: 'x' }, '82a161a178a17a82a17892c3c0a17901', '570ad20a8566df8b7760a4bc0e4330d60a2775aa78a861f4dcf6ae23c5325164'],
  ['undefined-valued properties are omitted', { a: undefined, b: 1, c: { d: undefined } }, '82a16201a16380', 'a163015534ae10b7a2e6e982b1851438b64f04a714f6c049ddf96cbe8649a9f1'],
  ['15 elements: largest fixarray', Array.from({ length: 15 }, (_, i) => i), '9f000102030405060708090a0b0c0d0e', '9168b6e66ae033ee2ce129cf7c02e57dfa46cb388170bedd37bd75b5a9b81ed4'],
  ['16 elements: array16', Array.from({ length: 16 }, (_, i) => i), 'dc0010000102030405060708090a0b0c0d0e0f', '54de60ad19ef025e62f4734780c4aaebda3581da1bac1c3556288170a02229de'],
  ['16 keys: map16', Object.fromEntries(Array.from({ length: 16 }, (_, i) => [String.fromCharCode(97 + i), i])), 'de0010a16100a16201a16302a16403a16504a16605a16706a16807a16908a16a09a16b0aa16c0ba16d0ca16e0da16f0ea1700f', 'fb5685f02d0d4a6e5149b6b323904d5c742e7fc23583394bc6acf8070810c326'],
  ['empty Uint8Array: bin8', new Uint8Array(), 'c400', '6f2013565ba20b1a3247080cb8b2ec85189d499eb46adc089b4c01a122ec4397'],
  ['Uint8Array', new Uint8Array([1, 2, 255]), 'c4030102ff', 'ead6b769949b98947c8991fa2539b128e091e79affd8249da6233614de6a0d17'],
  ['a Uint8Array inside an object', { bytes: new Uint8Array([0xde, 0xad]) }, '81a56279746573c402dead', 'a5439390e68dccdee268cd9944d48ef11a52452cf1815167ab893ff3b7687d8e'],
];

describe('canonical encoding golden vectors', () => {
  it.each(GOLDEN)('%s', (_label, value, hex, sha) => {
    const bytes = encodeCanonical(value);
    expect(bytesToHex(bytes)).toBe(hex);
    expect(sha256Hex(bytes)).toBe(sha);
    expect(contentHash(value)).toBe(sha);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    // The bytes are canonical for what they decode to, so decoding and re-encoding is stable.
    expect(isCanonical(bytes, decodeCanonical(bytes))).toBe(true);
  });

  it('gives identical bytes for -0 and 0, and for any key insertion order', () => {
    expect(encodeCanonical({ a: [-0], b: { d: 1, c: 2 } })).toEqual(encodeCanonical({ b: { c: 2, d: 1 }, a: [0] }));
  });
});

class Point {
  x = 1;
}

const REFUSALS: [label: string, value: unknown, path: string, found: string][] = [
  ['NaN', NaN, '/', 'NaN'],
  ['Infinity, nested', { a: [1, Infinity] }, '/a/1', 'Infinity'],
  ['-Infinity', { n: -Infinity }, '/n', '-Infinity'],
  ['undefined at the root', undefined, '/', 'undefined'],
  ['undefined in an array', [1, undefined], '/1', 'undefined'],
  ['a Map', { m: new Map([[1, 2]]) }, '/m', 'an instance of Map'],
  ['a Set', { s: new Set() }, '/s', 'an instance of Set'],
  ['a Date', { when: new Date(0) }, '/when', 'an instance of Date'],
  ['a class instance', { p: new Point() }, '/p', 'an instance of Point'],
  ['a boxed number', [new Number(1)], '/0', 'an instance of Number'],
  ['a lone high surrogate', { s: 'ok\ud800' }, '/s', 'a string with a lone surrogate'],
  ['a lone low surrogate, deep', { a: [{ b: '\udc00x' }] }, '/a/0/b', 'a string with a lone surrogate'],
  ['a key with a lone surrogate', { o: { '\ud83d': 1 } }, '/o', 'a key with a lone surrogate'],
  ['a bigint', { n: 10n }, '/n', 'bigint'],
  ['a function', { f: () => 1 }, '/f', 'function'],
  ['a symbol', [Symbol('s')], '/0', 'symbol'],
  ['the key __proto__', JSON.parse('{"a":{"__proto__":{"x":1}}}'), '/a/__proto__', 'the reserved key "__proto__"'],
];

describe('canonical encoding refusals', () => {
  it.each(REFUSALS)('refuses %s with CANONICAL_ENCODING_REFUSED and its path', (_label, value, path, found) => {
    let error: unknown;
    try {
      encodeCanonical(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorldlineError);
    const e = error as WorldlineError;
    expect(e.code).toBe('CANONICAL_ENCODING_REFUSED');
    expect(e.details.where?.path).toBe(path);
    expect(e.details.found).toBe(found);
    expect(e.message).toContain(path === '/' ? '(root)' : path);
  });
});

/** Any value the canonical encoding accepts. */
const key = fc.string({ unit: 'binary', maxLength: 6 }).filter((k) => k !== '__proto__' && k.isWellFormed());
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => s.isWellFormed()),
    fc.uint8Array({ maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
}));

/** The same value with every object's keys inserted in another order, chosen by `seed`. */
function reorderKeys(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((item, i) => reorderKeys(item, seed + i));
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  const entries = Object.entries(v);
  const rotated = entries.length ? [...entries.slice(seed % entries.length), ...entries.slice(0, seed % entries.length)].reverse() : [];
  return Object.fromEntries(rotated.map(([k, item]) => [k, reorderKeys(item, seed * 31 + 7)]));
}

describe('canonical encoding properties', () => {
  it('encode(decode(encode(x))) equals encode(x)', () => {
    fc.assert(fc.property(value, (x) => {
      const bytes = encodeCanonical(x);
      expect(bytesToHex(encodeCanonical(decodeCanonical(bytes)))).toBe(bytesToHex(bytes));
    }), { numRuns: 500 });
  });

  it('key insertion order never changes the bytes', () => {
    fc.assert(fc.property(value, fc.nat(), (x, seed) => {
      expect(bytesToHex(encodeCanonical(reorderKeys(x, seed)))).toBe(bytesToHex(encodeCanonical(x)));
    }), { numRuns: 500 });
  });

  it('canonicalize is idempotent and encodes to the same bytes', () => {
    fc.assert(fc.property(value, (x) => {
      const once = canonicalize(x);
      expect(bytesToHex(encodeCanonical(canonicalize(once)))).toBe(bytesToHex(encodeCanonical(x)));
    }), { numRuns: 200 });
  });
});

describe('the canonical writer against msgpackr (differential)', () => {
  // Where JS object order and the sorted order agree (no integer-like keys), the hand-written
  // writer must produce exactly the bytes msgpackr produces from a canonicalized copy.
  const packr = new Packr({ useRecords: false, moreTypes: false, structuredClone: false, variableMapSize: true, useFloat32: 0, encodeUndefinedAsNil: false });
  const key = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((k) => !/^(0|[1-9]\d*)$/.test(k) && k !== '__proto__');
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.constant(null), fc.boolean(), fc.integer({ min: -(2 ** 31) - 5, max: 2 ** 32 + 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.maxSafeInteger(), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.uint8Array({ maxLength: 300 }),
    ),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 20 }), fc.dictionary(key, tie('node'), { maxKeys: 20 })),
  })).node;

  it('writes the same bytes as msgpackr for 2,000 random values', () => {
    fc.assert(fc.property(value, (v) => {
      expect(Buffer.from(encodeCanonical(v)).toString('hex')).toBe(Buffer.from(packr.pack(canonicalize(v))).toString('hex'));
    }), { numRuns: 2000 });
  });
});
