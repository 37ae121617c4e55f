/**
 * Whether an undirected graph is planar: Demoucron, Malgrange and Pertuiset's path-embedding test ("Reconnaissance
 * et construction de représentations planaires topologiques", 1964; e.g. Gibbons, "Algorithmic Graph Theory",
 * 1985, section 7.4) on each biconnected component. Used to tell a crossing that no drawing can avoid (a graph
 * holding a subdivision of K5 or K3,3) from one a better layout would remove: the small layered layout keeps its
 * drawing with crossings only in the first case (see flat.ts). Hand-written because no maintained JavaScript
 * library offers a planarity test; the scopes it runs on are small (tens of nodes), so the quadratic-time
 * method is plenty and easier to check than the linear-time ones.
 */

/** Whether the graph on nodes 0..n-1 with edges `from[i]`–`to[i]` (direction, loops and repeats ignored) is planar. */
export function isPlanar(n: number, from: ArrayLike<number>, to: ArrayLike<number>): boolean {
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set());
  for (let i = 0; i < from.length; i++) {
    const a = from[i];
    const b = to[i];
    if (a === b || a < 0 || b < 0 || a >= n || b >= n) continue;
    adj[a].add(b);
    adj[b].add(a);
  }
  let edges = 0;
  for (const s of adj) edges += s.size;
  edges /= 2;
  // Euler: a simple planar graph with v >= 3 nodes has at most 3v - 6 edges.
  if (n >= 3 && edges > 3 * n - 6) return false;
  for (const block of biconnectedBlocks(n, adj)) if (block.length > 3 && !blockIsPlanar(block)) return false;
  return true;
}

/**
 * The least number of crossings any drawing of the graph has: 0 when it is planar; else at least 1, and at least
 * e - 3v + 6 for a simple graph of e edges on v nodes (each crossing removed with one of its edges leaves a
 * planar graph, which has at most 3v - 6 edges).
 */
export function crossingLowerBound(n: number, from: ArrayLike<number>, to: ArrayLike<number>): number {
  if (isPlanar(n, from, to)) return 0;
  const seen = new Set<string>();
  const touched = new Set<number>();
  for (let i = 0; i < from.length; i++) {
    const a = Math.min(from[i], to[i]);
    const b = Math.max(from[i], to[i]);
    if (a === b) continue;
    seen.add(`${a},${b}`);
    touched.add(a);
    touched.add(b);
  }
  return Math.max(1, seen.size - 3 * touched.size + 6);
}

/** The biconnected components as lists of edges [a, b] (Tarjan's edge stack, iterative). */
function biconnectedBlocks(n: number, adj: Set<number>[]): [number, number][][] {
  const list = adj.map((s) => [...s]);
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const blocks: [number, number][][] = [];
  const edgeStack: [number, number][] = [];
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    disc[root] = low[root] = time++;
    const stack: { v: number; parent: number; next: number }[] = [{ v: root, parent: -1, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const { v } = top;
      if (top.next < list[v].length) {
        const w = list[v][top.next++];
        if (disc[w] === -1) {
          edgeStack.push([v, w]);
          disc[w] = low[w] = time++;
          stack.push({ v: w, parent: v, next: 0 });
        } else if (w !== top.parent && disc[w] < disc[v]) {
          edgeStack.push([v, w]);
          low[v] = Math.min(low[v], disc[w]);
        }
        continue;
      }
      stack.pop();
      const p = top.parent;
      if (p < 0) continue;
      low[p] = Math.min(low[p], low[v]);
      if (low[v] >= disc[p]) {
        const block: [number, number][] = [];
        for (;;) {
          const e = edgeStack.pop()!;
          block.push(e);
          if (e[0] === p && e[1] === v) break;
        }
        blocks.push(block);
      }
    }
  }
  return blocks;
}

