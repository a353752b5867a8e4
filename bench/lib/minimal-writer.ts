/**
 * The baseline writers: what appending an entry must cost at the least, written as plainly as
 * possible against better-sqlite3. `appendValidated` does the necessary work of our append path
 * (zod-validate the payload, MessagePack-encode [at, entropy, payload], SHA-256 the chain link,
 * INSERT) with the same table, the same one-transaction-per-commit pattern and the same
 * durability (WAL, synchronous=FULL), and nothing else: no canonical copy, no lease or head
 * re-check, no heartbeat. `insertOnly` is the floor under it: precomputed rows, INSERT alone.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Packr } from 'msgpackr';
import { PAYLOAD_SCHEMAS } from '../../kernel/core/entries.js';

const packr = new Packr({ useRecords: false, moreTypes: false, structuredClone: false, variableMapSize: true, useFloat32: 0 });
const KIND = 'ingress';
const KIND_NUL = Buffer.from(`${KIND}\0`);

export class MinimalWriter {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[number, string, Buffer]>;
  private readonly commit: Database.Transaction<(rows: readonly Buffer[]) => void>;
  private prev: Buffer = Buffer.alloc(32);
  private seq = 0;
  private readonly seqBytes = Buffer.alloc(8);

  constructor(path: string, synchronous: 'FULL' | 'NORMAL' = 'FULL') {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.exec('CREATE TABLE IF NOT EXISTS entries (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, rec BLOB NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO entries (seq, kind, rec) VALUES (?, ?, ?)');
    this.commit = this.db.transaction((rows: readonly Buffer[]) => {
      for (const rec of rows) this.insert.run(++this.seq, KIND, rec);
    });
  }

  /** Validates, encodes, chains and commits `payloads` as one transaction. */
  appendValidated(payloads: readonly unknown[], at: number, entropy: readonly string[]): void {
    const rows: Buffer[] = new Array(payloads.length);
    for (let i = 0; i < payloads.length; i++) {
      const payload = PAYLOAD_SCHEMAS.ingress.parse(payloads[i]);
      const body = packr.pack([at, entropy[i], payload]);
      const seq = this.seq + i + 1;
      this.seqBytes.writeUInt32BE(Math.floor(seq / 2 ** 32), 0);
      this.seqBytes.writeUInt32BE(seq >>> 0, 4);
      const hash = createHash('sha256').update(this.prev).update(this.seqBytes).update(KIND_NUL).update(body).digest();
      rows[i] = Buffer.concat([this.prev, hash, body]);
      this.prev = hash;
    }
    this.commit.immediate(rows);
  }

  /** Commits precomputed rows as one transaction. */
  insertOnly(rows: readonly Buffer[]): void {
    this.commit.immediate(rows);
  }

  close(): void {
    this.db.close();
  }
}
