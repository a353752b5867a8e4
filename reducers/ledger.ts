/** The ledger: one instance summing what the orders report through their domain events. */
import { defineReducer } from '../kernel/core/world-definition.js';

export interface LedgerState {
  readonly revenue: number;
  readonly paid: number;
  readonly failed: number;
  readonly shipped: number;
}

export const ledger = defineReducer<LedgerState>({
  name: 'ledger',
  on: ['order.paid', 'order.failed', 'order.shipped'],
  init: () => ({ revenue: 0, paid: 0, failed: 0, shipped: 0 }),
  reduce(state, event) {
    const data = event.data as { amount?: number };
    switch (event.type) {
      case 'order.paid':
        return { state: { ...state, revenue: state.revenue + (data.amount ?? 0), paid: state.paid + 1 } };
      case 'order.failed':
        return { state: { ...state, failed: state.failed + 1 } };
      case 'order.shipped':
        return { state: { ...state, shipped: state.shipped + 1 } };
      default:
        return { state };
    }
  },
});
