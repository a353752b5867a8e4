import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINT_CODES, planHash, validatePlan, type Plan } from '../../plans/index.js';
import { EXAMPLES_DIR, readPlan, THREE_EFFECTS, writePlanVariant } from './helpers/plans.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).map((f) => join(EXAMPLES_DIR, f));

interface Report { ok: boolean; file: string; valid: boolean; issues?: Array<{ code: string; pointer: string; message: string }> }

describe('worldline plan validate', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it.each(EXAMPLES)('accepts the example %s (exit 0)', async (file) => {
    const run = await runCli(['plan', 'validate', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^ok: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a valid plan: [\\w-]+@1\\.0\\.0, \\d+ steps, hash [0-9a-f]{12}\\n$`));
    expect(run.stderr).toBe('');
  });

  it('reports missing steps as STEPS_EMPTY at /steps, with the file, and exits 2', async () => {
    const file = writePlanVariant(THREE_EFFECTS, tmp.path('empty.json'), (p) => (p.steps = []));
    const run = await runCli(['plan', 'validate', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^INVALID: .*empty\.json: 1 issue\n {2}.*empty\.json#\/steps {2}STEPS_EMPTY {2}expected at least 1 \(array\), found \[\]\n/);
    const json = (await runCli(['plan', 'validate', file, '--json'])).json<Report>();
    expect(json).toEqual({ ok: false, file, valid: false, issues: [{ code: 'STEPS_EMPTY', pointer: '/steps', message: expect.any(String) }] });
  });

  it('reports a dependency cycle and a bad UUID, each at its pointer', async () => {
    const cycle = writePlanVariant(THREE_EFFECTS, tmp.path('cycle.json'), (p) => (p.steps[0]!.depends_on = ['notify']));
    const cycled = (await runCli(['plan', 'validate', cycle, '--json'])).json<Report>();
    expect(cycled.issues).toEqual([expect.objectContaining({ code: 'DEPENDENCY_CYCLE', pointer: '/steps/0/depends_on/0' })]);
    const badId = writePlanVariant(THREE_EFFECTS, tmp.path('bad-id.json'), (p) => {
      p.id = 'not-a-uuid';
      p.steps[2]!.id = 'E3962A70-3FBD-4AAB-BB96-B51012CAE999';
    });
    const run = await runCli(['plan', 'validate', badId]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/bad-id\.json#\/id +INVALID_UUID +expected a lowercase UUID v4, found "not-a-uuid"\n/);
    expect(run.stdout).toMatch(/bad-id\.json#\/steps\/2\/id +INVALID_UUID /);
    expect(run.stdout).toMatch(/^INVALID: .*: 2 issues$/m);
  });

  it('refuses a missing file and a file that is not JSON with exit 2 and a clear error', async () => {
    const missing = await runCli(['plan', 'validate', tmp.path('nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error PLAN_FILE_NOT_FOUND: plan file .*nope\.json does not exist\n/);
    writeFileSync(tmp.path('broken.json'), '{"id": ');
    const broken = await runCli(['plan', 'validate', tmp.path('broken.json'), '--json']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe('');
    expect(broken.json()).toMatchObject({ ok: false, error: { code: 'INVALID_JSON', where: { file: tmp.path('broken.json') } } });
    expect((await runCli(['plan', 'validate', tmp.dir])).stderr).toMatch(/^error PLAN_FILE_UNREADABLE: /);
  });
});

describe('worldline plan lint', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it.each(EXAMPLES)('finds nothing in the example %s (exit 0)', async (file) => {
    const run = await runCli(['plan', 'lint', file, '--strict']);
    expect(run.stdout).toMatch(/^ok: .*: no findings\n$/);
    expect(run.code).toBe(0);
  });

  it('warns about a non-read effect without an idempotency key: exit 0, or 1 under --strict', async () => {
    const file = writePlanVariant(THREE_EFFECTS, tmp.path('no-key.json'), (p) => delete p.steps[0]!.idempotency_key);
    const run = await runCli(['plan', 'lint', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok: .*no-key\.json: 0 errors, 1 warning\n {2}.*no-key\.json#\/steps\/0 {2}warning {2}EFFECT_WITHOUT_IDEMPOTENCY_KEY {2}expected an idempotency_key .* found none\n/);
    const strict = await runCli(['plan', 'lint', file, '--strict', '--json']);
    expect(strict.code).toBe(1);
    expect(strict.json()).toEqual({
      ok: false, file, valid: true, strict: true, errors: 0, warnings: 1,
      findings: [{ code: 'EFFECT_WITHOUT_IDEMPOTENCY_KEY', severity: 'warning', pointer: '/steps/0', message: expect.stringMatching(/ at \/steps\/0$/) }],
    });
  });

  it('fails (exit 1) on an error finding: a when guard that is constant false', async () => {
    expect(LINT_CODES.WHEN_ALWAYS_FALSE.severity).toBe('error');
    const file = writePlanVariant(THREE_EFFECTS, tmp.path('never.json'), (p) => (p.steps[2]!.when = false));
    const run = await runCli(['plan', 'lint', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAILED: .*never\.json: 2 errors, 0 warnings\n/);
    expect(run.stdout).toMatch(/never\.json#\/steps\/6 +error +END_UNREACHABLE /);
    expect(run.stdout).toMatch(/never\.json#\/steps\/2\/when +error +WHEN_ALWAYS_FALSE /);
  });

  it('reports an invalid plan\'s validation issues instead of lint findings (exit 2)', async () => {
    const file = writePlanVariant(THREE_EFFECTS, tmp.path('empty.json'), (p) => (p.steps = []));
    const run = await runCli(['plan', 'lint', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^INVALID: .*empty\.json: 1 issue\n.*STEPS_EMPTY/);
  });
});

describe('worldline plan hash and graph', () => {
  it.each(EXAMPLES)('hash prints planHash() of %s as the single stdout line', async (file) => {
    const plan = (validatePlan(readPlan(file)) as { plan: Plan }).plan;
    const run = await runCli(['plan', 'hash', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${planHash(plan)}\n`);
    expect((await runCli(['plan', 'hash', file, '--json'])).json()).toEqual({ ok: true, file, planHash: planHash(plan), plan: { id: plan.id, name: plan.name, version: plan.version } });
  });

  it.each(EXAMPLES)('graph draws every step of %s in Mermaid (default) and DOT', async (file) => {
    const plan = readPlan(file);
    const mermaid = await runCli(['plan', 'graph', file]);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart TD\n/);
    for (const step of plan.steps) expect(mermaid.stdout).toContain(`"${String(step.name)}<br/>`);
    const dot = await runCli(['plan', 'graph', file, '--format', 'dot']);
    expect(dot.stdout).toMatch(/^digraph /);
    for (const step of plan.steps) expect(dot.stdout).toContain(`label="${String(step.name)}\\n`);
  });

  it('refuses an unknown format, and an invalid plan with every issue (exit 2)', async () => {
    const format = await runCli(['plan', 'graph', THREE_EFFECTS, '--format', 'svg']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^error USAGE: option '--format <format>' argument 'svg' is invalid\. Allowed choices are mermaid, dot\.\n +fix: +run `worldline plan graph --help`/);
    const tmp = tempDir();
    try {
      const file = writePlanVariant(THREE_EFFECTS, tmp.path('bad.json'), (p) => {
        p.id = 'x';
        p.version = 'one';
      });
      const run = await runCli(['plan', 'hash', file]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error PLAN_INVALID: plan file .*bad\.json is not a valid plan: 2 issues\n +expected: .*\n +found: +#\/id INVALID_UUID: .*\n +#\/version INVALID_VERSION: .*\n +where: +file .*bad\.json\n +fix: +.*worldline plan validate/);
    } finally {
      tmp.remove();
    }
  });
});
