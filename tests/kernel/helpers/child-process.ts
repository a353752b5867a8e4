/** Spawning the lease-holder helper as a real second Node process and reading its JSON lines. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const HELPER = fileURLToPath(new URL('./lease-holder.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface HelperProcess {
  readonly child: ChildProcess;
  /** Resolves with the next JSON line the helper prints. */
  next(): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited and been reaped. */
  exited: Promise<unknown>;
}

export function spawnLeaseHelper(mode: 'try' | 'hold', path: string): HelperProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', HELPER, mode, path], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    child,
    exited,
    async next() {
      const line = await lines.next();
      if (line.done) throw new Error(`lease helper exited without output; stderr: ${stderr}`);
      return JSON.parse(line.value) as Record<string, unknown>;
    },
  };
}
