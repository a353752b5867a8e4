/**
 * `worldline plan <validate|lint|hash|graph|install>`: plan files from the command line. All but
 * `install` read only the file; `install` writes it into a journal as the world's writer.
 */
import { Option, type Command } from 'commander';
import { planHash, toDot, toMermaid } from '../../plans/index.js';
import type { Cli, JsonOption } from '../cli.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { say, sayJson, type Io } from '../io.js';
import { readValidPlan } from '../plan-file.js';
import { lintPlanFile, validatePlanFile, type LintOptions } from './plan-check.js';
import { installPlanFile, type InstallOptions } from './plan-install.js';

function hashPlanFile(io: Io, file: string, options: JsonOption): ExitCode {
  const { plan } = readValidPlan(file);
  const hash = planHash(plan);
  if (options.json) sayJson(io, { ok: true, file, planHash: hash, plan: { id: plan.id, name: plan.name, version: plan.version } });
  else say(io, hash);
  return EXIT.ok;
}

function graphPlanFile(io: Io, file: string, options: { format: 'mermaid' | 'dot' }): ExitCode {
  const { plan } = readValidPlan(file);
  io.stdout.write(options.format === 'dot' ? toDot(plan) : toMermaid(plan));
  return EXIT.ok;
}

export function registerPlan(program: Command, cli: Cli): void {
  const plan = program.command('plan')
    .description('validate, lint, hash, draw or install a plan file (JSON)')
    .addHelpText('after', '\nThe plan language: docs/PLANS.md. Running plans: `worldline run`, `worldline status`.');

  plan.command('validate')
    .description('check a plan: every issue with its code and JSON pointer')
    .argument('<file>', 'plan document (JSON)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExit 0 when valid; 2 when invalid, unreadable or not JSON.')
    .action((file: string, options: JsonOption) => cli.exit(validatePlanFile(cli.io, file, options)));

  plan.command('lint')
    .description('advice on a valid plan: findings with severity, code and JSON pointer')
    .argument('<file>', 'plan document (JSON)')
    .option('--strict', 'fail on warnings too')
    .option('--json', 'print the findings as JSON')
    .addHelpText('after', '\nExit 0 when no finding is an error (warnings allowed); 1 on an error finding (with --strict,\non any finding); 2 when the plan is invalid (its validation issues are printed instead).')
    .action((file: string, options: LintOptions) => cli.exit(lintPlanFile(cli.io, file, options)));

  plan.command('hash')
    .description('print the plan\'s content hash (what runs are pinned to)')
    .argument('<file>', 'plan document (JSON)')
    .option('--json', 'print the hash as JSON')
    .addHelpText('after', '\nThe hash is SHA-256 of the canonical MessagePack of the document: key order and whitespace do not matter.')
    .action((file: string, options: JsonOption) => cli.exit(hashPlanFile(cli.io, file, options)));

  plan.command('graph')
    .description('draw the step graph as Mermaid or Graphviz DOT')
    .argument('<file>', 'plan document (JSON)')
    .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'dot']).default('mermaid'))
    .action((file: string, options: { format: 'mermaid' | 'dot' }) => cli.exit(graphPlanFile(cli.io, file, options)));

  plan.command('install')
    .description('install a plan into a world, as its writer, without starting a run (its triggers start runs)')
    .argument('<journal>', 'journal file (created with a genesis entry if absent)')
    .argument('<file>', 'plan document (JSON)')
    .option('--env <json>', 'environment of the runs its triggers start, a JSON object with every context_requirements key')
    .option('--world <module>', 'world module (.ts/.js) exporting the definition and `adapters`; default: the built-in plans world')
    .option('--actor <name>', 'who installs, journaled (default: the OS user)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit 0 when installed (or already installed: a no-op); 2 when the plan is invalid or a triggered\nplan\'s --env lacks a context requirement (nothing is journaled); 3 when another writer holds the world.')
    .action(async (journal: string, file: string, options: InstallOptions) => cli.exit(await installPlanFile(cli.io, journal, file, options)));
}
