/**
 * Plan runs inside the fold: installing plans, starting runs (on request, by trigger, or as an
 * explicit child), and routing receipts, timers, events and cancels to the pure interpreter.
 * Every interpreter output becomes a journal entry here, in the interpreter's order, so replay
 * re-derives step transitions and intents exactly. Runs are visited in start order: the runs map
 * keeps it, and a snapshot restores it so (a plain key-ordered restore would change the order).
 */
import type { Plan } from '../../plans/schema.js';
import { planHash } from '../../plans/hash.js';
import { validatePlan } from '../../plans/validate/validate-plan.js';
import { runEventTypes, startRun, stepRun } from '../../plans/interpreter/index.js';
import type { ExecutionContext, ParentRef, RunInput, RunOutput } from '../../plans/interpreter/types.js';
import type { RunState } from '../../plans/interpreter/run-state.js';
import { canonicalize, type Canonical } from './canonical.js';
import type { PayloadOf } from './entries.js';
import { discard, emit, recordIntent, recordTimer, type FoldScope } from './fold-scope.js';
import { runTimerId } from './intent-id.js';
import { seededPrng } from './prng.js';
import { isRecord } from '../../plans/expr/values.js';
import type { ReducerEvent } from './world-definition.js';
import type { RunRecord } from './world-state.js';

type Enqueue = (event: ReducerEvent) => void;

const eventTypesByPlan = new Map<string, ReadonlySet<string>>();

/** Event types a plan's runs wait for, cached by plan hash (a plan is immutable). */
export function eventTypesOf(hash: string, plan: Plan): ReadonlySet<string> {
  let types = eventTypesByPlan.get(hash);
  if (!types) {
    types = new Set(runEventTypes(plan));
    eventTypesByPlan.set(hash, types);
  }
  return types;
}

export function installPlan(scope: FoldScope, p: PayloadOf<'plan.installed'>): void {
  const checked = validatePlan(p.plan);
  if (!checked.ok) {
    const issue = checked.issues[0];
    return discard(scope, { reason: 'invalid', message: `plan is invalid: ${issue ? `${issue.code} at ${issue.pointer}: ${issue.message}` : 'unknown issue'}` });
  }
  const hash = planHash(checked.plan);
  if (hash !== p.planHash) return discard(scope, { reason: 'invalid', message: `plan hash is ${hash}, not the declared ${p.planHash}` });
  scope.state.plans.set(hash, { plan: checked.plan, seq: scope.input.seq, environment: (p.environment ?? {}) as Record<string, Canonical> });
  scope.state.activePlans.set(checked.plan.id, hash);
}

export function requestRun(scope: FoldScope, p: PayloadOf<'run.requested'>, enqueue: Enqueue): void {
  const installed = scope.state.plans.get(p.planHash);
  if (!installed) return discard(scope, { reason: 'invalid', message: `plan ${p.planHash} is not installed` });
  if (scope.state.runs.has(p.executionId)) {
    return discard(scope, { reason: 'duplicate', message: `execution ${p.executionId} exists; a re-run needs a new execution_id` });
  }
  const at = scope.input.stamp.at;
  const context: ExecutionContext = {
    execution_id: p.executionId, started_at: at, deadline_ms: p.deadlineMs ?? at + installed.plan.timeout_ms, environment: p.environment as never,
  };
  begin(scope, installed.plan, p.planHash, context, p.input as never, null, enqueue, {});
}

