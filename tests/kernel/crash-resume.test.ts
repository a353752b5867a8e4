import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { instancesHash } from '../../kernel/core/world-state.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { replayJournal } from '../../kernel/world/replay.js';
import { ordersWorld } from '../../fixtures/worlds/orders.js';
import { harness, paymentsAdapter, readAll } from './helpers/world-harness.js';

const ORDERS = 150;
const dir = mkdtempSync(join(tmpdir(), 'worldline-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the child; with `killAt`, SIGKILLs it once its progress reaches that many placed orders
 * (or once it drains, if they were all placed already), plus a few ms so kills also land mid-commit.
 */
function runChild(journal: string, calls: string, killAt: { placed: number; extraMs: number } | undefined): Promise<{ done: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/kernel/helpers/crash-child.ts', journal, calls, String(ORDERS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (d) => {
      out += d;
      if (!killAt || timer) return;
      const progress = Math.max(0, ...[...out.matchAll(/(?:placed|opened) (\d+)/g)].map((m) => Number(m[1])));
      if (progress >= killAt.placed || out.includes('draining')) timer = setTimeout(() => child.kill('SIGKILL'), killAt.extraMs);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve({ done: out.includes('DONE') });
      if (code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      resolve({ done: out.includes('DONE') });
    });
  });
}

/** The same orders in one process that never crashes, with the same adapter answers. */
async function referenceDomainHash(): Promise<string> {
  const payments = paymentsAdapter((p) => (Number(p.orderId.slice(1)) % 4 === 3
    ? { status: 'error', error: { code: 'CARD_DECLINED', message: 'declined' } }
    : { status: 'ok', result: { chargeId: `ch_${p.orderId}` } }));
  const h = await harness({ adapters: { 'payments.charge': payments.adapter } });
  for (let i = 0; i < ORDERS; i++) await h.world.ingest('order.placed', { orderId: `o${i}`, amount: 10 + i, customer: `c${i % 3}` }, { dedupeKey: `o${i}` });
  await h.world.idle();
  h.clock.advance(1000);
  await h.world.idle();
  const hash = instancesHash(h.world.current);
  await h.world.close();
  return hash;
}

describe('crash/resume with a real process killed by SIGKILL', () => {
  it('resumes after kills at many points to the state of a run that never crashed, applying no receipt twice', async () => {
    const journal = join(dir, 'world.db');
    const calls = join(dir, 'calls.txt');
    // Kill right after opening, at points through the ingest, and while draining payments and timers.
    let kills = 0;
    const killPoints = [0, 5, 17, 30, 46, 61, 77, 90, 104, 119, 133, 150, 150, 150].map((placed, i) => ({ placed, extraMs: (i * 7) % 23 }));
    for (const at of killPoints) {
      const { done } = await runChild(journal, calls, at);
      if (!done) kills++;
    }
    let finished = false;
    for (let i = 0; i < 5 && !finished; i++) finished = (await runChild(journal, calls, undefined)).done;
    expect(finished).toBe(true);
    expect(kills).toBeGreaterThan(3);

    const store = await openSqliteStore(journal, { readOnly: true });
    const report = await replayJournal(store, ordersWorld);
    expect(report.ok).toBe(true);
    expect(report.domainStateHash).toBe(await referenceDomainHash());

    const entries = await readAll(store);
    // Each order's charge receipt reached its reducer exactly once: one paid-or-failed event per order.
    const outcomes = entries.filter((e) => e.kind === 'domain.event' && ['order.paid', 'order.failed'].includes((e.payload as { type: string }).type));
    expect(outcomes).toHaveLength(ORDERS);
    const intents = entries.filter((e) => e.kind === 'effect.intent').map((e) => (e.payload as { intentId: string }).intentId);
    expect(new Set(intents).size).toBe(ORDERS);
    // At-least-once: every intent was dispatched, some perhaps again after a kill.
    const dispatched = new Set(existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);
    for (const id of intents) expect(dispatched.has(id)).toBe(true);
    await store.close();
  }, 120_000);
});
