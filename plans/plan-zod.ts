/**
 * The zod schema of a plan document: the edge where JSON becomes a Plan. Objects are strict,
 * nothing gets a default (the parsed plan hashes like the reviewed file), and every refinement
 * carries the stable validation code in `params.code` so that zod-issues.ts can report it.
 * Expressions are checked structurally by expr/shape.ts; graph and ref rules come after parsing.
 */
import { z } from 'zod';
import { checkExprShape } from './expr/shape.js';
import { show } from './issues.js';
import type { ValidationCode } from './issues.js';
import type { Expr } from './schema.js';
import {
  ERROR_CODE_RE, HASH_HEX_RE, IDENT_RE, LIMITS, SEMVER_RE, TYPE_NAME_RE, UUID_V4_RE,
} from './schema.js';

function coded(code: ValidationCode, test: (s: string) => boolean, expected: string) {
  return z.string().refine(test, { params: { code }, error: (iss) => `expected ${expected}, found ${show(iss.input)}` });
}

function positiveInt(code: ValidationCode, what: string) {
  return z.number().refine((n) => Number.isSafeInteger(n) && n > 0, { params: { code }, error: (iss) => `expected ${what}, found ${show(iss.input)}` });
}

const uuid = coded('INVALID_UUID', (s) => UUID_V4_RE.test(s), 'a lowercase UUID v4');
const ident = coded('INVALID_NAME', (s) => IDENT_RE.test(s), 'an identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64 chars)');
const typeName = coded('INVALID_TYPE_NAME', (s) => TYPE_NAME_RE.test(s), 'a type name like "order.created"');
const semver = coded('INVALID_VERSION', (s) => SEMVER_RE.test(s), 'a version MAJOR.MINOR.PATCH');
const hashHex = coded('INVALID_HASH', (s) => HASH_HEX_RE.test(s), '64 lowercase hex chars');
const errorCode = coded('INVALID_ERROR_CODE', (s) => ERROR_CODE_RE.test(s), 'an error code in SCREAMING_SNAKE_CASE');
const text = z.string().min(1).max(LIMITS.maxStringLength);
const timestamp = positiveInt('INVALID_TIMESTAMP', 'positive integer unix milliseconds');
const duration = positiveInt('INVALID_DURATION', 'a positive integer of milliseconds');

/** A map whose keys must be identifiers; bad keys are reported at their own pointer. */
function identRecord<T extends z.ZodType>(value: T, min = 0) {
  return z.record(z.string(), value).superRefine((rec, ctx) => {
    const keys = Object.keys(rec);
    for (const key of keys) {
      if (!IDENT_RE.test(key)) ctx.addIssue({ code: 'custom', path: [key], params: { code: 'INVALID_NAME' }, message: `expected an identifier key, found ${show(key)}` });
    }
    if (keys.length < min) ctx.addIssue({ code: 'custom', params: { code: 'VALUE_OUT_OF_RANGE' }, message: `expected at least ${min} entr${min === 1 ? 'y' : 'ies'}, found ${keys.length}` });
  });
}

export const exprSchema = z.custom<Expr>().superRefine((value, ctx) => {
  for (const found of checkExprShape(value, [])) {
    const path = found.pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    ctx.addIssue({ code: 'custom', path, params: { code: found.code }, message: found.message });
  }
});

const nonNegInt = (what: string) => z.number().refine((n) => Number.isSafeInteger(n) && n >= 0, { params: { code: 'RETRY_POLICY_INVALID' }, error: (iss) => `expected ${what}, found ${show(iss.input)}` });

