import { describe, expect, it } from 'vitest';
import { WorldlineError } from '../../kernel/index.js';
import { errorLines, reportError } from '../../cli/errors.js';
import { exitCodeFor } from '../../cli/exit-codes.js';
import { runCli } from './helpers/run-cli.js';

describe('worldline: usage, help and errors', () => {
  it('--help lists every command and documents the exit codes (exit 0)', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['demo', 'verify', 'replay', 'log', 'inject', 'inspect', 'plan', 'run', 'status']) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(run.stdout).toMatch(/Exit codes:\n +0 +ok\n +1 +a check failed[\s\S]*\n +70 +internal error/);
    expect((await runCli(['verify', '--help'])).stdout).toMatch(/--expect-head <hash>/);
  });

  it('no command, an unknown command or an unknown option is a usage error (exit 2) with the fix', async () => {
    expect((await runCli([])).code).toBe(2);
    const unknown = await runCli(['verfy', 'x.db']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error USAGE: unknown command 'verfy' \(Did you mean verify\?\)\n +fix: +run `worldline --help`/);
    const option = await runCli(['log', 'x.db', '--jsn']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^error USAGE: unknown option '--jsn'/);
  });

  it('with --json, a failure is one error object on stdout and nothing on stderr', async () => {
    const run = await runCli(['replay', '/nonexistent/world.db', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'JOURNAL_NOT_FOUND', message: expect.any(String), where: { file: '/nonexistent/world.db' } } });
  });

  it('prints expected, found, where and fix lines, and maps codes to exit codes', () => {
    const err = new WorldlineError('INVALID_EVENT', 'event order.placed is invalid at /amount', {
      expected: 'a positive integer', found: -5, where: { world: 'w1', seq: 7, path: '/amount' }, hint: 'send a positive amount',
    });
    expect(errorLines(err)).toEqual([
      'error INVALID_EVENT: event order.placed is invalid at /amount',
      '  expected: a positive integer',
      '  found:    -5',
      '  where:    world w1, seq 7, path /amount',
      '  fix:      send a positive amount',
    ]);
    expect([exitCodeFor('JOURNAL_TAMPERED'), exitCodeFor('DETERMINISM_VIOLATION'), exitCodeFor('INVALID_EVENT'),
      exitCodeFor('WORLD_LOCKED'), exitCodeFor('JOURNAL_CONFLICT'), exitCodeFor('JOURNAL_IO_FAILED')]).toEqual([1, 1, 2, 3, 3, 70]);
  });

  it('reports anything that is not a WorldlineError as INTERNAL_ERROR, exit 70, with its stack', () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, isTTY: false };
    expect(reportError(io, new TypeError('boom'), false)).toBe(70);
    expect(stderr).toMatch(/^error INTERNAL_ERROR: boom\n +fix: +this is a bug in worldline[\s\S]*TypeError: boom/);
  });
});
