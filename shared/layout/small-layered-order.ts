/**
 * The small layered layout's ordering step (see small-layered.ts): the order of the nodes and dummies within each
 * layer, which decides the crossings. Barycentre sweeps from the depth-first visit order; on a second try
 * (a drawing that was not clean) more sweeps with transposition and restarts from shuffled orders.
 */
import type { Layered } from './small-layered.ts';

/**
 * Shuffled orders tried when refining (see refineOrder), fewer for a big layered graph (nodes and dummies) so that
 * a scope no order draws clean costs about what an ELK run would: 8 up to 300 (a 40-state scope with long edges
 * has about 200), 2 up to 600, none beyond.
 */
function restartsFor(total: number): number {
  return total <= 300 ? 8 : total <= 600 ? 2 : 0;
}

/** Sweeps tried after the first four when refining an order (each a few microseconds at these sizes). */
const REFINE_ROUNDS = 12;

/** A refinement stops after this many sweeps in a row without fewer crossings. */
const STALE_ROUNDS = 3;

/** The mean of `at` over the other ends of segments `nb`, or `fallback` when there are none. */
export function meanOf(nb: number[], other: Int32Array, at: Float64Array, fallback: number): number {
  if (nb.length === 0) return fallback;
  let s = 0;
  for (const sg of nb) s += at[other[sg]];
  return s / nb.length;
}

/**
 * 4. Ordering: initial order from the depth-first visit (model order), then barycentre sweeps. `variant` bit 1
 * refines the order (refineOrder), bit 2 starts from the reversed order, bit 4 sweeps upward first.
 */
export function orderLayers(
  g: Layered,
  visitOrder: number[],
  variant: number,
): { layers: number[][]; pos: Float64Array; crossings: number } {
  const { n, total, vRank, up, down, segFrom, segTo } = g;
  const layers: number[][] = Array.from({ length: Math.max(g.layerCount, 1) }, () => []);
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
  if (variant & 2) for (const l of layers) l.reverse();
  // Dummies placed after their chain's head may come before their own predecessors; the sweeps fix that up.
  const pos = new Float64Array(total);
  for (const l of layers) l.forEach((v, i) => (pos[v] = i));
  const key = new Float64Array(total);
  const sweep = (fromAbove: boolean) => {
    const nbOf = fromAbove ? up : down;
    const other = fromAbove ? segFrom : segTo;
    for (let step = 0; step < layers.length; step++) {
      const l = layers[fromAbove ? step : layers.length - 1 - step];
      for (const v of l) key[v] = meanOf(nbOf[v], other, pos, pos[v]);
      l.sort((a, b) => key[a] - key[b] || pos[a] - pos[b]);
      l.forEach((v, i) => (pos[v] = i));
    }
  };
  const fromBelow = (variant & 4) !== 0;
  for (let i = 0; i < 4; i++) sweep((i % 2 === 0) !== fromBelow);
  if (variant & 1) return { layers, pos, crossings: refineOrder(g, layers, pos, sweep, fromBelow, variant) };
  return { layers, pos, crossings: crossingCount(g, layers, pos) };
}

/**
 * Refining an order that left crossings: more sweeps, each followed by transposition, from the order found and
 * then from shuffled orders (restartsFor), keeping the order with the fewest crossings (returned). The shuffles are
 * what moves a whole long edge to the other side of the drawing: each of its dummies moved alone would add
 * crossings, so no local step does it. ELK's layered algorithm restarts from random orders the same way; here the
 * seed is fixed by the variant, so a machine is drawn the same every time.
 */
function refineOrder(
  g: Layered,
  layers: number[][],
  pos: Float64Array,
  sweep: (fromAbove: boolean) => void,
  fromBelow: boolean,
  variant: number,
): number {
  const snapshot = () => layers.map((l) => l.slice());
  const settle = () => {
    transposeLayers(g, layers, pos);
    let best = crossingCount(g, layers, pos);
    let bestLayers = best > 0 ? snapshot() : layers;
    for (let round = 0, stale = 0; round < REFINE_ROUNDS && best > 0 && stale < STALE_ROUNDS; round++) {
      sweep((round % 2 === 0) === fromBelow);
      transposeLayers(g, layers, pos);
      const c = crossingCount(g, layers, pos);
      stale++;
      if (c < best) {
        best = c;
        bestLayers = c > 0 ? snapshot() : layers;
        stale = 0;
      }
    }
    return { best, bestLayers };
  };
  let { best, bestLayers } = settle();
  let seed = Math.imul(variant + 1, 0x9e3779b9);
  /** mulberry32: a small, well-mixed 32-bit generator. */
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const restarts = restartsFor(g.total);
  for (let restart = 0; restart < restarts && best > 0; restart++) {
    for (const l of layers) {
      for (let i = l.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = l[i];
        l[i] = l[j];
        l[j] = t;
      }
      l.forEach((v, i) => (pos[v] = i));
    }
    for (let i = 0; i < 4; i++) sweep((i % 2 === 0) !== fromBelow);
    const tried = settle();
    if (tried.best < best) ({ best, bestLayers } = tried);
  }
  if (bestLayers !== layers)
    bestLayers.forEach((l, li) => {
      layers[li] = l;
      l.forEach((v, i) => (pos[v] = i));
    });
  return best;
}

/** Pairs of segments that cross between neighbouring layers, for the order in `pos`. */
export function crossingCount(g: Layered, layers: number[][], pos: Float64Array): number {
  let c = 0;
  for (const l of layers) c += gapCrossings(g, l, pos);
  return c;
}

/** Pairs of segments leaving layer `l` downward that cross before the next layer. */
function gapCrossings(g: Layered, l: number[], pos: Float64Array): number {
  let c = 0;
  for (let a = 0; a < l.length; a++)
    for (const s of g.down[l[a]]) {
      const ts = pos[g.segTo[s]];
      for (let b = a + 1; b < l.length; b++) c += below(g, g.down[l[b]], pos, ts);
    }
  return c;
}

/** How many of the segments `list` end left of `x`. */
function below(g: Layered, list: number[], pos: Float64Array, x: number): number {
  let c = 0;
  for (const t of list) if (pos[g.segTo[t]] < x) c++;
  return c;
}

/**
 * The classic "transpose" refinement: swaps neighbours in a layer while that removes crossings with the layers
 * above and below.
 */
function transposeLayers(g: Layered, layers: number[][], pos: Float64Array): void {
  const { up, down, segFrom, segTo } = g;
  // Crossings between u's and v's segments on one side when u is left of v.
  const side = (a: number[], b: number[], other: Int32Array) => {
    let c = 0;
    for (const s of a) for (const t of b) if (pos[other[s]] > pos[other[t]]) c++;
    return c;
  };
  const cost = (u: number, v: number) => side(up[u], up[v], segFrom) + side(down[u], down[v], segTo);
  for (let round = 0; round < 8; round++) {
    let improved = false;
    for (const l of layers) {
      for (let i = 0; i + 1 < l.length; i++) {
        const u = l[i];
        const v = l[i + 1];
        if (cost(u, v) <= cost(v, u)) continue;
        l[i] = v;
        l[i + 1] = u;
        pos[v] = i;
        pos[u] = i + 1;
        improved = true;
      }
    }
    if (!improved) return;
  }
}