export const retryPolicySchema = z.strictObject({
  max_attempts: z.number().refine((n) => Number.isSafeInteger(n) && n >= 1 && n <= 100, { params: { code: 'RETRY_POLICY_INVALID' }, error: (iss) => `expected max_attempts an integer in 1..100, found ${show(iss.input)}` }),
  backoff_ms: nonNegInt('backoff_ms a non-negative integer'),
  multiplier: z.number().refine((n) => Number.isFinite(n) && n >= 1 && n <= 100, { params: { code: 'RETRY_POLICY_INVALID' }, error: (iss) => `expected multiplier in 1..100, found ${show(iss.input)}` }),
  max_delay_ms: nonNegInt('max_delay_ms a non-negative integer'),
}).superRefine((p, ctx) => {
  if (p.max_delay_ms < p.backoff_ms) {
    ctx.addIssue({ code: 'custom', path: ['max_delay_ms'], params: { code: 'RETRY_POLICY_INVALID' }, message: `expected max_delay_ms >= backoff_ms (${p.backoff_ms}), found ${p.max_delay_ms}` });
  }
});

const stepBase = {
  id: uuid,
  name: ident,
  description: text.optional(),
  depends_on: z.array(ident).max(LIMITS.maxSteps).optional(),
  join: z.enum(['all', 'any']).optional(),
  when: exprSchema.optional(),
  on_failure: z.enum(['halt', 'skip', 'retry']).optional(),
  retry: retryPolicySchema.optional(),
  timeout_ms: duration.optional(),
};

const planRefSchema = z.strictObject({ hash: hashHex.optional(), id: uuid.optional(), version: semver.optional() })
  .superRefine((ref, ctx) => {
    const byHash = ref.hash !== undefined;
    const byId = ref.id !== undefined || ref.version !== undefined;
    if (byHash === byId || (byId && (ref.id === undefined || ref.version === undefined))) {
      ctx.addIssue({ code: 'custom', params: { code: 'WRONG_TYPE' }, message: `expected {"hash"} or {"id","version"}, found keys ${show(Object.keys(ref))}` });
    }
  });

export const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...stepBase, kind: z.literal('emit_effect'), effect: typeName, params: z.record(text, exprSchema), idempotency_key: exprSchema.optional(), bind: ident.optional(), read_only: z.boolean().optional() }),
  z.strictObject({ ...stepBase, kind: z.literal('await_receipt'), for: ident, bind: ident.optional() }),
  z.strictObject({ ...stepBase, kind: z.literal('await_event'), event: typeName, where: exprSchema.optional(), bind: ident.optional(), buffer: z.boolean().optional() }),
  z.strictObject({ ...stepBase, kind: z.literal('raise_event'), event: typeName, data: exprSchema }),
  z.strictObject({ ...stepBase, kind: z.literal('assign'), set: identRecord(exprSchema, 1) }),
  z.strictObject({ ...stepBase, kind: z.literal('end'), status: z.enum(['success', 'partial', 'failure']), result: exprSchema.optional(), error_code: errorCode.optional(), error_message: exprSchema.optional() }),
  z.strictObject({ ...stepBase, kind: z.literal('execute_plan'), plan: planRefSchema, input: exprSchema, bind: ident.optional() }),
]);

const inputFieldSchema = z.strictObject({
  type: z.enum(['string', 'number', 'integer', 'boolean', 'array', 'object', 'any']),
  required: z.boolean().optional(),
  description: text.optional(),
});

const triggerSchema = z.strictObject({
  event: typeName,
  correlate_by: coded('EXPR_BAD_PATH', (s) => /^[A-Za-z0-9_-]{1,128}(\.[A-Za-z0-9_-]{1,128})*$/.test(s), 'a dotted path into the event data like "order_id"').optional(),
});

export const planSchema = z.strictObject({
  id: uuid,
  name: text,
  version: semver,
  description: text.optional(),
  created_at: timestamp,
  timeout_ms: duration,
  context_requirements: z.array(ident).min(1).max(256),
  input: z.strictObject({ fields: identRecord(inputFieldSchema) }).optional(),
  triggers: z.array(triggerSchema).max(LIMITS.maxTriggers).optional(),
  steps: z.array(stepSchema).min(LIMITS.minSteps).max(LIMITS.maxSteps),
});

