/**
 * The last step of the tree build: the final columns of a trace (span-table.ts), filled once per span in
 * depth-first order from the build's columns (columns.ts), with what only the tree order fixes (depth, owning
 * segment, node id, duration, clock skew).
 */
import { INFERRED, SUBSEGMENT, StringTable, type ChildLists, type SpanColumns } from './columns.ts';
import { nodeIdOf } from './identity.ts';
import { Flag } from './span-flags.ts';
import { newSlab, newSpanTable, NO_AWS, type ObjectColumns, type Slab, type SpanTable } from './span-table.ts';
import type { Report, TreeOrder } from './tree.ts';

/**
 * Values the traces of one load share instead of each holding a copy: repeated names, origins and node ids (they
 * repeat on every span of a service), and one-element `children` lists (every call with an inferred node has
 * one; the same index recurs across traces of the same shape). Shared lists are frozen.
 */
export interface SharedValues {
  strings: StringTable;
  oneChild: (readonly number[])[];
  /** Service map node ids by type, then name: made and looked up once per service, not once per span. */
  nodeIds: Map<string, Map<string, string>>;
  /** The tree build's working columns, reused by every trace of the load (see `SpanColumns.reset`). */
  columns?: SpanColumns;
  /** Memory the traces' tables take their numbers from (see `Slab`). */
  slab: Slab;
  /** Traces of at least this many spans take over the build's columns (see `ADOPT_MIN_SPANS`). */
  adoptMinSpans: number;
}

/** A fresh set of shared values, for one load (see `SharedValues`). */
export function newSharedValues(): SharedValues {
  return {
    strings: new StringTable(),
    oneChild: [],
    nodeIds: new Map(),
    slab: newSlab(),
    adoptMinSpans: ADOPT_MIN_SPANS,
  };
}

/** `nodeIdOf(name, type)`, one string per node for the whole load. */
function sharedNodeId(shared: SharedValues, name: string, type: string): string {
  let byName = shared.nodeIds.get(type);
  if (!byName) shared.nodeIds.set(type, (byName = new Map()));
  let id = byName.get(name);
  if (id === undefined) byName.set(name, (id = nodeIdOf(name, type)));
  return id;
}

/** Appends the children of span `i` at their final positions to the table's child list (a cut cycle link is skipped). */
function placeChildren(
  i: number,
  cols: SpanColumns,
  lists: ChildLists,
  tree: TreeOrder,
  t: SpanTable,
  at: number,
): number {
  const position = tree.position;
  for (let k = lists.offset[i]; k < lists.offset[i + 1]; k++) {
    const c = lists.list[k];
    if (!tree.cut || cols.parent[c] === i) t.childList[at++] = position[c];
  }
  return at;
}

/** A warning about span `i` (its id made here: ids are kept as numbers, span-ids.ts). */
function warn(report: Report, traceId: string, cols: SpanColumns, i: number, code: string, what: string): void {
  const id = cols.idOf(i);
  report('warning', code, `Trace ${traceId}: "${cols.name[i]}" (${id}) ${what}`, undefined, id);
}

/**
 * Step 6. The final columns, in depth-first order: depth, owning segment, node id, duration, clock skew, outcome
 * and the fields records show (span-table.ts makes the records from them when they are read).
 */
