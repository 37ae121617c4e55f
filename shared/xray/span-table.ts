/**
 * The spans of a built trace as columns (typed arrays for numbers and flags, plain arrays for strings and the few
 * objects a span holds), and the `Span` records made from them only when something reads `trace.spans`.
 *
 * Why: a 100,000-span load made 150,000 records of ~280 bytes that all survived, so the garbage collector copied
 * them between generations and they were most of the heap the model kept. The load, the service map, the trace
 * list and the filter vocabulary read the columns; a trace's records are made on the first read of its `spans`
 * (opening it in the timeline, a filter, the CLI's output) and kept from then on, identical to the records the
 * build used to make (same fields, same order, same shared frozen values).
 */
import { INFERRED, KIND_NAMES, SEGMENT, SUBSEGMENT } from './columns.ts';
import type { HttpInfo, Span, Trace, XrayException } from './types.ts';
import { NO_CHILDREN, NO_EXCEPTIONS, statusOf } from './span-fields.ts';
import { Flag } from './span-flags.ts';
import { idOf, INFERRED_PREFIX, putHexId, type IdColumns } from './span-ids.ts';
import { awsAt, awsColumn } from './span-docs.ts';
import { resourceOf } from './identity.ts';

/** The fields few spans have, in the order a record lists them; one object only for spans that have any. */
export interface RareFields {
  exceptions?: readonly XrayException[];
  sql?: Record<string, unknown>;
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, unknown>;
  causeRef?: string;
  user?: string;
  resourceArn?: string;
  links?: { traceId: string; id: string }[];
  rawJson?: string;
}

/** One trace's spans in depth-first order (index = position in `trace.spans`). */
export interface SpanTable {
  n: number;
  /** Ids as numbers or text (span-ids.ts); read one with `spanIdAt`. */
  ids: IdColumns;
  name: string[];
  origin: string[];
  namespace: string[];
  node: string[];
  /** SEGMENT, SUBSEGMENT or INFERRED (columns.ts). */
  kind: Uint8Array;
  /** `Flag` bits (span-flags.ts). */
  flags: Uint16Array;
  start: Float64Array;
  /** NaN when the span has no end. */
  end: Float64Array;
  durationMs: Float64Array;
  parent: Int32Array;
  depth: Int32Array;
  segment: Int32Array;
  /** Children of span `k`: `childList[childOffset[k]]` to `childList[childOffset[k + 1] - 1]`, by start time. */
  childOffset: Int32Array;
  childList: Int32Array;
  http: Readonly<HttpInfo>[];
  /**
   * The `aws` object of a span whose document is held without its text; with `Flag.AWS_IN_TEXT` it is read from
   * the text when asked for: read it with `awsAt` / `awsColumn` (span-docs.ts).
   */
  aws: (Record<string, unknown> | undefined)[];
  /** The resource (table, bucket, queue, topic, function) an inferred span used (`resourceOf` of its `aws`). */
  resource: (string | undefined)[];
  /** Final index of the top span of the document the span was read from (its call's, for an added node). */
  docTop: Int32Array;
  /** Its place in that document, in the order the tree build read it (0: the top). */
  ordinal: Int32Array;
  rare: (RareFields | undefined)[];
  /** One frozen `[i]` per small index, shared by every trace of the load (see `SharedValues`). */
  oneChild: (readonly number[])[];
}

/** A table's columns of strings and objects (plain arrays; the others are typed). `aws` absent: see `newSpanTable`. */
export type ObjectColumns = Pick<SpanTable, 'name' | 'origin' | 'namespace' | 'node' | 'http' | 'resource' | 'rare'> & {
  aws?: SpanTable['aws'];
};

/**
 * Memory the tables of one load take their numbers from, a slab at a time: in the browser, an ArrayBuffer per
 * trace (1,000 of them for 1,000 traces) cost more than filling it. The tables of a load live and die together
 * (a dataset), so sharing slabs keeps nothing alive longer.
 */
export interface Slab {
  buffer: ArrayBuffer;
  used: number;
}

/** Bytes of a slab at most; a table needing more than a quarter of that gets a buffer of its own. */
const SLAB_BYTES = 1 << 18;
/** Bytes of a load's first slab: each next one is twice the last, up to `SLAB_BYTES` (a small load wastes little). */
const FIRST_SLAB_BYTES = 1 << 14;

