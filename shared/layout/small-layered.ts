/**
 * A small layered (Sugiyama-style) layout for the many little scopes of a very large machine. ELK spends a few
 * milliseconds on even a ten-node graph, and a 1,000-state machine has dozens of branches and item processors, so
 * in fast mode those scopes are drawn here in well under a millisecond each: depth-first cycle breaking, longest-path
 * layers, barycentre ordering, balanced coordinates and orthogonal edges through the gaps between layers. Edges
 * leave and enter through ports spread along the node's side in the order of their other ends, horizontal runs
 * that would overlap in a gap get separate tracks, and labels sit in rows just above the node their edge enters,
 * so no two edges share a line and no two labels overlap. The big scopes, and every scope of an ordinary-sized
 * machine, still go through ELK.
 */

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

/** Ports on one side of a node keep this far from its corners (at most a quarter of its width). */
const PORT_MARGIN = 20;
/** Preferred distance between neighbouring ports; closer on narrow nodes with many edges. */
const PORT_STEP = 28;
/** Vertical distance between the tracks of horizontal runs in one gap. */
const TRACK_PITCH = 8;
/** Horizontal runs closer than this share no track. */
const TRACK_CLEAR = 4;
/** Room kept above the first track and below the last label row (the arrowhead). */
const GAP_TOP = 8;
const GAP_BOTTOM = 10;
/** Minimum horizontal space between two labels on one row. */
const LABEL_GAP = 4;

