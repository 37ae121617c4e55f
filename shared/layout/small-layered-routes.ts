/**
 * The small layered layout's edge steps (see small-layered.ts): ports spread along node sides, tracks for the
 * horizontal runs in each gap, label rows, and the orthogonal routes.
 */
import type { Layered, SmallEdge } from './small-layered.ts';

/** Ports on one side of a node keep this far from its corners (at most a quarter of its width). */
const PORT_MARGIN = 20;
/** Preferred distance between neighbouring ports; closer on narrow nodes with many edges. */
const PORT_STEP = 28;
/** Horizontal runs closer than this share no track. */
const TRACK_CLEAR = 4;
/** Minimum horizontal space between two labels on one row. */
const LABEL_GAP = 4;

/**
 * Spreads the ports of segments `list` along one side of node `v`, ordered by `key` (where the other end sits),
 * then `tie`. A dummy, or a node with a single edge on the side, keeps it at the centre. An edge whose other end
 * sits straight above or below the node's centre keeps a straight line: the row of ports slides so that edge's
 * port is at the centre, when the row still fits on the side.
 */
function spreadPorts(
  g: Layered,
  cx: Float64Array,
  v: number,
  list: number[],
  key: (s: number) => number,
  tie: (s: number) => number,
  set: Float64Array,
): void {
  if (list.length === 0) return;
  if (v >= g.n || list.length === 1) {
    for (const s of list) set[s] = cx[v];
    return;
  }
  const width = g.vWidth[v];
  // Sorted in place: the lists are not read again once their ports are set.
  const sorted = list.sort((p, q) => key(p) - key(q) || tie(p) - tie(q) || p - q);
  const margin = Math.min(PORT_MARGIN, width / 4);
  const step = Math.min(PORT_STEP, (width - 2 * margin) / (sorted.length - 1));
  const half = ((sorted.length - 1) / 2) * step;
  let best = Infinity;
  for (let j = 0; j < sorted.length; j++) {
    const off = j * step - half;
    if (
      Math.abs(key(sorted[j]) - cx[v]) < 0.5 &&
      half + Math.abs(off) <= width / 2 - margin &&
      Math.abs(off) < Math.abs(best)
    )
      best = off;
  }
  const shift = Number.isFinite(best) ? -best : 0;
  sorted.forEach((s, j) => (set[s] = cx[v] + j * step - half + shift));
}

/**
 * 6. Ports: the edges leaving (entering) a node are spread along its bottom (top) side, ordered by where their
 * other end sits, so two edges between the same pair of nodes, or a fan-out from a Choice, never share a line.
 */
export function placePorts(g: Layered, cx: Float64Array, pos: Float64Array): { outX: Float64Array; inX: Float64Array } {
  const { segFrom, segTo } = g;
  const outX = new Float64Array(g.segCount);
  const inX = new Float64Array(g.segCount);
  for (let v = 0; v < g.total; v++)
    spreadPorts(
      g,
      cx,
      v,
      g.down[v],
      (s) => cx[segTo[s]],
      (s) => pos[segTo[s]],
      outX,
    );
  for (let v = 0; v < g.total; v++)
    spreadPorts(
      g,
      cx,
      v,
      g.up[v],
      (s) => outX[s],
      (s) => pos[segFrom[s]],
      inX,
    );
  return { outX, inX };
}

/** An in-port this close to another edge's out-port across the same gap would read as one line with it. */
const PORT_CLEAR = 4;

/** The point of [lo, hi] nearest `x` that keeps `clear` from every point of `blocked`, or NaN if there is none. */
function nearestFree(x: number, lo: number, hi: number, blocked: number[], clear: number): number {
  const free = (c: number) => c >= lo && c <= hi && blocked.every((b) => Math.abs(b - c) >= clear);
  let best = free(x) ? x : NaN;
  for (const b of blocked)
    for (const c of [b - clear, b + clear]) if (free(c) && !(Math.abs(c - x) >= Math.abs(best - x))) best = c;
  return best;
}

