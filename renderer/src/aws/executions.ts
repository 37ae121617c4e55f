/**
 * The execution list and page without React: status names as the overlay colours them, durations of running
 * executions, the polling back-off, the state table and its sorting, the events filter and the timeline bars.
 * Plain functions so they are tested in Node.
 */
import type { ExecutionSummary, HistoryEvent } from '../../../shared/sfn/aws-types.ts';
import type { ExecutionReport, RunStatus, StateRun } from '../../../shared/sfn/history.ts';

/**
 * The overlay's status for an execution status as ListExecutions spells it, so the list and the graph use one
 * colour per status (`.is-<status>` in overlay.css). PENDING_REDRIVE is a failed run waiting for a redrive.
 */
export function runStatusOf(status: string): RunStatus {
  const s = status.toLowerCase().replace(/_/g, '-');
  if (
    s === 'succeeded' ||
    s === 'failed' ||
    s === 'caught' ||
    s === 'running' ||
    s === 'aborted' ||
    s === 'timed-out' ||
    s === 'not-run'
  )
    return s;
  if (s === 'pending-redrive') return 'failed';
  return 'not-run';
}

/** Time from start to stop, or to `now` while running; undefined without a start. */
export function executionDurationMs(
  e: Pick<ExecutionSummary, 'startDate' | 'stopDate'>,
  now: number,
): number | undefined {
  const start = e.startDate ? Date.parse(e.startDate) : NaN;
  if (!Number.isFinite(start)) return undefined;
  const stop = e.stopDate ? Date.parse(e.stopDate) : now;
  return Number.isFinite(stop) ? Math.max(0, stop - start) : undefined;
}

/** The wait before the next refresh of a list with running executions: 5 s, doubling to at most 60 s. */
export function nextPollDelay(previousMs: number | undefined): number {
  return previousMs === undefined ? 5_000 : Math.min(60_000, previousMs * 2);
}

/** Replaces the rows of `fresh` (a newer first page) in `current`, keeping older pages loaded after it. */
export function mergeFirstPage(current: ExecutionSummary[], fresh: ExecutionSummary[]): ExecutionSummary[] {
  const seen = new Set(fresh.map((e) => e.executionArn));
  return [...fresh, ...current.filter((e) => !seen.has(e.executionArn))];
}

/** `datetime-local` input value → epoch ms (local time), or undefined when empty or invalid. */
export function localInputMs(value: string): number | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isFinite(t) ? t : undefined;
}

/** One row of the table of states. */
export interface StateRow {
  name: string;
  type: string;
  status: RunStatus;
  startedMs?: number;
  durationMs?: number;
  runs: number;
  retries: number;
  error?: string;
}

export type StateSortKey = 'name' | 'type' | 'status' | 'startedMs' | 'durationMs' | 'retries';

/** The table of states: one row per state name, started at its first run. */
export function stateRows(report: ExecutionReport): StateRow[] {
  const firstStart = new Map<string, number>();
  for (const r of report.runs) {
    if (r.startMs !== undefined && !(firstStart.get(r.name)! <= r.startMs)) firstStart.set(r.name, r.startMs);
  }
  return Object.values(report.states).map((s) => {
    const row: StateRow = { name: s.name, type: s.type, status: s.status, runs: s.runs, retries: s.retries };
    const started = firstStart.get(s.name);
    if (started !== undefined) row.startedMs = started;
    if (s.durationMs !== undefined) row.durationMs = s.durationMs;
    if (s.error !== undefined) row.error = s.error;
    return row;
  });
}

/** Sorted copy; rows without a value go last in either direction. */
export function sortRows(rows: StateRow[], key: StateSortKey, descending: boolean): StateRow[] {
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === undefined && y === undefined) return a.name.localeCompare(b.name);
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c === 0 ? a.name.localeCompare(b.name) : c * dir;
  });
}

/** The event's details object (`taskFailedEventDetails`, …), if it has one. */
export function eventDetails(e: HistoryEvent): Record<string, unknown> | undefined {
  for (const [k, v] of Object.entries(e))
    if (k.endsWith('EventDetails') && v && typeof v === 'object') return v as Record<string, unknown>;
  return undefined;
}

/** A one-line summary of an event: its state name, error or resource. */
export function eventSummary(e: HistoryEvent): string {
  const d = eventDetails(e);
  if (!d) return '';
  const bits = [
    d.name,
    d.error,
    d.resourceType && d.resource ? `${String(d.resourceType)}:${String(d.resource)}` : undefined,
  ].filter((x) => typeof x === 'string' && x);
  return bits.join(' · ');
}

/** Events whose type is `type` (when given) and whose JSON contains `query` (case-insensitive). */
export function filterEvents(events: HistoryEvent[], query: string, type: string): HistoryEvent[] {
  const q = query.trim().toLowerCase();
  return events.filter((e) => (!type || e.type === type) && (!q || JSON.stringify(e).toLowerCase().includes(q)));
}

/** One bar of the timeline: a run of a state (Map iterations and branches indented under their parent). */
export interface TimelineBar {
  runId: number;
  label: string;
  status: RunStatus;
  depth: number;
  /** Offset and length as fractions of the execution's span (0…1). */
  left: number;
  width: number;
  durationMs?: number;
}

