/**
 * The part of a large drawing that lies in a rectangle: which nodes and edges a view of it needs. The page hands
 * React Flow only these for a machine of thousands of states (React Flow's store does work for every node and
 * edge it is given, drawn or not), and moves the rectangle as the reader pans and zooms.
 *
 * Written here rather than taken from a library: the question is not only "which boxes meet the rectangle" (a
 * spatial index answers that) but also what React Flow needs to draw them: every ancestor of a nested node (a child
 * cannot be placed without its parent) and both ends of every edge that crosses the rectangle, even when those ends
 * lie far outside it. The index is a uniform grid over node boxes and edge segments; items that would cover many
 * cells (a catch edge running the whole height of the machine) are kept in a short list checked on every query.
 */
import type { LayoutNode, Rect } from './types.ts';

export type { Rect };

/** An edge as the windowing sees it: its ends (node ids) and its route when the layout gave one. */
export interface WindowEdge {
  from: string;
  to: string;
  points: readonly { x: number; y: number }[] | null;
}

/** The nodes (indices into the layout's list, parents first) and edges (indices into the edge list) to draw. */
export interface WindowItems {
  nodes: number[];
  edges: number[];
}

export interface LayoutIndex {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Everything that can be drawn, as one rectangle (empty drawing: a zero rectangle at the origin). */
  readonly bounds: Rect;
  /**
   * Node and edge indices in `rect`, with what React Flow needs to draw them (see the module comment). With
   * `routedEnds` false, the far ends of edges the layout routed are left out (the caller draws such an edge from its
   * route, without its ends); an unrouted edge always brings both ends.
   */
  itemsIn(rect: Rect, options?: { routedEnds?: boolean }): WindowItems;
}

/** Grid cell side, in drawing units: a few nodes across, so a screen's window touches tens of cells. */
export const CELL_SIZE = 512;
/** An item covering more cells than this goes to the list checked linearly instead of into the grid. */
const LONG_CELLS = 32;

/** The rectangle around boxes given as x0, y0, x1, y1 runs (none: a zero rectangle at the origin). */
function boundsOf(boxes: readonly number[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < boxes.length; i += 4) {
    x0 = Math.min(x0, boxes[i]!);
    y0 = Math.min(y0, boxes[i + 1]!);
    x1 = Math.max(x1, boxes[i + 2]!);
    y1 = Math.max(y1, boxes[i + 3]!);
  }
  return x0 <= x1 && y0 <= y1 ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 0, y1: 0 };
}

/**
 * Indexes a layout's nodes (absolute boxes) and the given edges (each segment of a routed edge; an edge the layout
 * did not route counts as the box around both its ends). Edges whose ends are not both in `nodes` are never
 * returned: React Flow cannot draw them.
 */
