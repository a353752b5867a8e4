/**
 * Hands durable intents to adapters and arms timers, after the entries that ask for them have
 * committed. Outcomes come back as inputs (receipts, timer firings) through the callbacks, so
 * they are journaled like anything else. Tracks what is in flight, for pause/drain and close.
 */
import { asWorldlineError } from '../errors.js';
import { canonicalize } from '../core/canonical.js';
import type { PendingIntent } from '../core/world-state.js';
import { adapterOutcomeSchema, type AdapterMap, type AdapterOutcome } from './adapters.js';
import type { Clock } from './clock.js';

export interface DispatcherHooks {
  /** Journals an adapter's outcome as an effect.receipt input. */
  receipt(intentId: string, outcome: AdapterOutcome, adapter: string): Promise<unknown>;
  /** Journals a timer firing (or an effect deadline) unless it has settled meanwhile. */
  fire(timerId: string): void;
}

export class Dispatcher {
  private readonly inFlight = new Map<string, AbortController>();
  private readonly armed = new Map<string, () => void>();
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly adapters: AdapterMap,
    private readonly clock: Clock,
    private readonly worldId: () => string,
    private readonly enabled: boolean,
    private readonly hooks: DispatcherHooks,
  ) {}

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  dispatch(intent: PendingIntent): void {
    if (!this.enabled || this.closed || intent.held || this.inFlight.has(intent.intentId)) return;
    const controller = new AbortController();
    this.inFlight.set(intent.intentId, controller);
    void this.run(intent, controller);
  }

  /** Arms a timer (or an effect deadline) to fire at `at`; firing twice is prevented here. */
  arm(id: string, at: number): void {
    if (!this.enabled || this.closed || this.armed.has(id)) return;
    this.armed.set(id, this.clock.schedule(at, () => {
      this.armed.delete(id);
      if (!this.closed) this.hooks.fire(id);
    }));
  }

  disarm(id: string): void {
    this.armed.get(id)?.();
    this.armed.delete(id);
  }

  /** Resolves once no adapter call is in flight. */
  whenIdle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops arming and dispatching; in-flight calls are aborted and their outcomes dropped (re-dispatched on reopen). */
  close(): void {
    this.closed = true;
    for (const cancel of this.armed.values()) cancel();
    this.armed.clear();
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    this.settleIdle();
  }

  private async run(intent: PendingIntent, controller: AbortController): Promise<void> {
    const adapter = this.adapters[intent.kind];
    let outcome: AdapterOutcome;
    if (!adapter) {
      outcome = { status: 'error', error: { code: 'ADAPTER_MISSING', message: `no adapter is registered for effect kind "${intent.kind}"` } };
    } else {
      try {
        const raw = await adapter.execute(
          { intentId: intent.intentId, kind: intent.kind, params: intent.params, idempotencyKey: intent.idempotencyKey, worldId: this.worldId() },
          { signal: controller.signal },
        );
        outcome = checkOutcome(raw);
      } catch (e) {
        const err = asWorldlineError(e, 'ADAPTER_ERROR');
        outcome = { status: 'error', error: { code: err.code, message: err.message } };
      }
    }
    if (controller.signal.aborted) return;
    try {
      await this.hooks.receipt(intent.intentId, outcome, adapter ? intent.kind : 'none');
    } catch {
      // The world refused the receipt (closing, or storage failed): the intent stays pending
      // in the journal and is re-dispatched when the world is next opened.
    } finally {
      this.inFlight.delete(intent.intentId);
      this.settleIdle();
    }
  }

  private settleIdle(): void {
    if (this.inFlight.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function checkOutcome(raw: unknown): AdapterOutcome {
  const parsed = adapterOutcomeSchema.safeParse(raw);
  if (!parsed.success) {
    return { status: 'error', error: { code: 'ADAPTER_INVALID_OUTCOME', message: `adapter answered ${JSON.stringify(raw)?.slice(0, 200)}` } };
  }
  try {
    const outcome = parsed.data as AdapterOutcome;
    return { ...outcome, result: outcome.result === undefined ? undefined : canonicalize(outcome.result) } as AdapterOutcome;
  } catch (e) {
    return { status: 'error', error: { code: 'ADAPTER_INVALID_OUTCOME', message: (e as Error).message } };
  }
}
