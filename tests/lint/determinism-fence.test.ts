import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

const NONDETERMINISTIC = `
import { readFileSync } from 'node:fs';
export const t = Date.now();
export const r = Math.random();
export const u = crypto.randomUUID();
export const e = process.env.HOME;
export { readFileSync };
`;

describe('the determinism fence around the pure core', () => {
  for (const file of ['kernel/core/probe.ts', 'reducers/probe.ts', 'plans/probe.ts']) {
    it(`refuses clock, randomness, process and node:* in ${file}`, async () => {
      const ids = await ruleIds(file, NONDETERMINISTIC);
      expect(ids.filter((id) => id === 'no-restricted-properties')).toHaveLength(3);
      expect(ids).toContain('no-restricted-globals');
      expect(ids).toContain('no-restricted-imports');
    });
  }

  it('allows the same code in the shell, where the clock and entropy ports live', async () => {
    const ids = await ruleIds('kernel/world/probe.ts', NONDETERMINISTIC);
    expect(ids.filter((id) => id.startsWith('no-restricted'))).toEqual([]);
  });

  it('refuses a pure-core import of the shell', async () => {
    const ids = await ruleIds('reducers/probe.ts', "import { World } from '../kernel/world/world.js';\nexport { World };\n");
    expect(ids).toContain('no-restricted-imports');
  });
});
