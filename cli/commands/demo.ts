/**
 * `worldline demo [dir]`: a real world end to end on the embedded SQLite default. A local payment
 * provider, the orders world charging through the HTTP adapter, real 50 ms shipping timers; then
 * a summary read back from the journal, verify and replay. Exit 0 only if every check passes.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Cli, JsonOption } from '../cli.js';
import { DECLINED_ORDER, DEMO_ORDERS, runOrders, type DemoRun } from '../demo/run-orders.js';
import { startPaymentProvider } from '../demo/payment-provider.js';
import { summarizeDemo, type DemoSummary } from '../demo/summary.js';
import { cliError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { table } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { withJournal } from '../journal.js';

interface DemoOptions extends JsonOption {
  readonly force?: boolean;
}

/** Makes `dir` and clears the way for `<dir>/world.db`, refusing to overwrite without --force. */
function prepare(dir: string, force: boolean): string {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw cliError('INVALID_ARGUMENT', `${dir} exists and is not a directory`, {
      expected: 'a directory (created if absent)', found: 'a file', where: { file: dir }, hint: 'pass another directory: worldline demo <dir>',
    });
  }
  mkdirSync(dir, { recursive: true });
  const journal = join(dir, 'world.db');
  if (existsSync(journal)) {
    if (!force) {
      throw cliError('JOURNAL_EXISTS', `${journal} already exists; the demo starts a new world and will not overwrite a journal`, {
        expected: 'no journal at the demo path', found: 'an existing journal', where: { file: journal },
        hint: `pass --force to delete and recreate it, or choose another directory: worldline demo <dir>; inspect the existing one with \`worldline inspect ${journal}\``,
      });
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(journal + suffix, { force: true });
  }
  return journal;
}

function print(io: Io, journal: string, provider: string, run: DemoRun, s: DemoSummary): void {
  const shown = journal;
  say(io,
    `worldline demo: orders world ${run.worldId}`,
    `  journal:  ${shown} (SQLite ${run.durability.journalMode.toUpperCase()}, synchronous=${run.durability.synchronous === 2 ? 'FULL' : run.durability.synchronous})`,
    `  payments: ${provider} (declines ${DECLINED_ORDER})`,
    `  placed ${DEMO_ORDERS.length} orders; payments settled and shipping timers fired in ${run.settledMs} ms`,
    '',
    'orders by status:',
    ...table(Object.entries(s.byStatus).map(([status, ids]) => [status, ids.length, ids.map((id) => (s.failures[id] ? `${id} (${s.failures[id]})` : id)).join(' ')])),
    '',
    'ledger:',
    `  revenue ${s.ledger.revenue}  paid ${s.ledger.paid}  failed ${s.ledger.failed}  shipped ${s.ledger.shipped}`,
    '',
    `journal: ${s.entries.total} entries, head seq ${s.head.seq} ${s.head.hash}`,
    ...table(Object.entries(s.entries.byKind).sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, n]) => [kind, n])),
    '',
    `verify: ${s.verify.ok ? `ok, ${s.verify.entries} entries chain to head ${s.verify.head.hash.slice(0, 16)}…` : `TAMPERED at seq ${s.verify.firstBad?.seq} (${s.verify.firstBad?.problem})`}`,
    `replay: ${s.replay.ok ? `ok, ${s.replay.entries} entries re-derived from genesis; state hash ${s.replay.stateHash.slice(0, 16)}…` : `DIVERGED at seq ${s.replay.divergence?.seq}: ${s.replay.divergence?.message}`}`,
    '',
    ...s.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}`),
    '',
    'next:',
    `  worldline log ${shown} --kind ingress,effect.receipt`,
    `  worldline inspect ${shown}`,
    `  worldline verify ${shown} --expect-head ${s.head.seq}:${s.head.hash}`,
    `  worldline replay ${shown}`,
  );
}

export async function demo(io: Io, dir: string, options: DemoOptions): Promise<ExitCode> {
  const journal = prepare(dir, options.force === true);
  const provider = await startPaymentProvider({ declineOrderId: DECLINED_ORDER });
  let run: DemoRun;
  try {
    run = await runOrders(journal, provider.url);
  } finally {
    await provider.close();
  }
  const summary = await withJournal(journal, summarizeDemo);
  const ok = summary.checks.every((c) => c.ok);
  if (options.json) sayJson(io, { ok, journal, provider: { url: provider.url, requests: provider.requests(), declines: DECLINED_ORDER }, ...run, ...summary });
  else print(io, journal, provider.url, run, summary);
  if (ok) return EXIT.ok;
  if (!options.json) io.stderr.write(`error DEMO_FAILED: ${summary.checks.filter((c) => !c.ok).map((c) => c.name).join('; ')} did not hold\n`);
  return EXIT.checkFailed;
}

export function registerDemo(program: Command, cli: Cli): void {
  program.command('demo')
    .description('create and run a real demo world (orders, payments over HTTP, timers) on SQLite, then verify and replay it')
    .argument('[dir]', 'directory for the demo journal (world.db)', './worldline-demo')
    .option('--force', 'delete an existing <dir>/world.db and start over')
    .option('--json', 'print the summary as JSON')
    .action(async (dir: string, options: DemoOptions) => cli.exit(await demo(cli.io, dir, options)));
}
