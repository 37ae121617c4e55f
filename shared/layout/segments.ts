/**
 * Large scopes: layer ranks and the long edges routed beside the graph instead of through ELK, and tall scopes cut
 * into segments at single-edge cuts, laid out part by part and stacked.
 */
import type { GraphEdge } from '../asl/types.ts';
import { hashKey, type LayoutCache, scopeHash } from './cache.ts';
import type { LayoutEngine } from './elk-engine.ts';
import { layoutFlat } from './flat.ts';
import { edgeLabelText, LABEL_HEIGHT, LABEL_MAX_WIDTH, LABEL_PADDING } from './labels.ts';
import {
  type Item,
  LONG_EDGE_SCOPE_THRESHOLD,
  LONG_SPAN,
  type ScopeLayout,
  SEGMENT_TARGET_MAX,
  SEGMENT_TARGET_MIN,
} from './model.ts';
import { NODE_FONT, textWidth } from './node-size.ts';
import { routeRest, unrouted } from './routing.ts';

/**
 * Finds edges that would cross many layers in a large scope. ELK adds a dummy node per layer crossed, so a few
 * Catch edges to a shared handler at the bottom can cost more than all the states; those edges are routed beside
 * the graph instead. For each target the shortest long incoming edge stays in ELK so the target keeps its place.
 */
export function findLongEdges(
  items: Item[],
  edges: GraphEdge[],
  fast: boolean,
): { long: Set<number>; rank: Int32Array | null } {
  const long = new Set<number>();
  if (!fast && items.length <= LONG_EDGE_SCOPE_THRESHOLD) return { long, rank: null };
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  const out: number[][] = items.map(() => []);
  edges.forEach((e, i) => {
    const a = index.get(e.from);
    if (a !== undefined) out[a].push(i);
  });
  // Iterative DFS in model order to find back edges (they are not part of the ranking).
  const state = new Uint8Array(items.length); // 0 new, 1 on stack, 2 done
  const back = new Set<number>();
  const order: number[] = [];
  for (let root = 0; root < items.length; root++) {
    if (state[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [v, k] = top;
      if (k < out[v].length) {
        top[1]++;
        const ei = out[v][k];
        const w = index.get(edges[ei].to);
        if (w === undefined) continue;
        if (state[w] === 1) back.add(ei);
        else if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        order.push(v);
        stack.pop();
      }
    }
  }
  // Longest-path rank over the DAG of forward edges, in topological order (reverse post-order).
  const rank = new Int32Array(items.length);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    for (const ei of out[v]) {
      if (back.has(ei)) continue;
      const w = index.get(edges[ei].to);
      if (w !== undefined && rank[w] < rank[v] + 1) rank[w] = rank[v] + 1;
    }
  }
  const keep = new Map<number, number>(); // target -> shortest long edge kept
  const candidates: number[] = [];
  edges.forEach((e, ei) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || back.has(ei) || e.kind === 'next' || e.kind === 'start') return;
    const span = rank[b] - rank[a];
    if (span <= LONG_SPAN) return;
    candidates.push(ei);
    const k = keep.get(b);
    if (k === undefined) keep.set(b, ei);
    else {
      const ks = rank[b] - rank[index.get(edges[k].from)!];
      if (span < ks) keep.set(b, ei);
    }
  });
  // A target that already has a short incoming edge keeps its place without any long one.
  const anchored = new Set<number>();
  edges.forEach((e, ei) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || back.has(ei) || a === b) return;
    if (rank[b] - rank[a] <= LONG_SPAN || e.kind === 'next' || e.kind === 'start') anchored.add(b);
  });
  const kept = new Set<number>();
  for (const [target, ei] of keep) if (!anchored.has(target)) kept.add(ei);
  for (const ei of candidates) if (!kept.has(ei)) long.add(ei);
  return { long, rank };
}

export interface Segment {
  nodes: number[];
  /** Index of the edge leading from this segment into the next one (the only edge crossing the cut). */
  connector: number;
}

