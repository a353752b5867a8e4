/**
 * `worldline status <journal> [execution_id]`: plan runs as the folded state shows them, read-only
 * (no lease): one line per run, or one run's steps. Derived from the journal alone, so every
 * machine shows the same.
 */
import type { Command } from 'commander';
import { restoreState, runStatusSnapshots, type RunStatusSnapshot } from '../../kernel/index.js';
import { compileWorld } from '../../kernel/core/compiled-world.js';
import { resolveDefinition } from '../builtin-worlds.js';
import type { Cli, JsonOption } from '../cli.js';
import { divergenceLines } from '../divergence.js';
import { cliError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { definitionText, plural, shortHash, table } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { withJournal } from '../journal.js';
import { progress } from '../progress.js';
import { runRow, snapshotLines } from '../run-view.js';

interface StatusOptions extends JsonOption {
  readonly world?: string;
}

/** The run `id` names: its full id, or a prefix of exactly one (as `log` prints 8 hex digits). */
function findRun(runs: readonly RunStatusSnapshot[], id: string, journal: string): RunStatusSnapshot {
  const exact = runs.find((r) => r.executionId === id);
  if (exact) return exact;
  const matches = id.length >= 4 ? runs.filter((r) => r.executionId.startsWith(id.toLowerCase())) : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw cliError('RUN_AMBIGUOUS', `${id} is the start of ${matches.length} runs in ${journal}`, {
      expected: 'a full execution id, or a prefix of exactly one', found: matches.map((r) => r.executionId), where: { file: journal },
    });
  }
  throw cliError('RUN_NOT_FOUND', `no run ${id} in ${journal}`, {
    expected: runs.length === 0 ? 'a run (this journal has none)'
      : `one of the journal's runs${runs.length > 5 ? ` (${runs.length}; the latest 5)` : ''}: ${runs.slice(-5).map((r) => shortHash(r.executionId, 8)).join(', ')}`,
    found: id, where: { file: journal, run: id }, hint: `\`worldline status ${journal}\` lists every run`,
  });
}

export async function status(io: Io, journal: string, executionId: string | undefined, options: StatusOptions): Promise<ExitCode> {
  return withJournal(journal, async (store) => {
    const { definition, source } = await resolveDefinition(store, options.world);
    const shown = progress(io, 'folding');
    const restored = await restoreState(store, compileWorld(definition), { onProgress: shown.update }).finally(() => shown.done());
    const { state, divergence } = restored;
    const runs = runStatusSnapshots(state);
    const one = executionId === undefined ? undefined : findRun(runs, executionId, journal);
    if (options.json) {
      const base = { ok: divergence === undefined, journal, source, worldId: state.worldId, definition: state.definition };
      sayJson(io, { ...base, ...(one ? { run: one } : { runs }), ...(divergence ? { divergence } : {}) });
    } else {
      if (one) say(io, ...snapshotLines(one));
      else {
        say(io, `world ${state.worldId}  ${definitionText(state.definition)}, folded with ${source}: ${plural(runs.length, 'run')}`);
        say(io, ...table(runs.map(runRow)));
      }
      if (divergence) say(io, '', `DIVERGED at seq ${divergence.seq}: the runs above are as of seq ${divergence.seq - 1}`, ...divergenceLines(divergence));
    }
    return divergence ? EXIT.checkFailed : EXIT.ok;
  });
}

export function registerStatus(program: Command, cli: Cli): void {
  program.command('status')
    .description('show plan runs: status, plan, steps and what they wait for (read-only)')
    .argument('<journal>', 'journal file')
    .argument('[execution_id]', 'one run: its execution id, or a unique prefix of it')
    .option('--world <module>', 'world module to fold with; default: the built-in world named in the journal')
    .option('--json', 'print the run status snapshot(s) as JSON')
    .addHelpText('after', '\nStatus: RUNNING, PAUSED (+DRAINING while its effects are in flight), SUCCEEDED, PARTIAL, FAILED, CANCELLED.\nExit 0; 2 for an unknown execution id (RUN_NOT_FOUND); 1 when the journal no longer replays.')
    .action(async (journal: string, id: string | undefined, options: StatusOptions) => cli.exit(await status(cli.io, journal, id, options)));
}
