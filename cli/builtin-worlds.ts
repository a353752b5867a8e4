/**
 * World definitions the CLI knows by name, so `replay`, `inspect` and `status` need no --world
 * for journals written by them: the name recorded in the journal's genesis picks one.
 */
import { defineWorld, type JournalStore, type WorldDefinition } from '../kernel/index.js';
import { ordersWorld } from '../fixtures/worlds/orders.js';
import { cliError } from './errors.js';
import { readGenesis } from './journal.js';
import { loadWorldModule } from './world-module.js';

/**
 * The world `worldline run` creates when no --world is given: no reducers, only plans. A module
 * exporting this same definition (name, version, no reducers) may open its journals too, which
 * is how adapters are given to a journal started without them.
 */
export const plansWorld: WorldDefinition = defineWorld({ name: 'plans', version: '1.0.0', reducers: [] });

export const BUILTIN_WORLDS: Readonly<Record<string, WorldDefinition>> = {
  orders: ordersWorld,
  plans: plansWorld,
};

export interface ResolvedDefinition {
  readonly definition: WorldDefinition;
  /** "built-in orders" or the module path. */
  readonly source: string;
}

/** The definition to fold `store` with: from --world, else the built-in named by its genesis. */
export async function resolveDefinition(store: JournalStore, worldOption: string | undefined): Promise<ResolvedDefinition> {
  if (worldOption !== undefined) {
    const loaded = await loadWorldModule(worldOption);
    return { definition: loaded.definition, source: loaded.source };
  }
  const genesis = await readGenesis(store);
  const name = genesis?.payload.definition.name;
  const builtin = name === undefined ? undefined : BUILTIN_WORLDS[name];
  if (!builtin) {
    throw cliError('WORLD_MODULE_REQUIRED', name === undefined
      ? `journal ${store.location} has no genesis entry naming its world`
      : `journal ${store.location} was written by world "${name}", which is not built in`, {
      expected: `a world module (built-in: ${Object.keys(BUILTIN_WORLDS).join(', ')})`, found: name ?? 'no genesis',
      where: { file: store.location }, hint: 'pass --world <module.ts> exporting the world definition that wrote this journal',
    });
  }
  return { definition: builtin, source: `built-in ${name}` };
}
