/**
 * The last step of the tree build: the `Span` records views keep, made once per span in depth-first order from
 * the columns (columns.ts) and the span's document, with what only the tree order fixes (depth, owning segment,
 * node id, duration, clock skew).
 */
import {
  CYCLE,
  HAS_SQL,
  IN_PROGRESS,
  INFERRED,
  KIND_NAMES,
  ORPHAN,
  SUBSEGMENT,
  SYNTHETIC,
  type ChildLists,
  type SpanColumns,
} from './columns.ts';
import { inferredIdentity, nodeIdOf } from './identity.ts';
import { normalizeTraceId } from './ids.ts';
import { annotationsOf, exceptionsOf, httpOf, NO_CHILDREN, NO_EXCEPTIONS, statusOf } from './span-fields.ts';
import type { PendingDocumentLike, Report, TreeOrder } from './tree.ts';
import type { Span } from './types.ts';
import { isObject, str } from './values.ts';

/**
 * Values the traces of one load share instead of each holding a copy: repeated names, origins and node ids (they
 * repeat on every span of a service), and one-element `children` lists (every call with an inferred node has
 * one; the same index recurs across traces of the same shape). Shared lists are frozen.
 */
export interface SharedValues {
  strings: Map<string, string>;
  oneChild: (readonly number[])[];
  /** Service map node ids by type, then name: made and looked up once per service, not once per span. */
  nodeIds: Map<string, Map<string, string>>;
}

/** A fresh set of shared values, for one load (see `SharedValues`). */
export function newSharedValues(): SharedValues {
  return { strings: new Map(), oneChild: [], nodeIds: new Map() };
}

/** `nodeIdOf(name, type)`, one string per node for the whole load. */
function sharedNodeId(shared: SharedValues, name: string, type: string): string {
  let byName = shared.nodeIds.get(type);
  if (!byName) shared.nodeIds.set(type, (byName = new Map()));
  let id = byName.get(name);
  if (id === undefined) byName.set(name, (id = nodeIdOf(name, type)));
  return id;
}

function oneChild(shared: SharedValues, child: number): readonly number[] {
  if (child >= 4096) return [child];
  return (shared.oneChild[child] ??= Object.freeze([child]));
}

function documentJson(d: PendingDocumentLike): string | undefined {
  if (d.text !== undefined) return d.text;
  try {
    return JSON.stringify(d.doc);
  } catch {
    return undefined; // nesting deeper than JSON.stringify's stack: the Raw JSON view says it is unavailable
  }
}

/** Values fixed once the tree is in depth-first order; one object reused for every span. */
interface Placed {
  start: number;
  durationMs: number;
  inProgress: boolean;
  skew: boolean;
  parent: number;
  children: readonly number[];
  depth: number;
  segment: number;
  node: string;
}

/**
 * The span record views keep. Fields every span has come first, in one order, so all spans share a few hidden
 * classes; `end`, `aws` and the rarely present fields are added only when the document has them (no per-span
 * `undefined` slots).
 */
function spanRecord(cols: SpanColumns, i: number, x: Placed, doc: PendingDocumentLike | undefined): Span {
  const raw = cols.raw[i];
  const synthetic = cols.has(i, SYNTHETIC);
  const http = httpOf(raw.http);
  const status = http.status;
  // The document's own flags are what the SDK decided; the status code fills in only when it recorded none (the
  // SDKs set error for 4xx, error + throttle for 429, fault for 5xx: aws-xray-sdk-node http_p.js / utils
  // getCauseTypeFromHttpStatus), so a 404 the SDK recorded as a fault is a fault, not also an error.
  const flagged = typeof raw.error === 'boolean' || typeof raw.fault === 'boolean' || typeof raw.throttle === 'boolean';
  const fault = flagged ? raw.fault === true : status !== undefined && status >= 500 && status < 600;
  const throttle = flagged ? raw.throttle === true : status === 429;
  const error = flagged ? raw.error === true : status !== undefined && status >= 400 && status < 500;
  const end = cols.end[i];
  const span: Span = {
    id: cols.id[i],
    name: cols.name[i],
    kind: KIND_NAMES[cols.kind[i]],
    synthetic,
    origin: cols.origin[i],
    namespace: cols.namespace[i],
    start: x.start,
    durationMs: x.durationMs,
    inProgress: x.inProgress,
    error,
    fault,
    throttle,
    status: statusOf(x.inProgress, error, fault, throttle),
    http,
    exceptions: synthetic ? NO_EXCEPTIONS : exceptionsOf(raw.cause),
    parent: x.parent,
    children: x.children,
    depth: x.depth,
    segment: x.segment,
    node: x.node,
    orphan: cols.has(i, ORPHAN),
    cycle: cols.has(i, CYCLE),
    skew: x.skew,
  };
  // Added, not deleted when absent: a `delete` turns the object into a dictionary (about 1.6 KB a span in V8).
  if (!Number.isNaN(end)) span.end = end;
  const aws = cols.aws(i);
  if (aws !== undefined) span.aws = aws;
  if (cols.has(i, HAS_SQL)) span.sql = raw.sql as Record<string, unknown>;
  if (!synthetic) {
    const annotations = annotationsOf(raw.annotations);
    if (annotations) span.annotations = annotations;
    if (isObject(raw.metadata)) span.metadata = raw.metadata;
  }
  if (typeof raw.cause === 'string') span.causeRef = raw.cause;
  const user = str(raw.user);
  if (user !== undefined) span.user = user;
  const resourceArn = str(raw.resource_arn);
  if (resourceArn !== undefined) span.resourceArn = resourceArn;
  if (!synthetic && Array.isArray(raw.links)) {
    const links: { traceId: string; id: string }[] = [];
    for (const l of raw.links) {
      if (!isObject(l)) continue;
      const traceId = str(l.trace_id);
      const id = str(l.id);
      if (traceId && id) links.push({ traceId: normalizeTraceId(traceId), id });
    }
    if (links.length > 0) span.links = links;
  }
  if (doc) {
    const json = documentJson(doc);
    if (json !== undefined) span.rawJson = json;
  }
  return span;
}

