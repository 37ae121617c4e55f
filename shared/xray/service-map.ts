/**
 * The service map: computed from loaded traces in one pass over their spans (linear time, so 100,000 spans stay
 * well under a second), or read from a GetServiceGraph / GetTraceGraph response. Both end up as the same
 * `ServiceMap` so one view draws either.
 *
 * Counting follows the X-Ray console: a node counts the requests its segments served (response time as the
 * service recorded it); an edge counts calls as the caller recorded them (the calling subsegment, network time
 * included). Each request lands in exactly one bucket — fault (5xx) before throttle (429) before error (4xx)
 * before ok — so ok + errors + faults + throttles = requests.
 */
import type { XrayDiagnostic } from './types.ts';
import type { HistogramEntry, MapEdge, MapNode, MapStats, ServiceMap, Trace } from './types.ts';
import { INFERRED, SEGMENT, SUBSEGMENT } from './columns.ts';
import { Flag } from './span-flags.ts';
import { spanIdAt, spanTable, type SpanTable } from './span-table.ts';
import { isInferredType, nodeIdOf } from './trace.ts';
import { isObject } from '../json.ts';

/**
 * The client node of a root service: X-Ray's GetServiceGraph draws one per entry service, named after it with
 * type `client` (the developer guide's example: `xray-sample.elasticbeanstalk.com` / `client` calling the service
 * of the same name; the Grafana data source's test graph: `SampleSite` / `client`).
 */
export function clientNodeId(rootName: string): string {
  return nodeIdOf(rootName, 'client');
}

interface Acc {
  requests: number;
  ok: number;
  errors: number;
  faults: number;
  throttles: number;
  totalMs: number;
  /**
   * Response times counted by bucket: `slots` (see `slotOf`) for the buckets of the first ~16 s, grown as they are
   * needed, and `hist` (keyed by the bucket's tenths of a millisecond) for any other. Why: a Map update per request
   * was most of the map's time; an array slot is an increment, and the slots come out in order.
   */
  slots: Int32Array;
  hist: Map<number, number>;
}

/** Histogram slots at most (64 KB a node or edge): buckets up to 16,293 ms. */
const MAX_SLOTS = 16_384;
const NO_SLOTS = new Int32Array(0);

/**
 * The slot of a bucket key (tenths of a millisecond, see `add`): keys 0–100 (0.1 ms buckets under 10 ms, and
 * 100 for 10 ms) are slots 0–100; the 1 ms buckets above (keys 110, 120, …) follow. -1 for a key with no slot.
 */
function slotOf(key: number): number {
  const slot = key <= 100 ? key : 90 + key / 10;
  return slot >= 0 && slot < MAX_SLOTS && Number.isInteger(slot) ? slot : -1;
}

/** The bucket key of a slot (inverse of `slotOf`). */
function keyOfSlot(slot: number): number {
  return slot <= 100 ? slot : (slot - 90) * 10;
}

interface MapNodeAcc {
  acc: Acc;
  name: string;
  type: string;
  inferred: boolean;
  client: boolean;
  resources: Set<string>;
  /** The resource added last (see `computeServiceMap`). */
  lastResource: string | undefined;
  inProgress: number;
}

interface EdgeAcc {
  acc: Acc;
  from: string;
  to: string;
}

function newAcc(): Acc {
  return { requests: 0, ok: 0, errors: 0, faults: 0, throttles: 0, totalMs: 0, slots: NO_SLOTS, hist: new Map() };
}

/** Counts span `k` of a table as one request. */
function add(acc: Acc, t: SpanTable, k: number): void {
  acc.requests++;
  const f = t.flags[k];
  if (f & Flag.FAULT) acc.faults++;
  else if (f & Flag.THROTTLE) acc.throttles++;
  else if (f & Flag.ERROR) acc.errors++;
  else acc.ok++;
  const ms = t.durationMs[k];
  acc.totalMs += ms;
  // 0.1 ms buckets under 10 ms, 1 ms buckets above; `finish` turns the key back into ms (key / 10).
  const key = ms < 10 ? Math.round(ms * 10) : Math.round(ms) * 10;
  const slot = slotOf(key);
  if (slot < 0) {
    acc.hist.set(key, (acc.hist.get(key) ?? 0) + 1);
    return;
  }
  if (slot >= acc.slots.length) {
    const wider = new Int32Array(Math.min(MAX_SLOTS, Math.max(256, acc.slots.length * 2, slot + 1)));
    wider.set(acc.slots);
    acc.slots = wider;
  }
  acc.slots[slot]++;
}

