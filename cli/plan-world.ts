/**
 * Opening a world as its writer for plan commands (`run`, `plan install`): with --world, the
 * module's definition and adapters; without, the built-in `plans` world, but only for a journal
 * that is new or was started by it.
 */
import { hostname, userInfo } from 'node:os';
import { openSqliteStore, World, type JournalStore, type WorldDefinition } from '../kernel/index.js';
import { BUILTIN_WORLDS, plansWorld } from './builtin-worlds.js';
import { cliError } from './errors.js';
import { readGenesis } from './journal.js';
import { loadWorldModule } from './world-module.js';

/** Who asks, for the journal, when --actor is not given: the OS user. */
export function defaultActor(): string {
  try {
    return userInfo().username || 'worldline-cli';
  } catch {
    // No passwd entry (some containers): still journal an actor.
    return 'worldline-cli';
  }
}

export interface OpenedWorld {
  readonly world: World;
  /** "built-in plans" or the module path, for messages. */
  readonly source: string;
  /** The head when opened: anything past it before the request was journaled by resumed work. */
  readonly openedAt: number;
}

/**
 * Only the plan-only world is assumed. Opening any other world as its writer without its module
 * would resume its pending intents with no adapters, settling each with an ADAPTER_MISSING
 * receipt that its reducers would act on: that needs the module that knows its adapters.
 */
async function builtinFor(store: JournalStore): Promise<WorldDefinition> {
  const name = (await readGenesis(store))?.payload.definition.name;
  if (name === undefined || name === plansWorld.name) return plansWorld;
  throw cliError('WORLD_MODULE_REQUIRED', `journal ${store.location} was written by world "${name}"; only a new journal or a "plans" world is opened without --world`, {
    expected: 'a world module with its adapters', found: name, where: { file: store.location },
    hint: `pass --world <module.ts> exporting the world definition that wrote this journal and its adapters${name in BUILTIN_WORLDS ? ` (for "${name}": its definition plus the adapters its reducers need)` : ''}`,
  });
}

/** `dispatch: false` journals without calling adapters or arming timers (`run --no-wait`). */
export async function openPlanWorld(journal: string, options: { world?: string; command: string; dispatch?: boolean }): Promise<OpenedWorld> {
  const loaded = options.world === undefined ? undefined : await loadWorldModule(options.world, { adapters: true });
  const store = await openSqliteStore(journal);
  let definition: WorldDefinition;
  try {
    definition = loaded?.definition ?? (await builtinFor(store));
  } catch (e) {
    await store.close();
    throw e;
  }
  const world = await World.open({
    store, ownsStore: true, definition, adapters: loaded?.adapters ?? {}, dispatch: options.dispatch,
    owner: `worldline ${options.command} (pid ${process.pid} on ${hostname()})`,
  });
  return { world, source: loaded?.source ?? `built-in ${plansWorld.name}`, openedAt: world.headSeq };
}
