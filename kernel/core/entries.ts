/**
 * Every journal entry kind, in one place: a union discriminated on `kind`, each payload's zod
 * schema beside it, and which kinds are inputs. Inputs are stamped at ingress and appended first;
 * derived entries follow the input that caused them, in the same transaction, and replay must
 * re-derive them byte for byte. Later features add kinds here, through the same table.
 */
import { z } from 'zod';
import { HASH_HEX_RE, UUID_V4_RE } from '../../plans/schema.js';

const hashHex = z.string().regex(HASH_HEX_RE, 'a lowercase hex SHA-256');
const id = z.string().min(1).max(256);
const data = z.unknown();

export const errorInfoSchema = z.strictObject({
  code: z.string().min(1),
  message: z.string(),
});

export const definitionRefSchema = z.strictObject({ name: id, version: z.string(), hash: hashHex });

/** Who caused a derived fact: a reducer instance, or (with plans) a run's step. */
export const originSchema = z.strictObject({
  cause: z.number().int().positive(),
  reducer: id.optional(),
  key: z.string().max(1024).optional(),
  run: id.optional(),
  step: id.optional(),
});

export const receiptStatusSchema = z.enum(['ok', 'error', 'timeout']);

const uuidV4 = z.string().regex(UUID_V4_RE, 'a lowercase UUID v4');
const record = z.record(z.string(), z.unknown());

/** Plan execution contract, section 2 (snake_case as the contract spells it). */
export const executionContextSchema = z.strictObject({
  execution_id: uuidV4,
  started_at: z.number().int().positive(),
  deadline_ms: z.number().int().positive(),
  environment: record,
});

/** Plan execution contract, section 4. */
export const executionErrorSchema = z.strictObject({
  error_code: z.string().min(1),
  severity: z.enum(['warn', 'error', 'fatal']),
  recoverable: z.boolean(),
  message: z.string(),
  step: z.string().nullable(),
});

/** Plan execution contract, section 3: `error` exactly when status is not success. */
export const planResultSchema = z.strictObject({
  execution_id: uuidV4,
  plan_id: z.string(),
  plan_hash: hashHex,
  status: z.enum(['success', 'partial', 'failure']),
  started_at: z.number().int().nonnegative(),
  completed_at: z.number().int().nonnegative(),
  duration_ms: z.number().int().nonnegative(),
  steps_executed: z.number().int().nonnegative(),
  steps_total: z.number().int().nonnegative(),
  outputs: data,
  error: executionErrorSchema.optional(),
}).refine((r) => (r.status === 'success') === (r.error === undefined), { message: 'error is present exactly when status is not success' });

