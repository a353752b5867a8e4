/**
 * Runs the orders world for the demo on a real SQLite journal with the real clock: places the
 * orders, waits until every payment has a receipt and every shipping timer has fired, closes.
 */
import { hostname } from 'node:os';
import { openSqliteStore, World } from '../../kernel/index.js';
import { ordersWorld } from '../../fixtures/worlds/orders.js';
import { cliError } from '../errors.js';
import { paymentsChargeAdapter } from './payments-adapter.js';

export interface DemoOrder {
  readonly orderId: string;
  readonly amount: number;
  readonly customer: string;
}

export const DEMO_ORDERS: readonly DemoOrder[] = [
  { orderId: 'o-1001', amount: 4200, customer: 'ada' },
  { orderId: 'o-1002', amount: 1999, customer: 'grace' },
  { orderId: 'o-1003', amount: 12500, customer: 'alan' },
  { orderId: 'o-1004', amount: 990000, customer: 'mallory' },
  { orderId: 'o-1005', amount: 750, customer: 'ada' },
  { orderId: 'o-1006', amount: 3300, customer: 'edsger' },
];

/** The order the payment provider declines. */
export const DECLINED_ORDER = 'o-1004';

const SETTLE_TIMEOUT_MS = 15_000;

export interface DemoRun {
  readonly worldId: string;
  readonly settledMs: number;
  readonly durability: { journalMode: string; synchronous: number };
}

export async function runOrders(journal: string, providerUrl: string): Promise<DemoRun> {
  const store = await openSqliteStore(journal, { durability: 'full' });
  const durability = store.settings();
  const world = await World.open({
    store, ownsStore: true, definition: ordersWorld, snapshotEvery: 25,
    adapters: { 'payments.charge': paymentsChargeAdapter(providerUrl) },
    owner: `worldline demo (pid ${process.pid} on ${hostname()})`,
  });
  const started = performance.now();
  try {
    await Promise.all(DEMO_ORDERS.map((o) => world.ingest('order.placed', o, { dedupeKey: o.orderId, source: 'worldline-demo' })));
    for (;;) {
      await world.idle();
      const s = world.status();
      if (s.intents.inFlight + s.intents.held + s.timers === 0) break;
      if (performance.now() - started > SETTLE_TIMEOUT_MS) {
        throw cliError('DEMO_FAILED', `the demo world did not settle within ${SETTLE_TIMEOUT_MS / 1000}s`, {
          expected: 'no pending intents or timers', found: { intents: s.intents, timers: s.timers }, where: { file: journal },
          hint: 'inspect it with `worldline inspect`; the pending work resumes when the world is opened again',
        });
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return { worldId: world.id, settledMs: Math.round(performance.now() - started), durability };
  } finally {
    await world.close();
  }
}
