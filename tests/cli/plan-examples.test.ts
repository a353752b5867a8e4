/**
 * Every plan in plans/examples/ run end to end through the CLI, the way docs/PLANS.md describes
 * it: started with `worldline run`, or installed with `worldline plan install` and started by an
 * event through `worldline inject`. A new example needs a scenario here, or this test fails.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanResult, RunStatusSnapshot } from '../../kernel/index.js';
import { writeModule } from './helpers/journals.js';
import { EXAMPLES_DIR, planWorldModule } from './helpers/plans.js';
import { runCli, tempDir, type CliResult, type TempDir } from './helpers/run-cli.js';

/** Adapters answering each example's effects at once, as a real provider would on a good day. */
const EXAMPLE_ADAPTERS = `
  'payment.charge': adapterFrom((p: { order_id: string }) => ({ charge_id: 'ch_' + p.order_id })),
  'approval.request': adapterFrom((p: { summary: string }) => ({ decision: p.summary.includes('reject') ? 'rejected' : 'approved', actor: 'sre-oncall' })),
  'deploy.apply': adapterFrom((p: { change_id: string }) => ({ applied: p.change_id })),
`;

interface Context {
  readonly file: string;
  readonly world: string;
  journal(name: string): string;
  cli(args: string[]): Promise<CliResult>;
}

const result = (run: CliResult) => run.json<{ result: PlanResult }>().result;
const runs = async (c: Context, journal: string) => (await c.cli(['status', journal, '--json'])).json<{ runs: RunStatusSnapshot[] }>().runs;

const SCENARIOS: Record<string, (c: Context) => Promise<void>> = {
  async 'timeout-race.json'(c) {
    const env = JSON.stringify({ payments: 'test' });
    // Run directly: the receipt wins the race against the 30 s timer.
    const paid = await c.cli(['run', c.journal('direct.db'), '--plan', c.file, '--world', c.world, '--input', '{"order_id":"o1","amount_cents":500}', '--env', env, '--json']);
    expect(paid.code).toBe(0);
    expect(result(paid)).toMatchObject({ status: 'success', outputs: { order_id: 'o1', payment: { charge_id: 'ch_o1' } } });
    // Without an adapter the receipt is an error: the race ends on `declined`.
    const declined = await c.cli(['run', c.journal('bare.db'), '--plan', c.file, '--input', '{"order_id":"o2","amount_cents":500}', '--env', env, '--json']);
    expect(declined.code).toBe(1);
    expect(result(declined)).toMatchObject({ status: 'failure', error: { error_code: 'PAYMENT_DECLINED', step: 'declined' } });
    // Triggered: installed once, then every order.placed starts a run.
    const journal = c.journal('triggered.db');
    expect((await c.cli(['plan', 'install', journal, c.file, '--env', env, '--world', c.world])).code).toBe(0);
    expect((await c.cli(['inject', journal, '--world', c.world, '--event', 'order.placed', '--data', '{"order_id":"o3","amount_cents":700}'])).code).toBe(0);
    expect(await runs(c, journal)).toMatchObject([{ status: 'SUCCEEDED', result: { outputs: { order_id: 'o3', payment: { charge_id: 'ch_o3' } } } }]);
    expect((await c.cli(['log', journal, '--kind', 'run.started'])).stdout).toMatch(/ on order\.placed \(seq \d+\)/);
  },

  async 'approval-gate.json'(c) {
    const env = JSON.stringify({ deployer: 'ci' });
    const approved = await c.cli(['run', c.journal('gate.db'), '--plan', c.file, '--world', c.world, '--input', '{"change_id":"c1","summary":"raise pool size"}', '--env', env, '--json']);
    expect(approved.code).toBe(0);
    expect(result(approved)).toMatchObject({ status: 'success', outputs: { change_id: 'c1', approved_by: 'sre-oncall' } });
    const rejected = await c.cli(['run', c.journal('gate.db'), '--plan', c.file, '--world', c.world, '--input', '{"change_id":"c2","summary":"please reject"}', '--env', env, '--json']);
    expect(rejected.code).toBe(1);
    expect(result(rejected)).toMatchObject({ status: 'failure', error: { error_code: 'CHANGE_REJECTED' } });
    // The deploy never ran for the rejected change: one deploy.apply intent, for c1.
    const intents = (await c.cli(['log', c.journal('gate.db'), '--kind', 'effect.intent'])).stdout;
    expect(intents.match(/deploy\.apply/g)).toHaveLength(1);
  },

  async 'correlated-request.json'(c) {
    const journal = c.journal('quotes.db');
    expect((await c.cli(['plan', 'install', journal, c.file, '--env', '{"pricing":"test"}', '--world', c.world])).code).toBe(0);
    const inject = (event: string, data: object) => c.cli(['inject', journal, '--world', c.world, '--event', event, '--data', JSON.stringify(data)]);
    expect((await inject('quote.requested', { request_id: 'r1', sku: 'a' })).code).toBe(0);
    expect((await inject('quote.requested', { request_id: 'r2', sku: 'b' })).code).toBe(0);
    expect(await runs(c, journal)).toMatchObject([
      { status: 'RUNNING', steps: expect.arrayContaining([expect.objectContaining({ name: 'answer', waitingFor: 'event' })]) },
      { status: 'RUNNING' },
    ]);
    // Answers in the other order: each run takes only the one with its correlation key.
    expect((await inject('pricing.quoted', { request_id: 'r2', price_cents: 200 })).code).toBe(0);
    expect((await inject('pricing.quoted', { request_id: 'r1', price_cents: 100 })).code).toBe(0);
    expect(await runs(c, journal)).toMatchObject([
      { status: 'SUCCEEDED', result: { outputs: { request_id: 'r1', price_cents: 100 } } },
      { status: 'SUCCEEDED', result: { outputs: { request_id: 'r2', price_cents: 200 } } },
    ]);
  },
};

describe('every example plan runs end to end through the CLI', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();

  it('finds the examples', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s ends as the example intends', async (name) => {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`plans/examples/${name} has no scenario in tests/cli/plan-examples.test.ts: add one, so the example is executed by CI`);
    const world = writeModule(tmp.path('examples-world.ts'), planWorldModule(EXAMPLE_ADAPTERS));
    await scenario({ file: join(EXAMPLES_DIR, name), world, journal: (n) => tmp.path(n), cli: (args) => runCli(args) });
  });
});
