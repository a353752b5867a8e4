import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOrdersJournal } from './helpers/journals.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

describe('worldline log', () => {
  let tmp: TempDir;
  let journal: string;
  beforeAll(async () => {
    tmp = tempDir();
    journal = tmp.path('world.db');
    await writeOrdersJournal(journal, 3);
  });
  afterAll(() => tmp.remove());

  it('prints one line per entry: seq, ISO time, kind, a payload summary and a short hash', async () => {
    const run = await runCli(['log', journal]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ +1 {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}world\.genesis +w-cli orders@1\.0\.0 \([0-9a-f]{12}\) kernel \S+ {2}[0-9a-f]{8}$/);
    expect(lines[1]).toMatch(/ingress +order\.placed \{"amount":100,"customer":"ada","orderId":"o1"\} {2}[0-9a-f]{8}$/);
    expect(run.stdout).toMatch(/effect\.receipt +error intent [0-9a-f]{8} CARD_DECLINED/);
    expect(run.stdout).toMatch(/domain\.event +order\.shipped \{"customer":"ada"\} ← orders\[o1\]/);
  });

  it('filters by kind, seq range and limit', async () => {
    const ingress = await runCli(['log', journal, '--kind', 'ingress']);
    expect(ingress.stdout.trimEnd().split('\n')).toHaveLength(3);
    const two = await runCli(['log', journal, '--kind', 'ingress,timer.fired', '--kind', 'world.genesis', '--limit', '2']);
    expect(two.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/)[3])).toEqual(['world.genesis', 'ingress']);
    const range = await runCli(['log', journal, '--from', '3', '--to', '5']);
    expect(range.stdout.trimEnd().split('\n').map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([3, 4, 5]);
  });

  it('prints NDJSON of fully decoded entries with --json', async () => {
    const run = await runCli(['log', journal, '--json', '--kind', 'effect.intent']);
    const entries = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      kind: 'effect.intent', stamp: { at: expect.any(Number) }, prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/), payload: { kind: 'payments.charge', params: { orderId: 'o1' }, idempotencyKey: 'charge-o1' },
    });
  });

  it('refuses an unknown kind or a bad seq with exit 2', async () => {
    const kind = await runCli(['log', journal, '--kind', 'ingres']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/^error INVALID_ARGUMENT: --kind ingres is not an entry kind\n +expected: .*ingress/);
    const seq = await runCli(['log', journal, '--from', '0']);
    expect(seq.code).toBe(2);
    expect(seq.stderr).toMatch(/^error USAGE: .*expected a seq \(an integer >= 1\), found "0"/);
    const order = await runCli(['log', journal, '--from', '5', '--to', '3', '--json']);
    expect(order.code).toBe(2);
    expect(order.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
