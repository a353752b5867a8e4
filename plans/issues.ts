/**
 * Validation issues: every rule a plan can break has a stable code (the table in docs/PLANS.md is
 * checked against this registry by a test) and each issue points at the offending value with a
 * JSON pointer (RFC 6901) into the plan document.
 */

export const VALIDATION_CODES = {
  // document shape
  UNKNOWN_FIELD: 'a field the schema does not define (objects are strict)',
  MISSING_FIELD: 'a required field is absent',
  WRONG_TYPE: 'a value has the wrong JSON type',
  INVALID_UUID: 'an id is not a lowercase UUID v4',
  INVALID_NAME: 'a name is not an identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64 chars)',
  INVALID_TYPE_NAME: 'an event type or effect kind is malformed',
  INVALID_VERSION: 'version is not MAJOR.MINOR.PATCH',
  INVALID_HASH: 'a plan hash is not 64 lowercase hex chars',
  INVALID_TIMESTAMP: 'a timestamp is not a positive integer of unix milliseconds',
  INVALID_DURATION: 'a duration is not a positive integer of milliseconds',
  INVALID_ON_FAILURE: 'on_failure is not halt, skip or retry',
  INVALID_JOIN: 'join is not all or any',
  INVALID_ENUM: 'a value is not one of the allowed words',
  INVALID_ERROR_CODE: 'an error code is not SCREAMING_SNAKE_CASE',
  VALUE_OUT_OF_RANGE: 'a number, string or list is too small or too large',
  STEPS_EMPTY: 'a plan has no steps',
  STEPS_TOO_MANY: 'a plan has more than 1024 steps',
  UNKNOWN_STEP_KIND: 'a step kind the language does not define',
  CONTEXT_REQUIREMENTS_EMPTY: 'context_requirements is empty',
  DUPLICATE_CONTEXT_REQUIREMENT: 'a context requirement is listed twice',
  RETRY_POLICY_INVALID: 'a retry policy is out of range (max_attempts >= 1, multiplier >= 1, max_delay_ms >= backoff_ms)',
  RETRY_POLICY_MISSING: 'on_failure is retry but no retry policy is given',
  RETRY_POLICY_UNUSED: 'a retry policy is given but on_failure is not retry',
  // graph
  DUPLICATE_STEP_ID: 'two steps share an id',
  DUPLICATE_STEP_NAME: 'two steps share a name',
  DUPLICATE_DEPENDENCY: 'a dependency is listed twice',
  UNKNOWN_DEPENDENCY: 'depends_on names no step',
  SELF_DEPENDENCY: 'a step depends on itself',
  DEPENDENCY_CYCLE: 'depends_on forms a cycle',
  UNREACHABLE_STEP: 'a step depends on an end step, so it can never run',
  // expressions
  EXPR_INVALID: 'an expression is not a literal, ref, list, record or known operator',
  EXPR_ARITY: 'an operator has the wrong number of arguments',
  EXPR_TOO_DEEP: 'an expression nests deeper than 32',
  EXPR_TOO_LARGE: 'an expression has more than 1024 nodes',
  EXPR_BAD_PATH: 'a ref path is malformed or has an unknown root (input, vars, steps, correlation, run, event)',
  EXPR_TYPE_MISMATCH: 'an operand has a type the operator does not accept',
  EXPR_DIVISION_BY_ZERO: 'a literal zero divisor',
  REF_UNKNOWN_INPUT: 'a ref to an input field the input schema does not declare',
  REF_UNKNOWN_VAR: 'a ref to a variable no step binds or assigns',
  REF_UNKNOWN_STEP: 'a ref to a step that does not exist',
  REF_NOT_ANCESTOR: 'a ref to the output of a step that is not an ancestor',
  REF_UNKNOWN_FIELD: 'a ref to a field the step output or run does not have',
  REF_EVENT_OUTSIDE_WHERE: 'a ref to event.* outside an await_event where',
  // step semantics
  RECEIPT_TARGET_UNKNOWN: 'await_receipt.for names no step',
  RECEIPT_TARGET_NOT_EFFECT: 'await_receipt.for names a step that is not an emit_effect',
  RECEIPT_TARGET_NOT_ANCESTOR: 'await_receipt.for names an emit_effect that is not an ancestor',
  TIMER_DELAY_INVALID: 'a timer.set effect without a positive integer params.delay_ms',
  RESERVED_ERROR_CODE: 'an end step claims a reserved error code',
  ERROR_CODE_WITH_SUCCESS: 'an end step with status success carries an error code or message',
  DUPLICATE_TRIGGER: 'two triggers listen to the same event type',
  TRIGGER_PATH_UNKNOWN: 'correlate_by does not start with a declared input field',
} as const;

export type ValidationCode = keyof typeof VALIDATION_CODES;

export interface Issue {
  code: ValidationCode;
  /** JSON pointer into the plan document, '' for the root. */
  pointer: string;
  /** Says what was expected, what was found and where. */
  message: string;
}

/** RFC 6901 pointer from path segments. */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function issue(code: ValidationCode, pointer: string, message: string): Issue {
  return { code, pointer, message };
}

/** A short, bounded rendering of a found value for messages. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Sorted by pointer (document order), then code, so reports are stable. */
export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort((a, b) => comparePointers(a.pointer, b.pointer) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Document order: numeric segments compare as numbers, so /steps/2 comes before /steps/10. */
export function comparePointers(a: string, b: string): number {
  const xs = a.split('/');
  const ys = b.split('/');
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i] as string;
    const y = ys[i] as string;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (numeric) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return xs.length - ys.length;
}
