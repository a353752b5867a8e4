/**
 * The demo's "payment provider": a tiny HTTP server on 127.0.0.1 (random port). POST /charges
 * with {orderId, amount, customer} answers 201 {chargeId}, or 402 for the one order it declines.
 * It honours the idempotency-key header, as a real provider does: a retried charge (at-least-once
 * dispatch after a crash) gets the first answer again instead of charging twice.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PaymentProvider {
  /** e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  /** Charge requests received, retries included. */
  readonly requests: () => number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startPaymentProvider(options: { declineOrderId: string }): Promise<PaymentProvider> {
  const answers = new Map<string, { status: number; body: unknown }>();
  let requests = 0;
  let charges = 0;
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/charges') return send(res, 404, { error: 'not_found' });
    requests++;
    readBody(req).then((body) => {
      const { orderId, amount } = (body ?? {}) as { orderId?: unknown; amount?: unknown };
      if (typeof orderId !== 'string' || typeof amount !== 'number') return send(res, 400, { error: 'invalid_request' });
      const key = String(req.headers['idempotency-key'] ?? `${orderId}-${requests}`);
      let answer = answers.get(key);
      if (!answer) {
        answer = orderId === options.declineOrderId
          ? { status: 402, body: { error: 'card_declined', orderId } }
          : { status: 201, body: { chargeId: `ch_${String(++charges).padStart(4, '0')}`, orderId, amount } };
        answers.set(key, answer);
      }
      send(res, answer.status, answer.body);
    }, () => send(res, 400, { error: 'invalid_json' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
