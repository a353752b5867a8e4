/**
 * Plans and plan-world modules for CLI tests: the example files, variants written into a temp
 * dir, and world modules (the built-in `plans` definition plus adapters) the CLI loads with tsx.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KERNEL_INDEX } from './journals.js';
import { runCli } from './run-cli.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../plans/examples/', import.meta.url));
export const THREE_EFFECTS = fileURLToPath(new URL('../../../fixtures/plans/three-effects.json', import.meta.url));

export type PlanJson = Record<string, unknown> & { steps: Array<Record<string, unknown>> };

export function readPlan(path: string): PlanJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PlanJson;
}

/** Writes a changed copy of `from` to `to` and returns `to`. */
export function writePlanVariant(from: string, to: string, change: (plan: PlanJson) => void): string {
  const plan = structuredClone(readPlan(from));
  change(plan);
  writeFileSync(to, JSON.stringify(plan, null, 2));
  return to;
}

/**
 * A world module with the built-in plans definition (same name, version, no reducers: the same
 * hash, so it opens journals the built-in started) and adapters answering at once: `adapters` is
 * the body of an object literal of `'kind': adapterFrom((params) => result)` entries.
 */
export function planWorldModule(adapters: string): string {
  return `
    import { adapterFrom, defineWorld } from ${JSON.stringify(KERNEL_INDEX)};
    export default defineWorld({ name: 'plans', version: '1.0.0', reducers: [] });
    export const adapters = () => ({ ${adapters} });
  `;
}

export const SHOP_ADAPTERS = `
  'shop.charge': adapterFrom((p: { order_id: string }) => ({ charge_id: 'ch_' + p.order_id })),
  'shop.reserve': adapterFrom((p: { order_id: string }) => ({ reserved: p.order_id })),
  'shop.notify': adapterFrom(() => ({ sent: true })),
`;

/** The head seq of a journal, read back through the CLI. */
export async function headSeq(journal: string): Promise<number> {
  const lines = (await runCli(['log', journal, '--json'])).stdout.trimEnd().split('\n');
  return (JSON.parse(lines[lines.length - 1]!) as { seq: number }).seq;
}