/** Delivers an event to live runs waiting for its type, then starts runs its type triggers. */
export function deliverToRuns(scope: FoldScope, event: ReducerEvent, enqueue: Enqueue): void {
  const { state } = scope;
  if (state.runs.size > 0) {
    for (const record of liveRuns(scope)) {
      const installed = state.plans.get(record.run.plan_hash);
      if (installed && eventTypesOf(record.run.plan_hash, installed.plan).has(event.type)) {
        deliverToRun(scope, record.run.execution_id, { type: 'event', at: scope.input.stamp.at, seq: scope.input.seq, event: { type: event.type, data: event.data as never } }, enqueue);
      }
    }
  }
  if (state.status !== 'running' && state.status !== 'paused') return;
  for (const hash of [...state.activePlans.values()].sort()) {
    const installed = state.plans.get(hash)!;
    for (const trigger of installed.plan.triggers ?? []) {
      if (trigger.event !== event.type) continue;
      const at = scope.input.stamp.at;
      const seed = `${scope.input.stamp.entropy ?? scope.input.seq}|trigger|${hash}|${scope.out.drafts.length}`;
      const context: ExecutionContext = {
        execution_id: seededPrng(seed).uuid(), started_at: at, deadline_ms: at + installed.plan.timeout_ms, environment: installed.environment as never,
      };
      const input = (isRecord(event.data) ? event.data : { value: event.data }) as never;
      const correlation = trigger.correlate_by === undefined ? null : pathValue(event.data, trigger.correlate_by);
      begin(scope, installed.plan, hash, context, input, correlation, enqueue, { trigger: { seq: scope.input.seq, event: event.type } });
    }
  }
}

export function deliverToRun(scope: FoldScope, executionId: string, input: RunInput, enqueue: Enqueue): void {
  const record = scope.state.runs.get(executionId);
  if (!record || record.run.status === 'ended') return;
  const installed = scope.state.plans.get(record.run.plan_hash)!;
  const next = stepRun(installed.plan, record.run, input);
  record.run = next.run;
  apply(scope, record, next.outputs, enqueue);
}

export function cancelRuns(scope: FoldScope, actor: string, reason: string, enqueue: Enqueue, only?: string): void {
  const targets = only === undefined ? liveRuns(scope) : [scope.state.runs.get(only)].filter((r): r is RunRecord => r !== undefined);
  for (const record of targets) deliverToRun(scope, record.run.execution_id, { type: 'cancel', at: scope.input.stamp.at, actor, reason }, enqueue);
}

/** Live runs in start order (the runs map keeps that order; see WorldState.runs). */
function liveRuns(scope: FoldScope): RunRecord[] {
  return [...scope.state.runs.values()].filter((r) => r.run.status === 'running');
}

interface Provenance {
  readonly trigger?: { seq: number; event: string };
  readonly parent?: ParentRef;
}

function begin(scope: FoldScope, plan: Plan, hash: string, context: ExecutionContext, input: Record<string, Canonical>, correlation: unknown, enqueue: Enqueue, from: Provenance): void {
  emit(scope, 'run.started', {
    executionId: context.execution_id, planHash: hash, planId: plan.id, planVersion: plan.version, context, input,
    correlation: canonicalize(correlation ?? null), trigger: from.trigger,
    parent: from.parent ? { executionId: from.parent.execution_id, step: from.parent.step, attempt: from.parent.attempt } : undefined,
  });
  const seq = scope.input.seq + scope.out.drafts.length;
  const started = startRun(plan, hash, { at: scope.input.stamp.at, context, input: input as never, correlation: canonicalize(correlation ?? null) as never, parent: from.parent });
  const record: RunRecord = { run: started.run, seq, environment: context.environment as Record<string, Canonical> };
  scope.state.runs.set(context.execution_id, record);
  apply(scope, record, started.outputs, enqueue);
}

