/**
 * A small layered (Sugiyama-style) layout for the many little scopes of a very large machine. ELK spends a few
 * milliseconds on even a ten-node graph, and a 1,000-state machine has dozens of branches and item processors, so
 * in fast mode those scopes are drawn here in well under a millisecond each: depth-first cycle breaking, longest-path
 * layers, barycentre ordering, balanced coordinates and orthogonal edges through the gaps between layers. Edges
 * leave and enter through ports spread along the node's side in the order of their other ends (every edge has
 * ports of its own: no two edges share one), no edge enters a node where another leaves a node across the same gap,
 * horizontal runs that would overlap in a gap get separate tracks, and labels sit in rows just above the node their
 * edge enters, so no two edges share a stretch of line and no two labels overlap. The big scopes, and every scope of an ordinary-sized
 * machine, still go through ELK.
 */

import { networkSimplexLayers } from './network-simplex.ts';
import { meanOf, orderLayers } from './small-layered-order.ts';
import { loopRoom, routeLoops } from './small-layered-loops.ts';
import {
  assignLabelRows,
  assignTracks,
  placePorts,
  routeEdges,
  separatePorts,
  straightenPorts,
  type LabelRows,
  type Tracks,
} from './small-layered-routes.ts';

/** A box to place: width and height along the page. */
export interface SmallNode {
  width: number;
  height: number;
}

/** An edge between node indices, with the size of its label box (across and along the flow) if it has one. */
export interface SmallEdge {
  from: number;
  to: number;
  label?: { width: number; height: number };
}

/** Positions (top-left) and routed edges (`null` when not routed, e.g. a self loop), in scope coordinates. */
export interface SmallLayout {
  width: number;
  height: number;
  x: number[];
  y: number[];
  edges: ({ x: number; y: number }[] | null)[];
  /** Centre of each edge's label box, clear of every other label (`null` for edges without a label or route). */
  labels: ({ x: number; y: number } | null)[];
}

/** Gaps the caller wants, so this layout matches the spacing of the ELK-drawn scopes around it. */
export interface SmallSpacing {
  nodeNode: number;
  betweenLayers: number;
  padding: number;
  /** Space kept for an edge passing through a layer. */
  edgeWidth: number;
}

/** Vertical distance between the tracks of horizontal runs in one gap. */
const TRACK_PITCH = 8;
/** Room kept above the first track and below the last label row (the arrowhead). */
const GAP_TOP = 8;
const GAP_BOTTOM = 10;

/** The graph with a dummy node per layer crossed: nodes 0..n-1 are real, n..total-1 are dummies. */
export interface Layered {
  n: number;
  total: number;
  /** Layer of each (dummy) node. */
  vRank: number[];
  vWidth: number[];
  /** Room kept right of a node for its self loops and their labels (see loopRoom); 0 for most. */
  vRight: number[];
  layerCount: number;
  /** Nodes along each edge from its upper to its lower end (empty for a self loop). */
  chains: number[][];
  /** The segments of edge i are segStart[i] .. segStart[i] + chains[i].length - 2, in order along the chain. */
  segStart: Int32Array;
  segCount: number;
  segFrom: Int32Array;
  segTo: Int32Array;
  /** Segments entering each (dummy) node from above, and leaving it downward, by segment index. */
  up: number[][];
  down: number[][];
}

/** 1. Depth-first cycle breaking: roots are sources in model order, then anything left. */
function breakCycles(n: number, edges: SmallEdge[]): { reversed: Uint8Array; visitOrder: number[] } {
  const out: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Int32Array(n);
  edges.forEach((e, i) => {
    if (e.from !== e.to) {
      out[e.from].push(i);
      indeg[e.to]++;
    }
  });
  const state = new Uint8Array(n);
  const reversed = new Uint8Array(edges.length);
  const visitOrder: number[] = [];
  const dfs = (root: number) => {
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    visitOrder.push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const v = top[0];
      if (top[1] >= out[v].length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      const ei = out[v][top[1]++];
      const w = edges[ei].to;
      if (state[w] === 1) reversed[ei] = 1;
      else if (state[w] === 0) {
        state[w] = 1;
        visitOrder.push(w);
        stack.push([w, 0]);
      }
    }
  };
  for (let v = 0; v < n; v++) if (indeg[v] === 0 && state[v] === 0) dfs(v);
  for (let v = 0; v < n; v++) if (state[v] === 0) dfs(v);
  return { reversed, visitOrder };
}

