import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

describe('worldline demo', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('runs the orders world end to end on SQLite, prints the summary, and the journal verifies', async () => {
    const dir = tmp.path('demo');
    const run = await runCli(['demo', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/synchronous=FULL/);
    expect(run.stdout).toMatch(/shipped\s+5\s+o-1001 o-1002 o-1003 o-1005 o-1006/);
    expect(run.stdout).toMatch(/payment_failed\s+1\s+o-1004 \(HTTP_402\)/);
    expect(run.stdout).toMatch(/^verify: ok/m);
    expect(run.stdout).toMatch(/^replay: ok/m);
    expect(run.stdout).not.toMatch(/FAIL/);

    const verify = await runCli(['verify', `${dir}/world.db`]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^ok: /);
  });

  it('refuses an existing journal with a code and the fix, and --force recreates it', async () => {
    const dir = tmp.path('demo');
    expect((await runCli(['demo', dir, '--json'])).json()).toMatchObject({ ok: true, ledger: { paid: 5, failed: 1, shipped: 5 } });

    const again = await runCli(['demo', dir]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^error JOURNAL_EXISTS: .*world\.db already exists/);
    expect(again.stderr).toMatch(/fix: +pass --force/);

    const forced = await runCli(['demo', dir, '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(forced.json()).toMatchObject({ ok: true, entries: { byKind: { ingress: 6, 'effect.receipt': 6, 'timer.fired': 5 } }, verify: { ok: true }, replay: { ok: true } });
    expect(existsSync(`${dir}/world.db`)).toBe(true);
  });
});
