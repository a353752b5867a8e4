/**
 * `run` makes the kernel's run checks (checkRunStart) before it opens the world, so a refused
 * request into a new journal leaves no genesis and no plan.installed behind. The kernel checks
 * again when the run starts.
 */
import { checkRunStart, isWorldlineError, WorldlineError, type ErrorDetails } from '../kernel/index.js';
import type { Plan } from '../plans/index.js';

export interface RunRequest {
  readonly input: Record<string, unknown>;
  readonly environment?: Record<string, unknown>;
  readonly executionId?: string;
  readonly deadlineMs?: number;
}

/** Stands in for the id the kernel draws, only to check the rest of the context. */
const SOME_EXECUTION_ID = '00000000-0000-4000-8000-000000000000';

/** The kernel's run checks, with errors pointing at the command's own flags. */
export function precheckRun(plan: Plan, file: string, request: RunRequest, now: number): void {
  const environment = request.environment ?? {};
  try {
    checkRunStart(plan, request.input, {
      execution_id: request.executionId ?? SOME_EXECUTION_ID, started_at: now,
      deadline_ms: request.deadlineMs ?? now + plan.timeout_ms, environment: environment as never,
    }, { file });
  } catch (e) {
    if (!isWorldlineError(e)) throw e;
    const { where, ...details } = e.details;
    throw new WorldlineError(e.code, e.message, {
      ...details, severity: e.severity, recoverable: e.recoverable, cause: e,
      where: { ...where, ...(e.code === 'INVALID_PAYLOAD' ? { path: `--input${where?.path ?? ''}` } : {}) },
      ...(e.code === 'CONTEXT_MISSING' ? contextMissingDetails(plan, environment) : {}),
    });
  }
}

/** What a CONTEXT_MISSING error says beyond its message: what to pass, and how. */
export function contextMissingDetails(plan: Plan, environment: Record<string, unknown>): ErrorDetails {
  const missing = plan.context_requirements.filter((key) => !Object.hasOwn(environment, key));
  return {
    expected: `an environment with ${plan.context_requirements.join(', ')}`, found: environment,
    hint: `give ${missing.length === 1 ? 'it' : 'them'} with --env, e.g. --env '${JSON.stringify(Object.fromEntries(missing.map((k) => [k, '…'])))}'`,
  };
}
