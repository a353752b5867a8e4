/**
 * The built-in HTTP adapter. Only URLs under an explicit allowlist of prefixes are fetched; any
 * other URL (another host, file:, ftp:, a metadata endpoint) is refused with
 * HTTP_URL_NOT_ALLOWED before any network access. Non-2xx answers settle as errors that keep
 * the response, so a plan or reducer can see the status.
 */
import { z } from 'zod';
import type { AdapterOutcome, EffectAdapter } from './adapters.js';

export interface HttpAdapterOptions {
  /** URL prefixes, e.g. "https://api.example.com/v1/" or "http://127.0.0.1:8080/". */
  readonly allow: readonly string[];
  readonly timeoutMs?: number;
  /** Response bodies beyond this many bytes are refused (default 1 MiB). */
  readonly maxBodyBytes?: number;
}

const paramsSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  url: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});

export function isUrlAllowed(url: string, allow: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password) return false;
  return allow.some((prefix) => {
    try {
      return parsed.href.startsWith(new URL(prefix).href);
    } catch {
      return false;
    }
  });
}

export function httpAdapter(options: HttpAdapterOptions): EffectAdapter {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBody = options.maxBodyBytes ?? 1 << 20;
  return {
    async execute(intent, { signal }): Promise<AdapterOutcome> {
      const parsed = paramsSchema.safeParse(intent.params);
      if (!parsed.success) {
        return { status: 'error', error: { code: 'INVALID_PAYLOAD', message: `http params: ${parsed.error.issues[0]?.message ?? 'invalid'}` } };
      }
      const p = parsed.data;
      if (!isUrlAllowed(p.url, options.allow)) {
        return { status: 'error', error: { code: 'HTTP_URL_NOT_ALLOWED', message: `${p.url} is outside the allowlist (${options.allow.join(', ') || 'empty'})` } };
      }
      const headers: Record<string, string> = { ...p.headers };
      if (intent.idempotencyKey) headers['idempotency-key'] ??= intent.idempotencyKey;
      let body: string | undefined;
      if (p.body !== undefined) {
        body = JSON.stringify(p.body);
        headers['content-type'] ??= 'application/json';
      }
      try {
        const response = await fetch(p.url, { method: p.method, headers, body, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
        const text = await response.text();
        if (text.length > maxBody) {
          return { status: 'error', error: { code: 'HTTP_BODY_TOO_LARGE', message: `response body exceeds ${maxBody} bytes` } };
        }
        const isJson = (response.headers.get('content-type') ?? '').includes('json');
        const result = { status: response.status, body: isJson && text ? (JSON.parse(text) as unknown) : text };
        if (response.ok) return { status: 'ok', result };
        return { status: 'error', error: { code: `HTTP_${response.status}`, message: `${p.method} ${p.url} answered ${response.status}` }, result };
      } catch (e) {
        const name = (e as Error).name;
        const code = name === 'TimeoutError' ? 'HTTP_TIMEOUT' : name === 'AbortError' ? 'HTTP_ABORTED' : 'HTTP_FAILED';
        return { status: 'error', error: { code, message: (e as Error).message } };
      }
    },
  };
}
