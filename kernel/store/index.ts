/**
 * Journal storage: the JournalStore port and its adapters (better-sqlite3 on disk, in memory).
 * The kernel talks to the port only; a new backend implements it and passes
 * conformance/journal-store-suite.ts.
 */
export type {
  AppendOptions, JournalStore, ReadOptions, StoredSnapshot, WriterIdentity, WriterLease,
} from './port.js';
export { openSqliteStore, SqliteJournalStore, type SqliteStoreOptions } from './sqlite-store.js';
export { SCHEMA_VERSION, type Durability } from './sqlite-schema.js';
export { openMemoryStore, MemoryJournalStore } from './memory-store.js';
export { DEFAULT_LEASE_STALE_MS } from './writer-lease.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './append-rules.js';
