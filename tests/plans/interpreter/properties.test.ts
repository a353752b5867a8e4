/**
 * Properties over random valid plans driven by random interleavings of receipts (ok, error,
 * timeout, duplicated), timer firings and cancels: every run ends exactly once, nothing happens
 * after the end, a dead step never starts or emits, a step starts only when its join allows, and
 * replaying the same inputs gives the same outputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../../kernel/core/canonical.js';
import { dependsOn, joinOf } from '../../../plans/defaults.js';
import { startRun, stepRun } from '../../../plans/interpreter/index.js';
import type { RunInput, RunOutput, RunState } from '../../../plans/interpreter/index.js';
import type { Plan } from '../../../plans/schema.js';
import { validatePlan } from '../../../plans/validate/validate-plan.js';
import { makeContext, PLAN_HASH, T0 } from './harness.js';
import { geneArb, planFromGenes } from './plan-gen.js';

interface Choice { pick: number; status: 'ok' | 'error' | 'timeout'; duplicate: boolean; cancel: boolean }
const choiceArb: fc.Arbitrary<Choice> = fc.record({
  pick: fc.nat(),
  status: fc.constantFrom('ok', 'error', 'timeout'),
  duplicate: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  cancel: fc.integer({ min: 0, max: 40 }).map((n) => n === 0),
});

type Deliverable = { kind: 'receipt'; intent_id: string } | { kind: 'timer'; key: string; due_at: number };

/** Drives a run; returns every call's outputs (start first) and the inputs delivered. */
function drive(plan: Plan, choices: readonly Choice[]): { calls: RunOutput[][]; inputs: RunInput[]; states: RunState[] } {
  const started = startRun(plan, PLAN_HASH, { at: T0, context: makeContext(), input: {}, correlation: null });
  const calls = [started.outputs];
  const inputs: RunInput[] = [];
  const states = [started.run];
  let state = started.run;
  let now = T0;
  const pool: Deliverable[] = [];
  const collect = (outputs: RunOutput[]) => {
    for (const o of outputs) {
      if (o.type === 'emit') pool.push({ kind: 'receipt', intent_id: o.intent_id });
      if (o.type === 'timer') pool.push({ kind: 'timer', key: o.key, due_at: o.due_at });
    }
  };
  const deliver = (input: RunInput) => {
    const next = stepRun(plan, state, input);
    inputs.push(input);
    calls.push(next.outputs);
    states.push(next.run);
    state = next.run;
    collect(next.outputs);
  };
  collect(started.outputs);
  const queue = [...choices];
  // After the random choices, deliver what is left in order: the deadline timer is always there.
  for (let guard = 0; guard < 500 && state.status === 'running' && pool.length > 0; guard++) {
    const choice = queue.shift() ?? { pick: 0, status: 'ok', duplicate: false, cancel: false };
    if (choice.cancel) {
      deliver({ type: 'cancel', at: ++now, actor: 'prop', reason: 'random' });
      continue;
    }
    const index = choice.pick % pool.length;
    const item = pool[index] as Deliverable;
    if (!choice.duplicate) pool.splice(index, 1);
    if (item.kind === 'receipt') {
      const error = choice.status === 'ok' ? null : { code: 'ADAPTER', message: choice.status };
      deliver({ type: 'receipt', at: ++now, intent_id: item.intent_id, status: choice.status, result: { n: now }, error });
    } else {
      now = Math.max(now + 1, item.due_at);
      deliver({ type: 'timer', at: now, key: item.key });
    }
  }
  return { calls, inputs, states };
}

/** Checks the per-output invariants in journal order. */
function checkRun(plan: Plan, calls: RunOutput[][]): void {
  const status = new Map<string, string>();
  const dead = (name: string) => ['skipped', 'lost', 'failed'].includes(status.get(name) ?? '');
  const byName = new Map(plan.steps.map((s) => [s.name, s]));
  let ended = false;
  for (const outputs of calls) {
    if (ended) expect(outputs).toEqual([]);
    outputs.forEach((o, i) => {
      if (o.type === 'end') {
        expect(i).toBe(outputs.length - 1);
        expect(ended).toBe(false);
        ended = true;
        expect(o.result.steps_executed).toBeLessThanOrEqual(o.result.steps_total);
        expect(o.result.error === undefined).toBe(o.result.status === 'success');
        return;
      }
      if (o.type === 'emit') {
        expect(dead(o.step), `emit for dead step ${o.step}`).toBe(false);
        return;
      }
      if (o.type !== 'step') return;
      expect(dead(o.step), `transition ${o.transition} of dead step ${o.step}`).toBe(false);
      if (o.transition === 'started' && o.attempt === 1) {
        const step = byName.get(o.step);
        if (step === undefined) throw new Error(`unknown step ${o.step}`);
        const deps = dependsOn(step).map((d) => status.get(d));
        if (deps.length > 0) {
          if (joinOf(step) === 'all') expect(deps.every((d) => d === 'completed'), `all-join ${o.step} started early`).toBe(true);
          else expect(deps.some((d) => d === 'completed'), `any-join ${o.step} started early`).toBe(true);
        }
      }
      if (o.transition === 'lost' || o.transition === 'skipped' || o.transition === 'failed' || o.transition === 'completed') status.set(o.step, o.transition);
      if (o.transition === 'started' && status.get(o.step) !== 'completed') status.set(o.step, 'started');
    });
  }
  expect(ended).toBe(true);
}

describe('properties over random plans and interleavings', () => {
  const planArb = fc.array(geneArb, { minLength: 1, maxLength: 12 }).map(planFromGenes);

  it('generated plans are valid plans', () => {
    fc.assert(fc.property(planArb, (plan) => {
      const result = validatePlan(plan);
      expect(result.ok ? [] : result.issues).toEqual([]);
    }), { numRuns: 200 });
  });

  it('every run ends exactly once, nothing follows the end, dead steps never start or emit, joins hold', () => {
    fc.assert(fc.property(planArb, fc.array(choiceArb, { maxLength: 60 }), (plan, choices) => {
      const { calls, states } = drive(plan, choices);
      checkRun(plan, calls);
      expect(states.at(-1)?.status).toBe('ended');
      expect(calls.flat().filter((o) => o.type === 'end')).toHaveLength(1);
    }), { numRuns: 300 });
  });

  it('replaying the same inputs re-derives the same outputs and canonical states', () => {
    fc.assert(fc.property(planArb, fc.array(choiceArb, { maxLength: 40 }), (plan, choices) => {
      const first = drive(plan, choices);
      let state = startRun(plan, PLAN_HASH, { at: T0, context: makeContext(), input: {}, correlation: null }).run;
      first.inputs.forEach((input, i) => {
        const next = stepRun(plan, state, input);
        expect(next.outputs).toStrictEqual(first.calls[i + 1]);
        expect(encodeCanonical(next.run)).toStrictEqual(encodeCanonical(first.states[i + 1]));
        state = next.run;
      });
    }), { numRuns: 100 });
  });
});
