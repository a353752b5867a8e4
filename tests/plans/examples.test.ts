import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINT_CODES, lintPlan, RESERVED_ERROR_CODES, toMermaid, validatePlan, VALIDATION_CODES } from '../../plans/index.js';
import type { Plan } from '../../plans/index.js';

const dir = new URL('../../plans/examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const docs = readFileSync(new URL('../../docs/PLANS.md', import.meta.url), 'utf8');

describe('plans/examples', () => {
  it('holds the three documented patterns', () => {
    expect(files).toEqual(expect.arrayContaining(['approval-gate.json', 'correlated-request.json', 'timeout-race.json']));
  });

  it.each(files)('%s validates and lints clean', (file) => {
    const result = validatePlan(read(file));
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
    expect(lintPlan(result.plan)).toEqual([]);
  });
});

describe('docs/PLANS.md', () => {
  it('shows every example file verbatim, each marked with its path', () => {
    const blocks = [...docs.matchAll(/<!-- example: plans\/examples\/([\w-]+\.json) -->\n```json\n([\s\S]*?)\n```/g)];
    expect(blocks.map((b) => b[1]).sort()).toEqual(files);
    for (const [, file, body] of blocks) expect(JSON.parse(body!), file).toEqual(read(file!));
  });

  it('lists every validation, lint and reserved error code', () => {
    const rows = new Set([...docs.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
    for (const code of [...Object.keys(VALIDATION_CODES), ...Object.keys(LINT_CODES), ...Object.keys(RESERVED_ERROR_CODES)]) {
      expect(rows.has(code), code).toBe(true);
    }
    const known = new Set([...Object.keys(VALIDATION_CODES), ...Object.keys(LINT_CODES), ...Object.keys(RESERVED_ERROR_CODES)]);
    for (const row of rows) expect(known.has(row!), `stale row ${row}`).toBe(true);
    for (const [code, { severity }] of Object.entries(LINT_CODES)) expect(docs).toContain(`| \`${code}\` | ${severity} |`);
  });

  it('shows the current Mermaid rendering of the timeout race', () => {
    const mermaid = toMermaid(read('timeout-race.json') as Plan);
    expect(docs).toContain('```mermaid\n' + mermaid + '```');
  });
});
