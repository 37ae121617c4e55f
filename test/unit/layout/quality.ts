/**
 * A layout-quality checker: counts what makes a drawn state machine hard to read, over the same boxes the
 * renderers draw. Used by quality.test.ts over every sample and every corpus machine.
 *
 * - labelOverlaps: pairs of edge-label boxes drawn on top of each other;
 * - labelsOnNodes: edge labels drawn over a state box, a marker or a collapsed group;
 * - edgesThroughNodes: edges passing through a box that is neither their source nor their target (nor a group
 *   holding one of their ends);
 * - crossings: pairs of edge segments crossing each other;
 * - hiddenCrossings: crossings under an edge label (the label hides which line goes where);
 * - truncatedNames: state names the box cannot show whole (a state name is at most 80 characters: "Length
 *   Constraints: Maximum length of 80" in the Step Functions API reference, StateEnteredEventDetails.name; longer
 *   names are invalid and cut like any over-long text);
 * - ambiguousLabels: two rules of one Choice drawn with the same text (two branches that read the same).
 */
import type { GraphEdge, StateGraph } from '../../../shared/asl/types.ts';
import { NODE_FONT, nodeContent, textWidth } from '../../../shared/layout/node-size.ts';
import type { Layout, LayoutNode } from '../../../shared/layout/types.ts';
import { segmentHitsRect } from '../../../shared/layout/clean-drawing.ts';

export interface Quality {
  labelOverlaps: number;
  labelsOnNodes: number;
  edgesThroughNodes: number;
  crossings: number;
  hiddenCrossings: number;
  truncatedNames: number;
  ambiguousLabels: number;
}

export const QUALITY_KEYS: (keyof Quality)[] = [
  'labelOverlaps',
  'labelsOnNodes',
  'edgesThroughNodes',
  'crossings',
  'hiddenCrossings',
  'truncatedNames',
  'ambiguousLabels',
];

