/**
 * `worldline inject <journal> --world M --event T --data JSON`: open the world as its writer,
 * ingest one event, let dispatched effects settle, and show what was committed.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { openSqliteStore, World, type Committed, type Entry } from '../../kernel/index.js';
import type { Cli, JsonOption } from '../cli.js';
import { cliError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { plural } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { readEntries } from '../journal.js';
import { summarize } from '../summarize.js';
import { loadWorldModule } from '../world-module.js';

interface InjectOptions extends JsonOption {
  readonly world: string;
  readonly event: string;
  readonly data: string;
  readonly dedupeKey?: string;
  readonly dispatch: boolean;
  readonly upgrade?: string;
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw cliError('INVALID_JSON', `--data is not valid JSON: ${(e as Error).message}`, {
      expected: 'a JSON value, e.g. \'{"orderId":"o1","amount":100}\'', found: text.length > 80 ? `${text.slice(0, 79)}…` : text,
      where: { path: '--data' }, hint: 'quote the JSON for your shell (single quotes in sh/bash)',
    });
  }
}

function line(e: Entry): string {
  return `  ${String(e.seq).padStart(6)}  ${e.kind.padEnd(15)}  ${summarize(e)}`;
}

function print(io: Io, world: World, committed: Committed, derived: Entry[], followed: Entry[], dispatch: boolean): void {
  const s = world.status();
  say(io, `committed ingress at seq ${committed.seq} in world ${world.id} (${s.definition.name}@${s.definition.version})`);
  say(io, derived.length === 0 ? 'derived: nothing' : `derived (${derived.length}):`, ...derived.map(line));
  if (followed.length > 0) say(io, `then, while effects settled (${followed.length}):`, ...followed.map(line));
  say(io, `head: seq ${s.head.seq} ${s.head.hash}`);
  const pending = [
    s.intents.inFlight > 0 ? `${plural(s.intents.inFlight, 'intent')} awaiting a receipt` : '',
    s.intents.held > 0 ? `${plural(s.intents.held, 'held intent')}` : '',
    s.timers > 0 ? `${plural(s.timers, 'timer')}` : '',
  ].filter(Boolean);
  if (pending.length > 0) {
    say(io, `pending: ${pending.join(', ')}; ${dispatch ? 'they resume' : 'nothing was dispatched (--no-dispatch); they run'} when the world is next opened for writing`);
  }
}

export async function inject(io: Io, journal: string, options: InjectOptions): Promise<ExitCode> {
  const data = parseData(options.data);
  const loaded = await loadWorldModule(options.world, { adapters: true });
  const store = await openSqliteStore(journal);
  const world = await World.open({
    store, ownsStore: true, definition: loaded.definition, adapters: loaded.adapters, dispatch: options.dispatch,
    owner: `worldline inject (pid ${process.pid} on ${hostname()})`,
    upgrade: options.upgrade ? { actor: options.upgrade, reason: `worldline inject --upgrade (${loaded.definition.name}@${loaded.definition.version})` } : undefined,
  });
  const opened = world.headSeq;
  try {
    const committed = await world.ingest(options.event, data, { dedupeKey: options.dedupeKey, source: 'worldline-cli' });
    if (options.dispatch) await world.idle();
    const all: Entry[] = [];
    for await (const entry of readEntries(store, committed.seq + 1, world.headSeq)) all.push(entry);
    const derived = all.slice(0, committed.derived.length);
    const followed = all.slice(committed.derived.length);
    if (options.json) {
      const s = world.status();
      sayJson(io, { ok: true, journal, worldId: world.id, seq: committed.seq, derived, followed, head: s.head, status: s });
    } else {
      print(io, world, committed, derived, followed, options.dispatch);
    }
    return EXIT.ok;
  } catch (e) {
    // Opening the world as its writer resumed its pending work: let it settle, and say so.
    if (options.dispatch) await world.idle();
    if (world.headSeq > opened && !options.json) {
      io.stderr.write(`note: opening the world resumed its pending work; seq ${opened + 1}..${world.headSeq} were journaled before the event was refused\n`);
    }
    throw e;
  } finally {
    await world.close();
  }
}

export function registerInject(program: Command, cli: Cli): void {
  program.command('inject')
    .description('ingest one event into a world, as its writer, and show what it derived')
    .argument('<journal>', 'journal file (created with a genesis entry if absent)')
    .requiredOption('--world <module>', 'world module (.ts/.js) exporting the definition (default or `world`) and optionally `adapters`')
    .requiredOption('--event <type>', 'event type, e.g. order.placed')
    .requiredOption('--data <json>', 'event data as JSON')
    .option('--dedupe-key <key>', 'ingress dedupe key: a second event with it is journaled as a discarded duplicate')
    .option('--no-dispatch', 'journal the event and its intents, but call no adapter and arm no timer')
    .option('--upgrade <actor>', 'adopt a changed definition, journaled as world.upgraded by <actor>')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit 0 when committed; 2 when the event is refused (unknown type, invalid data) or --data is not JSON;\n3 when another writer holds the world (the holder is printed) or it is parked/cancelled.')
    .action(async (journal: string, options: InjectOptions) => cli.exit(await inject(cli.io, journal, options)));
}

