import { describe, expect, it } from 'vitest';
import { stateHashOf } from '../../kernel/core/replayer.js';
import { defineReducer, defineWorld } from '../../kernel/core/world-definition.js';
import { replayJournal } from '../../kernel/world/replay.js';
import { ordersWorld } from '../../fixtures/worlds/orders.js';
import { harness, paymentsAdapter } from './helpers/world-harness.js';

async function recordOrders(n: number, snapshotEvery = 0) {
  const payments = paymentsAdapter((p) => (Number(p.orderId.slice(1)) % 5 === 0
    ? { status: 'error', error: { code: 'CARD_DECLINED', message: 'declined' } }
    : { status: 'ok', result: { chargeId: `ch_${p.orderId}` } }));
  const h = await harness({ adapters: { 'payments.charge': payments.adapter }, snapshotEvery });
  for (let i = 0; i < n; i++) await h.world.ingest('order.placed', { orderId: `o${i}`, amount: 10 + i, customer: `c${i % 7}` });
  await h.world.idle();
  h.clock.advance(100);
  await h.world.idle();
  return { h, payments };
}

describe('replay parity: record, rebuild, compare', () => {
  it('re-derives every entry of a recorded world and reaches the same state hash, dispatching nothing', async () => {
    const { h, payments } = await recordOrders(50);
    const live = stateHashOf(h.world.current);
    const callsBefore = [...payments.calls.values()].reduce((a, b) => a + b, 0);
    const report = await replayJournal(h.store.readerView(), ordersWorld);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(h.world.headSeq);
    expect(report.stateHash).toBe(live);
    expect([...payments.calls.values()].reduce((a, b) => a + b, 0)).toBe(callsBefore);
    await h.world.close();
  });

  it('replays from a snapshot to the same state as from genesis', async () => {
    const { h } = await recordOrders(40, 25);
    await h.world.close();
    const full = await replayJournal(h.store.readerView(), ordersWorld);
    const fromSnap = await replayJournal(h.store.readerView(), ordersWorld, { fromSnapshot: true });
    expect(fromSnap.fromSnapshot).toBeGreaterThan(1);
    expect(fromSnap.entries).toBeLessThan(full.entries);
    expect(fromSnap.stateHash).toBe(full.stateHash);
  });

  it('reopening from the newest snapshot and folding the tail gives the live state', async () => {
    const { h } = await recordOrders(12, 7);
    const live = stateHashOf(h.world.current);
    await h.world.close();
    const reopened = await h.open({ snapshotEvery: 7 });
    expect(stateHashOf(reopened.current)).toBe(live);
    await reopened.close();
  });
});

describe('a planted nondeterministic reducer is caught with a precise report', () => {
  let draws = 0;
  const flaky = defineReducer<{ last: number }>({
    name: 'flaky', on: ['roll'], init: () => ({ last: 0 }),
    // Reads hidden mutable state instead of ctx.random(): a different value on every run.
    reduce: () => ({ state: { last: 0 }, events: [{ type: 'rolled', data: { value: ++draws } }] }),
  });
  const flakyWorld = defineWorld({ name: 'dice', version: '1', reducers: [flaky] });

  it('names the first divergent seq with both sides decoded, and parks the world on open', async () => {
    const h = await harness({ definition: flakyWorld });
    await h.world.ingest('roll', {});
    await h.world.ingest('roll', {});
    await h.world.close();

    const report = await replayJournal(h.store.readerView(), flakyWorld);
    expect(report.ok).toBe(false);
    expect(report.divergence).toMatchObject({
      seq: 3, reason: 'mismatch', input: { seq: 2, kind: 'ingress' },
      recorded: { kind: 'domain.event', payload: { type: 'rolled', data: { value: 1 } } },
      derived: { kind: 'domain.event', payload: { type: 'rolled', data: { value: 3 } } },
    });

    await expect(h.open()).rejects.toMatchObject({ code: 'DETERMINISM_VIOLATION', details: { where: { seq: 3 } } });
    const last = (await h.entries()).at(-1);
    expect(last).toMatchObject({ kind: 'world.parked', payload: { divergenceSeq: 3, actor: 'kernel' } });
    // Reopening again refuses again, without parking twice.
    await expect(h.open()).rejects.toMatchObject({ code: 'DETERMINISM_VIOLATION' });
    expect((await h.entries()).filter((e) => e.kind === 'world.parked')).toHaveLength(1);
  });

  it('reports a derived entry the journal lacks, and one the code no longer derives', async () => {
    const silent = defineWorld({ name: 'dice', version: '1', reducers: [{ ...flaky, reduce: () => ({ state: { last: 0 } }) }] });
    const h = await harness({ definition: flakyWorld });
    await h.world.ingest('roll', {});
    await h.world.close();
    const unexpected = await replayJournal(h.store.readerView(), silent);
    expect(unexpected.divergence).toMatchObject({ seq: 3, reason: 'unexpected', recorded: { kind: 'domain.event' } });

    const h2 = await harness({ definition: silent });
    await h2.world.ingest('roll', {});
    await h2.world.close();
    const missing = await replayJournal(h2.store.readerView(), flakyWorld);
    expect(missing.divergence).toMatchObject({ seq: 3, reason: 'missing', derived: { kind: 'domain.event' } });
  });
});
