/**
 * ExecutionErrorInfo builders. Reserved codes take severity and recoverability from the registry
 * in error-codes.ts, so the interpreter never invents its own classification of a runtime error.
 */
import type { WorldlineError } from '../../kernel/errors.js';
import { isReservedErrorCode, RESERVED_ERROR_CODES } from '../error-codes.js';
import type { ReservedCode } from '../error-codes.js';
import type { EndStatus, ErrorInfo, ReceiptStatus } from '../schema.js';
import type { ExecutionErrorInfo } from './types.js';

export function executionError(code: ReservedCode, message: string, step: string | null): ExecutionErrorInfo {
  const { severity, recoverable } = RESERVED_ERROR_CODES[code];
  return { error_code: code, severity, recoverable, message, step };
}

/** An expression failure from `evaluate`, charged to the step that evaluated it. */
export function fromEvalError(error: WorldlineError, step: string, what: string): ExecutionErrorInfo {
  return executionError('EXPRESSION_FAILED', `step "${step}": ${what}: ${error.message}`, step);
}

/**
 * A user `end` step's error. Validation keeps reserved codes out of `error_code`; the schema has
 * no default for a missing one, so the status names it (PLAN_PARTIAL / PLAN_FAILED).
 */
export function endStepError(status: Exclude<EndStatus, 'success'>, code: string | undefined, message: string, step: string): ExecutionErrorInfo {
  return {
    error_code: code ?? (status === 'partial' ? 'PLAN_PARTIAL' : 'PLAN_FAILED'),
    severity: status === 'partial' ? 'warn' : 'error',
    // The plan decided this from its data; nothing says a new execution would decide otherwise.
    recoverable: false,
    message,
    step,
  };
}

/**
 * The error a non-ok receipt counts as when the awaiting step retries. A reserved code from the
 * adapter or governance (POLICY_DENIED, CAPABILITY_MISSING, ...) is kept with its classification;
 * any other adapter code becomes EFFECT_FAILED with the adapter's code in the message.
 */
export function receiptError(status: Exclude<ReceiptStatus, 'ok'>, error: ErrorInfo | null, step: string, intentId: string): ExecutionErrorInfo {
  if (status === 'timeout') {
    return executionError('STEP_TIMEOUT', `step "${step}": the adapter timed out on intent ${intentId}`, step);
  }
  const detail = error === null ? 'no error detail' : `${error.code}: ${error.message}`;
  const code: ReservedCode = error !== null && isReservedErrorCode(error.code) ? error.code : 'EFFECT_FAILED';
  return executionError(code, `step "${step}": intent ${intentId} failed (${detail})`, step);
}

/**
 * True for receipt errors a retry cannot change: reserved codes the registry marks not
 * recoverable (a policy denial, a missing capability, a rejected approval). Retrying them would
 * only be refused again, so an awaiting step with `on_failure: retry` halts at once.
 */
export function isNotRetryable(error: ExecutionErrorInfo): boolean {
  return isReservedErrorCode(error.error_code) && !RESERVED_ERROR_CODES[error.error_code].recoverable;
}