export const PAYLOAD_SCHEMAS = {
  // ---- inputs ----
  'world.genesis': z.strictObject({
    worldId: id,
    kernelVersion: z.string(),
    definition: definitionRefSchema,
    flags: z.array(z.number().int().nonnegative()),
  }),
  'world.upgraded': z.strictObject({
    from: definitionRefSchema,
    to: definitionRefSchema,
    actor: id,
    reason: z.string().optional(),
  }),
  'world.parked': z.strictObject({
    reason: z.string(),
    divergenceSeq: z.number().int().positive().optional(),
    actor: id,
  }),
  ingress: z.strictObject({
    type: id,
    data,
    dedupeKey: z.string().min(1).max(512).optional(),
    source: id.optional(),
  }),
  'effect.receipt': z.strictObject({
    intentId: hashHex,
    status: receiptStatusSchema,
    result: data.optional(),
    error: errorInfoSchema.optional(),
    adapter: id.optional(),
  }),
  'timer.fired': z.strictObject({ timerId: hashHex }),
  control: z.strictObject({
    command: z.enum(['pause', 'resume', 'cancel']),
    actor: id,
    reason: z.string().optional(),
    /** With `cancel`: cancel only this plan run, not the world. */
    executionId: uuidV4.optional(),
  }),
  'plan.installed': z.strictObject({
    planHash: hashHex,
    plan: data,
    actor: id,
    /** Execution environment for runs its triggers start (opaque to the kernel). */
    environment: record.optional(),
  }),
  'run.requested': z.strictObject({
    planHash: hashHex,
    executionId: uuidV4,
    input: record,
    environment: record,
    deadlineMs: z.number().int().positive().optional(),
    actor: id,
  }),
  'snapshot.marker': z.strictObject({ height: z.number().int().nonnegative(), stateHash: hashHex }),

  // ---- derived ----
  'domain.event': z.strictObject({ type: id, data, origin: originSchema }),
  'effect.intent': z.strictObject({
    intentId: hashHex,
    kind: id,
    params: data,
    idempotencyKey: z.string().min(1).max(512).optional(),
    timeoutMs: z.number().int().positive().optional(),
    replyAs: id.optional(),
    origin: originSchema,
  }),
  'timer.set': z.strictObject({
    timerId: hashHex,
    dueAt: z.number().int().nonnegative(),
    tag: z.string().optional(),
    origin: originSchema,
  }),
  'input.discarded': z.strictObject({
    inputSeq: z.number().int().positive(),
    reason: z.enum(['duplicate', 'late', 'unknown', 'paused', 'cancelled', 'invalid']),
    message: z.string().optional(),
    intentId: hashHex.optional(),
    dedupeKey: z.string().optional(),
    firstSeq: z.number().int().positive().optional(),
  }),
  'run.started': z.strictObject({
    executionId: uuidV4,
    planHash: hashHex,
    planId: id,
    planVersion: z.string(),
    context: executionContextSchema,
    input: record,
    correlation: data,
    trigger: z.strictObject({ seq: z.number().int().positive(), event: id }).optional(),
    parent: z.strictObject({ executionId: uuidV4, step: id, attempt: z.number().int().positive() }).optional(),
  }),
  'step.transition': z.strictObject({
    executionId: uuidV4,
    step: id,
    stepId: z.string(),
    transition: z.enum(['started', 'completed', 'failed', 'skipped', 'retry_scheduled', 'lost', 'abandoned']),
    attempt: z.number().int().nonnegative(),
    inputHash: hashHex.optional(),
    outputHash: hashHex.optional(),
    receiptHash: hashHex.optional(),
    error: executionErrorSchema.optional(),
    cause: z.string().optional(),
    dueAt: z.number().int().nonnegative().optional(),
  }),
  'run.ended': z.strictObject({ executionId: uuidV4, result: planResultSchema }),
  'reducer.failed': z.strictObject({
    reducer: id,
    key: z.string(),
    eventType: id,
    error: errorInfoSchema,
    origin: originSchema,
  }),
} as const;

export type EntryKind = keyof typeof PAYLOAD_SCHEMAS;
export type PayloadOf<K extends EntryKind> = z.infer<(typeof PAYLOAD_SCHEMAS)[K]>;
export type Origin = z.infer<typeof originSchema>;
export type DefinitionRef = z.infer<typeof definitionRefSchema>;
export type ReceiptStatus = z.infer<typeof receiptStatusSchema>;
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

export const ENTRY_KINDS = Object.keys(PAYLOAD_SCHEMAS).sort() as EntryKind[];

/** Inputs come from outside the fold; every other kind is re-derived by replay. */
export const INPUT_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>([
  'world.genesis', 'world.upgraded', 'world.parked', 'ingress', 'effect.receipt', 'timer.fired', 'control', 'snapshot.marker',
  'plan.installed', 'run.requested',
]);

export function isEntryKind(kind: string): kind is EntryKind {
  return Object.hasOwn(PAYLOAD_SCHEMAS, kind);
}

export function isInputKind(kind: EntryKind): boolean {
  return INPUT_KINDS.has(kind);
}

/** The stamp recorded with every entry: logical time, and entropy for inputs that need it. */
export interface Stamp {
  /** Logical time in unix milliseconds; never decreases along the journal. */
  readonly at: number;
  /** 32 hex chars of entropy drawn at ingress; derived entries carry none. */
  readonly entropy?: string;
}

/** A decoded journal entry. */
export type Entry<K extends EntryKind = EntryKind> = K extends EntryKind
  ? {
      readonly seq: number;
      readonly kind: K;
      readonly stamp: Stamp;
      readonly payload: PayloadOf<K>;
      readonly prevHash: string;
      readonly hash: string;
    }
  : never;

/** An entry before it is chained: what the fold derives and the writer seals. */
export type Draft<K extends EntryKind = EntryKind> = K extends EntryKind
  ? { readonly kind: K; readonly stamp: Stamp; readonly payload: PayloadOf<K> }
  : never;

/** What the store holds: the sealed bytes of one entry. */
export interface SealedEntry {
  readonly seq: number;
  readonly kind: string;
  /** canonical MessagePack of [at, entropy | null, payload] */
  readonly body: Uint8Array;
  readonly prevHash: Uint8Array;
  readonly hash: Uint8Array;
}
