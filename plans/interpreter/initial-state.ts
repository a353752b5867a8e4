/**
 * The state of a run before its first step: one pending record per plan step, in document order.
 */
import type { Plan } from '../schema.js';
import type { RunStart } from './types.js';
import type { RunState, StepRecord } from './run-state.js';

export function pendingRecord(): StepRecord {
  return { status: 'pending', attempt: 0, output: null, error: null, wait: null, timer_key: null, timer_due: null, emit: null, child: null };
}

/**
 * `contextValid`: when false the context's own stamps cannot be trusted, so the run is pinned to
 * the stamp of the start input and ends before anything is scheduled.
 */
export function initialState(plan: Plan, planHash: string, start: RunStart, contextValid: boolean): RunState {
  const { context } = start;
  const startedAt = contextValid ? context.started_at : start.at;
  const contextDeadline = contextValid ? context.deadline_ms : start.at;
  const steps: { [name: string]: StepRecord } = {};
  for (const step of plan.steps) steps[step.name] = pendingRecord();
  return {
    format: 1,
    execution_id: String(context.execution_id),
    plan_id: plan.id,
    plan_version: plan.version,
    plan_hash: planHash,
    status: 'running',
    started_at: startedAt,
    context_deadline_ms: contextDeadline,
    deadline_at: Math.min(startedAt + plan.timeout_ms, contextDeadline),
    input: start.input,
    correlation: start.correlation ?? null,
    parent: start.parent === undefined ? null : { ...start.parent },
    vars: {},
    steps,
    events: [],
    first_failure: null,
    result: null,
  };
}
