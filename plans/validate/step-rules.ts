/**
 * Rules that read one step (or the plan header) in the light of the rest of the plan: retry
 * policies match on_failure, receipts are awaited for ancestor effects, timers have a delay, end
 * steps do not impersonate the runtime, triggers correlate by declared input.
 */
import type { Dag } from '../dag.js';
import { onFailureOf } from '../defaults.js';
import { isReservedErrorCode } from '../error-codes.js';
import { issue, show, toPointer } from '../issues.js';
import type { Issue, ValidationCode } from '../issues.js';
import type { Plan, Step } from '../schema.js';
import { TIMER_EFFECT } from '../schema.js';

type Report = (code: ValidationCode, path: (string | number)[], message: string) => void;

function checkStep(step: Step, i: number, dag: Dag, ancestry: readonly ReadonlySet<number>[] | null, plan: Plan, report: Report): void {
  const mode = onFailureOf(step);
  if (mode === 'retry' && step.retry === undefined) report('RETRY_POLICY_MISSING', ['steps', i, 'on_failure'], 'expected a retry policy with on_failure "retry", found none');
  if (mode !== 'retry' && step.retry !== undefined) report('RETRY_POLICY_UNUSED', ['steps', i, 'retry'], `expected on_failure "retry" with a retry policy, found on_failure "${mode}"`);
  switch (step.kind) {
    case 'await_receipt': {
      const target = dag.index.get(step.for);
      const path = ['steps', i, 'for'];
      if (target === undefined) return report('RECEIPT_TARGET_UNKNOWN', path, `expected the name of an emit_effect step, found "${step.for}"`);
      const kind = plan.steps[target]?.kind;
      if (kind !== 'emit_effect') return report('RECEIPT_TARGET_NOT_EFFECT', path, `expected an emit_effect step, found "${step.for}" of kind ${kind}`);
      if (ancestry !== null && !ancestry[i]?.has(target)) report('RECEIPT_TARGET_NOT_ANCESTOR', path, `expected "${step.for}" among the steps "${step.name}" depends on (add it to depends_on), found it is not`);
      return;
    }
    case 'emit_effect': {
      if (step.effect !== TIMER_EFFECT) return;
      const delay = step.params.delay_ms;
      if (delay === undefined) return report('TIMER_DELAY_INVALID', ['steps', i, 'params'], 'expected params.delay_ms for a timer.set effect, found none');
      if (typeof delay !== 'object' && !(typeof delay === 'number' && Number.isSafeInteger(delay) && delay > 0)) {
        report('TIMER_DELAY_INVALID', ['steps', i, 'params', 'delay_ms'], `expected a positive integer delay_ms, found ${show(delay)}`);
      }
      return;
    }
    case 'end': {
      if (step.error_code !== undefined && isReservedErrorCode(step.error_code)) {
        report('RESERVED_ERROR_CODE', ['steps', i, 'error_code'], `expected a plan-specific error code, found reserved runtime code "${step.error_code}"`);
      }
      if (step.status === 'success') {
        if (step.error_code !== undefined) report('ERROR_CODE_WITH_SUCCESS', ['steps', i, 'error_code'], 'expected no error_code on a success end, found one');
        if (step.error_message !== undefined) report('ERROR_CODE_WITH_SUCCESS', ['steps', i, 'error_message'], 'expected no error_message on a success end, found one');
      }
      return;
    }
    default:
      return;
  }
}

function checkHeader(plan: Plan, report: Report): void {
  const seen = new Set<string>();
  plan.context_requirements.forEach((name, i) => {
    if (seen.has(name)) report('DUPLICATE_CONTEXT_REQUIREMENT', ['context_requirements', i], `expected each requirement once, found "${name}" again`);
    seen.add(name);
  });
  const events = new Set<string>();
  (plan.triggers ?? []).forEach((trigger, i) => {
    if (events.has(trigger.event)) report('DUPLICATE_TRIGGER', ['triggers', i, 'event'], `expected one trigger per event type, found "${trigger.event}" again`);
    events.add(trigger.event);
    const head = trigger.correlate_by?.split('.')[0];
    if (head !== undefined && plan.input?.fields[head] === undefined) {
      report('TRIGGER_PATH_UNKNOWN', ['triggers', i, 'correlate_by'], `expected a path starting with a declared input field (${Object.keys(plan.input?.fields ?? {}).join(', ') || 'none declared'}), found "${trigger.correlate_by}"`);
    }
  });
}

/** `ancestry` is null when the graph is cyclic; ancestor checks are then skipped. */
export function checkSteps(plan: Plan, dag: Dag, ancestry: readonly ReadonlySet<number>[] | null): Issue[] {
  const issues: Issue[] = [];
  const report: Report = (code, path, message) => {
    const at = toPointer(path);
    issues.push(issue(code, at, `${message} at ${at}`));
  };
  checkHeader(plan, report);
  plan.steps.forEach((step, i) => checkStep(step, i, dag, ancestry, plan, report));
  return issues;
}
