/** JSON given on the command line (`--input`, `--env`): parsed before anything is opened, exit 2 if bad. */
import { cliError } from './errors.js';

function shown(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** A JSON object (run input, an environment): a scalar or an array there is refused too. */
export function parseJsonRecord(text: string, option: string, example: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw cliError('INVALID_JSON', `${option} is not valid JSON: ${(e as Error).message}`, {
      expected: `a JSON object, e.g. '${example}'`, found: shown(text), where: { path: option },
      hint: 'quote the JSON for your shell (single quotes in sh/bash)',
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw cliError('INVALID_JSON', `${option} must be a JSON object`, {
      expected: `a JSON object, e.g. '${example}'`, found: shown(text), where: { path: option },
    });
  }
  return value as Record<string, unknown>;
}
