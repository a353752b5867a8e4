import { describe, expect, it } from 'vitest';
import { defineReducer, defineWorld } from '../../kernel/core/world-definition.js';
import { ordersWorld } from '../../fixtures/worlds/orders.js';
import { harness, kinds, paymentsAdapter } from './helpers/world-harness.js';

const placed = (orderId: string, amount = 100) => ({ orderId, amount, customer: 'ada' });

describe('World: the input loop', () => {
  it('given a new journal, when opened, then genesis records the world id, kernel version and definition hash', async () => {
    const h = await harness();
    const [genesis] = await h.entries();
    expect(genesis?.kind).toBe('world.genesis');
    expect(genesis?.payload).toMatchObject({ worldId: 'w-test', definition: { name: 'orders', version: '1.0.0' } });
    await h.world.close();
  });

  it('given an order, when placed, then the ingress and its intent commit together and the receipt drives the reducer', async () => {
    const payments = paymentsAdapter();
    const h = await harness({ adapters: { 'payments.charge': payments.adapter } });
    const committed = await h.world.ingest('order.placed', placed('o1'));
    expect(committed.derived.map((d) => d.kind)).toEqual(['effect.intent']);
    await h.world.idle();
    expect(kinds(await h.entries())).toEqual([
      'world.genesis', 'ingress', 'effect.intent',
      'effect.receipt', 'domain.event', 'timer.set',
    ]);
    expect(h.world.current.instances.get('orders')?.get('o1')).toMatchObject({ status: 'paid', chargeId: 'ch_o1' });
    expect(h.world.current.instances.get('ledger')?.get('')).toMatchObject({ revenue: 100, paid: 1 });
    expect([...payments.calls.values()]).toEqual([1]);
    await h.world.close();
  });

  it('given a paid order, when its timer falls due on the manual clock, then the firing is journaled and the order ships', async () => {
    const h = await harness();
    await h.world.ingest('order.placed', placed('o1'));
    await h.world.idle();
    h.clock.advance(49);
    await h.world.idle();
    expect(h.world.current.instances.get('orders')?.get('o1')).toMatchObject({ status: 'paid' });
    h.clock.advance(1);
    await h.world.idle();
    expect(h.world.current.instances.get('orders')?.get('o1')).toMatchObject({ status: 'shipped' });
    expect(kinds(await h.entries()).slice(-2)).toEqual(['timer.fired', 'domain.event']);
    await h.world.close();
  });

  it('given many producers in one turn, when they submit, then one transaction holds them all (group commit)', async () => {
    const h = await harness({ adapters: {} });
    const results = await Promise.all(Array.from({ length: 32 }, (_, i) => h.world.ingest('order.placed', placed(`o${i}`))));
    expect(new Set(results.map((r) => r.head.seq)).size).toBe(1);
    await h.world.close();
  });
});

describe('World: bad input loses nothing', () => {
  it('refuses an unknown event type with the accepted types, and journals nothing', async () => {
    const h = await harness();
    await expect(h.world.ingest('order.teleported', {})).rejects.toMatchObject({ code: 'UNKNOWN_EVENT_TYPE', details: { expected: ['order.failed', 'order.paid', 'order.placed', 'order.shipped'] } });
    expect(await h.entries()).toHaveLength(1);
    await h.world.close();
  });

  it('refuses an event failing its schema with the path, and journals nothing', async () => {
    const h = await harness();
    await expect(h.world.ingest('order.placed', { orderId: 'o1', amount: -5, customer: 'ada' })).rejects.toMatchObject({ code: 'INVALID_EVENT', details: { where: { path: '/amount' } } });
    await expect(h.world.ingest('order.placed', { ...placed('o1'), at: new Date() })).rejects.toMatchObject({ code: 'INVALID_EVENT' });
    expect(await h.entries()).toHaveLength(1);
    await h.world.close();
  });

  it('journals a throwing reducer as reducer.failed and leaves its instance unchanged', async () => {
    const boom = defineReducer<{ n: number }>({
      name: 'boom', on: ['tick'], init: () => ({ n: 0 }),
      reduce: (s, e) => {
        if ((e.data as { fail?: boolean }).fail) throw new Error('bad tick');
        return { state: { n: s.n + 1 } };
      },
    });
    const h = await harness({ definition: defineWorld({ name: 'boom', version: '1', reducers: [boom] }) });
    await h.world.ingest('tick', {});
    const failed = await h.world.ingest('tick', { fail: true });
    expect(failed.derived).toMatchObject([{ kind: 'reducer.failed', payload: { reducer: 'boom', error: { code: 'REDUCER_THREW', message: 'bad tick' } } }]);
    expect(h.world.current.instances.get('boom')?.get('')).toEqual({ n: 1 });
    await h.world.close();
  });
});

