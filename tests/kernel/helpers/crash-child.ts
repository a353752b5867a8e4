/**
 * A child process for the crash/resume test: opens the orders world on a SQLite journal, places
 * any orders not placed yet, lets payments and shipping timers run, then prints DONE. The
 * parent SIGKILLs it at random points and starts it again until it finishes. Every adapter
 * call is appended to a side file (fsync'd) so the parent can count dispatches.
 */
import { appendFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { openSqliteStore } from '../../../kernel/store/sqlite-store.js';
import { World } from '../../../kernel/world/world.js';
import { ordersWorld } from '../../../fixtures/worlds/orders.js';

const [journal, callsFile, countArg] = process.argv.slice(2);
const count = Number(countArg);

function recordCall(line: string): void {
  appendFileSync(callsFile!, `${line}\n`);
  const fd = openSync(callsFile!, 'r');
  fsyncSync(fd);
  closeSync(fd);
}

const world = await World.open({
  store: await openSqliteStore(journal!),
  ownsStore: true,
  definition: ordersWorld,
  worldId: 'crash-world',
  snapshotEvery: 25,
  adapters: {
    'payments.charge': {
      async execute(intent) {
        recordCall(intent.intentId);
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5)));
        const { orderId } = intent.params as { orderId: string };
        return Number(orderId.slice(1)) % 4 === 3
          ? { status: 'error', error: { code: 'CARD_DECLINED', message: 'declined' } }
          : { status: 'ok', result: { chargeId: `ch_${orderId}` } };
      },
    },
  },
});

// Progress lines let the parent kill at chosen points whatever the machine's speed.
const placed = world.current.instances.get('orders') ?? new Map();
process.stdout.write(`opened ${placed.size}\n`);
for (let i = 0; i < count; i++) {
  const orderId = `o${i}`;
  if (placed.has(orderId)) continue;
  await world.ingest('order.placed', { orderId, amount: 10 + i, customer: `c${i % 3}` }, { dedupeKey: orderId });
  process.stdout.write(`placed ${i + 1}\n`);
}
process.stdout.write('draining\n');
for (;;) {
  await world.idle();
  const s = world.status();
  if (s.intents.inFlight === 0 && s.timers === 0) break;
  await new Promise((r) => setTimeout(r, 10));
}
await world.close();
process.stdout.write('DONE\n');
