/** A run-status snapshot of a world, derived from its folded state alone (seed 000's PAUSED/DRAINING). */
import type { WorldState } from '../core/world-state.js';
import type { ChainHead } from '../journal/chain.js';

export interface WorldStatusReport {
  readonly worldId: string;
  readonly definition: { readonly name: string; readonly version: string; readonly hash: string };
  readonly status: 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'PARKED';
  /** While paused: DRAINING until every dispatched intent has settled. */
  readonly substatus?: 'DRAINING';
  readonly head: { readonly seq: number; readonly hash: string };
  readonly intents: { readonly inFlight: number; readonly held: number };
  readonly timers: number;
  readonly instances: Readonly<Record<string, number>>;
}

export function describeWorld(state: WorldState, head: ChainHead): WorldStatusReport {
  let inFlight = 0;
  let held = 0;
  for (const intent of state.intents.values()) {
    if (intent.held) held++;
    else inFlight++;
  }
  const instances: Record<string, number> = {};
  for (const [name, map] of [...state.instances].sort(([a], [b]) => (a < b ? -1 : 1))) instances[name] = map.size;
  const status = state.status.toUpperCase() as WorldStatusReport['status'];
  return {
    worldId: state.worldId,
    definition: state.definition,
    status,
    substatus: status === 'PAUSED' && inFlight > 0 ? 'DRAINING' : undefined,
    head: { seq: head.seq, hash: Buffer.from(head.hash).toString('hex') },
    intents: { inFlight, held },
    timers: state.timers.size,
    instances,
  };
}
