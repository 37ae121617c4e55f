/** Putting an analysed execution on a drawn machine (the overlay) and on the `graph --json` report. */
import type { StateGraph } from '../../asl/types.ts';
import { analyzeHistory } from './analyze.ts';
import { isObject } from './events.ts';
import { HistoryError } from './types.ts';
import type { ExecutionReport, ExecutionStatus, Redrive, RunStatus } from './types.ts';

/** What one graph node shows from an execution. */
export interface StateOverlay {
  status: RunStatus;
  /** Total time in the state (undefined when the history has no real timestamps). */
  durationMs?: number;
  runs: number;
  retries: number;
  error?: string;
}

/** A `StateGraph`, or a machine of the `graph --json` report: anything with named states. */
export type GraphLike = StateGraph | { name?: string; states: readonly { name: string }[] };

/**
 * Puts an execution on a drawn machine: one entry per state of the graph (states the history never entered are
 * `not-run`), keyed by state name like the graph's node ids.
 */
export function applyExecution(graph: GraphLike, report: ExecutionReport): Record<string, StateOverlay> {
  const entries: [string, StateOverlay][] = [];
  for (const state of graph.states) {
    const s = Object.prototype.hasOwnProperty.call(report.states, state.name) ? report.states[state.name] : undefined;
    if (!s) {
      entries.push([state.name, { status: 'not-run', runs: 0, retries: 0 }]);
      continue;
    }
    const o: StateOverlay = { status: s.status, runs: s.runs, retries: s.retries };
    if (s.durationMs !== undefined) o.durationMs = s.durationMs;
    if (s.error !== undefined) o.error = s.error;
    entries.push([state.name, o]);
  }
  return Object.fromEntries(entries);
}

/** Names of states the history mentions that the graph does not have (a history of another version). */
export function unknownStates(graph: GraphLike, report: ExecutionReport): string[] {
  const names = new Set(graph.states.map((s) => s.name));
  return Object.keys(report.states).filter((n) => !names.has(n));
}

/** The `execution` block added to a graph report by `executionOverlay`. */
export interface ExecutionOverlayBlock {
  status: ExecutionStatus;
  startMs?: number;
  endMs?: number;
  durationMs?: number;
  error?: string;
  cause?: string;
  redrives: Redrive[];
  eventCount: number;
  /** One overlay per machine found in the report, in the report's order. */
  machines: { name: string; states: Record<string, StateOverlay>; unknownStates: string[] }[];
  problems: string[];
}

function isGraph(v: unknown): v is GraphLike & { name: string } {
  return (
    isObject(v) &&
    Array.isArray(v.states) &&
    typeof v.name === 'string' &&
    v.states.every((s) => isObject(s) && typeof s.name === 'string')
  );
}

function graphsIn(report: unknown): (GraphLike & { name: string })[] {
  if (isGraph(report)) return [report];
  if (!isObject(report)) return [];
  if (isGraph(report.graph)) return [report.graph];
  const out: (GraphLike & { name: string })[] = [];
  for (const key of ['stateMachines', 'machines', 'graphs']) {
    const list = report[key];
    if (!Array.isArray(list)) continue;
    for (const m of list) {
      if (isGraph(m)) out.push(m);
      else if (isObject(m) && isGraph(m.graph)) out.push(m.graph);
    }
  }
  return out;
}

/**
 * For `statescope graph DEF --execution HISTORY.json --json`: takes the graph command's report (its
 * `stateMachines`, or a StateGraph, or an object with `graph`, `machines` or `graphs`) and the history (JSON text
 * or parsed), and
 * returns the report with an `execution` block added. Throws `HistoryError` with a line and column when the
 * history text is not JSON, or when it is not a history.
 */
export function executionOverlay<T extends object>(
  report: T,
  historyJson: unknown,
): T & { execution: ExecutionOverlayBlock } {
  let parsed: unknown = historyJson;
  if (typeof historyJson === 'string') {
    try {
      parsed = JSON.parse(historyJson);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const m = /position (\d+)/.exec(msg);
      if (m) {
        const offset = Number(m[1]);
        const before = historyJson.slice(0, offset);
        const line = before.split('\n').length;
        const column = offset - before.lastIndexOf('\n');
        throw new HistoryError(`History is not valid JSON at line ${line}, column ${column}: ${msg}`);
      }
      throw new HistoryError(`History is not valid JSON: ${msg}`);
    }
  }
  const exec = analyzeHistory(parsed);
  const block: ExecutionOverlayBlock = {
    status: exec.status,
    redrives: exec.redrives,
    eventCount: exec.eventCount,
    machines: graphsIn(report).map((g) => ({
      name: g.name,
      states: applyExecution(g, exec),
      unknownStates: unknownStates(g, exec),
    })),
    problems: exec.problems,
  };
  if (exec.startMs !== undefined) block.startMs = exec.startMs;
  if (exec.endMs !== undefined) block.endMs = exec.endMs;
  if (exec.durationMs !== undefined) block.durationMs = exec.durationMs;
  if (exec.error !== undefined) block.error = exec.error;
  if (exec.cause !== undefined) block.cause = exec.cause;
  return { ...report, execution: block };
}