/**
 * 6b. Separating ports across a gap. An edge that leaves its node at the x where another edge enters a node of
 * the next layer would draw the two vertical runs on one line (they overlap whenever the leaving edge turns on a
 * lower track than the entering one, as with two callers that each call both of two services). Such an in-port
 * moves along its node's side to the nearest x clear of every out-port of the gap, staying between its
 * neighbours (a dummy moves its whole line, within its own width); where the node has no room, the clashing
 * out-ports move instead, and where 4 px do not fit either, 1 px. Straight edges never need it: their x is their
 * own port on both sides.
 */
export function separatePorts(g: Layered, cx: Float64Array, outX: Float64Array, inX: Float64Array): void {
  const byGap: number[][] = [];
  for (let s = 0; s < g.segCount; s++) (byGap[g.vRank[g.segFrom[s]]] ??= []).push(s);
  /** Moves an in-port; a dummy's port is its whole line, so its out-port in the next gap moves with it. */
  const setIn = (s: number, x: number) => {
    inX[s] = x;
    const to = g.segTo[s];
    if (to >= g.n) for (const below of g.down[to]) outX[below] = x;
  };
  const room = (v: number, side: number[], at: Float64Array, self: number) => portRoom(g, cx, v, side, at, self);
  /** Separates the in-port of `s` from the out-ports of `list` by `clear`; false when there is no room. */
  const separate = (s: number, list: number[], clear: number): boolean => {
    const clash = (o: number) => o !== s && Math.abs(outX[o] - inX[s]) < clear;
    if (!list.some(clash)) return true;
    const to = g.segTo[s];
    const outs = list.filter((o) => o !== s).map((o) => outX[o]);
    const moved = nearestFree(inX[s], ...room(to, g.up[to], inX, s), outs, clear);
    if (!Number.isNaN(moved)) {
      // Landing (almost) under its own out-port makes the edge straight.
      setIn(s, Math.abs(moved - outX[s]) <= 0.5 ? outX[s] : moved);
      return true;
    }
    // No room on that side: move the clashing out-ports of real nodes instead, clear of every in-port.
    for (const o of list) {
      const from = g.segFrom[o];
      if (!clash(o) || from >= g.n) continue;
      const ins = list.filter((q) => q !== o).map((q) => inX[q]);
      const x = nearestFree(outX[o], ...room(from, g.down[from], outX, o), ins, clear);
      if (!Number.isNaN(x)) outX[o] = Math.abs(x - inX[o]) <= 0.5 ? inX[o] : x;
    }
    return !list.some(clash);
  };
  for (const list of byGap) {
    if (!list) continue;
    // Ends less than half a pixel apart are meant to be one straight line (routing draws no bend for them):
    // make them exactly one.
    for (const s of list) if (outX[s] !== inX[s] && Math.abs(outX[s] - inX[s]) <= 0.5) setIn(s, outX[s]);
    // Where PORT_CLEAR does not fit (two dummies, narrow nodes with many ports), one pixel still keeps two lines.
    for (const s of list) if (outX[s] !== inX[s] && !separate(s, list, PORT_CLEAR)) separate(s, list, 1);
  }
}

/**
 * Where a port of `v` may go: inside the side, clear of its corners and `LABEL_GAP` clear of the side's other
 * ports (so their order stays); a dummy's line anywhere inside its own width (its neighbours keep a gap beyond).
 */
function portRoom(
  g: Layered,
  cx: Float64Array,
  v: number,
  side: number[],
  at: Float64Array,
  self: number,
): [number, number] {
  const half = g.vWidth[v] / 2 - (v < g.n ? Math.min(PORT_MARGIN, g.vWidth[v] / 4) / 2 : 0);
  let lo = cx[v] - half;
  let hi = cx[v] + half;
  for (const q of side) {
    if (q === self) continue;
    if (at[q] <= at[self]) lo = Math.max(lo, at[q] + LABEL_GAP);
    else hi = Math.min(hi, at[q] - LABEL_GAP);
  }
  return [lo, hi];
}

/**
 * 6c. Straight edges where the ports allow: an edge whose ends sit at different x across a gap turns twice on its
 * way; when its port on a real node can slide along the side to the x of its other end (staying between the
 * side's other ports, off the corners, and clear of every other line in the gap), it does, and the edge runs
 * straight. ELK gets the same by aligning the nodes; here the nodes stay where balancing put them.
 */
