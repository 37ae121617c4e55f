/**
 * Network-simplex layering (shared/layout/network-simplex.ts): every edge spans at least one layer and the total
 * span is the least possible, checked against an exhaustive search on small random acyclic graphs, and on the
 * case that made it worth having (a node that fans out pulled down beside its siblings).
 */
import { describe, expect, it } from 'vitest';
import { networkSimplexLayers } from '../../../shared/layout/network-simplex.ts';

type E = [number, number][];

function longestPath(n: number, e: E): Int32Array {
  const r = new Int32Array(n);
  for (let k = 0; k < n; k++) for (const [a, b] of e) r[b] = Math.max(r[b], r[a] + 1);
  return r;
}

const span = (r: ArrayLike<number>, e: E) => e.reduce((s, [a, b]) => s + r[b] - r[a], 0);
const layers = (n: number, e: E) =>
  networkSimplexLayers(
    n,
    Int32Array.from(e, (x) => x[0]),
    Int32Array.from(e, (x) => x[1]),
    longestPath(n, e),
  );

/** The least total span over every layering with ranks 0..n-1 (exhaustive; n is tiny). */
function bestSpan(n: number, e: E): number {
  let best = Infinity;
  const r = new Array<number>(n).fill(0);
  const visit = (v: number) => {
    if (v === n) {
      if (e.every(([a, b]) => r[b] - r[a] >= 1)) best = Math.min(best, span(r, e));
      return;
    }
    for (let k = 0; k < n; k++) {
      r[v] = k;
      visit(v + 1);
    }
  };
  visit(0);
  return best;
}

describe('network-simplex layering', () => {
  it('finds the least total span on 150 random small acyclic graphs', () => {
    let state = 19;
    const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let g = 0; g < 150; g++) {
      const n = 2 + Math.floor(rand() * 5);
      const e: E = [];
      for (let b = 1; b < n; b++) {
        e.push([Math.floor(rand() * b), b]);
        if (rand() < 0.6) e.push([Math.floor(rand() * b), b]);
        if (rand() < 0.3 && b + 1 < n) e.push([b, b + 1 + Math.floor(rand() * (n - b - 1))]);
      }
      const r = layers(n, e);
      for (const [a, b] of e) expect(r[b] - r[a], `graph ${g}: edge ${a}→${b}`).toBeGreaterThanOrEqual(1);
      expect(Math.min(...r), `graph ${g}`).toBe(0);
      expect(span(r, e), `graph ${g}: ${JSON.stringify(e)}`).toBe(bestSpan(n, e));
    }
  });

  it('pulls a node that fans out down beside its siblings, where longest path leaves it high', () => {
    // 0 → 1; 1 → 2 → 4 (a Choice two steps down); 1 → 3 (fans out) → 5, 6; 4 → 5, 6 (the Choice's branches).
    const e: E = [
      [0, 1],
      [1, 2],
      [2, 4],
      [1, 3],
      [3, 5],
      [3, 6],
      [4, 5],
      [4, 6],
    ];
    const lp = longestPath(7, e);
    const ns = layers(7, e);
    expect(lp[3]).toBe(2);
    expect(ns[3]).toBe(ns[4]);
    expect(span(ns, e)).toBeLessThan(span(lp, e));
  });

  it('lays out each part of a graph in pieces from rank 0, and a graph without edges flat', () => {
    const r = layers(5, [
      [0, 1],
      [2, 3],
      [3, 4],
    ]);
    expect([...r]).toEqual([0, 1, 0, 1, 2]);
    expect([...layers(3, [])]).toEqual([0, 0, 0]);
  });
});
