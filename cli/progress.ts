/**
 * Progress of long walks on stderr, only when stderr is a terminal: nothing for walks shorter
 * than `delayMs`, then one line redrawn at most every `intervalMs`, cleared before the result.
 */
import type { Io } from './io.js';

export interface Progress {
  readonly update: (seq: number, total: number) => void;
  /** Clears the progress line (call before printing the result). */
  done(): void;
}

export function progress(io: Io, label: string, options: { delayMs?: number; intervalMs?: number } = {}): Progress {
  if (!io.isTTY) return { update: () => undefined, done: () => undefined };
  const { delayMs = 200, intervalMs = 100 } = options;
  const started = performance.now();
  let last = -Infinity;
  let shown = false;
  return {
    update(seq, total) {
      const now = performance.now();
      if (now - started < delayMs || now - last < intervalMs) return;
      last = now;
      shown = true;
      const pct = total > 0 ? Math.floor((seq / total) * 100) : 100;
      io.stderr.write(`\r\x1b[2K${label} ${seq.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${pct}%)`);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
