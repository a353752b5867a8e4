import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tamperEntry, writeOrdersJournal } from './helpers/journals.js';
import { runCli, tempDir, type TempDir } from './helpers/run-cli.js';

describe('worldline verify', () => {
  let tmp: TempDir;
  let journal: string;
  beforeEach(async () => {
    tmp = tempDir();
    journal = tmp.path('world.db');
    await writeOrdersJournal(journal);
  });
  afterEach(() => tmp.remove());

  it('exits 0 on an intact journal and reports the head', async () => {
    const run = await runCli(['verify', journal, '--json']);
    expect(run.code).toBe(0);
    const report = run.json<{ ok: boolean; entries: number; head: { seq: number; hash: string }; storedHead: { seq: number } }>();
    expect(report).toMatchObject({ ok: true, storedHead: { seq: report.head.seq } });
    expect(report.entries).toBe(report.head.seq);
    const human = await runCli(['verify', journal]);
    expect(human.stdout).toContain(`is intact: ${report.entries} entries, head seq ${report.head.seq} ${report.head.hash}`);
  });

  it('exits 1 when a byte of an entry was changed, naming the seq, the problem, both hashes and the last good head', async () => {
    tamperEntry(journal, 5);
    const run = await runCli(['verify', journal]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^TAMPERED: .*first bad entry is seq 5 \(HASH_MISMATCH\)/);
    expect(run.stdout).toMatch(/expected: [0-9a-f]{64}\n +found: +[0-9a-f]{64}/);
    expect(run.stdout).toMatch(/last good: seq 4 [0-9a-f]{64}/);
    const json = (await runCli(['verify', journal, '--json'])).json();
    expect(json).toMatchObject({ ok: false, entries: 4, firstBad: { seq: 5, problem: 'HASH_MISMATCH' } });
  });

  it('exits 1 when the journal does not end on --expect-head, and 0 when it does (HASH or SEQ:HASH)', async () => {
    const { head } = (await runCli(['verify', journal, '--json'])).json<{ head: { seq: number; hash: string } }>();
    expect((await runCli(['verify', journal, '--expect-head', head.hash])).code).toBe(0);
    expect((await runCli(['verify', journal, '--expect-head', `${head.seq}:${head.hash}`])).code).toBe(0);

    const cut = await runCli(['verify', journal, '--expect-head', `${head.seq + 2}:${'ab'.repeat(32)}`]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/^HEAD MISMATCH: .*first bad entry is seq \d+ \(HEAD_MISMATCH\)/);
    expect(cut.stdout).toContain(`entries ${head.seq + 1}..${head.seq + 2} are missing`);
  });

  it('exits 2 on a malformed --expect-head or a missing journal, with the error code and fix', async () => {
    const bad = await runCli(['verify', journal, '--expect-head', 'cafe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error USAGE: .*expected a 64-hex-char head hash or SEQ:HASH/);
    const missing = await runCli(['verify', tmp.path('nope.db'), '--json']);
    expect(missing.code).toBe(2);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'JOURNAL_NOT_FOUND', hint: expect.any(String) } });
  });

  it('writes nothing to stderr when it is not a terminal (progress is for terminals only)', async () => {
    const run = await runCli(['verify', journal]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