/** An edge's ends in the acyclic orientation (upper end first). */
function oriented(e: SmallEdge, reversed: boolean): [number, number] {
  return reversed ? [e.to, e.from] : [e.from, e.to];
}

/**
 * 2. Longest-path layering on the acyclic orientation (Kahn's algorithm): each node as high as its predecessors
 * allow, or with `fromBelow` as low as its successors allow (then a sink is pulled up under its lowest
 * predecessor, so the ends of side paths do not all drop to the bottom): another set of layers to order when the
 * first leaves crossings.
 */
function assignLayers(n: number, edges: SmallEdge[], reversed: Uint8Array, fromBelow: boolean): Int32Array {
  if (fromBelow) return layersFromBelow(n, edges, reversed);
  const dOut: number[][] = Array.from({ length: n }, () => []);
  const dIn = new Int32Array(n);
  edges.forEach((e, i) => {
    if (e.from === e.to) return;
    const [a, b] = oriented(e, reversed[i] === 1);
    dOut[a].push(b);
    dIn[b]++;
  });
  const rank = new Int32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (dIn[v] === 0) queue.push(v);
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi];
    for (const w of dOut[v]) {
      if (rank[w] < rank[v] + 1) rank[w] = rank[v] + 1;
      if (--dIn[w] === 0) queue.push(w);
    }
  }
  // Pull secondary sources down next to their nearest successor so they do not float at the top.
  const orientedIn = new Int32Array(n);
  edges.forEach((e, i) => {
    if (e.from !== e.to) orientedIn[reversed[i] ? e.from : e.to]++;
  });
  for (let v = 0; v < n; v++) {
    if (orientedIn[v] !== 0 || dOut[v].length === 0) continue;
    let m = Infinity;
    for (const w of dOut[v]) m = Math.min(m, rank[w]);
    if (m - 1 > rank[v]) rank[v] = m - 1;
  }
  return rank;
}

function layersFromBelow(n: number, edges: SmallEdge[], reversed: Uint8Array): Int32Array {
  const dIn: number[][] = Array.from({ length: n }, () => []);
  const dOut = new Int32Array(n);
  edges.forEach((e, i) => {
    if (e.from === e.to) return;
    const [a, b] = oriented(e, reversed[i] === 1);
    dIn[b].push(a);
    dOut[a]++;
  });
  const height = new Int32Array(n);
  const left = Int32Array.from(dOut);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (dOut[v] === 0) queue.push(v);
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi];
    for (const u of dIn[v]) {
      if (height[u] < height[v] + 1) height[u] = height[v] + 1;
      if (--left[u] === 0) queue.push(u);
    }
  }
  let top = 0;
  for (let v = 0; v < n; v++) top = Math.max(top, height[v]);
  const rank = new Int32Array(n);
  for (let v = 0; v < n; v++) rank[v] = top - height[v];
  for (let v = 0; v < n; v++) {
    if (dOut[v] !== 0 || dIn[v].length === 0) continue;
    let m = -1;
    for (const u of dIn[v]) m = Math.max(m, rank[u]);
    rank[v] = m + 1;
  }
  return rank;
}

/** 3. Dummy nodes for edges spanning several layers; chains of virtual nodes per edge. */
function addDummies(
  nodes: SmallNode[],
  edges: SmallEdge[],
  rank: Int32Array,
  reversed: Uint8Array,
  sp: SmallSpacing,
): Layered {
  const n = nodes.length;
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, rank[v] + 1);
  const vRank: number[] = Array.from(rank);
  const vWidth: number[] = nodes.map((x) => x.width);
  const chains: number[][] = edges.map(() => []);
  const segStart = new Int32Array(edges.length);
  const segs: [number, number][] = [];
  edges.forEach((e, i) => {
    if (e.from === e.to) return;
    const [a, b] = oriented(e, reversed[i] === 1);
    let prev = a;
    const chain = [a];
    segStart[i] = segs.length;
    for (let r = rank[a] + 1; r < rank[b]; r++) {
      const d = vRank.length;
      vRank.push(r);
      vWidth.push(sp.edgeWidth);
      segs.push([prev, d]);
      chain.push(d);
      prev = d;
    }
    segs.push([prev, b]);
    chain.push(b);
    chains[i] = chain;
  });
  const total = vRank.length;
  const up: number[][] = Array.from({ length: total }, () => []);
  const down: number[][] = Array.from({ length: total }, () => []);
  const segFrom = new Int32Array(segs.length);
  const segTo = new Int32Array(segs.length);
  segs.forEach(([a, b], s) => {
    segFrom[s] = a;
    segTo[s] = b;
    down[a].push(s);
    up[b].push(s);
  });
  const vRight = new Array<number>(total).fill(0);
  for (let v = 0; v < n; v++) vRight[v] = loopRoom(edges, v);
  return {
    n,
    total,
    vRank,
    vWidth,
    vRight,
    layerCount,
    chains,
    segStart,
    segCount: segs.length,
    segFrom,
    segTo,
    up,
    down,
  };
}

