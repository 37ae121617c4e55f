/**
 * Self loops in the small layered layout (see small-layered.ts): a state whose Retry-like Catch or Choice rule
 * leads back to itself. The loop leaves the node's right side, runs down beside it and comes back in, with its
 * label just right of it, level with the node; the layer keeps that much room right of the node (loopRoom), so
 * the loop and its label stay clear of the neighbours. A node with several loops nests them, labels stacked.
 */
import type { SmallEdge } from './small-layered.ts';

/**
 * How far the first loop reaches right of its node, and the step between nested loops; with the room between a
 * loop's ends (a third of the node's height) and the gap before its label, these are ELK's proportions.
 */
const LOOP_REACH = 10;
const LOOP_STEP = 8;
/** Space between the outermost loop and its labels. */
const LOOP_LABEL_GAP = 3;
/** Vertical space between stacked loop labels. */
const LOOP_LABEL_STEP = 2;

function loopsOf(edges: SmallEdge[], v: number): number[] {
  const out: number[] = [];
  edges.forEach((e, i) => {
    if (e.from === v && e.to === v) out.push(i);
  });
  return out;
}

/** Room right of node `v` for its self loops and their labels (0 when it has none). */
export function loopRoom(edges: SmallEdge[], v: number): number {
  const loops = loopsOf(edges, v);
  if (loops.length === 0) return 0;
  let label = 0;
  for (const i of loops) label = Math.max(label, edges[i].label?.width ?? 0);
  return LOOP_REACH + (loops.length - 1) * LOOP_STEP + (label > 0 ? LOOP_LABEL_GAP + label : 0);
}

/** Routes every self loop (final coordinates) and places its label; other edges are left as they are. */
export function routeLoops(
  edges: SmallEdge[],
  nodes: { width: number; height: number }[],
  xs: number[],
  ys: number[],
  routed: ({ x: number; y: number }[] | null)[],
  labels: ({ x: number; y: number } | null)[],
): void {
  const done = new Set<number>();
  for (const e of edges) {
    const v = e.from;
    if (e.to !== v || done.has(v)) continue;
    done.add(v);
    const loops = loopsOf(edges, v);
    const right = xs[v] + nodes[v].width;
    const h = nodes[v].height;
    const outer = LOOP_REACH + (loops.length - 1) * LOOP_STEP;
    const labelled = loops.filter((i) => (edges[i].label?.width ?? 0) > 0);
    const stack = labelled.reduce((s, i) => s + edges[i].label!.height, 0) + (labelled.length - 1) * LOOP_LABEL_STEP;
    let labelTop = ys[v] + h / 2 - stack / 2;
    loops.forEach((i, k) => {
      // Nested: the outer loops leave higher and come back lower, so no two share a stretch of line.
      const reach = LOOP_REACH + k * LOOP_STEP;
      const spread = Math.min(1 / 6 + 0.05 * k, 0.45);
      const y1 = ys[v] + h * (0.5 - spread);
      const y2 = ys[v] + h * (0.5 + spread);
      routed[i] = [
        { x: right, y: y1 },
        { x: right + reach, y: y1 },
        { x: right + reach, y: y2 },
        { x: right, y: y2 },
      ];
      const l = edges[i].label;
      if (!l || l.width <= 0) return;
      labels[i] = { x: right + outer + LOOP_LABEL_GAP + l.width / 2, y: labelTop + l.height / 2 };
      labelTop += l.height + LOOP_LABEL_STEP;
    });
  }
}
