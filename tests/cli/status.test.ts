import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStatusSnapshot } from '../../kernel/index.js';
import { THREE_EFFECTS } from './helpers/plans.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

const ORDER = (id: string) => JSON.stringify({ order_id: id });
const TENANT = JSON.stringify({ tenant: 'acme' });

interface StatusJson { ok: boolean; worldId: string; source: string; runs?: RunStatusSnapshot[]; run?: RunStatusSnapshot }

describe('worldline status', () => {
  let tmp: TempDir;
  let journal: string;
  let ids: string[];
  beforeEach(async () => {
    tmp = tempDir();
    ids = [];
    journal = tmp.path('world.db');
    // o1 succeeds (no adapters: error receipts, which three-effects does not branch on); o2 is
    // started with --no-wait, so its first effect is journaled but not dispatched yet.
    for (const order of ['o1', 'o2']) {
      const run = await runCli(['run', journal, '--plan', THREE_EFFECTS, '--input', ORDER(order), '--env', TENANT, '--json', ...(order === 'o2' ? ['--no-wait'] : [])]);
      ids.push(run.json<{ executionId: string }>().executionId);
    }
  });
  afterEach(() => tmp.remove());

  it('lists every run, one line each, newest last', async () => {
    const run = await runCli(['status', journal]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^world world-[0-9a-f]+ {2}plans@1\.0\.0 \([0-9a-f]{12}\), folded with built-in plans: 2 runs$/);
    expect(lines[1]).toMatch(new RegExp(`^ {2}${ids[0]} {2}SUCCEEDED {2}three-effects@1\\.0\\.0 \\([0-9a-f]{12}\\) {2}started \\S+Z {2}7/7 steps$`));
    expect(lines[2]).toMatch(new RegExp(`^ {2}${ids[1]} {2}RUNNING {4}three-effects@1\\.0\\.0 \\([0-9a-f]{12}\\) {2}started \\S+Z {2}2/7 steps {2}1 in flight$`));
  });

  it('shows one run in detail: status, plan, start, in-flight effects, and per step status, attempt, wait, error', async () => {
    const run = await runCli(['status', journal, ids[1]!]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp([
      `^run ${ids[1]} {2}RUNNING`,
      'plan: +three-effects@1\\.0\\.0 \\([0-9a-f]{12}\\), id e3962a70-3fbd-4aab-bb96-b51012cae999',
      'started: +\\S+Z',
      'in flight: 1 effect',
      'steps \\(7\\):',
      ' {2}charge {11}completed {2}attempt 1',
      ' {2}charge_receipt {3}waiting {4}attempt 1 {2}for receipt',
      ' {2}reserve {10}pending',
    ].join('\\n')));
    // A unique prefix names the run too, as `worldline log` prints 8 hex digits of it.
    const ended = await runCli(['status', journal, ids[0]!.slice(0, 8)]);
    expect(ended.stdout).toMatch(/^result: +success in \d+ ms, 7 of 7 steps executed\noutputs: +\{"notified":"error","order_id":"o1"\}\n/m);
  });

  it('--json: the run status snapshots', async () => {
    const list = (await runCli(['status', journal, '--json'])).json<StatusJson>();
    expect(list).toMatchObject({ ok: true, source: 'built-in plans', runs: [{ executionId: ids[0], status: 'SUCCEEDED' }, { executionId: ids[1], status: 'RUNNING' }] });
    const one = (await runCli(['status', journal, ids[1]!, '--json'])).json<StatusJson>();
    expect(one.run).toEqual({
      executionId: ids[1], status: 'RUNNING', startedAt: expect.any(Number), inFlightEffects: 1, result: null,
      plan: { id: 'e3962a70-3fbd-4aab-bb96-b51012cae999', version: '1.0.0', name: 'three-effects', hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      steps: expect.arrayContaining([
        { name: 'charge_receipt', status: 'waiting', attempt: 1, waitingFor: 'receipt', errorCode: null },
        { name: 'done', status: 'pending', attempt: 0, waitingFor: null, errorCode: null },
      ]),
    });
  });

  it('refuses an unknown execution id with RUN_NOT_FOUND (exit 2)', async () => {
    const run = await runCli(['status', journal, '00000000-0000-4000-8000-000000000000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error RUN_NOT_FOUND: no run 00000000-0000-4000-8000-000000000000 in .*world\.db\n +expected: +one of the journal's runs: [0-9a-f]{8}, [0-9a-f]{8}\n[\s\S]*fix: +`worldline status .*world\.db` lists every run/);
    const json = await runCli(['status', journal, 'nope', '--json']);
    expect(json.code).toBe(2);
    expect(json.json()).toMatchObject({ ok: false, error: { code: 'RUN_NOT_FOUND', where: { run: 'nope' } } });
  });
});
