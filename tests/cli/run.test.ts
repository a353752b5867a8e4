import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, World, type PlanResult } from '../../kernel/index.js';
import { planHash, type Plan } from '../../plans/index.js';
import { plansWorld } from '../../cli/builtin-worlds.js';
import { writeModule } from './helpers/journals.js';
import { headSeq, planWorldModule, readPlan, SHOP_ADAPTERS, THREE_EFFECTS, writePlanVariant } from './helpers/plans.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

interface RunJson {
  ok: boolean;
  executionId: string;
  planHash: string;
  newlyInstalled: boolean;
  result: PlanResult | null;
  status?: { status: string };
}

const ORDER = JSON.stringify({ order_id: 'o1' });
const TENANT = JSON.stringify({ tenant: 'acme' });

describe('worldline run', () => {
  let tmp: TempDir;
  let journal: string;
  beforeEach(() => {
    tmp = tempDir();
    journal = tmp.path('world.db');
  });
  afterEach(() => tmp.remove());

  it('runs the three-effects plan with a module whose adapters answer at once: exit 0, success, outputs', async () => {
    const world = writeModule(tmp.path('shop-world.ts'), planWorldModule(SHOP_ADAPTERS));
    const run = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT, '--world', world, '--actor', 'ci']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp([
      `^installed plan three-effects@1\\.0\\.0 \\([0-9a-f]{12}\\) at seq 2 in world world-[0-9a-f]+ \\(${world.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`,
      'started run [0-9a-f-]{36} at seq 3',
      'status: +success',
      'duration: +\\d+ ms',
      'steps: +7 of 7 executed',
      'outputs: +\\{"notified":"ok","order_id":"o1"\\}',
      'head: +seq \\d+ [0-9a-f]{64}\\n$',
    ].join('\\n')));

    const again = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT, '--world', world, '--json']);
    expect(again.code).toBe(0);
    const json = again.json<RunJson>();
    const hash = planHash(readPlan(THREE_EFFECTS) as unknown as Plan);
    expect(json).toMatchObject({ ok: true, planHash: hash, newlyInstalled: false, installedSeq: 2, result: { status: 'success', plan_hash: hash, steps_total: 7, outputs: { order_id: 'o1', notified: 'ok' } } });
    expect(json.result?.execution_id).toBe(json.executionId);
    const log = await runCli(['log', journal, '--kind', 'effect.receipt']);
    expect(log.stdout).toMatch(/ok intent [0-9a-f]{8} \{"charge_id":"ch_o1"\}/);
    const plans = (await runCli(['log', journal, '--kind', 'plan.installed,run.requested,run.started,step.transition,run.ended', '--limit', '6'])).stdout;
    const run8 = json.executionId.slice(0, 8);
    expect(plans).toMatch(/ plan\.installed +plan three-effects@1\.0\.0 \([0-9a-f]{12}\) by ci /);
    expect(plans).toMatch(/ run\.requested +run [0-9a-f]{8} of plan [0-9a-f]{12} by ci \{"order_id":"o1"\} /);
    expect(plans).toMatch(/ run\.started +run [0-9a-f]{8} plan e3962a70-3fbd-4aab-bb96-b51012cae999@1\.0\.0 /);
    expect(plans).toMatch(/ step\.transition +run [0-9a-f]{8} step charge started /);
    expect((await runCli(['log', journal, '--kind', 'run.ended'])).stdout).toMatch(new RegExp(` run\\.ended +run ${run8} success 7/7 steps \\{"notified":"ok","order_id":"o1"\\} `));
  });

  it('without --world, effects have no adapter: ADAPTER_MISSING receipts the plan reads as status error; it still ends success', async () => {
    const run = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT]);
    // three-effects never branches on a receipt's status: each await completes with `error`, and `done` fires.
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ \(built-in plans\)\n/);
    expect(run.stdout).toMatch(/^status: +success\n[\s\S]*^outputs: +\{"notified":"error","order_id":"o1"\}$/m);
    const receipts = (await runCli(['log', journal, '--kind', 'effect.receipt'])).stdout.trimEnd().split('\n');
    expect(receipts).toHaveLength(3);
    for (const line of receipts) expect(line).toMatch(/effect\.receipt +error intent [0-9a-f]{8} ADAPTER_MISSING/);
  });

  it('exits 1 and still prints the result when the run ends in failure', async () => {
    const strict = writePlanVariant(THREE_EFFECTS, tmp.path('strict.json'), (p) => {
      p.steps[2]!.when = { op: 'eq', args: [{ op: 'ref', path: 'steps.charge_receipt.status' }, 'ok'] };
      p.steps.push({
        id: '0f5e3c1a-7d2b-4c8e-9a6f-1b2c3d4e5f60', name: 'charge_failed', kind: 'end', depends_on: ['charge_receipt'],
        when: { op: 'ne', args: [{ op: 'ref', path: 'steps.charge_receipt.status' }, 'ok'] },
        status: 'failure', error_code: 'CHARGE_FAILED', error_message: { op: 'ref', path: 'steps.charge_receipt.error.message' },
      });
    });
    const run = await runCli(['run', journal, '--plan', strict, '--input', ORDER, '--env', TENANT]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^status: +failure$/m);
    expect(run.stdout).toMatch(/^error: +CHARGE_FAILED at step charge_failed: no adapter is registered for effect kind "shop\.charge" \(error, not recoverable\)$/m);
    const json = (await runCli(['run', journal, '--plan', strict, '--input', ORDER, '--env', TENANT, '--json'])).json<RunJson>();
    expect(json).toMatchObject({ ok: false, result: { status: 'failure', outputs: null, error: { error_code: 'CHARGE_FAILED', step: 'charge_failed' } } });
  });

  it('refuses a missing context requirement (exit 2) and journals nothing: no new journal, no moved head', async () => {
    const fresh = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER]);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toMatch(/^error CONTEXT_MISSING: execution context: the environment lacks "tenant", required by plan e3962a70-/);
    expect(fresh.stderr).toMatch(/fix: +give it with --env, e\.g\. --env '\{"tenant":"…"\}'/);
    expect(existsSync(journal)).toBe(false);

    expect((await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT])).code).toBe(0);
    const head = await headSeq(journal);
    const other = writePlanVariant(THREE_EFFECTS, tmp.path('v2.json'), (p) => (p.version = '2.0.0'));
    const refused = await runCli(['run', journal, '--plan', other, '--input', ORDER, '--env', '{"region":"eu"}', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'CONTEXT_MISSING' } });
    expect(await headSeq(journal)).toBe(head);
  });

  it('refuses input that is not JSON, not an object, or not what the plan declares (exit 2)', async () => {
    const notJson = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', '{order_id: o1}', '--env', TENANT]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^error INVALID_JSON: --input is not valid JSON: .*\n +expected: +a JSON object, e\.g\. .*\n +found: +\{order_id: o1\}\n +where: +path --input\n/);
    expect((await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', '[1]', '--env', TENANT])).stderr).toMatch(/^error INVALID_JSON: --input must be a JSON object/);
    const wrong = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', '{"order_id":7}', '--env', TENANT, '--json']);
    expect(wrong.code).toBe(2);
    expect(wrong.json()).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', expected: 'an object with order_id: string', where: { path: '--input/order_id' } } });
    expect(existsSync(journal)).toBe(false);
  });

  it('refuses an invalid plan (exit 2) listing its issues, before opening the journal', async () => {
    const file = writePlanVariant(THREE_EFFECTS, tmp.path('empty.json'), (p) => (p.steps = []));
    const run = await runCli(['run', journal, '--plan', file, '--input', ORDER, '--env', TENANT]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error PLAN_INVALID: plan file .*empty\.json is not a valid plan: 1 issue\n[\s\S]*found: +#\/steps STEPS_EMPTY: /);
    expect(existsSync(journal)).toBe(false);
  });

  it('refuses a reused execution id (exit 2) and an id that is not a UUID v4', async () => {
    const id = '5b0f8a52-3c1d-4e6f-9a7b-2c3d4e5f6a7b';
    const first = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT, '--execution-id', id, '--json']);
    expect(first.json<RunJson>()).toMatchObject({ executionId: id, result: { execution_id: id } });
    const head = await headSeq(journal);
    const reused = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT, '--execution-id', id]);
    expect(reused.code).toBe(2);
    expect(reused.stderr).toMatch(/^error EXECUTION_ID_REUSED: execution 5b0f8a52-.* already exists; a re-run is a new execution with a new id\n/);
    // A new plan version under a used id: refused before the install, so nothing at all is journaled.
    const v2 = writePlanVariant(THREE_EFFECTS, tmp.path('v2.json'), (p) => (p.version = '2.0.0'));
    expect((await runCli(['run', journal, '--plan', v2, '--input', ORDER, '--env', TENANT, '--execution-id', id])).code).toBe(2);
    expect(await headSeq(journal)).toBe(head);
    const bad = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT, '--execution-id', 'run-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error INVALID_PAYLOAD: execution context: expected execution_id to be a lowercase UUID v4, found "run-1"/);
  });

  it('exits 3 naming the holder when another writer holds the world', async () => {
    const holder = await World.open({ store: await openSqliteStore(journal), ownsStore: true, definition: plansWorld, owner: 'test holder' });
    try {
      const run = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/^error WORLD_LOCKED: journal .* is held by writer "test holder" \(pid \d+ on /);
    } finally {
      await holder.close();
    }
  });

  it('asks for --world on a journal of another world (exit 2), rather than resuming its work without adapters', async () => {
    const holder = await World.open({ store: await openSqliteStore(journal), ownsStore: true, definition: { ...plansWorld, name: 'shop' } });
    await holder.close();
    const run = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER, '--env', TENANT]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error WORLD_MODULE_REQUIRED: journal .* was written by world "shop"; only a new journal or a "plans" world is opened without --world\n/);
  });

  it('--no-wait journals the run and returns without dispatching: it stays RUNNING (exit 0)', async () => {
    const slow = writePlanVariant(THREE_EFFECTS, tmp.path('slow.json'), (p) => {
      p.steps.splice(0, 6, {
        id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', name: 'pause', kind: 'emit_effect', effect: 'timer.set', params: { delay_ms: 60_000 },
      }, {
        id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', name: 'paused', kind: 'await_receipt', for: 'pause', depends_on: ['pause'],
      });
      p.steps[2]!.depends_on = ['paused'];
      p.steps[2]!.result = { op: 'ref', path: 'input.order_id' };
      p.timeout_ms = 120_000;
    });
    const run = await runCli(['run', journal, '--plan', slow, '--input', ORDER, '--env', TENANT, '--no-wait']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^status: +RUNNING\nwaiting: +paused \(for receipt\)\nnot waiting \(--no-wait\): nothing was dispatched; the run goes on when the world is next opened for writing; `worldline status .* [0-9a-f-]{36}` shows it\n$/m);
    const json = (await runCli(['run', journal, '--plan', slow, '--input', ORDER, '--env', TENANT, '--no-wait', '--json'])).json<RunJson>();
    expect(json).toMatchObject({ ok: true, result: null, status: { status: 'RUNNING' } });
  });
});
