/** Edge labels: their text, the room kept for them, and where a label goes on a routed edge. */
import type { GraphEdge } from '../asl/types.ts';
import { NODE_FONT, textWidth } from './node-size.ts';

/**
 * Room kept for an edge label: its text width up to the widest a renderer draws (the graph view cuts labels at
 * 220 px, the SVG export at 160), plus the label box's padding, and the box height.
 */
export const LABEL_MAX_WIDTH = 220;

export const LABEL_PADDING = 12;

export const LABEL_HEIGHT = 16;

/** The text drawn on an edge (as the SVG and React Flow renderers show it), or undefined for unlabelled edges. */
export function edgeLabelText(e: GraphEdge): string | undefined {
  if (e.label !== undefined && e.label !== '') return e.label;
  if (e.kind === 'default') return 'Default';
  if (e.kind === 'catch') return 'Catch';
  return undefined;
}

/**
 * Where an edge's label goes. Choice rules and Default sit on the last stretch, just before the target, so
 * several rules leaving one Choice along a shared bus never stack their labels on top of each other; other
 * labels sit halfway.
 */
export function labelPoint(
  points: { x: number; y: number }[],
  kind: GraphEdge['kind'],
  label?: string,
): { x: number; y: number } | undefined {
  if (points.length < 2) return points[0];
  if (kind === 'choice' || kind === 'default') {
    const a = points[points.length - 2];
    const b = points[points.length - 1];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    // Keep the label's box (as renderers draw it: badge font, centred) clear of the target and its arrowhead.
    const horizontal = Math.abs(b.x - a.x) > Math.abs(b.y - a.y);
    const need = horizontal ? Math.min(textWidth(label ?? 'Default', NODE_FONT.badge), 160) / 2 + 18 : 20;
    if (len >= need + 10) {
      const d = need / len;
      return { x: b.x + (a.x - b.x) * d, y: b.y + (a.y - b.y) * d };
    }
  }
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  let target = total / 2;
  for (let i = 1; i < points.length; i++) {
    const seg = Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
    if (seg >= target && seg > 0) {
      const t = target / seg;
      return {
        x: points[i - 1].x + (points[i].x - points[i - 1].x) * t,
        y: points[i - 1].y + (points[i].y - points[i - 1].y) * t,
      };
    }
    target -= seg;
  }
  return points[points.length - 1];
}
