/**
 * The service map's layout, held to the state-machine layout's standard: no two edge labels overlap, no label
 * sits under a node, no edge runs through a node it does not connect, and nodes do not overlap — on every sample
 * map, on the maps of the real-producer fixture and on a generated 100-service map.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import type { MapEdge, MapNode, ServiceMap } from '../../../shared/xray/types.ts';
import {
  layoutServiceMap,
  MAP_NODE_HEIGHT,
  MAP_NODE_WIDTH,
  type MapLayout,
} from '../../../renderer/src/xray/map-layout.ts';

type Box = { x: number; y: number; width: number; height: number };
const EPS = 0.5;

function overlaps(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS
  );
}

/** True when the axis-aligned (or any) segment p→q passes through the inside of box b. */
function segmentCrosses(p: { x: number; y: number }, q: { x: number; y: number }, b: Box): boolean {
  const inner = { x: b.x + 1, y: b.y + 1, width: b.width - 2, height: b.height - 2 };
  // Sample the segment densely: routes are short orthogonal runs, so this is exact enough and simple.
  const steps = Math.max(2, Math.ceil(Math.hypot(q.x - p.x, q.y - p.y) / 2));
  for (let i = 0; i <= steps; i++) {
    const x = p.x + ((q.x - p.x) * i) / steps;
    const y = p.y + ((q.y - p.y) * i) / steps;
    if (x > inner.x && x < inner.x + inner.width && y > inner.y && y < inner.y + inner.height) return true;
  }
  return false;
}

export function mapLayoutProblems(map: ServiceMap, layout: MapLayout): string[] {
  const problems: string[] = [];
  const box = (id: string): Box => ({ ...layout.positions.get(id)!, width: MAP_NODE_WIDTH, height: MAP_NODE_HEIGHT });
  const ids = map.nodes.map((n) => n.id);
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++)
      if (overlaps(box(ids[i]), box(ids[j]))) problems.push(`nodes ${ids[i]} and ${ids[j]} overlap`);
  const labels = [...layout.labels].map(
    ([id, l]) => [id, { x: l.x - l.width / 2, y: l.y - l.height / 2, width: l.width, height: l.height }] as const,
  );
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++)
      if (overlaps(labels[i][1], labels[j][1])) problems.push(`labels of ${labels[i][0]} and ${labels[j][0]} overlap`);
    for (const id of ids)
      if (overlaps(labels[i][1], box(id))) problems.push(`label of ${labels[i][0]} is under node ${id}`);
  }
  for (const e of map.edges) {
    if (e.from === e.to) continue;
    const route = layout.routes.get(e.id);
    if (!route) {
      problems.push(`edge ${e.id} has no route`);
      continue;
    }
    if (!layout.labels.has(e.id)) problems.push(`edge ${e.id} has no label`);
    for (let k = 1; k < route.length; k++) {
      for (const id of ids) {
        if (id === e.from || id === e.to) continue;
        if (segmentCrosses(route[k - 1], route[k], box(id))) problems.push(`edge ${e.id} runs through node ${id}`);
      }
    }
  }
  return problems;
}

const stats = { requests: 10, ok: 10, errors: 0, faults: 0, throttles: 0, totalMs: 100, avgMs: 10, histogram: [] };

/** A deterministic 100-service map: a call tree five deep with cross calls, shared resources and a client. */
export function generatedMap(services = 100): ServiceMap {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const nodes: MapNode[] = [{ id: 'web|client', name: 'web', type: 'client', inferred: false, client: true, ...stats }];
  const edges: MapEdge[] = [];
  const edge = (from: string, to: string) => {
    const id = `${from}->${to}`;
    if (from !== to && !edges.some((e) => e.id === id))
      edges.push({ id, from, to, ...stats, requests: 1 + Math.floor(rand() * 5000), avgMs: rand() * 3000 });
  };
  for (let i = 0; i < services; i++) {
    const inferred = i % 4 === 3;
    const id = inferred ? `table-${i}|AWS::DynamoDB::Table` : `service-${i}|AWS::Lambda::Function`;
    nodes.push({ id, name: id.split('|')[0], type: id.split('|')[1], inferred, client: false, ...stats });
    if (i === 0) edge('web|client', id);
    else {
      const callers = nodes.slice(1, -1).filter((n) => !n.inferred);
      edge(callers[Math.floor(rand() * callers.length)].id, id);
      if (rand() < 0.25 && callers.length > 2) edge(callers[Math.floor(rand() * callers.length)].id, id);
    }
  }
  return { nodes, edges };
}

describe('service map layout', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const samples = path.resolve(here, '../../../samples/xray');
  const maps: [string, ServiceMap][] = [];
  for (const f of fs.readdirSync(samples).filter((x) => x !== 'index.json')) {
    const ds = loadXray([{ name: f, text: fs.readFileSync(path.join(samples, f), 'utf8') }]);
    maps.push([f, ds.traces.length > 0 ? computeServiceMap(ds.traces) : ds.serviceGraph!]);
    for (const t of ds.traces.slice(0, 5)) maps.push([`${f} trace ${t.id}`, computeServiceMap([t])]);
  }
  const sdk = loadXray([
    { name: 'capture.ndjson', text: fs.readFileSync(path.join(here, 'fixtures/sdk-node/capture.ndjson'), 'utf8') },
  ]);
  maps.push(['sdk-node capture', computeServiceMap(sdk.traces)]);
  maps.push(['generated 100-service map', generatedMap(100)]);

  it.each(maps)('%s: no overlapping labels, no label under a node, no edge through a node', (_name, map) => {
    const layout = layoutServiceMap(map);
    expect(mapLayoutProblems(map, layout)).toEqual([]);
    expect(layout.routes.size).toBe(map.edges.filter((e) => e.from !== e.to).length);
  });

  it("catches what React Flow's own drawing does: straight edges with labels at their middles", () => {
    const map = generatedMap(100);
    const layout = layoutServiceMap(map);
    const naive: MapLayout = { positions: layout.positions, routes: new Map(), labels: new Map() };
    const centre = (id: string) => ({
      x: layout.positions.get(id)!.x + MAP_NODE_WIDTH / 2,
      y: layout.positions.get(id)!.y + MAP_NODE_HEIGHT / 2,
    });
    for (const e of map.edges) {
      const a = centre(e.from);
      const b = centre(e.to);
      naive.routes.set(e.id, [a, b]);
      naive.labels.set(e.id, { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, width: 80, height: 18 });
    }
    const problems = mapLayoutProblems(map, naive);
    console.log(`straight edges, middle labels on the generated map: ${problems.length} problems`);
    expect(problems.some((p) => p.includes('overlap'))).toBe(true);
    expect(problems.some((p) => p.includes('runs through'))).toBe(true);
  });

  it('lays out the generated 100-service map quickly', () => {
    const map = generatedMap(100);
    const t0 = performance.now();
    layoutServiceMap(map);
    const ms = performance.now() - t0;
    console.log(
      `100-service map: ${map.nodes.length} nodes, ${map.edges.length} edges laid out in ${ms.toFixed(1)} ms`,
    );
    expect(ms).toBeLessThan(1000);
  });
});
