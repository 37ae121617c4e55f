/** The shapes an execution history is read into, and the error for input that is not a history. */
import type { StateType } from '../../asl/types.ts';

/** How one state run (or the whole execution) ended, as the overlay colours it. */
export type RunStatus = 'succeeded' | 'failed' | 'caught' | 'running' | 'not-run' | 'aborted' | 'timed-out';

/** The execution's own status, as DescribeExecution would say it (lower-case, hyphenated). */
export type ExecutionStatus = 'running' | 'succeeded' | 'failed' | 'aborted' | 'timed-out';

/** Where a run sits: the Map or Parallel run it is inside, and which iteration or branch. */
export interface RunParent {
  runId: number;
  name: string;
  /** Map iteration index (0-based), when the parent is a Map. */
  iteration?: number;
  /** Parallel branch ordinal in start order (0-based), when the parent is a Parallel and it could be told. */
  branch?: number;
}

/** One Map iteration as the history reports it. */
export interface MapIteration {
  index: number;
  status: RunStatus;
  startMs?: number;
  endMs?: number;
  durationMs?: number;
}

/** One entry of a state (a state entered twice in a loop, or once per Map iteration, has several runs). */
export interface StateRun {
  /** 0-based, in the order the runs were entered. */
  runId: number;
  name: string;
  type: StateType;
  status: RunStatus;
  enteredEventId?: number;
  exitedEventId?: number;
  startMs?: number;
  endMs?: number;
  durationMs?: number;
  input?: unknown;
  output?: unknown;
  inputTruncated?: boolean;
  outputTruncated?: boolean;
  error?: string;
  cause?: string;
  /** Attempts beyond the first (Task/Lambda/Activity scheduled again after a failure). */
  retries: number;
  parent: RunParent | null;
  /** Map runs: iterations seen (inline Map) and the declared item count. */
  iterations?: MapIteration[];
  itemCount?: number;
  /** Distributed Map: the map run's ARN (its iterations are child executions, listed by ListMapRuns). */
  mapRunArn?: string;
  mapRunStatus?: RunStatus;
  /** Parallel runs: branches seen. */
  branches?: number;
  /** Runs entered after the execution's n-th redrive carry n (0 before any redrive). */
  redriveCount: number;
}

/** All runs of one state name, folded into what one node on the graph can show. */
export interface StateSummary {
  name: string;
  type: StateType;
  /** The run statuses folded: the worst of the latest attempt (see `foldStatus`). */
  status: RunStatus;
  runs: number;
  /** Total time spent in the state over its runs with known times (undefined when no run has both times). */
  durationMs?: number;
  retries: number;
  error?: string;
  cause?: string;
}

/** One redrive of the execution (ExecutionRedriven). */
export interface Redrive {
  redriveCount: number;
  eventId?: number;
  atMs?: number;
}

/** Everything the UI and the CLI show about one execution history. */
export interface ExecutionReport {
  status: ExecutionStatus;
  eventCount: number;
  startMs?: number;
  endMs?: number;
  durationMs?: number;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  redrives: Redrive[];
  runs: StateRun[];
  /** By state name. Built with `Object.fromEntries`, so any state name (even `__proto__`) is an own key. */
  states: Record<string, StateSummary>;
  /** Oddities that did not stop the analysis (unknown links, events for unknown states). */
  problems: string[];
}

/** Thrown when the input is not an execution history at all. */
export class HistoryError extends Error {
  override name = 'HistoryError';
}
