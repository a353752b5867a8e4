/** Where the CLI writes: injected so tests run `main` in-process and capture everything. */
export interface Writer {
  write(chunk: string): unknown;
  /** True once the reader went away (EPIPE): long listings stop early. */
  readonly closed?: boolean;
}

export interface Io {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** stderr is a terminal: progress lines are shown only then. */
  readonly isTTY: boolean;
}

/**
 * The process's own streams. A reader that goes away (`worldline log … | head`) raises EPIPE on
 * stdout: the remaining output is dropped quietly instead of crashing the process.
 */
export function processIo(): Io {
  let stdoutGone = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutGone = true;
  });
  return {
    stdout: {
      write: (chunk: string) => stdoutGone || process.stdout.write(chunk),
      get closed() {
        return stdoutGone;
      },
    },
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
  };
}

/** Lines for people. */
export function say(io: Io, ...lines: string[]): void {
  for (const line of lines) io.stdout.write(`${line}\n`);
}

/** One JSON document (or one NDJSON line) for machines. Bytes become {"$hex": "..."}. */
export function sayJson(io: Io, value: unknown): void {
  io.stdout.write(`${toJson(value)}\n`);
}

export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, jsonReplacer, indent) ?? 'undefined';
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { $hex: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex') };
  if (value instanceof Map) return Object.fromEntries(value);
  return value;
}
