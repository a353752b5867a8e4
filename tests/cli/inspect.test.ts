import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDERS_MODULE, writeOrdersJournal } from './helpers/journals.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

interface InspectJson {
  ok: boolean;
  worldId: string;
  status: string;
  substatus?: string;
  head: { seq: number; hash: string };
  reducers: Record<string, { count: number; shown: number; instances: Record<string, unknown> }>;
  pendingIntents: Array<{ intentId: string; kind: string; state: string; seq: number }>;
  pendingTimers: Array<{ timerId: string; dueAt: number; due: string; tag: string }>;
}

describe('worldline inspect', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('--json: status, head, reducer instances (counted, first N shown), pending intents and timers', async () => {
    const journal = tmp.path('world.db');
    await writeOrdersJournal(journal, 4);
    const run = await runCli(['inspect', journal, '--json', '--limit', '2']);
    expect(run.code).toBe(0);
    const view = run.json<InspectJson>();
    expect(view).toMatchObject({
      ok: true, worldId: 'w-cli', status: 'RUNNING', head: { seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      reducers: {
        ledger: { count: 1, shown: 1, instances: { '': { revenue: 700, paid: 3, failed: 1, shipped: 3 } } },
        orders: { count: 4, shown: 2, instances: { o1: { status: 'shipped' }, o2: { status: 'shipped' } } },
      },
      pendingIntents: [], pendingTimers: [],
    });
    expect(Object.keys(view.reducers['orders']!.instances)).toEqual(['o1', 'o2']);
  });

  it('shows pending intents as in flight and timers with their due time', async () => {
    const journal = tmp.path('world.db');
    const placed = JSON.stringify({ orderId: 'o9', amount: 5, customer: 'ada' });
    expect((await runCli(['inject', journal, '--world', ORDERS_MODULE, '--event', 'order.placed', '--data', placed, '--no-dispatch'])).code).toBe(0);
    const view = (await runCli(['inspect', journal, '--json'])).json<InspectJson>();
    expect(view.pendingIntents).toMatchObject([{ kind: 'payments.charge', state: 'in flight', seq: 3 }]);
    const human = await runCli(['inspect', journal]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^status: RUNNING$/m);
    expect(human.stdout).toMatch(/^pending intents: 1 \(in flight 1, held 0\)\n {2}[0-9a-f]{8} {2}payments\.charge {2}in flight {2}seq 3 {2}deadline \S+Z {2}orders\[o9\]$/m);
    expect(human.stdout).toMatch(/^ {2}orders: 1 instance\n {4}o9 {2}\{"amount":5,"customer":"ada","status":"placed"\}$/m);
  });
});
