/**
 * The Clock port: the only place the runtime reads time or waits. The fold never sees it; the
 * shell stamps inputs with `now()` and fires timers through `schedule`. Tests use ManualClock,
 * so timer tests never sleep.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` once at (or after) unix-ms time `at`; returns a cancel function. */
  schedule(at: number, fn: () => void): () => void;
}

/**
 * Wall-clock time. Timers keep the process alive, like any pending work: a world with a durable
 * timer due is not finished, and `World.close()` disarms every timer it armed.
 */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  schedule(at: number, fn: () => void): () => void {
    // setTimeout caps at ~24.8 days; re-arm until the real due time.
    let handle: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      const delay = Math.max(0, at - Date.now());
      handle = setTimeout(delay > 2 ** 31 - 1 ? arm : fn, Math.min(delay, 2 ** 31 - 1));
    };
    arm();
    return () => clearTimeout(handle);
  }
}

/** A clock that moves only when told to: `advance(ms)` fires due timers in due-time order. */
export class ManualClock implements Clock {
  private timers: Array<{ at: number; order: number; fn: () => void; cancelled: boolean }> = [];
  private order = 0;

  constructor(private time = 1_700_000_000_000) {}

  now(): number {
    return this.time;
  }

  schedule(at: number, fn: () => void): () => void {
    const timer = { at, order: this.order++, fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moves time forward, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => !t.cancelled && t.at <= until)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      due.cancelled = true;
      due.fn();
    }
    this.time = until;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