/** Lays out a small graph top-down (transpose the result for left-to-right). Linear-ish time, deterministic. */
export function smallLayered(nodes: SmallNode[], edges: SmallEdge[], sp: SmallSpacing): SmallLayout {
  const n = nodes.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Int32Array(n);
  edges.forEach((e, i) => {
    if (e.from !== e.to) {
      out[e.from].push(i);
      indeg[e.to]++;
    }
  });
  // 1. Depth-first cycle breaking: roots are sources in model order, then anything left.
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
      if (top[1] < out[v].length) {
        const ei = out[v][top[1]++];
        const w = edges[ei].to;
        if (state[w] === 1) reversed[ei] = 1;
        else if (state[w] === 0) {
          state[w] = 1;
          visitOrder.push(w);
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  };
  for (let v = 0; v < n; v++) if (indeg[v] === 0 && state[v] === 0) dfs(v);
  for (let v = 0; v < n; v++) if (state[v] === 0) dfs(v);

  // 2. Longest-path layering on the acyclic orientation (Kahn's algorithm).
  const dOut: number[][] = Array.from({ length: n }, () => []);
  const dIn = new Int32Array(n);
  edges.forEach((e, i) => {
    if (e.from === e.to) return;
    const [a, b] = reversed[i] ? [e.to, e.from] : [e.from, e.to];
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
    if (orientedIn[v] === 0 && dOut[v].length > 0) {
      let m = Infinity;
      for (const w of dOut[v]) m = Math.min(m, rank[w]);
      if (m - 1 > rank[v]) rank[v] = m - 1;
    }
  }

  // 3. Dummy nodes for edges spanning several layers; chains of virtual nodes per edge.
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, rank[v] + 1);
  const vRank: number[] = Array.from(rank);
  const vWidth: number[] = nodes.map((x) => x.width);
  const chains: number[][] = edges.map(() => []);
  // The segments of edge i are segStart[i] .. segStart[i] + chains[i].length - 2, in order along the chain.
  const segStart = new Int32Array(edges.length);
  const segs: [number, number][] = [];
  edges.forEach((e, i) => {
    if (e.from === e.to) return;
    const [a, b] = reversed[i] ? [e.to, e.from] : [e.from, e.to];
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
  // Segments leaving each (virtual) node downward and entering it from above, by segment index.
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

  // 4. Ordering: initial order from the depth-first visit (model order), then barycentre sweeps.
  const layers: number[][] = Array.from({ length: Math.max(layerCount, 1) }, () => []);
  const seen = new Uint8Array(total);
  const place = (v: number) => {
    if (!seen[v]) {
      seen[v] = 1;
      layers[vRank[v]].push(v);
    }
  };
  for (const v of visitOrder) {
    place(v);
    for (const s of down[v]) if (segTo[s] >= n) place(segTo[s]);
  }
  for (let v = 0; v < total; v++) place(v);
  // Dummies placed after their chain's head may come before their own predecessors; the sweeps fix that up.
  const pos = new Float64Array(total);
  const index = () => {
    for (const l of layers) l.forEach((v, i) => (pos[v] = i));
  };
  index();
  const key = new Float64Array(total);
  const sweep = (fromAbove: boolean) => {
    const order = fromAbove ? layers.keys() : [...layers.keys()].reverse().values();
    for (const li of order) {
      const l = layers[li];
      for (const v of l) {
        const nb = fromAbove ? up[v] : down[v];
        const other = fromAbove ? segFrom : segTo;
        if (nb.length === 0) key[v] = pos[v];
        else {
          let s = 0;
          for (const sg of nb) s += pos[other[sg]];
          key[v] = s / nb.length;
        }
      }
      l.sort((a, b) => key[a] - key[b] || pos[a] - pos[b]);
      l.forEach((v, i) => (pos[v] = i));
    }
  };
  for (let i = 0; i < 4; i++) sweep(i % 2 === 0);

  // 5. Coordinates: each layer placed where its neighbours pull it, overlaps resolved by merging blocks.
  const cx = new Float64Array(total);
  for (const l of layers) {
    let x = 0;
    for (const v of l) {
      cx[v] = x + vWidth[v] / 2;
      x += vWidth[v] + sp.nodeNode;
    }
  }
  const gap = (a: number, b: number) => (vWidth[a] + vWidth[b]) / 2 + (a >= n && b >= n ? sp.edgeWidth : sp.nodeNode);
  // Scratch space for one layer at a time: wishes, packed offsets and the stack of blocks.
  const want = new Float64Array(total);
  const off = new Float64Array(total);
  const blockStart = new Int32Array(total);
  const blockSum = new Float64Array(total);
  const blockCount = new Int32Array(total);
  const balance = (fromAbove: boolean) => {
    const nbOf = fromAbove ? up : down;
    const other = fromAbove ? segFrom : segTo;
    for (let step = 0; step < layers.length; step++) {
      const l = layers[fromAbove ? step : layers.length - 1 - step];
      if (l.length === 0) continue;
      // Each node wishes to sit at the mean of its neighbours in the layer before; packed tightly from the left,
      // node i sits `off[i]` after the first node, so a run of nodes is one block with a common origin.
      let o = 0;
      for (let i = 0; i < l.length; i++) {
        const v = l[i];
        if (i > 0) o += gap(l[i - 1], v);
        off[i] = o;
        const nb = nbOf[v];
        if (nb.length === 0) want[i] = cx[v];
        else {
          let sum = 0;
          for (const sg of nb) sum += cx[other[sg]];
          want[i] = sum / nb.length;
        }
      }
      // Pool adjacent violators: a block's origin is the least-squares fit of its members' wishes; a block whose
      // origin falls left of the previous block's would overlap it, so the two merge.
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
  };
  balance(true);
  balance(false);
  balance(true);

  // 6. Ports: the edges leaving (entering) a node are spread along its bottom (top) side, ordered by where their
  // other end sits, so two edges between the same pair of nodes, or a fan-out from a Choice, never share a line.
  // A node with a single edge on a side keeps it at the centre, so straight chains stay straight.
  const outX = new Float64Array(segs.length);
  const inX = new Float64Array(segs.length);
  const spread = (
    v: number,
    list: number[],
    key: (s: number) => number,
    tie: (s: number) => number,
    set: Float64Array,
  ) => {
    if (list.length === 0) return;
    if (v >= n || list.length === 1) {
      for (const s of list) set[s] = cx[v];
      return;
    }
    // Sorted in place: the lists are not read again once their ports are set.
    const sorted = list.sort((p, q) => key(p) - key(q) || tie(p) - tie(q) || p - q);
    const margin = Math.min(PORT_MARGIN, vWidth[v] / 4);
    const step = Math.min(PORT_STEP, (vWidth[v] - 2 * margin) / (sorted.length - 1));
    const half = ((sorted.length - 1) / 2) * step;
    // An edge whose other end sits straight above or below this node's centre keeps a straight line: the row of
    // ports slides so that edge's port is at the centre, when the row still fits on the side.
    let best = Infinity;
    for (let j = 0; j < sorted.length; j++) {
      const off = j * step - half;
      if (
        Math.abs(key(sorted[j]) - cx[v]) < 0.5 &&
        half + Math.abs(off) <= vWidth[v] / 2 - margin &&
        Math.abs(off) < Math.abs(best)
      )
        best = off;
    }
    const shift = Number.isFinite(best) ? -best : 0;
    sorted.forEach((s, j) => (set[s] = cx[v] + j * step - half + shift));
  };
  for (let v = 0; v < total; v++)
    spread(
      v,
      down[v],
      (s) => cx[segTo[s]],
      (s) => pos[segTo[s]],
      outX,
    );
  for (let v = 0; v < total; v++)
    spread(
      v,
      up[v],
      (s) => outX[s],
      (s) => pos[segFrom[s]],
      inX,
    );

  // 7. Tracks: in each gap between layers, the horizontal runs that would overlap get separate heights. Runs
  // going left are stacked with the leftmost source on top, runs going right with the rightmost source on top,
  // which is the order that keeps a fan-out (or a fan-in) free of crossings.
  const gapCount = Math.max(layers.length - 1, 0);
  const track = new Int32Array(segs.length);
  const gapTracks = new Int32Array(gapCount);
  const bends: number[][] = [];
  segs.forEach(([a], s) => {
    if (Math.abs(outX[s] - inX[s]) > 0.5) (bends[vRank[a]] ??= []).push(s);
  });
  for (let g = 0; g < gapCount; g++) {
    const list = bends[g];
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
      if (t + 1 > gapTracks[g]) gapTracks[g] = t + 1;
    }
  }

  // 8. Labels sit on the last stretch of their edge, just above the node it enters, in rows: a label that would
  // overlap one already placed in the gap goes to the next row up, and the gap grows to hold the rows.
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
  const labelPos: ({ x: number; y: number } | null)[] = edges.map(() => null);
  const labelRow = new Int32Array(edges.length);
  const gapRows = new Int32Array(gapCount);
  const rowAlong = new Float64Array(gapCount);
  // The last segment of edge i (the one entering the lower node), or -1 for an edge without a route.
  const lastSeg = (i: number) => (chains[i].length < 2 ? -1 : segStart[i] + chains[i].length - 2);
  const labelled: number[][] = [];
  for (let i = 0; i < edges.length; i++) {
    const s = lastSeg(i);
    if (labelW[i] > 0 && s >= 0) (labelled[vRank[segTo[s]] - 1] ??= []).push(i);
  }
  for (let g = 0; g < gapCount; g++) {
    const list = labelled[g];
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
      rowAlong[g] = Math.max(rowAlong[g], labelH[i] + 2);
    }
    gapRows[g] = rowEnd.length;
  }

  // 9. Layer rows and final positions.
  const rowH = layers.map((l) => l.reduce((h, v) => Math.max(h, v < n ? nodes[v].height : 0), 0));
  const gapNeed = (g: number) =>
    GAP_TOP + gapTracks[g] * TRACK_PITCH + (gapRows[g] > 0 ? 2 + gapRows[g] * rowAlong[g] : 0) + GAP_BOTTOM;
  const gapH = Array.from({ length: gapCount }, (_, g) => Math.max(sp.betweenLayers, gapNeed(g)));
  const rowY: number[] = [];
  let y = sp.padding;
  for (let i = 0; i < layers.length; i++) {
    rowY.push(y);
    y += rowH[i] + (i < gapCount ? gapH[i] : 0);
  }
  const height = y + sp.padding;
  const gapTop = (g: number) => rowY[g] + rowH[g] + (gapH[g] - gapNeed(g)) / 2;
  const trackY = (s: number) => gapTop(vRank[segFrom[s]]) + GAP_TOP + (track[s] + 0.5) * TRACK_PITCH;
  for (let i = 0; i < edges.length; i++) {
    const s = lastSeg(i);
    if (labelW[i] <= 0 || s < 0) continue;
    const g = vRank[segTo[s]] - 1;
    const bandBottom = gapTop(g) + gapNeed(g) - GAP_BOTTOM;
    labelPos[i] = { x: inX[s], y: bandBottom - (labelRow[i] + 0.5) * rowAlong[g] };
  }
  let minX = Infinity;
  let maxX = -Infinity;
  for (let v = 0; v < total; v++) {
    minX = Math.min(minX, cx[v] - vWidth[v] / 2);
    maxX = Math.max(maxX, cx[v] + vWidth[v] / 2);
  }
  labelPos.forEach((p, i) => {
    if (!p) return;
    minX = Math.min(minX, p.x - labelW[i] / 2);
    maxX = Math.max(maxX, p.x + labelW[i] / 2);
  });
  if (!Number.isFinite(minX)) {
    minX = 0;
    maxX = 0;
  }
  const shift = sp.padding - minX;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let v = 0; v < n; v++) {
    xs.push(cx[v] + shift - nodes[v].width / 2);
    ys.push(rowY[vRank[v]] + (rowH[vRank[v]] - nodes[v].height) / 2);
  }
  const topY = (v: number) => (v < n ? ys[v] : rowY[vRank[v]]);
  const bottomY = (v: number) => (v < n ? ys[v] + nodes[v].height : rowY[vRank[v]] + rowH[vRank[v]]);

  // 10. Orthogonal routes: leave through the edge's port, turn on its track in each gap, enter through its port.
  const routed = edges.map((e, i) => {
    const chain = chains[i];
    if (e.from === e.to || chain.length < 2) return null;
    const pts: { x: number; y: number }[] = [{ x: outX[segStart[i]] + shift, y: bottomY(chain[0]) }];
    for (let k = 1; k < chain.length; k++) {
      const s = segStart[i] + k - 1;
      const b = chain[k];
      const xa = outX[s] + shift;
      const xb = inX[s] + shift;
      if (Math.abs(xa - xb) > 0.5) {
        const ty = trackY(s);
        pts.push({ x: xa, y: ty }, { x: xb, y: ty });
      }
      if (b >= n) {
        // Pass straight through the dummy's layer.
        pts.push({ x: xb, y: topY(b) }, { x: xb, y: bottomY(b) });
      } else pts.push({ x: xb, y: topY(b) });
    }
    const simplified = dropCollinear(pts);
    if (reversed[i]) simplified.reverse();
    return simplified;
  });
  for (const p of labelPos) if (p) p.x += shift;
  return { width: maxX - minX + 2 * sp.padding, height, x: xs, y: ys, edges: routed, labels: labelPos };
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
