import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDERS_MODULE, tamperEntry, writeModule, writeOrdersJournal } from './helpers/journals.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

/**
 * A world whose reducer reads module-level state: the live process bumps `counter` while it sets
 * up its adapters (as a config load or a warm cache would); a replay never runs that setup, so
 * the reducer derives something else from the same input.
 */
const FLAKY_WORLD = `
let counter = 0;
export function adapters() {
  counter += 1;
  return {};
}
export default {
  name: 'flaky',
  version: '1.0.0',
  reducers: [{
    name: 'tally',
    on: ['tick'],
    init: () => ({ ticks: 0 }),
    reduce: (state: { ticks: number }) => ({
      state: { ticks: state.ticks + 1 },
      events: [{ type: 'tick.counted', data: { counter, ticks: state.ticks + 1 } }],
    }),
  }],
};
`;

describe('worldline replay', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('re-derives every entry with the built-in world named in the genesis, from genesis or from a snapshot', async () => {
    const journal = tmp.path('world.db');
    await writeOrdersJournal(journal, 6, { snapshotEvery: 10 });
    const run = await runCli(['replay', journal]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok: replayed .* from genesis with built-in orders: \d+ entries, every derived entry matches/);
    const fromSnapshot = await runCli(['replay', journal, '--from-snapshot', '--json']);
    expect(fromSnapshot.code).toBe(0);
    const report = fromSnapshot.json<{ ok: boolean; fromSnapshot?: number; stateHash: string }>();
    expect(report.fromSnapshot).toBeGreaterThan(1);
    expect(report.stateHash).toBe((await runCli(['replay', journal, '--json'])).json<{ stateHash: string }>().stateHash);
  });

  it('exits 1 on divergence, printing the seq, the reason and both sides decoded', async () => {
    const journal = tmp.path('flaky.db');
    const world = writeModule(tmp.path('flaky-world.ts'), FLAKY_WORLD);
    for (let i = 0; i < 2; i++) {
      const inject = await runCli(['inject', journal, '--world', world, '--event', 'tick', '--data', '{}']);
      expect(inject.stderr).toBe('');
      expect(inject.code).toBe(0);
    }
    const run = await runCli(['replay', journal, '--world', world]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^DIVERGED: replay of .* diverged at seq 3/);
    expect(run.stdout).toContain('reason: mismatch; caused by input seq 2 (ingress)');
    expect(run.stdout).toMatch(/recorded \(in the journal\):\n +kind: domain\.event\n[\s\S]*"counter": 1,/);
    expect(run.stdout).toMatch(/re-derived \(by this definition\):\n +kind: domain\.event\n[\s\S]*"counter": 0,/);
    expect(run.stdout).toContain('/data/counter: recorded 1, re-derived 0');

    const json = (await runCli(['replay', journal, '--world', world, '--json'])).json();
    expect(json).toMatchObject({
      ok: false,
      divergence: { seq: 3, reason: 'mismatch', recorded: { payload: { data: { counter: 1 } } }, derived: { payload: { data: { counter: 0 } } } },
    });
  });

  it('exits 1 on a tampered journal, naming the entry and pointing at verify', async () => {
    const journal = tmp.path('world.db');
    await writeOrdersJournal(journal);
    tamperEntry(journal, 4);
    const run = await runCli(['replay', journal]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error JOURNAL_TAMPERED: .*\(HASH_MISMATCH\)\n +where: +seq 4, file .*world\.db\n +fix: +run `worldline verify`/);
  });

  it('notes (without failing) that the journal was written by another version of the definition', async () => {
    const journal = tmp.path('world.db');
    await writeOrdersJournal(journal);
    const v2 = writeModule(tmp.path('orders-v2.ts'), `
      import { ordersWorld } from ${JSON.stringify(ORDERS_MODULE)};
      export const world = { ...ordersWorld, version: '2.0.0' };
    `);
    const run = await runCli(['replay', journal, '--world', v2]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^note: the journal records orders@1\.0\.0 \([0-9a-f]{12}\); replaying with orders@2\.0\.0/);
  });

  it('asks for --world when no built-in world has the journal\'s name (exit 2)', async () => {
    const journal = tmp.path('flaky.db');
    const world = writeModule(tmp.path('flaky-world.ts'), FLAKY_WORLD);
    expect((await runCli(['inject', journal, '--world', world, '--event', 'tick', '--data', '{}'])).code).toBe(0);
    const run = await runCli(['replay', journal]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error WORLD_MODULE_REQUIRED: .*written by world "flaky", which is not built in/);
    expect(run.stderr).toMatch(/fix: +pass --world <module\.ts>/);
  });

  it('refuses a module that exports no definition (exit 2)', async () => {
    const journal = tmp.path('world.db');
    await writeOrdersJournal(journal, 1);
    const empty = writeModule(tmp.path('empty.ts'), 'export const nothing = 1;\n');
    const run = await runCli(['replay', journal, '--world', empty, '--json']);
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'WORLD_MODULE_INVALID' } });
  });
});
