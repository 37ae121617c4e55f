/**
 * Layering by network simplex (Gansner, Koutsofios, North and Vo, "A technique for drawing directed graphs", IEEE
 * TSE 1993, section 2): the layer of every node such that each edge spans at least one layer and the total span of
 * the edges is least. This is the layering ELK and dagre use; it puts a node next to most of its neighbours rather
 * than as high as its predecessors allow (longest path), so a handler hangs right under the state that fails into
 * it and a state that fans out sits level with its siblings, which leaves the ordering fewer long edges to cross.
 * Hand-written because the small layered layout works on its own index arrays (see small-layered.ts) and the
 * scopes are small: cut values are recomputed naively (tree size × edges per pivot), which costs well under a
 * millisecond at the sizes it is used for and is capped in pivots besides.
 */

/**
 * Layers for the `n` nodes of an acyclic graph given by `from[i] → to[i]` (every edge points down), starting from
 * the feasible layering `start` (e.g. longest path). Returns a new array, the least rank 0 in each component.
 */
export function networkSimplexLayers(n: number, from: Int32Array, to: Int32Array, start: Int32Array): Int32Array {
  const m = from.length;
  const rank = Int32Array.from(start);
  const incident: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < m; e++) {
    incident[from[e]].push(e);
    incident[to[e]].push(e);
  }
  const slack = (e: number) => rank[to[e]] - rank[from[e]] - 1;
  const other = (e: number, v: number) => (from[e] === v ? to[e] : from[e]);
  const inTree = new Uint8Array(n);
  const treeEdge = new Uint8Array(m);
  const component = new Int32Array(n).fill(-1);
  const roots: number[] = [];

  // 1. A feasible spanning tree of tight edges per connected component: grow along tight edges; when stuck, make
  //    the least slack edge leaving the tree tight by shifting the whole tree toward it.
  for (let root = 0; root < n; root++) {
    if (component[root] !== -1) continue;
    const c = roots.length;
    roots.push(root);
    const members: number[] = [root];
    component[root] = c;
    for (let qi = 0; qi < members.length; qi++)
      for (const e of incident[members[qi]]) {
        const w = other(e, members[qi]);
        if (component[w] === -1) {
          component[w] = c;
          members.push(w);
        }
      }
    const tree: number[] = [root];
    inTree[root] = 1;
    const grow = () => {
      for (let qi = 0; qi < tree.length; qi++)
        for (const e of incident[tree[qi]]) {
          const w = other(e, tree[qi]);
          if (!inTree[w] && slack(e) === 0) {
            inTree[w] = 1;
            treeEdge[e] = 1;
            tree.push(w);
          }
        }
    };
    grow();
    while (tree.length < members.length) {
      let best = -1;
      for (const v of tree)
        for (const e of incident[v]) if (!inTree[other(e, v)] && (best < 0 || slack(e) < slack(best))) best = e;
      if (best < 0) break;
      const delta = inTree[to[best]] ? -slack(best) : slack(best);
      for (const v of tree) rank[v] += delta;
      grow();
    }
  }

  // 2. Pivots: a tree edge with a negative cut value leaves the tree; the non-tree edge of least slack from its
  //    head's side to its tail's side enters, and the ranks follow the new tree.
  const tail = new Uint8Array(n);
  const stack: number[] = [];
  /** Marks the nodes on `a`'s side of tree edge `cut` (in `a`'s component). */
  const markSide = (a: number, cut: number) => {
    tail.fill(0);
    tail[a] = 1;
    stack.length = 0;
    stack.push(a);
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const e of incident[v]) {
        if (!treeEdge[e] || e === cut) continue;
        const w = other(e, v);
        if (!tail[w]) {
          tail[w] = 1;
          stack.push(w);
        }
      }
    }
  };
  const rerank = (root: number) => {
    const seen = new Uint8Array(n);
    seen[root] = 1;
    stack.length = 0;
    stack.push(root);
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const e of incident[v]) {
        if (!treeEdge[e]) continue;
        const w = other(e, v);
        if (seen[w]) continue;
        seen[w] = 1;
        rank[w] = w === to[e] ? rank[v] + 1 : rank[v] - 1;
        stack.push(w);
      }
    }
  };
  const maxPivots = 4 * n + 10;
  for (let pivot = 0; pivot < maxPivots; pivot++) {
    let leave = -1;
    for (let e = 0; e < m && leave < 0; e++) {
      if (!treeEdge[e]) continue;
      markSide(from[e], e);
      let cut = 0;
      for (let f = 0; f < m; f++) {
        if (component[from[f]] !== component[from[e]]) continue;
        if (tail[from[f]] && !tail[to[f]]) cut++;
        else if (!tail[from[f]] && tail[to[f]]) cut--;
      }
      if (cut < 0) leave = e;
    }
    if (leave < 0) break;
    // `tail` still marks the leaving edge's tail side.
    let enter = -1;
    for (let f = 0; f < m; f++) {
      if (treeEdge[f] || component[from[f]] !== component[from[leave]]) continue;
      if (!tail[from[f]] && tail[to[f]] && (enter < 0 || slack(f) < slack(enter))) enter = f;
    }
    if (enter < 0) break;
    treeEdge[leave] = 0;
    treeEdge[enter] = 1;
    rerank(roots[component[from[leave]]]);
  }

  // 3. Each component starts at rank 0.
  const least = new Int32Array(roots.length).fill(2 ** 30);
  for (let v = 0; v < n; v++) least[component[v]] = Math.min(least[component[v]], rank[v]);
  for (let v = 0; v < n; v++) rank[v] -= least[component[v]];
  return rank;
}