/**
 * The node that called service span `i` of a trace's columns: the service owning the calling (sub)segment, the
 * client node of a root segment, or undefined when nobody can be named (an orphan, a broken cycle, a call made from
 * a subsegment whose own segment is missing). Shared by the map's edges and the filter's `edge()`.
 */
export function callerOf(t: SpanTable, i: number): string | undefined {
  const parent = t.parent[i];
  if (parent >= 0) {
    const owner = t.segment[parent];
    return t.kind[owner] !== SUBSEGMENT ? t.node[owner] : undefined;
  }
  if (t.flags[i] & (Flag.ORPHAN | Flag.CYCLE) || t.kind[i] !== SEGMENT) return undefined;
  return clientNodeId(t.name[i]);
}

function finish(acc: Acc): MapStats {
  const histogram: HistogramEntry[] = [];
  const slots = acc.slots;
  for (let slot = 0; slot < slots.length; slot++)
    if (slots[slot] > 0) histogram.push({ ms: keyOfSlot(slot) / 10, count: slots[slot] });
  // Slots come out by time already; keys without a slot (past ~16 s) are sorted in with them. Keys are distinct,
  // so the order is the one sorting all of them gives (durations are never NaN: see span-record.ts).
  if (acc.hist.size > 0) {
    for (const [tenths, count] of acc.hist) histogram.push({ ms: tenths / 10, count });
    histogram.sort((a, b) => a.ms - b.ms);
  }
  return {
    requests: acc.requests,
    ok: acc.ok,
    errors: acc.errors,
    faults: acc.faults,
    throttles: acc.throttles,
    totalMs: acc.totalMs,
    avgMs: acc.requests > 0 ? acc.totalMs / acc.requests : 0,
    histogram,
  };
}

/** The (name, type) a node id stands for; inverse of `nodeIdOf`. */
export function splitNodeId(id: string): { name: string; type: string } {
  const i = id.lastIndexOf('|');
  return i < 0 ? { name: id, type: '' } : { name: id.slice(0, i), type: id.slice(i + 1) };
}

/** The id of the edge between two nodes, stable so selections survive recomputation. */
export function edgeIdOf(from: string, to: string): string {
  return `${from}->${to}`;
}

/**
 * Computes the service map of a set of traces, as X-Ray's service graph has it: every segment (and inferred
 * segment) is a request to its node (name + type); a segment called from another service's (sub)segment is a call
 * along that edge, as the caller recorded it; a root segment was called by its client node. Subsegments are work
 * inside a service, not nodes; an in-progress segment is a node but no request yet (X-Ray counts a request when
 * it completes, so it is neither OK nor 0 ms). A node lists the resources (table, bucket, queue, topic, function)
 * its calls used.
 */