export function placeSpans(
  traceId: string,
  cols: SpanColumns,
  lists: ChildLists,
  tree: TreeOrder,
  shared: SharedValues,
  report: Report,
): SpanTable {
  // A big trace's table takes over the working columns of strings and objects, reordered in place below; a small
  // one's are copies (the working columns then serve the next trace of the load).
  const adopt = tree.count >= shared.adoptMinSpans;
  cols.fillAddedNodes();
  // The working columns keep an aws object only for documents held without their text; without any, the table's
  // column is the shared empty one.
  const t = newSpanTable(
    tree.count,
    lists.links,
    shared.oneChild,
    shared.slab,
    cols.aws !== undefined,
    adopt ? objectColumnsOf(cols) : undefined,
  );
  let links = 0;
  for (let n = 0; n < tree.count; n++) {
    const i = tree.order[n];
    const name = cols.name[i];
    const parent = cols.parent[i] >= 0 ? tree.position[cols.parent[i]] : -1;
    const kind = cols.kind[i];
    const segment = parent >= 0 && kind === SUBSEGMENT ? t.segment[parent] : n;
    const end = cols.end[i];
    let start = cols.start[i];
    let skew = false;
    if (!Number.isFinite(start)) {
      warn(report, traceId, cols, i, 'xray-no-start', 'has no valid start_time.');
      start = parent >= 0 ? t.start[parent] : Number.isNaN(end) ? 0 : end;
      skew = true;
    }
    let durationMs = 0;
    let inProgress = cols.has(i, Flag.IN_PROGRESS);
    if (!Number.isNaN(end)) {
      if (end < start) {
        skew = true;
        warn(
          report,
          traceId,
          cols,
          i,
          'xray-clock-skew',
          'ends before it starts (clock skew); shown with no duration.',
        );
      } else {
        durationMs = (end - start) * 1000;
      }
    } else if (!inProgress) {
      inProgress = true;
      const what = 'has neither end_time nor in_progress; treated as in progress.';
      warn(report, traceId, cols, i, 'xray-no-end', what);
    }
    let node: string;
    // Adopted columns are still in the build's order: the segment's node is at its build index.
    if (segment !== n) node = t.node[adopt ? tree.order[segment] : segment];
    // An inferred document's node was worked out when it was read (`SpanColumns.identify`).
    else if (kind === INFERRED && !cols.has(i, Flag.SYNTHETIC))
      node = sharedNodeId(shared, cols.nodeName[i], cols.nodeType[i]);
    else node = sharedNodeId(shared, name, cols.origin[i]);
    t.ids.words[2 * n] = cols.ids.words[2 * i];
    t.ids.words[2 * n + 1] = cols.ids.words[2 * i + 1];
    const text = cols.ids.text?.[i];
    if (text !== undefined) (t.ids.text ??= new Array<string | undefined>(t.n))[n] = text;
    if (adopt) t.node[i] = node;
    else {
      // Absent fields are left as holes (read undefined).
      t.name[n] = name;
      t.origin[n] = cols.origin[i];
      t.namespace[n] = cols.namespace[i];
      t.node[n] = node;
      t.http[n] = cols.http[i];
      const aws = cols.aws?.[i];
      if (aws !== undefined) t.aws[n] = aws;
      const resource = cols.resource[i];
      if (resource !== undefined) t.resource[n] = resource;
      const rare = cols.rare[i];
      if (rare !== undefined) t.rare[n] = rare;
    }
    t.kind[n] = kind;
    t.flags[n] = cols.flags[i] | (inProgress ? Flag.IN_PROGRESS : 0) | (skew ? Flag.SKEW : 0);
    t.start[n] = start;
    t.end[n] = end;
    t.durationMs[n] = durationMs;
    t.parent[n] = parent;
    t.depth[n] = parent >= 0 ? t.depth[parent] + 1 : 0;
    t.segment[n] = segment;
    t.childOffset[n] = links;
    links = placeChildren(i, cols, lists, tree, t, links);
    t.docTop[n] = tree.position[cols.top[i]];
    t.ordinal[n] = cols.ord[i];
  }
  t.childOffset[tree.count] = links;
  if (adopt) {
    const columns: unknown[][] = [t.name, t.origin, t.namespace, t.node, t.http, t.resource, t.rare];
    if (t.aws !== NO_AWS) columns.push(t.aws);
    gatherInPlace(columns, tree.position, cols.n, tree.count);
    cols.detachObjects();
  }
  return t;
}

/**
 * Traces of at least this many spans take over the tree build's columns of strings and objects. The arrays of
 * such a table are each at least 128 KB, which V8 allocates as large objects, each from memory not touched before:
 * taking them over took the tree build of a 100,000-span trace from about 175 to 145 ms, and its text → traces + map
 * down 5–10 % (bench/xray-pair.ts). Below this they are ordinary young objects and copies cost little.
 */
export const ADOPT_MIN_SPANS = 16_384;

/** The working columns as a table's (`newSpanTable`): the same arrays, still in the build's order. */
function objectColumnsOf(cols: SpanColumns): ObjectColumns {
  const { name, origin, namespace, nodeName, http, aws, resource, rare } = cols;
  return { name, origin, namespace, node: nodeName, http, resource, rare, ...(aws ? { aws } : {}) };
}

/**
 * Moves entry `i` of every column to `position[i]` (-1: the span is left out of the table), in place, and cuts the
 * columns to `count`. Each move carries the entry it displaces on to that entry's own place, until a free place
 * (a left-out span's, or one already moved away) or the start of the cycle.
 */
export function gatherInPlace(columns: unknown[][], position: Int32Array, size: number, count: number): void {
  const moved = new Uint8Array(size);
  const carried = new Array<unknown>(columns.length);
  for (let start = 0; start < size; start++) {
    if (moved[start] || position[start] < 0) continue;
    for (let c = 0; c < columns.length; c++) carried[c] = columns[c][start];
    for (let i = start; ;) {
      moved[i] = 1;
      const p = position[i];
      if (p === i) break;
      const onward = !moved[p] && position[p] >= 0;
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c];
        const displaced = column[p];
        column[p] = carried[c];
        carried[c] = displaced;
      }
      if (!onward) break;
      i = p;
    }
  }
  for (const column of columns) column.length = count;
}
