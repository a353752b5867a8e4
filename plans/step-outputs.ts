/**
 * What `steps.<name>.<field>` can read for each step kind, with static types: the statically
 * checkable face of the output interfaces in schema.ts (EmitEffectOutput, ReceiptOutput, ...).
 * The interpreter must store exactly these fields; a test pins the two together.
 */
import type { StaticType } from './expr/ops.js';
import type { RunField, Step, StepKind } from './schema.js';

type Fields = Readonly<Record<string, StaticType>>;

/** Output fields per kind; `assign` outputs its variables (see outputFieldsOf), `end` has none. */
export const STEP_OUTPUT_FIELDS: { readonly [K in StepKind]: Fields } = {
  emit_effect: { intent_id: 'string', effect: 'string', params: 'record', idempotency_key: 'any' },
  await_receipt: { status: 'string', intent_id: 'string', result: 'any', error: 'any' },
  await_event: { status: 'string', event: 'any' },
  raise_event: { type: 'string', data: 'any' },
  assign: {},
  end: {},
  execute_plan: { status: 'string', execution_id: 'string', plan_hash: 'string', result: 'any', error: 'any' },
};

/** The literal values a `status` field can take, for lints that compare against them. */
export const STATUS_VALUES: Partial<Record<StepKind, readonly string[]>> = {
  await_receipt: ['ok', 'error', 'timeout'],
  await_event: ['ok', 'timeout'],
  execute_plan: ['success', 'partial', 'failure'],
};

export function outputFieldsOf(step: Step): Fields {
  if (step.kind === 'assign') return Object.fromEntries(Object.keys(step.set).map((k) => [k, 'any' as const]));
  return STEP_OUTPUT_FIELDS[step.kind];
}

export const RUN_FIELD_TYPES: Readonly<Record<RunField, StaticType>> = {
  execution_id: 'string', started_at: 'number', deadline_ms: 'number', plan_hash: 'string', plan_id: 'string', plan_version: 'string',
};

export const EVENT_FIELD_TYPES: Fields = { type: 'string', data: 'any' };
