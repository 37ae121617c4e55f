/**
 * Builds one trace's span tree from its segment documents, the way X-Ray relates them: subsegments nest inside
 * their document, a segment's `parent_id` names the (sub)segment that called it — also across services — and a
 * downstream call without a segment of its own becomes an inferred node, as X-Ray infers them.
 *
 * Broken data is kept and flagged instead of dropped: a missing parent makes an orphan root, a parent cycle is
 * broken at one span with a diagnostic, an end before the start is marked as clock skew. Everything is linear in
 * the number of spans except sorting each span's children by start time (skipped where they already are).
 *
 * The steps, each one pass: keep one document per id; flatten every document into columns (columns.ts); resolve
 * the parents documents name; add inferred nodes; list and sort children; order depth-first from the roots
 * (breaking parent cycles); make each final `Span` once, in that order (span-record.ts).
 */
import { INFERRED, SEGMENT, SUBSEGMENT, childLists, SpanColumns, type ChildLists } from './columns.ts';
import { newSharedValues, placeSpans, type SharedValues } from './span-record.ts';
import { SegmentFields } from './segment-read.ts';
import { Flag } from './span-flags.ts';
import { SpanIdIndex } from './span-ids.ts';
import { traceWithTable } from './span-table.ts';
import type { RawSegment, Trace, XrayDiagnostic } from './types.ts';
import { isObject, str } from './values.ts';

/** A document waiting for its trace, with the file it came from (for diagnostics and the trace's file list). */
export interface PendingDocumentLike {
  doc: RawSegment;
  /**
   * The document's JSON text when the input held it as a string (BatchGetTraces' `Document`): kept for the Raw
   * JSON view instead of the parsed object, which is several times larger.
   */
  text?: string;
  file: string;
  limitExceeded?: boolean;
}

const MAX_DIAGNOSTICS_PER_KIND = 20;

export type Report = (
  severity: XrayDiagnostic['severity'],
  code: string,
  message: string,
  file?: string,
  spanId?: string,
) => void;

/** Reports problems of one trace, at most `MAX_DIAGNOSTICS_PER_KIND` of each kind and then one line for the rest. */
function reporter(traceId: string, traceFiles: string, diagnostics: XrayDiagnostic[]): Report {
  const counts: Record<string, number> = {};
  return (severity, code, message, file = traceFiles, spanId) => {
    counts[code] = (counts[code] ?? 0) + 1;
    if (counts[code] <= MAX_DIAGNOSTICS_PER_KIND) {
      diagnostics.push({
        severity,
        message,
        line: 1,
        column: 1,
        source: 'xray',
        code,
        file,
        ...(spanId ? { spanId } : {}),
      });
    } else if (counts[code] === MAX_DIAGNOSTICS_PER_KIND + 1) {
      diagnostics.push({
        severity: 'info',
        message: `Trace ${traceId}: more ${code} problems not listed.`,
        line: 1,
        column: 1,
        source: 'xray',
        code,
        file,
      });
    }
  };
}

/** Step 1. One document per id: a complete document replaces an in-progress one; documents without id are kept. */
function uniqueDocuments(
  traceId: string,
  documents: readonly PendingDocumentLike[],
  report: Report,
): PendingDocumentLike[] {
  const byId = new Map<string, PendingDocumentLike>();
  const anonymous: PendingDocumentLike[] = [];
  for (const d of documents) {
    const id = str(d.doc.id);
    if (!id) {
      report('error', 'xray-no-id', `Trace ${traceId}: a segment document has no id; kept without links.`, d.file);
      anonymous.push(d);
      continue;
    }
    const prev = byId.get(id);
    if (!prev) byId.set(id, d);
    else if (prev.doc.in_progress === true && d.doc.in_progress !== true) byId.set(id, d);
  }
  const docs = [...byId.values(), ...anonymous];
  const deduplicated = documents.length - docs.length;
  if (deduplicated > 0) {
    report(
      'info',
      'xray-duplicate',
      `Trace ${traceId}: ${deduplicated} duplicate document(s) ignored (same id; a complete document wins over an in-progress one).`,
    );
  }
  return docs;
}

/** A top-level document's `parent_id`, resolved once every document is read. */
interface PendingParent {
  span: number;
  parentId: string;
}

/**
 * Scratch space of the build, kept with the columns for every trace of a load: in the browser, making typed arrays
 * for each of 1,000 small traces cost more than filling them.
 */
