/**
 * Where benchmark files live: `.bench/` at the repository root (gitignored), on the same disk as
 * the repository, so fsync costs are those of a real journal (os.tmpdir() may be a tmpfs).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));
export const JOURNAL_CACHE_DIR = join(BENCH_DIR, 'journals');
const SCRATCH_DIR = join(BENCH_DIR, 'tmp');

export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** A fresh path for a throwaway journal; call `removeDatabase` on it when done. */
export function scratchDatabase(name: string): string {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const path = join(SCRATCH_DIR, `${name}.db`);
  removeDatabase(path);
  return path;
}
