import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateHashOf } from '../../kernel/core/replayer.js';
import { defineWorld } from '../../kernel/core/world-definition.js';
import { replayJournal } from '../../kernel/world/replay.js';
import { ordersWorld } from '../../fixtures/worlds/orders.js';
import { harness, paymentsAdapter } from './helpers/world-harness.js';

type Action =
  | { do: 'place'; order: number; dedupe: boolean }
  | { do: 'duplicate-receipt'; pick: number }
  | { do: 'unknown-receipt'; seed: number }
  | { do: 'pause' } | { do: 'resume' }
  | { do: 'advance'; ms: number }
  | { do: 'settle' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ do: fc.constant('place' as const), order: fc.integer({ min: 0, max: 12 }), dedupe: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('duplicate-receipt' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('unknown-receipt' as const), seed: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ do: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'resume' as const }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 40_000 }) }) },
  { weight: 2, arbitrary: fc.constant({ do: 'settle' as const }) },
);

describe('property: any interleaving of inputs replays to the live state', () => {
  it('replay from genesis and reopening from snapshots both reproduce the state hash of a random run', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), fc.integer({ min: 5, max: 40 }), async (actions, snapshotEvery) => {
      const payments = paymentsAdapter((p) => (Number(p.orderId.slice(1)) % 3 === 0
        ? { status: 'error', error: { code: 'CARD_DECLINED', message: 'declined' } }
        : { status: 'ok', result: { chargeId: `ch_${p.orderId}` } }));
      const h = await harness({ adapters: { 'payments.charge': payments.adapter }, snapshotEvery });
      const intents: string[] = [];
      for (const a of actions) {
        if (a.do === 'place') {
          const r = await h.world.ingest('order.placed', { orderId: `o${a.order}`, amount: 10 + a.order, customer: 'c' }, a.dedupe ? { dedupeKey: `o${a.order}` } : {});
          for (const d of r.derived) if (d.kind === 'effect.intent') intents.push((d.payload as { intentId: string }).intentId);
        } else if (a.do === 'duplicate-receipt' && intents.length > 0) {
          await h.world.receipt(intents[a.pick % intents.length]!, { status: 'ok', result: { chargeId: 'dup' } });
        } else if (a.do === 'unknown-receipt') {
          await h.world.receipt(a.seed.toString(16).padStart(64, '0').slice(-64), { status: 'ok' });
        } else if (a.do === 'pause' || a.do === 'resume') {
          await h.world.control(a.do, 'prop');
        } else if (a.do === 'advance') {
          h.clock.advance(a.ms);
          await h.world.committed();
        } else {
          await h.world.idle();
        }
      }
      await h.world.idle();
      const live = stateHashOf(h.world.current);
      await h.world.close();
      const replayed = await replayJournal(h.store.readerView(), ordersWorld);
      expect(replayed.divergence).toBeUndefined();
      expect(replayed.stateHash).toBe(live);
      const fromSnapshot = await replayJournal(h.store.readerView(), ordersWorld, { fromSnapshot: true });
      expect(fromSnapshot.stateHash).toBe(live);
      const reopened = await h.open({ snapshotEvery, dispatch: false });
      expect(stateHashOf(reopened.current)).toBe(live);
      await reopened.close();
    }), { numRuns: 60 });
  }, 120_000);
});

describe('property: plan runs replay identically across snapshots', () => {
  const correlated = JSON.parse(readFileSync('plans/examples/correlated-request.json', 'utf8')) as Record<string, unknown>;
  const planWorld = defineWorld({ name: 'plans', version: '1.0.0', reducers: [] });
  type PlanAction = { do: 'request'; id: number } | { do: 'answer'; id: number; price: number } | { do: 'advance'; ms: number };
  const planAction: fc.Arbitrary<PlanAction> = fc.oneof(
    fc.record({ do: fc.constant('request' as const), id: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ do: fc.constant('answer' as const), id: fc.integer({ min: 0, max: 2 }), price: fc.integer({ min: 1, max: 999 }) }),
    fc.record({ do: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 70_000 }) }),
  );

  it('many concurrent correlated runs, answered in any order, replay to the live state from genesis and from snapshots', async () => {
    await fc.assert(fc.asyncProperty(fc.array(planAction, { minLength: 1, maxLength: 30 }), fc.integer({ min: 5, max: 30 }), async (actions, snapshotEvery) => {
      const h = await harness({ definition: planWorld, adapters: {}, snapshotEvery });
      await h.world.installPlan(correlated, { actor: 'prop', environment: { pricing: 'test' } });
      for (const a of actions) {
        if (a.do === 'request') await h.world.ingest('quote.requested', { request_id: `r${a.id}`, sku: 's' });
        else if (a.do === 'answer') await h.world.ingest('pricing.quoted', { request_id: `r${a.id}`, price_cents: a.price });
        else {
          h.clock.advance(a.ms);
          await h.world.committed();
        }
      }
      const live = stateHashOf(h.world.current);
      // No cross-talk: a run that got a quote got the first answer for its own key after it started.
      const entries = await h.entries();
      const started = new Map(entries.filter((e) => e.kind === 'run.started').map((e) => {
        const p = e.payload as { executionId: string; correlation: string };
        return [p.executionId, { seq: e.seq, key: p.correlation }];
      }));
      const answers = entries.filter((e) => e.kind === 'ingress' && (e.payload as { type: string }).type === 'pricing.quoted')
        .map((e) => ({ seq: e.seq, ...((e.payload as { data: { request_id: string; price_cents: number } }).data) }));
      let checked = 0;
      for (const e of entries.filter((x) => x.kind === 'run.ended')) {
        const { executionId, result } = e.payload as { executionId: string; result: { status: string; outputs: { price_cents?: number } | null } };
        if (result.status !== 'success') continue;
        const run = started.get(executionId)!;
        const first = answers.find((a) => a.seq > run.seq && a.request_id === run.key);
        expect(result.outputs?.price_cents).toBe(first?.price_cents);
        checked++;
      }
      expect(checked).toBe(entries.filter((x) => x.kind === 'run.ended' && (x.payload as { result: { status: string } }).result.status === 'success').length);
      await h.world.close();
      const replayed = await replayJournal(h.store.readerView(), planWorld);
      expect(replayed.divergence).toBeUndefined();
      expect(replayed.stateHash).toBe(live);
      // From every snapshot, not just the newest: runs still live at a snapshot must resume in start order.
      for (const marker of entries.filter((e) => e.kind === 'snapshot.marker')) {
        const fromHere = await replayJournal(h.store.readerView(), planWorld, { fromSnapshot: true, snapshotAtOrBefore: marker.seq });
        expect(fromHere.fromSnapshot).toBe(marker.seq);
        expect(fromHere.divergence).toBeUndefined();
        expect(fromHere.stateHash).toBe(live);
      }
    }), { numRuns: 40 });
  }, 120_000);
});
