/**
 * Loading a user's world module: a .ts/.mts/.cts file through tsx, a .js/.mjs/.cjs file by
 * dynamic import. The module exports its WorldDefinition as `default` (or `world`) and may
 * export `adapters`: an AdapterMap, or a function returning one (or a promise of one).
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { AdapterMap, WorldDefinition } from '../kernel/index.js';
import { cliError } from './errors.js';

export interface LoadedWorld {
  readonly definition: WorldDefinition;
  readonly adapters: AdapterMap;
  /** The module's path, for messages. */
  readonly source: string;
}

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

function isDefinition(value: unknown): value is WorldDefinition {
  const v = value as Partial<WorldDefinition> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.version === 'string' && Array.isArray(v.reducers);
}

function isAdapterMap(value: unknown): value is AdapterMap {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every((a) => typeof (a as { execute?: unknown })?.execute === 'function');
}

/** A CommonJS-compiled module arrives as { default: module.exports }: look one level in. */
function exportsOf(namespace: Record<string, unknown>): Record<string, unknown> {
  const inner = namespace['default'] as Record<string, unknown> | undefined;
  if (!isDefinition(namespace['default']) && !isDefinition(namespace['world']) && inner && typeof inner === 'object') return inner;
  return namespace;
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  // tsx gives every call its own module namespace: each command evaluates the module afresh,
  // as a new process would.
  if (TS_EXTENSIONS.has(extname(file))) return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  return (await import(url)) as Record<string, unknown>;
}

/**
 * Loads the module at `spec`. Its `adapters` factory runs only when asked (`inject`): replay and
 * inspect fold the journal without side effects, so they never set up adapters.
 */
export async function loadWorldModule(spec: string, options: { adapters?: boolean } = {}): Promise<LoadedWorld> {
  const file = resolve(spec);
  if (!existsSync(file)) {
    throw cliError('WORLD_MODULE_NOT_FOUND', `world module ${spec} does not exist`, {
      expected: 'a .ts or .js file exporting a WorldDefinition', found: 'no file', where: { file },
      hint: 'pass the path of your world module, e.g. --world ./worlds/orders.ts',
    });
  }
  let namespace: Record<string, unknown>;
  try {
    namespace = exportsOf(await importModule(file));
  } catch (e) {
    if ((e as { details?: unknown }).details) throw e;
    throw cliError('WORLD_MODULE_FAILED', `loading world module ${spec} failed: ${(e as Error).message}`, {
      where: { file }, hint: 'fix the error in the module (it is loaded with tsx, so TypeScript is fine)', cause: e,
    });
  }
  const definition = [namespace['default'], namespace['world']].find(isDefinition);
  if (!definition) {
    throw cliError('WORLD_MODULE_INVALID', `world module ${spec} exports no WorldDefinition`, {
      expected: 'export default defineWorld({ name, version, reducers }) (or export const world = …)',
      found: `exports: ${Object.keys(namespace).join(', ') || 'none'}`, where: { file },
      hint: 'export the definition as the default export or as `world`',
    });
  }
  if (!options.adapters) return { definition, adapters: {}, source: file };
  const raw = namespace['adapters'];
  const adapters: unknown = typeof raw === 'function' ? await (raw as () => unknown)() : raw ?? {};
  if (!isAdapterMap(adapters)) {
    throw cliError('WORLD_MODULE_INVALID', `world module ${spec} exports adapters that are not an AdapterMap`, {
      expected: '{ "effect.kind": { execute(intent, { signal }) } } or a function returning one', found: typeof adapters, where: { file },
    });
  }
  return { definition, adapters, source: file };
}
