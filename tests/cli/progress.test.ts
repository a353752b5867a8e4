import { describe, expect, it } from 'vitest';
import { progress } from '../../cli/progress.js';

function capture(isTTY: boolean) {
  let stderr = '';
  return { io: { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, isTTY }, stderr: () => stderr };
}

describe('progress', () => {
  it('draws on a terminal, throttled, and clears the line when done', () => {
    const c = capture(true);
    const p = progress(c.io, 'replaying', { delayMs: 0, intervalMs: 60_000 });
    p.update(1000, 4000);
    p.update(2000, 4000);
    p.done();
    expect(c.stderr()).toBe('\r\x1b[2Kreplaying 1,000/4,000 (25%)\r\x1b[2K');
  });

  it('stays silent when stderr is not a terminal, and for walks shorter than the delay', () => {
    const pipe = capture(false);
    progress(pipe.io, 'verifying', { delayMs: 0 }).update(1, 2);
    expect(pipe.stderr()).toBe('');
    const quick = capture(true);
    const p = progress(quick.io, 'verifying', { delayMs: 60_000 });
    p.update(1, 2);
    p.done();
    expect(quick.stderr()).toBe('');
  });
});
