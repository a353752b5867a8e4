import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = existsSync(`${ROOT}dist/cli/main.js`);

describe('bin/worldline.js', () => {
  it('runs the built CLI as a real process: --help exits 0 and lists the commands', async (ctx) => {
    ctx.skip(!BUILT, 'dist/cli/main.js is not built: run `npm run build` (CI builds it in `npm ci`)');
    const { stdout } = await promisify(execFile)(process.execPath, [`${ROOT}bin/worldline.js`, '--help'], { cwd: ROOT });
    expect(stdout).toMatch(/^Usage: worldline /);
    expect(stdout).toMatch(/^ {2}demo /m);
    expect(stdout).toMatch(/Exit codes:/);
  });
});
