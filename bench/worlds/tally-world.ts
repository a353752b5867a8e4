/**
 * The world the benchmarks fold: reducer-only, no effects, so every figure measures the kernel
 * and never an adapter. One keyed instance per customer (256 of them, so the state and the
 * snapshots stay small however long the journal grows); each order raises one domain event,
 * which replay must re-derive byte for byte. Journal shape: one ingress, one domain.event.
 */
import { defineReducer, defineWorld } from '../../kernel/core/world-definition.js';
import { orderPlacedSchema, type OrderPlaced } from '../lib/payloads.js';

interface CustomerTally {
  readonly orders: number;
  readonly revenue: number;
  readonly lastOrder: string;
}

const tally = defineReducer<CustomerTally>({
  name: 'tally',
  on: ['order.placed'],
  key: (event) => (event.data as OrderPlaced).customer,
  init: () => ({ orders: 0, revenue: 0, lastOrder: '' }),
  reduce(state, event) {
    const order = event.data as OrderPlaced;
    const next = { orders: state.orders + 1, revenue: state.revenue + order.amount, lastOrder: order.orderId };
    return { state: next, events: [{ type: 'customer.tallied', data: { customer: order.customer, ...next } }] };
  },
});

export const tallyWorld = defineWorld({
  name: 'bench-tally',
  version: '1.0.0',
  reducers: [tally],
  events: { 'order.placed': orderPlacedSchema },
});