interface BuildScratch {
  /** `flattenDocument`: the subsegment lists being walked, the next position in each, and the span each belongs to. */
  lists: unknown[][];
  next: number[];
  owner: number[];
  /** Integer scratch of `readOrdinals`. */
  ints: Int32Array;
  /** The child lists and depth-first order of the trace being built (`childLists`, `depthFirst`). */
  children: ChildLists;
  position: Int32Array;
  order: Int32Array;
}

/** The scratch space of the columns a load reuses for every trace (see `SharedValues.columns`). */
function scratchOf(cols: SpanColumns): BuildScratch {
  let scratch = scratches.get(cols);
  if (!scratch) {
    const none = new Int32Array(0);
    scratch = {
      lists: [],
      next: [],
      owner: [],
      ints: new Int32Array(256),
      position: none,
      order: none,
      children: { offset: none, list: none, links: 0, next: none },
    };
    scratches.set(cols, scratch);
  }
  return scratch;
}

const scratches = new WeakMap<SpanColumns, BuildScratch>();

/** The scratch's integers, with room for `size` (grown to at least twice their last size when short). */
function scratchInts(scratch: BuildScratch, size: number): Int32Array {
  if (scratch.ints.length < size) scratch.ints = new Int32Array(Math.max(size, 2 * scratch.ints.length));
  return scratch.ints;
}

/**
 * Step 2, for one document: it and its nested subsegments as spans, in preorder (each object, then each of its
 * subsegments with theirs, in order), iteratively: depth is attacker-controlled. Preorder is the tree's order in
 * the common case (children listed by start time), so the later steps read the columns nearly in sequence instead
 * of jumping across them. `f` holds the document's own fields already (segment-read.ts) and is reused for each
 * subsegment. The parent the document names is added to `pending`.
 */
function flattenDocument(
  doc: RawSegment,
  f: SegmentFields,
  d: PendingDocumentLike,
  cols: SpanColumns,
  pending: PendingParent[],
  scratch: BuildScratch,
): void {
  // Independent subsegments say so; an embedded subsegment saved on its own is recognisable by its namespace.
  const isSub = f.type === 'subsegment' || (typeof f.namespace === 'string' && f.trace_id === undefined);
  // A document read from its own text (BatchGetTraces' `Document` strings, a line) keeps that text, so its spans'
  // `aws` objects are read from it again when asked for rather than kept (span-docs.ts).
  const inText = d.text !== undefined;
  const top = cols.add(f, isSub ? SUBSEGMENT : SEGMENT, -1, -1, inText);
  const json = documentJson(doc, d.text);
  if (json !== undefined) (cols.rare[top] ??= {}).rawJson = json;
  const parentId = str(f.parent_id);
  if (parentId) pending.push({ span: top, parentId });
  if (!Array.isArray(f.subsegments)) return;
  const { lists, next, owner } = scratch;
  lists.push(f.subsegments);
  next.push(0);
  owner.push(top);
  while (lists.length > 0) {
    const at = lists.length - 1;
    const subs = lists[at];
    const k = next[at];
    if (k >= subs.length) {
      lists.pop();
      next.pop();
      owner.pop();
      continue;
    }
    next[at] = k + 1;
    const sub: unknown = subs[k];
    if (!isObject(sub)) continue;
    f.read(sub as RawSegment);
    const i = cols.add(f, SUBSEGMENT, owner[at], top, inText);
    if (Array.isArray(f.subsegments)) {
      lists.push(f.subsegments);
      next.push(0);
      owner.push(i);
    }
  }
  readOrdinals(cols, top, scratch);
}

/**
 * The `ord` of each span of the document whose top is `top` (the document's spans are `top` to `cols.n - 1`): its
 * place in the order span-docs.ts reads a document's objects (the top, then, from the last object taken, each of
 * its subsegments in order), which is the order the spans were once made in. Besides span-docs.ts, the order
 * decides which of two spans with the same id a parent id names (`resolveParents`).
 */