export function straightenPorts(g: Layered, cx: Float64Array, outX: Float64Array, inX: Float64Array): void {
  const byGap: number[][] = [];
  for (let s = 0; s < g.segCount; s++) (byGap[g.vRank[g.segFrom[s]]] ??= []).push(s);
  const clear = (list: number[], s: number, x: number) =>
    list.every((o) => o === s || (Math.abs(outX[o] - x) >= PORT_CLEAR && Math.abs(inX[o] - x) >= PORT_CLEAR));
  for (const list of byGap) {
    if (!list) continue;
    for (const s of list) {
      if (Math.abs(outX[s] - inX[s]) <= 0.5) continue;
      const u = g.segFrom[s];
      const v = g.segTo[s];
      if (v < g.n) {
        const [lo, hi] = portRoom(g, cx, v, g.up[v], inX, s);
        if (outX[s] >= lo && outX[s] <= hi && clear(list, s, outX[s])) {
          inX[s] = outX[s];
          continue;
        }
      }
      if (u < g.n) {
        const [lo, hi] = portRoom(g, cx, u, g.down[u], outX, s);
        if (inX[s] >= lo && inX[s] <= hi && clear(list, s, inX[s])) outX[s] = inX[s];
      }
    }
  }
}

/** Horizontal runs in each gap: their tracks (0 = top) and the number of tracks per gap. */
export interface Tracks {
  gapCount: number;
  track: Int32Array;
  gapTracks: Int32Array;
}

/**
 * 7. Tracks: in each gap between layers, the horizontal runs that would overlap get separate heights. Runs
 * going left are stacked with the leftmost source on top, runs going right with the rightmost source on top,
 * which is the order that keeps a fan-out (or a fan-in) free of crossings.
 */
export function assignTracks(g: Layered, layers: number[][], outX: Float64Array, inX: Float64Array): Tracks {
  const gapCount = Math.max(layers.length - 1, 0);
  const track = new Int32Array(g.segCount);
  const gapTracks = new Int32Array(gapCount);
  const bends: number[][] = [];
  for (let s = 0; s < g.segCount; s++) {
    if (Math.abs(outX[s] - inX[s]) > 0.5) (bends[g.vRank[g.segFrom[s]]] ??= []).push(s);
  }
  for (let gi = 0; gi < gapCount; gi++) {
    const list = bends[gi];
    if (!list) continue;
    const left = list.filter((s) => inX[s] < outX[s]).sort((p, q) => outX[p] - outX[q] || p - q);
    const right = list.filter((s) => inX[s] > outX[s]).sort((p, q) => outX[q] - outX[p] || p - q);
    const order = left.concat(right);
    const lo = order.map((s) => Math.min(outX[s], inX[s]));
    const hi = order.map((s) => Math.max(outX[s], inX[s]));
    for (let k = 0; k < order.length; k++) {
      let t = 0;
      for (let j = 0; j < k; j++) {
        if (lo[k] < hi[j] + TRACK_CLEAR && lo[j] < hi[k] + TRACK_CLEAR && track[order[j]] + 1 > t)
          t = track[order[j]] + 1;
      }
      track[order[k]] = t;
      if (t + 1 > gapTracks[gi]) gapTracks[gi] = t + 1;
    }
  }
  return { gapCount, track, gapTracks };
}

/** Label boxes and their rows in each gap. */
export interface LabelRows {
  labelW: Float64Array;
  labelH: Float64Array;
  labelRow: Int32Array;
  gapRows: Int32Array;
  rowAlong: Float64Array;
  /** The last segment of edge i (the one entering the lower node), or -1 for an edge without a route. */
  lastSeg: (i: number) => number;
}

/**
 * 8. Labels sit on the last stretch of their edge, just above the node it enters, in rows: a label that would
 * overlap one already placed in the gap goes to the next row up, and the gap grows to hold the rows.
 */
