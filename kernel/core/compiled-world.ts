/** A world definition indexed for the fold: routing by event type, reducers by name. */
import { definitionRef, type Reducer, type WorldDefinition } from './world-definition.js';
import type { DefinitionRef } from './entries.js';

export interface CompiledWorld {
  readonly definition: WorldDefinition;
  readonly ref: DefinitionRef;
  readonly byType: ReadonlyMap<string, readonly Reducer[]>;
  readonly byName: ReadonlyMap<string, Reducer>;
}

export function compileWorld(definition: WorldDefinition): CompiledWorld {
  const byType = new Map<string, Reducer[]>();
  const byName = new Map<string, Reducer>();
  for (const reducer of definition.reducers) {
    byName.set(reducer.name, reducer);
    for (const type of reducer.on) {
      const list = byType.get(type) ?? [];
      list.push(reducer);
      byType.set(type, list);
    }
  }
  return { definition, ref: definitionRef(definition), byType, byName };
}

/** Event types some reducer accepts as ingress, sorted (for error messages). */
export function acceptedTypes(world: CompiledWorld): string[] {
  return [...world.byType.keys()].sort();
}
