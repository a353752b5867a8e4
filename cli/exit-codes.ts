/**
 * Exit codes that mean something: scripts branch on them. Every WorldlineError code maps to one;
 * anything that is not a WorldlineError is an internal error (70, EX_SOFTWARE).
 */
export const EXIT = {
  ok: 0,
  /** A check failed: tampering, replay divergence, a demo that did not verify, a lint error, a run that did not succeed. */
  checkFailed: 1,
  /** Bad usage or input: unknown option, invalid JSON, a refused event, a missing file. */
  usage: 2,
  /** The world is held by another writer, or its state refuses the request (parked, cancelled). */
  conflict: 3,
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const CHECK_FAILED = new Set([
  'JOURNAL_TAMPERED', 'JOURNAL_ENTRY_MALFORMED', 'JOURNAL_UNKNOWN_KIND', 'JOURNAL_DECODE_FAILED',
  'SNAPSHOT_CORRUPT', 'SNAPSHOT_INVALID', 'DETERMINISM_VIOLATION', 'DEMO_FAILED',
]);
const CONFLICT = new Set(['WORLD_LOCKED', 'JOURNAL_CONFLICT', 'WORLD_PARKED', 'WORLD_CANCELLED']);
const INTERNAL = new Set(['INTERNAL_ERROR', 'JOURNAL_IO_FAILED', 'JOURNAL_CLOSED', 'WORLD_CLOSED', 'JOURNAL_BATCH_INVALID', 'NOT_AN_INPUT']);

export function exitCodeFor(code: string): ExitCode {
  if (CHECK_FAILED.has(code)) return EXIT.checkFailed;
  if (CONFLICT.has(code)) return EXIT.conflict;
  if (INTERNAL.has(code)) return EXIT.internal;
  return EXIT.usage;
}

export const EXIT_CODES_HELP = `
Exit codes:
  0   ok
  1   a check failed (tampering found, replay diverged, demo did not verify, lint error,
      plan run ended partial or failure)
  2   bad usage or input (unknown option, invalid JSON, refused event, missing file)
  3   world locked by another writer, or its state refuses the request (parked, cancelled)
  70  internal error (a bug, or the storage failed)`;
