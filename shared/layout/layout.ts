/**
 * Lays out a `StateGraph` with elkjs, one scope at a time. A scope is the top level, one Parallel branch or one
 * Map item processor; each is laid out as a flat graph with its own Start/End markers, and an expanded group's
 * size is its laid-out content plus padding, composed bottom-up. This is much faster than one compound ELK call
 * (ELK's cost grows faster than linearly with graph height), lets an edit re-lay-out only the scopes whose content
 * changed (scope layouts are cached by a hash of their content), and never recurses, so deep nesting is safe.
 *
 * In ordinary machines a scope of up to SMALL_ENGINE_MAX nodes is drawn by the built-in small layered layout when
 * that drawing is clean (no crossing, nothing through a box, no label on a box or a label: see clean-drawing.ts),
 * else by ELK with its full treatment. Very large machines (over FAST_MODE_THRESHOLD nodes)
 * switch to fast mode: edges spanning many layers are routed in a channel beside the scope instead of through ELK
 * (they cost one ELK dummy node per layer crossed), tall scopes are cut into segments at single-edge cuts and
 * stacked, and scopes or segments of up to SMALL_ENGINE_MAX nodes use the built-in small layered layout, since an
 * ELK run costs milliseconds even for a handful of nodes.
 */
import type { GraphEdge, StateGraph } from '../asl/types.ts';
import { createLayoutCache, type LayoutCache, scopeHash } from './cache.ts';
import { defaultElkEngine, type LayoutEngine } from './elk-engine.ts';
import { layoutFlat } from './flat.ts';
import { labelPoint } from './labels.ts';
import {
  branchLaneId,
  FAST_MODE_THRESHOLD,
  type GroupInfo,
  type Item,
  LONG_EDGE_SCOPE_THRESHOLD,
  type Scope,
  type ScopeLayout,
  SEGMENT_MIN,
  SPACING,
  SPLIT_MIN,
  toCollapsedSet,
} from './model.ts';
import { prepare, sizeGroup, type Prepared } from './prepare.ts';
import { routeRest, straightLine, unrouted } from './routing.ts';
import {
  composeSegments,
  findLongEdges,
  layoutSegment,
  type Segment,
  segmentInputs,
  segmentScope,
} from './segments.ts';
import type { Layout, LayoutEdge, LayoutNode, LayoutOptions } from './types.ts';

export { createElkEngine } from './elk-engine.ts';
export type { CountingEngine, LayoutEngine } from './elk-engine.ts';
export {
  FAST_MODE_THRESHOLD,
  LONG_EDGE_SCOPE_THRESHOLD,
  MAX_NESTING,
  SEGMENT_MIN,
  SMALL_ENGINE_MAX,
  SPLIT_MIN,
  branchLaneId,
  type ScopeLayout,
} from './model.ts';
export { createLayoutCache, type LayoutCache } from './cache.ts';
export { warmUpLayout } from './warm-up.ts';

/** Options for one layout run: the serialisable `LayoutOptions` plus in-process helpers. */
export interface LayoutRunOptions extends LayoutOptions {
  cache?: LayoutCache;
  /** The ELK engine to use (tests inject a counting one); defaults to a shared in-process engine. */
  engine?: LayoutEngine;
  /**
   * Draw every scope of an ordinary machine with ELK, never with the small layered layout (fast mode ignores it):
   * the reference the tests and the benchmark hold the small layout's drawings against.
   */
  elkOnly?: boolean;
  /**
   * Lay out a large machine in two parts at once (see `layoutGraphPart`): this run does the first part and takes
   * the second from `other`. Ignored for machines the split does not pay for.
   */
  split?: LayoutSplit;
}

/** The second part of a split layout, computed elsewhere (another worker): see `layoutGraphPart`. */
export interface LayoutSplit {
  /**
   * The other part's scope and segment layouts by cache key. Whatever it lacks (an empty map, a rejection: the
   * other thread failed) this run lays out itself, so the result never depends on it.
   */
  other: () => Promise<ReadonlyMap<string, ScopeLayout>>;
  /** Split only machines of at least this many visible nodes (default SPLIT_MIN; tests pass 0). */
  minNodes?: number;
}

