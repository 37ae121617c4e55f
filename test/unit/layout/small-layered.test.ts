import { describe, expect, it } from 'vitest';
import { smallLayered } from '../../../shared/layout/small-layered.ts';

const SP = { nodeNode: 30, betweenLayers: 40, padding: 12, edgeWidth: 10 };

function overlaps(r: { x: number[]; y: number[] }, nodes: { width: number; height: number }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      if (r.x[i] < r.x[j] + nodes[j].width && r.x[j] < r.x[i] + nodes[i].width && r.y[i] < r.y[j] + nodes[j].height && r.y[j] < r.y[i] + nodes[i].height) {
        out.push(`${i}/${j}`);
      }
    }
  }
  return out;
}

describe('smallLayered', () => {
  it('puts forward edges downward, fans out side by side and routes every edge', () => {
    // 0 -> 1 -> {2,3,4} -> 5 -> 6, plus a loop 5 -> 1 and a skip 1 -> 6.
    const nodes = Array.from({ length: 7 }, (_, i) => ({ width: 100 + i * 10, height: 40 }));
    const edges = [[0, 1], [1, 2], [1, 3], [1, 4], [2, 5], [3, 5], [4, 5], [5, 6], [5, 1], [1, 6]].map(([from, to]) => ({ from, to }));
    const r = smallLayered(nodes, edges, SP);
    expect(overlaps(r, nodes)).toEqual([]);
    for (const [a, b] of [[0, 1], [1, 2], [2, 5], [5, 6]]) expect(r.y[a]).toBeLessThan(r.y[b]);
    expect(r.y[2]).toBe(r.y[3]);
    expect(r.y[3]).toBe(r.y[4]);
    edges.forEach((e, i) => {
      const pts = r.edges[i]!;
      expect(pts.length).toBeGreaterThanOrEqual(2);
      // Starts on the source box, ends on the target box.
      const on = (k: number, p: { x: number; y: number }) =>
        p.x >= r.x[k] - 1 && p.x <= r.x[k] + nodes[k].width + 1 && p.y >= r.y[k] - 1 && p.y <= r.y[k] + nodes[k].height + 1;
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
    const r = smallLayered(nodes, [{ from: 0, to: 0 }, { from: 1, to: 2 }, { from: 2, to: 1 }], SP);
    expect(r.edges[0]).toBeNull();
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
});
