/**
 * Journals for CLI tests, written through the real World API on SQLite with a manual clock and
 * counter entropy: an orders world with a payments adapter that declines order o3.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { counterEntropy, ManualClock, openSqliteStore, World, type AdapterMap } from '../../../kernel/index.js';
import { ordersWorld } from '../../../fixtures/worlds/orders.js';

export const KERNEL_INDEX = fileURLToPath(new URL('../../../kernel/index.ts', import.meta.url));
export const ORDERS_MODULE = fileURLToPath(new URL('../../../fixtures/worlds/orders.ts', import.meta.url));

export const payments: AdapterMap = {
  'payments.charge': {
    async execute(intent) {
      const { orderId } = intent.params as { orderId: string };
      return orderId === 'o3'
        ? { status: 'error', error: { code: 'CARD_DECLINED', message: 'declined' } }
        : { status: 'ok', result: { chargeId: `ch_${orderId}` } };
    },
  },
};

/** Places `count` orders (o1..oN), settles payments, fires shipping timers, closes. */
export async function writeOrdersJournal(path: string, count = 4, options: { snapshotEvery?: number } = {}): Promise<void> {
  const clock = new ManualClock();
  const world = await World.open({
    store: await openSqliteStore(path), ownsStore: true, definition: ordersWorld, adapters: payments,
    clock, entropy: counterEntropy(), worldId: 'w-cli', snapshotEvery: options.snapshotEvery ?? 0,
  });
  for (let i = 1; i <= count; i++) await world.ingest('order.placed', { orderId: `o${i}`, amount: 100 * i, customer: 'ada' });
  await world.idle();
  clock.advance(50);
  await world.idle();
  await world.close();
}

/** Flips one byte of entry `seq`'s body inside its rec blob (prevHash 32 ‖ hash 32 ‖ body). */
export function tamperEntry(path: string, seq: number): void {
  const db = new Database(path);
  const row = db.prepare('SELECT rec FROM entries WHERE seq = ?').get(seq) as { rec: Buffer };
  const rec = Buffer.from(row.rec);
  rec[rec.length - 1] = rec[rec.length - 1]! ^ 0x01;
  db.prepare('UPDATE entries SET rec = ? WHERE seq = ?').run(rec, seq);
  db.close();
}

/** Writes a world module into `path` (TypeScript, loaded by the CLI through tsx). */
export function writeModule(path: string, source: string): string {
  writeFileSync(path, source);
  return path;
}