/**
 * Cuts a large scope into vertical segments. A cut between two layer ranks is allowed where exactly one forward
 * edge crosses it (the main flow), so each segment can be laid out alone and the segments stacked, joined by
 * that edge. ELK's cost grows faster than linearly with graph height, so several short runs beat one tall one.
 * Boundaries are chosen by content (a hash of the state where a segment starts), so an edit in one place moves
 * no boundary elsewhere and the other segments come straight from the cache.
 */
export function segmentScope(items: Item[], edges: GraphEdge[], skip: Set<number>, rank: Int32Array): Segment[] | null {
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  let maxRank = 0;
  for (let i = 0; i < items.length; i++) maxRank = Math.max(maxRank, rank[i]);
  const cross = new Int32Array(maxRank + 2);
  const crossSum = new Float64Array(maxRank + 2);
  const perRank = new Int32Array(maxRank + 1);
  for (let i = 0; i < items.length; i++) perRank[rank[i]]++;
  edges.forEach((e, i) => {
    if (skip.has(i)) return;
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) return;
    const lo = Math.min(rank[a], rank[b]);
    const hi = Math.max(rank[a], rank[b]);
    if (lo === hi) return;
    cross[lo]++;
    cross[hi]--;
    crossSum[lo] += i;
    crossSum[hi] -= i;
  });
  const cutAfter: number[] = [];
  const connectors: number[] = [];
  let c = 0;
  let sum = 0;
  let size = 0;
  for (let r = 0; r < maxRank; r++) {
    c += cross[r];
    sum += crossSum[r];
    size += perRank[r];
    if (c !== 1 || size < SEGMENT_TARGET_MIN) continue;
    const ei = Math.round(sum);
    const e = edges[ei];
    const a = index.get(e?.from ?? '');
    const b = index.get(e?.to ?? '');
    if (a === undefined || b === undefined || rank[a] > r || rank[b] <= r) continue;
    if (size < SEGMENT_TARGET_MAX && parseInt(hashKey(items[b].id).slice(0, 4), 16) % 3 !== 0) continue;
    cutAfter.push(r);
    connectors.push(ei);
    size = 0;
  }
  if (cutAfter.length === 0) return null;
  const segs: Segment[] = [];
  for (let k = 0; k <= cutAfter.length; k++)
    segs.push({ nodes: [], connector: k < connectors.length ? connectors[k] : -1 });
  for (let i = 0; i < items.length; i++) {
    let k = 0;
    // Segments are few, a linear scan is fine.
    while (k < cutAfter.length && rank[i] > cutAfter[k]) k++;
    segs[k].nodes.push(i);
  }
  return segs.filter((s) => s.nodes.length > 0).length === segs.length ? segs : null;
}

/** One segment's nodes, the edges inside it, and which of those (indices into `edges`) are routed beside it. */
export interface SegmentInput {
  items: Item[];
  edges: GraphEdge[];
  skip: Set<number>;
}

/**
 * Each segment's nodes and inner edges, in the scope's order. One pass over the scope's edges for all segments:
 * a pass per segment made cutting a 20,000-state machine's top scope (over a hundred segments) quadratic.
 */
export function segmentInputs(
  segments: Segment[],
  items: Item[],
  edges: GraphEdge[],
  long: Set<number>,
): SegmentInput[] {
  const segOf = new Int32Array(items.length);
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  segments.forEach((s, k) => s.nodes.forEach((i) => (segOf[i] = k)));
  const inputs: SegmentInput[] = segments.map((s) => ({
    items: s.nodes.map((i) => items[i]),
    edges: [],
    skip: new Set(),
  }));
  edges.forEach((e, i) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || segOf[a] !== segOf[b]) return;
    const input = inputs[segOf[a]];
    if (long.has(i)) input.skip.add(input.edges.length);
    input.edges.push(e);
  });
  return inputs;
}