/** DMP on one biconnected block (at least one cycle), given as its edges. */
function blockIsPlanar(block: [number, number][]): boolean {
  const adj = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    const l = adj.get(a);
    if (l) l.push(b);
    else adj.set(a, [b]);
  };
  for (const [a, b] of block) {
    link(a, b);
    link(b, a);
  }
  const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const placedNode = new Set<number>();
  const placedEdge = new Set<string>();
  const place = (path: number[]) => {
    for (let i = 0; i < path.length; i++) {
      placedNode.add(path[i]);
      if (i > 0) placedEdge.add(key(path[i - 1], path[i]));
    }
  };
  const cycle = firstCycle(adj);
  place([...cycle, cycle[0]]);
  let faces: number[][] = [cycle, [...cycle].reverse()];
  const total = block.length;
  while (placedEdge.size < total) {
    const fragments = fragmentsOf(adj, placedNode, placedEdge, key);
    let chosen: { fragment: Fragment; face: number } | null = null;
    for (const fragment of fragments) {
      const fits: number[] = [];
      faces.forEach((f, i) => {
        const on = new Set(f);
        if (fragment.contacts.every((c) => on.has(c))) fits.push(i);
      });
      if (fits.length === 0) return false;
      if (fits.length === 1 || chosen === null) chosen = { fragment, face: fits[0] };
      if (fits.length === 1) break;
    }
    if (!chosen) return true;
    const path = chosen.fragment.path;
    const face = faces[chosen.face];
    const i = face.indexOf(path[0]);
    const j = face.indexOf(path[path.length - 1]);
    // The face's boundary from one end of the path to the other, both ways round, each closed by the path.
    const arc = (s: number, e: number) => {
      const out: number[] = [];
      for (let k = s; ; k = (k + 1) % face.length) {
        out.push(face[k]);
        if (k === e) return out;
      }
    };
    const inner = path.slice(1, -1);
    const one = [...arc(i, j), ...[...inner].reverse()];
    const two = [...arc(j, i), ...inner];
    faces = faces.filter((_, k) => k !== chosen.face).concat([one, two]);
    place(path);
  }
  return true;
}

/** A cycle of the block (it has one: it is biconnected with more than one edge), as its nodes in order. */
function firstCycle(adj: Map<number, number[]>): number[] {
  const start = adj.keys().next().value as number;
  const parent = new Map<number, number>([[start, -1]]);
  const depth = new Map<number, number>([[start, 0]]);
  const stack = [start];
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const w of adj.get(v)!) {
      if (w === parent.get(v)) continue;
      if (depth.has(w)) {
        // A back edge v–w closes the tree path between them.
        const a: number[] = [];
        const b: number[] = [];
        let x = v;
        let y = w;
        while (depth.get(x)! > depth.get(y)!) {
          a.push(x);
          x = parent.get(x)!;
        }
        while (depth.get(y)! > depth.get(x)!) {
          b.push(y);
          y = parent.get(y)!;
        }
        while (x !== y) {
          a.push(x);
          b.push(y);
          x = parent.get(x)!;
          y = parent.get(y)!;
        }
        return [...a, x, ...b.reverse()];
      }
      parent.set(w, v);
      depth.set(w, depth.get(v)! + 1);
      stack.push(w);
    }
  }
  throw new Error('a biconnected block without a cycle');
}

/** A piece of the block not yet embedded: where it touches the embedded part, and a path through it. */
interface Fragment {
  contacts: number[];
  /** From one contact to another, through the fragment's own nodes. */
  path: number[];
}

/** The fragments: each edge left out between two embedded nodes, and each part of the rest with its ties. */
function fragmentsOf(
  adj: Map<number, number[]>,
  placedNode: Set<number>,
  placedEdge: Set<string>,
  key: (a: number, b: number) => string,
): Fragment[] {
  const out: Fragment[] = [];
  for (const [a, list] of adj)
    if (placedNode.has(a))
      for (const b of list)
        if (a < b && placedNode.has(b) && !placedEdge.has(key(a, b))) out.push({ contacts: [a, b], path: [a, b] });
  const seen = new Set<number>();
  for (const s of adj.keys()) {
    if (placedNode.has(s) || seen.has(s)) continue;
    const part = [s];
    const parent = new Map<number, number>([[s, -1]]);
    const contacts = new Set<number>();
    const via = new Map<number, number>();
    seen.add(s);
    for (let qi = 0; qi < part.length; qi++) {
      const v = part[qi];
      for (const w of adj.get(v)!) {
        if (placedNode.has(w)) {
          contacts.add(w);
          if (!via.has(w)) via.set(w, v);
        } else if (!seen.has(w)) {
          seen.add(w);
          parent.set(w, v);
          part.push(w);
        }
      }
    }
    // A path between two contacts: from the first contact into the part, along the tree to where the second
    // contact is tied, and out to it.
    const [c1, c2] = [...contacts];
    const up = (v: number) => {
      const p: number[] = [];
      for (let x = v; x !== -1; x = parent.get(x)!) p.push(x);
      return p;
    };
    const p1 = up(via.get(c1)!);
    const p2 = up(via.get(c2)!);
    const inP2 = new Set(p2);
    const meet = p1.findIndex((x) => inP2.has(x));
    const down = p2.slice(0, p2.indexOf(p1[meet])).reverse();
    out.push({ contacts: [...contacts], path: [c1, ...p1.slice(0, meet + 1), ...down, c2] });
  }
  return out;
}
