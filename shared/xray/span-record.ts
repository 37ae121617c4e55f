/**
 * The last step of the tree build: the final columns of a trace (span-table.ts), filled once per span in
 * depth-first order from the build's columns (columns.ts), with what only the tree order fixes (depth, owning
 * segment, node id, duration, clock skew).
 */
import { INFERRED, SUBSEGMENT, StringTable, syntheticRare, type ChildLists, type SpanColumns } from './columns.ts';
import { nodeIdOf } from './identity.ts';
import { Flag } from './span-flags.ts';
import { newSlab, newSpanTable, type RareFields, type Slab, type SpanTable } from './span-table.ts';
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
}

/** A fresh set of shared values, for one load (see `SharedValues`). */
export function newSharedValues(): SharedValues {
  return { strings: new StringTable(), oneChild: [], nodeIds: new Map(), slab: newSlab() };
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

/** The rare fields of an added node, from its call's (`syntheticRare`). */
function rareOfSynthetic(r: RareFields | undefined): RareFields | undefined {
  return r === undefined ? undefined : syntheticRare(r);
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
  // The working columns keep an aws object only for documents held without their text; without any, the table's
  // column is the shared empty one.
  const t = newSpanTable(tree.count, lists.links, shared.oneChild, shared.slab, cols.aws !== undefined);
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
    if (segment !== n) node = t.node[segment];
    // An inferred document's node was worked out when it was read (`SpanColumns.identify`).
    else if (kind === INFERRED && !cols.has(i, Flag.SYNTHETIC))
      node = sharedNodeId(shared, cols.nodeName[i], cols.nodeType[i]);
    else node = sharedNodeId(shared, name, cols.origin[i]);
    t.ids.words[2 * n] = cols.ids.words[2 * i];
    t.ids.words[2 * n + 1] = cols.ids.words[2 * i + 1];
    const text = cols.ids.text?.[i];
    if (text !== undefined) (t.ids.text ??= new Array<string | undefined>(t.n))[n] = text;
    t.name[n] = name;
    t.origin[n] = cols.origin[i];
    const synthetic = cols.has(i, Flag.SYNTHETIC);
    // An added node shows its call's fields (`SpanColumns.sourceOf`); absent ones are left as holes (read undefined).
    const src = synthetic ? cols.call[i] : i;
    t.namespace[n] = synthetic ? '' : cols.namespace[i];
    t.node[n] = node;
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
    t.http[n] = cols.http[src];
    const aws = cols.aws?.[src];
    if (aws !== undefined) t.aws[n] = aws;
    const resource = cols.resource[src];
    if (resource !== undefined) t.resource[n] = resource;
    t.docTop[n] = tree.position[cols.top[i]];
    t.ordinal[n] = cols.ord[i];
    const rare = synthetic ? rareOfSynthetic(cols.rare[src]) : cols.rare[i];
    if (rare !== undefined) t.rare[n] = rare;
  }
  t.childOffset[tree.count] = links;
  return t;
}
