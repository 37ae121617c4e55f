/**
 * Positions for the service map: a flat ELK layered layout, left to right (callers left of callees), computed
 * outside React so components only draw. The workspace runs it in the X-Ray worker (a cold ELK costs the UI
 * thread hundreds of milliseconds); ELK is driven synchronously through the shared engine wrapper, since the
 * bundled elkjs answers through `postMessage` when it finds itself inside a worker.
 */
import { defaultElkEngine } from '../../../shared/layout/elk-engine.ts';
import type { ServiceMap } from '../../../shared/xray/types.ts';

/** Size every service node is drawn at (the node component uses the same numbers). */
export const MAP_NODE_WIDTH = 190;
export const MAP_NODE_HEIGHT = 76;

/** Node id → top-left position. Falls back to a grid when ELK fails, so the map is never blank. */
export async function layoutServiceMap(map: ServiceMap): Promise<Map<string, { x: number; y: number }>> {
  const ids = new Set(map.nodes.map((n) => n.id));
  try {
    const result = await defaultElkEngine().layout(
      {
        id: 'root',
        children: map.nodes.map((n) => ({ id: n.id, width: MAP_NODE_WIDTH, height: MAP_NODE_HEIGHT })),
        edges: map.edges
          .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
          .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
      },
      {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '40',
        'elk.layered.spacing.nodeNodeBetweenLayers': '90',
        'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
        'elk.edgeRouting': 'POLYLINE',
      },
    );
    const out = new Map<string, { x: number; y: number }>();
    for (const c of result.children ?? []) out.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
    return out;
  } catch {
    const out = new Map<string, { x: number; y: number }>();
    const cols = Math.max(1, Math.ceil(Math.sqrt(map.nodes.length)));
    map.nodes.forEach((n, i) => out.set(n.id, { x: (i % cols) * (MAP_NODE_WIDTH + 60), y: Math.floor(i / cols) * (MAP_NODE_HEIGHT + 50) }));
    return out;
  }
}
