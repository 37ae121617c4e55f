/** The naive one-shot compound ELK layout, the baseline the benchmark compares per-scope layout with. */
import type { StateGraph } from '../shared/asl/types.ts';
import ELK from 'elkjs/lib/elk.bundled.js';
import { branchLaneId, type Scope, SPACING, toCollapsedSet } from '../shared/layout/model.ts';
import { GROUP_METRICS } from '../shared/layout/node-size.ts';
import { prepare } from '../shared/layout/prepare.ts';
import type { LayoutOptions } from '../shared/layout/types.ts';
import type { ElkNode, LayoutOptions as ElkOptions } from 'elkjs/lib/elk-api';

/**
 * The naive approach, kept only so the benchmark can show what per-scope layout buys: the same graph as one
 * compound ELK graph (groups and branch lanes as ELK parent nodes, every container repeating the options) laid out
 * in a single call through elkjs's public API. Not used by the app.
 */
export async function elkOneShotBaseline(graph: StateGraph, options: LayoutOptions = {}): Promise<ElkNode> {
  const prep = prepare(graph, toCollapsedSet(options.collapsed));
  const direction = options.direction === 'RIGHT' ? 'RIGHT' : 'DOWN';
  const layoutOptions: ElkOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.spacing.nodeNode': String(SPACING.nodeNode),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(SPACING.betweenLayers),
    'elk.padding': `[top=${GROUP_METRICS.header},left=${GROUP_METRICS.padding},bottom=${GROUP_METRICS.padding},right=${GROUP_METRICS.padding}]`,
  };
  const ids = new Map<string, string>();
  let n = 0;
  const idOf = (id: string) => {
    let v = ids.get(id);
    if (!v) ids.set(id, (v = `n${n++}`));
    return v;
  };
  const scopeNode = new Map<Scope, ElkNode>();
  const build = (scope: Scope, container: ElkNode) => {
    scopeNode.set(scope, container);
    container.children = scope.items.map((it) => ({ id: idOf(it.id), width: it.width, height: it.height }));
    container.edges = scope.edges.map((e, i) => ({
      id: `${container.id}:e${i}`,
      sources: [idOf(e.from)],
      targets: [idOf(e.to)],
    }));
  };
  const top = prep.scopes.find((s) => s.owner === null)!;
  const root: ElkNode = { id: 'root', layoutOptions };
  build(top, root);
  // Top-down over scopes (shallowest first) so a group's ELK node exists before its lanes are attached.
  for (const scope of [...prep.scopes].reverse()) {
    const container = scopeNode.get(scope);
    if (!container) continue;
    for (const it of scope.items) {
      const g = prep.groups.get(it.id);
      if (!g) continue;
      const gNode = container.children!.find((c) => c.id === idOf(it.id))!;
      delete gNode.width;
      delete gNode.height;
      gNode.layoutOptions = layoutOptions;
      if (g.type === 'Map') build(g.lanes[0], gNode);
      else {
        gNode.children = g.lanes.map((lane, i) => {
          const laneNode: ElkNode = { id: idOf(branchLaneId(it.id, i)), layoutOptions };
          build(lane, laneNode);
          return laneNode;
        });
        gNode.edges = [];
      }
    }
  }
  return new ELK().layout(root, { layoutOptions });
}