/** Journals the interpreter's outputs in order and acts on them. */
function apply(scope: FoldScope, record: RunRecord, outputs: readonly RunOutput[], enqueue: Enqueue): void {
  const executionId = record.run.execution_id;
  const cause = scope.input.seq;
  for (const o of outputs) {
    switch (o.type) {
      case 'step':
        emit(scope, 'step.transition', {
          executionId, step: o.step, stepId: o.step_id, transition: o.transition, attempt: o.attempt,
          inputHash: o.input_hash, outputHash: o.output_hash, receiptHash: o.receipt_hash, error: o.error, cause: o.cause, dueAt: o.due_at,
        });
        break;
      case 'emit': {
        const origin = { cause, run: executionId, step: o.step };
        const params = canonicalize(o.params) as Canonical;
        if (o.effect === 'timer.set') {
          const delay = Number((o.params as { delay_ms?: unknown }).delay_ms ?? 0);
          recordTimer(scope, o.intent_id, scope.input.stamp.at + (Number.isFinite(delay) ? Math.max(0, Math.trunc(delay)) : 0), 'timer.set', origin);
        } else {
          recordIntent(scope, { intentId: o.intent_id, kind: o.effect, params, idempotencyKey: o.idempotency_key, origin });
        }
        break;
      }
      case 'timer':
        recordTimer(scope, runTimerId(executionId, o.key), o.due_at, o.key, { cause, run: executionId });
        break;
      case 'raise': {
        const data = canonicalize(o.data);
        emit(scope, 'domain.event', { type: o.event, data, origin: { cause, run: executionId, step: o.step } });
        enqueue({ type: o.event, data, cause });
        break;
      }
      case 'start_child':
        startChild(scope, record, o, enqueue);
        break;
      case 'cancel_child':
        deliverToRun(scope, o.execution_id, { type: 'cancel', at: scope.input.stamp.at, actor: 'kernel', reason: o.reason }, enqueue);
        break;
      case 'end': {
        emit(scope, 'run.ended', { executionId, result: o.result as never });
        scope.out.ended.push(executionId);
        dropTimers(scope, executionId);
        record.run = compactEnded(record.run);
        const parent = record.run.parent;
        if (parent) deliverToRun(scope, parent.execution_id, { type: 'child_ended', at: scope.input.stamp.at, step: parent.step, result: o.result }, enqueue);
        break;
      }
    }
  }
}

/**
 * An ended run's pending timers (wait timeouts, its deadline, a losing timer.set) can no longer
 * matter: drop them so they are not re-armed on every open or journaled as no-op firings.
 */
function dropTimers(scope: FoldScope, executionId: string): void {
  for (const [id, timer] of scope.state.timers) {
    if (timer.origin.run !== executionId) continue;
    scope.state.timers.delete(id);
    scope.out.disarm.push(id);
  }
}

/**
 * An ended run keeps what its status and id need (per-step status, attempt and error, the
 * result) and drops inputs, variables, outputs and buffers, which the journal holds anyway:
 * ended runs otherwise grew every snapshot by kilobytes each.
 */
function compactEnded(run: RunState): RunState {
  const steps: RunState['steps'] = {};
  for (const [name, s] of Object.entries(run.steps)) {
    steps[name] = { status: s.status, attempt: s.attempt, output: null, error: s.error, wait: null, timer_key: null, timer_due: null, emit: null, child: null };
  }
  return { ...run, input: {}, correlation: null, vars: {}, steps, events: [] };
}

function startChild(scope: FoldScope, parent: RunRecord, o: Extract<RunOutput, { type: 'start_child' }>, enqueue: Enqueue): void {
  const { state } = scope;
  const hash = 'hash' in o.plan ? o.plan.hash : [...state.plans.entries()].find(([, p]) => p.plan.id === (o.plan as { id: string }).id && p.plan.version === (o.plan as { version: string }).version)?.[0];
  const installed = hash === undefined ? undefined : state.plans.get(hash);
  const parentRef: ParentRef = { execution_id: parent.run.execution_id, step: o.step, attempt: o.attempt };
  const context: ExecutionContext = {
    execution_id: o.execution_id, started_at: scope.input.stamp.at, deadline_ms: o.deadline_ms,
    environment: parent.environment as never,
  };
  if (!installed || !hash) {
    const at = scope.input.stamp.at;
    return deliverToRun(scope, parent.run.execution_id, {
      type: 'child_ended', at, step: o.step,
      result: {
        execution_id: o.execution_id, plan_id: 'id' in o.plan ? o.plan.id : '', plan_hash: 'hash' in o.plan ? o.plan.hash : '0'.repeat(64),
        status: 'failure', started_at: at, completed_at: at, duration_ms: 0, steps_executed: 0, steps_total: 0, outputs: null,
        error: { error_code: 'DEPENDENCY_FAILED', severity: 'error', recoverable: false, message: `child plan ${JSON.stringify(o.plan)} is not installed`, step: o.step },
      },
    }, enqueue);
  }
  begin(scope, installed.plan, hash, context, o.input as never, null, enqueue, { parent: parentRef });
}

function pathValue(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (!isRecord(current)) return null;
    current = current[part];
  }
  return current === undefined ? null : current;
}
