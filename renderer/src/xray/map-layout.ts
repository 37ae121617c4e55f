/**
 * Positions for the service map: a layered layout, left to right (callers left of callees), computed outside
 * React so components only draw. It uses the small layered layout of shared/layout (the one that draws the
 * scopes of very large state machines): a map of a few dozen services is placed in well under a millisecond on the
 * page itself, with no ELK start-up, and cycles between services are handled. That layout also routes every edge
 * orthogonally through the gaps between columns and places each edge's label clear of every other label and of
 * every node, so the map draws those routes and label positions instead of React Flow's straight guesses.
 */
import { smallLayered } from '../../../shared/layout/small-layered.ts';
import type { MapEdge, ServiceMap } from '../../../shared/xray/types.ts';
import { formatMs } from './view-model.ts';

/** Size every service node is drawn at (the node component uses the same numbers). */
export const MAP_NODE_WIDTH = 190;
export const MAP_NODE_HEIGHT = 76;

/** Gap between services in one column, and between columns. */
const SPACING = { nodeNode: 40, betweenLayers: 90, padding: 0, edgeWidth: 12 } as const;

/** An edge label's box: 11 px text, about 6.5 px a character, with its padding. */
export const LABEL_HEIGHT = 18;
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 6.5) + 10;
}

/** The label an edge shows: requests and average response time as the caller saw them. */
export function edgeLabel(e: MapEdge): string {
  return `${e.requests} · ${formatMs(e.avgMs)}`;
}

export interface MapLayout {
  /** Node id → top-left position. */
  positions: Map<string, { x: number; y: number }>;
  /** Edge id → its route (points from the caller's side to the callee's), when the layout routed it. */
  routes: Map<string, { x: number; y: number }[]>;
  /** Edge id → the centre of its label box, clear of every other label and node. */
  labels: Map<string, { x: number; y: number; width: number; height: number }>;
}

/** Lays out the map. Falls back to a grid (no routes) if the layout throws, so the map is never blank. */
export function layoutServiceMap(map: ServiceMap): MapLayout {
  const index = new Map<string, number>();
  map.nodes.forEach((n, i) => index.set(n.id, i));
  const positions = new Map<string, { x: number; y: number }>();
  const routes = new Map<string, { x: number; y: number }[]>();
  const labels = new Map<string, { x: number; y: number; width: number; height: number }>();
  try {
    const edges: { from: number; to: number; label: { width: number; height: number } }[] = [];
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const e of map.edges) {
      const from = index.get(e.from);
      const to = index.get(e.to);
      const key = `${from}>${to}`;
      if (from === undefined || to === undefined || from === to || seen.has(key)) continue;
      seen.add(key);
      // Top-down with width and height swapped, then transposed: a label's height runs across the flow.
      edges.push({ from, to, label: { width: LABEL_HEIGHT, height: labelWidth(edgeLabel(e)) } });
      ids.push(e.id);
    }
    const r = smallLayered(
      map.nodes.map(() => ({ width: MAP_NODE_HEIGHT, height: MAP_NODE_WIDTH })),
      edges,
      SPACING,
    );
    map.nodes.forEach((n, i) => positions.set(n.id, { x: r.y[i]!, y: r.x[i]! }));
    ids.forEach((id, i) => {
      const route = r.edges[i];
      if (route)
        routes.set(
          id,
          route.map((p) => ({ x: p.y, y: p.x })),
        );
      const at = r.labels[i];
      if (at) labels.set(id, { x: at.y, y: at.x, width: edges[i].label.height, height: LABEL_HEIGHT });
    });
    return { positions, routes, labels };
  } catch {
    positions.clear();
    routes.clear();
    labels.clear();
    const cols = Math.max(1, Math.ceil(Math.sqrt(map.nodes.length)));
    map.nodes.forEach((n, i) =>
      positions.set(n.id, { x: (i % cols) * (MAP_NODE_WIDTH + 60), y: Math.floor(i / cols) * (MAP_NODE_HEIGHT + 50) }),
    );
    return { positions, routes, labels };
  }
}

/**
 * What the layout depends on: node ids in order, edges (ids and ends) and each label's width. Request counts and
 * times change in a live tab without changing this, and then the map keeps its layout.
 */
export function mapShape(map: ServiceMap): string {
  const nodes = map.nodes.map((n) => n.id).join('\n');
  const edges = map.edges.map((e) => `${e.id}\t${e.from}\t${e.to}\t${labelWidth(edgeLabel(e))}`).join('\n');
  return `${nodes}\n\n${edges}`;
}

const recent = new Map<string, MapLayout>();
const RECENT_LAYOUTS = 8;

/** `layoutServiceMap`, answered from the last few layouts when the map's shape has not changed. */
export function layoutServiceMapReusing(map: ServiceMap): MapLayout {
  const shape = mapShape(map);
  const known = recent.get(shape);
  if (known) return known;
  const layout = layoutServiceMap(map);
  recent.set(shape, layout);
  if (recent.size > RECENT_LAYOUTS) recent.delete(recent.keys().next().value!);
  return layout;
}
