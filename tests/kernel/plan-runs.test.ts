import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineWorld } from '../../kernel/core/world-definition.js';
import { adapterFrom } from '../../kernel/world/adapters.js';
import { replayJournal } from '../../kernel/world/replay.js';
import { runStatusSnapshot } from '../../kernel/world/run-status.js';
import { harness, kinds } from './helpers/world-harness.js';

const load = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const threeEffects = load('fixtures/plans/three-effects.json');
const timeoutRace = load('plans/examples/timeout-race.json');
const correlated = load('plans/examples/correlated-request.json');
const planWorld = defineWorld({ name: 'plans', version: '1.0.0', reducers: [] });
const instant = adapterFrom((params) => ({ ok: true, echo: params }));
const shop = { 'shop.charge': instant, 'shop.reserve': instant, 'shop.notify': instant };

describe('plan runs in a world', () => {
  it('given an installed plan, when a run is requested, then every step transition, intent and exactly one end are journaled', async () => {
    const h = await harness({ definition: planWorld, adapters: shop });
    const { planHash } = await h.world.installPlan(threeEffects, { actor: 'ci' });
    const { executionId } = await h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 'acme' } });
    const result = await h.world.runResult(executionId);
    expect(result).toMatchObject({ execution_id: executionId, plan_hash: planHash, status: 'success', steps_total: 7, outputs: { order_id: 'o1', notified: 'ok' } });
    expect(result.error).toBeUndefined();
    const entries = await h.entries();
    expect(kinds(entries).filter((k) => k === 'run.ended')).toHaveLength(1);
    expect(kinds(entries).filter((k) => k === 'effect.intent')).toHaveLength(3);
    const started = entries.find((e) => e.kind === 'run.started');
    expect(started?.payload).toMatchObject({ planHash, context: { execution_id: executionId, environment: { tenant: 'acme' } } });
    const transitions = entries.filter((e) => e.kind === 'step.transition').map((e) => e.payload as { step: string; transition: string; outputHash?: string });
    expect(transitions.filter((t) => t.transition === 'completed').map((t) => t.step)).toEqual(['charge', 'charge_receipt', 'reserve', 'reserve_receipt', 'notify', 'notify_receipt', 'done']);
    expect(transitions.find((t) => t.step === 'charge' && t.transition === 'completed')?.outputHash).toMatch(/^[0-9a-f]{64}$/);
    await h.world.close();
    expect((await replayJournal(h.store.readerView(), planWorld)).ok).toBe(true);
  });

  it('refuses a run whose context lacks a requirement, whose input is invalid, or whose execution id was used, journaling nothing', async () => {
    const h = await harness({ definition: planWorld, adapters: shop });
    const { planHash } = await h.world.installPlan(threeEffects, { actor: 'ci' });
    const before = (await h.entries()).length;
    await expect(h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci' })).rejects.toMatchObject({ code: 'CONTEXT_MISSING', details: { missing: ['tenant'] } });
    await expect(h.world.startRun(planHash, { order_id: 7 }, { actor: 'ci', environment: { tenant: 't' } })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD', details: { expected: 'an object with order_id: string', where: { path: '/order_id' } },
    });
    await expect(h.world.startRun('ab'.repeat(32), {}, { actor: 'ci' })).rejects.toMatchObject({ code: 'PLAN_NOT_INSTALLED' });
    expect(await h.entries()).toHaveLength(before);
    const { executionId } = await h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 't' } });
    await h.world.runResult(executionId);
    await expect(h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 't' }, executionId })).rejects.toMatchObject({ code: 'EXECUTION_ID_REUSED' });
    await h.world.close();
  });

  it('refuses an invalid plan with its validation code and journals nothing', async () => {
    const h = await harness({ definition: planWorld });
    await expect(h.world.installPlan({ ...threeEffects, steps: [] }, { actor: 'ci' })).rejects.toMatchObject({ code: 'PLAN_INVALID' });
    expect(await h.entries()).toHaveLength(1);
    await h.world.close();
  });

  it('keeps an in-flight run pinned to its plan hash when a new version is installed', async () => {
    let answer: (() => void) | undefined;
    const slow = adapterFrom(() => new Promise((resolve) => (answer = () => resolve({ ok: true }))));
    const h = await harness({ definition: planWorld, adapters: { ...shop, 'shop.charge': slow } });
    const v1 = await h.world.installPlan(threeEffects, { actor: 'ci' });
    const { executionId } = await h.world.startRun(v1.planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 't' } });
    const v2 = await h.world.installPlan({ ...threeEffects, version: '1.1.0' }, { actor: 'ci' });
    expect(v2.planHash).not.toBe(v1.planHash);
    await new Promise((r) => setImmediate(r));
    answer!();
    expect(await h.world.runResult(executionId)).toMatchObject({ plan_hash: v1.planHash, status: 'success' });
    await h.world.close();
  });

  it('delivers outcome events best-effort: a throwing or hanging subscriber neither delays nor changes the result', async () => {
    const h = await harness({ definition: planWorld, adapters: shop });
    const seen: string[] = [];
    h.world.onOutcome(() => {
      throw new Error('subscriber bug');
    });
    h.world.onOutcome(() => new Promise(() => undefined));
    h.world.onOutcome((e) => {
      seen.push(e.type);
      (e.result as { status: string }).status = 'failure';
    });
    const { planHash } = await h.world.installPlan(threeEffects, { actor: 'ci' });
    const { executionId } = await h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 't' } });
    expect((await h.world.runResult(executionId)).status).toBe('success');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['plan_execution_success']);
    expect(h.world.current.runs.get(executionId)?.run.result?.status).toBe('success');
    await h.world.close();
  });

  it('cancels a waiting run on request with CANCELLED, keeping what settled', async () => {
    const never = adapterFrom(() => new Promise(() => undefined));
    const h = await harness({ definition: planWorld, adapters: { ...shop, 'shop.charge': never } });
    const { planHash } = await h.world.installPlan(threeEffects, { actor: 'ci' });
    const { executionId } = await h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 't' } });
    await h.world.cancelRun(executionId, 'ops', 'customer withdrew');
    expect(await h.world.runResult(executionId)).toMatchObject({ status: 'failure', error: { error_code: 'CANCELLED' } });
    await h.world.close();
  });
});

