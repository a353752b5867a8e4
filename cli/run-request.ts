/**
 * The checks the kernel makes on a run request (input schema, execution context), made by `run`
 * before the world is opened. The kernel can check a request only against an installed plan, so
 * without this a refused run into a new journal would leave a genesis and a plan.installed
 * behind; a refused request must leave nothing. The kernel checks again when the run starts.
 */
import { WorldlineError, type ErrorDetails } from '../kernel/index.js';
import { validateInput, type Plan } from '../plans/index.js';
import { validateContext } from '../plans/interpreter/index.js';

export interface RunRequest {
  readonly input: Record<string, unknown>;
  readonly environment?: Record<string, unknown>;
  readonly executionId?: string;
  readonly deadlineMs?: number;
}

/** Stands in for the id the kernel draws, only to check the rest of the context. */
const SOME_EXECUTION_ID = '00000000-0000-4000-8000-000000000000';

function inputExpected(plan: Plan): string {
  const fields = Object.entries(plan.input?.fields ?? {});
  if (fields.length === 0) return 'an empty object: the plan declares no input fields';
  return `an object with ${fields.map(([name, f]) => `${name}: ${f.type}${f.required ? '' : '?'}`).join(', ')}`;
}

export function precheckRun(plan: Plan, file: string, request: RunRequest, now: number): void {
  const issues = validateInput(plan, request.input);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new WorldlineError('INVALID_PAYLOAD', `run input is invalid at ${first.pointer}: ${first.message}`, {
      expected: inputExpected(plan), found: request.input, where: { path: `--input${first.pointer}`, file }, issues,
    });
  }
  const problem = validateContext(plan, {
    execution_id: request.executionId ?? SOME_EXECUTION_ID,
    started_at: now,
    deadline_ms: request.deadlineMs ?? now + plan.timeout_ms,
    environment: (request.environment ?? {}) as never,
  });
  if (!problem) return;
  throw new WorldlineError(problem.error_code, problem.message, {
    severity: problem.severity, recoverable: problem.recoverable, where: { file },
    ...(problem.error_code === 'CONTEXT_MISSING' ? contextMissingDetails(plan, request.environment ?? {}) : {}),
  });
}

/** What a CONTEXT_MISSING error says beyond its message: what to pass, and how. */
export function contextMissingDetails(plan: Plan, environment: Record<string, unknown>): ErrorDetails {
  const missing = plan.context_requirements.filter((key) => !Object.hasOwn(environment, key));
  return {
    expected: `an environment with ${plan.context_requirements.join(', ')}`, found: environment,
    hint: `give ${missing.length === 1 ? 'it' : 'them'} with --env, e.g. --env '${JSON.stringify(Object.fromEntries(missing.map((k) => [k, '…'])))}'`,
  };
}
