/**
 * await_event: buffered vs unbuffered waits, `where` over event, correlation, vars, input and
 * steps, and events broadcast to every waiting step that matches.
 */
import { describe, expect, it } from 'vitest';
import { runEventTypes } from '../../../plans/interpreter/index.js';
import { call, makePlan, ref, Run } from './harness.js';

const gated = (buffer: boolean) => makePlan([
  { name: 'gate', kind: 'await_event', event: 'gate.open' },
  { name: 'reply', kind: 'await_event', event: 'reply', depends_on: ['gate'], ...(buffer ? { buffer: true } : {}) },
  { name: 'done', kind: 'end', status: 'success', depends_on: ['reply'], result: ref('steps.reply.event.data') },
]);

describe('buffered vs unbuffered await_event', () => {
  it('given buffer true and an event that arrives before the step is ready, then the step matches it when it starts', () => {
    const run = Run.start(gated(true));
    run.event('reply', 'early');
    expect(run.state.events).toHaveLength(1);
    run.event('gate.open', null);
    expect(run.result().outputs).toBe('early');
  });

  it('given no buffer, then an early event is not kept and the step waits for a new one', () => {
    const run = Run.start(gated(false));
    expect(run.event('reply', 'early')).toEqual([]);
    expect(run.state.events).toEqual([]);
    run.event('gate.open', null);
    expect(run.ended).toBe(false);
    run.event('reply', 'late');
    expect(run.result().outputs).toBe('late');
  });

  it('given the buffered step has started, then the buffer is dropped', () => {
    const run = Run.start(gated(true));
    run.event('reply', { n: 1 });
    run.event('gate.open', null);
    expect(run.state.events).toEqual([]);
  });

  it('given several buffered events, then the oldest match wins', () => {
    const plan = makePlan([
      { name: 'gate', kind: 'await_event', event: 'gate.open' },
      { name: 'reply', kind: 'await_event', event: 'reply', depends_on: ['gate'], buffer: true, where: call('gt', ref('event.data'), 1) },
      { name: 'done', kind: 'end', status: 'success', depends_on: ['reply'], result: ref('steps.reply.event.data') },
    ]);
    const run = Run.start(plan);
    run.event('reply', 1);
    run.event('reply', 2);
    run.event('reply', 3);
    run.event('gate.open', null);
    expect(run.result().outputs).toBe(2);
  });
});

describe('where', () => {
  it('given a correlated run, then only events carrying its correlation key match', () => {
    const plan = makePlan([
      { name: 'reply', kind: 'await_event', event: 'reply', where: call('eq', ref('event.data.request_id'), ref('correlation')) },
      { name: 'done', kind: 'end', status: 'success', depends_on: ['reply'], result: ref('steps.reply.event.data.value') },
    ]);
    const run = Run.start(plan, { correlation: 'req-7' });
    expect(run.event('reply', { request_id: 'req-8', value: 'theirs' })).toEqual([]);
    run.event('reply', { request_id: 'req-7', value: 'ours' });
    expect(run.result().outputs).toBe('ours');
  });

  it('given where reads vars, input and steps, then all are in scope', () => {
    const plan = makePlan([
      { name: 'ask', kind: 'emit_effect', effect: 'svc.ask', params: {}, idempotency_key: 'k', bind: 'asked' },
      {
        name: 'reply', kind: 'await_event', event: 'reply', depends_on: ['ask'],
        where: call('and', call('eq', ref('event.data.intent'), ref('steps.ask.intent_id')), call('eq', ref('event.data.order'), ref('input.order')), call('eq', ref('vars.asked.effect'), 'svc.ask')),
      },
    ]);
    const run = Run.start(plan, { input: { order: 'o-1' } });
    expect(run.event('reply', { intent: run.intentOf('ask'), order: 'o-2' })).toEqual([]);
    run.event('reply', { intent: run.intentOf('ask'), order: 'o-1' });
    expect(run.result().status).toBe('success');
  });

  it('given one event that matches two waiting steps, then both complete', () => {
    const plan = makePlan([
      { name: 'a', kind: 'await_event', event: 'tick' },
      { name: 'b', kind: 'await_event', event: 'tick' },
    ]);
    const run = Run.start(plan);
    run.event('tick', null);
    expect(run.result()).toMatchObject({ status: 'success', steps_executed: 2 });
  });
});

describe('runEventTypes', () => {
  it('lists the distinct event types of await_event steps, sorted', () => {
    const plan = makePlan([
      { name: 'a', kind: 'await_event', event: 'z.last' },
      { name: 'b', kind: 'await_event', event: 'a.first' },
      { name: 'c', kind: 'await_event', event: 'z.last' },
      { name: 'd', kind: 'raise_event', event: 'not.awaited', data: null },
    ]);
    expect(runEventTypes(plan)).toEqual(['a.first', 'z.last']);
  });
});