/** Scratch space for one layer at a time: wishes, packed offsets and the stack of blocks. */
interface BalanceScratch {
  want: Float64Array;
  off: Float64Array;
  blockStart: Int32Array;
  blockSum: Float64Array;
  blockCount: Int32Array;
}

/**
 * Places one layer: each node wishes to sit at the mean of its neighbours in the layer before; packed tightly
 * from the left, node i sits `off[i]` after the first node, so a run of nodes is one block with a common origin.
 * Pool adjacent violators: a block's origin is the least-squares fit of its members' wishes; a block whose origin
 * falls left of the previous block's would overlap it, so the two merge.
 */
function balanceLayer(
  l: number[],
  cx: Float64Array,
  wishOf: (v: number) => number,
  gap: (a: number, b: number) => number,
  sc: BalanceScratch,
): void {
  const { want, off, blockStart, blockSum, blockCount } = sc;
  let o = 0;
  for (let i = 0; i < l.length; i++) {
    if (i > 0) o += gap(l[i - 1], l[i]);
    off[i] = o;
    want[i] = wishOf(l[i]);
  }
  let top = 0;
  for (let i = 0; i < l.length; i++) {
    let start = i;
    let sum = want[i] - off[i];
    let count = 1;
    while (top > 0 && sum / count < blockSum[top - 1] / blockCount[top - 1]) {
      top--;
      start = blockStart[top];
      sum += blockSum[top];
      count += blockCount[top];
    }
    blockStart[top] = start;
    blockSum[top] = sum;
    blockCount[top] = count;
    top++;
  }
  for (let k = 0; k < top; k++) {
    const origin = blockSum[k] / blockCount[k];
    const stop = k + 1 < top ? blockStart[k + 1] : l.length;
    for (let i = blockStart[k]; i < stop; i++) cx[l[i]] = origin + off[i];
  }
}

/** The least distance between the centres of neighbours a (left) and b in a layer. */
function centreGap(g: Layered, sp: SmallSpacing): (a: number, b: number) => number {
  const { n, vWidth, vRight } = g;
  return (a, b) => (vWidth[a] + vWidth[b]) / 2 + vRight[a] + (a >= n && b >= n ? sp.edgeWidth : sp.nodeNode);
}

/** 5. Coordinates: each layer placed where its neighbours pull it, overlaps resolved by merging blocks. */
function assignX(g: Layered, layers: number[][], sp: SmallSpacing): Float64Array {
  const { total, vWidth } = g;
  const cx = new Float64Array(total);
  for (const l of layers) {
    let x = 0;
    for (const v of l) {
      cx[v] = x + vWidth[v] / 2;
      x += vWidth[v] + g.vRight[v] + sp.nodeNode;
    }
  }
  const gap = centreGap(g, sp);
  const scratch: BalanceScratch = {
    want: new Float64Array(total),
    off: new Float64Array(total),
    blockStart: new Int32Array(total),
    blockSum: new Float64Array(total),
    blockCount: new Int32Array(total),
  };
  const balance = (fromAbove: boolean) => {
    const nbOf = fromAbove ? g.up : g.down;
    const other = fromAbove ? g.segFrom : g.segTo;
    const wishOf = (v: number) => meanOf(nbOf[v], other, cx, cx[v]);
    for (let step = 0; step < layers.length; step++) {
      const l = layers[fromAbove ? step : layers.length - 1 - step];
      if (l.length > 0) balanceLayer(l, cx, wishOf, gap, scratch);
    }
  };
  balance(true);
  balance(false);
  balance(true);
  return cx;
}

/**
 * 5b. Straight long edges: the dummies of an edge that spans several layers are moved onto one vertical line where
 * every one of them has room for it between its neighbours, preferably under its upper end or over its lower end
 * (then that end's stretch is straight too), else at the median of where they sit. Balancing alone leaves such an
 * edge jogging at every layer where a neighbour pushed a dummy aside; ELK draws it straight.
 */