export function computeServiceMap(traces: readonly Trace[]): ServiceMap {
  const nodes = new Map<string, MapNodeAcc>();
  // Edges by caller, then callee: no `from->to` string per span; `edgeOrder` keeps the order they were first seen.
  const edgesFrom = new Map<string, Map<string, EdgeAcc>>();
  const edgeOrder: EdgeAcc[] = [];
  const nodeOf = (id: string, name: string, type: string, inferred: boolean, client: boolean) => {
    let n = nodes.get(id);
    if (!n)
      nodes.set(
        id,
        (n = {
          acc: newAcc(),
          name,
          type,
          inferred,
          client,
          resources: new Set(),
          lastResource: undefined,
          inProgress: 0,
        }),
      );
    return n;
  };
  const serviceNode = (t: SpanTable, k: number): MapNodeAcc => {
    const id = t.node[k];
    const n = nodes.get(id);
    if (n) return n;
    const { name, type } = splitNodeId(id);
    return nodeOf(id, name, type, t.kind[k] === INFERRED || isInferredType(type), false);
  };
  // The edge asked for last: calls of one service to one resource come in runs, so most spans skip both look-ups.
  let last: EdgeAcc | undefined;
  const edgeOf = (from: string, to: string) => {
    if (last !== undefined && last.from === from && last.to === to) return last;
    let byTo = edgesFrom.get(from);
    if (!byTo) edgesFrom.set(from, (byTo = new Map()));
    let e = byTo.get(to);
    if (!e) {
      byTo.set(to, (e = { acc: newAcc(), from, to }));
      edgeOrder.push(e);
    }
    return (last = e);
  };
  // The columns of each trace (span-table.ts): the map reads no span record, so none is made for it.
  const tables = traces.map(spanTable);
  for (const t of tables) {
    for (let i = 0; i < t.n; i++) {
      if (t.kind[i] === SUBSEGMENT) continue;
      const node = serviceNode(t, i);
      const to = t.node[i];
      // Every entry's name is the name part of its id (a client node's id is made from the name it holds).
      const resource = t.kind[i] === INFERRED ? t.resource[i] : undefined;
      // Calls of a node name the same resource in runs: the set is asked only when it changes.
      if (resource !== undefined && resource !== node.name && resource !== node.lastResource) {
        node.resources.add(resource);
        node.lastResource = resource;
      }
      const from = callerOf(t, i);
      const parent = t.parent[i];
      if (t.flags[i] & Flag.IN_PROGRESS) {
        node.inProgress++;
        if (from !== undefined) edgeOf(from, to);
        if (from !== undefined && parent < 0) nodeOf(from, t.name[i], 'client', false, true);
        continue;
      }
      add(node.acc, t, i);
      if (from === undefined) continue;
      if (parent >= 0) {
        const callerCounts = t.kind[parent] === SUBSEGMENT && (t.flags[parent] & Flag.IN_PROGRESS) === 0;
        add(edgeOf(from, to).acc, t, callerCounts ? parent : i);
      } else {
        add(nodeOf(from, t.name[i], 'client', false, true).acc, t, i);
        add(edgeOf(from, to).acc, t, i);
      }
    }
  }
  // Linked traces (SQS → Lambda): a segment that links to a send call of another loaded trace was fed by the
  // queue that call went to; X-Ray draws that edge dashed (GetServiceGraph `EdgeType: "link"`).
  const linkEdges = new Map<string, { acc: Acc; from: string; to: string }>();
  let spanIndex: Map<string, { t: SpanTable; i: number }> | undefined;
  tables.forEach((t) => {
    for (let i = 0; i < t.n; i++) {
      const links = t.rare[i]?.links;
      if (!links || t.kind[i] === SUBSEGMENT || t.flags[i] & Flag.IN_PROGRESS) continue;
      if (!spanIndex) {
        spanIndex = new Map();
        tables.forEach((x, j) => {
          for (let k = 0; k < x.n; k++)
            if (!(x.flags[k] & Flag.SYNTHETIC)) {
              const id = spanIdAt(x, k);
              if (id) spanIndex!.set(`${traces[j].id}/${id}`, { t: x, i: k });
            }
        });
      }
      const to = t.node[i];
      const seen = new Set<string>();
      for (const link of links) {
        const target = spanIndex.get(`${link.traceId}/${link.id}`);
        if (!target) continue;
        const c = target.t;
        const call = target.i;
        // The node the message went through: the call's downstream (inferred) node, else the calling service.
        let downstream = -1;
        for (let j = c.childOffset[call]; j < c.childOffset[call + 1] && downstream < 0; j++)
          if (c.kind[c.childList[j]] === INFERRED) downstream = c.childList[j];
        const owner = c.segment[call];
        const from = downstream >= 0 ? c.node[downstream] : c.kind[owner] !== SUBSEGMENT ? c.node[owner] : undefined;
        if (from === undefined || from === to || seen.has(from)) continue;
        seen.add(from);
        const id = edgeIdOf(from, to);
        let e = linkEdges.get(id);
        if (!e) linkEdges.set(id, (e = { acc: newAcc(), from, to }));
        add(e.acc, t, i);
      }
    }
  });

  const outNodes: MapNode[] = [];
  for (const [id, n] of nodes) {
    const node: MapNode = { id, name: n.name, type: n.type, inferred: n.inferred, client: n.client, ...finish(n.acc) };
    if (n.resources.size > 0) node.resources = [...n.resources].sort();
    if (n.inProgress > 0) node.inProgress = n.inProgress;
    outNodes.push(node);
  }
  const outEdges: MapEdge[] = [];
  for (const e of edgeOrder) outEdges.push({ id: edgeIdOf(e.from, e.to), from: e.from, to: e.to, ...finish(e.acc) });
  for (const [id, e] of linkEdges)
    if (!edgesFrom.get(e.from)?.has(e.to))
      outEdges.push({ id, from: e.from, to: e.to, ...finish(e.acc), edgeType: 'link' });
  return { nodes: outNodes, edges: outEdges };
}

