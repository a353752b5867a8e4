/** Opening journal files from the command line, read-only unless a command writes. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeEntry, openSqliteStore, type Entry, type JournalStore } from '../kernel/index.js';
import { cliError } from './errors.js';

/** Opens an existing journal read-only (no lease: safe while a writer runs). */
export async function openJournalReadOnly(path: string): Promise<JournalStore> {
  const file = resolve(path);
  let isDir = false;
  try {
    isDir = statSync(file).isDirectory();
  } catch {
    // Missing: the store names it with JOURNAL_NOT_FOUND.
  }
  if (isDir) {
    throw cliError('JOURNAL_NOT_FOUND', `${path} is a directory, not a journal file`, {
      expected: 'a journal file', found: 'a directory', where: { file }, hint: `did you mean ${path.replace(/\/$/, '')}/world.db?`,
    });
  }
  return openSqliteStore(file, { readOnly: true });
}

/** Runs `fn` on a read-only journal and always closes it. */
export async function withJournal<T>(path: string, fn: (store: JournalStore) => Promise<T>): Promise<T> {
  const store = await openJournalReadOnly(path);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Decoded entries from `from` to `to` (inclusive), in order. */
export async function* readEntries(store: JournalStore, from = 1, to?: number): AsyncGenerator<Entry> {
  for await (const page of store.read(from, { to })) for (const sealed of page) yield decodeEntry(sealed);
}

/** The journal's first entry, if it is a genesis. */
export async function readGenesis(store: JournalStore): Promise<Entry<'world.genesis'> | undefined> {
  for await (const entry of readEntries(store, 1, 1)) return entry.kind === 'world.genesis' ? entry : undefined;
  return undefined;
}
