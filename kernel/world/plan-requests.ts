/**
 * Checks made before a plan install or a run request is journaled, so a request that cannot
 * succeed is refused with a clear error and leaves no trace (the fold re-checks what it must).
 */
import { WorldlineError } from '../errors.js';
import { canonicalize } from '../core/canonical.js';
import type { PayloadOf } from '../core/entries.js';
import type { WorldState } from '../core/world-state.js';
import { planHash } from '../../plans/hash.js';
import { validateInput } from '../../plans/input.js';
import { planInvalid, validatePlan } from '../../plans/validate/validate-plan.js';
import { runEventTypes, validateContext } from '../../plans/interpreter/index.js';

export interface RunRequestOptions {
  readonly actor: string;
  /** The execution environment: opaque, only its keys are checked against context_requirements. */
  readonly environment?: Record<string, unknown>;
  /** Hard deadline (unix ms); default started_at + the plan's timeout_ms. */
  readonly deadlineMs?: number;
  /** UUID v4; default a fresh one. A used id is refused: a re-run is a new execution. */
  readonly executionId?: string;
}

export function checkPlanInstall(plan: unknown): { planHash: string } {
  const checked = validatePlan(plan);
  if (!checked.ok) throw planInvalid(checked.issues);
  return { planHash: planHash(checked.plan) };
}

/** Formats 16 hex-encoded random bytes as a UUID v4. */
export function uuidFromEntropy(hex: string): string {
  const b = hex.padEnd(32, '0').slice(0, 32).split('');
  b[12] = '4';
  b[16] = ((parseInt(b[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = b.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function checkRunRequest(
  state: WorldState, hash: string, input: Record<string, unknown>, options: RunRequestOptions, now: number, entropy: string,
): PayloadOf<'run.requested'> {
  const where = { world: state.worldId };
  const installed = state.plans.get(hash);
  if (!installed) {
    throw new WorldlineError('PLAN_NOT_INSTALLED', `plan ${hash} is not installed in world ${state.worldId}`, {
      expected: [...state.plans.keys()].sort(), found: hash, where, hint: 'install it first (World.installPlan / worldline run --plan FILE)',
    });
  }
  const executionId = options.executionId ?? uuidFromEntropy(entropy);
  if (state.runs.has(executionId)) {
    throw new WorldlineError('EXECUTION_ID_REUSED', `execution ${executionId} already exists; a re-run is a new execution with a new id`, {
      found: executionId, where: { ...where, run: executionId },
    });
  }
  const issues = validateInput(installed.plan, input);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new WorldlineError('INVALID_PAYLOAD', `run input is invalid at ${first.pointer}: ${first.message}`, { where: { ...where, path: first.pointer }, issues });
  }
  const environment = canonicalize(options.environment ?? {}, '/environment') as Record<string, unknown>;
  const deadline = options.deadlineMs ?? now + installed.plan.timeout_ms;
  const problem = validateContext(installed.plan, { execution_id: executionId, started_at: now, deadline_ms: deadline, environment: environment as never });
  if (problem) {
    throw new WorldlineError(problem.error_code, problem.message, { severity: problem.severity, recoverable: problem.recoverable, where: { ...where, run: executionId } });
  }
  return { planHash: hash, executionId, input: canonicalize(input, '/input') as Record<string, unknown>, environment, deadlineMs: options.deadlineMs, actor: options.actor };
}

/** Event types installed plans trigger on or wait for. */
export function planEventTypes(state: WorldState): string[] {
  const types = new Set<string>();
  for (const { plan } of state.plans.values()) {
    for (const t of plan.triggers ?? []) types.add(t.event);
    for (const t of runEventTypes(plan)) types.add(t);
  }
  return [...types].sort();
}

export function planAccepts(state: WorldState, type: string): boolean {
  return state.plans.size > 0 && planEventTypes(state).includes(type);
}