function straightenChains(g: Layered, layers: number[][], pos: Float64Array, cx: Float64Array, sp: SmallSpacing): void {
  const { vRank } = g;
  const gap = centreGap(g, sp);
  const xs: number[] = [];
  for (const chain of g.chains) {
    if (chain.length < 3) continue;
    let lo = -Infinity;
    let hi = Infinity;
    xs.length = 0;
    for (let k = 1; k + 1 < chain.length; k++) {
      const d = chain[k];
      const l = layers[vRank[d]];
      const i = pos[d];
      if (i > 0) lo = Math.max(lo, cx[l[i - 1]] + gap(l[i - 1], d));
      if (i + 1 < l.length) hi = Math.min(hi, cx[l[i + 1]] - gap(d, l[i + 1]));
      xs.push(cx[d]);
    }
    if (lo > hi) continue;
    const inside = (x: number) => x >= lo && x <= hi;
    const a = chain[0];
    const b = chain[chain.length - 1];
    let x: number;
    if (inside(cx[a])) x = cx[a];
    else if (inside(cx[b])) x = cx[b];
    else {
      xs.sort((p, q) => p - q);
      x = Math.min(Math.max(xs[xs.length >> 1], lo), hi);
    }
    for (let k = 1; k + 1 < chain.length; k++) cx[chain[k]] = x;
  }
}

/** Heights of the layer rows and of the gaps between them. */
interface Rows {
  rowY: number[];
  rowH: number[];
  height: number;
  /** Height a gap needs for its tracks and label rows. */
  gapNeed: (gi: number) => number;
  /** Top of the band used in a gap (the band is centred when the gap is taller than it needs). */
  gapTop: (gi: number) => number;
}

/** 9a. Layer rows: each as tall as its tallest node, the gaps as tall as their tracks and labels need. */
function layerRows(nodes: SmallNode[], layers: number[][], tracks: Tracks, rows: LabelRows, sp: SmallSpacing): Rows {
  const n = nodes.length;
  const { gapCount, gapTracks } = tracks;
  const { gapRows, rowAlong } = rows;
  const rowH = layers.map((l) => l.reduce((h, v) => Math.max(h, v < n ? nodes[v].height : 0), 0));
  const gapNeed = (gi: number) =>
    GAP_TOP + gapTracks[gi] * TRACK_PITCH + (gapRows[gi] > 0 ? 2 + gapRows[gi] * rowAlong[gi] : 0) + GAP_BOTTOM;
  const gapH = Array.from({ length: gapCount }, (_, gi) => Math.max(sp.betweenLayers, gapNeed(gi)));
  const rowY: number[] = [];
  let y = sp.padding;
  for (let i = 0; i < layers.length; i++) {
    rowY.push(y);
    y += rowH[i] + (i < gapCount ? gapH[i] : 0);
  }
  const gapTop = (gi: number) => rowY[gi] + rowH[gi] + (gapH[gi] - gapNeed(gi)) / 2;
  return { rowY, rowH, height: y + sp.padding, gapNeed, gapTop };
}

/** 9b. Label centres (before the horizontal shift), in their rows at the bottom of the gap. */
function placeLabels(g: Layered, edges: SmallEdge[], inX: Float64Array, rows: LabelRows, r: Rows) {
  const labelPos: ({ x: number; y: number } | null)[] = edges.map(() => null);
  for (let i = 0; i < edges.length; i++) {
    const s = rows.lastSeg(i);
    if (rows.labelW[i] <= 0 || s < 0) continue;
    const gi = g.vRank[g.segTo[s]] - 1;
    const bandBottom = r.gapTop(gi) + r.gapNeed(gi) - GAP_BOTTOM;
    labelPos[i] = { x: inX[s], y: bandBottom - (rows.labelRow[i] + 0.5) * rows.rowAlong[gi] };
  }
  return labelPos;
}

