/**
 * `worldline plan validate <file>` and `worldline plan lint <file>`: every validation issue, then
 * every lint finding, each with its stable code and the JSON pointer of the value at fault.
 * The report is the command's output (stdout); the exit code says how it went.
 */
import { lintPlan, planHash, validatePlan, type Finding, type Issue, type Plan } from '../../plans/index.js';
import type { JsonOption } from '../cli.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { plural, shortHash, table } from '../format.js';
import { say, sayJson, type Io } from '../io.js';
import { pointerText, readPlanFile, withoutPointer } from '../plan-file.js';

export interface LintOptions extends JsonOption {
  readonly strict?: boolean;
}

function planText(plan: Plan): string {
  return `${plan.name}@${plan.version}, ${plural(plan.steps.length, 'step')}, hash ${shortHash(planHash(plan))}`;
}

function printIssues(io: Io, file: string, issues: readonly Issue[]): void {
  say(io, `INVALID: ${file}: ${plural(issues.length, 'issue')}`);
  say(io, ...table(issues.map((i) => [`${file}${pointerText(i.pointer)}`, i.code, withoutPointer(i.message, i.pointer)])));
  say(io, 'fix: correct the value at each JSON pointer; every code is explained in docs/PLANS.md#validation-codes');
}

type Checked = { ok: true; plan: Plan } | { ok: false; code: ExitCode };

/** Validates `file`; an invalid plan is reported here (exit 2), so callers get a plan or a code. */
function check(io: Io, file: string, json: boolean): Checked {
  const result = validatePlan(readPlanFile(file).json);
  if (result.ok) return result;
  if (json) sayJson(io, { ok: false, file, valid: false, issues: result.issues });
  else printIssues(io, file, result.issues);
  return { ok: false, code: EXIT.usage };
}

export function validatePlanFile(io: Io, file: string, options: JsonOption): ExitCode {
  const checked = check(io, file, options.json === true);
  if (!checked.ok) return checked.code;
  const { plan } = checked;
  if (options.json) {
    sayJson(io, { ok: true, file, valid: true, plan: { id: plan.id, name: plan.name, version: plan.version }, planHash: planHash(plan), steps: plan.steps.length, issues: [] });
  } else {
    say(io, `ok: ${file} is a valid plan: ${planText(plan)}`);
  }
  return EXIT.ok;
}

function lintHeader(file: string, findings: readonly Finding[], failed: boolean, strict: boolean): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const counts = `${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')}`;
  if (findings.length === 0) return `ok: ${file}: no findings`;
  if (!failed) return `ok: ${file}: ${counts}`;
  return `FAILED${strict && errors === 0 ? ' (--strict)' : ''}: ${file}: ${counts}`;
}

export function lintPlanFile(io: Io, file: string, options: LintOptions): ExitCode {
  const checked = check(io, file, options.json === true);
  if (!checked.ok) return checked.code;
  const findings = lintPlan(checked.plan);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const failed = errors > 0 || (options.strict === true && findings.length > 0);
  if (options.json) {
    sayJson(io, { ok: !failed, file, valid: true, strict: options.strict === true, errors, warnings: findings.length - errors, findings });
  } else {
    say(io, lintHeader(file, findings, failed, options.strict === true));
    say(io, ...table(findings.map((f) => [`${file}${pointerText(f.pointer)}`, f.severity, f.code, withoutPointer(f.message, f.pointer)])));
    if (findings.length > 0) say(io, 'every code is explained in docs/PLANS.md#lint-codes');
  }
  return failed ? EXIT.checkFailed : EXIT.ok;
}
