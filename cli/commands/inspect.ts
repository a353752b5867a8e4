/**
 * `worldline inspect <journal>`: the folded state of a world, read-only (no lease): reducer
 * instances, pending intents and timers, run status and head.
 */
import type { Command } from 'commander';
import { definitionRef, describeWorld, restoreState, type JournalStore, type PendingIntent, type PendingTimer, type WorldState } from '../../kernel/index.js';
import { compileWorld } from '../../kernel/core/compiled-world.js';
import { resolveDefinition } from '../builtin-worlds.js';
import type { Cli, JsonOption } from '../cli.js';
import { divergenceLines } from '../divergence.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { compact, definitionText, isoTime, plural, shortHash, table } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { readEntries, withJournal } from '../journal.js';
import { parseLimit } from '../options.js';
import { progress } from '../progress.js';

interface InspectOptions extends JsonOption {
  readonly world?: string;
  readonly limit: number;
}

function reducersView(state: WorldState, limit: number) {
  const out: Record<string, { count: number; shown: number; instances: Record<string, unknown> }> = {};
  for (const [name, instances] of [...state.instances].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const keys = [...instances.keys()].sort().slice(0, limit);
    out[name] = { count: instances.size, shown: keys.length, instances: Object.fromEntries(keys.map((k) => [k, instances.get(k)])) };
  }
  return out;
}

const intentView = (i: PendingIntent) => ({
  intentId: i.intentId, kind: i.kind, state: i.held ? 'held' : 'in flight', seq: i.seq,
  deadline: i.deadline, idempotencyKey: i.idempotencyKey, origin: i.origin,
});
const timerView = (t: PendingTimer) => ({ timerId: t.timerId, dueAt: t.dueAt, due: isoTime(t.dueAt), tag: t.tag, origin: t.origin });

type View = ReturnType<typeof describeWorld> & {
  lastAt: number; reducers: ReturnType<typeof reducersView>;
  pendingIntents: ReturnType<typeof intentView>[]; pendingTimers: ReturnType<typeof timerView>[];
  /** After a divergence: the seq the state stops before, and the world.parked entries past it. */
  stoppedBefore?: number; parkedAt?: number[];
};

/** The fold stops at a divergence, so a world.parked entry past it is found by reading on. */
async function parkedAfter(store: JournalStore, seq: number): Promise<number[]> {
  const seqs: number[] = [];
  for await (const entry of readEntries(store, seq)) if (entry.kind === 'world.parked') seqs.push(entry.seq);
  return seqs;
}

function statusLine(v: View): string {
  const status = `${v.status}${v.substatus ? `+${v.substatus}` : ''}`;
  if (v.stoppedBefore === undefined) return `status: ${status}`;
  const parked = v.parkedAt && v.parkedAt.length > 0 ? `PARKED (world.parked at seq ${v.parkedAt.join(', ')}); ` : '';
  return `status: ${parked}the state below is as of seq ${v.stoppedBefore - 1} (${status}): replay diverged at seq ${v.stoppedBefore}`;
}

function print(io: Io, v: View, source: string): void {
  const origin = (o: { reducer?: string; key?: string }) => (o.reducer ? `${o.reducer}${o.key ? `[${o.key}]` : ''}` : '');
  say(io,
    `world ${v.worldId}  ${definitionText(v.definition)}, folded with ${source}`,
    statusLine(v),
    `head:   seq ${v.head.seq} ${v.head.hash}`,
    `last input at ${isoTime(v.lastAt)}`,
    '',
    'reducers:',
  );
  for (const [name, r] of Object.entries(v.reducers)) {
    say(io, `  ${name}: ${plural(r.count, 'instance')}${r.shown < r.count ? ` (first ${r.shown} shown; --limit to see more)` : ''}`);
    say(io, ...table(Object.entries(r.instances).map(([key, s]) => [key === '' ? '(single)' : key, compact(s, 100)]), '    '));
  }
  say(io, '', `pending intents: ${v.pendingIntents.length} (in flight ${v.intents.inFlight}, held ${v.intents.held})`);
  say(io, ...table(v.pendingIntents.map((i) => [shortHash(i.intentId, 8), i.kind, i.state, `seq ${i.seq}`, i.deadline ? `deadline ${isoTime(i.deadline)}` : '', origin(i.origin)]), '  '));
  say(io, `timers: ${v.pendingTimers.length}`);
  say(io, ...table(v.pendingTimers.map((t) => [shortHash(t.timerId, 8), `due ${t.due}`, t.tag, origin(t.origin)]), '  '));
  if (v.pendingIntents.length + v.pendingTimers.length > 0) say(io, '(pending work resumes, and due timers fire, when the world is next opened for writing)');
}

export async function inspect(io: Io, journal: string, options: InspectOptions): Promise<ExitCode> {
  return withJournal(journal, async (store) => {
    const { definition, source } = await resolveDefinition(store, options.world);
    const shown = progress(io, 'folding');
    const restored = await restoreState(store, compileWorld(definition), { onProgress: shown.update }).finally(() => shown.done());
    const { state } = restored;
    const d = restored.divergence;
    const view: View = {
      ...describeWorld(state, restored.head), lastAt: state.lastAt, reducers: reducersView(state, options.limit),
      pendingIntents: [...state.intents.values()].sort((a, b) => a.seq - b.seq).map(intentView),
      pendingTimers: [...state.timers.values()].sort((a, b) => a.dueAt - b.dueAt || (a.timerId < b.timerId ? -1 : 1)).map(timerView),
      ...(d ? { stoppedBefore: d.seq, parkedAt: await parkedAfter(store, d.seq) } : {}),
    };
    const given = definitionRef(definition);
    const note = given.hash === state.definition.hash ? undefined
      : `note: the journal records ${definitionText(state.definition)}; folding it with ${definitionText(given)}`;
    if (options.json) sayJson(io, { ok: d === undefined, journal, source, note, ...view, divergence: d });
    else {
      if (note) say(io, note);
      print(io, view, source);
    }
    if (!d) return EXIT.ok;
    if (!options.json) say(io, '', `DIVERGED at seq ${d.seq}: the state above stops before it`, ...divergenceLines(d));
    return EXIT.checkFailed;
  });
}

export function registerInspect(program: Command, cli: Cli): void {
  program.command('inspect')
    .description('show a world\'s state, pending intents and timers, status and head (read-only)')
    .argument('<journal>', 'journal file')
    .option('--world <module>', 'world module to fold with; default: the built-in world named in the journal')
    .option('--limit <n>', 'instances shown per reducer', parseLimit, 10)
    .option('--json', 'print the state as JSON')
    .action(async (journal: string, options: InspectOptions) => cli.exit(await inspect(cli.io, journal, options)));
}
