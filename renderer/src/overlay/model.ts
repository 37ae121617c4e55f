/**
 * What the graph shows on top of a state machine: the per-state status of one execution, read either from an
 * execution history (GetExecutionHistory) or from a Step Functions X-Ray trace. Both end up as one `NodeStatus`
 * per state name, so the node components only know one shape.
 */
import { createContext } from 'react';
import { analyzeHistory, HistoryError, type ExecutionReport, type RunStatus } from '../../../shared/sfn/history.ts';
import {
  stateRunsFromTrace,
  STATE_MACHINE_ORIGIN,
  type StateRun as XrayStateRun,
} from '../../../shared/xray/step-functions.ts';
import type { Trace } from '../../../shared/xray/types.ts';

/** What one node shows. */
export interface NodeStatus {
  status: RunStatus;
  durationMs?: number;
  runs: number;
  retries: number;
  error?: string;
}

/** An overlay attached to one ASL tab. */
export type Overlay =
  | {
      source: 'history';
      label: string;
      report: ExecutionReport;
      /** The history as JSON text, for "Save as file". */
      text: string;
      states: Record<string, NodeStatus>;
    }
  | {
      source: 'xray';
      label: string;
      trace: Trace;
      runs: Map<string, XrayStateRun>;
      states: Record<string, NodeStatus>;
    };

/** The statuses the legend explains, in the order it lists them. */
export const STATUS_ORDER: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'caught',
  'running',
  'not-run',
  'aborted',
  'timed-out',
];

/** Node components read the overlay from here (null: no overlay, nodes look as usual). */
export const StatusOverlayContext = createContext<Record<string, NodeStatus> | null>(null);

/** Node components read which states carry one of the user's own notes from here. */
export const AnnotatedContext = createContext<ReadonlySet<string>>(new Set());

/** The status of a state under an overlay: states the execution never entered are `not-run`. */
export function statusOf(states: Record<string, NodeStatus>, name: string): NodeStatus {
  return Object.prototype.hasOwnProperty.call(states, name)
    ? states[name]!
    : { status: 'not-run', runs: 0, retries: 0 };
}

/** Short human duration for a node badge. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * Reads `text` as an execution history. Returns null when it is not one (so the file opens some other way);
 * throws `HistoryError` when it looks like one but cannot be analysed.
 */
export function readHistory(text: string): ExecutionReport | null {
  const head = text.slice(0, 4096);
  if (!/"events"\s*:/.test(head) && !/^\s*\[\s*\{\s*"(timestamp|type|id)"/.test(head)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  // Only a top-level `events` list (or a bare list of events / pages) is taken as a history; an ASL document
  // with an "events" field somewhere inside stays ASL.
  const obj =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  if (obj && ('StartAt' in obj || 'States' in obj || 'Resources' in obj)) return null;
  if (!(obj && (Array.isArray(obj.events) || Array.isArray(obj.pages))) && !Array.isArray(value)) return null;
  try {
    return analyzeHistory(value);
  } catch (err) {
    if (err instanceof HistoryError && Array.isArray(value)) return null;
    throw err;
  }
}

/** An overlay from an analysed history. */
export function historyOverlay(report: ExecutionReport, text: string, label: string): Overlay {
  const states: Record<string, NodeStatus> = {};
  for (const [name, s] of Object.entries(report.states)) {
    const o: NodeStatus = { status: s.status, runs: s.runs, retries: s.retries };
    if (s.durationMs !== undefined) o.durationMs = s.durationMs;
    if (s.error !== undefined) o.error = s.error;
    states[name] = o;
  }
  return { source: 'history', label, report, text, states };
}

/** X-Ray's span status in the overlay's words: a state whose last attempt failed failed; in progress is running. */
function xrayStatus(run: XrayStateRun): RunStatus {
  switch (run.status) {
    case 'ok':
      return 'succeeded';
    case 'pending':
      return 'running';
    default:
      return 'failed';
  }
}

/** An overlay from a trace's state machine segment; `stateNames` come from the drawn machine when known. */
export function xrayOverlay(trace: Trace, label: string, stateNames?: ReadonlySet<string>): Overlay {
  const runs = stateRunsFromTrace(trace, stateNames);
  const states: Record<string, NodeStatus> = {};
  for (const [name, run] of runs) {
    const o: NodeStatus = {
      status: xrayStatus(run),
      runs: run.runs,
      retries: run.failedRuns,
      durationMs: run.durationMs,
    };
    if (run.message) o.error = run.message;
    states[name] = o;
  }
  return { source: 'xray', label, trace, runs, states };
}

/** The state machine execution segments of a trace (name = the state machine's name). */
export function stateMachineSegments(trace: Trace): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  trace.spans.forEach((s, index) => {
    if (s.kind === 'segment' && s.origin === STATE_MACHINE_ORIGIN) out.push({ name: s.name, index });
  });
  return out;
}