export function indexLayout(
  nodes: readonly LayoutNode[],
  edges: readonly WindowEdge[],
  cellSize = CELL_SIZE,
  /** Each node's index in `nodes` by id, when the caller has it already. */
  known?: ReadonlyMap<string, number>,
): LayoutIndex {
  const n = nodes.length;
  let at = known;
  if (!at) {
    const own = new Map<string, number>();
    for (let i = 0; i < n; i++) own.set(nodes[i]!.id, i);
    at = own;
  }
  const parent = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const id = nodes[i]!.parentId;
    const p = id === undefined ? undefined : at.get(id);
    if (p !== undefined && p !== i) parent[i] = p;
  }
  const from = new Int32Array(edges.length).fill(-1);
  const routed = new Uint8Array(edges.length);
  const to = new Int32Array(edges.length).fill(-1);
  // Boxes of every item: nodes first, then edge segments (segEdge says whose).
  const boxes: number[] = [];
  const segEdge: number[] = [];
  for (const node of nodes) boxes.push(node.absX, node.absY, node.absX + node.width, node.absY + node.height);
  edges.forEach((e, j) => {
    const s = at.get(e.from);
    const t = at.get(e.to);
    if (s === undefined || t === undefined) return;
    from[j] = s;
    to[j] = t;
    const pts = e.points;
    if (pts && pts.length >= 2) {
      routed[j] = 1;
      for (let k = 1; k < pts.length; k++) {
        const a = pts[k - 1]!;
        const b = pts[k]!;
        boxes.push(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y));
        segEdge.push(j);
      }
    } else {
      const bs = 4 * s;
      const bt = 4 * t;
      boxes.push(
        Math.min(boxes[bs]!, boxes[bt]!),
        Math.min(boxes[bs + 1]!, boxes[bt + 1]!),
        Math.max(boxes[bs + 2]!, boxes[bt + 2]!),
        Math.max(boxes[bs + 3]!, boxes[bt + 3]!),
      );
      segEdge.push(j);
    }
  });
  const items = boxes.length / 4;
  const { x0: bx0, y0: by0, x1: bx1, y1: by1 } = boundsOf(boxes);
  const cols = Math.max(1, Math.ceil((bx1 - bx0) / cellSize) + 1);
  const rows = Math.max(1, Math.ceil((by1 - by0) / cellSize) + 1);
  const col = (x: number) => Math.min(cols - 1, Math.max(0, Math.floor((x - bx0) / cellSize)));
  const row = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - by0) / cellSize)));

  // The grid as one flat list per cell (counted, then filled): no array per cell for a machine of 20,000 states.
  const long: number[] = [];
  const counts = new Int32Array(cols * rows + 1);
  const spans = new Int32Array(4 * items);
  for (let i = 0; i < items; i++) {
    const c0 = col(boxes[4 * i]!);
    const r0 = row(boxes[4 * i + 1]!);
    const c1 = col(boxes[4 * i + 2]!);
    const r1 = row(boxes[4 * i + 3]!);
    spans[4 * i] = c0;
    spans[4 * i + 1] = r0;
    spans[4 * i + 2] = c1;
    spans[4 * i + 3] = r1;
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > LONG_CELLS) {
      long.push(i);
      continue;
    }
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) counts[r * cols + c + 1]!++;
  }
  for (let k = 1; k < counts.length; k++) counts[k]! += counts[k - 1]!;
  const fill = counts.slice(0, cols * rows);
  const entries = new Int32Array(counts[cols * rows]!);
  for (let i = 0; i < items; i++) {
    const c0 = spans[4 * i]!;
    const r0 = spans[4 * i + 1]!;
    const c1 = spans[4 * i + 2]!;
    const r1 = spans[4 * i + 3]!;
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > LONG_CELLS) continue;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) entries[fill[r * cols + c]!++] = i;
  }

  // Marks per query instead of sets: a stamp that changes with every query.
  const seenItem = new Uint32Array(items);
  const nodeMark = new Uint32Array(n);
  const edgeMark = new Uint32Array(edges.length);
  let stamp = 0;

  return {
    nodeCount: n,
    edgeCount: edges.length,
    bounds: { x0: bx0, y0: by0, x1: bx1, y1: by1 },
    itemsIn(rect, options = {}) {
      const routedEnds = options.routedEnds ?? true;
      stamp++;
      const outNodes: number[] = [];
      const outEdges: number[] = [];
      const addNode = (i: number) => {
        // The node and its ancestors, stopping at the first one already taken (its ancestors are taken too).
        for (let k = i, guard = 0; k >= 0 && nodeMark[k] !== stamp && guard <= n; k = parent[k]!, guard++) {
          nodeMark[k] = stamp;
          outNodes.push(k);
        }
      };
      const visit = (i: number) => {
        if (seenItem[i] === stamp) return;
        seenItem[i] = stamp;
        if (
          boxes[4 * i]! > rect.x1 ||
          boxes[4 * i + 2]! < rect.x0 ||
          boxes[4 * i + 1]! > rect.y1 ||
          boxes[4 * i + 3]! < rect.y0
        )
          return;
        if (i < n) {
          addNode(i);
          return;
        }
        const j = segEdge[i - n]!;
        if (edgeMark[j] === stamp) return;
        edgeMark[j] = stamp;
        outEdges.push(j);
        if (!routedEnds && routed[j]) return;
        addNode(from[j]!);
        addNode(to[j]!);
      };
      if (rect.x0 <= rect.x1 && rect.y0 <= rect.y1 && rect.x1 >= bx0 && rect.y1 >= by0) {
        const c0 = col(rect.x0);
        const c1 = col(rect.x1);
        const r0 = row(rect.y0);
        const r1 = row(rect.y1);
        for (let r = r0; r <= r1; r++) {
          for (let c = c0; c <= c1; c++) {
            const cell = r * cols + c;
            for (let k = counts[cell]!; k < counts[cell + 1]!; k++) visit(entries[k]!);
          }
        }
        for (const i of long) visit(i);
      }
      // Parents before children, as in the layout (and as React Flow wants them).
      outNodes.sort((a, b) => a - b);
      outEdges.sort((a, b) => a - b);
      return { nodes: outNodes, edges: outEdges };
    },
  };
}

