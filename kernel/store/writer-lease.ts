/**
 * Who holds a world's single-writer lease, and whether that holder is still alive.
 *
 * A holder is alive while its heartbeat is fresh; on the same host we can also ask the kernel
 * whether its pid exists, which lets a new writer take over at once from a SIGKILL'd one instead
 * of waiting out the stale limit. Another host's holder is judged by its heartbeat alone.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { WorldlineError } from '../errors.js';

export const DEFAULT_LEASE_STALE_MS = 30_000;

export interface LeaseRecord {
  readonly owner: string;
  readonly token: string;
  readonly pid: number;
  readonly host: string;
  /** Wall-clock unix ms. */
  readonly acquiredAt: number;
  readonly heartbeatAt: number;
}

export function newLeaseRecord(owner: string, now: number): LeaseRecord {
  return { owner, token: randomBytes(16).toString('hex'), pid: process.pid, host: hostname(), acquiredAt: now, heartbeatAt: now };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type HolderState = 'alive' | 'dead' | 'stale';

export function holderState(record: LeaseRecord, now: number, staleMs: number): HolderState {
  if (record.host === hostname() && !pidExists(record.pid)) return 'dead';
  return now - record.heartbeatAt > staleMs ? 'stale' : 'alive';
}

export function worldLocked(location: string, holder: LeaseRecord, now: number, staleMs: number): WorldlineError {
  const since = new Date(holder.acquiredAt).toISOString(); // determinism-ok: message text
  const beat = Math.max(0, Math.round((now - holder.heartbeatAt) / 1000));
  return new WorldlineError(
    'WORLD_LOCKED',
    `journal ${location} is held by writer "${holder.owner}" (pid ${holder.pid} on ${holder.host}, since ${since}, ` +
      `last heartbeat ${beat}s ago)`,
    {
      expected: 'no live writer',
      found: { owner: holder.owner, pid: holder.pid, host: holder.host, acquiredAt: since, heartbeatAt: new Date(holder.heartbeatAt).toISOString() }, // determinism-ok: message text
      where: { file: location },
      hint: `stop that writer (pid ${holder.pid} on ${holder.host}) or open the journal read-only; a dead holder's lease ` +
        `is taken over automatically, and one silent for ${Math.round(staleMs / 1000)}s counts as stale`,
      recoverable: true,
    },
  );
}

export function validateStaleMs(staleMs: number): number {
  if (!Number.isFinite(staleMs) || staleMs < 30) {
    throw new WorldlineError('INVALID_ARGUMENT', `leaseStaleMs must be at least 30 ms, found ${staleMs}`, {
      expected: '>= 30', found: staleMs,
    });
  }
  return staleMs;
}
