/**
 * Checks an ingress event before it is queued: the world must accept input, some reducer or
 * plan must take the event's type, and the definition's schema for that type must pass. A
 * refused event is never journaled.
 */
import { WorldlineError } from '../errors.js';
import { canonicalize } from '../core/canonical.js';
import { acceptedTypes, type CompiledWorld } from '../core/compiled-world.js';
import type { PayloadOf } from '../core/entries.js';
import type { WorldState } from '../core/world-state.js';
import { planAccepts, planEventTypes } from './plan-requests.js';

export function assertAccepting(state: WorldState): void {
  const where = { world: state.worldId };
  if (state.status === 'parked') {
    throw new WorldlineError('WORLD_PARKED', `world ${state.worldId} is parked after a replay divergence`, {
      where, hint: '`worldline replay` shows the divergence; the world runs again only with code that reproduces its journal',
    });
  }
  if (state.status === 'cancelled') {
    throw new WorldlineError('WORLD_CANCELLED', `world ${state.worldId} is cancelled and accepts no new events`, { where });
  }
}

export function checkIngress(
  compiled: CompiledWorld, state: WorldState, type: string, data: unknown, options: { dedupeKey?: string; source?: string },
): PayloadOf<'ingress'> {
  assertAccepting(state);
  const where = { world: state.worldId };
  if (!compiled.byType.has(type) && !planAccepts(state, type)) {
    throw new WorldlineError('UNKNOWN_EVENT_TYPE', `no reducer or plan accepts events of type "${type}"`, {
      expected: [...new Set([...acceptedTypes(compiled), ...planEventTypes(state)])].sort(), found: type, where,
    });
  }
  const schema = compiled.definition.events?.[type];
  if (schema) {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = `/${issue?.path.join('/') ?? ''}`;
      throw new WorldlineError('INVALID_EVENT', `event ${type} is invalid at ${path}: ${issue?.message ?? ''}`, { found: data, where: { ...where, path } });
    }
    data = parsed.data;
  }
  return { type, data: canonicalize(data, '/data'), dedupeKey: options.dedupeKey, source: options.source };
}