/**
 * What `indexLayout(nodes, edges, …, known).itemsIn(rect, options)` answers, found by one pass over every node box
 * and edge segment instead of through the grid. Building the grid costs tens of passes' worth (for 20,000 states,
 * 36–45 ms against 1–2 ms for one pass, in a fresh Node process): a drawing's first window, the one its open waits
 * for, is found this way (see `deferredIndex`). The grid finds exactly the items whose boxes meet the rectangle, so
 * the two agree item for item (window.test.ts holds them equal).
 */
export function scanLayout(
  nodes: readonly LayoutNode[],
  edges: readonly WindowEdge[],
  rect: Rect,
  options: { routedEnds?: boolean } = {},
  known?: ReadonlyMap<string, number>,
): WindowItems {
  const routedEnds = options.routedEnds ?? true;
  const n = nodes.length;
  const outNodes: number[] = [];
  const outEdges: number[] = [];
  if (!(rect.x0 <= rect.x1 && rect.y0 <= rect.y1)) return { nodes: outNodes, edges: outEdges };
  let at = known;
  const indexOf = (id: string) => {
    if (!at) {
      const own = new Map<string, number>();
      for (let i = 0; i < n; i++) own.set(nodes[i]!.id, i);
      at = own;
    }
    return at.get(id);
  };
  const taken = new Uint8Array(n);
  const addNode = (i: number) => {
    // The node and its ancestors, stopping at the first one already taken, as `indexLayout` walks them.
    for (let k = i, guard = 0; k >= 0 && !taken[k] && guard <= n; guard++) {
      taken[k] = 1;
      outNodes.push(k);
      const id = nodes[k]!.parentId;
      const p = id === undefined ? undefined : indexOf(id);
      k = p !== undefined && p !== k ? p : -1;
    }
  };
  // Plain comparisons in the loops (no call per box): this pass runs once, before the engine has optimised it.
  const { x0: rx0, y0: ry0, x1: rx1, y1: ry1 } = rect;
  for (let i = 0; i < n; i++) {
    const b = nodes[i]!;
    if (b.absX > rx1 || b.absX + b.width < rx0 || b.absY > ry1 || b.absY + b.height < ry0) continue;
    addNode(i);
  }
  for (let j = 0; j < edges.length; j++) {
    const e = edges[j]!;
    const pts = e.points;
    const routed = !!pts && pts.length >= 2;
    let hit = false;
    if (routed) {
      let ax = pts[0]!.x;
      let ay = pts[0]!.y;
      for (let k = 1; k < pts.length; k++) {
        const bx = pts[k]!.x;
        const by = pts[k]!.y;
        if (!(
          (ax < bx ? ax : bx) > rx1 ||
          (ax > bx ? ax : bx) < rx0 ||
          (ay < by ? ay : by) > ry1 ||
          (ay > by ? ay : by) < ry0
        )) {
          hit = true;
          break;
        }
        ax = bx;
        ay = by;
      }
      // Ends are looked up only for an edge that may be taken: one with an end not drawn never is.
      if (!hit) continue;
    }
    const s = indexOf(e.from);
    const t = indexOf(e.to);
    if (s === undefined || t === undefined) continue;
    if (!routed) {
      const a = nodes[s]!;
      const b = nodes[t]!;
      if (
        Math.min(a.absX, b.absX) > rx1 ||
        Math.max(a.absX + a.width, b.absX + b.width) < rx0 ||
        Math.min(a.absY, b.absY) > ry1 ||
        Math.max(a.absY + a.height, b.absY + b.height) < ry0
      )
        continue;
    }
    outEdges.push(j);
    if (!routedEnds && routed) continue;
    addNode(s);
    addNode(t);
  }
  outNodes.sort((a, b) => a - b);
  return { nodes: outNodes, edges: outEdges };
}

/** A layout index that builds its grid only when a second rectangle is asked for, or when `build` is called. */
export interface DeferredIndex extends LayoutIndex {
  /** Builds the grid now (when the page is idle after showing the first window), if not built yet. */
  build(): void;
  readonly built: boolean;
}

/**
 * The index of a drawing whose first window is what an open waits for: that first query is a scan (`scanLayout`),
 * and the grid is built afterwards (`build`, on the next query at the latest), so the open does not wait for it.
 * Every answer is the grid's. `edges` is read when first needed.
 */
export function deferredIndex(
  nodes: readonly LayoutNode[],
  edges: () => readonly WindowEdge[],
  known?: ReadonlyMap<string, number>,
): DeferredIndex {
  let grid: LayoutIndex | null = null;
  let queried = false;
  const build = () => (grid ??= indexLayout(nodes, edges(), CELL_SIZE, known));
  return {
    nodeCount: nodes.length,
    get edgeCount() {
      return edges().length;
    },
    get bounds() {
      return build().bounds;
    },
    get built() {
      return grid !== null;
    },
    build: () => void build(),
    itemsIn(rect, options) {
      if (grid || queried) return build().itemsIn(rect, options);
      queried = true;
      return scanLayout(nodes, edges(), rect, options, known);
    },
  };
}

