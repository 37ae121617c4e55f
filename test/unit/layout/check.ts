/** Layout invariants shared by the layout and SVG tests. Returns a list of problems (empty when all hold). */
import type { StateGraph } from '../../../shared/asl/types.ts';
import { NODE_FONT, textWidth } from '../../../shared/layout/node-size.ts';
import type { Layout, LayoutNode } from '../../../shared/layout/types.ts';

const EPS = 0.5;

export function layoutProblems(
  graph: StateGraph,
  layout: Layout,
  hiddenIds: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  const byId = new Map<string, LayoutNode>();
  const seenOrder = new Set<string>();
  for (const n of layout.nodes) {
    if (byId.has(n.id)) problems.push(`duplicate node ${n.id}`);
    byId.set(n.id, n);
    for (const v of [n.x, n.y, n.absX, n.absY, n.width, n.height]) {
      if (!Number.isFinite(v)) problems.push(`non-finite geometry on ${n.id}`);
    }
    if (n.width <= 0 || n.height <= 0) problems.push(`empty box ${n.id}`);
    if (n.parentId !== undefined) {
      if (!seenOrder.has(n.parentId)) problems.push(`parent ${n.parentId} not before child ${n.id}`);
      const p = byId.get(n.parentId);
      if (p) {
        if (Math.abs(p.absX + n.x - n.absX) > EPS || Math.abs(p.absY + n.y - n.absY) > EPS)
          problems.push(`relative position of ${n.id} disagrees with absolute`);
        if (
          n.absX < p.absX - EPS ||
          n.absY < p.absY - EPS ||
          n.absX + n.width > p.absX + p.width + EPS ||
          n.absY + n.height > p.absY + p.height + EPS
        ) {
          problems.push(`${n.id} sticks out of its parent ${n.parentId}`);
        }
        if (p.collapsed) problems.push(`collapsed ${p.id} has child ${n.id}`);
      }
    } else if (Math.abs(n.x - n.absX) > EPS || Math.abs(n.y - n.absY) > EPS)
      problems.push(`top-level ${n.id} relative != absolute`);
    seenOrder.add(n.id);
  }
  for (const s of graph.states)
    if (!hiddenIds.has(s.id) && !byId.has(s.id)) problems.push(`state ${s.id} has no layout node`);
  for (const s of graph.synthetic)
    if (!hiddenIds.has(s.id) && !byId.has(s.id)) problems.push(`marker ${s.id} has no layout node`);
  // Siblings never overlap.
  const siblings = new Map<string, LayoutNode[]>();
  for (const n of layout.nodes) {
    const k = n.parentId ?? '';
    if (!siblings.has(k)) siblings.set(k, []);
    siblings.get(k)!.push(n);
  }
  for (const list of siblings.values()) {
    const sorted = [...list].sort((a, b) => a.absY - b.absY);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      for (let j = i + 1; j < sorted.length && sorted[j].absY < a.absY + a.height - EPS; j++) {
        const b = sorted[j];
        if (a.absX < b.absX + b.width - EPS && b.absX < a.absX + a.width - EPS)
          problems.push(`siblings ${a.id} and ${b.id} overlap`);
      }
    }
  }
  for (const n of layout.nodes) {
    if (
      n.absX + n.width > layout.width + EPS ||
      n.absY + n.height > layout.height + EPS ||
      n.absX < -EPS ||
      n.absY < -EPS
    ) {
      problems.push(`${n.id} outside the drawing`);
    }
  }
  // Every edge between visible nodes is routed, from its source's box to its target's box.
  const edges = new Map(layout.edges.map((e) => [e.id, e]));
  for (const e of graph.edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    const le = edges.get(e.id);
    if (!le) {
      problems.push(`edge ${e.id} not routed`);
      continue;
    }
    if (le.points.length < 2 || le.points.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y)))
      problems.push(`edge ${e.id} bad points`);
    const near = (n: LayoutNode, p: { x: number; y: number }) =>
      p.x >= n.absX - 3 && p.x <= n.absX + n.width + 3 && p.y >= n.absY - 3 && p.y <= n.absY + n.height + 3;
    if (!near(a, le.points[0])) problems.push(`edge ${e.id} does not start at ${e.from}`);
    if (!near(b, le.points[le.points.length - 1])) problems.push(`edge ${e.id} does not end at ${e.to}`);
  }
  return problems;
}

