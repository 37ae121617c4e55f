/** Edge routing outside ELK: straight lines between boxes, and long edges in a channel beside the scope. */
import type { GraphEdge } from '../asl/types.ts';
import { edgeLabelText, LABEL_HEIGHT, LABEL_MAX_WIDTH, LABEL_PADDING } from './labels.ts';
import { type Box, type Item, type ScopeLayout, SPACING } from './model.ts';
import { NODE_FONT, textWidth } from './node-size.ts';

function boxAnchor(b: { x: number; y: number; width: number; height: number }, toward: { x: number; y: number }) {
  // Point where the segment from the box centre toward `toward` leaves the box.
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: b.y + b.height };
  const sx = dx === 0 ? Infinity : b.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Boxes in buckets along one axis (y, or x), so an overlap query looks only at boxes near it, not all of them. */
class BoxIndex {
  private readonly buckets = new Map<number, Box[]>();
  constructor(private readonly alongY: boolean) {}
  private range(b: Box): [number, number] {
    return this.alongY
      ? [Math.floor(b.y / BOX_CELL), Math.floor((b.y + b.height) / BOX_CELL)]
      : [Math.floor(b.x / BOX_CELL), Math.floor((b.x + b.width) / BOX_CELL)];
  }
  add(b: Box): void {
    const [lo, hi] = this.range(b);
    for (let k = lo; k <= hi; k++) {
      const list = this.buckets.get(k);
      if (list) list.push(b);
      else this.buckets.set(k, [b]);
    }
  }
  hits(b: Box): boolean {
    const [lo, hi] = this.range(b);
    for (let k = lo; k <= hi; k++) {
      for (const o of this.buckets.get(k) ?? []) if (boxesOverlap(o, b)) return true;
    }
    return false;
  }
}

const BOX_CELL = 256;

/** Straight line between two boxes, border to border. */
export function straightLine(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) {
  if (a === b || (a.x === b.x && a.y === b.y)) {
    // Self loop: a small loop on the right side.
    const r = a.x + a.width;
    const y1 = a.y + a.height * 0.3;
    const y2 = a.y + a.height * 0.7;
    return [
      { x: r, y: y1 },
      { x: r + 20, y: y1 },
      { x: r + 20, y: y2 },
      { x: r, y: y2 },
    ];
  }
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  return [boxAnchor(a, cb), boxAnchor(b, ca)];
}

export function unrouted(layout: ScopeLayout, edges: GraphEdge[]): Set<number> {
  const rest = new Set<number>();
  edges.forEach((e, i) => {
    if (!layout.edges.has(e.id)) rest.add(i);
  });
  return rest;
}

/**
 * Routes the edges ELK did not: long edges in large scopes go out of the source's right side into a channel on the
 * right of the scope, down (or up) to the target and in from the right; anything else gets a straight line.
 */
export function routeRest(
  layout: ScopeLayout,
  items: Item[],
  edges: GraphEdge[],
  which: Set<number>,
  direction: 'DOWN' | 'RIGHT',
): ScopeLayout {
  if (which.size === 0) return layout;
  const down = direction === 'DOWN';
  const box = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const it of items) {
    const p = layout.pos.get(it.id);
    if (p) box.set(it.id, { x: p.x, y: p.y, width: it.width, height: it.height });
  }
  // The channel runs beside the flow: on the right for top-to-bottom layouts, below for left-to-right ones.
  const channelBase = (down ? layout.width : layout.height) - SPACING.padding + SPACING.channelMargin;
  let lane = 0;
  const maxLanes = 12;
  let usedLanes = 0;
  let loopRight = 0;
  // Label boxes and node boxes, bucketed along the flow so each candidate spot checks only its neighbourhood.
  const placed = new BoxIndex(down);
  let nodeBoxes: BoxIndex | undefined;
  for (const i of [...which].sort((a, b) => a - b)) {
    const e = edges[i];
    const a = box.get(e.from);
    const b = box.get(e.to);
    if (!a || !b) continue;
    if (e.from === e.to || a === b) {
      layout.edges.set(e.id, straightLine(a, a));
      loopRight = Math.max(loopRight, a.x + a.width + 20 + SPACING.padding);
      continue;
    }
    const c = channelBase + (lane % maxLanes) * SPACING.channel;
    usedLanes = Math.max(usedLanes, (lane % maxLanes) + 1);
    lane++;
    // Where the label may go: the middle of the run out to the channel, then a few places along the channel
    // (labelPoint's place, halfway, would often sit on the nodes beside the channel or on a neighbour's label).
    const spots: { x: number; y: number }[] = [];
    let runOut: number;
    if (down) {
      const ya = a.y + a.height / 2;
      const yb = b.y + b.height / 2;
      layout.edges.set(e.id, [
        { x: a.x + a.width, y: ya },
        { x: c, y: ya },
        { x: c, y: yb },
        { x: b.x + b.width, y: yb },
      ]);
      runOut = c - (a.x + a.width);
      spots.push({ x: a.x + a.width + runOut / 2, y: ya });
      for (const f of [0.5, 0.3, 0.7, 0.15, 0.85]) spots.push({ x: c, y: ya + (yb - ya) * f });
    } else {
      const xa = a.x + a.width / 2;
      const xb = b.x + b.width / 2;
      layout.edges.set(e.id, [
        { x: xa, y: a.y + a.height },
        { x: xa, y: c },
        { x: xb, y: c },
        { x: xb, y: b.y + b.height },
      ]);
      runOut = c - (a.y + a.height);
      spots.push({ x: xa, y: a.y + a.height + runOut / 2 });
      for (const f of [0.5, 0.3, 0.7, 0.15, 0.85]) spots.push({ x: xa + (xb - xa) * f, y: c });
    }
    const text = edgeLabelText(e);
    if (text === undefined) continue;
    const w = Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX_WIDTH) + LABEL_PADDING;
    if (runOut < (down ? w : LABEL_HEIGHT) + 10) spots.shift();
    if (!nodeBoxes) {
      nodeBoxes = new BoxIndex(down);
      for (const nb of box.values()) nodeBoxes.add(nb);
    }
    for (const at of spots) {
      const lb = { x: at.x - w / 2, y: at.y - LABEL_HEIGHT / 2, width: w, height: LABEL_HEIGHT };
      if (placed.hits(lb) || nodeBoxes.hits(lb)) continue;
      placed.add(lb);
      (layout.labels ??= new Map()).set(e.id, at);
      break;
    }
  }
  const extent = usedLanes > 0 ? channelBase + (usedLanes - 1) * SPACING.channel + SPACING.channelMargin : 0;
  if (down) layout.width = Math.max(layout.width, extent, loopRight);
  else {
    layout.height = Math.max(layout.height, extent);
    layout.width = Math.max(layout.width, loopRight);
  }
  return layout;
}