function readOrdinals(cols: SpanColumns, top: number, scratch: BuildScratch): void {
  const m = cols.n - top;
  if (m <= 1) return;
  const ints = scratchInts(scratch, 4 * m);
  // Regions of `ints`, by a span's place p in the document (span top + p): where p's children start in `list`
  // (`start + p`; they end where p + 1's start), the next free slot of each while filling (`fill + p`), the
  // children themselves in document order (`list`), and the walk's stack.
  const start = 0;
  const fill = m + 1;
  const list = 2 * m + 1;
  const stack = 3 * m;
  const parent = cols.parent;
  ints.fill(0, start, start + m + 1);
  for (let i = top + 1; i < top + m; i++) ints[start + parent[i] - top + 1]++;
  for (let p = 0; p < m; p++) {
    ints[start + p + 1] += ints[start + p];
    ints[fill + p] = ints[start + p];
  }
  for (let i = top + 1; i < top + m; i++) ints[list + ints[fill + parent[i] - top]++] = i - top;
  const ord = cols.ord;
  let count = 1;
  let sp = 0;
  ord[top] = 0;
  ints[stack + sp++] = 0;
  while (sp > 0) {
    const p = ints[stack + --sp];
    for (let k = ints[start + p]; k < ints[start + p + 1]; k++) {
      const child = ints[list + k];
      ord[top + child] = count++;
      ints[stack + sp++] = child;
    }
  }
}

/** The text the Raw JSON view shows for a document: its own text when the input held it as a string. */
function documentJson(doc: RawSegment, text: string | undefined): string | undefined {
  if (text !== undefined) return text;
  try {
    return JSON.stringify(doc);
  } catch {
    return undefined; // nesting deeper than JSON.stringify's stack: the Raw JSON view says it is unavailable
  }
}

/** Step 2. Every (unique) document flattened into columns, in order; returns the parents the documents name. */
function flatten(docs: readonly PendingDocumentLike[], cols: SpanColumns): PendingParent[] {
  const pending: PendingParent[] = [];
  const scratch = scratchOf(cols);
  const f = new SegmentFields();
  for (let k = 0; k < docs.length; k++)
    flattenDocument(docs[k].doc, f.read(docs[k].doc), docs[k], cols, pending, scratch);
  return pending;
}

/**
 * Steps 1 and 2 in one pass when the documents need no deduplication, each document read (`docOf`: parsed, for
 * the loader's deferred documents) just before it is flattened and dropped after, so the parsed documents of a big
 * trace never all live at once. Gives up ('dedupe') at the first repeated id or named document after one without
 * an id: `uniqueDocuments` would then change their order, and the caller starts again the long way. 'invalid'
 * when `docOf` refuses a document. `room`: size the columns of strings and objects once the first documents are
 * read (`sizeObjects`).
 */
function streamDocuments(
  documents: readonly PendingDocumentLike[],
  cols: SpanColumns,
  docOf: (d: PendingDocumentLike) => RawSegment | undefined,
  room?: ObjectRoom,
): { pending: PendingParent[]; anonymous: number[] } | 'dedupe' | 'invalid' {
  let read = 0;
  const pending: PendingParent[] = [];
  const scratch = scratchOf(cols);
  const f = new SegmentFields();
  const seen = new SpanIdIndex(documents.length);
  const anonymous: number[] = [];
  for (let k = 0; k < documents.length; k++) {
    const doc = docOf(documents[k]);
    if (doc === undefined) return 'invalid';
    const id = str(f.read(doc).id);
    if (!id) anonymous.push(k);
    else if (anonymous.length > 0 || seen.get(id) !== -1) return 'dedupe';
    else seen.set(id, k);
    flattenDocument(doc, f, documents[k], cols, pending, scratch);
    if (room !== undefined && (read += documents[k].text?.length ?? 0) >= room.sample) {
      sizeObjects(cols, read, room);
      room = undefined;
    }
  }
  return { pending, anonymous };
}

/** In `resolveParents`' index: a parent named by some span, not (yet) found among the spans. */
const NOT_FOUND = 0x7fffffff;

/**
 * Step 3. Cross-document parents; a missing parent makes an orphan root. The first span with an id (in document
 * order) wins.
 */
