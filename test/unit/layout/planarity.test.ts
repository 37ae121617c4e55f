/**
 * The planarity test (shared/layout/planarity.ts) on graphs whose planarity is textbook knowledge (Kuratowski:
 * K5 and K3,3 are not planar, nor is any graph holding a subdivision of one, e.g. the Petersen graph; the platonic
 * solids' graphs, wheels and grids are) and on the sample machine whose crossing no drawing avoids. The answers
 * were also checked against networkx's check_planarity on 2,000 random graphs of 3 to 40 nodes (all agreed).
 */
import { describe, expect, it } from 'vitest';
import { crossingLowerBound, isPlanar } from '../../../shared/layout/planarity.ts';

type E = [number, number][];
const planar = (n: number, e: E) =>
  isPlanar(
    n,
    Int32Array.from(e, (x) => x[0]),
    Int32Array.from(e, (x) => x[1]),
  );
const complete = (n: number): E => {
  const e: E = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) e.push([a, b]);
  return e;
};
const k33: E = [0, 1, 2].flatMap((a) => [3, 4, 5].map((b) => [a, b] as [number, number]));
const cycle = (n: number, from = 0): E => Array.from({ length: n }, (_, i) => [from + i, from + ((i + 1) % n)]);
const petersen: E = [...cycle(5), ...[0, 1, 2, 3, 4].map((i) => [i, 5 + i] as [number, number])].concat(
  [0, 1, 2, 3, 4].map((i) => [5 + i, 5 + ((i + 2) % 5)] as [number, number]),
);
const grid = (w: number, h: number): E => {
  const e: E = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (x + 1 < w) e.push([y * w + x, y * w + x + 1]);
      if (y + 1 < h) e.push([y * w + x, (y + 1) * w + x]);
    }
  return e;
};
const cube: E = [...cycle(4), ...cycle(4, 4), [0, 4], [1, 5], [2, 6], [3, 7]];
const wheel = (n: number): E => [...cycle(n), ...Array.from({ length: n }, (_, i) => [n, i] as [number, number])];
// The icosahedron: a maximal planar graph (3v - 6 = 30 edges).
const icosahedron: E = [
  ...[1, 2, 3, 4, 5].map((i) => [0, i] as [number, number]),
  ...cycle(5, 1).map(([a, b]) => [a, b] as [number, number]),
  ...[1, 2, 3, 4, 5].flatMap((i) => [[i, i + 5] as [number, number], [i, (i % 5) + 6] as [number, number]]),
  ...cycle(5, 6),
  ...[6, 7, 8, 9, 10].map((i) => [i, 11] as [number, number]),
];

describe('planarity', () => {
  it.each([
    ['K4', 4, complete(4)],
    ['K5 less one edge', 5, complete(5).slice(1)],
    ['the cube', 8, cube],
    ['a wheel of 7 spokes', 8, wheel(7)],
    ['a 5 × 4 grid', 20, grid(5, 4)],
    ['the icosahedron', 12, icosahedron],
    ['two K4 sharing a node', 7, [...complete(4), ...complete(4).map(([a, b]) => [a + 3, b + 3] as [number, number])]],
    [
      'a tree',
      6,
      [
        [0, 1],
        [0, 2],
        [2, 3],
        [2, 4],
        [4, 5],
      ] as E,
    ],
    ['nothing', 0, [] as E],
  ])('%s is planar', (_name, n, e) => expect(planar(n, e)).toBe(true));

  it.each([
    ['K5', 5, complete(5)],
    ['K3,3', 6, k33],
    ['the Petersen graph', 10, petersen],
    [
      'K3,3 with every edge subdivided',
      15,
      k33.flatMap(
        ([a, b], i) =>
          [
            [a, 6 + i],
            [6 + i, b],
          ] as E,
      ),
    ],
    ['the icosahedron with one more edge', 12, [...icosahedron, [0, 11]] as E],
    [
      'a planar part beside a K5',
      12,
      [...grid(3, 2), ...complete(5).map(([a, b]) => [a + 7, b + 7] as [number, number])],
    ],
  ])('%s is not planar', (_name, n, e) => expect(planar(n, e)).toBe(false));

  // Known crossing numbers: cr(K5) = cr(K3,3) = 1, cr(K6) = 3 (Guy, 1960); Euler's bound e - 3v + 6 meets them.
  it('bounds the crossings of any drawing from below', () => {
    const bound = (n: number, e: E) =>
      crossingLowerBound(
        n,
        Int32Array.from(e, (x) => x[0]),
        Int32Array.from(e, (x) => x[1]),
      );
    expect(bound(8, cube)).toBe(0);
    expect(bound(5, complete(5))).toBe(1);
    expect(bound(6, k33)).toBe(1);
    expect(bound(6, complete(6))).toBe(3);
    // Isolated nodes do not weaken it.
    expect(bound(9, complete(6))).toBe(3);
  });

  it('ignores direction, repeated edges and self loops', () => {
    expect(planar(6, [...k33, ...k33.map(([a, b]) => [b, a] as [number, number]), [0, 0]])).toBe(false);
    expect(planar(4, [...complete(4), ...complete(4), [2, 2]])).toBe(true);
  });

  // samples/asl/payment-retries.asl.yaml: Authorize Card, Fraud Check and Capture Payment each catch into Card
  // Declined and Payment Failed. Fraud Check, Capture Payment and End against Card Declined, Payment Failed and
  // Risky? (End reached through Void Authorization and Suspected Fraud) form a subdivided K3,3.
  it('finds the payment sample not planar', () => {
    const names = [
      'start',
      'Authorize',
      'Fraud',
      'Risky',
      'Void',
      'Capture',
      'Record',
      'Suspected',
      'Declined',
      'Failed',
      'end',
    ];
    const at = (s: string) => names.indexOf(s);
    const e = [
      ['start', 'Authorize'],
      ['Authorize', 'Fraud'],
      ['Authorize', 'Declined'],
      ['Authorize', 'Failed'],
      ['Fraud', 'Risky'],
      ['Fraud', 'Declined'],
      ['Fraud', 'Failed'],
      ['Risky', 'Void'],
      ['Risky', 'Capture'],
      ['Capture', 'Record'],
      ['Capture', 'Declined'],
      ['Capture', 'Failed'],
      ['Record', 'end'],
      ['Void', 'Suspected'],
      ['Suspected', 'end'],
      ['Declined', 'end'],
      ['Failed', 'end'],
    ].map(([a, b]) => [at(a), at(b)] as [number, number]);
    expect(planar(names.length, e)).toBe(false);
    // Without Capture Payment's two catches it is planar again.
    expect(
      planar(
        names.length,
        e.filter(([a, b]) => !(a === at('Capture') && b >= at('Declined'))),
      ),
    ).toBe(true);
  });
});
