/**
 * One error taxonomy for worldline. Every failure that crosses a module boundary is a
 * WorldlineError with a stable string `code`; messages say what was expected, what was found and
 * where (world, seq, run, step). Determinism violations have their own class so that callers can
 * park a world instead of retrying it.
 */
export type Severity = 'warn' | 'error' | 'fatal';

export interface ErrorWhere {
  world?: string;
  seq?: number;
  run?: string;
  step?: string;
  path?: string;
  file?: string;
}

export interface ErrorDetails {
  expected?: unknown;
  found?: unknown;
  where?: ErrorWhere;
  hint?: string;
  [extra: string]: unknown;
}

export interface WorldlineErrorInit extends ErrorDetails {
  severity?: Severity;
  recoverable?: boolean;
  cause?: unknown;
}

export class WorldlineError extends Error {
  readonly code: string;
  readonly severity: Severity;
  readonly recoverable: boolean;
  readonly details: ErrorDetails;

  constructor(code: string, message: string, init: WorldlineErrorInit = {}) {
    const { severity = 'error', recoverable = false, cause, ...details } = init;
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'WorldlineError';
    this.code = code;
    this.severity = severity;
    this.recoverable = recoverable;
    this.details = details;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, severity: this.severity, recoverable: this.recoverable, ...this.details };
  }
}

/** Replay re-derived something other than what the journal recorded. Never retried blindly. */
export class DeterminismViolation extends WorldlineError {
  constructor(message: string, init: WorldlineErrorInit = {}) {
    super('DETERMINISM_VIOLATION', message, { severity: 'fatal', recoverable: false, ...init });
    this.name = 'DeterminismViolation';
  }
}

export function isWorldlineError(e: unknown): e is WorldlineError {
  return e instanceof WorldlineError;
}

/** Wrap anything thrown into a WorldlineError without losing the original. */
export function asWorldlineError(e: unknown, code = 'INTERNAL_ERROR'): WorldlineError {
  if (e instanceof WorldlineError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new WorldlineError(code, message, { cause: e });
}
