/**
 * Lays out a `StateGraph` with elkjs, one scope at a time. A scope is the top level, one Parallel branch or one
 * Map item processor; each is laid out as a flat graph with its own Start/End markers, and an expanded group's
 * size is its laid-out content plus padding, composed bottom-up. This is much faster than one compound ELK call
 * (ELK's cost grows faster than linearly with graph height), lets an edit re-lay-out only the scopes whose content
 * changed (scope layouts are cached by a hash of their content), and never recurses, so deep nesting is safe.
 *
 * Ordinary machines get ELK's full treatment in every scope. Very large machines (over FAST_MODE_THRESHOLD nodes)
 * switch to fast mode: edges spanning many layers are routed in a channel beside the scope instead of through ELK
 * (they cost one ELK dummy node per layer crossed), tall scopes are cut into segments at single-edge cuts and
 * stacked, and scopes or segments of up to SMALL_ENGINE_MAX nodes use the built-in small layered layout, since an
 * ELK run costs milliseconds even for a handful of nodes.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions as ElkOptions } from 'elkjs/lib/elk-api';
import { SYNTHETIC_PREFIX } from '../asl/types.ts';
import type { GraphEdge, GraphState, StateGraph, SyntheticNode } from '../asl/types.ts';
import { createAsyncElk, defaultElkEngine } from './elk-engine.ts';
import type { LayoutEngine } from './elk-engine.ts';
import { GROUP_METRICS, NODE_FONT, nodeSize, textWidth } from './node-size.ts';
import { smallLayered } from './small-layered.ts';
import type { SmallEdge } from './small-layered.ts';
import type { Layout, LayoutEdge, LayoutNode, LayoutNodeKind, LayoutOptions } from './types.ts';

export { createElkEngine } from './elk-engine.ts';
export type { CountingEngine, LayoutEngine } from './elk-engine.ts';

/** Groups nested deeper than this are drawn collapsed: a guard against absurd or malicious nesting. */
export const MAX_NESTING = 1000;

/** Scopes with more nodes than this get long edges routed beside the graph instead of through ELK (speed). */
export const LONG_EDGE_SCOPE_THRESHOLD = 60;

/**
 * Graphs with more visible nodes than this are laid out in fast mode: every scope routes its long edges beside
 * the graph and ELK runs with its cheapest crossing minimisation. Small machines keep ELK's best routing.
 */
export const FAST_MODE_THRESHOLD = 150;

/**
 * In fast mode, scopes and segments of up to this many nodes use the built-in small layered layout, not ELK (a cold
 * ELK costs milliseconds per call even on small graphs). It equals SEGMENT_MIN, so every scope too small to be cut
 * is drawn there, and so is every segment of a cut scope that stays within this size, as segments normally do:
 * they aim at 50 to 140 nodes. A segment is larger only where no single-edge cut exists for a long stretch, and a
 * tall scope with no cut at all stays whole; those go to ELK. On the generated 1,000- and 5,000-state machines
 * every scope and segment is drawn here (cold layout of 1,000 states: 512 ms with ELK segments, under 60 ms here).
 */
export const SMALL_ENGINE_MAX = 160;

/** Scopes with more nodes than this are cut into segments laid out one by one and stacked (see segmentScope). */
export const SEGMENT_MIN = 160;
const SEGMENT_TARGET_MIN = 50;
const SEGMENT_TARGET_MAX = 140;

/** Edges spanning more layers than this count as long in large scopes. */
const LONG_SPAN = 3;

const SPACING = { nodeNode: 30, betweenLayers: 40, padding: 12, channel: 10, channelMargin: 16 } as const;

/** A laid-out scope in its own coordinates (origin at its top-left corner). */
interface ScopeLayout {
  width: number;
  height: number;
  /** Top-left of each node, by node id. */
  pos: Map<string, { x: number; y: number }>;
  /** Polyline of each edge routed inside the scope, by edge id. */
  edges: Map<string, { x: number; y: number }[]>;
  /** Label centres chosen with the route (the small layered layout keeps labels apart); others use labelPoint. */
  labels?: Map<string, { x: number; y: number }>;
}

/** Scope layouts by content hash, shared between successive layouts of the same (edited) document. */
export interface LayoutCache {
  get(key: string): ScopeLayout | undefined;
  set(key: string, value: ScopeLayout): void;
  readonly size: number;
  hits: number;
  misses: number;
  clear(): void;
}

/** Creates a cache to pass to `layoutGraph` on every re-layout of one document (bounded, least-recently used). */
export function createLayoutCache(maxEntries = 5000): LayoutCache {
  const map = new Map<string, ScopeLayout>();
  const cache: LayoutCache = {
    hits: 0,
    misses: 0,
    get size() {
      return map.size;
    },
    get(key) {
      const v = map.get(key);
      if (v) {
        map.delete(key);
        map.set(key, v);
        cache.hits++;
      } else cache.misses++;
      return v;
    },
    set(key, value) {
      map.set(key, value);
      while (map.size > maxEntries) {
        const oldest = map.keys().next().value;
        if (oldest === undefined) break;
        map.delete(oldest);
      }
    },
    clear() {
      map.clear();
      cache.hits = 0;
      cache.misses = 0;
    },
  };
  return cache;
}

/** Options for one layout run: the serialisable `LayoutOptions` plus in-process helpers. */
export interface LayoutRunOptions extends LayoutOptions {
  cache?: LayoutCache;
  /** The ELK engine to use (tests inject a counting one); defaults to a shared in-process engine. */
  engine?: LayoutEngine;
}

