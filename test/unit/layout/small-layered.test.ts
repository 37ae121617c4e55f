import { describe, expect, it } from 'vitest';
import { smallLayered } from '../../../shared/layout/small-layered.ts';
import type { SmallEdge, SmallLayout } from '../../../shared/layout/small-layered.ts';

const SP = { nodeNode: 30, betweenLayers: 40, padding: 12, edgeWidth: 10 };

function overlaps(r: { x: number[]; y: number[] }, nodes: { width: number; height: number }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      if (
        r.x[i] < r.x[j] + nodes[j].width &&
        r.x[j] < r.x[i] + nodes[i].width &&
        r.y[i] < r.y[j] + nodes[j].height &&
        r.y[j] < r.y[i] + nodes[i].height
      ) {
        out.push(`${i}/${j}`);
      }
    }
  }
  return out;
}

type Pt = { x: number; y: number };

/** Stretches of positive length that two polylines draw on top of each other. */
function sharedStretches(a: Pt[], b: Pt[]): number {
  let count = 0;
  for (let i = 1; i < a.length; i++) {
    for (let j = 1; j < b.length; j++) {
      const [p, q, r, s] = [a[i - 1], a[i], b[j - 1], b[j]];
      if (p.x === q.x && r.x === s.x && Math.abs(p.x - r.x) < 0.5) {
        const lo = Math.max(Math.min(p.y, q.y), Math.min(r.y, s.y));
        const hi = Math.min(Math.max(p.y, q.y), Math.max(r.y, s.y));
        if (hi - lo > 0.5) count++;
      } else if (p.y === q.y && r.y === s.y && Math.abs(p.y - r.y) < 0.5) {
        const lo = Math.max(Math.min(p.x, q.x), Math.min(r.x, s.x));
        const hi = Math.min(Math.max(p.x, q.x), Math.max(r.x, s.x));
        if (hi - lo > 0.5) count++;
      }
    }
  }
  return count;
}

function onPolyline(pts: Pt[], p: Pt): boolean {
  for (let i = 1; i < pts.length; i++) {
    const [a, b] = [pts[i - 1], pts[i]];
    if (
      Math.abs(a.x - b.x) < 0.01 &&
      Math.abs(p.x - a.x) < 0.01 &&
      p.y >= Math.min(a.y, b.y) - 0.01 &&
      p.y <= Math.max(a.y, b.y) + 0.01
    )
      return true;
    if (
      Math.abs(a.y - b.y) < 0.01 &&
      Math.abs(p.y - a.y) < 0.01 &&
      p.x >= Math.min(a.x, b.x) - 0.01 &&
      p.x <= Math.max(a.x, b.x) + 0.01
    )
      return true;
  }
  return false;
}

function labelBoxes(r: SmallLayout, edges: SmallEdge[]) {
  return edges.flatMap((e, i) => {
    const p = r.labels[i];
    if (!e.label || !p) return [];
    return [
      { i, x: p.x - e.label.width / 2, y: p.y - e.label.height / 2, width: e.label.width, height: e.label.height },
    ];
  });
}

