/** What every command registration gets: the streams, and where to put the exit code. */
import type { ExitCode } from './exit-codes.js';
import type { Io } from './io.js';

export interface Cli {
  readonly io: Io;
  exit(code: ExitCode): void;
}

/** The options every read command takes. */
export interface JsonOption {
  readonly json?: boolean;
}
