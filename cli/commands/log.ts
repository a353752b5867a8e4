/** `worldline log <journal>`: one line per entry for people, NDJSON of decoded entries for machines. */
import type { Command } from 'commander';
import { ENTRY_KINDS, isEntryKind } from '../../kernel/index.js';
import type { Cli, JsonOption } from '../cli.js';
import { cliError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { isoTime, shortHash } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { readEntries, withJournal } from '../journal.js';
import { collectList, parseLimit, parseSeq } from '../options.js';
import { summarize } from '../summarize.js';

interface LogOptions extends JsonOption {
  readonly from?: number;
  readonly to?: number;
  readonly kind?: string[];
  readonly limit?: number;
}

function kindFilter(kinds: readonly string[] | undefined): ((kind: string) => boolean) | undefined {
  if (!kinds || kinds.length === 0) return undefined;
  const unknown = kinds.filter((k) => !isEntryKind(k));
  if (unknown.length > 0) {
    throw cliError('INVALID_ARGUMENT', `--kind ${unknown.join(',')} is not an entry kind`, {
      expected: ENTRY_KINDS.join(', '), found: unknown.join(', '), hint: 'pass one or more of the kinds above, comma-separated or repeated',
    });
  }
  const wanted = new Set(kinds);
  return (kind) => wanted.has(kind);
}

export async function log(io: Io, journal: string, options: LogOptions): Promise<ExitCode> {
  const keep = kindFilter(options.kind);
  if (options.from !== undefined && options.to !== undefined && options.to < options.from) {
    throw cliError('INVALID_ARGUMENT', `--to ${options.to} is before --from ${options.from}`, { expected: '--from <= --to', found: `${options.from} > ${options.to}` });
  }
  return withJournal(journal, async (store) => {
    let printed = 0;
    for await (const entry of readEntries(store, options.from ?? 1, options.to)) {
      if (keep && !keep(entry.kind)) continue;
      if (options.json) sayJson(io, entry);
      else say(io, `${String(entry.seq).padStart(6)}  ${isoTime(entry.stamp.at)}  ${entry.kind.padEnd(15)}  ${summarize(entry)}  ${shortHash(entry.hash, 8)}`);
      if (++printed === options.limit || io.stdout.closed) break;
      // Reading pages never leaves the microtask queue: give stdout a turn to drain or report EPIPE.
      if (printed % 512 === 0) await new Promise((r) => setImmediate(r));
    }
    return EXIT.ok;
  });
}

export function registerLog(program: Command, cli: Cli): void {
  program.command('log')
    .description('list journal entries: seq, time, kind, a payload summary, short hash')
    .argument('<journal>', 'journal file')
    .option('--from <seq>', 'first seq to show', parseSeq)
    .option('--to <seq>', 'last seq to show', parseSeq)
    .option('--kind <kinds>', 'only these kinds (comma-separated, repeatable)', collectList)
    .option('--limit <n>', 'show at most n entries', parseLimit)
    .option('--json', 'print decoded entries as NDJSON, one per line')
    .addHelpText('after', `\nKinds: ${ENTRY_KINDS.join(', ')}`)
    .action(async (journal: string, options: LogOptions) => cli.exit(await log(cli.io, journal, options)));
}
