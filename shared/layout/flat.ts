/** Laying out one flat scope (or segment): a chain stacked directly, the small layered layout, or ELK. */
import type { GraphEdge } from '../asl/types.ts';
import type { LayoutEngine } from './elk-engine.ts';
import { elkOptions } from './elk-options.ts';
import { edgeLabelText, LABEL_HEIGHT, LABEL_MAX_WIDTH, LABEL_PADDING } from './labels.ts';
import { finite, type Item, LONG_EDGE_SCOPE_THRESHOLD, type ScopeLayout, SMALL_ENGINE_MAX, SPACING } from './model.ts';
import { NODE_FONT, textWidth } from './node-size.ts';
import { drawingDefects, isCleanDrawing, type DrawnEdge } from './clean-drawing.ts';
import { crossingLowerBound } from './planarity.ts';
import { type SmallEdge, smallLayeredUncrossed } from './small-layered.ts';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

function fallbackScope(items: Item[]): ScopeLayout {
  // A plain vertical stack: used only if ELK fails, so the picture is still complete.
  const pos = new Map<string, { x: number; y: number }>();
  let y = SPACING.padding;
  let width = 0;
  for (const it of items) {
    pos.set(it.id, { x: SPACING.padding, y });
    y += it.height + SPACING.nodeNode;
    width = Math.max(width, it.width);
  }
  return {
    width: width + 2 * SPACING.padding,
    height: Math.max(y - SPACING.nodeNode + SPACING.padding, 2 * SPACING.padding),
    pos,
    edges: new Map(),
  };
}

/**
 * Lays out nodes with the edges not in `skip` (those are left unrouted for the caller): a chain is stacked, a
 * small scope of a large machine uses the built-in layered layout; in an ordinary machine a scope of up to
 * SMALL_ENGINE_MAX nodes uses it too when its drawing is clean (see clean-drawing.ts), everything else goes
 * through ELK. (ELK costs tens of milliseconds per scope in a worker that has not run it much, the small layout well
 * under one; measured over the corpus, most scopes draw clean.)
 */
export async function layoutFlat(
  items: Item[],
  edges: GraphEdge[],
  skip: Set<number>,
  direction: 'DOWN' | 'RIGHT',
  engine: LayoutEngine,
  fastGraph: boolean,
  elkOnly = false,
): Promise<ScopeLayout> {
  const fast = fastGraph || items.length > LONG_EDGE_SCOPE_THRESHOLD;
  const long = skip;
  const chain = chainOrder(items, edges, long);
  if (chain) return stackChain(chain, items, edges, long, direction);
  if (items.length <= SMALL_ENGINE_MAX && (fastGraph || !elkOnly)) {
    const small = layoutSmall(items, edges, long, direction, 0)!;
    if (fastGraph || isCleanDrawing(small.boxes, small.drawn)) return small.layout;
    // Other layerings and layer orders; ELK only when none is clean. An order that leaves edges crossing is
    // dropped before it is drawn, so a try costs its ordering (tens of microseconds at this size, a few hundred
    // with the shuffled restarts of a refined order) and a drawing only where it may be clean.
    for (let variant = 1; variant < VARIANTS; variant++) {
      const other = layoutSmall(items, edges, long, direction, variant, 0);
      if (other && isCleanDrawing(other.boxes, other.drawn)) return other.layout;
    }
    const unavoidable = leastCrossings(items, edges, long, direction, small);
    if (unavoidable) return unavoidable;
  }
  const localId = new Map<string, string>();
  items.forEach((it, i) => localId.set(it.id, `n${i}`));
  const elkEdges: ElkExtendedEdge[] = [];
  edges.forEach((e, i) => {
    if (long.has(i)) return;
    const s = localId.get(e.from);
    const t = localId.get(e.to);
    if (!s || !t) return;
    // Labels are part of the layout: ELK keeps room for each (a label node in the edge's middle layer), so labels
    // never sit on each other, on a state or on a crossing.
    const text = edgeLabelText(e);
    const labels =
      text === undefined
        ? undefined
        : [
            {
              id: `l${i}`,
              text,
              width: Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX_WIDTH) + LABEL_PADDING,
              height: LABEL_HEIGHT,
            },
          ];
    elkEdges.push({ id: `e${i}`, sources: [s], targets: [t], ...(labels ? { labels } : {}) });
  });
  const graph: ElkNode = {
    id: 'root',
    children: items.map((it, i) => ({ id: `n${i}`, width: it.width, height: it.height })),
    edges: elkEdges,
  };
  let result: ElkNode;
  try {
    result = await engine.layout(graph, elkOptions(direction, fast));
  } catch {
    return fallbackScope(items);
  }
  const pos = new Map<string, { x: number; y: number }>();
  let width = finite(result.width, 0);
  let height = finite(result.height, 0);
  const children = result.children ?? [];
  for (let i = 0; i < items.length; i++) {
    const c = children[i];
    pos.set(items[i].id, { x: finite(c?.x, SPACING.padding), y: finite(c?.y, SPACING.padding) });
    width = Math.max(width, finite(c?.x, 0) + items[i].width + SPACING.padding);
    height = Math.max(height, finite(c?.y, 0) + items[i].height + SPACING.padding);
  }
  const routed = new Map<string, { x: number; y: number }[]>();
  const labels = new Map<string, { x: number; y: number }>();
  const byId = new Map<string, ElkExtendedEdge>();
  for (const e of (result.edges ?? []) as ElkExtendedEdge[]) byId.set(e.id, e);
  edges.forEach((e, i) => {
    if (long.has(i)) return;
    const r = byId.get(`e${i}`);
    const sec = r?.sections?.[0];
    if (!sec) return;
    const pts = [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint].map((p) => ({
      x: finite(p?.x, 0),
      y: finite(p?.y, 0),
    }));
    routed.set(e.id, pts);
    const l = r?.labels?.[0];
    if (l && Number.isFinite(l.x) && Number.isFinite(l.y)) {
      labels.set(e.id, { x: finite(l.x, 0) + finite(l.width, 0) / 2, y: finite(l.y, 0) + finite(l.height, 0) / 2 });
      width = Math.max(width, finite(l.x, 0) + finite(l.width, 0) + SPACING.padding);
      height = Math.max(height, finite(l.y, 0) + finite(l.height, 0) + SPACING.padding);
    }
  });
  return { width, height, pos, edges: routed, labels };
}

