/**
 * What the demo reports, read back from the journal alone after the world closed: orders by
 * status, ledger totals, entries by kind, head; then verify and replay verdicts, and the checks
 * the exit code rests on.
 */
import { replayJournal, restoreState, verifyJournal, type JournalStore, type ReplayReport, type VerifyReport } from '../../kernel/index.js';
import { compileWorld } from '../../kernel/core/compiled-world.js';
import { ordersWorld, type LedgerState, type OrderState } from '../../fixtures/worlds/orders.js';
import { readEntries } from '../journal.js';
import { DECLINED_ORDER, DEMO_ORDERS } from './run-orders.js';

export interface DemoSummary {
  readonly orders: Record<string, OrderState>;
  readonly byStatus: Record<string, string[]>;
  /** Why orders failed, from their order.failed events. */
  readonly failures: Record<string, string>;
  readonly ledger: LedgerState;
  readonly entries: { readonly total: number; readonly byKind: Record<string, number> };
  readonly snapshots: number[];
  readonly head: { readonly seq: number; readonly hash: string };
  readonly verify: VerifyReport;
  readonly replay: ReplayReport;
  readonly checks: ReadonlyArray<{ readonly name: string; readonly ok: boolean }>;
}

export async function summarizeDemo(store: JournalStore): Promise<DemoSummary> {
  const byKind: Record<string, number> = {};
  const snapshots: number[] = [];
  const failures: Record<string, string> = {};
  let total = 0;
  for await (const entry of readEntries(store)) {
    total++;
    byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
    if (entry.kind === 'snapshot.marker') snapshots.push(entry.seq);
    if (entry.kind === 'domain.event' && entry.payload.type === 'order.failed') {
      failures[entry.payload.origin.key ?? ''] = String((entry.payload.data as { reason?: unknown }).reason);
    }
  }
  const { state } = await restoreState(store, compileWorld(ordersWorld), { useSnapshot: false });
  const orders = Object.fromEntries([...(state.instances.get('orders') ?? new Map())].sort()) as Record<string, OrderState>;
  const byStatus: Record<string, string[]> = {};
  for (const [id, order] of Object.entries(orders)) (byStatus[order.status] ??= []).push(id);
  const ledger = (state.instances.get('ledger')?.get('') ?? { revenue: 0, paid: 0, failed: 0, shipped: 0 }) as unknown as LedgerState;
  const verify = await verifyJournal(store);
  const replay = await replayJournal(store, ordersWorld);
  const paid = DEMO_ORDERS.filter((o) => o.orderId !== DECLINED_ORDER);
  const checks = [
    { name: `${paid.length} orders shipped`, ok: (byStatus['shipped']?.length ?? 0) === paid.length },
    { name: `order ${DECLINED_ORDER} declined`, ok: orders[DECLINED_ORDER]?.status === 'payment_failed' },
    { name: 'ledger revenue matches the paid orders', ok: ledger.revenue === paid.reduce((sum, o) => sum + o.amount, 0) && ledger.shipped === paid.length },
    { name: 'verify: hash chain intact', ok: verify.ok },
    { name: 'replay: every derived entry re-derived', ok: replay.ok },
  ];
  return { orders, byStatus, failures, ledger, entries: { total, byKind }, snapshots, head: replay.head, verify, replay, checks };
}
