/**
 * The clean-drawing check (shared/layout/clean-drawing.ts) that decides whether a scope keeps the small layered
 * layout's drawing: hand-made cases for each defect, and its crossing count against a plain all-pairs count over
 * random orthogonal drawings (the check skips pairs whose bounding boxes are apart; the plain count, with the same
 * test for one pair, skips none).
 */
import { describe, expect, it } from 'vitest';
import { crosses, drawingDefects, isCleanDrawing, type DrawnEdge } from '../../../shared/layout/clean-drawing.ts';

type P = { x: number; y: number };
const box = (x: number, y: number, width = 100, height = 40) => ({ x, y, width, height });
const edge = (from: number, to: number, points: [number, number][], label?: [number, number, number]): DrawnEdge => ({
  from,
  to,
  points: points.map(([x, y]) => ({ x, y })),
  label: label ? { x: label[0], y: label[1], width: label[2], height: 16 } : null,
});

function plainCrossings(edges: DrawnEdge[]): number {
  const segs: { e: number; a: P; b: P }[] = [];
  edges.forEach((e, i) => e.points?.forEach((p, k) => k > 0 && segs.push({ e: i, a: e.points![k - 1], b: p })));
  let c = 0;
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++)
      if (segs[i].e !== segs[j].e && crosses(segs[i].a, segs[i].b, segs[j].a, segs[j].b)) c++;
  return c;
}

describe('clean drawing', () => {
  const boxes = [box(0, 0), box(200, 0), box(0, 100), box(200, 100), box(100, 200)];

  it('finds a drawing with none of the defects clean', () => {
    const edges = [
      edge(0, 2, [
        [50, 40],
        [50, 100],
      ]),
      edge(1, 3, [
        [250, 40],
        [250, 100],
      ]),
    ];
    expect(isCleanDrawing(boxes, edges)).toBe(true);
    expect(drawingDefects(boxes, edges)).toEqual({
      unrouted: 0,
      throughBoxes: 0,
      labelsOnBoxes: 0,
      labelOverlaps: 0,
      crossings: 0,
    });
  });

  it('counts each kind of defect', () => {
    const edges = [
      edge(0, 3, [
        [80, 40],
        [80, 70],
        [230, 70],
        [230, 100],
      ]),
      edge(1, 2, [
        [220, 40],
        [220, 60],
        [30, 60],
        [30, 100],
      ]),
      edge(
        0,
        4,
        [
          [95, 40],
          [95, 45],
          [150, 45],
          [150, 200],
        ],
        [150, 170, 40],
      ),
      edge(
        1,
        4,
        [
          [240, 40],
          [240, 80],
          [160, 80],
          [160, 200],
        ],
        [165, 170, 40],
      ),
      { from: 2, to: 2, points: null, label: null },
      edge(2, 1, [
        [90, 120],
        [260, 120],
      ]),
    ];
    const d = drawingDefects(boxes, edges);
    expect(d.unrouted).toBe(1);
    expect(d.labelOverlaps).toBe(1);
    // The last edge runs through box 3 (it starts inside its own source, box 2, which does not count).
    expect(d.throughBoxes).toBe(1);
    expect(d.crossings).toBe(plainCrossings(edges));
    expect(d.crossings).toBeGreaterThan(1);
    expect(isCleanDrawing(boxes, edges)).toBe(false);
    // A label on a box.
    expect(
      drawingDefects(boxes, [
        edge(
          0,
          2,
          [
            [50, 40],
            [50, 100],
          ],
          [50, 110, 30],
        ),
      ]).labelsOnBoxes,
    ).toBe(1);
  });

  it('counts crossings as a plain all-pairs count does, over 300 random orthogonal drawings', () => {
    let state = 3;
    const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let g = 0; g < 300; g++) {
      const edges: DrawnEdge[] = [];
      for (let k = 0; k < 2 + Math.floor(rand() * 10); k++) {
        const pts: [number, number][] = [[Math.round(rand() * 400), Math.round(rand() * 400)]];
        for (let s = 0; s < 1 + Math.floor(rand() * 5); s++) {
          const [x, y] = pts[pts.length - 1];
          pts.push(s % 2 === 0 ? [x, Math.round(rand() * 400)] : [Math.round(rand() * 400), y]);
        }
        edges.push(edge(0, 0, pts));
      }
      const d = drawingDefects([], edges);
      expect(d.crossings, `drawing ${g}`).toBe(plainCrossings(edges));
      expect(isCleanDrawing([], edges), `drawing ${g}`).toBe(d.crossings === 0);
    }
  });
});
