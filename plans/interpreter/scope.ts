/**
 * What expressions see. The scope is rebuilt from the run state for every evaluation: steps that
 * have not completed (pending, waiting or dead) are absent and read as null, as the schema says.
 * Evaluation failures come back as step errors, never as exceptions.
 */
import { evaluate } from '../expr/evaluate.js';
import type { EventValue, Expr, JsonValue, Scope } from '../schema.js';
import { executionError, fromEvalError } from './errors.js';
import type { Session } from './session.js';
import type { ExecutionErrorInfo } from './types.js';

export type Evaluated<T = JsonValue> = { ok: true; value: T } | { ok: false; error: ExecutionErrorInfo };

export function scopeOf(s: Session, event?: EventValue): Scope {
  const { state } = s;
  const steps: { [name: string]: JsonValue } = {};
  for (const [name, record] of Object.entries(state.steps)) {
    if (record.status === 'completed') steps[name] = record.output;
  }
  const scope: Scope = {
    input: state.input,
    vars: state.vars,
    steps,
    correlation: state.correlation,
    run: {
      execution_id: state.execution_id,
      started_at: state.started_at,
      deadline_ms: state.context_deadline_ms,
      plan_hash: state.plan_hash,
      plan_id: state.plan_id,
      plan_version: state.plan_version,
    },
  };
  if (event !== undefined) scope.event = event;
  return scope;
}

/** Evaluates `expr` for `step`; `what` names the field in the error message. */
export function evalFor(s: Session, step: string, what: string, expr: Expr, event?: EventValue): Evaluated {
  const result = evaluate(expr, scopeOf(s, event));
  return result.ok ? { ok: true, value: result.value } : { ok: false, error: fromEvalError(result.error, step, what) };
}

/** A guard or predicate: anything but a boolean is an expression failure, not a false. */
export function evalBoolean(s: Session, step: string, what: string, expr: Expr, event?: EventValue): Evaluated<boolean> {
  const result = evalFor(s, step, what, expr, event);
  if (!result.ok) return result;
  if (typeof result.value !== 'boolean') {
    return { ok: false, error: typeMismatch(step, what, 'a boolean', result.value) };
  }
  return { ok: true, value: result.value };
}

export function typeMismatch(step: string, what: string, expected: string, found: JsonValue): ExecutionErrorInfo {
  const kind = found === null ? 'null' : Array.isArray(found) ? 'a list' : typeof found === 'object' ? 'a record' : `a ${typeof found}`;
  return executionError('EXPRESSION_FAILED', `step "${step}": ${what}: expected ${expected}, found ${kind}`, step);
}
