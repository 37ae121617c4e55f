/**
 * What the X-Ray views show, computed without React or the DOM so it is unit-tested in plain Node: trace list
 * rows and their sorting, the visible rows of a collapsible waterfall, in-trace search, and the critical path.
 * Every function is linear (or n log n for sorting) so 10,000-span traces stay fluid.
 */
import {
  awsColumn,
  recordedSpanCount,
  spanAnnotations,
  spanIdAt,
  spanOf,
  spanTable,
} from '../../../shared/xray/trace.ts';
import type { Span, Trace, TraceSummaryRow } from '../../../shared/xray/types.ts';

/** One row of the trace list: a loaded trace, or a GetTraceSummaries row whose segments are not loaded. */
export interface TraceRow {
  id: string;
  /** Index into the dataset's traces, -1 for a summary-only row. */
  trace: number;
  start: number;
  durationMs: number;
  /** The root segment's time (X-Ray's `ResponseTime`; `responsetime` in filters), undefined when unknown. */
  responseTimeMs: number | undefined;
  root: string;
  method: string;
  url: string;
  status: number | undefined;
  error: boolean;
  fault: boolean;
  throttle: boolean;
  partial: boolean;
  /** `key=value` pairs of every annotation in the trace, for the column and for sorting. */
  annotations: string;
  /** The same annotations by key (distinct values), for grouping the list. */
  annotationValues: Record<string, (string | number | boolean)[]>;
  spans: number;
}

export type SortKey =
  'id' | 'start' | 'duration' | 'response' | 'root' | 'method' | 'url' | 'status' | 'flags' | 'annotations';

function annotationsOf(trace: Trace): Record<string, (string | number | boolean)[]> {
  const seen = new Map<string, Set<string | number | boolean>>();
  for (const annotations of spanAnnotations(trace)) {
    for (const [k, v] of Object.entries(annotations)) {
      let set = seen.get(k);
      if (!set) seen.set(k, (set = new Set()));
      set.add(v);
    }
  }
  return Object.fromEntries([...seen].map(([k, vs]) => [k, [...vs]]));
}

function annotationText(values: Record<string, (string | number | boolean)[]>): string {
  return Object.entries(values)
    .map(([k, vs]) => `${k}=${vs.map(String).join('|')}`)
    .join(' ');
}

/** Builds list rows for loaded traces, plus summary rows for traces known only from GetTraceSummaries. */
export function traceRows(traces: readonly Trace[], summaries: readonly TraceSummaryRow[] = []): TraceRow[] {
  const rows: TraceRow[] = traces.map((t, i) => {
    // One record for the root, not the whole trace's (see span-table.ts).
    const root: Span | undefined = t.root >= 0 ? spanOf(t, t.root) : undefined;
    const values = annotationsOf(t);
    return {
      id: t.id,
      trace: i,
      start: t.start,
      durationMs: t.durationMs,
      responseTimeMs: root && !root.inProgress ? root.durationMs : undefined,
      root: root?.name ?? '',
      method: root?.http.method ?? '',
      url: root?.http.url ?? '',
      status: root?.http.status,
      error: t.error,
      fault: t.fault,
      throttle: t.throttle,
      partial: t.partial,
      annotations: annotationText(values),
      annotationValues: values,
      spans: recordedSpanCount(t),
    };
  });
  const loaded = new Set(traces.map((t) => t.id));
  for (const s of summaries) {
    if (loaded.has(s.id)) continue;
    rows.push({
      id: s.id,
      trace: -1,
      start: s.start ?? 0,
      durationMs: s.durationMs ?? 0,
      responseTimeMs: s.responseTimeMs,
      root: s.entryPoint?.name ?? '',
      method: s.http.method ?? '',
      url: s.http.url ?? '',
      status: s.http.status,
      error: s.error,
      fault: s.fault,
      throttle: s.throttle,
      partial: s.partial,
      annotations: annotationText(s.annotations),
      annotationValues: s.annotations,
      spans: 0,
    });
  }
  return rows;
}

function flagRank(r: TraceRow): number {
  return (r.fault ? 8 : 0) + (r.throttle ? 4 : 0) + (r.error ? 2 : 0) + (r.partial ? 1 : 0);
}

/** Sorts rows by a column (stable; ties keep start order), returning a new array. */
export function sortRows(rows: readonly TraceRow[], key: SortKey, descending: boolean): TraceRow[] {
  const value = (r: TraceRow): string | number => {
    switch (key) {
      case 'id':
        return r.id;
      case 'start':
        return r.start;
      case 'duration':
        return r.durationMs;
      case 'response':
        return r.responseTimeMs ?? -1;
      case 'root':
        return r.root;
      case 'method':
        return r.method;
      case 'url':
        return r.url;
      case 'status':
        return r.status ?? -1;
      case 'flags':
        return flagRank(r);
      case 'annotations':
        return r.annotations;
    }
  };
  const dir = descending ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i, v: value(r) }))
    .sort((a, b) => (a.v < b.v ? -dir : a.v > b.v ? dir : a.i - b.i))
    .map((x) => x.r);
}

