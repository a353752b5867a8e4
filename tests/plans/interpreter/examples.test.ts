/**
 * The pattern fixtures in plans/examples, run end to end: the approval gate and the correlated
 * request/response (the timeout race is in race.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../plans/schema.js';
import { Run, T0 } from './harness.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../plans/examples/${name}.json`, import.meta.url), 'utf8')) as Plan;

describe('approval gate', () => {
  const plan = load('approval-gate');
  const start = () => Run.start(plan, {
    input: { change_id: 'chg-1', summary: 'bump' },
    context: { environment: { deployer: 'argo' }, deadline_ms: T0 + plan.timeout_ms },
  });

  it('given approval, then the deploy is emitted and the run succeeds with who approved', () => {
    const run = start();
    expect(run.of('emit').map((e) => e.effect)).toEqual(['approval.request']);
    run.receipt('request_approval', 'ok', { decision: 'approved', actor: 'sre-bob' });
    expect(run.of('emit').map((e) => e.effect)).toEqual(['approval.request', 'deploy.apply']);
    run.receipt('deploy', 'ok');
    expect(run.result()).toMatchObject({ status: 'success', outputs: { change_id: 'chg-1', approved_by: 'sre-bob' } });
  });

  it('given a rejection, then nothing is deployed and the run fails with CHANGE_REJECTED', () => {
    const run = start();
    run.receipt('request_approval', 'ok', { decision: 'rejected', actor: 'sre-bob' });
    expect(run.path('deploy')).toEqual(['skipped']);
    expect(run.of('emit')).toHaveLength(1);
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'CHANGE_REJECTED' } });
  });

  it('given the approval wait times out, then the run fails with APPROVAL_EXPIRED', () => {
    const run = start();
    run.fire('timeout:approval');
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'APPROVAL_EXPIRED' } });
  });
});

describe('correlated request/response', () => {
  const plan = load('correlated-request');
  const start = () => Run.start(plan, { input: { request_id: 'r-1', sku: 'sku-9' }, correlation: 'r-1', context: { environment: { pricing: 'v2' }, deadline_ms: T0 + plan.timeout_ms } });

  it('given a reply for another request and then ours, then only ours is taken', () => {
    const run = start();
    expect(run.of('raise')).toEqual([{ type: 'raise', step: 'ask', attempt: 1, event: 'pricing.requested', data: { request_id: 'r-1', sku: 'sku-9' } }]);
    expect(run.event('pricing.quoted', { request_id: 'r-2', price_cents: 1 })).toEqual([]);
    run.event('pricing.quoted', { request_id: 'r-1', price_cents: 1299 });
    expect(run.result()).toMatchObject({ status: 'success', outputs: { request_id: 'r-1', price_cents: 1299 } });
  });

  it('given no reply in time, then the run fails with QUOTE_TIMEOUT', () => {
    const run = start();
    run.fire('timeout:answer');
    expect(run.result()).toMatchObject({ status: 'failure', error: { error_code: 'QUOTE_TIMEOUT' } });
  });
});