function boxesMeet(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A Choice (node 1, below node 0) with `rules` rules and a Default; rule k goes to arm k % arms, Default to the last arm. */
function choiceFan(rules: number, arms: number, ruleWidth = 168) {
  const nodes = [
    { width: 190, height: 68 },
    { width: 162, height: 48 },
  ];
  const armIds = Array.from({ length: arms }, () => nodes.push({ width: 147, height: 48 }) - 1);
  const join = nodes.push({ width: 190, height: 68 }) - 1;
  const edges: SmallEdge[] = [{ from: 0, to: 1 }];
  for (let k = 0; k < rules; k++)
    edges.push({ from: 1, to: armIds[k % arms], label: { width: ruleWidth - k * 20, height: 16 } });
  edges.push({ from: 1, to: armIds[arms - 1], label: { width: 50, height: 16 } });
  for (const a of armIds) edges.push({ from: a, to: join });
  return { nodes, edges };
}

describe('smallLayered', () => {
  it('puts forward edges downward, fans out side by side and routes every edge', () => {
    // 0 -> 1 -> {2,3,4} -> 5 -> 6, plus a loop 5 -> 1 and a skip 1 -> 6.
    const nodes = Array.from({ length: 7 }, (_, i) => ({ width: 100 + i * 10, height: 40 }));
    const edges = [
      [0, 1],
      [1, 2],
      [1, 3],
      [1, 4],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 6],
      [5, 1],
      [1, 6],
    ].map(([from, to]) => ({ from, to }));
    const r = smallLayered(nodes, edges, SP);
    expect(overlaps(r, nodes)).toEqual([]);
    for (const [a, b] of [
      [0, 1],
      [1, 2],
      [2, 5],
      [5, 6],
    ])
      expect(r.y[a]).toBeLessThan(r.y[b]);
    expect(r.y[2]).toBe(r.y[3]);
    expect(r.y[3]).toBe(r.y[4]);
    edges.forEach((e, i) => {
      const pts = r.edges[i]!;
      expect(pts.length).toBeGreaterThanOrEqual(2);
      // Starts on the source box, ends on the target box.
      const on = (k: number, p: { x: number; y: number }) =>
        p.x >= r.x[k] - 1 &&
        p.x <= r.x[k] + nodes[k].width + 1 &&
        p.y >= r.y[k] - 1 &&
        p.y <= r.y[k] + nodes[k].height + 1;
      expect(on(e.from, pts[0])).toBe(true);
      expect(on(e.to, pts[pts.length - 1])).toBe(true);
    });
    // Everything inside the reported size.
    for (let i = 0; i < nodes.length; i++) {
      expect(r.x[i]).toBeGreaterThanOrEqual(0);
      expect(r.x[i] + nodes[i].width).toBeLessThanOrEqual(r.width + 0.01);
      expect(r.y[i] + nodes[i].height).toBeLessThanOrEqual(r.height + 0.01);
    }
  });

  it('copes with self loops, cycles only, disconnected nodes and nothing at all', () => {
    const nodes = Array.from({ length: 5 }, () => ({ width: 80, height: 30 }));
    const r = smallLayered(
      nodes,
      [
        { from: 0, to: 0 },
        { from: 1, to: 2 },
        { from: 2, to: 1 },
      ],
      SP,
    );
    // A self loop is drawn beside its node (small-layered-loops.ts).
    expect(r.edges[0]?.[0].x).toBeCloseTo(r.x[0] + 80);
    expect(r.edges[1]).not.toBeNull();
    expect(overlaps(r, nodes)).toEqual([]);
    const empty = smallLayered([], [], SP);
    expect(empty.x).toEqual([]);
    expect(Number.isFinite(empty.width) && Number.isFinite(empty.height)).toBe(true);
  });

  it('keeps a straight chain of fan-outs centred (no sideways drift)', () => {
    const nodes: { width: number; height: number }[] = [];
    const edges: { from: number; to: number }[] = [];
    let prev = 0;
    nodes.push({ width: 160, height: 40 });
    for (let k = 0; k < 5; k++) {
      const arms = [1, 2, 3].map(() => nodes.push({ width: 150, height: 40 }) - 1);
      const join = nodes.push({ width: 160, height: 40 }) - 1;
      for (const a of arms) edges.push({ from: prev, to: a }, { from: a, to: join });
      prev = join;
    }
    const r = smallLayered(nodes, edges, SP);
    const cx = (i: number) => r.x[i] + nodes[i].width / 2;
    expect(Math.abs(cx(prev) - cx(0))).toBeLessThan(1);
  });
  it('gives two edges between the same nodes different routes that never share a stretch', () => {
    // A Choice rule and its Default both lead to node 2; another rule to node 1.
    const nodes = [
      { width: 160, height: 48 },
      { width: 150, height: 48 },
      { width: 150, height: 48 },
    ];
    const edges = [
      { from: 0, to: 1 },
      { from: 0, to: 2 },
      { from: 0, to: 2 },
    ];
    const r = smallLayered(nodes, edges, SP);
    const [, a, b] = r.edges as Pt[][];
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(sharedStretches(a, b)).toBe(0);
    // Every pair of edges of the fan is apart, and no two edges start or end at the same point.
    for (let i = 0; i < edges.length; i++) {
      for (let j = i + 1; j < edges.length; j++) {
        const p = r.edges[i]!;
        const q = r.edges[j]!;
        expect(sharedStretches(p, q)).toBe(0);
        expect(p[0].x === q[0].x && p[0].y === q[0].y).toBe(false);
        const pe = p[p.length - 1];
        const qe = q[q.length - 1];
        expect(pe.x === qe.x && pe.y === qe.y).toBe(false);
      }
    }
  });

  it('keeps ports on the node side they belong to and a lone edge at the centre, straight', () => {
    const { nodes, edges } = choiceFan(4, 3);
    const r = smallLayered(nodes, edges, SP);
    edges.forEach((e, i) => {
      const pts = r.edges[i]!;
      const s = pts[0];
      const t = pts[pts.length - 1];
      // Leaves through the source's bottom side and enters through the target's top side, inside their width.
      expect(s.y).toBeCloseTo(r.y[e.from] + nodes[e.from].height, 6);
      expect(s.x).toBeGreaterThan(r.x[e.from]);
      expect(s.x).toBeLessThan(r.x[e.from] + nodes[e.from].width);
      expect(t.y).toBeCloseTo(r.y[e.to], 6);
      expect(t.x).toBeGreaterThan(r.x[e.to]);
      expect(t.x).toBeLessThan(r.x[e.to] + nodes[e.to].width);
      // Every stretch is horizontal or vertical.
      for (let k = 1; k < pts.length; k++) expect(pts[k].x === pts[k - 1].x || pts[k].y === pts[k - 1].y).toBe(true);
    });
    // Node 0 has one edge (to the Choice, which has one incoming edge): a straight vertical line at both centres.
    const first = r.edges[0]!;
    expect(first.length).toBe(2);
    expect(first[0].x).toBeCloseTo(r.x[0] + nodes[0].width / 2, 6);
    expect(first[1].x).toBeCloseTo(r.x[1] + nodes[1].width / 2, 6);
    // The Choice's edges leave left to right in the order of their targets.
    const fan = edges.map((e, i) => ({ e, i })).filter(({ e }) => e.from === 1);
    const byStart = [...fan].sort((p, q) => r.edges[p.i]![0].x - r.edges[q.i]![0].x);
    const targetX = (i: number) => r.x[edges[i].to];
    for (let k = 1; k < byStart.length; k++)
      expect(targetX(byStart[k].i)).toBeGreaterThanOrEqual(targetX(byStart[k - 1].i));
  });

  it('places the labels of a Choice with 2 to 5 rules and a Default on their edges without overlaps', () => {
    for (let rules = 2; rules <= 5; rules++) {
      for (let arms = 1; arms <= rules; arms++) {
        const { nodes, edges } = choiceFan(rules, arms);
        const r = smallLayered(nodes, edges, SP);
        const boxes = labelBoxes(r, edges);
        expect(boxes.length).toBe(rules + 1);
        for (const b of boxes) {
          const p = r.labels[b.i]!;
          expect(onPolyline(r.edges[b.i]!, p), `label ${b.i} on its edge (${rules} rules, ${arms} arms)`).toBe(true);
          // Inside the drawing and clear of every node.
          expect(b.x).toBeGreaterThanOrEqual(0);
          expect(b.x + b.width).toBeLessThanOrEqual(r.width + 0.01);
          nodes.forEach((nd, k) =>
            expect(boxesMeet(b, { x: r.x[k], y: r.y[k], ...nd }), `label ${b.i} on node ${k}`).toBe(false),
          );
        }
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            expect(
              boxesMeet(boxes[i], boxes[j]),
              `labels ${boxes[i].i}/${boxes[j].i} (${rules} rules, ${arms} arms)`,
            ).toBe(false);
          }
        }
        // No two edges of the graph draw on top of each other.
        for (let i = 0; i < edges.length; i++) {
          for (let j = i + 1; j < edges.length; j++) expect(sharedStretches(r.edges[i]!, r.edges[j]!)).toBe(0);
        }
        expect(overlaps(r, nodes)).toEqual([]);
      }
    }
  });

  it('labels back edges and edges spanning several layers too, and is deterministic', () => {
    // 0 -> 1 -> 2 -> 3, a labelled skip 0 -> 3 and a labelled loop 3 -> 1.
    const nodes = Array.from({ length: 4 }, () => ({ width: 150, height: 48 }));
    const edges: SmallEdge[] = [
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 0, to: 3, label: { width: 80, height: 16 } },
      { from: 3, to: 1, label: { width: 120, height: 16 } },
    ];
    const r = smallLayered(nodes, edges, SP);
    for (const i of [3, 4]) expect(onPolyline(r.edges[i]!, r.labels[i]!)).toBe(true);
    expect(r.labels.slice(0, 3)).toEqual([null, null, null]);
    const [a, b] = labelBoxes(r, edges);
    expect(boxesMeet(a, b)).toBe(false);
    expect(JSON.stringify(smallLayered(nodes, edges, SP))).toBe(JSON.stringify(r));
  });
});
