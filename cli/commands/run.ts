/**
 * `worldline run <journal> --plan FILE --input JSON`: open the world as its writer, install the
 * plan (a no-op when installed), start a run and, unless --no-wait, wait for its PlanResult.
 */
import type { Command } from 'commander';
import { runStatusSnapshot, WorldlineError, type PlanResult, type RunStatusSnapshot, type World } from '../../kernel/index.js';
import { planHash as hashOf } from '../../plans/index.js';
import type { Cli, JsonOption } from '../cli.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { shortHash } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { parseJsonRecord } from '../json-option.js';
import { parseTimestamp } from '../options.js';
import { readValidPlan, type ValidPlanFile } from '../plan-file.js';
import { defaultActor, openPlanWorld } from '../plan-world.js';
import { precheckRun } from '../run-request.js';
import { labelled, resultLines, statusText } from '../run-view.js';

export interface RunOptions extends JsonOption {
  readonly plan: string;
  readonly input: string;
  readonly env?: string;
  readonly world?: string;
  readonly actor?: string;
  readonly deadlineMs?: number;
  readonly executionId?: string;
  readonly wait: boolean;
}

interface RunContext {
  readonly journal: string;
  readonly source: string;
  readonly plan: ValidPlanFile;
  readonly input: Record<string, unknown>;
  readonly environment?: Record<string, unknown>;
}

interface Started extends RunContext {
  readonly planHash: string;
  readonly installedSeq: number;
  readonly newlyInstalled: boolean;
  readonly executionId: string;
  readonly requestedSeq: number;
}

function headerLines(world: World, s: Started): string[] {
  const plan = `${s.plan.plan.name}@${s.plan.plan.version} (${shortHash(s.planHash)})`;
  return [
    `${s.newlyInstalled ? 'installed' : 'already installed:'} plan ${plan} at seq ${s.installedSeq} in world ${world.id} (${s.source})`,
    `started run ${s.executionId} at seq ${s.requestedSeq}`,
  ];
}

function jsonOf(world: World, s: Started, result: PlanResult | null, snapshot?: RunStatusSnapshot) {
  return {
    ok: result === null || result.status === 'success', journal: s.journal, worldId: world.id, source: s.source,
    executionId: s.executionId, planHash: s.planHash, plan: { id: s.plan.plan.id, name: s.plan.plan.name, version: s.plan.plan.version },
    installedSeq: s.installedSeq, newlyInstalled: s.newlyInstalled, requestedSeq: s.requestedSeq,
    result, ...(snapshot ? { status: snapshot } : {}), head: world.status().head,
  };
}

async function start(world: World, c: RunContext, options: RunOptions): Promise<Started> {
  const hash = hashOf(c.plan.plan);
  const actor = options.actor ?? defaultActor();
  // Refused before the install, so a reused id leaves no new plan behind either.
  if (options.executionId !== undefined && world.current.runs.has(options.executionId)) {
    throw new WorldlineError('EXECUTION_ID_REUSED', `execution ${options.executionId} already exists; a re-run is a new execution with a new id`, {
      found: options.executionId, where: { world: world.id, run: options.executionId }, hint: 'omit --execution-id to get a fresh one',
    });
  }
  const newlyInstalled = !world.current.plans.has(hash);
  const installed = await world.installPlan(c.plan.json, { actor, environment: c.environment });
  const started = await world.startRun(installed.planHash, c.input, {
    actor, environment: c.environment, deadlineMs: options.deadlineMs, executionId: options.executionId,
  });
  return { ...c, planHash: installed.planHash, installedSeq: installed.seq, newlyInstalled, executionId: started.executionId, requestedSeq: started.seq };
}

/**
 * --no-wait: the world was opened without dispatch, so nothing is called now that would be cut
 * off when the process exits; the run's effects and timers start the next time the world is
 * opened for writing.
 */