/** `bytes` of memory at a multiple of 8 bytes: from `slab` when given and it fits, else a buffer of its own. */
function allocate(bytes: number, slab: Slab | undefined): { buffer: ArrayBuffer; at: number } {
  if (slab === undefined || bytes > SLAB_BYTES / 4) return { buffer: new ArrayBuffer(bytes), at: 0 };
  if (slab.used + bytes > slab.buffer.byteLength) {
    const size = Math.min(SLAB_BYTES, Math.max(FIRST_SLAB_BYTES, 2 * slab.buffer.byteLength));
    slab.buffer = new ArrayBuffer(Math.max(size, bytes));
    slab.used = 0;
  }
  const at = slab.used;
  slab.used += Math.ceil(bytes / 8) * 8;
  return { buffer: slab.buffer, at };
}

/** A new, empty slab (see `Slab`). */
export function newSlab(): Slab {
  return { buffer: new ArrayBuffer(0), used: 0 };
}

/**
 * The `aws` column of tables none of whose spans keeps an aws object (every table of a load of BatchGetTraces
 * output: documents held as text keep none, span-docs.ts): one empty array for all of them instead of an array of
 * `n` holes each (1.2 MB on a 100,000-span trace, one more array per trace of a load of 1,000). Every index reads
 * undefined, as a hole does; nothing writes to it. Made holey like the columns it stands in for, so a read site
 * sees one kind of array.
 */
export const NO_AWS: (Record<string, unknown> | undefined)[] = (() => {
  const none = new Array<Record<string, unknown> | undefined>(1);
  none[0] = {};
  none.length = 0;
  return none;
})();

/**
 * A table for `n` spans and `links` parent → child links; its numbers share one buffer (one allocation), or a
 * part of the load's `slab`. `aws` false: no span of it keeps an aws object (its column is `NO_AWS`). `objects`: the
 * columns of strings and objects, already filled (span-record.ts hands over the tree build's own); otherwise new
 * ones of `n` holes.
 */
export function newSpanTable(
  n: number,
  links: number,
  oneChild: (readonly number[])[],
  slab?: Slab,
  aws = true,
  objects?: ObjectColumns,
): SpanTable {
  const memory = allocate(n * 24 + (n * 8 + 1 + links) * 4 + n * 3, slab);
  const buffer = memory.buffer;
  let at = memory.at;
  const f64 = (): Float64Array => {
    const a = new Float64Array(buffer, at, n);
    at += n * 8;
    return a;
  };
  const i32 = (count: number): Int32Array => {
    const a = new Int32Array(buffer, at, count);
    at += count * 4;
    return a;
  };
  const u16 = (): Uint16Array => {
    const a = new Uint16Array(buffer, at, n);
    at += n * 2;
    return a;
  };
  const u8 = (): Uint8Array => {
    const a = new Uint8Array(buffer, at, n);
    at += n;
    return a;
  };
  return {
    n,
    ids: { words: i32(2 * n), text: undefined },
    name: objects?.name ?? new Array<string>(n),
    origin: objects?.origin ?? new Array<string>(n),
    namespace: objects?.namespace ?? new Array<string>(n),
    node: objects?.node ?? new Array<string>(n),
    start: f64(),
    end: f64(),
    durationMs: f64(),
    parent: i32(n),
    depth: i32(n),
    segment: i32(n),
    childOffset: i32(n + 1),
    childList: i32(links),
    docTop: i32(n),
    ordinal: i32(n),
    // After the 4-byte columns, so the 2-byte one stays aligned.
    flags: u16(),
    kind: u8(),
    http: objects?.http ?? new Array<Readonly<HttpInfo>>(n),
    aws: objects?.aws ?? (aws ? new Array<Record<string, unknown> | undefined>(n) : NO_AWS),
    resource: objects?.resource ?? new Array<string | undefined>(n),
    rare: objects?.rare ?? new Array<RareFields | undefined>(n),
    oneChild,
  };
}

/** Span `k`'s id (span-ids.ts). */
export function spanIdAt(t: SpanTable, k: number): string {
  return idOf(t.ids, t.flags, k);
}

/** Stores span `k`'s id: as two words when it is hexadecimal, else as text (the text column made on first need). */
export function setSpanId(t: SpanTable, k: number, id: string): void {
  if (putHexId(t.ids.words, k, id)) return;
  (t.ids.text ??= new Array<string | undefined>(t.n))[k] = id;
}

/** The shared frozen one-element list for small indexes (leaves share `NO_CHILDREN` the same way). */
export function oneChildList(shared: (readonly number[])[], child: number): readonly number[] {
  if (child >= 4096) return [child];
  return (shared[child] ??= Object.freeze([child]));
}

