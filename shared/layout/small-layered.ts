/**
 * A small layered (Sugiyama-style) layout for the many little scopes of a very large machine. ELK spends a few
 * milliseconds on even a ten-node graph, and a 1,000-state machine has dozens of branches and item processors, so
 * in fast mode those scopes are drawn here in well under a millisecond each: depth-first cycle breaking, longest-path
 * layers, barycentre ordering, balanced coordinates and orthogonal edges through the gaps between layers. The big
 * scopes, and every scope of an ordinary-sized machine, still go through ELK.
 */

/** A box to place: width and height along the page. */
export interface SmallNode {
  width: number;
  height: number;
}

/** An edge between node indices. */
export interface SmallEdge {
  from: number;
  to: number;
}

/** Positions (top-left) and routed edges (`null` when not routed, e.g. a self loop), in scope coordinates. */
export interface SmallLayout {
  width: number;
  height: number;
  x: number[];
  y: number[];
  edges: ({ x: number; y: number }[] | null)[];
}

/** Gaps the caller wants, so this layout matches the spacing of the ELK-drawn scopes around it. */
export interface SmallSpacing {
  nodeNode: number;
  betweenLayers: number;
  padding: number;
  /** Space kept for an edge passing through a layer. */
  edgeWidth: number;
}

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
  const segs: [number, number][] = [];
  edges.forEach((e, i) => {
    if (e.from === e.to) return;
    const [a, b] = reversed[i] ? [e.to, e.from] : [e.from, e.to];
    let prev = a;
    const chain = [a];
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
  for (const [a, b] of segs) {
    down[a].push(b);
    up[b].push(a);
  }

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
    for (const w of down[v]) if (w >= n) place(w);
  }
  for (let v = 0; v < total; v++) place(v);
  // Dummies placed after their chain's head may come before their own predecessors; the sweeps fix that up.
  const pos = new Float64Array(total);
  const index = () => {
    for (const l of layers) l.forEach((v, i) => (pos[v] = i));
  };
  index();
  const sweep = (fromAbove: boolean) => {
    const order = fromAbove ? layers.keys() : [...layers.keys()].reverse().values();
    for (const li of order) {
      const l = layers[li];
      const key = new Float64Array(total);
      for (const v of l) {
        const nb = fromAbove ? up[v] : down[v];
        if (nb.length === 0) key[v] = pos[v];
        else {
          let s = 0;
          for (const w of nb) s += pos[w];
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
  const balance = (fromAbove: boolean) => {
    const order = fromAbove ? [...layers.keys()] : [...layers.keys()].reverse();
    for (const li of order) {
      const l = layers[li];
      if (l.length === 0) continue;
      const want = l.map((v) => {
        const nb = fromAbove ? up[v] : down[v];
        if (nb.length === 0) return cx[v];
        let s = 0;
        for (const w of nb) s += cx[w];
        return s / nb.length;
      });
      // Blocks of consecutive nodes, each block centred on the mean of its members' wishes (pool adjacent violators).
      const blocks: { start: number; end: number; offs: number[]; x: number }[] = [];
      for (let i = 0; i < l.length; i++) {
        let b = { start: i, end: i, offs: [0], x: want[i] };
        while (blocks.length > 0) {
          const p = blocks[blocks.length - 1];
          const shift = p.offs[p.offs.length - 1] + gap(l[p.end], l[b.start]);
          if (b.x >= p.x + shift) break;
          blocks.pop();
          const offs = [...p.offs, ...b.offs.map((o) => o + shift)];
          // The block's start that best satisfies all members' wishes (least squares).
          const x = offs.reduce((sum, o, k) => sum + want[p.start + k] - o, 0) / offs.length;
          b = { start: p.start, end: b.end, offs, x };
        }
        blocks.push(b);
      }
      for (const b of blocks) b.offs.forEach((o, k) => (cx[l[b.start + k]] = b.x + o));
    }
  };
  balance(true);
  balance(false);
  balance(true);

  // 6. Layer rows and final positions.
  const rowH = layers.map((l) => l.reduce((h, v) => Math.max(h, v < n ? nodes[v].height : 0), 0));
  const rowY: number[] = [];
  let y = sp.padding;
  for (let i = 0; i < layers.length; i++) {
    rowY.push(y);
    y += rowH[i] + sp.betweenLayers;
  }
  const height = y - sp.betweenLayers + sp.padding;
  let minX = Infinity;
  let maxX = -Infinity;
  for (let v = 0; v < total; v++) {
    minX = Math.min(minX, cx[v] - vWidth[v] / 2);
    maxX = Math.max(maxX, cx[v] + vWidth[v] / 2);
  }
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
  const centerX = (v: number) => cx[v] + shift;
  const topY = (v: number) => (v < n ? ys[v] : rowY[vRank[v]]);
  const bottomY = (v: number) => (v < n ? ys[v] + nodes[v].height : rowY[vRank[v]] + rowH[vRank[v]]);

  // 7. Orthogonal routes: leave the bottom centre, turn in the gap below each layer, enter the top centre.
  const routed = edges.map((e, i) => {
    const chain = chains[i];
    if (e.from === e.to || chain.length < 2) return null;
    const pts: { x: number; y: number }[] = [{ x: centerX(chain[0]), y: bottomY(chain[0]) }];
    for (let k = 1; k < chain.length; k++) {
      const a = chain[k - 1];
      const b = chain[k];
      const midY = bottomY(a) + (rowY[vRank[b]] - rowY[vRank[a]] - rowH[vRank[a]]) / 2;
      const xa = centerX(a);
      const xb = centerX(b);
      if (Math.abs(xa - xb) > 0.5) {
        pts.push({ x: xa, y: midY }, { x: xb, y: midY });
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
  return { width: maxX - minX + 2 * sp.padding, height, x: xs, y: ys, edges: routed };
}

function dropCollinear(pts: { x: number; y: number }[]): { x: number; y: number }[] {
  const res: { x: number; y: number }[] = [];
  for (const p of pts) {
    const n = res.length;
    if (n > 0 && Math.abs(res[n - 1].x - p.x) < 0.01 && Math.abs(res[n - 1].y - p.y) < 0.01) continue;
    if (n >= 2) {
      const a = res[n - 2];
      const b = res[n - 1];
      if ((Math.abs(a.x - b.x) < 0.01 && Math.abs(b.x - p.x) < 0.01) || (Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - p.y) < 0.01)) {
        res[n - 1] = p;
        continue;
      }
    }
    res.push(p);
  }
  return res;
}
