/** Plan runs for people: a PlanResult, a run status snapshot, one line per run. */
import type { ExecutionErrorInfo, PlanResult, RunStatusSnapshot } from '../kernel/index.js';
import { isoTime, plural, renderValue, shortHash, table } from './format.js';

/** `label:` padded to a column, a multi-line value indented under it. */
export function labelled(label: string, value: unknown): string[] {
  const [first, ...rest] = renderValue(value).split('\n');
  return [`${`${label}:`.padEnd(11)}${first}`, ...rest.map((line) => `${' '.repeat(11)}${line}`)];
}

export function errorText(error: ExecutionErrorInfo): string {
  const at = error.step === null ? '' : ` at step ${error.step}`;
  return `${error.error_code}${at}: ${error.message} (${error.severity}, ${error.recoverable ? 'recoverable' : 'not recoverable'})`;
}

export function resultLines(result: PlanResult): string[] {
  return [
    ...labelled('status', result.status),
    ...labelled('duration', `${result.duration_ms} ms`),
    ...labelled('steps', `${result.steps_executed} of ${result.steps_total} executed`),
    ...labelled('outputs', result.outputs),
    ...(result.error ? labelled('error', errorText(result.error)) : []),
  ];
}

/** The same, shorter, under a snapshot whose status line already says how it ended. */
function endedLines(result: PlanResult): string[] {
  return [
    ...labelled('result', `${result.status} in ${result.duration_ms} ms, ${result.steps_executed} of ${result.steps_total} steps executed`),
    ...labelled('outputs', result.outputs),
    ...(result.error ? labelled('error', errorText(result.error)) : []),
  ];
}

export function statusText(s: RunStatusSnapshot): string {
  return s.substatus ? `${s.status}+${s.substatus}` : s.status;
}

export function planText(s: RunStatusSnapshot): string {
  return `${s.plan.name || s.plan.id}@${s.plan.version} (${shortHash(s.plan.hash)})`;
}

function stepsText(s: RunStatusSnapshot): string {
  if (s.result) return `${s.result.steps_executed}/${s.result.steps_total} steps`;
  return `${s.steps.filter((step) => step.attempt > 0).length}/${s.steps.length} steps`;
}

/** One line of `worldline status <journal>`: id, status, plan, start, progress. */
export function runRow(s: RunStatusSnapshot): string[] {
  return [
    s.executionId, statusText(s), planText(s), `started ${isoTime(s.startedAt)}`, stepsText(s),
    s.inFlightEffects > 0 ? `${s.inFlightEffects} in flight` : s.result?.error ? s.result.error.error_code : '',
  ];
}

export function stepRows(s: RunStatusSnapshot): string[] {
  return table(s.steps.map((step) => [
    step.name, step.status, step.attempt > 0 ? `attempt ${step.attempt}` : '',
    step.waitingFor ? `for ${step.waitingFor}` : '', step.errorCode ?? '',
  ]));
}

/** `worldline status <journal> <id>`: the whole snapshot. */
export function snapshotLines(s: RunStatusSnapshot): string[] {
  return [
    `run ${s.executionId}  ${statusText(s)}`,
    ...labelled('plan', `${planText(s)}, id ${s.plan.id}`),
    ...labelled('started', isoTime(s.startedAt)),
    ...labelled('in flight', plural(s.inFlightEffects, 'effect')),
    ...(s.result ? endedLines(s.result) : []),
    `steps (${s.steps.length}):`,
    ...stepRows(s),
  ];
}
