/**
 * Determinism: the same plan and inputs give identical outputs and states, the state survives the
 * canonical encoding (what a snapshot stores) and a run resumed from a decoded snapshot goes on
 * exactly as the original.
 */
import { describe, expect, it } from 'vitest';
import { decodeCanonical, encodeCanonical } from '../../../kernel/core/canonical.js';
import { contentHash } from '../../../kernel/core/hash.js';
import { startRun, stepRun } from '../../../plans/interpreter/index.js';
import type { RunInput, RunOutput, RunState } from '../../../plans/interpreter/index.js';
import { call, makeContext, makePlan, PLAN_HASH, ref, T0 } from './harness.js';

const plan = makePlan([
  { name: 'ask', kind: 'emit_effect', effect: 'svc.ask', params: { q: ref('input.id') }, idempotency_key: 'k', bind: 'asked' },
  { name: 'answer', kind: 'await_receipt', for: 'ask', depends_on: ['ask'], timeout_ms: 1000, on_failure: 'retry', retry: { max_attempts: 3, backoff_ms: 10, multiplier: 2, max_delay_ms: 100 } },
  { name: 'gate', kind: 'await_event', event: 'gate', buffer: true, where: call('eq', ref('event.data'), ref('correlation')) },
  { name: 'note', kind: 'raise_event', event: 'answered', depends_on: ['answer', 'gate'], data: ref('steps.answer.result') },
  { name: 'done', kind: 'end', status: 'success', depends_on: ['note'], result: { op: 'record', fields: { a: ref('steps.answer.result'), v: ref('vars.asked.intent_id') } } },
]);

/** Inputs that need the run's own outputs (intent ids, timer keys) are built from them. */
type Script = ((outputs: readonly RunOutput[]) => RunInput)[];
const lastIntent = (outputs: readonly RunOutput[]) => {
  const emits = outputs.filter((o) => o.type === 'emit');
  return (emits[emits.length - 1] as Extract<RunOutput, { type: 'emit' }>).intent_id;
};
const script: Script = [
  () => ({ type: 'event', at: T0 + 1, seq: 2, event: { type: 'gate', data: 'c-9' } }),
  (o) => ({ type: 'receipt', at: T0 + 2, intent_id: lastIntent(o), status: 'error', result: null, error: { code: 'E', message: 'e' } }),
  () => ({ type: 'timer', at: T0 + 12, key: 'retry:answer:2' }),
  (o) => ({ type: 'receipt', at: T0 + 13, intent_id: lastIntent(o), status: 'ok', result: { v: 1 }, error: null }),
];

interface Driven {
  states: RunState[];
  outputs: RunOutput[];
  /** marks[i]: how many outputs existed when states[i] was returned. */
  marks: number[];
}

/** Starts the run and applies the script; or resumes from `from` (states[k], with k+1 inputs done). */
function drive(from?: { state: RunState; outputs: RunOutput[]; done: number }): Driven {
  const driven: Driven = { states: [], outputs: [], marks: [] };
  const record = (state: RunState, outputs: RunOutput[]) => {
    driven.outputs.push(...outputs);
    driven.states.push(state);
    driven.marks.push(driven.outputs.length);
  };
  let state: RunState;
  if (from === undefined) {
    const started = startRun(plan, PLAN_HASH, { at: T0, context: makeContext(), input: { id: 'q-1' }, correlation: 'c-9' });
    record(started.run, started.outputs);
    state = started.run;
  } else {
    driven.outputs.push(...from.outputs);
    state = from.state;
  }
  for (let index = from?.done ?? 0; index < script.length; index++) {
    const next = stepRun(plan, state, (script[index] as Script[number])(driven.outputs));
    record(next.run, next.outputs);
    state = next.run;
  }
  return driven;
}

describe('determinism', () => {
  it('given the same inputs twice, then outputs and every intermediate state are identical', () => {
    const a = drive();
    const b = drive();
    expect(a.outputs).toStrictEqual(b.outputs);
    expect(a.states).toStrictEqual(b.states);
    expect(a.outputs.at(-1)).toMatchObject({ type: 'end', result: { status: 'success', outputs: { a: { v: 1 } } } });
  });

  it('given every state and output, then the canonical encoding accepts it and decodes to the same value', () => {
    const { states, outputs } = drive();
    for (const value of [...states, ...outputs]) {
      expect(decodeCanonical(encodeCanonical(value))).toStrictEqual(value);
    }
    expect(states.map((s) => contentHash(s))).toStrictEqual(drive().states.map((s) => contentHash(s)));
  });

  it('given a run resumed from a decoded snapshot after any input, then it continues exactly as the original', () => {
    const original = drive();
    original.states.forEach((state, k) => {
      const snapshot = decodeCanonical(encodeCanonical(state)) as RunState;
      const resumed = drive({ state: snapshot, outputs: original.outputs.slice(0, original.marks[k]), done: k });
      expect(resumed.outputs).toStrictEqual(original.outputs);
      expect(resumed.states.at(-1) ?? snapshot).toStrictEqual(original.states.at(-1));
    });
  });
});
