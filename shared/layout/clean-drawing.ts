/**
 * Whether a scope drawn by the built-in small layered layout is clean: every edge routed, no two edges crossing, no
 * edge through a box other than its own ends, no label on a box or on another label. Ordinary machines use that
 * drawing only when it is clean and ask ELK otherwise, so inside a scope the layout-quality checker
 * (test/unit/layout/quality.ts: it takes its box test from here and uses the same label boxes and the same 1 px
 * tolerance at shared ends) finds nothing the drawing adds; over the corpus its counts stay at zero. Hand-written
 * because it has to judge exactly what our own checker judges; it runs on one scope (tens of boxes), so the
 * pairwise tests cost microseconds.
 */

import type { Rect } from './types.ts';

export type { Rect };

type P = { x: number; y: number };

/** One edge of the scope as drawn: its ends (box indices), its polyline, and its label box (centre and size). */
export interface DrawnEdge {
  from: number;
  to: number;
  points: P[] | null;
  label: { x: number; y: number; width: number; height: number } | null;
}

function overlaps(a: Rect, b: Rect, eps = 0.5): boolean {
  return a.x0 < b.x1 - eps && b.x0 < a.x1 - eps && a.y0 < b.y1 - eps && b.y0 < a.y1 - eps;
}

/** Whether segment p–q passes through the inside of r shrunk by `inset` (Liang–Barsky clipping). */
export function segmentHitsRect(p: P, q: P, r: Rect, inset = 2): boolean {
  const x0 = r.x0 + inset;
  const y0 = r.y0 + inset;
  const x1 = r.x1 - inset;
  const y1 = r.y1 - inset;
  if (x1 <= x0 || y1 <= y0) return false;
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const clip = (pp: number, qq: number) => {
    if (pp === 0) return qq > 0;
    const t = qq / pp;
    if (pp < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  return clip(-dx, p.x - x0) && clip(dx, x1 - p.x) && clip(-dy, p.y - y0) && clip(dy, y1 - p.y) && t1 - t0 > 1e-9;
}

/** Whether segments a–b and c–d cross away from their ends (within a pixel of an end is a shared port). */
export function crosses(a: P, b: P, c: P, d: P): boolean {
  const rx = b.x - a.x;
  const ry = b.y - a.y;
  const sx = d.x - c.x;
  const sy = d.y - c.y;
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-9) return false;
  const t = ((c.x - a.x) * sy - (c.y - a.y) * sx) / den;
  const u = ((c.x - a.x) * ry - (c.y - a.y) * rx) / den;
  const lr = Math.hypot(rx, ry);
  const ls = Math.hypot(sx, sy);
  if (t * lr < 1 || (1 - t) * lr < 1 || u * ls < 1 || (1 - u) * ls < 1) return false;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1;
}

/** What keeps a drawing from being clean, counted: see drawingDefects. */
export interface DrawingDefects {
  unrouted: number;
  throughBoxes: number;
  labelsOnBoxes: number;
  labelOverlaps: number;
  crossings: number;
}

/** Boxes are top-left plus size, in the scope's coordinates; see the file comment for what "clean" means. */
export function isCleanDrawing(
  boxes: readonly { x: number; y: number; width: number; height: number }[],
  edges: readonly DrawnEdge[],
): boolean {
  const d = scan(boxes, edges, true);
  return d.unrouted + d.throughBoxes + d.labelsOnBoxes + d.labelOverlaps + d.crossings === 0;
}

/** Counts each kind of defect that isCleanDrawing looks for (a clean drawing has none). */
export function drawingDefects(
  boxes: readonly { x: number; y: number; width: number; height: number }[],
  edges: readonly DrawnEdge[],
): DrawingDefects {
  return scan(boxes, edges, false);
}

/**
 * The pairwise tests, with each segment's bounding box checked first and the crossing test run only on pairs whose
 * boxes overlap (segments sorted by left end): a scope of 40 states with long edges has hundreds of segments, and
 * testing every pair cost milliseconds. Stops at the first defect when `first` is set.
 */
function scan(
  boxes: readonly { x: number; y: number; width: number; height: number }[],
  edges: readonly DrawnEdge[],
  first: boolean,
): DrawingDefects {
  const d: DrawingDefects = { unrouted: 0, throughBoxes: 0, labelsOnBoxes: 0, labelOverlaps: 0, crossings: 0 };
  const rects: Rect[] = boxes.map((b) => ({ x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height }));
  const labels: Rect[] = [];
  const segA: P[] = [];
  const segB: P[] = [];
  const segEdge: number[] = [];
  for (let ei = 0; ei < edges.length; ei++) {
    const e = edges[ei];
    if (!e.points || e.points.length < 2) {
      d.unrouted++;
      if (first) return d;
      continue;
    }
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1];
      const b = e.points[i];
      const sx0 = Math.min(a.x, b.x);
      const sx1 = Math.max(a.x, b.x);
      const sy0 = Math.min(a.y, b.y);
      const sy1 = Math.max(a.y, b.y);
      for (let k = 0; k < rects.length; k++) {
        const r = rects[k];
        if (sx1 <= r.x0 || sx0 >= r.x1 || sy1 <= r.y0 || sy0 >= r.y1) continue;
        if (k !== e.from && k !== e.to && segmentHitsRect(a, b, r)) {
          d.throughBoxes++;
          if (first) return d;
        }
      }
      segA.push(a);
      segB.push(b);
      segEdge.push(ei);
    }
    if (e.label) {
      const l = e.label;
      labels.push({ x0: l.x - l.width / 2, x1: l.x + l.width / 2, y0: l.y - l.height / 2, y1: l.y + l.height / 2 });
    }
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++)
      if (overlaps(labels[i], labels[j])) {
        d.labelOverlaps++;
        if (first) return d;
      }
    for (const r of rects)
      if (overlaps(labels[i], r)) {
        d.labelsOnBoxes++;
        if (first) return d;
      }
  }
  const count = segA.length;
  const x0 = new Float64Array(count);
  const x1 = new Float64Array(count);
  const y0 = new Float64Array(count);
  const y1 = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    x0[i] = Math.min(segA[i].x, segB[i].x);
    x1[i] = Math.max(segA[i].x, segB[i].x);
    y0[i] = Math.min(segA[i].y, segB[i].y);
    y1[i] = Math.max(segA[i].y, segB[i].y);
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((p, q) => x0[p] - x0[q]);
  for (let oi = 0; oi < count; oi++) {
    const i = order[oi];
    for (let oj = oi + 1; oj < count && x0[order[oj]] <= x1[i]; oj++) {
      const j = order[oj];
      if (segEdge[i] === segEdge[j] || y0[j] > y1[i] || y0[i] > y1[j]) continue;
      if (crosses(segA[i], segB[i], segA[j], segB[j])) {
        d.crossings++;
        if (first) return d;
      }
    }
  }
  return d;
}