function leave(io: Io, world: World, s: Started, options: RunOptions): ExitCode {
  const snapshot = runStatusSnapshot(world.current, s.executionId)!;
  if (options.json) sayJson(io, jsonOf(world, s, snapshot.result, snapshot));
  else if (snapshot.result) say(io, ...headerLines(world, s), ...resultLines(snapshot.result));
  else {
    const waiting = snapshot.steps.filter((step) => step.waitingFor !== null).map((step) => `${step.name} (for ${step.waitingFor})`);
    say(io, ...headerLines(world, s), ...labelled('status', statusText(snapshot)), ...labelled('waiting', waiting.join(', ') || 'nothing'));
    say(io, `not waiting (--no-wait): nothing was dispatched; the run goes on when the world is next opened for writing; \`worldline status ${s.journal} ${s.executionId}\` shows it`);
  }
  return snapshot.result === null || snapshot.result.status === 'success' ? EXIT.ok : EXIT.checkFailed;
}

export async function run(io: Io, journal: string, options: RunOptions): Promise<ExitCode> {
  const input = parseJsonRecord(options.input, '--input', '{"order_id":"o1"}');
  const environment = options.env === undefined ? undefined : parseJsonRecord(options.env, '--env', '{"tenant":"acme"}');
  const plan = readValidPlan(options.plan);
  precheckRun(plan.plan, plan.file, { input, environment, executionId: options.executionId, deadlineMs: options.deadlineMs }, Date.now());
  const { world, source, openedAt } = await openPlanWorld(journal, { world: options.world, command: 'run', dispatch: options.wait });
  let refused = false;
  try {
    const started = await start(world, { journal, source, plan, input, environment }, options);
    if (!options.wait) return leave(io, world, started, options);
    const result = await world.runResult(started.executionId);
    if (options.json) sayJson(io, jsonOf(world, started, result));
    else say(io, ...headerLines(world, started), ...resultLines(result), ...labelled('head', `seq ${world.status().head.seq} ${world.status().head.hash}`));
    return result.status === 'success' ? EXIT.ok : EXIT.checkFailed;
  } catch (e) {
    refused = true;
    throw e;
  } finally {
    await world.close();
    // Opening the world as its writer resumed its pending work, which may have journaled
    // receipts up to the close: say so, since the refused request itself journaled nothing.
    if (refused && world.headSeq > openedAt && !options.json) {
      io.stderr.write(`note: opening the world resumed its pending work; seq ${openedAt + 1}..${world.headSeq} were journaled, though the request was refused\n`);
    }
  }
}

export function registerRun(program: Command, cli: Cli): void {
  program.command('run')
    .description('install a plan and run it in a world, as its writer; wait for and print its result')
    .argument('<journal>', 'journal file (created with a genesis entry if absent)')
    .requiredOption('--plan <file>', 'plan document (JSON), e.g. plans/examples/timeout-race.json')
    .requiredOption('--input <json>', 'run input as a JSON object, checked against the plan\'s input fields')
    .option('--env <json>', 'execution environment as a JSON object: must hold every context_requirements key')
    .option('--world <module>', 'world module (.ts/.js) exporting the definition and `adapters`; default: the built-in plans world')
    .option('--actor <name>', 'who asks, journaled with the install and the run request (default: the OS user)')
    .option('--deadline-ms <unixMs>', 'hard deadline, unix ms; at least started_at + the plan\'s timeout_ms', parseTimestamp)
    .option('--execution-id <uuid>', 'the run\'s id, a lowercase UUID v4 (default: a fresh one); a used id is refused')
    .option('--no-wait', 'journal the run and return: no adapter is called and no timer armed until the world is next opened for writing')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', [
      '',
      'Exit 0 when the run succeeded (or, with --no-wait, is still going); 1 when it ended partial or failure',
      '(the result is printed); 2 when the request is refused (invalid plan, input or --env, missing context,',
      'reused execution id: nothing is journaled); 3 when another writer holds the world.',
      'Without --world, no effect has an adapter except timer.set (a kernel timer): each settles at once',
      'with an ADAPTER_MISSING error receipt, which the plan sees as an await_receipt with status error.',
    ].join('\n'))
    .action(async (journal: string, options: RunOptions) => cli.exit(await run(cli.io, journal, options)));
}