export async function composeSegments(
  segments: Segment[],
  items: Item[],
  edges: GraphEdge[],
  long: Set<number>,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fastGraph: boolean,
  cache: LayoutCache | undefined,
  elkOnly = false,
): Promise<ScopeLayout> {
  const down = direction === 'DOWN';
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  const parts: ScopeLayout[] = [];
  for (const { items: segItems, edges: segEdges, skip: segSkip } of segmentInputs(segments, items, edges, long)) {
    const key = scopeHash(
      { items: segItems, edges: segEdges },
      direction,
      fastGraph,
      `segment:${[...segSkip].join(',')}${elkOnly ? ':elk' : ''}`,
    );
    let part = cache?.get(key);
    if (!part) {
      part = await layoutFlat(segItems, segEdges, segSkip, direction, engine, fastGraph, elkOnly);
      cache?.set(key, part);
    }
    parts.push(part);
  }
  // Stack the parts along the flow, lining up each connector's ends across the cut.
  const offA: number[] = [0];
  const offC: number[] = [0];
  const center = (part: ScopeLayout, i: number) => {
    const p = part.pos.get(items[i].id) ?? { x: 0, y: 0 };
    return down ? p.x + items[i].width / 2 : p.y + items[i].height / 2;
  };
  // A labelled connector gets room for its label between the two parts (label, then the arrowhead).
  const labelRoom = (e: GraphEdge) => {
    const text = edgeLabelText(e);
    if (text === undefined) return 0;
    return (down ? LABEL_HEIGHT : Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX_WIDTH) + LABEL_PADDING) + 16;
  };
  for (let k = 1; k < parts.length; k++) {
    const e = edges[segments[k - 1].connector];
    const a = index.get(e.from)!;
    const b = index.get(e.to)!;
    offA.push(offA[k - 1] + (down ? parts[k - 1].height : parts[k - 1].width) + labelRoom(e));
    offC.push(offC[k - 1] + center(parts[k - 1], a) - center(parts[k], b));
  }
  const minC = Math.min(...offC);
  const pos = new Map<string, { x: number; y: number }>();
  const routed = new Map<string, { x: number; y: number }[]>();
  const labels = new Map<string, { x: number; y: number }>();
  let crossSize = 0;
  for (let k = 0; k < parts.length; k++) {
    const c = offC[k] - minC;
    const dx = down ? c : offA[k];
    const dy = down ? offA[k] : c;
    const part = parts[k];
    crossSize = Math.max(crossSize, c + (down ? part.width : part.height));
    for (const [id, p] of part.pos) pos.set(id, { x: p.x + dx, y: p.y + dy });
    for (const [id, pts] of part.edges)
      routed.set(
        id,
        pts.map((p) => ({ x: p.x + dx, y: p.y + dy })),
      );
    if (part.labels) for (const [id, p] of part.labels) labels.set(id, { x: p.x + dx, y: p.y + dy });
  }
  const along = offA[parts.length - 1] + (down ? parts[parts.length - 1].height : parts[parts.length - 1].width);
  for (let k = 0; k + 1 < segments.length; k++) {
    const e = edges[segments[k].connector];
    const a = items[index.get(e.from)!];
    const b = items[index.get(e.to)!];
    const pa = pos.get(a.id)!;
    const pb = pos.get(b.id)!;
    const line = down
      ? [
          { x: pa.x + a.width / 2, y: pa.y + a.height },
          { x: pb.x + b.width / 2, y: pb.y },
        ]
      : [
          { x: pa.x + a.width, y: pa.y + a.height / 2 },
          { x: pb.x, y: pb.y + b.height / 2 },
        ];
    routed.set(e.id, line);
    const room = labelRoom(e);
    if (room > 0) {
      // Centred in the room left for it, clear of the arrowhead at the target.
      const along = offA[k + 1] - room / 2;
      labels.set(e.id, down ? { x: line[0].x, y: along } : { x: along, y: line[0].y });
    }
  }
  const layout: ScopeLayout = down
    ? { width: crossSize, height: along, pos, edges: routed }
    : { width: along, height: crossSize, pos, edges: routed };
  if (labels.size > 0) layout.labels = labels;
  return routeRest(layout, items, edges, unrouted(layout, edges), direction);
}