export function assignLabelRows(g: Layered, edges: SmallEdge[], inX: Float64Array, gapCount: number): LabelRows {
  // Label sizes read once into flat arrays: edges with and without a label have different shapes, and reading
  // `label` all over this function makes the optimised code fall back to the slow path.
  const labelW = new Float64Array(edges.length);
  const labelH = new Float64Array(edges.length);
  edges.forEach((e, i) => {
    const l = e.label;
    if (l && l.width > 0 && l.height > 0) {
      labelW[i] = l.width;
      labelH[i] = l.height;
    }
  });
  const labelRow = new Int32Array(edges.length);
  const gapRows = new Int32Array(gapCount);
  const rowAlong = new Float64Array(gapCount);
  const lastSeg = (i: number) => (g.chains[i].length < 2 ? -1 : g.segStart[i] + g.chains[i].length - 2);
  const labelled: number[][] = [];
  for (let i = 0; i < edges.length; i++) {
    const s = lastSeg(i);
    if (labelW[i] > 0 && s >= 0) (labelled[g.vRank[g.segTo[s]] - 1] ??= []).push(i);
  }
  for (let gi = 0; gi < gapCount; gi++) {
    const list = labelled[gi];
    if (!list) continue;
    const at = (i: number) => inX[lastSeg(i)];
    list.sort((p, q) => at(p) - labelW[p] / 2 - (at(q) - labelW[q] / 2) || p - q);
    const rowEnd: number[] = [];
    for (const i of list) {
      const left = at(i) - labelW[i] / 2;
      let r = 0;
      while (r < rowEnd.length && rowEnd[r] + LABEL_GAP > left) r++;
      rowEnd[r] = at(i) + labelW[i] / 2;
      labelRow[i] = r;
      rowAlong[gi] = Math.max(rowAlong[gi], labelH[i] + 2);
    }
    gapRows[gi] = rowEnd.length;
  }
  return { labelW, labelH, labelRow, gapRows, rowAlong, lastSeg };
}

/** What routing needs: ports, tracks and the vertical extent of every (dummy) node, already shifted. */
export interface RouteInput {
  g: Layered;
  reversed: Uint8Array;
  outX: Float64Array;
  inX: Float64Array;
  shift: number;
  trackY: (s: number) => number;
  topY: (v: number) => number;
  bottomY: (v: number) => number;
}

/** 10. Orthogonal routes: leave through the edge's port, turn on its track in each gap, enter through its port. */
export function routeEdges(edges: SmallEdge[], r: RouteInput): ({ x: number; y: number }[] | null)[] {
  const { g, outX, inX, shift } = r;
  return edges.map((e, i) => {
    const chain = g.chains[i];
    if (e.from === e.to || chain.length < 2) return null;
    const pts: { x: number; y: number }[] = [{ x: outX[g.segStart[i]] + shift, y: r.bottomY(chain[0]) }];
    for (let k = 1; k < chain.length; k++) {
      const s = g.segStart[i] + k - 1;
      const b = chain[k];
      const xa = outX[s] + shift;
      const xb = inX[s] + shift;
      // Decided on the unshifted ports, as the tracks and the port separation decide it: adding the shift can
      // round a difference of exactly half a pixel either way.
      if (Math.abs(outX[s] - inX[s]) > 0.5) {
        const ty = r.trackY(s);
        pts.push({ x: xa, y: ty }, { x: xb, y: ty });
      }
      // A dummy is passed straight through its layer.
      if (b >= g.n) pts.push({ x: xb, y: r.topY(b) }, { x: xb, y: r.bottomY(b) });
      else pts.push({ x: xb, y: r.topY(b) });
    }
    const simplified = dropCollinear(pts);
    if (r.reversed[i]) simplified.reverse();
    return simplified;
  });
}

function dropCollinear(pts: { x: number; y: number }[]): { x: number; y: number }[] {
  const res: { x: number; y: number }[] = [];
  for (const p of pts) {
    const n = res.length;
    if (n > 0 && Math.abs(res[n - 1].x - p.x) < 0.01 && Math.abs(res[n - 1].y - p.y) < 0.01) continue;
    if (n >= 2) {
      const a = res[n - 2];
      const b = res[n - 1];
      if (
        (Math.abs(a.x - b.x) < 0.01 && Math.abs(b.x - p.x) < 0.01) ||
        (Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - p.y) < 0.01)
      ) {
        res[n - 1] = p;
        continue;
      }
    }
    res.push(p);
  }
  return res;
}
