/**
 * The waterfall's data in columns: what the timeline draws for each span, as typed arrays plus one string of
 * names, built in the X-Ray worker and transferred to the page without copying. A 100,000-span trace costs the
 * page a few typed arrays instead of 150,000 span objects to deserialize (seconds of main-thread time).
 * Everything else about a span (resources, annotations, raw JSON) is asked for when the span is selected.
 */
import { Flag } from '../../../shared/xray/span-flags.ts';
import { statusOf } from '../../../shared/xray/span-fields.ts';
import { INFERRED_PREFIX, storedId, type IdColumns } from '../../../shared/xray/span-ids.ts';
import { recordedSpanCount, spanTable } from '../../../shared/xray/trace.ts';
import type { SpanStatus, Trace } from '../../../shared/xray/types.ts';
import { criticalPath, subtreeEnds } from './view-model.ts';

/** Span kind codes in `TimelineData.flags` (bits 0–1). */
const KINDS = ['subsegment', 'segment', 'inferred'] as const;
/** Status codes in `TimelineData.flags` (bits 2–4). */
const STATUSES: readonly SpanStatus[] = ['ok', 'error', 'fault', 'throttle', 'pending'];
const SYNTHETIC = 1 << 5;
const IN_PROGRESS = 1 << 6;
const ORPHAN = 1 << 7;
const CYCLE = 1 << 8;
const SKEW = 1 << 9;
const CRITICAL = 1 << 10;
const PENDING = 1 << 11;
/** The id is `inferred:` + the stored one (`Flag.INFERRED_ID`). */
const INFERRED_ID = 1 << 12;

/** One trace's waterfall, column by column (index = span index in the worker's `Trace.spans`). */
export interface TimelineData {
  id: string;
  /** Seconds since the epoch. */
  start: number;
  durationMs: number;
  /** Rows of the waterfall (recorded spans and the inferred nodes drawn for calls). */
  spanCount: number;
  /** Spans the documents recorded (`recordedSpanCount`): what the list, the header and the CLI show. */
  recordedSpans: number;
  segments: number;
  limitExceeded: boolean;
  /** Index of the entry segment, -1 when none. */
  root: number;
  parent: Int32Array;
  /** Index of the segment the span belongs to. */
  segment: Int32Array;
  depth: Int32Array;
  childCount: Int32Array;
  /** Index one past the last span of each span's subtree. */
  ends: Int32Array;
  /** Offset of the span's start from the trace start, ms. */
  startMs: Float64Array;
  durationMsOf: Float64Array;
  flags: Uint16Array;
  /**
   * The names and origins the spans have, each once, concatenated: string k is `offsets[k]` .. `offsets[k + 1]`.
   * Spans of a service share their names, so this is small next to a string per span.
   */
  text: string;
  offsets: Int32Array;
  /** Each span's name and origin: indices of those strings. */
  nameOf: Int32Array;
  originOf: Int32Array;
  /**
   * Span ids as the trace keeps them (span-ids.ts: two words each, or text), made into strings only for the rows in
   * view: making 150,000 id strings in the worker was a third of a 100,000-span trace's waterfall.
   */
  ids: IdColumns;
}

