/** Test harness: a world on a memory journal with a manual clock, counter entropy and a payments adapter. */
import { decodeEntry } from '../../../kernel/core/entry-codec.js';
import type { Entry } from '../../../kernel/core/entries.js';
import type { WorldDefinition } from '../../../kernel/core/world-definition.js';
import { openMemoryStore, type MemoryJournalStore } from '../../../kernel/store/memory-store.js';
import type { JournalStore } from '../../../kernel/store/port.js';
import type { AdapterMap, AdapterOutcome, EffectAdapter } from '../../../kernel/world/adapters.js';
import { ManualClock } from '../../../kernel/world/clock.js';
import { counterEntropy } from '../../../kernel/world/entropy.js';
import { World, type WorldOptions } from '../../../kernel/world/world.js';
import { ordersWorld } from '../../../fixtures/worlds/orders.js';

export async function readAll(store: JournalStore): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const page of store.read(1)) for (const sealed of page) out.push(decodeEntry(sealed));
  return out;
}

/** A payments adapter that answers at once (or as told) and counts its calls per intent. */
export function paymentsAdapter(answer: (params: { orderId: string; amount: number }) => AdapterOutcome | Promise<AdapterOutcome> = (p) => ({ status: 'ok', result: { chargeId: `ch_${p.orderId}` } })) {
  const calls = new Map<string, number>();
  const adapter: EffectAdapter = {
    async execute(intent) {
      calls.set(intent.intentId, (calls.get(intent.intentId) ?? 0) + 1);
      return answer(intent.params as { orderId: string; amount: number });
    },
  };
  return { adapter, calls };
}

export interface Harness {
  store: MemoryJournalStore;
  clock: ManualClock;
  world: World;
  open(extra?: Partial<WorldOptions>): Promise<World>;
  entries(): Promise<Entry[]>;
}

export async function harness(options: { definition?: WorldDefinition; adapters?: AdapterMap; snapshotEvery?: number } = {}): Promise<Harness> {
  const store = openMemoryStore(`test-${Math.random()}`);
  const clock = new ManualClock();
  const entropy = counterEntropy();
  const open = (extra: Partial<WorldOptions> = {}) => World.open({
    store, clock, entropy, worldId: 'w-test', definition: options.definition ?? ordersWorld,
    adapters: options.adapters ?? { 'payments.charge': paymentsAdapter().adapter }, snapshotEvery: options.snapshotEvery ?? 0, ...extra,
  });
  const h: Harness = { store, clock, world: await open(), open, entries: () => readAll(store.readerView()) };
  return h;
}

export function kinds(entries: Entry[]): string[] {
  return entries.map((e) => e.kind);
}
