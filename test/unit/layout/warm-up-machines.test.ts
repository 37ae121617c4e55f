/**
 * The machines the page's document worker lays out while idle after start (renderer/src/workers/warm-up-machines.ts)
 * must load cleanly, touch what real machines use, and be drawn without elkjs: warming must never load elkjs.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { createElkEngine, createLayoutCache, layoutGraph } from '../../../shared/layout/layout.ts';
import {
  WARM_UP_COLLAPSED,
  WARM_UP_JSON,
  WARM_UP_ROUNDS,
  WARM_UP_YAML,
} from '../../../renderer/src/workers/warm-up-machines.ts';

/** Every state object of a definition, nested ones included. */
function allStates(scope: unknown): Record<string, unknown>[] {
  const states = Object.values((scope as { States: Record<string, Record<string, unknown>> }).States);
  return states.flatMap((s) => [
    s,
    ...((s.Branches as unknown[] | undefined) ?? []).flatMap(allStates),
    ...(s.ItemProcessor ? allStates(s.ItemProcessor) : []),
  ]);
}

describe('the document worker warm-up machines', () => {
  it('load without errors and use every state type, Retry, Catch and a loop', async () => {
    const doc = await loadDocument('warm-up.asl.json', WARM_UP_JSON);
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.machines).toHaveLength(1);
    const states = allStates(doc.machines[0].definition);
    const types = new Set(states.map((s) => s.Type));
    expect([...types].sort()).toEqual(['Choice', 'Fail', 'Map', 'Parallel', 'Pass', 'Succeed', 'Task', 'Wait']);
    expect(states.some((s) => Array.isArray(s.Retry))).toBe(true);
    expect(states.some((s) => Array.isArray(s.Catch))).toBe(true);
    const graph = buildGraph(doc.machines[0]);
    expect(graph.states.find((n) => n.id === WARM_UP_COLLAPSED[0])?.type).toBe('Parallel');
    expect(graph.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const yaml = await loadDocument('warm-up.asl.yaml', WARM_UP_YAML);
    expect(yaml.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(yaml.machines).toHaveLength(1);
  });

  it('are drawn by the small layered layout in every round, so warming never loads elkjs', async () => {
    const engine = createElkEngine();
    const cache = createLayoutCache();
    for (const text of [WARM_UP_JSON, WARM_UP_YAML]) {
      const doc = await loadDocument('warm-up', text);
      const graph = buildGraph(doc.machines[0]);
      for (const collapsed of text === WARM_UP_JSON ? WARM_UP_ROUNDS : [[]]) {
        const layout = await layoutGraph(graph, { engine, cache, collapsed: [...collapsed] });
        expect(layout.nodes.length).toBeGreaterThan(0);
      }
    }
    expect(engine.calls).toBe(0);
  });
});
