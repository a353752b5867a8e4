/** Temporary directories for SQLite journals, removed after each test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreUnderTest } from '../../../conformance/journal-store-suite.js';
import { openSqliteStore } from '../../../kernel/store/sqlite-store.js';

export interface TempDir {
  readonly path: (name?: string) => string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'worldline-test-'));
  return { path: (name = 'journal.db') => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The conformance factory for the SQLite adapter: a fresh file per test. */
export async function makeSqliteStore(): Promise<StoreUnderTest> {
  const dir = tempDir();
  const writer = await openSqliteStore(dir.path());
  const readers: { close(): Promise<void> }[] = [];
  return {
    writer,
    reader: async () => {
      const reader = await openSqliteStore(dir.path(), { readOnly: true });
      readers.push(reader);
      return reader;
    },
    async cleanup() {
      for (const r of readers) await r.close();
      await writer.close();
      dir.remove();
    },
  };
}
