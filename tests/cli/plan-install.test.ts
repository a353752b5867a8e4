import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, headSeq, THREE_EFFECTS } from './helpers/plans.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

const TIMEOUT_RACE = join(EXAMPLES_DIR, 'timeout-race.json');

describe('worldline plan install', () => {
  let tmp: TempDir;
  let journal: string;
  beforeEach(() => {
    tmp = tempDir();
    journal = tmp.path('world.db');
  });
  afterEach(() => tmp.remove());

  it('installs a triggered plan with the environment of its runs; a second install is a no-op', async () => {
    const run = await runCli(['plan', 'install', journal, TIMEOUT_RACE, '--env', '{"payments":"test"}', '--actor', 'ci']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^installed plan charge-with-timeout@1\.0\.0 \([0-9a-f]{12}\) at seq 2 in world world-[0-9a-f]+ \(built-in plans\)\ntriggers: order\.placed \(each such event starts a run; `worldline inject` one\)\n$/);
    const again = await runCli(['plan', 'install', journal, TIMEOUT_RACE, '--env', '{"payments":"live"}', '--json']);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ ok: true, seq: 2, newlyInstalled: false, environment: { payments: 'test' }, triggers: ['order.placed'] });
    expect(await headSeq(journal)).toBe(2);
    const plain = await runCli(['plan', 'install', journal, THREE_EFFECTS]);
    expect(plain.stdout).toMatch(/\ntriggers: none \(start runs with `worldline run`\)\n$/);
  });

  it('refuses a triggered plan whose --env lacks a context requirement (exit 2), journaling nothing', async () => {
    const run = await runCli(['plan', 'install', journal, TIMEOUT_RACE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error CONTEXT_MISSING: the environment lacks "payments", required by plan f67c38e6-.*: every run its triggers start would fail\n/);
    expect(existsSync(journal)).toBe(false);
  });
});
