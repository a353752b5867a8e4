/**
 * Deterministic ingress payloads of about 200 bytes of canonical MessagePack: an order with a
 * few line items, the size of a typical business event. Deterministic so that the cached
 * journals are byte-identical from one build to the next.
 */
import { z } from 'zod';

export const CUSTOMERS = 256;

export const orderPlacedSchema = z.strictObject({
  orderId: z.string().min(1),
  customer: z.string().min(1),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
  items: z.array(z.strictObject({ sku: z.string().min(1), qty: z.number().int().positive(), price: z.number().int().nonnegative() })).max(16),
  note: z.string().max(200),
});

export type OrderPlaced = z.infer<typeof orderPlacedSchema>;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function orderPlaced(i: number): OrderPlaced {
  const items = [0, 1].map((k) => ({ sku: `sku-${pad((i * 7 + k * 13) % 10_000, 5)}`, qty: 1 + ((i + k) % 4), price: 100 + ((i * 31 + k) % 9_900) }));
  return {
    orderId: `ord-${pad(i, 9)}`,
    customer: `customer-${pad(i % CUSTOMERS, 4)}`,
    amount: items.reduce((sum, it) => sum + it.qty * it.price, 0),
    currency: 'EUR',
    items,
    note: `gift wrap: ${i % 3 === 0 ? 'yes' : 'no'}; deliver after ${pad(8 + (i % 10), 2)}:00`,
  };
}

export interface IngressPayload {
  readonly type: string;
  readonly data: OrderPlaced;
  readonly source: string;
}

export function ingressPayload(i: number): IngressPayload {
  return { type: 'order.placed', data: orderPlaced(i), source: 'bench' };
}

/** A pool of distinct payloads, built outside the timed loops. */
export function payloadPool(size = 1024): IngressPayload[] {
  return Array.from({ length: size }, (_, i) => ingressPayload(i));
}
