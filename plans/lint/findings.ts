/**
 * Lint findings: advice on a *valid* plan. Each code has one fixed severity: `error` for plans
 * that cannot behave as written (CI should fail), `warning` for patterns that bite in production.
 */
import { toPointer } from '../issues.js';

export type LintSeverity = 'warning' | 'error';

export const LINT_CODES = {
  CORRELATION_PREDICATE_MISSING: { severity: 'warning', description: 'a correlated plan waits for an event without a where that uses the correlation key' },
  WAIT_WITHOUT_TIMEOUT: { severity: 'warning', description: 'a wait has neither timeout_ms nor a timer racing it to another branch' },
  EFFECT_WITHOUT_IDEMPOTENCY_KEY: { severity: 'warning', description: 'a non-read effect has no idempotency_key, so a re-dispatch after a crash may repeat it' },
  IDEMPOTENCY_KEY_CONSTANT: { severity: 'warning', description: 'an idempotency_key reads nothing, so every run sends the same key' },
  EFFECT_RECEIPT_IGNORED: { severity: 'warning', description: 'no await_receipt reads the outcome of an effect' },
  NO_END_STEP: { severity: 'warning', description: 'the plan has no end step, so its result is implicit' },
  END_UNREACHABLE: { severity: 'error', description: 'an end step can never fire' },
  WHEN_ALWAYS_FALSE: { severity: 'error', description: 'a when guard is constant false, so the step never runs' },
  ANY_JOIN_SINGLE_DEPENDENCY: { severity: 'warning', description: 'join any with fewer than two dependencies races nothing' },
  STEP_TIMEOUT_EXCEEDS_PLAN: { severity: 'warning', description: "a step's timeout_ms is longer than the plan's, so the plan times out first" },
  TIMER_EXCEEDS_PLAN_TIMEOUT: { severity: 'warning', description: "a timer's delay_ms is longer than the plan's timeout_ms, so it never fires" },
  LITERAL_LOOKS_LIKE_REF: { severity: 'warning', description: 'a string literal looks like a ref; write {"op":"ref","path":...}' },
  UNKNOWN_STATUS_LITERAL: { severity: 'warning', description: 'a status is compared with a value it can never take' },
  CORRELATION_UNSET: { severity: 'warning', description: 'a ref to correlation in a plan no trigger correlates, so it reads null' },
  RAISE_TRIGGERS_SELF: { severity: 'warning', description: 'the plan raises an event that triggers the plan itself (unbounded chain of runs)' },
} as const satisfies Record<string, { severity: LintSeverity; description: string }>;

export type LintCode = keyof typeof LINT_CODES;

export interface Finding {
  code: LintCode;
  severity: LintSeverity;
  /** JSON pointer into the plan document. */
  pointer: string;
  message: string;
}

export type Report = (code: LintCode, path: readonly (string | number)[], message: string) => void;

export function collector(): { findings: Finding[]; report: Report } {
  const findings: Finding[] = [];
  const report: Report = (code, path, message) => {
    const pointer = toPointer(path);
    findings.push({ code, severity: LINT_CODES[code].severity, pointer, message: `${message} at ${pointer || '/'}` });
  };
  return { findings, report };
}
