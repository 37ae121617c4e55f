/**
 * `segmentInputs` (one pass over a cut scope's edges for all its segments) gives each segment exactly the nodes,
 * inner edges (in the scope's order) and edges routed beside it that filtering the scope's edges segment by
 * segment gives, on the top scopes of generated machines of several sizes, both directions' inputs being the same.
 */
import { describe, expect, it } from 'vitest';
import { generateAsl } from '../../../bench/gen-asl.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import type { GraphEdge } from '../../../shared/asl/types.ts';
import { FAST_MODE_THRESHOLD, type Item } from '../../../shared/layout/model.ts';
import { prepare } from '../../../shared/layout/prepare.ts';
import { findLongEdges, type Segment, segmentInputs, segmentScope } from '../../../shared/layout/segments.ts';
import { generateGraph } from './generate.ts';

/** The segments' inputs filtered one segment at a time, as composeSegments used to build them. */
function reference(segments: Segment[], items: Item[], edges: GraphEdge[], long: Set<number>) {
  const segOf = new Map<string, number>();
  segments.forEach((s, k) => s.nodes.forEach((i) => segOf.set(items[i].id, k)));
  return segments.map((s, k) => {
    const segEdges: GraphEdge[] = [];
    const skip = new Set<number>();
    edges.forEach((e, i) => {
      if (segOf.get(e.from) !== k || segOf.get(e.to) !== k) return;
      if (long.has(i)) skip.add(segEdges.length);
      segEdges.push(e);
    });
    return { items: s.nodes.map((i) => items[i]), edges: segEdges, skip };
  });
}

describe('segmentInputs', () => {
  const graphs = [...[1000, 5000, 20_000].map((n) => ({ name: `generated ASL, ${n} states`, text: generateAsl(n) }))];
  it.each(graphs)('matches per-segment filtering on $name', async ({ text }) => {
    const doc = await loadDocument('segments.asl.json', JSON.stringify(text), {});
    const prep = prepare(buildGraph(doc.machines[0]), new Set());
    let cut = 0;
    for (const scope of prep.scopes) {
      const { long, rank } = findLongEdges(scope.items, scope.edges, prep.items.size > FAST_MODE_THRESHOLD);
      const segments = rank ? segmentScope(scope.items, scope.edges, long, rank) : null;
      if (!segments) continue;
      cut++;
      expect(segmentInputs(segments, scope.items, scope.edges, long)).toEqual(
        reference(segments, scope.items, scope.edges, long),
      );
    }
    expect(cut).toBeGreaterThan(0);
  });

  it('matches per-segment filtering on test graphs with back edges and long edges', () => {
    const prep = prepare(generateGraph(3000, 5), new Set());
    const top = prep.scopes.find((s) => s.owner === null)!;
    const { long, rank } = findLongEdges(top.items, top.edges, true);
    const segments = segmentScope(top.items, top.edges, long, rank!);
    expect(segments?.length).toBeGreaterThan(1);
    expect(long.size).toBeGreaterThan(0);
    expect(segmentInputs(segments!, top.items, top.edges, long)).toEqual(
      reference(segments!, top.items, top.edges, long),
    );
  });
});