/** Id of the lane node for branch `index` of Parallel state `parent`. */
export function branchLaneId(parent: string, index: number): string {
  return `${SYNTHETIC_PREFIX}branch:${parent}:${index}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Model: which node lives in which scope

interface Item {
  id: string;
  kind: LayoutNodeKind;
  width: number;
  height: number;
  collapsed?: boolean;
}

interface Scope {
  key: string;
  /** The group this scope belongs to, or null for the top level. */
  owner: string | null;
  branch: number;
  depth: number;
  items: Item[];
  edges: GraphEdge[];
  layout?: ScopeLayout;
}

interface GroupInfo {
  id: string;
  type: 'Parallel' | 'Map';
  lanes: Scope[];
  width: number;
  height: number;
  /** Offsets of each lane (Parallel) or the processor content (Map) inside the group. */
  laneBoxes: { x: number; y: number; width: number; height: number }[];
  contentOffsets: { x: number; y: number }[];
}

function scopeKey(owner: string | null, branch: number): string {
  return owner === null ? '' : `${owner}\u0000${branch}`;
}

function toCollapsedSet(c: LayoutOptions['collapsed']): Set<string> {
  if (!c) return new Set();
  if (c instanceof Set) return c as Set<string>;
  try {
    return new Set(Array.from(c as Iterable<string>));
  } catch {
    return new Set();
  }
}

function finite(n: unknown, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

function branchIndex(b: unknown): number {
  return typeof b === 'number' && Number.isInteger(b) && b >= 0 && b < 100000 ? b : 0;
}

/** FNV-1a over two seeds, giving a 64-bit hex key for a scope's content. */
function hashKey(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------------------------------------------------------
// Laying out one scope

function elkOptions(direction: 'DOWN' | 'RIGHT', fast: boolean): ElkOptions {
  const options: ElkOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.spacing.nodeNode': String(SPACING.nodeNode),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(SPACING.betweenLayers),
    'elk.spacing.edgeNode': '15',
    'elk.layered.spacing.edgeNodeBetweenLayers': '15',
    'elk.padding': `[top=${SPACING.padding},left=${SPACING.padding},bottom=${SPACING.padding},right=${SPACING.padding}]`,
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    'elk.edgeRouting': 'ORTHOGONAL',
    // The balanced Brandes-Koepf placement keeps a chain of fan-outs centred instead of drifting sideways.
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    // Edge labels sit in the middle of their edge, beside the line (so they never hide a crossing), with a gap.
    'elk.edgeLabels.placement': 'CENTER',
    'elk.spacing.edgeLabel': '3',
    'elk.spacing.labelNode': '6',
  };
  if (fast) {
    options['elk.layered.thoroughness'] = '1';
    options['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF';
  } else {
    // Keeps siblings in definition order where it costs nothing: cheap on small scopes, very slow on big ones.
    options['elk.layered.considerModelOrder.strategy'] = 'NODES_AND_EDGES';
  }
  return options;
}

/**
 * Finds edges that would cross many layers in a large scope. ELK adds a dummy node per layer crossed, so a few
 * Catch edges to a shared handler at the bottom can cost more than all the states; those edges are routed beside
 * the graph instead. For each target the shortest long incoming edge stays in ELK so the target keeps its place.
 */
function findLongEdges(
  items: Item[],
  edges: GraphEdge[],
  fast: boolean,
): { long: Set<number>; rank: Int32Array | null } {
  const long = new Set<number>();
  if (!fast && items.length <= LONG_EDGE_SCOPE_THRESHOLD) return { long, rank: null };
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  const out: number[][] = items.map(() => []);
  edges.forEach((e, i) => {
    const a = index.get(e.from);
    if (a !== undefined) out[a].push(i);
  });
  // Iterative DFS in model order to find back edges (they are not part of the ranking).
  const state = new Uint8Array(items.length); // 0 new, 1 on stack, 2 done
  const back = new Set<number>();
  const order: number[] = [];
  for (let root = 0; root < items.length; root++) {
    if (state[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [v, k] = top;
      if (k < out[v].length) {
        top[1]++;
        const ei = out[v][k];
        const w = index.get(edges[ei].to);
        if (w === undefined) continue;
        if (state[w] === 1) back.add(ei);
        else if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        order.push(v);
        stack.pop();
      }
    }
  }
  // Longest-path rank over the DAG of forward edges, in topological order (reverse post-order).
  const rank = new Int32Array(items.length);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    for (const ei of out[v]) {
      if (back.has(ei)) continue;
      const w = index.get(edges[ei].to);
      if (w !== undefined && rank[w] < rank[v] + 1) rank[w] = rank[v] + 1;
    }
  }
  const keep = new Map<number, number>(); // target -> shortest long edge kept
  const candidates: number[] = [];
  edges.forEach((e, ei) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || back.has(ei) || e.kind === 'next' || e.kind === 'start') return;
    const span = rank[b] - rank[a];
    if (span <= LONG_SPAN) return;
    candidates.push(ei);
    const k = keep.get(b);
    if (k === undefined) keep.set(b, ei);
    else {
      const ks = rank[b] - rank[index.get(edges[k].from)!];
      if (span < ks) keep.set(b, ei);
    }
  });
  // A target that already has a short incoming edge keeps its place without any long one.
  const anchored = new Set<number>();
  edges.forEach((e, ei) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || back.has(ei) || a === b) return;
    if (rank[b] - rank[a] <= LONG_SPAN || e.kind === 'next' || e.kind === 'start') anchored.add(b);
  });
  const kept = new Set<number>();
  for (const [target, ei] of keep) if (!anchored.has(target)) kept.add(ei);
  for (const ei of candidates) if (!kept.has(ei)) long.add(ei);
  return { long, rank };
}

function fallbackScope(items: Item[]): ScopeLayout {
  // A plain vertical stack: used only if ELK fails, so the picture is still complete.
  const pos = new Map<string, { x: number; y: number }>();
  let y = SPACING.padding;
  let width = 0;
  for (const it of items) {
    pos.set(it.id, { x: SPACING.padding, y });
    y += it.height + SPACING.nodeNode;
    width = Math.max(width, it.width);
  }
  return {
    width: width + 2 * SPACING.padding,
    height: Math.max(y - SPACING.nodeNode + SPACING.padding, 2 * SPACING.padding),
    pos,
    edges: new Map(),
  };
}

function boxAnchor(b: { x: number; y: number; width: number; height: number }, toward: { x: number; y: number }) {
  // Point where the segment from the box centre toward `toward` leaves the box.
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: b.y + b.height };
  const sx = dx === 0 ? Infinity : b.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Boxes in buckets along one axis (y, or x), so an overlap query looks only at boxes near it, not all of them. */
class BoxIndex {
  private readonly buckets = new Map<number, Box[]>();
  constructor(private readonly alongY: boolean) {}
  private range(b: Box): [number, number] {
    return this.alongY
      ? [Math.floor(b.y / BOX_CELL), Math.floor((b.y + b.height) / BOX_CELL)]
      : [Math.floor(b.x / BOX_CELL), Math.floor((b.x + b.width) / BOX_CELL)];
  }
  add(b: Box): void {
    const [lo, hi] = this.range(b);
    for (let k = lo; k <= hi; k++) {
      const list = this.buckets.get(k);
      if (list) list.push(b);
      else this.buckets.set(k, [b]);
    }
  }
  hits(b: Box): boolean {
    const [lo, hi] = this.range(b);
    for (let k = lo; k <= hi; k++) {
      for (const o of this.buckets.get(k) ?? []) if (boxesOverlap(o, b)) return true;
    }
    return false;
  }
}
const BOX_CELL = 256;

/** Straight line between two boxes, border to border. */
function straightLine(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) {
  if (a === b || (a.x === b.x && a.y === b.y)) {
    // Self loop: a small loop on the right side.
    const r = a.x + a.width;
    const y1 = a.y + a.height * 0.3;
    const y2 = a.y + a.height * 0.7;
    return [
      { x: r, y: y1 },
      { x: r + 20, y: y1 },
      { x: r + 20, y: y2 },
      { x: r, y: y2 },
    ];
  }
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  return [boxAnchor(a, cb), boxAnchor(b, ca)];
}

async function layoutScope(
  scope: Scope,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fastGraph: boolean,
  cache: LayoutCache | undefined,
): Promise<ScopeLayout> {
  const { items, edges } = scope;
  if (items.length === 0)
    return { width: 2 * SPACING.padding, height: 2 * SPACING.padding, pos: new Map(), edges: new Map() };
  const fast = fastGraph || items.length > LONG_EDGE_SCOPE_THRESHOLD;
  const { long, rank } = findLongEdges(items, edges, fast);
  if (rank && items.length > SEGMENT_MIN) {
    const segments = segmentScope(items, edges, long, rank);
    if (segments) return composeSegments(segments, items, edges, long, direction, engine, fastGraph, cache);
  }
  const flat = await layoutFlat(items, edges, long, direction, engine, fastGraph);
  return routeRest(flat, items, edges, unrouted(flat, edges), direction);
}

function unrouted(layout: ScopeLayout, edges: GraphEdge[]): Set<number> {
  const rest = new Set<number>();
  edges.forEach((e, i) => {
    if (!layout.edges.has(e.id)) rest.add(i);
  });
  return rest;
}

/**
 * Lays out nodes with the edges not in `skip` (those are left unrouted for the caller): a chain is stacked, a
 * small scope of a large machine uses the built-in layered layout, everything else goes through ELK.
 */
async function layoutFlat(
  items: Item[],
  edges: GraphEdge[],
  skip: Set<number>,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fastGraph: boolean,
): Promise<ScopeLayout> {
  const fast = fastGraph || items.length > LONG_EDGE_SCOPE_THRESHOLD;
  const long = skip;
  const chain = chainOrder(items, edges, long);
  if (chain) return stackChain(chain, items, edges, long, direction);
  if (fastGraph && items.length <= SMALL_ENGINE_MAX) return layoutSmall(items, edges, long, direction);
  const localId = new Map<string, string>();
  items.forEach((it, i) => localId.set(it.id, `n${i}`));
  const elkEdges: ElkExtendedEdge[] = [];
  edges.forEach((e, i) => {
    if (long.has(i)) return;
    const s = localId.get(e.from);
    const t = localId.get(e.to);
    if (!s || !t) return;
    // Labels are part of the layout: ELK keeps room for each (a label node in the edge's middle layer), so labels
    // never sit on each other, on a state or on a crossing.
    const text = edgeLabelText(e);
    const labels =
      text === undefined
        ? undefined
        : [
            {
              id: `l${i}`,
              text,
              width: Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX_WIDTH) + LABEL_PADDING,
              height: LABEL_HEIGHT,
            },
          ];
    elkEdges.push({ id: `e${i}`, sources: [s], targets: [t], ...(labels ? { labels } : {}) });
  });
  const graph: ElkNode = {
    id: 'root',
    children: items.map((it, i) => ({ id: `n${i}`, width: it.width, height: it.height })),
    edges: elkEdges,
  };
  let result: ElkNode;
  try {
    result = await engine.layout(graph, elkOptions(direction, fast));
  } catch {
    return fallbackScope(items);
  }
  const pos = new Map<string, { x: number; y: number }>();
  let width = finite(result.width, 0);
  let height = finite(result.height, 0);
  const children = result.children ?? [];
  for (let i = 0; i < items.length; i++) {
    const c = children[i];
    pos.set(items[i].id, { x: finite(c?.x, SPACING.padding), y: finite(c?.y, SPACING.padding) });
    width = Math.max(width, finite(c?.x, 0) + items[i].width + SPACING.padding);
    height = Math.max(height, finite(c?.y, 0) + items[i].height + SPACING.padding);
  }
  const routed = new Map<string, { x: number; y: number }[]>();
  const labels = new Map<string, { x: number; y: number }>();
  const byId = new Map<string, ElkExtendedEdge>();
  for (const e of (result.edges ?? []) as ElkExtendedEdge[]) byId.set(e.id, e);
  edges.forEach((e, i) => {
    if (long.has(i)) return;
    const r = byId.get(`e${i}`);
    const sec = r?.sections?.[0];
    if (!sec) return;
    const pts = [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint].map((p) => ({
      x: finite(p?.x, 0),
      y: finite(p?.y, 0),
    }));
    routed.set(e.id, pts);
    const l = r?.labels?.[0];
    if (l && Number.isFinite(l.x) && Number.isFinite(l.y)) {
      labels.set(e.id, { x: finite(l.x, 0) + finite(l.width, 0) / 2, y: finite(l.y, 0) + finite(l.height, 0) / 2 });
      width = Math.max(width, finite(l.x, 0) + finite(l.width, 0) + SPACING.padding);
      height = Math.max(height, finite(l.y, 0) + finite(l.height, 0) + SPACING.padding);
    }
  });
  return { width, height, pos, edges: routed, labels };
}

interface Segment {
  nodes: number[];
  /** Index of the edge leading from this segment into the next one (the only edge crossing the cut). */
  connector: number;
}

/**
 * Cuts a large scope into vertical segments. A cut between two layer ranks is allowed where exactly one forward
 * edge crosses it (the main flow), so each segment can be laid out alone and the segments stacked, joined by
 * that edge. ELK's cost grows faster than linearly with graph height, so several short runs beat one tall one.
 * Boundaries are chosen by content (a hash of the state where a segment starts), so an edit in one place moves
 * no boundary elsewhere and the other segments come straight from the cache.
 */
function segmentScope(items: Item[], edges: GraphEdge[], skip: Set<number>, rank: Int32Array): Segment[] | null {
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  let maxRank = 0;
  for (let i = 0; i < items.length; i++) maxRank = Math.max(maxRank, rank[i]);
  const cross = new Int32Array(maxRank + 2);
  const crossSum = new Float64Array(maxRank + 2);
  const perRank = new Int32Array(maxRank + 1);
  for (let i = 0; i < items.length; i++) perRank[rank[i]]++;
  edges.forEach((e, i) => {
    if (skip.has(i)) return;
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) return;
    const lo = Math.min(rank[a], rank[b]);
    const hi = Math.max(rank[a], rank[b]);
    if (lo === hi) return;
    cross[lo]++;
    cross[hi]--;
    crossSum[lo] += i;
    crossSum[hi] -= i;
  });
  const cutAfter: number[] = [];
  const connectors: number[] = [];
  let c = 0;
  let sum = 0;
  let size = 0;
  for (let r = 0; r < maxRank; r++) {
    c += cross[r];
    sum += crossSum[r];
    size += perRank[r];
    if (c !== 1 || size < SEGMENT_TARGET_MIN) continue;
    const ei = Math.round(sum);
    const e = edges[ei];
    const a = index.get(e?.from ?? '');
    const b = index.get(e?.to ?? '');
    if (a === undefined || b === undefined || rank[a] > r || rank[b] <= r) continue;
    if (size < SEGMENT_TARGET_MAX && parseInt(hashKey(items[b].id).slice(0, 4), 16) % 3 !== 0) continue;
    cutAfter.push(r);
    connectors.push(ei);
    size = 0;
  }
  if (cutAfter.length === 0) return null;
  const segs: Segment[] = [];
  for (let k = 0; k <= cutAfter.length; k++)
    segs.push({ nodes: [], connector: k < connectors.length ? connectors[k] : -1 });
  for (let i = 0; i < items.length; i++) {
    let k = 0;
    // Segments are few, a linear scan is fine.
    while (k < cutAfter.length && rank[i] > cutAfter[k]) k++;
    segs[k].nodes.push(i);
  }
  return segs.filter((s) => s.nodes.length > 0).length === segs.length ? segs : null;
}

async function composeSegments(
  segments: Segment[],
  items: Item[],
  edges: GraphEdge[],
  long: Set<number>,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fastGraph: boolean,
  cache: LayoutCache | undefined,
): Promise<ScopeLayout> {
  const down = direction === 'DOWN';
  const segOf = new Int32Array(items.length);
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  segments.forEach((s, k) => s.nodes.forEach((i) => (segOf[i] = k)));
  const parts: ScopeLayout[] = [];
  for (let k = 0; k < segments.length; k++) {
    const segItems = segments[k].nodes.map((i) => items[i]);
    const segEdges: GraphEdge[] = [];
    const segSkip = new Set<number>();
    edges.forEach((e, i) => {
      const a = index.get(e.from);
      const b = index.get(e.to);
      if (a === undefined || b === undefined || segOf[a] !== k || segOf[b] !== k) return;
      if (long.has(i)) segSkip.add(segEdges.length);
      segEdges.push(e);
    });
    const key = scopeHash(
      { items: segItems, edges: segEdges },
      direction,
      fastGraph,
      `segment:${[...segSkip].join(',')}`,
    );
    let part = cache?.get(key);
    if (!part) {
      part = await layoutFlat(segItems, segEdges, segSkip, direction, engine, fastGraph);
      cache?.set(key, part);
    }
    parts.push(part);
  }
  // Stack the parts along the flow, lining up each connector's ends across the cut.
  const offA: number[] = [0];
  const offC: number[] = [0];
  const center = (part: ScopeLayout, i: number) => {
    const p = part.pos.get(items[i].id) ?? { x: 0, y: 0 };
    return down ? p.x + items[i].width / 2 : p.y + items[i].height / 2;
  };
  // A labelled connector gets room for its label between the two parts (label, then the arrowhead).
  const labelRoom = (e: GraphEdge) => {
    const text = edgeLabelText(e);
    if (text === undefined) return 0;
    return (down ? LABEL_HEIGHT : Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX_WIDTH) + LABEL_PADDING) + 16;
  };
  for (let k = 1; k < parts.length; k++) {
    const e = edges[segments[k - 1].connector];
    const a = index.get(e.from)!;
    const b = index.get(e.to)!;
    offA.push(offA[k - 1] + (down ? parts[k - 1].height : parts[k - 1].width) + labelRoom(e));
    offC.push(offC[k - 1] + center(parts[k - 1], a) - center(parts[k], b));
  }
  const minC = Math.min(...offC);
  const pos = new Map<string, { x: number; y: number }>();
  const routed = new Map<string, { x: number; y: number }[]>();
  const labels = new Map<string, { x: number; y: number }>();
  let crossSize = 0;
  for (let k = 0; k < parts.length; k++) {
    const c = offC[k] - minC;
    const dx = down ? c : offA[k];
    const dy = down ? offA[k] : c;
    const part = parts[k];
    crossSize = Math.max(crossSize, c + (down ? part.width : part.height));
    for (const [id, p] of part.pos) pos.set(id, { x: p.x + dx, y: p.y + dy });
    for (const [id, pts] of part.edges)
      routed.set(
        id,
        pts.map((p) => ({ x: p.x + dx, y: p.y + dy })),
      );
    if (part.labels) for (const [id, p] of part.labels) labels.set(id, { x: p.x + dx, y: p.y + dy });
  }
  const along = offA[parts.length - 1] + (down ? parts[parts.length - 1].height : parts[parts.length - 1].width);
  for (let k = 0; k + 1 < segments.length; k++) {
    const e = edges[segments[k].connector];
    const a = items[index.get(e.from)!];
    const b = items[index.get(e.to)!];
    const pa = pos.get(a.id)!;
    const pb = pos.get(b.id)!;
    const line = down
      ? [
          { x: pa.x + a.width / 2, y: pa.y + a.height },
          { x: pb.x + b.width / 2, y: pb.y },
        ]
      : [
          { x: pa.x + a.width, y: pa.y + a.height / 2 },
          { x: pb.x, y: pb.y + b.height / 2 },
        ];
    routed.set(e.id, line);
    const room = labelRoom(e);
    if (room > 0) {
      // Centred in the room left for it, clear of the arrowhead at the target.
      const along = offA[k + 1] - room / 2;
      labels.set(e.id, down ? { x: line[0].x, y: along } : { x: along, y: line[0].y });
    }
  }
  const layout: ScopeLayout = down
    ? { width: crossSize, height: along, pos, edges: routed }
    : { width: along, height: crossSize, pos, edges: routed };
  if (labels.size > 0) layout.labels = labels;
  return routeRest(layout, items, edges, unrouted(layout, edges), direction);
}

/**
 * Room kept for an edge label: its text width up to the widest a renderer draws (the graph view cuts labels at
 * 220 px, the SVG export at 160), plus the label box's padding, and the box height.
 */
const LABEL_MAX_WIDTH = 220;
const LABEL_PADDING = 12;
const LABEL_HEIGHT = 16;

/** The text drawn on an edge (as the SVG and React Flow renderers show it), or undefined for unlabelled edges. */
function edgeLabelText(e: GraphEdge): string | undefined {
  if (e.label !== undefined && e.label !== '') return e.label;
  if (e.kind === 'default') return 'Default';
  if (e.kind === 'catch') return 'Catch';
  return undefined;
}

/** Fast mode for a small scope: the built-in layered layout instead of an ELK run (see small-layered.ts). */
function layoutSmall(items: Item[], edges: GraphEdge[], long: Set<number>, direction: 'DOWN' | 'RIGHT'): ScopeLayout {
  const down = direction === 'DOWN';
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  const used: number[] = [];
  const sEdges: SmallEdge[] = [];
  edges.forEach((e, i) => {
    if (long.has(i)) return;
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) return;
    used.push(i);
    const text = edgeLabelText(e);
    if (text === undefined) sEdges.push({ from: a, to: b });
    else {
      // The box renderers draw: one line of badge text.
      const w = Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX_WIDTH) + LABEL_PADDING;
      sEdges.push({
        from: a,
        to: b,
        label: down ? { width: w, height: LABEL_HEIGHT } : { width: LABEL_HEIGHT, height: w },
      });
    }
  });
  const r = smallLayered(
    items.map((it) => (down ? { width: it.width, height: it.height } : { width: it.height, height: it.width })),
    sEdges,
    { nodeNode: SPACING.nodeNode, betweenLayers: SPACING.betweenLayers, padding: SPACING.padding, edgeWidth: 10 },
  );
  const pos = new Map<string, { x: number; y: number }>();
  items.forEach((it, i) => pos.set(it.id, down ? { x: r.x[i], y: r.y[i] } : { x: r.y[i], y: r.x[i] }));
  const routed = new Map<string, { x: number; y: number }[]>();
  const labels = new Map<string, { x: number; y: number }>();
  used.forEach((ei, k) => {
    const pts = r.edges[k];
    if (pts) routed.set(edges[ei].id, down ? pts : pts.map((p) => ({ x: p.y, y: p.x })));
    const l = r.labels[k];
    if (l) labels.set(edges[ei].id, down ? l : { x: l.y, y: l.x });
  });
  return down
    ? { width: r.width, height: r.height, pos, edges: routed, labels }
    : { width: r.height, height: r.width, pos, edges: routed, labels };
}

/**
 * When the edges ELK would see form one simple path through every node (a typical Parallel branch or Map
 * processor: Start → A → B → End), returns the node indices along it. Such a scope is a centred column, which is
 * what ELK would draw; stacking it directly skips an ELK run that costs milliseconds even for tiny graphs.
 */
function chainOrder(items: Item[], edges: GraphEdge[], skip: Set<number>): number[] | null {
  if (items.length > 200) return null;
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  const next = new Int32Array(items.length).fill(-1);
  const indeg = new Int32Array(items.length);
  let count = 0;
  for (let i = 0; i < edges.length; i++) {
    if (skip.has(i)) continue;
    const a = index.get(edges[i].from);
    const b = index.get(edges[i].to);
    if (a === undefined || b === undefined) continue;
    if (a === b || next[a] !== -1 || indeg[b] > 0) return null;
    next[a] = b;
    indeg[b]++;
    count++;
  }
  if (count !== items.length - 1) return null;
  const head = indeg.indexOf(0);
  if (head < 0) return null;
  const order: number[] = [];
  for (let v = head; v !== -1 && order.length <= items.length; v = next[v]) order.push(v);
  return order.length === items.length ? order : null;
}

function stackChain(
  order: number[],
  items: Item[],
  edges: GraphEdge[],
  skip: Set<number>,
  direction: 'DOWN' | 'RIGHT',
): ScopeLayout {
  const pos = new Map<string, { x: number; y: number }>();
  const down = direction === 'DOWN';
  const cross = items.reduce((m, it) => Math.max(m, down ? it.width : it.height), 0);
  let along = SPACING.padding;
  for (const i of order) {
    const it = items[i];
    const c = SPACING.padding + (cross - (down ? it.width : it.height)) / 2;
    pos.set(it.id, down ? { x: c, y: along } : { x: along, y: c });
    along += (down ? it.height : it.width) + SPACING.betweenLayers;
  }
  along = along - SPACING.betweenLayers + SPACING.padding;
  const mid = SPACING.padding + cross / 2;
  const routed = new Map<string, { x: number; y: number }[]>();
  edges.forEach((e, i) => {
    if (skip.has(i)) return;
    const a = items.find((it) => it.id === e.from);
    const b = items.find((it) => it.id === e.to);
    const pa = pos.get(e.from);
    const pb = pos.get(e.to);
    if (!a || !b || !pa || !pb) return;
    routed.set(
      e.id,
      down
        ? [
            { x: mid, y: pa.y + a.height },
            { x: mid, y: pb.y },
          ]
        : [
            { x: pa.x + a.width, y: mid },
            { x: pb.x, y: mid },
          ],
    );
  });
  const w = cross + 2 * SPACING.padding;
  return down ? { width: w, height: along, pos, edges: routed } : { width: along, height: w, pos, edges: routed };
}

/**
 * Routes the edges ELK did not: long edges in large scopes go out of the source's right side into a channel on the
 * right of the scope, down (or up) to the target and in from the right; anything else gets a straight line.
 */
function routeRest(
  layout: ScopeLayout,
  items: Item[],
  edges: GraphEdge[],
  which: Set<number>,
  direction: 'DOWN' | 'RIGHT',
): ScopeLayout {
  if (which.size === 0) return layout;
  const down = direction === 'DOWN';
  const box = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const it of items) {
    const p = layout.pos.get(it.id);
    if (p) box.set(it.id, { x: p.x, y: p.y, width: it.width, height: it.height });
  }
  // The channel runs beside the flow: on the right for top-to-bottom layouts, below for left-to-right ones.
  const channelBase = (down ? layout.width : layout.height) - SPACING.padding + SPACING.channelMargin;
  let lane = 0;
  const maxLanes = 12;
  let usedLanes = 0;
  let loopRight = 0;
  // Label boxes and node boxes, bucketed along the flow so each candidate spot checks only its neighbourhood.
  const placed = new BoxIndex(down);
  let nodeBoxes: BoxIndex | undefined;
  for (const i of [...which].sort((a, b) => a - b)) {
    const e = edges[i];
    const a = box.get(e.from);
    const b = box.get(e.to);
    if (!a || !b) continue;
    if (e.from === e.to || a === b) {
      layout.edges.set(e.id, straightLine(a, a));
      loopRight = Math.max(loopRight, a.x + a.width + 20 + SPACING.padding);
      continue;
    }
    const c = channelBase + (lane % maxLanes) * SPACING.channel;
    usedLanes = Math.max(usedLanes, (lane % maxLanes) + 1);
    lane++;
    // Where the label may go: the middle of the run out to the channel, then a few places along the channel
    // (labelPoint's place, halfway, would often sit on the nodes beside the channel or on a neighbour's label).
    const spots: { x: number; y: number }[] = [];
    let runOut: number;
    if (down) {
      const ya = a.y + a.height / 2;
      const yb = b.y + b.height / 2;
      layout.edges.set(e.id, [
        { x: a.x + a.width, y: ya },
        { x: c, y: ya },
        { x: c, y: yb },
        { x: b.x + b.width, y: yb },
      ]);
      runOut = c - (a.x + a.width);
      spots.push({ x: a.x + a.width + runOut / 2, y: ya });
      for (const f of [0.5, 0.3, 0.7, 0.15, 0.85]) spots.push({ x: c, y: ya + (yb - ya) * f });
    } else {
      const xa = a.x + a.width / 2;
      const xb = b.x + b.width / 2;
      layout.edges.set(e.id, [
        { x: xa, y: a.y + a.height },
        { x: xa, y: c },
        { x: xb, y: c },
        { x: xb, y: b.y + b.height },
      ]);
      runOut = c - (a.y + a.height);
      spots.push({ x: xa, y: a.y + a.height + runOut / 2 });
      for (const f of [0.5, 0.3, 0.7, 0.15, 0.85]) spots.push({ x: xa + (xb - xa) * f, y: c });
    }
    const text = edgeLabelText(e);
    if (text === undefined) continue;
    const w = Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX_WIDTH) + LABEL_PADDING;
    if (runOut < (down ? w : LABEL_HEIGHT) + 10) spots.shift();
    if (!nodeBoxes) {
      nodeBoxes = new BoxIndex(down);
      for (const nb of box.values()) nodeBoxes.add(nb);
    }
    for (const at of spots) {
      const lb = { x: at.x - w / 2, y: at.y - LABEL_HEIGHT / 2, width: w, height: LABEL_HEIGHT };
      if (placed.hits(lb) || nodeBoxes.hits(lb)) continue;
      placed.add(lb);
      (layout.labels ??= new Map()).set(e.id, at);
      break;
    }
  }
  const extent = usedLanes > 0 ? channelBase + (usedLanes - 1) * SPACING.channel + SPACING.channelMargin : 0;
  if (down) layout.width = Math.max(layout.width, extent, loopRight);
  else {
    layout.height = Math.max(layout.height, extent);
    layout.width = Math.max(layout.width, loopRight);
  }
  return layout;
}

// ---------------------------------------------------------------------------------------------------------------
// The whole graph

interface Prepared {
  scopes: Scope[];
  scopeOf: Map<string, Scope>;
  groups: Map<string, GroupInfo>;
  items: Map<string, Item>;
  /** Visible edges whose endpoints sit in different scopes. */
  crossEdges: GraphEdge[];
  visibleEdges: GraphEdge[];
}

function prepare(graph: StateGraph, collapsed: Set<string>): Prepared {
  const states = Array.isArray(graph?.states) ? graph.states : [];
  const synthetic = Array.isArray(graph?.synthetic) ? graph.synthetic : [];
  const edges = Array.isArray(graph?.edges) ? graph.edges : [];
  const stateById = new Map<string, GraphState>();
  for (const s of states) {
    if (s && typeof s.id === 'string' && !stateById.has(s.id)) stateById.set(s.id, s);
  }
  const isGroupState = (s: GraphState | undefined) => !!s && (s.type === 'Parallel' || s.type === 'Map');

  // Effective parent: must be a known Parallel/Map, without cycles in the parent chain.
  const parentOf = new Map<string, string | null>();
  for (const s of stateById.values()) {
    const p =
      typeof s.parent === 'string' && s.parent !== s.id && isGroupState(stateById.get(s.parent)) ? s.parent : null;
    parentOf.set(s.id, p);
  }
  // Depth and visibility, iteratively with memo; a cycle in the chain puts the state at the top level.
  const depth = new Map<string, number>();
  const hidden = new Set<string>();
  for (const start of stateById.keys()) {
    if (depth.has(start)) continue;
    const chain: string[] = [];
    const onChain = new Set<string>();
    let cur: string | null = start;
    while (cur !== null && !depth.has(cur) && !onChain.has(cur)) {
      chain.push(cur);
      onChain.add(cur);
      cur = parentOf.get(cur) ?? null;
    }
    if (cur !== null && onChain.has(cur)) {
      // Cycle: cut it at `cur`, which becomes top level.
      parentOf.set(cur, null);
      depth.set(cur, 0);
      while (chain.length > 0 && chain[chain.length - 1] !== cur) chain.pop();
      chain.pop();
    }
    let d = cur === null ? -1 : depth.get(cur)!;
    let hide = cur !== null && (hidden.has(cur) || collapsed.has(cur) || depth.get(cur)! >= MAX_NESTING);
    for (let i = chain.length - 1; i >= 0; i--) {
      const id = chain[i];
      d++;
      depth.set(id, d);
      if (hide) hidden.add(id);
      hide = hide || collapsed.has(id) || d >= MAX_NESTING;
    }
  }

  const items = new Map<string, Item>();
  const scopes = new Map<string, Scope>();
  const scopeOf = new Map<string, Scope>();
  const groups = new Map<string, GroupInfo>();
  const getScope = (owner: string | null, branch: number): Scope => {
    const key = scopeKey(owner, branch);
    let sc = scopes.get(key);
    if (!sc) {
      sc = { key, owner, branch, depth: owner === null ? 0 : (depth.get(owner) ?? 0) + 1, items: [], edges: [] };
      scopes.set(key, sc);
    }
    return sc;
  };
  getScope(null, 0);

  // Groups that are drawn expanded, with their lane scopes.
  for (const s of stateById.values()) {
    if (hidden.has(s.id) || !isGroupState(s)) continue;
    const d = depth.get(s.id) ?? 0;
    if (collapsed.has(s.id) || d >= MAX_NESTING) continue;
    const type = s.type as 'Parallel' | 'Map';
    const g: GroupInfo = { id: s.id, type, lanes: [], width: 0, height: 0, laneBoxes: [], contentOffsets: [] };
    groups.set(s.id, g);
    if (type === 'Map') g.lanes.push(getScope(s.id, 0));
    else {
      const n = Math.min(Math.max(Number.isInteger(s.branches) ? (s.branches as number) : 0, 0), 10000);
      for (let i = 0; i < n; i++) g.lanes.push(getScope(s.id, i));
    }
  }
  const laneFor = (owner: string, b: unknown): Scope => {
    const g = groups.get(owner)!;
    const idx = g.type === 'Map' ? 0 : branchIndex(b);
    if (g.type === 'Parallel') {
      while (g.lanes.length <= idx && g.lanes.length < 10000) g.lanes.push(getScope(owner, g.lanes.length));
    }
    return getScope(owner, Math.min(idx, g.lanes.length - 1));
  };

  for (const s of stateById.values()) {
    if (hidden.has(s.id)) continue;
    const p = parentOf.get(s.id) ?? null;
    const sc = p === null ? getScope(null, 0) : laneFor(p, s.branch);
    const size = nodeSize(s);
    const isGroup = isGroupState(s);
    const item: Item = {
      id: s.id,
      kind: isGroup ? 'group' : 'state',
      width: size.width,
      height: size.height,
      collapsed: isGroup && !groups.has(s.id) ? true : undefined,
    };
    items.set(s.id, item);
    sc.items.push(item);
    scopeOf.set(s.id, sc);
  }
  for (const n of synthetic as SyntheticNode[]) {
    if (!n || typeof n.id !== 'string' || items.has(n.id) || stateById.has(n.id)) continue;
    const p = typeof n.parent === 'string' ? n.parent : null;
    let sc: Scope;
    if (p === null || !stateById.has(p) || !isGroupState(stateById.get(p))) sc = getScope(null, 0);
    else if (groups.has(p)) sc = laneFor(p, n.branch);
    else continue; // inside a collapsed or hidden group
    const kind: LayoutNodeKind = n.kind === 'start' || n.kind === 'end' ? n.kind : 'missing';
    const size = nodeSize({ ...n, kind });
    const item: Item = { id: n.id, kind, width: size.width, height: size.height };
    items.set(n.id, item);
    sc.items.push(item);
    scopeOf.set(n.id, sc);
  }

  const crossEdges: GraphEdge[] = [];
  const visibleEdges: GraphEdge[] = [];
  const seenEdge = new Set<string>();
  for (const e of edges) {
    if (!e || typeof e.id !== 'string' || seenEdge.has(e.id)) continue;
    const a = scopeOf.get(e.from);
    const b = scopeOf.get(e.to);
    if (!a || !b) continue;
    seenEdge.add(e.id);
    visibleEdges.push(e);
    if (a === b) a.edges.push(e);
    else crossEdges.push(e);
  }
  const ordered = [...scopes.values()].sort((x, y) => y.depth - x.depth);
  return { scopes: ordered, scopeOf, groups, items, crossEdges, visibleEdges };
}

function scopeHash(scope: { items: Item[]; edges: GraphEdge[] }, direction: string, fast: boolean, extra = ''): string {
  const parts: string[] = [direction, fast ? 'fast' : 'best', extra];
  for (const it of scope.items) parts.push(`${it.id}\u0001${it.kind}\u0001${it.width}\u0001${it.height}`);
  parts.push('\u0002');
  // The label is part of the key: the small layered layout sizes the gaps by the labels' widths.
  for (const e of scope.edges) parts.push(`${e.id}\u0001${e.from}\u0001${e.to}\u0001${e.kind}\u0001${e.label ?? ''}`);
  return hashKey(parts.join('\u0003'));
}

function sizeGroup(g: GroupInfo, item: Item, direction: 'DOWN' | 'RIGHT'): void {
  const M = GROUP_METRICS;
  if (g.type === 'Map') {
    const inner = g.lanes[0]?.layout ?? { width: 0, height: 0 };
    const w = Math.max(inner.width + 2 * M.padding, item.width);
    g.width = w;
    g.height = M.header + inner.height + M.padding;
    g.laneBoxes = [];
    g.contentOffsets = [{ x: (w - inner.width) / 2, y: M.header }];
  } else if (direction === 'RIGHT') {
    // Flow runs left to right, so branch lanes are stacked top to bottom.
    const lanes = g.lanes.map((l) => l.layout ?? { width: 0, height: 0 });
    const innerW = lanes.reduce((w, l) => Math.max(w, l.width), 0);
    const laneW = Math.max(innerW + 2 * M.lanePadding, 120);
    const laneHs = lanes.map((l) => M.laneHeader + l.height + M.lanePadding);
    const contentH = laneHs.reduce((s, h) => s + h, 0) + Math.max(0, laneHs.length - 1) * M.laneGap;
    const w = Math.max(laneW + 2 * M.padding, item.width);
    let y = M.header;
    g.laneBoxes = [];
    g.contentOffsets = [];
    for (let i = 0; i < lanes.length; i++) {
      g.laneBoxes.push({ x: (w - laneW) / 2, y, width: laneW, height: laneHs[i] });
      g.contentOffsets.push({ x: (laneW - lanes[i].width) / 2, y: M.laneHeader });
      y += laneHs[i] + M.laneGap;
    }
    g.width = w;
    g.height = M.header + contentH + M.padding;
  } else {
    const lanes = g.lanes.map((l) => l.layout ?? { width: 0, height: 0 });
    const innerH = lanes.reduce((h, l) => Math.max(h, l.height), 0);
    const laneH = M.laneHeader + innerH + M.lanePadding;
    const laneWs = lanes.map((l) => Math.max(l.width + 2 * M.lanePadding, 120));
    const contentW = laneWs.reduce((s, w) => s + w, 0) + Math.max(0, laneWs.length - 1) * M.laneGap;
    const w = Math.max(contentW + 2 * M.padding, item.width);
    let x = (w - contentW) / 2;
    g.laneBoxes = [];
    g.contentOffsets = [];
    for (let i = 0; i < lanes.length; i++) {
      g.laneBoxes.push({ x, y: M.header, width: laneWs[i], height: laneH });
      g.contentOffsets.push({ x: (laneWs[i] - lanes[i].width) / 2, y: M.laneHeader });
      x += laneWs[i] + M.laneGap;
    }
    g.width = w;
    g.height = M.header + (lanes.length > 0 ? laneH : 0) + M.padding;
  }
  item.width = g.width;
  item.height = g.height;
}

/**
 * Where an edge's label goes. Choice rules and Default sit on the last stretch, just before the target, so
 * several rules leaving one Choice along a shared bus never stack their labels on top of each other; other
 * labels sit halfway.
 */
function labelPoint(
  points: { x: number; y: number }[],
  kind: GraphEdge['kind'],
  label?: string,
): { x: number; y: number } | undefined {
  if (points.length < 2) return points[0];
  if (kind === 'choice' || kind === 'default') {
    const a = points[points.length - 2];
    const b = points[points.length - 1];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    // Keep the label's box (as renderers draw it: badge font, centred) clear of the target and its arrowhead.
    const horizontal = Math.abs(b.x - a.x) > Math.abs(b.y - a.y);
    const need = horizontal ? Math.min(textWidth(label ?? 'Default', NODE_FONT.badge), 160) / 2 + 18 : 20;
    if (len >= need + 10) {
      const d = need / len;
      return { x: b.x + (a.x - b.x) * d, y: b.y + (a.y - b.y) * d };
    }
  }
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  let target = total / 2;
  for (let i = 1; i < points.length; i++) {
    const seg = Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
    if (seg >= target && seg > 0) {
      const t = target / seg;
      return {
        x: points[i - 1].x + (points[i].x - points[i - 1].x) * t,
        y: points[i - 1].y + (points[i].y - points[i - 1].y) * t,
      };
    }
    target -= seg;
  }
  return points[points.length - 1];
}

/**
 * Lays out a state graph: positions for every visible node (parents before children, relative and absolute) and
 * routed edges in absolute coordinates. Never throws: odd graphs (cycles, dangling edges, deep nesting) still get
 * a picture, and a failure inside ELK falls back to a simple stack for that scope.
 */
export async function layoutGraph(
  graph: StateGraph,
  options: LayoutRunOptions = {},
  cacheArg?: LayoutCache,
): Promise<Layout> {
  const direction = options?.direction === 'RIGHT' ? 'RIGHT' : 'DOWN';
  const cache = cacheArg ?? options?.cache;
  const engine = options?.engine ?? defaultElkEngine();
  const prep = prepare(graph, toCollapsedSet(options?.collapsed));
  const fast = prep.items.size > FAST_MODE_THRESHOLD;

  // Bottom-up: deepest scopes first, so every group's size is known before the scope containing it.
  for (const scope of prep.scopes) {
    for (const it of scope.items) {
      const g = prep.groups.get(it.id);
      if (g) sizeGroup(g, it, direction);
    }
    const key = scopeHash(scope, direction, fast);
    let l = cache?.get(key);
    if (!l) {
      l = await layoutScope(scope, direction, engine, fast, cache);
      cache?.set(key, l);
    }
    scope.layout = l;
  }

  // Top-down: absolute origins of each scope, and the node list with parents first.
  const nodes: LayoutNode[] = [];
  const edgesOut: LayoutEdge[] = [];
  const abs = new Map<string, { x: number; y: number; width: number; height: number }>();
  const top = prep.scopes.find((s) => s.owner === null)!;
  const queue: { scope: Scope; ox: number; oy: number; parentId?: string; px: number; py: number }[] = [
    { scope: top, ox: 0, oy: 0, px: 0, py: 0 },
  ];
  for (let qi = 0; qi < queue.length; qi++) {
    const { scope, ox, oy, parentId, px, py } = queue[qi];
    const sl = scope.layout!;
    for (const it of scope.items) {
      const p = sl.pos.get(it.id) ?? { x: 0, y: 0 };
      const ax = ox + p.x;
      const ay = oy + p.y;
      const node: LayoutNode = {
        id: it.id,
        kind: it.kind,
        x: ax - px,
        y: ay - py,
        absX: ax,
        absY: ay,
        width: it.width,
        height: it.height,
      };
      if (parentId !== undefined) node.parentId = parentId;
      if (it.collapsed) node.collapsed = true;
      nodes.push(node);
      abs.set(it.id, { x: ax, y: ay, width: it.width, height: it.height });
      const g = prep.groups.get(it.id);
      if (!g) continue;
      if (g.type === 'Map') {
        const off = g.contentOffsets[0];
        queue.push({ scope: g.lanes[0], ox: ax + off.x, oy: ay + off.y, parentId: it.id, px: ax, py: ay });
      } else {
        g.lanes.forEach((lane, i) => {
          const b = g.laneBoxes[i];
          const id = branchLaneId(it.id, i);
          const lx = ax + b.x;
          const ly = ay + b.y;
          nodes.push({
            id,
            kind: 'branch',
            x: b.x,
            y: b.y,
            absX: lx,
            absY: ly,
            width: b.width,
            height: b.height,
            parentId: it.id,
          });
          const off = g.contentOffsets[i];
          queue.push({ scope: lane, ox: lx + off.x, oy: ly + off.y, parentId: id, px: lx, py: ly });
        });
      }
    }
    for (const e of scope.edges) {
      const pts = sl.edges.get(e.id);
      if (!pts) continue;
      const points = pts.map((p) => ({ x: p.x + ox, y: p.y + oy }));
      const le: LayoutEdge = { id: e.id, points };
      if (e.label !== undefined || e.kind === 'catch' || e.kind === 'choice' || e.kind === 'default') {
        const lp = sl.labels?.get(e.id);
        le.labelPos = lp ? { x: lp.x + ox, y: lp.y + oy } : labelPoint(points, e.kind, e.label);
      }
      edgesOut.push(le);
    }
  }
  for (const e of prep.crossEdges) {
    const a = abs.get(e.from);
    const b = abs.get(e.to);
    if (!a || !b) continue;
    const points = straightLine(a, b);
    const le: LayoutEdge = { id: e.id, points };
    if (e.label !== undefined || e.kind === 'catch' || e.kind === 'choice' || e.kind === 'default')
      le.labelPos = labelPoint(points, e.kind, e.label);
    edgesOut.push(le);
  }
  // Keep edges in graph order, so output does not depend on scope processing order.
  const order = new Map<string, number>();
  prep.visibleEdges.forEach((e, i) => order.set(e.id, i));
  edgesOut.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));

  let width = top.layout!.width;
  let height = top.layout!.height;
  for (const e of edgesOut) {
    for (const p of e.points) {
      width = Math.max(width, p.x + SPACING.padding);
      height = Math.max(height, p.y + SPACING.padding);
    }
  }
  return { nodes, edges: edgesOut, width, height };
}

/**
 * Runs ELK a few times on a small synthetic graph so its code is compiled before the user's first large machine:
 * ELK's first calls in a fresh worker are several times slower than later ones. Call it when a layout worker
 * starts; it never throws.
 */
export async function warmUpLayout(engine: LayoutEngine = defaultElkEngine(), rounds = 3): Promise<void> {
  const n = 40;
  for (let r = 0; r < rounds; r++) {
    const graph: ElkNode = {
      id: 'root',
      children: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, width: 150 + (i % 3) * 20, height: 44 })),
      edges: Array.from({ length: n - 1 }, (_, i) => ({
        id: `e${i}`,
        sources: [`n${i}`],
        targets: [`n${i + 1}`],
      })).concat(
        Array.from({ length: n / 4 }, (_, i) => ({
          id: `x${i}`,
          sources: [`n${i * 4}`],
          targets: [`n${Math.min(n - 1, i * 4 + 2 + (i % 3))}`],
        })),
      ),
    };
    try {
      await engine.layout(graph, elkOptions('DOWN', r % 2 === 0));
    } catch {
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Baseline for the benchmark

/**
 * The naive approach, kept only so the benchmark can show what per-scope layout buys: the same graph as one
 * compound ELK graph (groups and branch lanes as ELK parent nodes, every container repeating the options) laid out
 * in a single call through elkjs's public API. Not used by the app.
 */
export async function elkOneShotBaseline(graph: StateGraph, options: LayoutOptions = {}): Promise<ElkNode> {
  const prep = prepare(graph, toCollapsedSet(options.collapsed));
  const direction = options.direction === 'RIGHT' ? 'RIGHT' : 'DOWN';
  const layoutOptions: ElkOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.spacing.nodeNode': String(SPACING.nodeNode),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(SPACING.betweenLayers),
    'elk.padding': `[top=${GROUP_METRICS.header},left=${GROUP_METRICS.padding},bottom=${GROUP_METRICS.padding},right=${GROUP_METRICS.padding}]`,
  };
  const ids = new Map<string, string>();
  let n = 0;
  const idOf = (id: string) => {
    let v = ids.get(id);
    if (!v) ids.set(id, (v = `n${n++}`));
    return v;
  };
  const scopeNode = new Map<Scope, ElkNode>();
  const build = (scope: Scope, container: ElkNode) => {
    scopeNode.set(scope, container);
    container.children = scope.items.map((it) => ({ id: idOf(it.id), width: it.width, height: it.height }));
    container.edges = scope.edges.map((e, i) => ({
      id: `${container.id}:e${i}`,
      sources: [idOf(e.from)],
      targets: [idOf(e.to)],
    }));
  };
  const top = prep.scopes.find((s) => s.owner === null)!;
  const root: ElkNode = { id: 'root', layoutOptions };
  build(top, root);
  // Top-down over scopes (shallowest first) so a group's ELK node exists before its lanes are attached.
  for (const scope of [...prep.scopes].reverse()) {
    const container = scopeNode.get(scope);
    if (!container) continue;
    for (const it of scope.items) {
      const g = prep.groups.get(it.id);
      if (!g) continue;
      const gNode = container.children!.find((c) => c.id === idOf(it.id))!;
      delete gNode.width;
      delete gNode.height;
      gNode.layoutOptions = layoutOptions;
      if (g.type === 'Map') build(g.lanes[0], gNode);
      else {
        gNode.children = g.lanes.map((lane, i) => {
          const laneNode: ElkNode = { id: idOf(branchLaneId(it.id, i)), layoutOptions };
          build(lane, laneNode);
          return laneNode;
        });
        gNode.edges = [];
      }
    }
  }
  return createAsyncElk().layout(root, { layoutOptions });
}