/** The children of span `i` at their final positions (a cut cycle link is skipped). */
function placedChildren(
  i: number,
  cols: SpanColumns,
  lists: ChildLists,
  tree: TreeOrder,
  shared: SharedValues,
): readonly number[] {
  const from = lists.offset[i];
  const to = lists.offset[i + 1];
  if (to === from) return NO_CHILDREN;
  const position = tree.position;
  if (!tree.cut) {
    if (to - from === 1) return oneChild(shared, position[lists.list[from]]);
    const out = new Array<number>(to - from);
    for (let k = from; k < to; k++) out[k - from] = position[lists.list[k]];
    return out;
  }
  const out: number[] = [];
  for (let k = from; k < to; k++) if (cols.parent[lists.list[k]] === i) out.push(position[lists.list[k]]);
  return out.length === 0 ? NO_CHILDREN : out.length === 1 ? oneChild(shared, out[0]) : out;
}

/** Step 6. The final records, in depth-first order: depth, owning segment, node id, duration and clock skew. */
export function placeSpans(
  traceId: string,
  cols: SpanColumns,
  lists: ChildLists,
  tree: TreeOrder,
  docs: readonly PendingDocumentLike[],
  shared: SharedValues,
  report: Report,
): Span[] {
  const out: Span[] = new Array(tree.count);
  const x: Placed = {
    start: 0.5,
    durationMs: 0.5,
    inProgress: false,
    skew: false,
    parent: -1,
    children: NO_CHILDREN,
    depth: 0,
    segment: 0,
    node: '',
  };
  for (let n = 0; n < tree.count; n++) {
    const i = tree.order[n];
    const name = cols.name[i];
    const id = cols.id[i];
    const parent = cols.parent[i] >= 0 ? tree.position[cols.parent[i]] : -1;
    const p = parent >= 0 ? out[parent] : undefined;
    const kind = cols.kind[i];
    const segment = p && kind === SUBSEGMENT ? p.segment : n;
    const end = cols.end[i];
    let start = cols.start[i];
    let skew = false;
    if (!Number.isFinite(start)) {
      report('warning', 'xray-no-start', `Trace ${traceId}: "${name}" (${id}) has no valid start_time.`, undefined, id);
      start = p ? p.start : Number.isNaN(end) ? 0 : end;
      skew = true;
    }
    let durationMs = 0;
    let inProgress = cols.has(i, IN_PROGRESS);
    if (!Number.isNaN(end)) {
      if (end < start) {
        skew = true;
        report(
          'warning',
          'xray-clock-skew',
          `Trace ${traceId}: "${name}" (${id}) ends before it starts (clock skew); shown with no duration.`,
          undefined,
          id,
        );
      } else {
        durationMs = (end - start) * 1000;
      }
    } else if (!inProgress) {
      inProgress = true;
      report(
        'warning',
        'xray-no-end',
        `Trace ${traceId}: "${name}" (${id}) has neither end_time nor in_progress; treated as in progress.`,
        undefined,
        id,
      );
    }
    let node: string;
    if (segment !== n) node = out[segment].node;
    else if (kind === INFERRED && !cols.has(i, SYNTHETIC)) {
      const idn = inferredIdentity(name, '', cols.aws(i), false, cols.origin[i]);
      node = sharedNodeId(shared, idn.name, idn.type);
    } else node = sharedNodeId(shared, name, cols.origin[i]);
    x.start = start;
    x.durationMs = durationMs;
    x.inProgress = inProgress;
    x.skew = skew;
    x.parent = parent;
    x.children = placedChildren(i, cols, lists, tree, shared);
    x.depth = p ? p.depth + 1 : 0;
    x.segment = segment;
    x.node = node;
    out[n] = spanRecord(cols, i, x, cols.doc[i] >= 0 ? docs[cols.doc[i]] : undefined);
  }
  return out;
}
