/** `worldline replay <journal>`: re-derive every entry with a definition and compare. */
import type { Command } from 'commander';
import { replayJournal, type ReplayReport } from '../../kernel/index.js';
import { resolveDefinition } from '../builtin-worlds.js';
import type { Cli, JsonOption } from '../cli.js';
import { divergenceLines } from '../divergence.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { definitionText } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { withJournal } from '../journal.js';
import { progress } from '../progress.js';

interface ReplayOptions extends JsonOption {
  readonly world?: string;
  readonly fromSnapshot?: boolean;
}


/** The journal may have been written by another definition on purpose: a note, not a failure. */
function definitionNote(report: ReplayReport): string | undefined {
  const { recorded, given } = report.definition;
  if (recorded.hash === given.hash) return undefined;
  return `note: the journal records ${definitionText(recorded)}; replaying with ${definitionText(given)}`;
}

function printReport(io: Io, journal: string, source: string, report: ReplayReport): void {
  const note = definitionNote(report);
  if (note) say(io, note);
  const start = report.fromSnapshot === undefined ? 'from genesis' : `from the snapshot at seq ${report.fromSnapshot}`;
  if (report.ok) {
    say(io,
      `ok: replayed ${journal} ${start} with ${source}: ${report.entries} entries, every derived entry matches`,
      `  world:      ${report.worldId}, definition ${definitionText(report.definition.given)}`,
      `  head:       seq ${report.head.seq} ${report.head.hash}`,
      `  state hash: ${report.stateHash}`,
      `  domain state hash: ${report.domainStateHash}`,
    );
    return;
  }
  say(io, `DIVERGED: replay of ${journal} ${start} with ${source} diverged at seq ${report.divergence!.seq}`, ...divergenceLines(report.divergence!));
}

export async function replay(io: Io, journal: string, options: ReplayOptions): Promise<ExitCode> {
  return withJournal(journal, async (store) => {
    const { definition, source } = await resolveDefinition(store, options.world);
    const shown = progress(io, 'replaying');
    const report = await replayJournal(store, definition, { fromSnapshot: options.fromSnapshot === true, onProgress: shown.update }).finally(() => shown.done());
    if (options.json) sayJson(io, { ...report, journal, source, note: definitionNote(report) });
    else printReport(io, journal, source, report);
    return report.ok ? EXIT.ok : EXIT.checkFailed;
  });
}

export function registerReplay(program: Command, cli: Cli): void {
  program.command('replay')
    .description('re-derive every entry of a journal and compare it with what was recorded')
    .argument('<journal>', 'journal file')
    .option('--world <module>', 'world module (.ts/.js) to replay with; default: the built-in world named in the journal')
    .option('--from-snapshot', 'start from the newest snapshot (checked against its state hash) instead of genesis')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExit 0 when every entry matches, 1 on divergence (seq, reason and both sides are printed), 2 on bad usage.')
    .action(async (journal: string, options: ReplayOptions) => cli.exit(await replay(cli.io, journal, options)));
}
