/**
 * Checks made before a plan install or a run request is journaled, so a request that cannot
 * succeed is refused with a clear error and leaves no trace (the fold re-checks what it must).
 */
import { WorldlineError, type ErrorWhere } from '../errors.js';
import { canonicalize } from '../core/canonical.js';
import type { PayloadOf } from '../core/entries.js';
import type { WorldState } from '../core/world-state.js';
import { planHash } from '../../plans/hash.js';
import { uuidFromBytes } from '../../plans/ids.js';
import { hexToBytes } from '../core/hash.js';
import { validateInput } from '../../plans/input.js';
import { planInvalid, validatePlan } from '../../plans/validate/validate-plan.js';
import type { Plan } from '../../plans/schema.js';
import { validateContext } from '../../plans/interpreter/index.js';
import type { ExecutionContext } from '../../plans/interpreter/types.js';
import { eventTypesOf } from '../core/plan-runs.js';

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

/** A UUID v4 from 16 hex-encoded random bytes (the input's journaled entropy). */
export function uuidFromEntropy(hex: string): string {
  return uuidFromBytes(hexToBytes(hex.padEnd(32, '0').slice(0, 32)));
}

function describeInput(plan: Plan): string {
  const fields = Object.entries(plan.input?.fields ?? {});
  if (fields.length === 0) return 'an empty object: the plan declares no input fields';
  return `an object with ${fields.map(([name, f]) => `${name}: ${f.type}${f.required ? '' : '?'}`).join(', ')}`;
}

/**
 * The checks a run must pass before it may be journaled: its input against the plan's input
 * schema (INVALID_PAYLOAD, with the pointer and the expected shape) and its execution context
 * (CONTEXT_MISSING with `missing` keys, or the deadline rules). Works on any valid plan, installed
 * or not, so a caller can refuse a run before it touches a journal.
 */
export function checkRunStart(plan: Plan, input: unknown, context: ExecutionContext, where: ErrorWhere = {}): void {
  const issues = validateInput(plan, input);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new WorldlineError('INVALID_PAYLOAD', `run input is invalid at ${first.pointer}: ${first.message}`, {
      expected: describeInput(plan), found: input, where: { ...where, path: first.pointer }, issues,
    });
  }
  const problem = validateContext(plan, context);
  if (!problem) return;
  const missing = plan.context_requirements.filter((key) => !Object.hasOwn(context.environment, key));
  throw new WorldlineError(problem.error_code, problem.message, {
    severity: problem.severity, recoverable: problem.recoverable, where,
    ...(problem.error_code === 'CONTEXT_MISSING'
      ? { expected: `an environment with ${plan.context_requirements.join(', ')}`, found: context.environment, missing }
      : {}),
  });
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
  const environment = canonicalize(options.environment ?? {}, '/environment') as Record<string, unknown>;
  checkRunStart(installed.plan, input, {
    execution_id: executionId, started_at: now, deadline_ms: options.deadlineMs ?? now + installed.plan.timeout_ms, environment: environment as never,
  }, { ...where, run: executionId });
  return { planHash: hash, executionId, input: canonicalize(input, '/input') as Record<string, unknown>, environment, deadlineMs: options.deadlineMs, actor: options.actor };
}

/** Event types installed plans trigger on or wait for. */
export function planEventTypes(state: WorldState): string[] {
  const types = new Set<string>();
  for (const [hash, { plan }] of state.plans) {
    for (const t of plan.triggers ?? []) types.add(t.event);
    for (const t of eventTypesOf(hash, plan)) types.add(t);
  }
  return [...types].sort();
}

export function planAccepts(state: WorldState, type: string): boolean {
  return state.plans.size > 0 && planEventTypes(state).includes(type);
}