describe('plan patterns', () => {
  it('timeout race: the timer wins when no receipt comes, the loser is recorded, and a late receipt changes nothing', async () => {
    const never = adapterFrom(() => new Promise(() => undefined));
    const h = await harness({ definition: planWorld, adapters: { 'payment.charge': never } });
    await h.world.installPlan(timeoutRace, { actor: 'ci', environment: { payments: 'test' } });
    await h.world.ingest('order.placed', { order_id: 'o1', amount_cents: 500 });
    h.clock.advance(30_000);
    await h.world.committed();
    const run = [...h.world.current.runs.values()][0]!.run;
    expect(run.result).toMatchObject({ status: 'failure', error: { error_code: 'PAYMENT_TIMEOUT' } });
    const entries = await h.entries();
    expect(entries.some((e) => e.kind === 'step.transition' && (e.payload as { step: string; transition: string }).step === 'charged' && (e.payload as { transition: string }).transition === 'lost')).toBe(true);
    const intent = entries.find((e) => e.kind === 'effect.intent')!.payload as { intentId: string };
    await h.world.receipt(intent.intentId, { status: 'ok', result: { late: true } });
    expect(h.world.current.runs.get(run.execution_id)?.run.result?.status).toBe('failure');
    expect(kinds(await h.entries()).filter((k) => k === 'run.ended')).toHaveLength(1);
    await h.world.close();
  });

  it('timeout race: the receipt wins when it comes first and the timer loses', async () => {
    const h = await harness({ definition: planWorld, adapters: { 'payment.charge': adapterFrom(() => ({ charge_id: 'ch_1' })) } });
    await h.world.installPlan(timeoutRace, { actor: 'ci', environment: { payments: 'test' } });
    await h.world.ingest('order.placed', { order_id: 'o1', amount_cents: 500 });
    await h.world.idle();
    const run = [...h.world.current.runs.values()][0]!.run;
    expect(run.result).toMatchObject({ status: 'success', outputs: { order_id: 'o1', payment: { charge_id: 'ch_1' } } });
    await h.world.close();
  });

  it('correlated request/response: concurrent runs each take only the answer with their correlation key', async () => {
    const h = await harness({ definition: planWorld });
    await h.world.installPlan(correlated, { actor: 'ci', environment: { pricing: 'test' } });
    await h.world.ingest('quote.requested', { request_id: 'r1', sku: 'a' });
    await h.world.ingest('quote.requested', { request_id: 'r2', sku: 'b' });
    await h.world.ingest('pricing.quoted', { request_id: 'r2', price_cents: 200 });
    await h.world.ingest('pricing.quoted', { request_id: 'r1', price_cents: 100 });
    const results = [...h.world.current.runs.values()].map((r) => r.run.result?.outputs);
    expect(results).toEqual(expect.arrayContaining([{ request_id: 'r1', price_cents: 100 }, { request_id: 'r2', price_cents: 200 }]));
    await h.world.close();
    expect((await replayJournal(h.store.readerView(), planWorld)).ok).toBe(true);
  });

  it('crash/resume: a run parked on await_receipt survives a reopen and completes once the effect answers', async () => {
    const never = adapterFrom(() => new Promise(() => undefined));
    const h = await harness({ definition: planWorld, adapters: { ...shop, 'shop.reserve': never } });
    const { planHash } = await h.world.installPlan(threeEffects, { actor: 'ci' });
    const { executionId } = await h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 't' } });
    await h.world.committed();
    expect(h.world.current.runs.get(executionId)?.run.status).toBe('running');
    await h.world.close();
    const reopened = await h.open({ adapters: shop });
    expect(await reopened.runResult(executionId)).toMatchObject({ status: 'success' });
    await reopened.close();
  });
});