/** 9c. The horizontal extent of the nodes, dummies and labels. */
function horizontalExtent(
  g: Layered,
  cx: Float64Array,
  labelPos: ({ x: number; y: number } | null)[],
  labelW: Float64Array,
): { minX: number; maxX: number } {
  let minX = Infinity;
  let maxX = -Infinity;
  for (let v = 0; v < g.total; v++) {
    minX = Math.min(minX, cx[v] - g.vWidth[v] / 2);
    maxX = Math.max(maxX, cx[v] + g.vWidth[v] / 2 + g.vRight[v]);
  }
  labelPos.forEach((p, i) => {
    if (!p) return;
    minX = Math.min(minX, p.x - labelW[i] / 2);
    maxX = Math.max(maxX, p.x + labelW[i] / 2);
  });
  return Number.isFinite(minX) ? { minX, maxX } : { minX: 0, maxX: 0 };
}

/** Lays out a small graph top-down (transpose the result for left-to-right). Linear-ish time, deterministic. */
export function smallLayered(
  nodes: SmallNode[],
  edges: SmallEdge[],
  sp: SmallSpacing,
  /**
   * Another try when the first drawing was not clean (see flat.ts): bit 1 refines the layer order (more sweeps,
   * transposition, shuffled restarts: see small-layered-order.ts), bit 2 starts from the reversed order, bit 4
   * sweeps upward first, bit 8 layers by network simplex and bit 16 from below (see assignLayers). 0 is the
   * ordinary drawing.
   */
  variant = 0,
): SmallLayout {
  return draw(nodes, edges, sp, variant, Infinity)!;
}

/**
 * The same drawing, or null when its layer order leaves more than `maxCrossings` pairs of edges crossing between
 * layers (the drawing has at least as many): a caller looking for a clean drawing (0) skips placing and routing
 * the others.
 */
export function smallLayeredUncrossed(
  nodes: SmallNode[],
  edges: SmallEdge[],
  sp: SmallSpacing,
  variant: number,
  maxCrossings = 0,
): SmallLayout | null {
  return draw(nodes, edges, sp, variant, maxCrossings);
}

function draw(
  nodes: SmallNode[],
  edges: SmallEdge[],
  sp: SmallSpacing,
  variant: number,
  maxCrossings: number,
): SmallLayout | null {
  const n = nodes.length;
  const { reversed, visitOrder } = breakCycles(n, edges);
  let rank = assignLayers(n, edges, reversed, (variant & 16) !== 0);
  if (variant & 8) {
    const from: number[] = [];
    const to: number[] = [];
    edges.forEach((e, i) => {
      if (e.from === e.to) return;
      const [a, b] = oriented(e, reversed[i] === 1);
      from.push(a);
      to.push(b);
    });
    rank = networkSimplexLayers(n, Int32Array.from(from), Int32Array.from(to), rank);
  }
  const g = addDummies(nodes, edges, rank, reversed, sp);
  const { layers, pos, crossings } = orderLayers(g, visitOrder, variant);
  if (crossings > maxCrossings) return null;
  const cx = assignX(g, layers, sp);
  straightenChains(g, layers, pos, cx, sp);
  const { outX, inX } = placePorts(g, cx, pos);
  separatePorts(g, cx, outX, inX);
  straightenPorts(g, cx, outX, inX);
  const tracks = assignTracks(g, layers, outX, inX);
  const labelRows = assignLabelRows(g, edges, inX, tracks.gapCount);

  // 9. Layer rows and final positions.
  const rows = layerRows(nodes, layers, tracks, labelRows, sp);
  const labelPos = placeLabels(g, edges, inX, labelRows, rows);
  const { minX, maxX } = horizontalExtent(g, cx, labelPos, labelRows.labelW);
  const shift = sp.padding - minX;
  const { rowY, rowH } = rows;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let v = 0; v < n; v++) {
    xs.push(cx[v] + shift - nodes[v].width / 2);
    ys.push(rowY[g.vRank[v]] + (rowH[g.vRank[v]] - nodes[v].height) / 2);
  }
  const routed = routeEdges(edges, {
    g,
    reversed,
    outX,
    inX,
    shift,
    trackY: (s) => rows.gapTop(g.vRank[g.segFrom[s]]) + GAP_TOP + (tracks.track[s] + 0.5) * TRACK_PITCH,
    topY: (v) => (v < n ? ys[v] : rowY[g.vRank[v]]),
    bottomY: (v) => (v < n ? ys[v] + nodes[v].height : rowY[g.vRank[v]] + rowH[g.vRank[v]]),
  });
  for (const p of labelPos) if (p) p.x += shift;
  routeLoops(edges, nodes, xs, ys, routed, labelPos);
  return { width: maxX - minX + 2 * sp.padding, height: rows.height, x: xs, y: ys, edges: routed, labels: labelPos };
}
