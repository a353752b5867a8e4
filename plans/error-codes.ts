/**
 * Reserved execution error codes (plan execution contract, section 4). The runtime uses them in
 * ExecutionError; an `end` step may not claim one, so a plan can never impersonate the runtime.
 *
 * Recoverability matrix: `recoverable` says whether a *new* execution (new execution_id) of the
 * same plan may succeed without changing plan or environment, i.e. the cause can be transient.
 * A failed or partial execution is never resumed under the same execution_id either way.
 */
import { WorldlineError } from '../kernel/errors.js';
import type { ErrorDetails, Severity } from '../kernel/errors.js';

export interface ReservedErrorCode {
  readonly severity: Severity;
  readonly recoverable: boolean;
  readonly description: string;
}

export const RESERVED_ERROR_CODES = {
  CONTEXT_MISSING: { severity: 'error', recoverable: false, description: 'a context_requirements name is absent from the execution environment' },
  INVALID_PAYLOAD: { severity: 'error', recoverable: false, description: 'run input, event data or an effect result does not match its schema' },
  STEP_TIMEOUT: { severity: 'error', recoverable: true, description: "a step exceeded its hard timeout_ms" },
  PLAN_TIMEOUT: { severity: 'error', recoverable: true, description: "the run exceeded the plan's timeout_ms or the context deadline" },
  DEPENDENCY_FAILED: { severity: 'error', recoverable: true, description: 'a step could not run because a dependency failed' },
  EFFECT_FAILED: { severity: 'error', recoverable: true, description: 'an adapter failed to carry out an effect' },
  POLICY_DENIED: { severity: 'error', recoverable: false, description: 'the policy denied an effect (fail closed)' },
  APPROVAL_REJECTED: { severity: 'error', recoverable: false, description: 'an approver rejected a gated effect, or the approval expired' },
  CAPABILITY_MISSING: { severity: 'fatal', recoverable: false, description: 'the world lacks the capability an effect needs' },
  CANCELLED: { severity: 'warn', recoverable: false, description: 'an operator cancelled the run' },
  INTERNAL_ERROR: { severity: 'fatal', recoverable: false, description: 'a defect in the runtime; report it' },
  PLAN_INTEGRITY_VALIDATION_FAILED: { severity: 'fatal', recoverable: false, description: 'the fetched plan does not match its pinned sha256' },
  PLAN_URI_NOT_ALLOWED: { severity: 'fatal', recoverable: false, description: 'the plan URI is outside the allowlist (no network access was made)' },
  PLAN_INVALID: { severity: 'fatal', recoverable: false, description: 'the plan failed static validation' },
  EXPRESSION_FAILED: { severity: 'error', recoverable: false, description: 'an expression could not be evaluated (type mismatch, division by zero, ...)' },
  DETERMINISM_VIOLATION: { severity: 'fatal', recoverable: false, description: 'replay re-derived something other than the journal recorded' },
} as const satisfies Record<string, ReservedErrorCode>;

export type ReservedCode = keyof typeof RESERVED_ERROR_CODES;

export function isReservedErrorCode(code: string): code is ReservedCode {
  return Object.hasOwn(RESERVED_ERROR_CODES, code);
}

/** A WorldlineError carrying the registry's severity and recoverability for `code`. */
export function reservedError(code: ReservedCode, message: string, details: ErrorDetails & { cause?: unknown } = {}): WorldlineError {
  const { severity, recoverable } = RESERVED_ERROR_CODES[code];
  return new WorldlineError(code, message, { ...details, severity, recoverable });
}
