/**
 * The demo's `payments.charge` adapter: turns the orders reducer's charge request into a POST to
 * the payment provider through the kernel's HTTP adapter, whose allowlist is exactly the
 * provider's URL prefix. The receipt's result is {status, body}; the reducer reads body.chargeId.
 */
import { httpAdapter, type EffectAdapter } from '../../kernel/index.js';

export function paymentsChargeAdapter(providerUrl: string): EffectAdapter {
  const http = httpAdapter({ allow: [providerUrl], timeoutMs: 5_000 });
  return {
    execute(intent, context) {
      const params = { method: 'POST', url: new URL('charges', providerUrl).href, body: intent.params };
      return http.execute({ ...intent, params }, context);
    },
  };
}