export function emptyQuality(): Quality {
  return {
    labelOverlaps: 0,
    labelsOnNodes: 0,
    edgesThroughNodes: 0,
    crossings: 0,
    hiddenCrossings: 0,
    truncatedNames: 0,
    ambiguousLabels: 0,
  };
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
type P = { x: number; y: number };

/** The widest label box a renderer draws: the graph view cuts labels at 220 px, plus 12 px of padding and border. */
const LABEL_MAX = 220;

/** The text drawn on an edge, as the renderers show it. */
export function drawnLabel(e: GraphEdge): string | undefined {
  if (e.label !== undefined && e.label !== '') return e.label;
  if (e.kind === 'default') return 'Default';
  if (e.kind === 'catch') return 'Catch';
  return undefined;
}

function overlaps(a: Rect, b: Rect, eps = 0.5): boolean {
  return a.x0 < b.x1 - eps && b.x0 < a.x1 - eps && a.y0 < b.y1 - eps && b.y0 < a.y1 - eps;
}

/** The point where segments a–b and c–d cross properly (away from their ends), or null. */
function crossing(a: P, b: P, c: P, d: P): P | null {
  const r = { x: b.x - a.x, y: b.y - a.y };
  const s = { x: d.x - c.x, y: d.y - c.y };
  const den = r.x * s.y - r.y * s.x;
  if (Math.abs(den) < 1e-9) return null;
  const t = ((c.x - a.x) * s.y - (c.y - a.y) * s.x) / den;
  const u = ((c.x - a.x) * r.y - (c.y - a.y) * r.x) / den;
  const lr = Math.hypot(r.x, r.y);
  const ls = Math.hypot(s.x, s.y);
  // Within a pixel of an end is a shared start or end (edges fanning out of one port), not a crossing.
  if (t * lr < 1 || (1 - t) * lr < 1 || u * ls < 1 || (1 - u) * ls < 1) return null;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return { x: a.x + t * r.x, y: a.y + t * r.y };
}

/** Measures one laid-out machine; `examples` collects a few readable descriptions of what was found. */
export function layoutQuality(graph: StateGraph, layout: Layout, examples: string[] = []): Quality {
  const q = emptyQuality();
  const note = (s: string) => {
    if (examples.length < 40) examples.push(s);
  };
  const byId = new Map<string, LayoutNode>(layout.nodes.map((n) => [n.id, n]));
  const graphEdges = new Map(graph.edges.map((e) => [e.id, e]));
  const rect = (n: LayoutNode): Rect => ({ x0: n.absX, y0: n.absY, x1: n.absX + n.width, y1: n.absY + n.height });
  const solid = layout.nodes.filter((n) => n.kind !== 'branch' && !(n.kind === 'group' && !n.collapsed));
  const groups = layout.nodes.filter((n) => n.kind === 'group' && !n.collapsed);
  const ancestors = (id: string): Set<string> => {
    const out = new Set<string>();
    for (let p = byId.get(id)?.parentId, guard = 0; p && guard < 1000; guard++) {
      out.add(p);
      p = byId.get(p)?.parentId;
    }
    return out;
  };

  // Label boxes.
  const labels: { id: string; r: Rect }[] = [];
  for (const le of layout.edges) {
    const e = graphEdges.get(le.id);
    const text = e && drawnLabel(e);
    if (!text || !le.labelPos) continue;
    const w = Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX) + 12;
    labels.push({
      id: le.id,
      r: { x0: le.labelPos.x - w / 2, x1: le.labelPos.x + w / 2, y0: le.labelPos.y - 8, y1: le.labelPos.y + 8 },
    });
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (overlaps(labels[i].r, labels[j].r)) {
        q.labelOverlaps++;
        note(`labels of ${labels[i].id} and ${labels[j].id} overlap`);
      }
    }
    for (const n of solid) {
      if (overlaps(labels[i].r, rect(n))) {
        q.labelsOnNodes++;
        note(`label of ${labels[i].id} on ${n.id}`);
      }
    }
  }

  // Edges through boxes.
  const segments: { id: string; a: P; b: P }[] = [];
  for (const le of layout.edges) {
    const e = graphEdges.get(le.id);
    if (!e) continue;
    const ends = new Set([e.from, e.to, ...ancestors(e.from), ...ancestors(e.to)]);
    let through: string | null = null;
    for (let i = 1; i < le.points.length; i++) {
      const a = le.points[i - 1];
      const b = le.points[i];
      segments.push({ id: le.id, a, b });
      if (through) continue;
      for (const n of solid) {
        if (!ends.has(n.id) && segmentHitsRect(a, b, rect(n))) {
          through = n.id;
          break;
        }
      }
      if (through) continue;
      for (const g of groups) {
        if (!ends.has(g.id) && segmentHitsRect(a, b, rect(g))) {
          through = g.id;
          break;
        }
      }
    }
    if (through) {
      q.edgesThroughNodes++;
      note(`edge ${le.id} through ${through}`);
    }
  }

  // Crossings, and those under a label.
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const sx0 = Math.min(s.a.x, s.b.x);
    const sx1 = Math.max(s.a.x, s.b.x);
    const sy0 = Math.min(s.a.y, s.b.y);
    const sy1 = Math.max(s.a.y, s.b.y);
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j];
      if (t.id === s.id) continue;
      if (
        Math.max(t.a.x, t.b.x) < sx0 ||
        Math.min(t.a.x, t.b.x) > sx1 ||
        Math.max(t.a.y, t.b.y) < sy0 ||
        Math.min(t.a.y, t.b.y) > sy1
      )
        continue;
      const p = crossing(s.a, s.b, t.a, t.b);
      if (!p) continue;
      q.crossings++;
      const under = labels.find((l) => p.x > l.r.x0 && p.x < l.r.x1 && p.y > l.r.y0 && p.y < l.r.y1);
      if (under) {
        q.hiddenCrossings++;
        note(`crossing of ${s.id} and ${t.id} under the label of ${under.id}`);
      }
    }
  }

  // Names the box cannot show whole.
  for (const st of graph.states) {
    if (!byId.has(st.id) || Array.from(String(st.name)).length > 80) continue;
    const shown = nodeContent(st).titleLines.join(' ').replace(/\s+/g, ' ');
    if (shown.endsWith('\u2026') && shown !== String(st.name).replace(/\s+/g, ' ')) {
      q.truncatedNames++;
      note(`name of ${st.id} cut`);
    }
  }

  // Choice rules that read the same.
  const bySource = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (e.kind !== 'choice' || !byId.has(e.from)) continue;
    const text = drawnLabel(e) ?? '';
    const seen = bySource.get(e.from) ?? new Set<string>();
    const fullSeen = [...graph.edges].filter(
      (o) => o.kind === 'choice' && o.from === e.from && o !== e && drawnLabel(o) === text,
    );
    if (seen.has(text) && fullSeen.some((o) => (o.fullLabel ?? o.label) !== (e.fullLabel ?? e.label))) {
      q.ambiguousLabels++;
      note(`two rules of ${e.from} read "${text}"`);
    }
    seen.add(text);
    bySource.set(e.from, seen);
  }
  return q;
}

export function addQuality(total: Quality, q: Quality): void {
  for (const k of QUALITY_KEYS) total[k] += q[k];
}

/** How much ink and room a drawing takes: corners along the edges, total edge length, and the drawing's area. */
export interface DrawingSize {
  bends: number;
  length: number;
  area: number;
}

export function drawingSize(layout: Layout): DrawingSize {
  let bends = 0;
  let length = 0;
  for (const e of layout.edges) {
    bends += Math.max(e.points.length - 2, 0);
    for (let i = 1; i < e.points.length; i++)
      length += Math.hypot(e.points[i].x - e.points[i - 1].x, e.points[i].y - e.points[i - 1].y);
  }
  return { bends, length, area: layout.width * layout.height };
}
