import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, World } from '../../kernel/index.js';
import { ordersWorld } from '../../fixtures/worlds/orders.js';
import { KERNEL_INDEX, ORDERS_MODULE, writeModule } from './helpers/journals.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

/** The orders world with a payments adapter built by a factory, as a user's module would be. */
const ORDERS_WITH_PAYMENTS = `
  import { adapterFrom } from ${JSON.stringify(KERNEL_INDEX)};
  import { ordersWorld } from ${JSON.stringify(ORDERS_MODULE)};
  export default ordersWorld;
  export const adapters = () => ({
    'payments.charge': adapterFrom((params: { orderId: string }) => ({ chargeId: 'ch_' + params.orderId })),
  });
`;

describe('worldline inject', () => {
  let tmp: TempDir;
  let journal: string;
  let world: string;
  const placed = (orderId: string) => JSON.stringify({ orderId, amount: 250, customer: 'ada' });
  beforeEach(() => {
    tmp = tempDir();
    journal = tmp.path('world.db');
    world = writeModule(tmp.path('orders-world.ts'), ORDERS_WITH_PAYMENTS);
  });
  afterEach(() => tmp.remove());

  it('commits the event, waits for its effects to settle, and prints the seq, the derived entries and what followed', async () => {
    const run = await runCli(['inject', journal, '--world', world, '--event', 'order.placed', '--data', placed('o1'), '--dedupe-key', 'req-1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^committed ingress at seq 2 in world world-[0-9a-f]+ \(orders@1\.0\.0\)\nderived \(1\):\n +3 {2}effect\.intent +payments\.charge/);
    expect(run.stdout).toMatch(/then, while effects settled \(3\):\n +4 {2}effect\.receipt +ok intent [0-9a-f]{8} \{"chargeId":"ch_o1"\}/);
    expect(run.stdout).toMatch(/pending: 1 timer; they resume when the world is next opened for writing/);

    const dup = await runCli(['inject', journal, '--world', world, '--event', 'order.placed', '--data', placed('o1'), '--dedupe-key', 'req-1', '--json']);
    expect(dup.code).toBe(0);
    expect(dup.json()).toMatchObject({ ok: true, derived: [{ kind: 'input.discarded', payload: { reason: 'duplicate', dedupeKey: 'req-1' } }] });
  });

  it('journals without dispatching under --no-dispatch, leaving the intent pending', async () => {
    const run = await runCli(['inject', journal, '--world', world, '--event', 'order.placed', '--data', placed('o1'), '--no-dispatch', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ seq: 2, derived: [{ seq: 3, kind: 'effect.intent' }], followed: [], status: { intents: { inFlight: 1 } } });
  });

  it('refuses --data that is not JSON with exit 2, before touching the journal', async () => {
    const run = await runCli(['inject', journal, '--world', world, '--event', 'order.placed', '--data', '{orderId: o1}']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error INVALID_JSON: --data is not valid JSON: /);
    expect(run.stderr).toMatch(/found: +\{orderId: o1\}/);
    expect((await runCli(['verify', journal])).code).toBe(2);
  });

  it('refuses an unknown event type (exit 2) with the accepted types, and an invalid one with the path', async () => {
    const unknown = await runCli(['inject', journal, '--world', world, '--event', 'order.teleported', '--data', '{}']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error UNKNOWN_EVENT_TYPE: .*"order\.teleported"\n +expected: .*"order\.placed".*\n +found: +order\.teleported\n +where: +world world-/);
    const invalid = await runCli(['inject', journal, '--world', world, '--event', 'order.placed', '--data', '{"orderId":"o1","amount":-1,"customer":"ada"}', '--json']);
    expect(invalid.code).toBe(2);
    expect(invalid.json()).toMatchObject({ ok: false, error: { code: 'INVALID_EVENT', where: { path: '/amount' } } });
    const log = await runCli(['log', journal, '--json']);
    expect(log.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind)).toEqual(['world.genesis']);
  });

  it('exits 3 naming the holder when another writer holds the world', async () => {
    const holder = await World.open({ store: await openSqliteStore(journal), ownsStore: true, definition: ordersWorld, owner: 'test holder' });
    try {
      const run = await runCli(['inject', journal, '--world', world, '--event', 'order.placed', '--data', placed('o1')]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/^error WORLD_LOCKED: journal .* is held by writer "test holder" \(pid \d+ on /);
      expect(run.stderr).toMatch(/found: +owner "test holder", pid \d+, host \S+, acquiredAt \S+, heartbeatAt \S+\n/);
      expect(run.stderr).toMatch(/fix: +stop that writer/);
    } finally {
      await holder.close();
    }
    expect((await runCli(['inject', journal, '--world', world, '--event', 'order.placed', '--data', placed('o1')])).code).toBe(0);
  });

  it('exits 1 when the world no longer replays, showing both sides; inspect then reports it parked', async () => {
    const random = writeModule(tmp.path('random-world.ts'), `
      export default {
        name: 'dice', version: '1.0.0',
        reducers: [{ name: 'dice', on: ['roll'], init: () => ({}), reduce: () => ({ state: {}, events: [{ type: 'rolled', data: { value: Math.random() } }] }) }],
      };
    `);
    expect((await runCli(['inject', journal, '--world', random, '--event', 'roll', '--data', '{}'])).code).toBe(0);
    const run = await runCli(['inject', journal, '--world', random, '--event', 'roll', '--data', '{}']);
    expect(run.code).toBe(1);
    // The kernel words this "replay diverged: seq 3: …" (it said "at seq 3:" before): either names the seq.
    expect(run.stderr).toMatch(/^error DETERMINISM_VIOLATION: replay diverged(?: at|:) seq 3: /);
    expect(run.stderr).toMatch(/recorded \(in the journal\):[\s\S]*re-derived \(by this definition\):[\s\S]*\/data\/value: recorded 0\.\d+, re-derived 0\.\d+/);
    expect(run.stderr).toMatch(/where: +world world-[0-9a-f]+, seq 3\n +fix: +the world is parked/);
    const inspect = await runCli(['inspect', journal, '--world', random]);
    expect(inspect.code).toBe(1);
    expect(inspect.stdout).toMatch(/^status: PARKED \(world\.parked at seq 4\); the state below is as of seq 2/m);
  });

  it('refuses a changed definition (exit 2) unless --upgrade, which journals world.upgraded', async () => {
    expect((await runCli(['inject', journal, '--world', world, '--event', 'order.placed', '--data', placed('o1'), '--no-dispatch'])).code).toBe(0);
    const v2 = writeModule(tmp.path('orders-v2.ts'), `
      import { ordersWorld } from ${JSON.stringify(ORDERS_MODULE)};
      export default { ...ordersWorld, version: '2.0.0' };
    `);
    const refused = await runCli(['inject', journal, '--world', v2, '--event', 'order.placed', '--data', placed('o2'), '--no-dispatch']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error DEFINITION_MISMATCH: journal was written by orders@1\.0\.0 .*\n[\s\S]*fix: +pass the original world module, or adopt the new one with --upgrade/);
    const upgraded = await runCli(['inject', journal, '--world', v2, '--event', 'order.placed', '--data', placed('o2'), '--no-dispatch', '--upgrade', 'ops@example.com']);
    expect(upgraded.code).toBe(0);
    const upgrades = (await runCli(['log', journal, '--json', '--kind', 'world.upgraded'])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { payload: unknown });
    expect(upgrades).toMatchObject([{ payload: { from: { version: '1.0.0' }, to: { version: '2.0.0' }, actor: 'ops@example.com' } }]);
  });

  it('requires --world, --event and --data (exit 2)', async () => {
    const run = await runCli(['inject', journal, '--event', 'order.placed', '--data', '{}']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error USAGE: required option '--world <module>' not specified\n +fix: +run `worldline inject --help`/);
  });
});