describe('World: receipts', () => {
  it('journals a duplicate receipt as discarded and never applies it twice', async () => {
    const h = await harness();
    const { derived } = await h.world.ingest('order.placed', placed('o1'));
    await h.world.idle();
    const intentId = (derived[0]!.payload as { intentId: string }).intentId;
    const again = await h.world.receipt(intentId, { status: 'ok', result: { chargeId: 'ch_dup' } });
    expect(again.derived).toMatchObject([{ kind: 'input.discarded', payload: { reason: 'duplicate', intentId } }]);
    expect(h.world.current.instances.get('ledger')?.get('')).toMatchObject({ paid: 1, revenue: 100 });
    await h.world.close();
  });

  it('journals an unknown receipt as discarded', async () => {
    const h = await harness();
    const r = await h.world.receipt('ab'.repeat(32), { status: 'ok' });
    expect(r.derived).toMatchObject([{ kind: 'input.discarded', payload: { reason: 'unknown' } }]);
    await h.world.close();
  });

  it('settles an effect as timeout at its deadline and discards the real receipt as late', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const payments = paymentsAdapter(async (p) => {
      await gate;
      return { status: 'ok', result: { chargeId: `ch_${p.orderId}` } };
    });
    const h = await harness({ adapters: { 'payments.charge': payments.adapter } });
    await h.world.ingest('order.placed', placed('o1'));
    h.clock.advance(30_000);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(h.world.current.instances.get('orders')?.get('o1')).toMatchObject({ status: 'payment_failed' });
    release();
    await h.world.idle();
    const all = await h.entries();
    expect(all.at(-1)).toMatchObject({ kind: 'input.discarded', payload: { reason: 'late' } });
    expect(h.world.current.instances.get('ledger')?.get('')).toMatchObject({ paid: 0, failed: 1 });
    await h.world.close();
  });

  it('turns a missing adapter into an error receipt the reducer sees', async () => {
    const h = await harness({ adapters: {} });
    await h.world.ingest('order.placed', placed('o1'));
    await h.world.idle();
    expect(h.world.current.instances.get('orders')?.get('o1')).toMatchObject({ status: 'payment_failed' });
    const receipt = (await h.entries()).find((e) => e.kind === 'effect.receipt');
    expect(receipt?.payload).toMatchObject({ status: 'error', error: { code: 'ADAPTER_MISSING' } });
    await h.world.close();
  });
});

describe('World: ingress dedupe, pause, drain, resume, cancel', () => {
  it('discards a duplicate ingress by dedupe key', async () => {
    const h = await harness();
    await h.world.ingest('order.placed', placed('o1'), { dedupeKey: 'req-1' });
    const dup = await h.world.ingest('order.placed', placed('o1'), { dedupeKey: 'req-1' });
    expect(dup.derived).toMatchObject([{ kind: 'input.discarded', payload: { reason: 'duplicate', dedupeKey: 'req-1', firstSeq: 2 } }]);
    await h.world.close();
  });

  it('holds intents while paused, shows DRAINING until in-flight ones settle, dispatches held ones on resume', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const payments = paymentsAdapter(async (p) => {
      if (p.orderId === 'o1') await gate;
      return { status: 'ok', result: { chargeId: `ch_${p.orderId}` } };
    });
    const h = await harness({ adapters: { 'payments.charge': payments.adapter } });
    await h.world.ingest('order.placed', placed('o1'));
    await h.world.control('pause', 'ops@example.com', 'maintenance');
    expect(h.world.status()).toMatchObject({ status: 'PAUSED', substatus: 'DRAINING', intents: { inFlight: 1 } });
    await h.world.ingest('order.placed', placed('o2'));
    expect(h.world.status()).toMatchObject({ intents: { inFlight: 1, held: 1 } });
    release();
    await h.world.idle();
    expect(h.world.status()).toMatchObject({ status: 'PAUSED', substatus: undefined, intents: { inFlight: 0, held: 1 } });
    expect(payments.calls.size).toBe(1);
    await h.world.control('resume', 'ops@example.com');
    await h.world.idle();
    expect(payments.calls.size).toBe(2);
    expect(h.world.current.instances.get('ledger')?.get('')).toMatchObject({ paid: 2 });
    await h.world.close();
  });

  it('refuses new ingress after cancel but still journals receipts of what settled', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const payments = paymentsAdapter(async (p) => {
      await gate;
      return { status: 'ok', result: { chargeId: `ch_${p.orderId}` } };
    });
    const h = await harness({ adapters: { 'payments.charge': payments.adapter } });
    await h.world.ingest('order.placed', placed('o1'));
    await h.world.control('cancel', 'ops@example.com');
    await expect(h.world.ingest('order.placed', placed('o2'))).rejects.toMatchObject({ code: 'WORLD_CANCELLED' });
    release();
    await h.world.idle();
    expect((await h.entries()).filter((e) => e.kind === 'effect.receipt')).toHaveLength(1);
    expect(h.world.current.instances.get('orders')?.get('o1')).toMatchObject({ status: 'paid' });
    expect(h.world.status()).toMatchObject({ status: 'CANCELLED', intents: { inFlight: 0 } });
    await h.world.close();
  });
});

describe('World: reopen, definitions and snapshots', () => {
  it('refuses a second writer while the first holds the world', async () => {
    const h = await harness();
    await expect(h.open()).rejects.toMatchObject({ code: 'WORLD_LOCKED' });
    await h.world.close();
  });

  it('refuses a different definition unless upgrading, and journals the upgrade', async () => {
    const h = await harness();
    await h.world.close();
    const v2 = defineWorld({ ...ordersWorld, version: '2.0.0' });
    await expect(h.open({ definition: v2 })).rejects.toMatchObject({ code: 'DEFINITION_MISMATCH' });
    const world = await h.open({ definition: v2, upgrade: { actor: 'deployer', reason: 'v2' } });
    expect((await h.entries()).at(-1)).toMatchObject({ kind: 'world.upgraded', payload: { from: { version: '1.0.0' }, to: { version: '2.0.0' }, actor: 'deployer' } });
    await world.close();
  });

  it('writes snapshots at quiescent points and reopens from the newest one with the same state', async () => {
    const h = await harness({ snapshotEvery: 10 });
    for (let i = 0; i < 20; i++) await h.world.ingest('order.placed', placed(`o${i}`));
    await h.world.idle();
    const before = h.world.status();
    await h.world.close();
    expect(kinds(await h.entries())).toContain('snapshot.marker');
    const snapshot = await h.store.readerView().latestSnapshot();
    expect(snapshot?.height).toBeGreaterThan(10);
    const reopened = await h.open({ snapshotEvery: 10 });
    expect(reopened.status()).toEqual(before);
    await reopened.close();
  });
});