function childrenAt(t: SpanTable, k: number): readonly number[] {
  const from = t.childOffset[k];
  const to = t.childOffset[k + 1];
  if (to === from) return NO_CHILDREN;
  if (to - from === 1) return oneChildList(t.oneChild, t.childList[from]);
  const out = new Array<number>(to - from);
  for (let j = from; j < to; j++) out[j - from] = t.childList[j];
  return out;
}

/**
 * The record of span `k`, with the fields and key order the tree build has always given it; `aws` is its aws
 * object when the caller has read it already (`awsColumn`).
 */
export function spanRecordAt(t: SpanTable, k: number, aws = awsAt(t, k)): Span {
  const f = t.flags[k];
  const inProgress = (f & Flag.IN_PROGRESS) !== 0;
  const error = (f & Flag.ERROR) !== 0;
  const fault = (f & Flag.FAULT) !== 0;
  const throttle = (f & Flag.THROTTLE) !== 0;
  const rare = t.rare[k];
  const span: Span = {
    id: spanIdAt(t, k),
    name: t.name[k],
    kind: KIND_NAMES[t.kind[k]],
    synthetic: (f & Flag.SYNTHETIC) !== 0,
    origin: t.origin[k],
    namespace: t.namespace[k],
    start: t.start[k],
    durationMs: t.durationMs[k],
    inProgress,
    error,
    fault,
    throttle,
    status: statusOf(inProgress, error, fault, throttle),
    http: t.http[k],
    exceptions: rare?.exceptions ?? NO_EXCEPTIONS,
    parent: t.parent[k],
    children: childrenAt(t, k),
    depth: t.depth[k],
    segment: t.segment[k],
    node: t.node[k],
    orphan: (f & Flag.ORPHAN) !== 0,
    cycle: (f & Flag.CYCLE) !== 0,
    skew: (f & Flag.SKEW) !== 0,
  };
  // Added, not deleted when absent: a `delete` turns the object into a dictionary (about 1.6 KB a span in V8).
  const end = t.end[k];
  if (!Number.isNaN(end)) span.end = end;
  if (aws !== undefined) span.aws = aws;
  if (rare) {
    if (rare.sql !== undefined) span.sql = rare.sql;
    if (rare.annotations !== undefined) span.annotations = rare.annotations;
    if (rare.metadata !== undefined) span.metadata = rare.metadata;
    if (rare.causeRef !== undefined) span.causeRef = rare.causeRef;
    if (rare.user !== undefined) span.user = rare.user;
    if (rare.resourceArn !== undefined) span.resourceArn = rare.resourceArn;
    if (rare.links !== undefined) span.links = rare.links;
    if (rare.rawJson !== undefined) span.rawJson = rare.rawJson;
  }
  return span;
}

function recordsOf(t: SpanTable): Span[] {
  const out = new Array<Span>(t.n);
  const aws = awsColumn(t);
  for (let k = 0; k < t.n; k++) out[k] = spanRecordAt(t, k, aws[k]);
  return out;
}

/** Tables of the traces `buildTrace` made; a trace made any other way (a test, a copy) has none. */
const tables = new WeakMap<Trace, SpanTable>();

/** The trace object `buildTrace` returns: `spans` is made from the table on first read, then an ordinary field. */
export function traceWithTable(fields: Omit<Trace, 'spans'>, table: SpanTable): Trace {
  // Built field by field with one shared accessor for `spans` (no closures, no spread per trace), keys in the
  // order the records' traces always had.
  const trace = {
    id: fields.id,
    start: fields.start,
    end: fields.end,
    durationMs: fields.durationMs,
    segments: fields.segments,
  } as Trace;
  Object.defineProperty(trace, 'spans', SPANS);
  trace.roots = fields.roots;
  trace.root = fields.root;
  trace.error = fields.error;
  trace.fault = fields.fault;
  trace.throttle = fields.throttle;
  trace.partial = fields.partial;
  trace.files = fields.files;
  trace.limitExceeded = fields.limitExceeded;
  tables.set(trace, table);
  return trace;
}

function defineSpans(trace: Trace, spans: Span[]): Span[] {
  Object.defineProperty(trace, 'spans', { value: spans, writable: true, enumerable: true, configurable: true });
  return spans;
}

