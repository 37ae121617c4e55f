/**
 * Whether a scope drawn by the built-in small layered layout is clean: every edge routed, no two edges crossing, no
 * edge through a box other than its own ends, no label on a box or on another label. Ordinary machines use that
 * drawing only when it is clean and ask ELK otherwise, so inside a scope the layout-quality checker
 * (test/unit/layout/quality.ts: it takes its box test from here and uses the same label boxes and the same 1 px
 * tolerance at shared ends) finds nothing the drawing adds; over the corpus its counts stay at zero. Hand-written
 * because it has to judge exactly what our own checker judges; it runs on one scope (tens of boxes), so the
 * pairwise tests cost microseconds.
 */

type P = { x: number; y: number };

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

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
function crosses(a: P, b: P, c: P, d: P): boolean {
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

/** Boxes are top-left plus size, in the scope's coordinates; see the file comment for what "clean" means. */
export function isCleanDrawing(
  boxes: readonly { x: number; y: number; width: number; height: number }[],
  edges: readonly DrawnEdge[],
): boolean {
  const rects: Rect[] = boxes.map((b) => ({ x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height }));
  const labels: Rect[] = [];
  const segments: { edge: number; a: P; b: P }[] = [];
  for (let ei = 0; ei < edges.length; ei++) {
    const e = edges[ei];
    if (!e.points || e.points.length < 2) return false;
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1];
      const b = e.points[i];
      for (let k = 0; k < rects.length; k++) {
        if (k !== e.from && k !== e.to && segmentHitsRect(a, b, rects[k])) return false;
      }
      segments.push({ edge: ei, a, b });
    }
    if (e.label) {
      const l = e.label;
      labels.push({ x0: l.x - l.width / 2, x1: l.x + l.width / 2, y0: l.y - l.height / 2, y1: l.y + l.height / 2 });
    }
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) if (overlaps(labels[i], labels[j])) return false;
    for (const r of rects) if (overlaps(labels[i], r)) return false;
  }
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j];
      if (t.edge !== s.edge && crosses(s.a, s.b, t.a, t.b)) return false;
    }
  }
  return true;
}
