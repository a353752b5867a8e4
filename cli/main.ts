/**
 * The `worldline` command line. `main` parses argv, runs one command and resolves with its exit
 * code; it never calls process.exit, so tests run it in-process with captured streams.
 */
import { Command, CommanderError } from 'commander';
import { KERNEL_VERSION } from '../kernel/index.js';
import type { Cli } from './cli.js';
import { registerDemo } from './commands/demo.js';
import { registerInject } from './commands/inject.js';
import { registerInspect } from './commands/inspect.js';
import { registerLog } from './commands/log.js';
import { registerPlan } from './commands/plan.js';
import { registerReplay } from './commands/replay.js';
import { registerRun } from './commands/run.js';
import { registerStatus } from './commands/status.js';
import { registerVerify } from './commands/verify.js';
import { cliError, reportError } from './errors.js';
import { EXIT, EXIT_CODES_HELP, type ExitCode } from './exit-codes.js';
import { processIo, type Io } from './io.js';

export type { Io } from './io.js';

function buildProgram(cli: Cli, onUsageError: (message: string) => void): Command {
  const program = new Command('worldline')
    .description('Run, inspect, replay and verify worldline journals.')
    .version(KERNEL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void cli.io.stdout.write(s),
      writeErr: (s) => void cli.io.stderr.write(s),
      outputError: (s) => onUsageError(s),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', `${EXIT_CODES_HELP}\n\nDocs: docs/CLI.md`);
  const commands = [registerDemo, registerVerify, registerReplay, registerLog, registerInject, registerInspect, registerPlan, registerRun, registerStatus];
  for (const register of commands) register(program, cli);
  return program;
}

/** `--json` anywhere before a `--` asks for machine output, errors included. */
function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes('--json');
}

/** The command whose help to point at: the one given, if it exists (`plan graph`: both words). */
function commandName(program: Command, args: readonly string[]): string {
  const names: string[] = [];
  let command = program;
  for (const arg of args.filter((a) => !a.startsWith('-'))) {
    const sub = command.commands.find((c) => c.name() === arg);
    if (!sub) break;
    names.push(arg);
    command = sub;
  }
  return names.map((n) => ` ${n}`).join('');
}

/** `argv` as in process.argv: [node, script, ...args]. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const args = argv.slice(2);
  const json = wantsJson(args);
  let exitCode: ExitCode = EXIT.ok;
  let usage: string | undefined;
  const program = buildProgram({ io, exit: (code) => (exitCode = code) }, (message) => (usage = message));
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return exitCode;
  } catch (e) {
    if (!(e instanceof CommanderError)) return reportError(io, e, json);
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
    // Help printed because no command was given: already on stderr, and a usage error.
    if (e.code === 'commander.help') return EXIT.usage;
    const message = (usage ?? e.message).trim().replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ');
    return reportError(io, cliError('USAGE', message, { hint: `run \`worldline${commandName(program, args)} --help\`` }), json);
  }
}