function sameColumn(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether a waterfall read again shows exactly what the shown one does (same spans, times, tree, flags and
 * text): a live tab reads the open trace again on every update, and an unchanged one keeps its object, so the
 * timeline keeps its collapsed rows and search and nothing is laid out again.
 */
export function sameTimeline(a: TimelineData, b: TimelineData): boolean {
  return (
    a.id === b.id &&
    a.spanCount === b.spanCount &&
    a.durationMs === b.durationMs &&
    a.segments === b.segments &&
    a.recordedSpans === b.recordedSpans &&
    a.limitExceeded === b.limitExceeded &&
    a.root === b.root &&
    a.text === b.text &&
    sameColumn(a.offsets, b.offsets) &&
    sameColumn(a.nameOf, b.nameOf) &&
    sameColumn(a.originOf, b.originOf) &&
    sameColumn(a.ids.words, b.ids.words) &&
    sameIdText(a, b) &&
    sameColumn(a.parent, b.parent) &&
    sameColumn(a.startMs, b.startMs) &&
    sameColumn(a.durationMsOf, b.durationMsOf) &&
    sameColumn(a.flags, b.flags)
  );
}

function sameIdText(a: TimelineData, b: TimelineData): boolean {
  if (a.ids.text === undefined && b.ids.text === undefined) return true;
  for (let i = 0; i < a.spanCount; i++) if (a.ids.text?.[i] !== b.ids.text?.[i]) return false;
  return true;
}

/** `TimelineData.flags` kind code of each `SpanTable.kind` (SEGMENT, SUBSEGMENT, INFERRED). */
const KIND_CODES = [KINDS.indexOf('segment'), KINDS.indexOf('subsegment'), KINDS.indexOf('inferred')];

/**
 * Builds the columns of one trace (worker side), from the trace's own columns: opening a trace in the timeline
 * makes no `Span` record (see span-table.ts).
 */
export function timelineData(trace: Trace): TimelineData {
  const t = spanTable(trace);
  const n = t.n;
  const parent = new Int32Array(n);
  const segment = new Int32Array(n);
  const depth = new Int32Array(n);
  const childCount = new Int32Array(n);
  const startMs = new Float64Array(n);
  const durationMsOf = new Float64Array(n);
  const flags = new Uint16Array(n);
  const nameOf = new Int32Array(n);
  const originOf = new Int32Array(n);
  // Each distinct name and origin once (the table's repeated strings are one string each, so `index` hashes each
  // once); the text joins only those.
  const index = new Map<string, number>();
  const offsets: number[] = [0];
  const critical = criticalPath(trace);
  const parts: string[] = [];
  const stringOf = (value: string): number => {
    let k = index.get(value);
    if (k === undefined) {
      k = parts.length;
      index.set(value, k);
      parts.push(value);
      offsets.push(offsets[k]! + value.length);
    }
    return k;
  };
  for (let i = 0; i < n; i++) {
    const f = t.flags[i];
    const inProgress = (f & Flag.IN_PROGRESS) !== 0;
    const status = statusOf(inProgress, (f & Flag.ERROR) !== 0, (f & Flag.FAULT) !== 0, (f & Flag.THROTTLE) !== 0);
    parent[i] = t.parent[i];
    segment[i] = t.segment[i];
    depth[i] = t.depth[i];
    childCount[i] = t.childOffset[i + 1] - t.childOffset[i];
    startMs[i] = (t.start[i] - trace.start) * 1000;
    durationMsOf[i] = t.durationMs[i];
    flags[i] =
      Math.max(0, KIND_CODES[t.kind[i]] ?? 0) |
      (Math.max(0, STATUSES.indexOf(status)) << 2) |
      (f & Flag.SYNTHETIC ? SYNTHETIC : 0) |
      (inProgress && Number.isNaN(t.end[i]) ? IN_PROGRESS : 0) |
      (inProgress ? PENDING : 0) |
      (f & Flag.ORPHAN ? ORPHAN : 0) |
      (f & Flag.CYCLE ? CYCLE : 0) |
      (f & Flag.SKEW ? SKEW : 0) |
      (f & Flag.INFERRED_ID ? INFERRED_ID : 0) |
      (critical.has(i) ? CRITICAL : 0);
    nameOf[i] = stringOf(t.name[i]);
    originOf[i] = stringOf(t.origin[i]);
  }
  return {
    id: trace.id,
    start: trace.start,
    durationMs: trace.durationMs,
    spanCount: n,
    recordedSpans: recordedSpanCount(trace),
    segments: trace.segments,
    limitExceeded: trace.limitExceeded,
    root: trace.root,
    parent,
    segment,
    depth,
    childCount,
    ends: subtreeEnds(trace),
    startMs,
    durationMsOf,
    flags,
    text: parts.join(''),
    offsets: Int32Array.from(offsets),
    nameOf,
    originOf,
    // Copies: the trace's words may share a buffer with other traces' columns (span-table.ts `Slab`).
    ids: { words: t.ids.words.slice(0, 2 * n), text: t.ids.text?.slice(0, n) },
  };
}

/** The buffers to transfer with a `TimelineData` (they leave the worker instead of being copied). */
export function timelineTransfer(d: TimelineData): ArrayBuffer[] {
  return [
    d.parent,
    d.segment,
    d.depth,
    d.childCount,
    d.ends,
    d.startMs,
    d.durationMsOf,
    d.flags,
    d.offsets,
    d.nameOf,
    d.originOf,
    d.ids.words,
  ].map((a) => a.buffer as ArrayBuffer);
}

const stringAt = (d: TimelineData, k: number) => d.text.slice(d.offsets[k], d.offsets[k + 1]);

/** Read access to one span of the columns, for the rows in view. */
export const span = {
  /** As `idOf` (span-ids.ts): an inferred node we added for a call has `inferred:` + its call's stored id. */
  id: (d: TimelineData, i: number) => (d.flags[i] & INFERRED_ID ? INFERRED_PREFIX : '') + storedId(d.ids, i),
  name: (d: TimelineData, i: number) => stringAt(d, d.nameOf[i]),
  origin: (d: TimelineData, i: number) => stringAt(d, d.originOf[i]),
  kind: (d: TimelineData, i: number): (typeof KINDS)[number] => KINDS[d.flags[i] & 3] ?? 'subsegment',
  status: (d: TimelineData, i: number): SpanStatus => STATUSES[(d.flags[i] >> 2) & 7] ?? 'ok',
  synthetic: (d: TimelineData, i: number) => (d.flags[i] & SYNTHETIC) !== 0,
  /** In progress with no end time: the bar runs to the end of the trace. */
  open: (d: TimelineData, i: number) => (d.flags[i] & IN_PROGRESS) !== 0,
  inProgress: (d: TimelineData, i: number) => (d.flags[i] & PENDING) !== 0,
  orphan: (d: TimelineData, i: number) => (d.flags[i] & ORPHAN) !== 0,
  cycle: (d: TimelineData, i: number) => (d.flags[i] & CYCLE) !== 0,
  skew: (d: TimelineData, i: number) => (d.flags[i] & SKEW) !== 0,
  critical: (d: TimelineData, i: number) => (d.flags[i] & CRITICAL) !== 0,
};

/** The spans a waterfall shows, in order, skipping the subtrees of collapsed spans. */
export function visibleRows(d: TimelineData, collapsed: ReadonlySet<number>): Int32Array {
  const out = new Int32Array(d.spanCount);
  let count = 0;
  for (let i = 0; i < d.spanCount;) {
    out[count++] = i;
    i = collapsed.has(i) ? d.ends[i] : i + 1;
  }
  return out.subarray(0, count);
}

/** Every span below `depth` that has children (the "collapse to services" view of large traces). */
export function collapsedBelow(d: TimelineData, depth: number): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < d.spanCount; i++) if (d.depth[i] >= depth && d.childCount[i] > 0) out.add(i);
  return out;
}

/** Every ancestor of a span, so a search match can be expanded into view. */
export function ancestorsIn(d: TimelineData, i: number): number[] {
  const out: number[] = [];
  for (let p = d.parent[i]; p >= 0 && out.length <= d.spanCount; p = d.parent[p]) out.push(p);
  return out;
}

/** Position of a span among the visible rows (binary search: rows are in increasing span order), -1 if hidden. */
export function rowOf(rows: Int32Array, spanIndex: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] === spanIndex) return mid;
    if (rows[mid] < spanIndex) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
