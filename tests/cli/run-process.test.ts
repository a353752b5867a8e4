/**
 * `worldline run` as a real process: the kernel's timers are unref'd, so a run waiting only on a
 * timer must still hold the process open until it ends, and the process must then exit by itself.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { THREE_EFFECTS, writePlanVariant } from './helpers/plans.js';
import { tempDir, type TempDir } from './helpers/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('worldline run in its own process', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('waits for a run whose only pending work is a timer, prints the result and exits 0 by itself', async () => {
    const plan = writePlanVariant(THREE_EFFECTS, tmp.path('nap.json'), (p) => {
      p.steps = [
        { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', name: 'nap', kind: 'emit_effect', effect: 'timer.set', params: { delay_ms: 300 } },
        { id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', name: 'woke', kind: 'await_receipt', for: 'nap', depends_on: ['nap'] },
        { id: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f', name: 'done', kind: 'end', depends_on: ['woke'], status: 'success', result: { op: 'ref', path: 'steps.woke.status' } },
      ];
    });
    const args = ['--import', 'tsx', 'cli/main-dev.ts', 'run', tmp.path('world.db'), '--plan', plan, '--input', '{"order_id":"o1"}', '--env', '{"tenant":"t"}'];
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 20_000 });
    expect(stdout).toMatch(/^status: +success\n[\s\S]*^outputs: +ok$/m);
  });
});
