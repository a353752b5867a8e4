/**
 * A plan's identity is its content: SHA-256 of the canonical MessagePack of the document. Runs
 * are pinned to it, approvals and plan tokens bind to it, execute_plan may name a child by it.
 * Optional fields are never filled in by parsing, so the reviewed file and the parsed plan hash
 * the same; key order and whitespace of the JSON text do not matter.
 */
import { contentHash } from '../kernel/core/hash.js';
import type { HashHex } from '../kernel/core/hash.js';
import type { Plan } from './schema.js';

export function planHash(plan: Plan): HashHex {
  return contentHash(plan);
}