/**
 * When no drawing of a scope is clean and its graph is not planar (it holds a subdivision of K5 or K3,3: three
 * states that each catch into the same two handlers, say), no drawing at all avoids a crossing, ELK's included.
 * A small-layout drawing with nothing else wrong and no more crossings than the least any drawing of the graph
 * must have (crossingLowerBound: 1, or more for a graph with many edges) is then as good as any ELK could give,
 * and is kept rather than paying an ELK run. Null otherwise: a planar graph, or no drawing down to the bound
 * (ELK may do better, so it draws the scope).
 */
function leastCrossings(
  items: Item[],
  edges: GraphEdge[],
  long: Set<number>,
  direction: 'DOWN' | 'RIGHT',
  first: SmallDrawing,
): ScopeLayout | null {
  const drawn = first.drawn;
  const bound = crossingLowerBound(
    items.length,
    Int32Array.from(drawn, (e) => e.from),
    Int32Array.from(drawn, (e) => e.to),
  );
  if (bound === 0) return null;
  for (let variant = 0; variant < VARIANTS; variant++) {
    const d = variant === 0 ? first : layoutSmall(items, edges, long, direction, variant, bound);
    if (!d) continue;
    const f = drawingDefects(d.boxes, d.drawn);
    if (f.unrouted + f.throughBoxes + f.labelsOnBoxes + f.labelOverlaps === 0 && f.crossings <= bound) return d.layout;
  }
  return null;
}

/** The variants of the small layered layout tried before ELK: every combination of its five bits. */
const VARIANTS = 32;

/** A scope drawn by the small layered layout, with its boxes and edges as the clean-drawing check takes them. */
interface SmallDrawing {
  layout: ScopeLayout;
  boxes: { x: number; y: number; width: number; height: number }[];
  drawn: DrawnEdge[];
}

/**
 * A scope drawn by the built-in layered layout (see small-layered.ts); null when the variant's layer order leaves
 * more than `maxCrossings` crossings.
 */