/** What the trace list can be grouped by: URL, response status, root service, or an annotation's value. */
export type GroupKey = 'url' | 'status' | 'root' | `annotation:${string}`;

/** One group of the list: its value, the filter expression that selects it, and its traces' outcomes. */
export interface RowGroup {
  label: string;
  /** The filter expression for exactly this group's traces (applied when the group is chosen). */
  expression: string;
  count: number;
  ok: number;
  errors: number;
  faults: number;
  throttles: number;
  /** Average root response time of the group's traces that have one; undefined when none has. */
  avgResponseMs: number | undefined;
}

function quoted(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function literal(v: string | number | boolean): string {
  return typeof v === 'string' ? quoted(v) : String(v);
}

/**
 * Groups list rows as the console's analytics group traces (by URL, status code, root service or annotation),
 * largest group first. Each group carries the filter expression that selects its traces, so choosing a group
 * filters the list, the map and the counts like any expression. A trace with several values of an annotation is
 * in each of their groups.
 */
export function groupRows(rows: readonly TraceRow[], key: GroupKey): RowGroup[] {
  const groups = new Map<string, { label: string; expression: string; rows: TraceRow[] }>();
  const put = (id: string, label: string, expression: string, row: TraceRow) => {
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { label, expression, rows: [] }));
    g.rows.push(row);
  };
  for (const r of rows) {
    if (key === 'url') {
      if (r.url) put(r.url, r.url, `http.url = ${quoted(r.url)}`, r);
      else put('', '(no URL)', '!http.url', r);
    } else if (key === 'status') {
      if (r.status !== undefined) put(String(r.status), String(r.status), `http.status = ${r.status}`, r);
      else put('', '(no status)', '!(http.status >= 0)', r);
    } else if (key === 'root') {
      put(r.root, r.root || '(no root)', r.root ? `service(${quoted(r.root)}) { root }` : '!service() { root }', r);
    } else {
      const name = key.slice('annotation:'.length);
      const ref = /^[A-Za-z0-9_]+$/.test(name) ? `annotation.${name}` : `annotation[${quoted(name)}]`;
      const values = r.annotationValues[name];
      if (!values || values.length === 0) put('\u0000none', `(no ${name})`, `!${ref}`, r);
      else for (const v of values) put(`${typeof v}:${String(v)}`, String(v), `${ref} = ${literal(v)}`, r);
    }
  }
  const out: RowGroup[] = [];
  for (const g of groups.values()) {
    const timed = g.rows.filter((r) => r.responseTimeMs !== undefined);
    out.push({
      label: g.label,
      expression: g.expression,
      count: g.rows.length,
      // ok as the filter keyword means it: the root answered 2XX (a 429 at the root also sets error).
      ok: g.rows.filter((r) => !r.error && !r.fault).length,
      errors: g.rows.filter((r) => r.error).length,
      faults: g.rows.filter((r) => r.fault).length,
      throttles: g.rows.filter((r) => r.throttle).length,
      avgResponseMs: timed.length > 0 ? timed.reduce((n, r) => n + r.responseTimeMs!, 0) / timed.length : undefined,
    });
  }
  return out.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** One bar of the trace list's response-time histogram: `[fromMs, toMs)` (the last bar includes `toMs`). */
export interface ResponseTimeBin {
  fromMs: number;
  toMs: number;
  count: number;
}

/**
 * The response-time distribution of the listed traces in `bins` equal bars, as the X-Ray console's analytics
 * draw it over the trace list; rows without a response time (in progress, summaries without one) are left out.
 */
