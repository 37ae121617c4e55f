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
import { type LayoutCache, scopeHash } from './cache.ts';
import { defaultElkEngine, type LayoutEngine } from './elk-engine.ts';
import { layoutFlat } from './flat.ts';
import { labelPoint } from './labels.ts';
import {
  branchLaneId,
  FAST_MODE_THRESHOLD,
  type GroupInfo,
  LONG_EDGE_SCOPE_THRESHOLD,
  type Scope,
  type ScopeLayout,
  SEGMENT_MIN,
  SPACING,
  toCollapsedSet,
} from './model.ts';
import { prepare, sizeGroup, type Prepared } from './prepare.ts';
import { routeRest, straightLine, unrouted } from './routing.ts';
import { composeSegments, findLongEdges, segmentScope } from './segments.ts';
import type { Layout, LayoutEdge, LayoutNode, LayoutOptions } from './types.ts';

export { createElkEngine } from './elk-engine.ts';
export type { CountingEngine, LayoutEngine } from './elk-engine.ts';
export {
  FAST_MODE_THRESHOLD,
  LONG_EDGE_SCOPE_THRESHOLD,
  MAX_NESTING,
  SEGMENT_MIN,
  SMALL_ENGINE_MAX,
  branchLaneId,
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
}

async function layoutScope(
  scope: Scope,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fastGraph: boolean,
  cache: LayoutCache | undefined,
  elkOnly: boolean,
): Promise<ScopeLayout> {
  const { items, edges } = scope;
  if (items.length === 0)
    return { width: 2 * SPACING.padding, height: 2 * SPACING.padding, pos: new Map(), edges: new Map() };
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

/** Bottom-up: deepest scopes first, so every group's size is known before the scope containing it. */
async function layoutScopes(
  prep: Prepared,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fast: boolean,
  cache: LayoutCache | undefined,
  elkOnly: boolean,
): Promise<void> {
  for (const scope of prep.scopes) {
    for (const it of scope.items) {
      const g = prep.groups.get(it.id);
      if (g) sizeGroup(g, it, direction);
    }
    const key = scopeHash(scope, direction, fast, elkOnly ? 'elk' : '');
    let l = cache?.get(key);
    if (!l) {
      l = await layoutScope(scope, direction, engine, fast, cache, elkOnly);
      cache?.set(key, l);
    }
    scope.layout = l;
  }
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
  await layoutScopes(prep, direction, engine, fast, cache, options?.elkOnly === true);

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