export function layoutSmall(
  items: Item[],
  edges: GraphEdge[],
  long: Set<number>,
  direction: 'DOWN' | 'RIGHT',
  variant: number,
  maxCrossings = Infinity,
): SmallDrawing | null {
  const down = direction === 'DOWN';
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  const used: number[] = [];
  const sEdges: SmallEdge[] = [];
  const labelWidths: number[] = [];
  edges.forEach((e, i) => {
    if (long.has(i)) return;
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) return;
    used.push(i);
    const text = edgeLabelText(e);
    if (text === undefined) {
      sEdges.push({ from: a, to: b });
      labelWidths.push(0);
    } else {
      // The box renderers draw: one line of badge text.
      const w = Math.min(textWidth(text, NODE_FONT.badge), LABEL_MAX_WIDTH) + LABEL_PADDING;
      labelWidths.push(w);
      sEdges.push({
        from: a,
        to: b,
        label: down ? { width: w, height: LABEL_HEIGHT } : { width: LABEL_HEIGHT, height: w },
      });
    }
  });
  const r = smallLayeredUncrossed(
    items.map((it) => (down ? { width: it.width, height: it.height } : { width: it.height, height: it.width })),
    sEdges,
    { nodeNode: SPACING.nodeNode, betweenLayers: SPACING.betweenLayers, padding: SPACING.padding, edgeWidth: 10 },
    variant,
    maxCrossings,
  );
  if (!r) return null;
  const pos = new Map<string, { x: number; y: number }>();
  items.forEach((it, i) => pos.set(it.id, down ? { x: r.x[i], y: r.y[i] } : { x: r.y[i], y: r.x[i] }));
  const routed = new Map<string, { x: number; y: number }[]>();
  const labels = new Map<string, { x: number; y: number }>();
  const drawn: DrawnEdge[] = [];
  used.forEach((ei, k) => {
    const raw = r.edges[k];
    const pts = raw ? (down ? raw : raw.map((p) => ({ x: p.y, y: p.x }))) : null;
    if (pts) routed.set(edges[ei].id, pts);
    const l = r.labels[k];
    const at = l ? (down ? l : { x: l.y, y: l.x }) : null;
    if (at) labels.set(edges[ei].id, at);
    drawn.push({
      from: sEdges[k].from,
      to: sEdges[k].to,
      points: pts,
      label: at ? { ...at, width: labelWidths[k], height: LABEL_HEIGHT } : null,
    });
  });
  const boxes = items.map((it) => ({ ...pos.get(it.id)!, width: it.width, height: it.height }));
  const layout = down
    ? { width: r.width, height: r.height, pos, edges: routed, labels }
    : { width: r.height, height: r.width, pos, edges: routed, labels };
  return { layout, boxes, drawn };
}

/**
 * When the edges ELK would see form one simple path through every node (a typical Parallel branch or Map
 * processor: Start → A → B → End), returns the node indices along it. Such a scope is a centred column, which is
 * what ELK would draw; stacking it directly skips an ELK run that costs milliseconds even for tiny graphs.
 */
function chainOrder(items: Item[], edges: GraphEdge[], skip: Set<number>): number[] | null {
  if (items.length > 200) return null;
  const index = new Map<string, number>();
  items.forEach((it, i) => index.set(it.id, i));
  const next = new Int32Array(items.length).fill(-1);
  const indeg = new Int32Array(items.length);
  let count = 0;
  for (let i = 0; i < edges.length; i++) {
    if (skip.has(i)) continue;
    const a = index.get(edges[i].from);
    const b = index.get(edges[i].to);
    if (a === undefined || b === undefined) continue;
    if (a === b || next[a] !== -1 || indeg[b] > 0) return null;
    next[a] = b;
    indeg[b]++;
    count++;
  }
  if (count !== items.length - 1) return null;
  const head = indeg.indexOf(0);
  if (head < 0) return null;
  const order: number[] = [];
  for (let v = head; v !== -1 && order.length <= items.length; v = next[v]) order.push(v);
  return order.length === items.length ? order : null;
}

function stackChain(
  order: number[],
  items: Item[],
  edges: GraphEdge[],
  skip: Set<number>,
  direction: 'DOWN' | 'RIGHT',
): ScopeLayout {
  const pos = new Map<string, { x: number; y: number }>();
  const down = direction === 'DOWN';
  const cross = items.reduce((m, it) => Math.max(m, down ? it.width : it.height), 0);
  let along = SPACING.padding;
  for (const i of order) {
    const it = items[i];
    const c = SPACING.padding + (cross - (down ? it.width : it.height)) / 2;
    pos.set(it.id, down ? { x: c, y: along } : { x: along, y: c });
    along += (down ? it.height : it.width) + SPACING.betweenLayers;
  }
  along = along - SPACING.betweenLayers + SPACING.padding;
  const mid = SPACING.padding + cross / 2;
  const routed = new Map<string, { x: number; y: number }[]>();
  edges.forEach((e, i) => {
    if (skip.has(i)) return;
    const a = items.find((it) => it.id === e.from);
    const b = items.find((it) => it.id === e.to);
    const pa = pos.get(e.from);
    const pb = pos.get(e.to);
    if (!a || !b || !pa || !pb) return;
    routed.set(
      e.id,
      down
        ? [
            { x: mid, y: pa.y + a.height },
            { x: mid, y: pb.y },
          ]
        : [
            { x: pa.x + a.width, y: mid },
            { x: pb.x, y: mid },
          ],
    );
  });
  const w = cross + 2 * SPACING.padding;
  return down ? { width: w, height: along, pos, edges: routed } : { width: along, height: w, pos, edges: routed };
}