/**
 * Edge labels drawn on top of each other or on a state box, for the larger of the two renderers' label boxes (one
 * line of badge text cut at 220 px in the graph view and 160 in the SVG export, 12 px of padding and border, 16
 * high, centred on `labelPos`). Returns a list of problems.
 */
export function labelProblems(graph: StateGraph, layout: Layout): string[] {
  const problems: string[] = [];
  const kinds = new Map(graph.edges.map((e) => [e.id, e]));
  const boxes: { id: string; x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const le of layout.edges) {
    const e = kinds.get(le.id);
    if (!e || !le.labelPos) continue;
    const text = e.label || (e.kind === 'default' ? 'Default' : e.kind === 'catch' ? 'Catch' : '');
    if (!text) continue;
    const w = Math.min(textWidth(text, NODE_FONT.badge), 220) + 12;
    boxes.push({
      id: le.id,
      x0: le.labelPos.x - w / 2,
      x1: le.labelPos.x + w / 2,
      y0: le.labelPos.y - 8,
      y1: le.labelPos.y + 8,
    });
  }
  boxes.sort((a, b) => a.y0 - b.y0);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].y0 < a.y1; j++) {
      const b = boxes[j];
      if (a.x0 < b.x1 && b.x0 < a.x1) problems.push(`labels of ${a.id} and ${b.id} overlap`);
    }
  }
  const states = layout.nodes.filter((n) => n.kind !== 'group' && n.kind !== 'branch').sort((a, b) => a.absY - b.absY);
  const tallest = states.reduce((h, n) => Math.max(h, n.height), 0);
  for (const b of boxes) {
    // Binary search for the first node that could reach the label, then scan while nodes start above its bottom.
    let lo = 0;
    let hi = states.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (states[mid].absY + tallest < b.y0) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < states.length && states[k].absY < b.y1; k++) {
      const n = states[k];
      if (b.x0 < n.absX + n.width && n.absX < b.x1 && b.y0 < n.absY + n.height && n.absY < b.y1)
        problems.push(`label of ${b.id} on ${n.id}`);
    }
  }
  return problems;
}

/**
 * Pairs of edges drawing a stretch of the same line (longer than half a pixel), e.g. a Choice rule and its Default
 * to the same state drawn on top of each other. Edges for which `skip` returns true are left out.
 */
export function sharedStretchProblems(layout: Layout, skip: (edgeId: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  const lines = new Map<string, { lo: number; hi: number; id: string }[]>();
  for (const e of layout.edges) {
    if (skip(e.id)) continue;
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1];
      const b = e.points[i];
      let key: string;
      let lo: number;
      let hi: number;
      if (Math.abs(a.x - b.x) < 0.01) [key, lo, hi] = [`v${a.x.toFixed(1)}`, Math.min(a.y, b.y), Math.max(a.y, b.y)];
      else if (Math.abs(a.y - b.y) < 0.01)
        [key, lo, hi] = [`h${a.y.toFixed(1)}`, Math.min(a.x, b.x), Math.max(a.x, b.x)];
      else continue;
      let list = lines.get(key);
      if (!list) lines.set(key, (list = []));
      list.push({ lo, hi, id: e.id });
    }
  }
  for (const list of lines.values()) {
    list.sort((p, q) => p.lo - q.lo);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].lo < list[i].hi - 0.5; j++) {
        if (list[i].id !== list[j].id) problems.push(`edges ${list[i].id} and ${list[j].id} share a stretch`);
      }
    }
  }
  return problems;
}
