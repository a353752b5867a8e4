/**
 * `worldline plan install <journal> <file>`: install a plan without starting a run, so its
 * triggers start runs from then on (`worldline inject` an event they listen to). The --env given
 * here is the environment of every run a trigger starts.
 */
import { WorldlineError } from '../../kernel/index.js';
import { planHash, type Plan } from '../../plans/index.js';
import type { JsonOption } from '../cli.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { shortHash } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { parseJsonRecord } from '../json-option.js';
import { readValidPlan } from '../plan-file.js';
import { defaultActor, openPlanWorld } from '../plan-world.js';
import { contextMissingDetails } from '../run-request.js';

export interface InstallOptions extends JsonOption {
  readonly env?: string;
  readonly world?: string;
  readonly actor?: string;
}

/**
 * A triggered run takes its environment from the install, and one that lacks a requirement fails
 * at once: refuse the install instead of journaling a plan whose every triggered run would fail.
 */
function refuseTriggersWithoutContext(plan: Plan, file: string, environment: Record<string, unknown>): void {
  const missing = plan.context_requirements.filter((key) => !Object.hasOwn(environment, key));
  if ((plan.triggers ?? []).length === 0 || missing.length === 0) return;
  throw new WorldlineError('CONTEXT_MISSING', `the environment lacks ${missing.map((k) => `"${k}"`).join(', ')}, required by plan ${plan.id}: every run its triggers start would fail`, {
    where: { file }, ...contextMissingDetails(plan, environment),
  });
}

export async function installPlanFile(io: Io, journal: string, file: string, options: InstallOptions): Promise<ExitCode> {
  const environment = options.env === undefined ? undefined : parseJsonRecord(options.env, '--env', '{"tenant":"acme"}');
  const { plan, json } = readValidPlan(file);
  refuseTriggersWithoutContext(plan, file, environment ?? {});
  const { world, source } = await openPlanWorld(journal, { world: options.world, command: 'plan install' });
  try {
    const hash = planHash(plan);
    const existing = world.current.plans.get(hash);
    const installed = await world.installPlan(json, { actor: options.actor ?? defaultActor(), environment });
    const triggers = (plan.triggers ?? []).map((t) => t.event);
    if (options.json) {
      sayJson(io, {
        ok: true, journal, worldId: world.id, source, planHash: installed.planHash, plan: { id: plan.id, name: plan.name, version: plan.version },
        seq: installed.seq, newlyInstalled: existing === undefined, environment: existing ? existing.environment : environment ?? {}, triggers, head: world.status().head,
      });
      return EXIT.ok;
    }
    const what = `plan ${plan.name}@${plan.version} (${shortHash(installed.planHash)}) at seq ${installed.seq} in world ${world.id} (${source})`;
    say(io, existing ? `already installed: ${what}; its environment stays as installed` : `installed ${what}`);
    say(io, triggers.length > 0
      ? `triggers: ${triggers.join(', ')} (each such event starts a run; \`worldline inject\` one)`
      : 'triggers: none (start runs with `worldline run`)');
    return EXIT.ok;
  } finally {
    await world.close();
  }
}