async function layoutScope(
  scope: Scope,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fastGraph: boolean,
  cache: LayoutCache | undefined,
  elkOnly: boolean,
  cut?: TopCut,
): Promise<ScopeLayout> {
  const { items, edges } = scope;
  if (items.length === 0)
    return { width: 2 * SPACING.padding, height: 2 * SPACING.padding, pos: new Map(), edges: new Map() };
  if (cut) return composeSegments(cut.segments, items, edges, cut.long, direction, engine, fastGraph, cache, elkOnly);
  const fast = fastGraph || items.length > LONG_EDGE_SCOPE_THRESHOLD;
  const { long, rank } = findLongEdges(items, edges, fast);
  if (rank && items.length > SEGMENT_MIN) {
    const segments = segmentScope(items, edges, long, rank);
    if (segments) return composeSegments(segments, items, edges, long, direction, engine, fastGraph, cache, elkOnly);
  }
  const flat = await layoutFlat(items, edges, long, direction, engine, fastGraph, elkOnly);
  return routeRest(flat, items, edges, unrouted(flat, edges), direction);
}

/** Whether an edge gets a label (rules, Default, Catch, or any edge with label text). */
function hasLabel(e: GraphEdge): boolean {
  return e.label !== undefined || e.kind === 'catch' || e.kind === 'choice' || e.kind === 'default';
}

/** Sizes the groups among `items` from their lanes' layouts. */
function sizeGroups(prep: Prepared, items: readonly Item[], direction: 'DOWN' | 'RIGHT'): void {
  for (const it of items) {
    const g = prep.groups.get(it.id);
    if (g) sizeGroup(g, it, direction);
  }
}

/** One scope laid out (from the cache when it is there), its groups sized first; returns its cache key. */
async function layoutScopeCached(
  prep: Prepared,
  scope: Scope,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fast: boolean,
  cache: LayoutCache | undefined,
  elkOnly: boolean,
  cut?: TopCut,
): Promise<string> {
  sizeGroups(prep, scope.items, direction);
  const key = scopeHash(scope, direction, fast, elkOnly ? 'elk' : '');
  let l = cache?.get(key);
  if (!l) {
    l = await layoutScope(scope, direction, engine, fast, cache, elkOnly, cut);
    cache?.set(key, l);
  }
  scope.layout = l;
  return key;
}

/**
 * Bottom-up: deepest scopes first, so every group's size is known before the scope containing it. Scopes in
 * `done` were laid out already (the first part of a split, their groups sized).
 */
async function layoutScopes(
  prep: Prepared,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fast: boolean,
  cache: LayoutCache | undefined,
  elkOnly: boolean,
  cut?: TopCut,
  done?: ReadonlySet<Scope>,
): Promise<void> {
  for (const scope of prep.scopes) {
    if (done?.has(scope)) continue;
    await layoutScopeCached(prep, scope, direction, engine, fast, cache, elkOnly, cut?.top === scope ? cut : undefined);
  }
}

/**
 * The top scope of a large machine cut into segments, and where the cut between the two parts of a split falls.
 * In fast mode a tall top scope is cut into segments laid out independently (segments.ts), and each nested scope
 * depends only on the scopes nested in it; so the segments before `at`, with every scope nested in their groups,
 * are one part, the rest the other, and the two can be laid out at the same time with no result passing between
 * them until the segments are stacked. Both parts are about equally heavy (counted in nodes).
 */
interface TopCut {
  top: Scope;
  segments: Segment[];
  long: Set<number>;
  at: number;
  /** The nested scopes of the second part. */
  second: Set<Scope>;
}