/** `spans` of a built trace: its records, made from its table on the first read and an ordinary field after. */
const SPANS: PropertyDescriptor = {
  get(this: Trace): Span[] {
    const table = tables.get(this);
    return defineSpans(this, table ? recordsOf(table) : []);
  },
  set(this: Trace, spans: Span[]) {
    // A replaced span list no longer matches the table: readers fall back to the records.
    tables.delete(this);
    defineSpans(this, spans);
  },
  enumerable: true,
  configurable: true,
};

/** True when `trace.spans` has been read (or the trace never had a table): its records exist. */
function hasRecords(trace: Trace): boolean {
  return !tables.has(trace) || Object.getOwnPropertyDescriptor(trace, 'spans')?.get === undefined;
}

/**
 * The columns of a trace: the ones `buildTrace` made, or (for a trace made another way) columns read from its
 * records. The columns of a built trace describe its records as made; code that edits records in place must make
 * a new trace.
 */
export function spanTable(trace: Trace): SpanTable {
  return tables.get(trace) ?? tableFromSpans(trace.spans);
}

/** Span `i` of a trace without making the other records when they do not exist yet. */
export function spanOf(trace: Trace, i: number): Span | undefined {
  if (hasRecords(trace)) return trace.spans[i];
  const t = tables.get(trace)!;
  return i >= 0 && i < t.n ? spanRecordAt(t, i) : undefined;
}

/** Columns read from records (traces not made by `buildTrace`). */
function tableFromSpans(spans: readonly Span[]): SpanTable {
  let links = 0;
  for (const s of spans) links += s.children.length;
  const t = newSpanTable(spans.length, links, []);
  let at = 0;
  spans.forEach((s, k) => {
    // An inferred node added for a call has `inferred:` + its call's id: kept as the build keeps it (the call's id,
    // `Flag.INFERRED_ID`), so both ways of making a table give the same columns.
    const inferredId = s.synthetic && s.id.startsWith(INFERRED_PREFIX);
    setSpanId(t, k, inferredId ? s.id.slice(INFERRED_PREFIX.length) : s.id);
    t.name[k] = s.name;
    t.origin[k] = s.origin;
    t.namespace[k] = s.namespace;
    t.node[k] = s.node;
    t.kind[k] = s.kind === 'segment' ? SEGMENT : s.kind === 'subsegment' ? SUBSEGMENT : INFERRED;
    t.flags[k] =
      (s.synthetic ? Flag.SYNTHETIC : 0) |
      (s.inProgress ? Flag.IN_PROGRESS : 0) |
      (s.error ? Flag.ERROR : 0) |
      (s.fault ? Flag.FAULT : 0) |
      (s.throttle ? Flag.THROTTLE : 0) |
      (s.orphan ? Flag.ORPHAN : 0) |
      (s.cycle ? Flag.CYCLE : 0) |
      (s.skew ? Flag.SKEW : 0) |
      (s.sql !== undefined ? Flag.HAS_SQL : 0) |
      (inferredId ? Flag.INFERRED_ID : 0);
    t.start[k] = s.start;
    t.end[k] = s.end ?? NaN;
    t.durationMs[k] = s.durationMs;
    t.parent[k] = s.parent;
    t.depth[k] = s.depth;
    t.segment[k] = s.segment;
    t.childOffset[k] = at;
    for (const c of s.children) t.childList[at++] = c;
    t.http[k] = s.http;
    t.aws[k] = s.aws;
    t.resource[k] = s.kind === 'inferred' ? resourceOf(s.aws) : undefined;
    const { exceptions, sql, annotations, metadata, causeRef, user, resourceArn, links: l, rawJson } = s;
    if (exceptions.length > 0 || sql || annotations || metadata || causeRef || user || resourceArn || l || rawJson)
      t.rare[k] = { exceptions, sql, annotations, metadata, causeRef, user, resourceArn, links: l, rawJson };
  });
  t.childOffset[spans.length] = at;
  return t;
}

/** The columns `buildTrace` made for a trace, undefined for a trace made another way. */
export function builtTable(trace: Trace): SpanTable | undefined {
  return tables.get(trace);
}

/** The `annotations` of every span that has some, in span order, without making records. */
export function spanAnnotations(trace: Trace): Record<string, string | number | boolean>[] {
  const out: Record<string, string | number | boolean>[] = [];
  const t = tables.get(trace);
  if (!t) {
    for (const s of trace.spans) if (s.annotations && !s.synthetic) out.push(s.annotations);
    return out;
  }
  for (let k = 0; k < t.n; k++) {
    // Inferred nodes added for calls never carry annotations (see span-record.ts).
    const a = t.rare[k]?.annotations;
    if (a) out.push(a);
  }
  return out;
}
