/**
 * Plan outcome events (plan_execution_success | partial | failure) for subscribers, per the
 * execution contract: best-effort and non-blocking. A listener runs after the run.ended entry is
 * durable, on a later turn; if it throws, rejects or never settles, nothing waits for it and the
 * result it was told about does not change.
 */
import type { PlanResult } from '../../plans/interpreter/types.js';

export type OutcomeType = 'plan_execution_success' | 'plan_execution_partial' | 'plan_execution_failure';

export interface OutcomeEvent {
  readonly type: OutcomeType;
  readonly worldId: string;
  readonly result: PlanResult;
}

export type OutcomeListener = (event: OutcomeEvent) => void | Promise<void>;

export class OutcomeBus {
  private readonly listeners = new Set<OutcomeListener>();
  private readonly waiters = new Map<string, Array<(r: PlanResult) => void>>();
  /** Listener failures, counted so an embedder can see them (never thrown). */
  failures = 0;

  subscribe(listener: OutcomeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when `executionId` ends (immediately if `ended` already holds its result). */
  wait(executionId: string, ended: PlanResult | null): Promise<PlanResult> {
    if (ended) return Promise.resolve(ended);
    return new Promise((resolve) => {
      const list = this.waiters.get(executionId) ?? [];
      list.push(resolve);
      this.waiters.set(executionId, list);
    });
  }

  publish(worldId: string, result: PlanResult): void {
    for (const resolve of this.waiters.get(result.execution_id) ?? []) resolve(result);
    this.waiters.delete(result.execution_id);
    const event: OutcomeEvent = { type: `plan_execution_${result.status}`, worldId, result: structuredClone(result) };
    for (const listener of this.listeners) {
      setImmediate(() => {
        try {
          const pending = listener(event);
          if (pending && typeof pending.then === 'function') pending.then(undefined, () => this.failures++);
        } catch {
          this.failures++;
        }
      });
    }
  }
}
