/**
 * plans/interpreter: the pure, deterministic plan interpreter. The kernel calls `startRun` once
 * and `stepRun` for every input routed to the run (receipts of its intents, its timers, events of
 * `runEventTypes(plan)`, cancel, child results), journals the returned outputs in order and keeps
 * the returned state. Same plan, state and input give the same outputs and state on any machine:
 * time comes only from each input's `at`, ids only from the execution id. The semantics and the
 * decisions the schema leaves open are written down in README.md beside this file.
 */
export { startRun } from './start-run.js';
export { stepRun } from './step-run.js';
export { validateContext } from './context.js';
export { runEventTypes } from './events.js';
export { childExecutionId } from './children.js';
export { RUN_DEADLINE_KEY } from './timer-keys.js';
export type {
  CancelChildOutput, CancelInput, ChildEndedInput, EmitOutput, EndOutput, EventInput, ExecutionContext,
  ExecutionErrorInfo, ParentRef, PlanResult, RaiseOutput, ReceiptInput, RunInput, RunOutput, RunStart,
  StartChildOutput, StepOutput, StepTransition, TimerInput, TimerOutput, Transition,
} from './types.js';
export type { BufferedEvent, EmitRecord, ReceiptRecord, RunState, StepRecord, StepStatus, WaitFor } from './run-state.js';