function resolveParents(traceId: string, cols: SpanColumns, pending: readonly PendingParent[], report: Report): void {
  if (pending.length === 0) return;
  // Every parent named, until a span with its id is found; then the first such span in document order
  // (`readOrdinals`), as it always has been.
  const index = new SpanIdIndex(pending.length);
  for (const p of pending) index.set(p.parentId, NOT_FOUND);
  for (let i = 0; i < cols.n; i++) {
    const known = index.getSpan(cols.ids, i);
    if (known === -1) continue;
    if (known === NOT_FOUND || cols.top[i] + cols.ord[i] < cols.top[known] + cols.ord[known])
      index.setSpan(cols.ids, i, i);
  }
  for (const { span, parentId } of pending) {
    const p = index.get(parentId);
    if (p === NOT_FOUND || p === span) {
      cols.flags[span] |= Flag.ORPHAN;
      report(
        'warning',
        'xray-orphan',
        `Trace ${traceId}: "${cols.name[span]}" (${cols.idOf(span)}) names parent ${parentId}, which is not in the trace; shown as a root.`,
        undefined,
        cols.idOf(span),
      );
    } else {
      cols.parent[span] = p;
    }
  }
}

/** Step 4. Inferred downstream nodes for calls whose callee sent no segment. */
function addInferred(cols: SpanColumns): void {
  const existing = cols.n;
  // The segments (and X-Ray's inferred documents) each call has as children, in index order: a list per span,
  // linked, in the load's scratch (`readOrdinals` is done with it): span i's first at `ints[i]` (-1: none), the
  // one after child c at `ints[existing + c]`. Not a Map of arrays: on a trace of the developer guide's
  // documents, every other span is a document naming its parent (45,000 lists of one).
  const ints = scratchInts(scratchOf(cols), 2 * existing);
  ints.fill(-1, 0, existing);
  for (let i = existing - 1; i >= 0; i--) {
    const p = cols.parent[i];
    if (p < 0 || cols.kind[i] === SUBSEGMENT) continue;
    ints[existing + i] = ints[p];
    ints[p] = i;
  }
  for (let i = 0; i < existing; i++) {
    if (cols.kind[i] !== SUBSEGMENT) continue;
    const namespace = cols.namespace[i];
    const hasSql = cols.has(i, Flag.HAS_SQL);
    if (namespace !== 'aws' && namespace !== 'remote' && !hasSql) continue;
    // The node the call stands for, worked out when it was read (`SpanColumns.identify`).
    const type = cols.nodeType[i];
    // A queue sits between the sender and the receiver: X-Ray draws sender → queue → receiving function (the
    // GetServiceGraph in the Grafana data source's test data), so an SQS call keeps its queue node even when the
    // receiver's segment names the call as its parent; that segment then hangs under the queue.
    const queue = type === 'AWS::SQS::Queue';
    const callees = ints[i];
    if (callees >= 0) {
      // X-Ray's own inferred segment for the call (BatchGetTraces output) already is the node.
      if (!queue) continue;
      let inferred = false;
      for (let c = callees; c >= 0 && !inferred; c = ints[existing + c]) inferred = cols.kind[c] === INFERRED;
      if (inferred) continue;
    }
    const at = cols.addSynthetic(i, cols.nodeName[i], type);
    for (let c = callees; c >= 0; c = ints[existing + c]) cols.parent[c] = at;
  }
}

/** Step 5a. Each span's children by start time, then creation order (lists already in order stay as they are). */
function sortChildren(cols: SpanColumns, lists: ChildLists): void {
  const { offset, list } = lists;
  const start = cols.start;
  const byStart = (a: number, b: number): number => start[a] - start[b] || a - b;
  for (let p = 0; p < cols.n; p++) {
    const from = offset[p];
    const to = offset[p + 1];
    if (to - from < 2) continue;
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k++) sorted = byStart(list[k], list[k - 1]) >= 0;
    if (sorted) continue;
    // Array.prototype.sort, as before the columns: with a NaN start the order is the one it gives.
    const part = Array.from(list.subarray(from, to)).sort(byStart);
    list.set(part, from);
  }
}

/** Depth-first order of the spans: `order[k]` is the span at position k, `position[i]` where span i went. */
export interface TreeOrder {
  order: Int32Array;
  count: number;
  position: Int32Array;
  /** Root spans (creation indexes): the entry segment first, then orphans and broken cycles. */
  roots: number[];
  /** True when a parent cycle was cut: child lists must then skip children whose parent link was removed. */
  cut: boolean;
}

