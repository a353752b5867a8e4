/** worldline's public API for embedders: open a world, feed it inputs, replay and verify journals. */
export { WorldlineError, DeterminismViolation, isWorldlineError, type Severity, type ErrorDetails } from './errors.js';
export { KERNEL_VERSION } from './version.js';

export { canonicalize, encodeCanonical, decodeCanonical, type Canonical } from './core/canonical.js';
export { contentHash, sha256Hex } from './core/hash.js';
export {
  ENTRY_KINDS, INPUT_KINDS, PAYLOAD_SCHEMAS, isEntryKind,
  type Entry, type EntryKind, type PayloadOf, type SealedEntry, type Stamp, type Draft, type Origin, type DefinitionRef,
} from './core/entries.js';
export { decodeEntry, encodeBody, hashPreimage, GENESIS_PREV_HASH } from './core/entry-codec.js';
export {
  defineReducer, defineWorld, definitionHash, definitionRef,
  type Reducer, type ReducerContext, type ReducerEvent, type ReducerResult, type EffectRequest, type RaisedEvent,
  type ReceiptEventData, type WorldDefinition,
} from './core/world-definition.js';
export { stateHashOf, type Divergence, type DivergenceReason } from './core/replayer.js';
export { compileWorld, type CompiledWorld } from './core/compiled-world.js';
export { instancesHash, type WorldState, type WorldStatus, type PendingIntent, type PendingTimer } from './core/world-state.js';

export { seal, entryHash, checkLink, EMPTY_HEAD, type ChainHead } from './journal/chain.js';
export { verifyJournal, type VerifyReport } from './journal/verify.js';

export { openSqliteStore, openMemoryStore, type SqliteStoreOptions } from './store/index.js';
export type { JournalStore, WriterLease, StoredSnapshot } from './store/port.js';

export { World, type WorldOptions, type Committed } from './world/world.js';
export { replayJournal, type ReplayReport } from './world/replay.js';
export { restoreState, type Restored } from './world/restore.js';
export { describeWorld, type WorldStatusReport } from './world/status.js';
export { SystemClock, ManualClock, type Clock } from './world/clock.js';
export { systemEntropy, counterEntropy, type EntropySource } from './world/entropy.js';
export { adapterFrom, type EffectAdapter, type AdapterMap, type AdapterOutcome, type DispatchedIntent } from './world/adapters.js';
export { httpAdapter, isUrlAllowed, type HttpAdapterOptions } from './world/http-adapter.js';

export { runStatusSnapshot, runStatusSnapshots, type RunStatusSnapshot, type RunStatus, type StepState } from './world/run-status.js';
export type { OutcomeEvent, OutcomeListener, OutcomeType } from './world/outcomes.js';
export { checkRunStart, type RunRequestOptions } from './world/plan-requests.js';
export type { PlanResult, ExecutionContext, ExecutionErrorInfo } from '../plans/interpreter/types.js';
