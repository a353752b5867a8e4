/**
 * Orders, one keyed instance per order id: placed → charged through the `payments.charge`
 * effect (30 s deadline, idempotency key per order) → shipped after a durable 50 ms timer.
 * Pure: time and randomness would come only from ctx; this reducer needs neither.
 */
import { z } from 'zod';
import { defineReducer, type ReceiptEventData } from '../kernel/core/world-definition.js';

export interface OrderState {
  readonly status: 'new' | 'placed' | 'paid' | 'payment_failed' | 'shipped';
  readonly amount: number;
  readonly customer: string;
  readonly chargeId?: string;
}

/** The ingress schema of `order.placed`. */
export const orderPlaced = z.strictObject({ orderId: z.string().min(1), amount: z.number().int().positive(), customer: z.string().min(1) });

export const orders = defineReducer<OrderState>({
  name: 'orders',
  on: ['order.placed'],
  key: (event) => String((event.data as { orderId?: unknown }).orderId ?? ''),
  init: () => ({ status: 'new', amount: 0, customer: '' }),
  reduce(state, event) {
    switch (event.type) {
      case 'order.placed': {
        if (state.status !== 'new') return { state };
        const order = event.data as z.infer<typeof orderPlaced>;
        return {
          state: { status: 'placed', amount: order.amount, customer: order.customer },
          effects: [{
            kind: 'payments.charge', params: { orderId: order.orderId, amount: order.amount, customer: order.customer },
            idempotencyKey: `charge-${order.orderId}`, timeoutMs: 30_000, replyAs: 'order.charge.receipt',
          }],
        };
      }
      case 'order.charge.receipt': {
        const receipt = event.data as ReceiptEventData;
        if (receipt.status !== 'ok') {
          return { state: { ...state, status: 'payment_failed' }, events: [{ type: 'order.failed', data: { amount: state.amount, reason: receipt.error?.code ?? receipt.status } }] };
        }
        const chargeId = String((receipt.result as { body?: { chargeId?: unknown } } | undefined)?.body?.chargeId ?? (receipt.result as { chargeId?: unknown })?.chargeId ?? '');
        return {
          state: { ...state, status: 'paid', chargeId },
          events: [{ type: 'order.paid', data: { amount: state.amount, chargeId } }],
          effects: [{ kind: 'timer.set', params: { delayMs: 50 }, replyAs: 'order.ship.due' }],
        };
      }
      case 'order.ship.due':
        return { state: { ...state, status: 'shipped' }, events: [{ type: 'order.shipped', data: { customer: state.customer } }] };
      default:
        return { state };
    }
  },
});
