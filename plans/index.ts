/**
 * plans/: the plan language, pure. A plan is a JSON document (schema.ts) validated with zod and
 * semantic rules (validatePlan), advised by lints (lintPlan), hashed canonically (planHash),
 * rendered (toMermaid, toDot) and authored by hand or with the typed builder. Expressions are a
 * total JSON AST evaluated by `evaluate`. Nothing here reads the clock, randomness or IO.
 */
export type {
  AssignOutput, AssignStep, AwaitEventOutput, AwaitEventStep, AwaitReceiptStep, CallExpr, CallOp, EmitEffectOutput,
  EmitEffectStep, EndStatus, EndStep, ErrorInfo, EventValue, ExecutePlanOutput, ExecutePlanStep, Expr, InputField,
  InputFieldType, InputSchema, Join, JsonRecord, JsonValue, ListExpr, LitExpr, OnFailure, Plan, PlanRef, RaiseEventOutput,
  RaiseEventStep, ReceiptOutput, ReceiptStatus, RecordExpr, RefExpr, RetryPolicy, RunField, RunInfo, ScalarLiteral, Scope,
  Step, StepBase, StepKind, StepOf, Trigger,
} from './schema.js';
export {
  APPROVAL_EFFECT, CALL_OPS, ERROR_CODE_RE, HASH_HEX_RE, IDENT_RE, LIMITS, RUN_FIELDS, SEMVER_RE, STEP_KINDS, TIMER_EFFECT,
  TYPE_NAME_RE, UUID_V4_RE, WAIT_KINDS,
} from './schema.js';
export { bindOf, DEFAULT_JOIN, DEFAULT_ON_FAILURE, dependsOn, joinOf, onFailureOf, retryDelay, varsWrittenBy } from './defaults.js';
export { isReservedErrorCode, RESERVED_ERROR_CODES, reservedError } from './error-codes.js';
export type { ReservedCode, ReservedErrorCode } from './error-codes.js';
export { VALIDATION_CODES } from './issues.js';
export type { Issue, ValidationCode } from './issues.js';
export { evaluate } from './expr/evaluate.js';
export type { EvalResult } from './expr/evaluate.js';
export { formatExpr, formatExprShort } from './expr/format.js';
export { OPS, typeOfValue } from './expr/ops.js';
export type { OpSpec, StaticType, ValueType } from './expr/ops.js';
export { parseRefPath, REF_ROOTS, refsOf } from './expr/refs.js';
export type { RefPath, RefRoot, RefSite } from './expr/refs.js';
export { isJsonValue, jsonEqual } from './expr/values.js';
export { exprSites } from './expr-sites.js';
export type { ExprSite } from './expr-sites.js';
export { ancestors, buildDag, descendants } from './dag.js';
export type { Dag } from './dag.js';
export { EVENT_FIELD_TYPES, outputFieldsOf, RUN_FIELD_TYPES, STATUS_VALUES, STEP_OUTPUT_FIELDS } from './step-outputs.js';
export { planSchema, stepSchema, exprSchema, retryPolicySchema } from './plan-zod.js';
export { parsePlan, planInvalid, validatePlan } from './validate/validate-plan.js';
export type { ValidationResult } from './validate/validate-plan.js';
export { validateInput } from './input.js';
export type { InputIssue } from './input.js';
export { lintPlan } from './lint/lint-plan.js';
export { LINT_CODES } from './lint/findings.js';
export type { Finding, LintCode, LintSeverity } from './lint/findings.js';
export { planHash } from './hash.js';
export { stepLabel, toDot, toMermaid } from './graph.js';
export { e } from './builder-expr.js';
export type { RefPathString } from './builder-expr.js';
export { PlanBuilder, planBuilder } from './builder.js';
export type { PlanHeader } from './builder.js';
export { derivedIds, uuidFromBytes } from './ids.js';
export type { IdSource } from './ids.js';
