/**
 * A session is the working area of one interpreter call: a private copy of the run state that the
 * call mutates in place, the outputs in the order they happen, and the stamp of the input being
 * applied. The caller's state is never touched, so `stepRun` is a function from (state, input) to
 * (new state, outputs), and an internal error can fall back to the untouched original.
 */
import type { Plan, Step } from '../schema.js';
import { planGraph } from './graph.js';
import type { PlanGraph } from './graph.js';
import type { RunOutput, StepOutput, StepTransition } from './types.js';
import type { RunState, StepRecord, StepStatus } from './run-state.js';

export interface Session {
  readonly plan: Plan;
  readonly graph: PlanGraph;
  readonly state: RunState;
  readonly at: number;
  readonly out: RunOutput[];
}

export function openSession(plan: Plan, state: RunState, at: number): Session {
  return { plan, graph: planGraph(plan), state: cloneJson(state), at, out: [] };
}

/** Deep copy of plain JSON data: what RunState is, and several times cheaper than structuredClone. */
function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out as T;
}

export function recordOf(s: Session, name: string): StepRecord {
  const record = s.state.steps[name];
  if (record === undefined) throw new Error(`run ${s.state.execution_id}: no record for step "${name}"`);
  return record;
}

export function stepOf(s: Session, name: string): Step {
  const step = s.graph.byName.get(name);
  if (step === undefined) throw new Error(`plan ${s.plan.id}: no step named "${name}"`);
  return step;
}

export function isDead(status: StepStatus): boolean {
  return status === 'skipped' || status === 'failed' || status === 'lost';
}

/** Not yet completed and not dead: a step that can still complete. */
export function isLive(status: StepStatus): boolean {
  return status === 'pending' || status === 'waiting';
}

export function isRunning(s: Session): boolean {
  return s.state.status === 'running';
}

type TransitionExtra = Omit<StepOutput, 'type' | 'step' | 'step_id' | 'transition' | 'attempt' | 'at'>;

export function recordTransition(s: Session, step: Step, transition: StepTransition, extra: TransitionExtra = {}): void {
  const attempt = recordOf(s, step.name).attempt;
  s.out.push({ type: 'step', step: step.name, step_id: step.id, transition, attempt, at: s.at, ...extra });
}

/** Drops the step's live timer; a timer that fires later no longer matches and is ignored. */
export function clearWait(s: Session, name: string): void {
  const record = recordOf(s, name);
  record.wait = null;
  record.timer_key = null;
  record.timer_due = null;
}

/** Starts a timer for the step and remembers its key, so only that firing is accepted. */
export function armTimer(s: Session, name: string, key: string, dueAt: number): void {
  const record = recordOf(s, name);
  record.timer_key = key;
  record.timer_due = dueAt;
  s.out.push({ type: 'timer', key, due_at: dueAt });
}