describe('run status snapshots', () => {
  it('shows PAUSED with DRAINING while a paused run still has an effect in flight, then clears it', async () => {
    let answer: (() => void) | undefined;
    const slow = adapterFrom(() => new Promise((resolve) => (answer = () => resolve({ ok: true }))));
    const h = await harness({ definition: planWorld, adapters: { ...shop, 'shop.charge': slow } });
    const { planHash } = await h.world.installPlan(threeEffects, { actor: 'ci' });
    const { executionId } = await h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 't' } });
    await h.world.control('pause', 'ops');
    expect(runStatusSnapshot(h.world.current, executionId)).toMatchObject({ status: 'PAUSED', substatus: 'DRAINING', inFlightEffects: 1 });
    answer!();
    await h.world.idle();
    const drained = runStatusSnapshot(h.world.current, executionId)!;
    expect(drained).toMatchObject({ status: 'PAUSED', substatus: undefined, inFlightEffects: 0 });
    expect(drained.steps.find((s) => s.name === 'charge_receipt')?.status).toBe('completed');
    await h.world.control('resume', 'ops');
    expect(await h.world.runResult(executionId)).toMatchObject({ status: 'success' });
    expect(runStatusSnapshot(h.world.current, executionId)?.status).toBe('SUCCEEDED');
    await h.world.close();
  });
});

describe('run cleanup', () => {
  it('drops an ended run’s pending timers so they are neither re-armed nor journaled', async () => {
    const h = await harness({ definition: planWorld, adapters: { 'payment.charge': adapterFrom(() => ({ charge_id: 'ch_1' })) } });
    await h.world.installPlan(timeoutRace, { actor: 'ci', environment: { payments: 'test' } });
    await h.world.ingest('order.placed', { order_id: 'o1', amount_cents: 500 });
    await h.world.idle();
    expect([...h.world.current.runs.values()][0]!.run.result?.status).toBe('success');
    expect(h.world.current.timers.size).toBe(0);
    h.clock.advance(24 * 3600 * 1000);
    await h.world.idle();
    expect(kinds(await h.entries())).not.toContain('timer.fired');
    await h.world.close();
  });

  it('compacts an ended run and disarms every timer it armed', async () => {
    const h = await harness({ definition: planWorld, adapters: shop });
    const { planHash } = await h.world.installPlan(threeEffects, { actor: 'ci' });
    const { executionId } = await h.world.startRun(planHash, { order_id: 'o1' }, { actor: 'ci', environment: { tenant: 't' } });
    await h.world.runResult(executionId);
    await h.world.idle();
    const run = h.world.current.runs.get(executionId)!.run;
    expect(run).toMatchObject({ status: 'ended', input: {}, vars: {}, events: [] });
    expect(Object.values(run.steps).every((s) => s.output === null && s.emit === null && s.status === 'completed')).toBe(true);
    expect(h.clock.pending()).toBe(0);
    await h.world.close();
    expect((await replayJournal(h.store.readerView(), planWorld)).ok).toBe(true);
  });
});
