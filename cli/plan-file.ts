/**
 * Plan files from the command line: read, parse as JSON and validate, with every failure a
 * WorldlineError naming the file (exit 2). A plan is passed on as the parsed document itself,
 * so what is installed and hashed is exactly what was reviewed.
 */
import { readFileSync, statSync } from 'node:fs';
import { validatePlan, type Issue, type Plan } from '../plans/index.js';
import type { WorldlineError } from '../kernel/index.js';
import { cliError } from './errors.js';

export interface PlanFile {
  readonly file: string;
  /** The document as parsed from the file. */
  readonly json: unknown;
}

export interface ValidPlanFile extends PlanFile {
  readonly plan: Plan;
}

export function readPlanFile(file: string): PlanFile {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw cliError('PLAN_FILE_NOT_FOUND', `plan file ${file} does not exist`, {
        expected: 'a plan document (JSON)', found: 'no file', where: { file }, hint: 'pass the path of a plan, e.g. plans/examples/timeout-race.json',
      });
    }
    throw cliError('PLAN_FILE_UNREADABLE', `plan file ${file} cannot be read: ${(e as Error).message}`, {
      expected: 'a readable JSON file', found: code ?? 'an unreadable file', where: { file },
    });
  }
  try {
    return { file, json: JSON.parse(text) as unknown };
  } catch (e) {
    throw cliError('INVALID_JSON', `plan file ${file} is not valid JSON: ${(e as Error).message}`, {
      expected: 'a plan document in JSON', found: text.length > 80 ? `${text.slice(0, 79)}…` : text, where: { file },
      hint: 'plans are JSON documents (docs/PLANS.md); check the file with `worldline plan validate`',
    });
  }
}

/** Messages end with " at <pointer>" for readers without a pointer beside them; ours have one. */
export function withoutPointer(message: string, pointer: string): string {
  const suffix = ` at ${pointer || '/'}`;
  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

/** A JSON pointer as a URI fragment (`#/steps/0`, `#` for the root), so `file#pointer` names a spot. */
export function pointerText(pointer: string): string {
  return `#${pointer}`;
}

/**
 * The issues as a PLAN_INVALID error for commands that need a valid plan (hash, graph, run):
 * every issue is listed under `found`, and in `issues` for --json.
 */
export function planInvalidError(file: string, issues: readonly Issue[]): WorldlineError {
  return cliError('PLAN_INVALID', `plan file ${file} is not a valid plan: ${issues.length === 1 ? '1 issue' : `${issues.length} issues`}`, {
    expected: 'a plan that passes validation (docs/PLANS.md#validation-codes)',
    found: issues.map((i) => `${pointerText(i.pointer)} ${i.code}: ${withoutPointer(i.message, i.pointer)}`).join('\n'),
    where: { file }, issues, hint: `fix each issue at its JSON pointer; \`worldline plan validate ${file}\` lists them`,
  });
}

export function readValidPlan(file: string): ValidPlanFile {
  const read = readPlanFile(file);
  const checked = validatePlan(read.json);
  if (!checked.ok) throw planInvalidError(file, checked.issues);
  return { ...read, plan: checked.plan };
}
