/**
 * Positions for the service map: a layered layout, left to right (callers left of callees), computed outside
 * React so components only draw. It uses the small layered layout of shared/layout (the one that draws the
 * scopes of very large state machines): a map of a few dozen services is placed in well under a millisecond on the
 * page itself, with no ELK start-up, and cycles between services are handled.
 */
import { smallLayered } from '../../../shared/layout/small-layered.ts';
import type { ServiceMap } from '../../../shared/xray/types.ts';

/** Size every service node is drawn at (the node component uses the same numbers). */
export const MAP_NODE_WIDTH = 190;
export const MAP_NODE_HEIGHT = 76;

/** Gap between services in one column, and between columns. */
const SPACING = { nodeNode: 40, betweenLayers: 90, padding: 0, edgeWidth: 12 } as const;

/** Node id → top-left position. Falls back to a grid if the layout throws, so the map is never blank. */
export function layoutServiceMap(map: ServiceMap): Map<string, { x: number; y: number }> {
  const index = new Map<string, number>();
  map.nodes.forEach((n, i) => index.set(n.id, i));
  const out = new Map<string, { x: number; y: number }>();
  try {
    const edges: { from: number; to: number }[] = [];
    const seen = new Set<string>();
    for (const e of map.edges) {
      const from = index.get(e.from);
      const to = index.get(e.to);
      const key = `${from}>${to}`;
      if (from === undefined || to === undefined || from === to || seen.has(key)) continue;
      seen.add(key);
      edges.push({ from, to });
    }
    // Laid out top-down with width and height swapped, then transposed: columns run left to right.
    const r = smallLayered(
      map.nodes.map(() => ({ width: MAP_NODE_HEIGHT, height: MAP_NODE_WIDTH })),
      edges,
      SPACING,
    );
    map.nodes.forEach((n, i) => out.set(n.id, { x: r.y[i]!, y: r.x[i]! }));
    return out;
  } catch {
    out.clear();
    const cols = Math.max(1, Math.ceil(Math.sqrt(map.nodes.length)));
    map.nodes.forEach((n, i) => out.set(n.id, { x: (i % cols) * (MAP_NODE_WIDTH + 60), y: Math.floor(i / cols) * (MAP_NODE_HEIGHT + 50) }));
    return out;
  }
}
