/**
 * Printing failures: every WorldlineError as `error CODE: message` with indented expected /
 * found / where / fix lines (or, with --json, one error object on stdout), then its exit code.
 */
import { WorldlineError, type Divergence, type ErrorDetails } from '../kernel/index.js';
import { divergenceLines } from './divergence.js';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes.js';
import { renderValue } from './format.js';
import { sayJson, type Io } from './io.js';

/** A failure raised by the CLI itself (usage, input), in the kernel's taxonomy. */
export function cliError(code: string, message: string, details: ErrorDetails = {}): WorldlineError {
  return new WorldlineError(code, message, details);
}

/**
 * Duck-typed on purpose: a world module loaded through tsx gets its own copy of the kernel, so
 * errors it throws are WorldlineErrors of another class identity.
 */
function asWorldlineError(e: unknown): WorldlineError | undefined {
  if (e instanceof WorldlineError) return e;
  const like = e as { code?: unknown; details?: unknown; message?: unknown } | null;
  if (like && typeof like.code === 'string' && typeof like.details === 'object' && like.details !== null) {
    return Object.assign(new WorldlineError(like.code, String(like.message), like.details as ErrorDetails), { stack: (e as Error).stack });
  }
  return undefined;
}

function whereLine(where: NonNullable<ErrorDetails['where']>): string {
  return Object.entries(where)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

function field(label: string, value: unknown): string[] {
  const text = renderValue(value);
  const [first, ...rest] = text.split('\n');
  return [`  ${`${label}:`.padEnd(10)}${first}`, ...rest.map((line) => `  ${' '.repeat(10)}${line}`)];
}

export function errorLines(err: WorldlineError): string[] {
  const d = err.details;
  const lines = [`error ${err.code}: ${err.message}`];
  const divergence = d['divergence'] as Divergence | undefined;
  // A determinism violation carries both sides: print them decoded, with what differs.
  if (divergence) lines.push(...divergenceLines(divergence).slice(1).filter((l) => !l.startsWith('  fix:')));
  else {
    if (d.expected !== undefined) lines.push(...field('expected', d.expected));
    if (d.found !== undefined) lines.push(...field('found', d.found));
  }
  if (d.where && Object.keys(d.where).length > 0) lines.push(...field('where', whereLine(d.where)));
  if (d.hint) lines.push(...field('fix', d.hint));
  return lines;
}

/** Prints `e` for people (stderr) or machines (stdout) and returns the exit code it maps to. */
export function reportError(io: Io, e: unknown, json: boolean): ExitCode {
  const err = asWorldlineError(e);
  if (!err) {
    const cause = e instanceof Error ? e : new Error(String(e));
    if (json) {
      sayJson(io, { ok: false, error: { code: 'INTERNAL_ERROR', message: cause.message, stack: cause.stack } });
    } else {
      io.stderr.write(`error INTERNAL_ERROR: ${cause.message}\n  fix:      this is a bug in worldline; please report it with the stack below\n`);
      io.stderr.write(`${(cause.stack ?? '').split('\n').map((l) => `    ${l.trim()}`).join('\n')}\n`);
    }
    return EXIT.internal;
  }
  if (json) sayJson(io, { ok: false, error: err.toJSON() });
  else io.stderr.write(`${errorLines(err).join('\n')}\n`);
  return exitCodeFor(err.code);
}