/** Where a split cuts the layout of `prep`, or null when the machine is too small or its top scope is not cut. */
function planSplit(prep: Prepared, fast: boolean, minNodes: number): TopCut | null {
  if (prep.items.size < minNodes) return null;
  const top = prep.scopes.find((s) => s.owner === null);
  if (!top || top.items.length <= SEGMENT_MIN) return null;
  const { long, rank } = findLongEdges(top.items, top.edges, fast || top.items.length > LONG_EDGE_SCOPE_THRESHOLD);
  const segments = rank ? segmentScope(top.items, top.edges, long, rank) : null;
  if (!segments || segments.length < 2) return null;
  /** The scopes nested (at any depth) in the groups among `items`. */
  const nested = (items: readonly Item[], into: Scope[]): Scope[] => {
    for (const it of items) {
      for (const lane of prep.groups.get(it.id)?.lanes ?? []) {
        into.push(lane);
        nested(lane.items, into);
      }
    }
    return into;
  };
  const inner = segments.map((seg) =>
    nested(
      seg.nodes.map((i) => top.items[i]),
      [],
    ),
  );
  const weight = segments.map((seg, k) => inner[k].reduce((w, sc) => w + sc.items.length, seg.nodes.length));
  const total = weight.reduce((a, w) => a + w, 0);
  let at = 1;
  for (let sum = weight[0]; at < segments.length - 1 && sum + weight[at] / 2 < total / 2; at++) sum += weight[at];
  const second = new Set<Scope>();
  for (let k = at; k < segments.length; k++) for (const sc of inner[k]) second.add(sc);
  return { top, segments, long, at, second };
}

/**
 * Lays out one part of a split: its nested scopes (deepest first, as `layoutScopes`) and its segments of the top
 * scope, into `cache`. Returns each layout by its cache key and the scopes it laid out.
 */
async function layoutPart(
  prep: Prepared,
  cut: TopCut,
  part: 0 | 1,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fast: boolean,
  cache: LayoutCache,
  elkOnly: boolean,
): Promise<{ layouts: Map<string, ScopeLayout>; scopes: Set<Scope> }> {
  const layouts = new Map<string, ScopeLayout>();
  const scopes = new Set<Scope>();
  for (const scope of prep.scopes) {
    if (scope === cut.top || cut.second.has(scope) !== (part === 1)) continue;
    const key = await layoutScopeCached(prep, scope, direction, engine, fast, cache, elkOnly);
    layouts.set(key, scope.layout!);
    scopes.add(scope);
  }
  const from = part === 0 ? 0 : cut.at;
  const to = part === 0 ? cut.at : cut.segments.length;
  for (let k = from; k < to; k++)
    sizeGroups(
      prep,
      cut.segments[k].nodes.map((i) => cut.top.items[i]),
      direction,
    );
  const inputs = segmentInputs(cut.segments, cut.top.items, cut.top.edges, cut.long);
  for (let k = from; k < to; k++) {
    const { key, layout } = await layoutSegment(inputs[k], direction, engine, fast, cache, elkOnly);
    layouts.set(key, layout);
  }
  return { layouts, scopes };
}

/**
 * The second part of a split layout of `graph` (see `LayoutRunOptions.split`), for another thread to compute while
 * the first runs: its scope and segment layouts by cache key. Empty when the machine is not split.
 */
export async function layoutGraphPart(
  graph: StateGraph,
  options: Omit<LayoutRunOptions, 'split' | 'cache'> & { minNodes?: number } = {},
): Promise<Map<string, ScopeLayout>> {
  const direction = options.direction === 'RIGHT' ? 'RIGHT' : 'DOWN';
  const engine = options.engine ?? defaultElkEngine();
  const prep = prepare(graph, toCollapsedSet(options.collapsed));
  const fast = prep.items.size > FAST_MODE_THRESHOLD;
  const cut = planSplit(prep, fast, options.minNodes ?? SPLIT_MIN);
  if (!cut) return new Map();
  const cache = createLayoutCache(Number.POSITIVE_INFINITY);
  return (await layoutPart(prep, cut, 1, direction, engine, fast, cache, options.elkOnly === true)).layouts;
}

/** A scope waiting to be placed: its absolute origin, and its parent node's id and absolute position. */
interface Placement {
  scope: Scope;
  ox: number;
  oy: number;
  parentId?: string;
  px: number;
  py: number;
}

/** The nodes and edges of the laid-out graph in absolute coordinates, and each node's absolute box. */
interface Placed {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  abs: Map<string, { x: number; y: number; width: number; height: number }>;
}