export function responseTimeBins(rows: readonly TraceRow[], bins = 24): ResponseTimeBin[] {
  const values = rows.map((r) => r.responseTimeMs).filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = max > min ? bins : 1;
  const width = max > min ? (max - min) / n : 1;
  const out = Array.from({ length: n }, (_, i) => ({
    fromMs: min + i * width,
    toMs: i === n - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const v of values) out[Math.min(n - 1, Math.floor((v - min) / width))].count++;
  return out;
}

/** Matches the response-time range a histogram selection added at the end of an expression. */
const RANGE_TERM = /(?:^|\s+AND\s+)responsetime >= [0-9.]+ AND responsetime <= [0-9.]+$/;

/**
 * The filter expression after choosing a response-time range on the histogram, as the console turns a dragged
 * range into a `responsetime` filter: the range (in seconds, widened to whole microseconds so the bars' own
 * traces stay in) replaces the range chosen before and is ANDed with the rest of the expression.
 */
export function withResponseTimeRange(filter: string, fromMs: number, toMs: number): string {
  const rest = filter.trim().replace(RANGE_TERM, '').trim();
  // Fixed notation: the filter language has no exponents.
  const seconds = (us: number) => (us / 1e6).toFixed(6).replace(/\.?0+$/, '');
  const from = seconds(Math.floor(fromMs * 1000));
  const to = seconds(Math.ceil(toMs * 1000));
  const range = `responsetime >= ${from} AND responsetime <= ${to}`;
  if (rest === '') return range;
  return /\s(OR|\|\|)\s/i.test(rest) ? `(${rest}) AND ${range}` : `${rest} AND ${range}`;
}

/** Index one past the last span of each span's subtree (spans are in depth-first order). */
export function subtreeEnds(trace: Trace): Int32Array {
  // Read from the trace's columns (no span record is made for it).
  const { n, childOffset, childList } = spanTable(trace);
  const end = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    // Children are in depth-first order, so the last child's subtree ends the parent's.
    end[i] = childOffset[i + 1] === childOffset[i] ? i + 1 : end[childList[childOffset[i + 1] - 1]];
  }
  return end;
}

/** The spans a waterfall shows, in order, skipping the subtrees of collapsed spans. */
export function visibleSpans(
  trace: Trace,
  collapsed: ReadonlySet<number>,
  ends: Int32Array = subtreeEnds(trace),
): number[] {
  const out: number[] = [];
  for (let i = 0; i < trace.spans.length;) {
    out.push(i);
    i = collapsed.has(i) ? ends[i] : i + 1;
  }
  return out;
}

/** Collapses every span below `depth` that has children (the "collapse to services" view of large traces). */
export function collapseBelow(trace: Trace, depth: number): Set<number> {
  const out = new Set<number>();
  trace.spans.forEach((s, i) => {
    if (s.depth >= depth && s.children.length > 0) out.add(i);
  });
  return out;
}

/**
 * Spans matching a search: every space-separated term must occur (case-insensitive) in the span's name, id,
 * origin, namespace, HTTP URL/method/status, AWS operation/table/resource, annotation keys or values, or
 * exception messages. Read from the trace's columns: searching a 100,000-span trace makes no span record.
 */
export function searchSpans(trace: Trace, query: string): number[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const t = spanTable(trace);
  const awsList = awsColumn(t);
  const out: number[] = [];
  for (let i = 0; i < t.n; i++) {
    const aws = awsList[i] ?? {};
    const http = t.http[i];
    const rare = t.rare[i];
    const hay = [
      t.name[i],
      spanIdAt(t, i),
      t.origin[i],
      t.namespace[i],
      http.url,
      http.method,
      http.status,
      aws.operation,
      aws.table_name,
      aws.bucket_name,
      aws.function_name,
      rare?.resourceArn,
      ...Object.entries(rare?.annotations ?? {}).flat(),
      ...(rare?.exceptions ?? []).flatMap((e) => [e.type, e.message]),
    ]
      .filter((v) => v !== undefined && v !== null)
      .map((v) => String(v).toLowerCase())
      .join('\u0000');
    if (terms.every((term) => hay.includes(term))) out.push(i);
  }
  return out;
}

/** Every ancestor of the given spans, so the matches of a search can be expanded into view. */
export function ancestorsOf(trace: Trace, spans: readonly number[]): Set<number> {
  const out = new Set<number>();
  for (const i of spans) {
    for (let p = trace.spans[i].parent; p >= 0 && !out.has(p); p = trace.spans[p].parent) out.add(p);
  }
  return out;
}

/**
 * The critical path of the trace from its entry segment: the chain of work the end of the request waited on.
 * From a span, the child that finished last (before the span's own end) is on the path; before that child
 * started, the child that finished last before that moment; and so on, recursively (the "last finishing child"
 * walk Jaeger uses).
 */
export function criticalPath(trace: Trace): Set<number> {
  const out = new Set<number>();
  if (trace.root < 0) return out;
  // Read from the trace's columns (no span record is made for it).
  const { start, end, durationMs, childOffset, childList } = spanTable(trace);
  const endOf = (i: number) => (Number.isNaN(end[i]) ? start[i] + durationMs[i] / 1000 : end[i]);
  const stack = [trace.root];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (out.has(i)) continue;
    out.add(i);
    const kids = Array.from(childList.subarray(childOffset[i], childOffset[i + 1])).sort((a, b) => endOf(b) - endOf(a));
    let cursor = endOf(i) + 1e-9;
    for (const k of kids) {
      if (endOf(k) <= cursor && durationMs[k] > 0) {
        stack.push(k);
        cursor = start[k] + 1e-9;
      }
    }
  }
  return out;
}

/** Human duration: 850 µs, 12.3 ms, 4.25 s, 3 m 05 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} m ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s`;
}

/** ISO-like UTC time with milliseconds, as traces are compared across time zones. */
export function formatTime(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds) || epochSeconds <= 0) return '–';
  return new Date(epochSeconds * 1000).toISOString().replace('T', ' ').replace('Z', '');
}

/** Evenly spaced "nice" ticks for a time axis of `totalMs`. */
export function axisTicks(totalMs: number, target = 6): number[] {
  if (!(totalMs > 0)) return [0];
  const raw = totalMs / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = 0; t <= totalMs + 1e-9; t += step) out.push(t);
  return out;
}
