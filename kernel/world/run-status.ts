/**
 * Run status snapshots (the RunStatusSnapshot of seed 000): a plan run's status, substatus and
 * step states, derived from the folded state alone, so `worldline status` shows the same on
 * any machine. A paused world shows PAUSED with substatus DRAINING while the run still has
 * dispatched effects in flight.
 */
import type { WorldState } from '../core/world-state.js';
import type { PlanResult } from '../../plans/interpreter/types.js';

export type RunStatus = 'RUNNING' | 'PAUSED' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED' | 'CANCELLED';

export interface StepState {
  readonly name: string;
  readonly status: string;
  readonly attempt: number;
  readonly waitingFor: string | null;
  readonly errorCode: string | null;
}

export interface RunStatusSnapshot {
  readonly executionId: string;
  readonly plan: { readonly id: string; readonly version: string; readonly hash: string; readonly name: string };
  readonly status: RunStatus;
  readonly substatus?: 'DRAINING';
  readonly startedAt: number;
  readonly inFlightEffects: number;
  readonly steps: readonly StepState[];
  readonly result: PlanResult | null;
}

function endedStatus(result: PlanResult): RunStatus {
  if (result.status === 'success') return 'SUCCEEDED';
  if (result.status === 'partial') return 'PARTIAL';
  return result.error?.error_code === 'CANCELLED' ? 'CANCELLED' : 'FAILED';
}

export function runStatusSnapshot(state: WorldState, executionId: string): RunStatusSnapshot | undefined {
  const record = state.runs.get(executionId);
  if (!record) return undefined;
  const { run } = record;
  const plan = state.plans.get(run.plan_hash)?.plan;
  let inFlight = 0;
  for (const intent of state.intents.values()) if (intent.origin.run === executionId && !intent.held) inFlight++;
  const paused = run.status === 'running' && state.status === 'paused';
  const status: RunStatus = run.result ? endedStatus(run.result) : paused ? 'PAUSED' : 'RUNNING';
  const steps = (plan?.steps ?? []).map((step): StepState => {
    const s = run.steps[step.name];
    return { name: step.name, status: s?.status ?? 'pending', attempt: s?.attempt ?? 0, waitingFor: s?.wait ?? null, errorCode: s?.error?.error_code ?? null };
  });
  return {
    executionId,
    plan: { id: run.plan_id, version: run.plan_version, hash: run.plan_hash, name: plan?.name ?? '' },
    status,
    substatus: paused && inFlight > 0 ? 'DRAINING' : undefined,
    startedAt: run.started_at,
    inFlightEffects: inFlight,
    steps,
    result: run.result,
  };
}

/** Every run, in start order. */
export function runStatusSnapshots(state: WorldState): RunStatusSnapshot[] {
  return [...state.runs.entries()]
    .sort(([, a], [, b]) => a.seq - b.seq)
    .map(([id]) => runStatusSnapshot(state, id)!);
}
