/**
 * ExecutionContext validation (plan execution contract, section 2). A context that breaks a rule
 * never starts a step: the run ends at once as failure with the error returned here. The
 * environment stays opaque: only the presence of each `context_requirements` key is checked, no
 * value is read, validated or changed.
 */
import { UUID_V4_RE } from '../schema.js';
import type { Plan } from '../schema.js';
import { isRecord } from '../expr/values.js';
import { executionError } from './errors.js';
import type { ExecutionContext, ExecutionErrorInfo } from './types.js';

export function validateContext(plan: Plan, ctx: ExecutionContext): ExecutionErrorInfo | undefined {
  const invalid = (message: string) => executionError('INVALID_PAYLOAD', `execution context: ${message}`, null);
  if (typeof ctx.execution_id !== 'string' || !UUID_V4_RE.test(ctx.execution_id)) {
    return invalid(`expected execution_id to be a lowercase UUID v4, found ${JSON.stringify(ctx.execution_id)}`);
  }
  if (!isTimestamp(ctx.started_at)) return invalid(`expected started_at to be positive unix ms, found ${String(ctx.started_at)}`);
  if (!isTimestamp(ctx.deadline_ms)) return invalid(`expected deadline_ms to be positive unix ms, found ${String(ctx.deadline_ms)}`);
  if (ctx.deadline_ms <= ctx.started_at) {
    return invalid(`expected deadline_ms (${ctx.deadline_ms}) after started_at (${ctx.started_at})`);
  }
  if (ctx.deadline_ms - ctx.started_at < plan.timeout_ms) {
    return invalid(`expected deadline_ms - started_at (${ctx.deadline_ms - ctx.started_at} ms) to allow the plan's timeout_ms (${plan.timeout_ms} ms)`);
  }
  if (!isRecord(ctx.environment)) return invalid('expected environment to be a record');
  const missing = plan.context_requirements.filter((key) => !Object.hasOwn(ctx.environment, key));
  if (missing.length > 0) {
    return executionError('CONTEXT_MISSING', `execution context: the environment lacks ${missing.map((k) => `"${k}"`).join(', ')}, required by plan ${plan.id}`, null);
  }
  return undefined;
}

function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