/** Bars for the runs with known times, in start order, relative to the execution's span. */
export function timelineBars(report: ExecutionReport, limit = 500): TimelineBar[] {
  const timed = report.runs.filter((r): r is StateRun & { startMs: number } => r.startMs !== undefined);
  if (!timed.length) return [];
  const start = report.startMs ?? Math.min(...timed.map((r) => r.startMs));
  const end = report.endMs ?? Math.max(...timed.map((r) => r.endMs ?? r.startMs));
  const span = Math.max(1, end - start);
  const depthOf = (r: StateRun): number => {
    let d = 0;
    for (let p = r.parent; p && d < 20; d++) p = report.runs[p.runId]?.parent ?? null;
    return d;
  };
  return timed
    .sort((a, b) => a.startMs - b.startMs || a.runId - b.runId)
    .slice(0, limit)
    .map((r) => {
      const runEnd = r.endMs ?? end;
      const bar: TimelineBar = {
        runId: r.runId,
        label: r.parent?.iteration !== undefined ? `${r.name} #${r.parent.iteration}` : r.name,
        status: r.status,
        depth: depthOf(r),
        left: (r.startMs - start) / span,
        width: Math.max(0.002, (runEnd - r.startMs) / span),
      };
      if (r.durationMs !== undefined) bar.durationMs = r.durationMs;
      return bar;
    });
}

/** One state in a comparison of two executions of the same machine. */
export interface CompareRow {
  name: string;
  a?: { status: RunStatus; durationMs?: number; runs: number; retries: number; error?: string };
  b?: { status: RunStatus; durationMs?: number; runs: number; retries: number; error?: string };
  /** b's time minus a's, when both have one. */
  deltaMs?: number;
  /** Status, runs, retries or error differ (or the state ran in only one). */
  differs: boolean;
}

/** Per-state statuses and durations of two executions side by side, in a's state order, then b's extra states. */
export function compareReports(a: ExecutionReport, b: ExecutionReport): CompareRow[] {
  const pick = (s: ExecutionReport['states'][string] | undefined) =>
    s
      ? {
          status: s.status,
          runs: s.runs,
          retries: s.retries,
          ...(s.durationMs !== undefined ? { durationMs: s.durationMs } : {}),
          ...(s.error !== undefined ? { error: s.error } : {}),
        }
      : undefined;
  const names = [...new Set([...Object.keys(a.states), ...Object.keys(b.states)])];
  return names.map((name) => {
    const x = pick(Object.prototype.hasOwnProperty.call(a.states, name) ? a.states[name] : undefined);
    const y = pick(Object.prototype.hasOwnProperty.call(b.states, name) ? b.states[name] : undefined);
    const row: CompareRow = {
      name,
      differs: !x || !y || x.status !== y.status || x.runs !== y.runs || x.retries !== y.retries || x.error !== y.error,
    };
    if (x) row.a = x;
    if (y) row.b = y;
    if (x?.durationMs !== undefined && y?.durationMs !== undefined) row.deltaMs = y.durationMs - x.durationMs;
    return row;
  });
}

/** One difference between two JSON values, at a JSONPath-like location (`$.order.items[0].qty`). */
export interface JsonChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  a?: unknown;
  b?: unknown;
}

/**
 * The differences between two JSON values, leaf by leaf. Hand-written because execution inputs are JSON and a
 * change is best named by its path (`$.customer.tier`), which a text diff of the printed JSON does not give.
 */
export function jsonChanges(a: unknown, b: unknown, limit = 200): JsonChange[] {
  const out: JsonChange[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const walk = (x: unknown, y: unknown, path: string, depth: number) => {
    if (out.length >= limit) return;
    if (depth < 50 && Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) {
        if (i >= x.length) out.push({ path: `${path}[${i}]`, kind: 'added', b: y[i] });
        else if (i >= y.length) out.push({ path: `${path}[${i}]`, kind: 'removed', a: x[i] });
        else walk(x[i], y[i], `${path}[${i}]`, depth + 1);
      }
      return;
    }
    if (depth < 50 && isObj(x) && isObj(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
        if (!(k in y)) out.push({ path: p, kind: 'removed', a: x[k] });
        else if (!(k in x)) out.push({ path: p, kind: 'added', b: y[k] });
        else walk(x[k], y[k], p, depth + 1);
      }
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ path, kind: 'changed', a: x, b: y });
  };
  walk(a, b, '$', 0);
  return out;
}

/** The X-Ray trace id in DescribeExecution's `traceHeader` (`Root=1-…;Sampled=1`), when tracing was on. */
export function traceIdOf(traceHeader: unknown): string | undefined {
  if (typeof traceHeader !== 'string') return undefined;
  return /(?:^|;)\s*Root=(1-[0-9a-f]{8}-[0-9a-f]{24})/i.exec(traceHeader)?.[1];
}

/** The CloudWatch Logs group ARNs of a machine's logging configuration (DescribeStateMachine shape). */
export function logGroupsOf(loggingConfiguration: unknown): string[] {
  const d =
    (loggingConfiguration as
      { level?: string; destinations?: { cloudWatchLogsLogGroup?: { logGroupArn?: unknown } }[] } | undefined) ?? {};
  if (d.level === 'OFF') return [];
  return (d.destinations ?? [])
    .map((x) => x.cloudWatchLogsLogGroup?.logGroupArn)
    .filter((x): x is string => typeof x === 'string');
}

/** The Lambda function a task invoked (`FunctionName` in its parameters, or the resource ARN itself). */
export function lambdaOf(parameters: unknown): string | undefined {
  const p =
    typeof parameters === 'string'
      ? (() => {
          try {
            return JSON.parse(parameters) as unknown;
          } catch {
            return undefined;
          }
        })()
      : parameters;
  const name = (p as { FunctionName?: unknown } | undefined)?.FunctionName;
  return typeof name === 'string' ? name : undefined;
}