/** Step 5b. Depth-first order from the roots; spans never reached sit on a parent cycle, which is cut once. */
function depthFirst(
  traceId: string,
  cols: SpanColumns,
  lists: ChildLists,
  report: Report,
  scratch: BuildScratch,
): TreeOrder {
  const n = cols.n;
  const { parent, start, flags } = cols;
  const roots: number[] = [];
  for (let i = 0; i < n; i++) if (parent[i] < 0) roots.push(i);
  const rootRank = (i: number): number => (flags[i] & (Flag.ORPHAN | Flag.CYCLE) ? 1 : 0);
  roots.sort((a, b) => rootRank(a) - rootRank(b) || start[a] - start[b] || a - b);

  // Kept for the next trace of the load (see `childLists`); only the first n entries are used.
  if (scratch.position.length < n) {
    const size = Math.max(n, 2 * scratch.position.length);
    scratch.position = new Int32Array(size);
    scratch.order = new Int32Array(size);
  }
  const { position, order } = scratch;
  position.fill(-1, 0, n);
  let count = 0;
  const stack: number[] = [];
  const visit = (root: number): void => {
    stack.push(root);
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (position[i] !== -1) continue;
      position[i] = count;
      order[count++] = i;
      for (let k = lists.offset[i + 1] - 1; k >= lists.offset[i]; k--) {
        const c = lists.list[k];
        if (position[c] === -1) stack.push(c);
      }
    }
  };
  for (const r of roots) visit(r);
  let cut = false;
  if (count < n) {
    const onPath = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (position[i] !== -1) continue;
      // Walk up until we meet a span already seen on this walk: that span is on the cycle; cut its parent link.
      let j = i;
      const path: number[] = [];
      while (position[j] === -1 && !onPath[j]) {
        onPath[j] = 1;
        path.push(j);
        j = parent[j];
        if (j < 0) break;
      }
      for (const k of path) onPath[k] = 0;
      if (j >= 0 && position[j] === -1) {
        const oldParent = parent[j];
        parent[j] = -1;
        flags[j] |= Flag.CYCLE;
        cut = true;
        report(
          'error',
          'xray-cycle',
          `Trace ${traceId}: parent links of "${cols.name[j]}" (${cols.idOf(j)}) form a cycle; the link to ${cols.idOf(oldParent)} was ignored.`,
          undefined,
          cols.idOf(j),
        );
        roots.push(j);
        visit(j);
      }
    }
  }
  return { order, count, position, roots, cut };
}

/**
 * Bytes of document text a span takes at least, to bound a trace's spans before it is read (`SpanColumns.reserve`):
 * the benchmark's generated documents take 113 per span of the model (inferred nodes included), the real SDK
 * documents of test/corpus/xray 164 to 490. The bound then seldom falls short; on real documents it overshoots
 * 2–5×, which costs the typed columns nothing (their pages are not touched until written).
 */
const MIN_BYTES_PER_SPAN = 96;
/** Spans reserved at most from the estimate (a bigger trace grows its columns as it is read). */
const MAX_RESERVED_SPANS = 1 << 22;
/**
 * A trace bounded at fewer spans than this sizes its columns of strings and objects at the bound: they are small
 * and new (young) arrays. A bigger one sizes them from its first documents (`ObjectRoom`).
 */
const SAMPLE_FROM_SPANS = 1 << 14;
/** The first documents an estimate is made from: this much text at least, and a 64th of the trace's. */
const SAMPLE_MIN_BYTES = 1 << 16;

/** Bytes of the documents' text (documents held without text count none). */
function textBytes(documents: readonly PendingDocumentLike[]): number {
  let bytes = 0;
  for (let k = 0; k < documents.length; k++) bytes += documents[k].text?.length ?? 0;
  return bytes;
}

/**
 * When a big trace's columns of strings and objects are sized (`SpanColumns.reserveObjects`): once its first
 * documents hold `sample` bytes of text, at the spans they made per byte, calls that may add an inferred node
 * counted as spans, times the trace's bytes, with a tenth more. Documents later in the trace unlike the first
 * only make the arrays grow as they are appended to.
 */
interface ObjectRoom {
  sample: number;
  total: number;
}

function sizeObjects(cols: SpanColumns, read: number, room: ObjectRoom): void {
  const rows = cols.n + cols.calls;
  cols.reserveObjects(Math.min(MAX_RESERVED_SPANS, Math.ceil(((rows * room.total) / read) * 1.1) + 1024));
}

/**
 * Builds a trace from its documents. Duplicate documents (an in-progress one later completed) keep the complete
 * one; problems are appended to `diagnostics`. Traces of one load pass the same `shared` values so repeated
 * strings and one-child lists are stored once (see `SharedValues`).
 */