/** Queues the content of group `g` (drawn at ax, ay): a Map's processor, or a Parallel's lanes as nodes. */
function placeGroupContent(g: GroupInfo, id: string, ax: number, ay: number, out: Placed, queue: Placement[]): void {
  if (g.type === 'Map') {
    const off = g.contentOffsets[0];
    queue.push({ scope: g.lanes[0], ox: ax + off.x, oy: ay + off.y, parentId: id, px: ax, py: ay });
    return;
  }
  g.lanes.forEach((lane, i) => {
    const b = g.laneBoxes[i];
    const laneId = branchLaneId(id, i);
    const lx = ax + b.x;
    const ly = ay + b.y;
    out.nodes.push({
      id: laneId,
      kind: 'branch',
      x: b.x,
      y: b.y,
      absX: lx,
      absY: ly,
      width: b.width,
      height: b.height,
      parentId: id,
    });
    const off = g.contentOffsets[i];
    queue.push({ scope: lane, ox: lx + off.x, oy: ly + off.y, parentId: laneId, px: lx, py: ly });
  });
}

/** Places one scope's nodes and routed edges at its absolute origin; queues the content of its groups. */
function placeScope(prep: Prepared, at: Placement, out: Placed, queue: Placement[]): void {
  const { scope, ox, oy, parentId, px, py } = at;
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
    out.nodes.push(node);
    out.abs.set(it.id, { x: ax, y: ay, width: it.width, height: it.height });
    const g = prep.groups.get(it.id);
    if (g) placeGroupContent(g, it.id, ax, ay, out, queue);
  }
  for (const e of scope.edges) {
    const pts = sl.edges.get(e.id);
    if (!pts) continue;
    const points = pts.map((p) => ({ x: p.x + ox, y: p.y + oy }));
    const le: LayoutEdge = { id: e.id, points };
    if (hasLabel(e)) {
      const lp = sl.labels?.get(e.id);
      le.labelPos = lp ? { x: lp.x + ox, y: lp.y + oy } : labelPoint(points, e.kind, e.label);
    }
    out.edges.push(le);
  }
}

/** Top-down: absolute origins of each scope, and the node list with parents first. */
function placeScopes(prep: Prepared, top: Scope): Placed {
  const out: Placed = { nodes: [], edges: [], abs: new Map() };
  const queue: Placement[] = [{ scope: top, ox: 0, oy: 0, px: 0, py: 0 }];
  for (let qi = 0; qi < queue.length; qi++) placeScope(prep, queue[qi], out, queue);
  return out;
}

/** Edges between scopes: straight lines between the absolute boxes of their ends. */
function crossScopeEdges(prep: Prepared, placed: Placed): void {
  for (const e of prep.crossEdges) {
    const a = placed.abs.get(e.from);
    const b = placed.abs.get(e.to);
    if (!a || !b) continue;
    const points = straightLine(a, b);
    const le: LayoutEdge = { id: e.id, points };
    if (hasLabel(e)) le.labelPos = labelPoint(points, e.kind, e.label);
    placed.edges.push(le);
  }
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
  const elkOnly = options?.elkOnly === true;
  const split = options?.split;
  const cut = split ? planSplit(prep, fast, split.minNodes ?? SPLIT_MIN) : null;
  if (split && cut) {
    // This run's part first, then the other's layouts join the cache, so the pass below takes both from it and
    // lays out only what the other part did not deliver.
    const splitCache = cache ?? createLayoutCache(Number.POSITIVE_INFINITY);
    const own = await layoutPart(prep, cut, 0, direction, engine, fast, splitCache, elkOnly);
    const other = await split.other().catch(() => new Map<string, ScopeLayout>());
    for (const [key, layout] of other) splitCache.set(key, layout);
    await layoutScopes(prep, direction, engine, fast, splitCache, elkOnly, cut, own.scopes);
  } else await layoutScopes(prep, direction, engine, fast, cache, elkOnly);

  const top = prep.scopes.find((s) => s.owner === null)!;
  const placed = placeScopes(prep, top);
  crossScopeEdges(prep, placed);
  const { nodes, edges: edgesOut } = placed;
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
