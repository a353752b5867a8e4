/** `worldline verify <journal>`: re-walk the hash chain and name the first bad entry. */
import type { Command } from 'commander';
import { verifyJournal, type VerifyReport } from '../../kernel/index.js';
import type { Cli, JsonOption } from '../cli.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { say, sayJson, type Io } from '../io.js';
import { withJournal } from '../journal.js';
import { parseExpectHead, type ExpectHeadOption } from '../options.js';
import { progress } from '../progress.js';

interface VerifyOptions extends JsonOption {
  readonly expectHead?: ExpectHeadOption;
}

function printReport(io: Io, journal: string, report: VerifyReport, stored: { seq: number; hash: string }): void {
  if (report.ok) {
    say(io, `ok: ${journal} is intact: ${report.entries} entries, head seq ${report.head.seq} ${report.head.hash}`);
    return;
  }
  const bad = report.firstBad!;
  say(io,
    `${bad.problem === 'HEAD_MISMATCH' ? 'HEAD MISMATCH' : 'TAMPERED'}: ${journal}: first bad entry is seq ${bad.seq} (${bad.problem})`,
    `  ${bad.message}`,
    `  expected: ${bad.expected}`,
    `  found:    ${bad.found}`,
    `  last good: seq ${report.head.seq} ${report.head.hash}`,
    `  stored head: seq ${stored.seq} ${stored.hash}`,
    `  fix:      restore the journal from a trusted copy; entries up to seq ${report.head.seq} check out`,
  );
}

export async function verify(io: Io, journal: string, options: VerifyOptions): Promise<ExitCode> {
  return withJournal(journal, async (store) => {
    const shown = progress(io, 'verifying');
    const storedHead = await store.head();
    const stored = { seq: storedHead.seq, hash: Buffer.from(storedHead.hash).toString('hex') };
    const report = await verifyJournal(store, { expectHead: options.expectHead, onProgress: shown.update });
    shown.done();
    if (options.json) sayJson(io, { ...report, journal, storedHead: stored });
    else printReport(io, journal, report, stored);
    return report.ok ? EXIT.ok : EXIT.checkFailed;
  });
}

export function registerVerify(program: Command, cli: Cli): void {
  program.command('verify')
    .description('check the hash chain of a journal; name the first bad seq')
    .argument('<journal>', 'journal file (e.g. worldline-demo/world.db)')
    .option('--expect-head <hash>', 'the head the journal must end on: HASH, or SEQ:HASH to locate a cut exactly', parseExpectHead)
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExit 0 when intact, 1 when tampering (or a head mismatch) is found, 2 on bad usage.')
    .action(async (journal: string, options: VerifyOptions) => cli.exit(await verify(cli.io, journal, options)));
}