export function buildTrace(
  traceId: string,
  documents: readonly PendingDocumentLike[],
  diagnostics: XrayDiagnostic[],
  shared: SharedValues = newSharedValues(),
): Trace {
  return buildTraceFrom(traceId, documents, diagnostics, shared, (d) => d.doc)!;
}

/**
 * `buildTrace` with each document read by `docOf` when its turn comes (the loader parses its deferred documents
 * there, one at a time); undefined when `docOf` refuses one (the loader then reads its files again without
 * deferring).
 */
export function buildTraceFrom(
  traceId: string,
  documents: readonly PendingDocumentLike[],
  diagnostics: XrayDiagnostic[],
  shared: SharedValues,
  docOf: (d: PendingDocumentLike) => RawSegment | undefined,
): Trace | undefined {
  const fileSet = new Set<string>();
  for (const d of documents) fileSet.add(d.file);
  const fileList = [...fileSet];
  const traceFiles = fileList.join(', ');
  const report = reporter(traceId, traceFiles, diagnostics);
  const files = traceFiles === '' ? [] : fileList;
  const limitExceeded = documents.some((d) => d.limitExceeded === true);

  const cols = (shared.columns ??= new SpanColumns(shared.strings));
  cols.reset();
  const bytes = textBytes(documents);
  const bound = Math.min(MAX_RESERVED_SPANS, Math.ceil(bytes / MIN_BYTES_PER_SPAN));
  cols.reserve(bound);
  let room: ObjectRoom | undefined;
  if (bound < SAMPLE_FROM_SPANS) cols.reserveObjects(bound);
  else room = { sample: Math.max(SAMPLE_MIN_BYTES, bytes / 64), total: bytes };
  const streamed = streamDocuments(documents, cols, docOf, room);
  if (streamed === 'invalid') return undefined;
  let pending: PendingParent[];
  let segments = documents.length;
  if (streamed === 'dedupe') {
    const read: PendingDocumentLike[] = [];
    for (const d of documents) {
      const doc = docOf(d);
      if (doc === undefined) return undefined;
      read.push(doc === d.doc ? d : { ...d, doc });
    }
    const docs = uniqueDocuments(traceId, read, report);
    segments = docs.length;
    cols.reset();
    pending = flatten(docs, cols);
  } else {
    // What `uniqueDocuments` reports when it has nothing to remove.
    for (const k of streamed.anonymous)
      report(
        'error',
        'xray-no-id',
        `Trace ${traceId}: a segment document has no id; kept without links.`,
        documents[k].file,
      );
    pending = streamed.pending;
  }
  resolveParents(traceId, cols, pending, report);
  addInferred(cols);
  const scratch = scratchOf(cols);
  const lists = childLists(cols, scratch.children);
  sortChildren(cols, lists);
  const tree = depthFirst(traceId, cols, lists, report, scratch);
  const t = placeSpans(traceId, cols, lists, tree, shared, report);

  // Trace summary values.
  let start = Infinity;
  let end = -Infinity;
  let throttle = false;
  let partial = false;
  for (let k = 0; k < t.n; k++) {
    if (t.start[k] < start) start = t.start[k];
    const e = Number.isNaN(t.end[k]) ? t.start[k] : t.end[k];
    if (e > end) end = e;
    if (t.flags[k] & Flag.THROTTLE) throttle = true;
    if (t.flags[k] & Flag.IN_PROGRESS) partial = true;
  }
  if (!Number.isFinite(start)) start = 0;
  if (!Number.isFinite(end)) end = start;
  const rank = (k: number): number => (t.flags[k] & (Flag.ORPHAN | Flag.CYCLE) ? 1 : 0);
  const rootList = tree.roots.map((r) => tree.position[r]).filter((r) => r >= 0);
  rootList.sort((a, b) => rank(a) - rank(b) || t.start[a] - t.start[b]);
  const root = rootList.length > 0 ? rootList[0] : -1;
  // The trace's status as the X-Ray API defines it (see `traceStatus`): the root's error and fault, any throttle.
  return traceWithTable(
    {
      id: traceId,
      start,
      end,
      durationMs: Math.max(0, (end - start) * 1000),
      segments,
      roots: rootList,
      root,
      error: root >= 0 && (t.flags[root] & Flag.ERROR) !== 0,
      fault: root >= 0 && (t.flags[root] & Flag.FAULT) !== 0,
      throttle,
      partial,
      files,
      limitExceeded,
    },
    t,
  );
}