function n0(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function statsFrom(summary: unknown, histogram: unknown): MapStats {
  const s = isObject(summary) ? summary : {};
  const err = isObject(s.ErrorStatistics) ? s.ErrorStatistics : {};
  const fault = isObject(s.FaultStatistics) ? s.FaultStatistics : {};
  const requests = n0(s.TotalCount);
  const throttles = n0(err.ThrottleCount);
  const errors = Math.max(0, n0(err.TotalCount) - throttles);
  const faults = n0(fault.TotalCount);
  const totalMs = n0(s.TotalResponseTime) * 1000;
  const hist: HistogramEntry[] = [];
  if (Array.isArray(histogram)) {
    for (const h of histogram) if (isObject(h)) hist.push({ ms: n0(h.Value) * 1000, count: n0(h.Count) });
    hist.sort((a, b) => a.ms - b.ms);
  }
  return {
    requests,
    ok: typeof s.OkCount === 'number' ? s.OkCount : Math.max(0, requests - errors - faults - throttles),
    errors,
    faults,
    throttles,
    totalMs,
    avgMs: requests > 0 ? totalMs / requests : 0,
    histogram: hist,
  };
}

function sumStats(a: MapStats, b: MapStats): MapStats {
  const requests = a.requests + b.requests;
  const totalMs = a.totalMs + b.totalMs;
  const hist = new Map<number, number>();
  for (const h of [...a.histogram, ...b.histogram]) hist.set(h.ms, (hist.get(h.ms) ?? 0) + h.count);
  return {
    requests,
    ok: a.ok + b.ok,
    errors: a.errors + b.errors,
    faults: a.faults + b.faults,
    throttles: a.throttles + b.throttles,
    totalMs,
    avgMs: requests > 0 ? totalMs / requests : 0,
    histogram: [...hist].map(([ms, count]) => ({ ms, count })).sort((x, y) => x.ms - y.ms),
  };
}

/**
 * Reads the `Services` list of GetServiceGraph / GetTraceGraph. Node statistics come from SummaryStatistics
 * (errors exclude throttles, as the console shows them); a client node has none, so it gets the sum of its
 * outgoing edges. A root-cause fragment (`Services` with only `Name`/`EntityPath`) yields bare nodes.
 */
export function serviceGraphToMap(services: readonly unknown[]): { map: ServiceMap; diagnostics: XrayDiagnostic[] } {
  const diagnostics: XrayDiagnostic[] = [];
  const byRef = new Map<number, string>();
  const nodes = new Map<string, MapNode>();
  services.forEach((svc, i) => {
    if (!isObject(svc) || typeof svc.Name !== 'string') {
      diagnostics.push({
        severity: 'warning',
        message: `Services[${i}] has no Name; skipped.`,
        line: 1,
        column: 1,
        source: 'xray',
        code: 'xray-graph-shape',
      });
      return;
    }
    const type = typeof svc.Type === 'string' ? svc.Type : '';
    const id = nodeIdOf(svc.Name, type);
    const ref = typeof svc.ReferenceId === 'number' ? svc.ReferenceId : -1 - i;
    byRef.set(ref, id);
    const stats = statsFrom(svc.SummaryStatistics, svc.ResponseTimeHistogram);
    const node: MapNode = {
      id,
      name: svc.Name,
      type,
      inferred: type !== 'client' && isInferredType(type),
      client: type === 'client',
      ...stats,
    };
    const prev = nodes.get(id);
    nodes.set(id, prev ? { ...prev, ...sumStats(prev, node) } : node);
  });
  const edges = new Map<string, MapEdge>();
  const clientOut = new Map<string, MapStats>();
  services.forEach((svc, i) => {
    if (!isObject(svc) || typeof svc.Name !== 'string' || !Array.isArray(svc.Edges)) return;
    const from = byRef.get(typeof svc.ReferenceId === 'number' ? svc.ReferenceId : -1 - i);
    if (!from) return;
    for (const e of svc.Edges) {
      if (!isObject(e)) continue;
      const to = typeof e.ReferenceId === 'number' ? byRef.get(e.ReferenceId) : undefined;
      if (!to) {
        diagnostics.push({
          severity: 'warning',
          message: `An edge of "${svc.Name}" points at ReferenceId ${String(e.ReferenceId)}, which is not in the graph; skipped.`,
          line: 1,
          column: 1,
          source: 'xray',
          code: 'xray-graph-edge',
        });
        continue;
      }
      const stats = statsFrom(e.SummaryStatistics, e.ResponseTimeHistogram);
      const id = edgeIdOf(from, to);
      const prev = edges.get(id);
      const edge: MapEdge = { id, from, to, ...(prev ? sumStats(prev, stats) : stats) };
      if (typeof e.EdgeType === 'string') edge.edgeType = e.EdgeType;
      edges.set(id, edge);
      if (nodes.get(from)?.client)
        clientOut.set(from, clientOut.has(from) ? sumStats(clientOut.get(from)!, stats) : stats);
    }
  });
  for (const [id, stats] of clientOut) {
    const n = nodes.get(id)!;
    if (n.requests === 0) nodes.set(id, { ...n, ...stats });
  }
  return { map: { nodes: [...nodes.values()], edges: [...edges.values()] }, diagnostics };
}

/** Merges maps read from several files (same node id = same node; statistics add up). */
export function mergeServiceMaps(maps: readonly ServiceMap[]): ServiceMap {
  const nodes = new Map<string, MapNode>();
  const edges = new Map<string, MapEdge>();
  for (const m of maps) {
    for (const n of m.nodes) {
      const p = nodes.get(n.id);
      nodes.set(n.id, p ? { ...p, ...sumStats(p, n) } : n);
    }
    for (const e of m.edges) {
      const p = edges.get(e.id);
      edges.set(e.id, p ? { ...p, ...sumStats(p, e) } : e);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/**
 * Bins a sparse (value, count) histogram into `bins` equal-width buckets for drawing, because X-Ray's
 * histograms are sparse pairs and a chart needs fixed buckets.
 */
export function binHistogram(
  entries: readonly HistogramEntry[],
  bins = 20,
): { fromMs: number; toMs: number; count: number }[] {
  if (entries.length === 0) return [];
  const min = entries[0].ms;
  const max = entries[entries.length - 1].ms;
  const width = max > min ? (max - min) / bins : 1;
  const out = Array.from({ length: max > min ? bins : 1 }, (_, i) => ({
    fromMs: min + i * width,
    toMs: min + (i + 1) * width,
    count: 0,
  }));
  for (const e of entries) {
    const b = Math.min(out.length - 1, Math.floor((e.ms - min) / width));
    out[b].count += e.count;
  }
  return out;
}
