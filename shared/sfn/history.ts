/**
 * Step Functions execution history → what happened to each state.
 *
 * GetExecutionHistory returns a flat list of events; a reader wants "which states ran, how did each end, how long
 * did it take, which Map iteration / Parallel branch was it in". Events point at their cause through
 * `previousEventId`, and concurrent branches and iterations interleave, so the links (not the order) decide which
 * state instance an event belongs to. When the links are missing or normalised away (snapshot files), the builder
 * falls back to the order of events and the innermost open state. It never throws on odd events: it records a
 * problem and goes on; only input that is not a history at all is rejected with `HistoryError`.
 *
 * Pure: no I/O, no Node or DOM APIs.
 */
export type {
  ExecutionReport,
  ExecutionStatus,
  MapIteration,
  Redrive,
  RunParent,
  RunStatus,
  StateRun,
  StateSummary,
} from './history/types.ts';
export { HistoryError } from './history/types.ts';
export { collectEvents, findHistories, timestampMs } from './history/events.ts';
export { foldStatus } from './history/summary.ts';
export { analyzeHistory } from './history/analyze.ts';
export type { ExecutionOverlayBlock, GraphLike, StateOverlay } from './history/overlay.ts';
export { applyExecution, executionOverlay, unknownStates } from './history/overlay.ts';
