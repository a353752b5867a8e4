/**
 * Effects leave a world only through adapters. An adapter receives an intent that is already
 * durable in the journal and answers with an outcome; the world journals the outcome as a
 * receipt. Adapters may be called more than once for the same intent after a crash
 * (at-least-once), so they get the intent id and idempotency key to deduplicate on their side.
 */
import { z } from 'zod';
import type { ErrorInfo } from '../core/entries.js';

export interface DispatchedIntent {
  readonly intentId: string;
  readonly kind: string;
  readonly params: unknown;
  readonly idempotencyKey?: string;
  readonly worldId: string;
}

export type AdapterOutcome =
  | { readonly status: 'ok'; readonly result?: unknown }
  | { readonly status: 'error'; readonly error: ErrorInfo; readonly result?: unknown };

export interface EffectAdapter {
  execute(intent: DispatchedIntent, context: { readonly signal: AbortSignal }): Promise<AdapterOutcome>;
}

export type AdapterMap = Readonly<Record<string, EffectAdapter>>;

export const adapterOutcomeSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ok'), result: z.unknown().optional() }),
  z.strictObject({
    status: z.literal('error'),
    error: z.strictObject({ code: z.string().min(1), message: z.string() }),
    result: z.unknown().optional(),
  }),
]);

/** An adapter from a plain async function; a throw becomes an error outcome. */
export function adapterFrom(fn: (params: unknown, intent: DispatchedIntent) => Promise<unknown> | unknown): EffectAdapter {
  return {
    async execute(intent) {
      try {
        return { status: 'ok', result: await fn(intent.params, intent) };
      } catch (e) {
        const err = e as { code?: unknown; message?: unknown };
        return { status: 'error', error: { code: typeof err?.code === 'string' ? err.code : 'ADAPTER_ERROR', message: String(err?.message ?? e) } };
      }
    },
  };
}