/** The rectangle of the drawing a view shows: React Flow's transform (x, y, zoom) on a screen of the given size. */
export function viewRect(
  view: { x: number; y: number; zoom: number },
  screen: { width: number; height: number },
): Rect {
  const zoom = view.zoom > 0 ? view.zoom : 1;
  return {
    x0: -view.x / zoom,
    y0: -view.y / zoom,
    x1: (screen.width - view.x) / zoom,
    y1: (screen.height - view.y) / zoom,
  };
}

/** `rect` grown by `margin` times its width and height on every side. */
export function grow(rect: Rect, margin: number): Rect {
  const dx = (rect.x1 - rect.x0) * margin;
  const dy = (rect.y1 - rect.y0) * margin;
  return { x0: rect.x0 - dx, y0: rect.y0 - dy, x1: rect.x1 + dx, y1: rect.y1 + dy };
}

function contains(outer: Rect, inner: Rect): boolean {
  return outer.x0 <= inner.x0 && outer.y0 <= inner.y0 && outer.x1 >= inner.x1 && outer.y1 >= inner.y1;
}

function area(r: Rect): number {
  return Math.max(0, r.x1 - r.x0) * Math.max(0, r.y1 - r.y0);
}

/** How much room the window leaves around the view on each side, as a share of the view's width and height. */
export const WINDOW_MARGIN = 0.5;

/**
 * The window to draw for a view, given the current one: null to keep the current window (the view is inside it
 * and the window is not much larger than a fresh one would be, as after zooming in far), else a new window around
 * the view with `margin` on every side, so panning less than that far changes nothing.
 */
export function nextWindow(current: Rect | null, view: Rect, margin = WINDOW_MARGIN): Rect | null {
  const fresh = grow(view, margin);
  if (current && contains(current, view) && area(current) <= 4 * area(fresh)) return null;
  return fresh;
}

type Point = { x: number; y: number };

/** The part of segment a→b inside `r`, as fractions of the way from a to b (Liang–Barsky), or null. */
function segmentInside(a: Point, b: Point, r: Rect): [number, number] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - r.x0],
    [dx, r.x1 - a.x],
    [-dy, a.y - r.y0],
    [dy, r.y1 - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return [t0, t1];
}

/**
 * A route cut down to the stretch that runs through `r`: from where it first enters to where it last leaves. The
 * cut start is moved back along the route to a whole number of `period`s from the real start, so a dashed line keeps
 * its dashes where they were. Null when the route stays as it is (wholly inside, or never inside). A route running
 * the whole height of a large machine is otherwise drawn whole, and the browser lays out every dash of it on each
 * frame of a pan (seconds per frame, measured with 5,000 states).
 */
export function clipRoute(
  points: readonly Point[],
  r: Rect,
  period = 1,
): { points: Point[]; start: boolean; end: boolean } | null {
  if (points.length < 2) return null;
  const at: number[] = [0];
  for (let k = 1; k < points.length; k++)
    at.push(at[k - 1]! + Math.hypot(points[k]!.x - points[k - 1]!.x, points[k]!.y - points[k - 1]!.y));
  const total = at[at.length - 1]!;
  let first = Infinity;
  let last = -Infinity;
  for (let k = 1; k < points.length; k++) {
    const inside = segmentInside(points[k - 1]!, points[k]!, r);
    if (!inside) continue;
    const len = at[k]! - at[k - 1]!;
    first = Math.min(first, at[k - 1]! + inside[0] * len);
    last = Math.max(last, at[k - 1]! + inside[1] * len);
  }
  if (first > last) return null;
  const from = period > 0 ? Math.floor(first / period) * period : first;
  if (from <= 0 && last >= total) return null;
  const pointAt = (s: number): Point => {
    let k = 1;
    while (k < points.length - 1 && at[k]! < s) k++;
    const a = points[k - 1]!;
    const b = points[k]!;
    const len = at[k]! - at[k - 1]!;
    const t = len > 0 ? Math.min(1, Math.max(0, (s - at[k - 1]!) / len)) : 0;
    return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
  };
  const out: Point[] = [pointAt(from)];
  for (let k = 0; k < points.length; k++) if (at[k]! > from && at[k]! < last) out.push(points[k]!);
  out.push(pointAt(last));
  return { points: out, start: from > 0, end: last < total };
}
