import { describe, expect, it } from 'vitest';
import { SYNTHETIC_PREFIX } from '../../../shared/asl/types.ts';
import type { GraphEdge, GraphState, StateGraph, SyntheticNode } from '../../../shared/asl/types.ts';
import {
  branchLaneId,
  createElkEngine,
  createLayoutCache,
  layoutGraph,
  warmUpLayout,
} from '../../../shared/layout/layout.ts';
import { elkOneShotBaseline } from '../../../bench/elk-baseline.ts';
import { nodeSize } from '../../../shared/layout/node-size.ts';
import { labelProblems, layoutProblems, sharedStretchProblems } from './check.ts';
import { endMarker, generateGraph, makeState, startMarker } from './generate.ts';

/** A small hand-built machine: Task with Catch, Choice, a Parallel whose second branch holds a Map with a loop. */
function orderGraph(): StateGraph {
  const states: GraphState[] = [
    makeState('Validate', 'Task', {
      isStart: true,
      retry: [{ errorEquals: ['States.ALL'], intervalSeconds: 1, maxAttempts: 3, backoffRate: 2 }],
      catch: [{ errorEquals: ['States.ALL'], next: 'Handle error' }],
      integration: {
        service: 'lambda',
        action: 'invoke',
        pattern: 'request-response',
        sdk: false,
        label: 'Lambda · Invoke',
      },
    }),
    makeState('Check', 'Choice'),
    makeState('Fan out', 'Parallel', { branches: 2 }),
    makeState('A', 'Pass', { parent: 'Fan out', branch: 0, depth: 1 }),
    makeState('B', 'Wait', { parent: 'Fan out', branch: 0, depth: 1 }),
    makeState('Items', 'Map', {
      parent: 'Fan out',
      branch: 1,
      depth: 1,
      map: { mode: 'INLINE', legacyIterator: false },
    }),
    makeState('D', 'Task', { parent: 'Items', branch: 0, depth: 2 }),
    makeState('E', 'Choice', { parent: 'Items', branch: 0, depth: 2 }),
    makeState('Done', 'Succeed', { isEnd: true }),
    makeState('Reject', 'Fail', { isEnd: true }),
    makeState('Handle error', 'Pass'),
    makeState('Failed', 'Fail', { isEnd: true }),
  ];
  const synthetic: SyntheticNode[] = [];
  const marker = (parent: string | null, branch: number | null) => {
    synthetic.push({ id: startMarker(parent, branch), kind: 'start', parent, branch, label: 'Start' });
    synthetic.push({ id: endMarker(parent, branch), kind: 'end', parent, branch, label: 'End' });
  };
  marker(null, null);
  marker('Fan out', 0);
  marker('Fan out', 1);
  marker('Items', 0);
  let n = 0;
  const edges: GraphEdge[] = [];
  const e = (from: string, to: string, kind: GraphEdge['kind'], label?: string) =>
    edges.push({ id: `e${n++}`, from, to, kind, ...(label ? { label } : {}) });
  e(startMarker(null, null), 'Validate', 'start');
  e('Validate', 'Check', 'next');
  e('Validate', 'Handle error', 'catch', 'States.ALL');
  e('Check', 'Fan out', 'choice', '$.ok == true');
  e('Check', 'Reject', 'default', 'Default');
  e('Fan out', 'Done', 'next');
  e('Done', endMarker(null, null), 'end');
  e('Reject', endMarker(null, null), 'end');
  e('Handle error', 'Failed', 'next');
  e('Failed', endMarker(null, null), 'end');
  e(startMarker('Fan out', 0), 'A', 'start');
  e('A', 'B', 'next');
  e('B', endMarker('Fan out', 0), 'end');
  e(startMarker('Fan out', 1), 'Items', 'start');
  e('Items', endMarker('Fan out', 1), 'end');
  e(startMarker('Items', 0), 'D', 'start');
  e('D', 'E', 'next');
  e('E', 'D', 'choice', '$.more');
  e('E', endMarker('Items', 0), 'default', 'Default');
  return { name: 'order', queryLanguage: 'JSONPath', startAt: 'Validate', states, synthetic, edges, diagnostics: [] };
}

describe('layoutGraph', () => {
  it('places every node, keeps children inside groups and siblings apart', async () => {
    const g = orderGraph();
    const layout = await layoutGraph(g);
    expect(layoutProblems(g, layout)).toEqual([]);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    expect(byId.get('Fan out')?.kind).toBe('group');
    expect(byId.get('Items')?.kind).toBe('group');
    expect(byId.get('A')?.parentId).toBe(branchLaneId('Fan out', 0));
    expect(byId.get('Items')?.parentId).toBe(branchLaneId('Fan out', 1));
    expect(byId.get('D')?.parentId).toBe('Items');
    expect(byId.get(branchLaneId('Fan out', 1))?.kind).toBe('branch');
    expect(byId.get(branchLaneId('Fan out', 1))?.parentId).toBe('Fan out');
    expect(byId.get(startMarker(null, null))?.kind).toBe('start');
    // Top to bottom: Start above Validate above Check.
    expect(byId.get(startMarker(null, null))!.absY).toBeLessThan(byId.get('Validate')!.absY);
    expect(byId.get('Validate')!.absY).toBeLessThan(byId.get('Check')!.absY);
    // Leaf boxes are the size nodeSize promises (renderers rely on it).
    const validate = g.states[0];
    expect({ width: byId.get('Validate')!.width, height: byId.get('Validate')!.height }).toEqual(nodeSize(validate));
    // Labelled edges get a label position.
    const choice = layout.edges.find((x) => x.id === 'e3');
    expect(choice?.labelPos).toBeDefined();
  });

  it('is deterministic', async () => {
    const a = await layoutGraph(orderGraph());
    const b = await layoutGraph(orderGraph());
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('draws a collapsed group as one node without children', async () => {
    const g = orderGraph();
    const layout = await layoutGraph(g, { collapsed: ['Fan out'] });
    const hidden = new Set([
      'A',
      'B',
      'Items',
      'D',
      'E',
      ...g.synthetic.filter((s) => s.parent !== null).map((s) => s.id),
    ]);
    expect(layoutProblems(g, layout, hidden)).toEqual([]);
    const fan = layout.nodes.find((n) => n.id === 'Fan out')!;
    expect(fan.collapsed).toBe(true);
    expect(layout.nodes.some((n) => n.parentId === 'Fan out')).toBe(false);
    for (const id of hidden) expect(layout.nodes.some((n) => n.id === id)).toBe(false);
    expect({ width: fan.width, height: fan.height }).toEqual(nodeSize(g.states[2]));
    // Collapsing an inner group only hides its own content.
    const inner = await layoutGraph(g, { collapsed: new Set(['Items']) });
    expect(inner.nodes.find((n) => n.id === 'Items')?.collapsed).toBe(true);
    expect(inner.nodes.some((n) => n.id === 'D')).toBe(false);
    expect(inner.nodes.some((n) => n.id === 'A')).toBe(true);
  });

  it('lays out left to right on request', async () => {
    const g = orderGraph();
    const layout = await layoutGraph(g, { direction: 'RIGHT' });
    expect(layoutProblems(g, layout)).toEqual([]);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    expect(byId.get('Validate')!.absX).toBeLessThan(byId.get('Check')!.absX);
    // A large machine too (fast mode: segments, channel-routed long edges, the small layered layout).
    const big = generateGraph(500, 5);
    const wide = await layoutGraph(big, { direction: 'RIGHT' });
    expect(layoutProblems(big, wide)).toEqual([]);
    expect(wide.width).toBeGreaterThan(wide.height);
  });

  it('keeps the edge labels of large machines apart and off the states, in both directions', async () => {
    // Fast mode: Choice fan-outs in the small layered layout, Catch edges to shared handlers routed beside scopes.
    for (const [size, seed, direction] of [
      [1000, 7, 'DOWN'],
      [500, 5, 'RIGHT'],
      [300, 11, 'RIGHT'],
    ] as const) {
      const g = generateGraph(size, seed);
      const layout = await layoutGraph(g, { direction });
      expect(layout.edges.filter((e) => e.labelPos).length).toBeGreaterThan(size / 3);
      expect(labelProblems(g, layout), `${size} states, ${direction}`).toEqual([]);
    }
  });

  it('never draws two edges of a large machine on the same line (besides the channel beside a scope)', async () => {
    for (const [size, seed, direction] of [
      [1000, 7, 'DOWN'],
      [500, 5, 'RIGHT'],
    ] as const) {
      const g = generateGraph(size, seed);
      const layout = await layoutGraph(g, { direction });
      const nodes = new Map(layout.nodes.map((n) => [n.id, n]));
      const target = new Map(g.edges.map((e) => [e.id, e.to]));
      // Long edges routed in the channel beside a scope join their target from its right side (top to bottom) or
      // its bottom (left to right), sharing that last stretch by design, like a bus.
      const channel = (id: string) => {
        const le = layout.edges.find((x) => x.id === id)!;
        const b = nodes.get(target.get(id)!)!;
        const last = le.points[le.points.length - 1];
        return direction === 'DOWN'
          ? Math.abs(last.x - (b.absX + b.width)) < 0.5
          : Math.abs(last.y - (b.absY + b.height)) < 0.5;
      };
      expect(layout.edges.filter((e) => !channel(e.id)).length).toBeGreaterThan(size);
      expect(sharedStretchProblems(layout, channel), `${size} states, ${direction}`).toEqual([]);
    }
  });

  it('re-lays out only the scope that changed after a one-state edit', async () => {
    // Scope layouts computed (cache misses), whichever engine draws them: ordinary scopes mostly go to the small
    // layered layout now, so ELK calls no longer count them.
    const engine = createElkEngine();
    const cache = createLayoutCache();
    const g = orderGraph();
    await layoutGraph(g, { engine, cache });
    const first = cache.misses;
    expect(first).toBeGreaterThan(0);
    // Same layout again: everything comes from the cache.
    await layoutGraph(g, { engine, cache });
    expect(cache.misses).toBe(first);
    // A top-level state gets a longer name (a wider box): only the top scope is laid out again.
    const edited = orderGraph();
    edited.states[0] = { ...edited.states[0], name: 'Validate the incoming order against the schema and the stock' };
    await layoutGraph(edited, { engine, cache });
    expect(cache.misses).toBe(first + 1);
    // A state inside the Map processor is renamed (same box size): only that processor is laid out again, since
    // the Map group keeps its size and nothing around it changes.
    const renamed = orderGraph();
    renamed.states[6] = { ...renamed.states[6], id: 'Q', name: 'Q' };
    for (const e of renamed.edges) {
      if (e.from === 'D') e.from = 'Q';
      if (e.to === 'D') e.to = 'Q';
    }
    const before = cache.misses;
    const layout = await layoutGraph(renamed, { engine, cache });
    expect(cache.misses).toBe(before + 1);
    expect(layoutProblems(renamed, layout)).toEqual([]);
    // And the cached pieces compose to exactly what a fresh layout gives.
    const fresh = await layoutGraph(renamed, { engine: createElkEngine(), cache: createLayoutCache() });
    expect(JSON.stringify(layout)).toBe(JSON.stringify(fresh));
  });

  it('warms ELK up without throwing, even when the engine fails', async () => {
    const engine = createElkEngine();
    await warmUpLayout(engine, 2);
    expect(engine.calls).toBe(2);
    let calls = 0;
    const broken = {
      layout: () => {
        calls++;
        throw new Error('no ELK here');
      },
    };
    await expect(warmUpLayout(broken)).resolves.toBeUndefined();
    expect(calls).toBe(1);
    // A failing engine during layout falls back to a plain stack: still every node, still no throw.
    const g = orderGraph();
    const layout = await layoutGraph(g, { engine: broken });
    expect(layoutProblems(g, layout)).toEqual([]);
  });

  it('survives odd graphs', async () => {
    const states: GraphState[] = [
      makeState('Loop', 'Pass'),
      makeState('Self', 'Task'),
      makeState('P1', 'Parallel', { parent: 'P2', branches: 1 }),
      makeState('P2', 'Parallel', { parent: 'P1', branches: 1 }),
      makeState('Orphan', 'Pass', { parent: 'Nowhere', branch: 3 }),
      makeState('Weird branch', 'Pass', { parent: 'P1', branch: Number.NaN }),
      makeState('Empty map', 'Map'),
      makeState('Loop', 'Wait'),
      makeState('<script>alert("x")</script> & 😀', 'Choice'),
    ];
    const synthetic: SyntheticNode[] = [
      { id: `${SYNTHETIC_PREFIX}missing:Ghost`, kind: 'missing', parent: null, branch: null, label: 'Ghost' },
      { id: `${SYNTHETIC_PREFIX}start:Empty map:0`, kind: 'start', parent: 'Empty map', branch: 0, label: 'Start' },
    ];
    const edges: GraphEdge[] = [
      { id: 'a', from: 'Loop', to: 'Self', kind: 'next' },
      { id: 'b', from: 'Self', to: 'Self', kind: 'next' },
      { id: 'c', from: 'Self', to: 'Loop', kind: 'catch' },
      { id: 'd', from: 'Self', to: `${SYNTHETIC_PREFIX}missing:Ghost`, kind: 'missing' },
      { id: 'e', from: 'Self', to: 'Does not exist', kind: 'next' },
      { id: 'f', from: 'Orphan', to: 'Weird branch', kind: 'next' },
      { id: 'a', from: 'Loop', to: 'Loop', kind: 'next' },
    ];
    const g: StateGraph = {
      name: 'odd',
      queryLanguage: 'JSONPath',
      startAt: 'Loop',
      states,
      synthetic,
      edges,
      diagnostics: [],
    };
    const layout = await layoutGraph(g);
    expect(layout.nodes.length).toBeGreaterThanOrEqual(8);
    expect(layout.nodes.filter((n) => n.id === 'Loop')).toHaveLength(1);
    expect(layout.edges.find((e) => e.id === 'b')?.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.edges.some((e) => e.id === 'e')).toBe(false);
    // Cross-scope edge (Orphan sits at top level, Weird branch inside P1) gets a straight line.
    expect(layout.edges.find((e) => e.id === 'f')?.points).toHaveLength(2);
    // Garbage in, still no throw.
    await expect(layoutGraph({} as StateGraph)).resolves.toMatchObject({ nodes: [], edges: [] });
    await expect(
      layoutGraph({ ...g, states: [null as unknown as GraphState], edges: [null as unknown as GraphEdge] }),
    ).resolves.toBeDefined();
    const empty = await layoutGraph({ ...g, states: [], synthetic: [], edges: [] });
    expect(empty.nodes).toEqual([]);
    // States missing fields a well-built graph always has (type, name, retry) still get a box.
    const sloppy = { id: 'x', parent: 42, branch: 'b', retry: null, catch: undefined } as unknown as GraphState;
    const partial = await layoutGraph({ ...g, states: [sloppy], synthetic: [], edges: [] });
    expect(partial.nodes.map((n) => n.id)).toEqual(['x']);
    expect(partial.nodes[0].width).toBeGreaterThan(0);
  });

  it('handles 300 levels of nesting without throwing', async () => {
    const states: GraphState[] = [];
    const synthetic: SyntheticNode[] = [];
    const edges: GraphEdge[] = [];
    let parent: string | null = null;
    for (let d = 0; d < 300; d++) {
      const id = `Level ${d}`;
      states.push(
        makeState(id, d % 2 === 0 ? 'Map' : 'Parallel', {
          parent,
          branch: parent === null ? null : 0,
          depth: d,
          branches: 1,
        }),
      );
      synthetic.push({
        id: startMarker(parent, parent === null ? null : 0),
        kind: 'start',
        parent,
        branch: parent === null ? null : 0,
        label: 'Start',
      });
      edges.push({ id: `s${d}`, from: startMarker(parent, parent === null ? null : 0), to: id, kind: 'start' });
      parent = id;
    }
    states.push(makeState('Deepest', 'Pass', { parent, branch: 0, depth: 300 }));
    edges.push({ id: 'last', from: startMarker(parent, 0), to: 'Deepest', kind: 'start' });
    synthetic.push({ id: startMarker(parent, 0), kind: 'start', parent, branch: 0, label: 'Start' });
    const g: StateGraph = {
      name: 'deep',
      queryLanguage: 'JSONPath',
      startAt: 'Level 0',
      states,
      synthetic,
      edges,
      diagnostics: [],
    };
    const layout = await layoutGraph(g);
    expect(layoutProblems(g, layout)).toEqual([]);
    const deepest = layout.nodes.find((n) => n.id === 'Deepest')!;
    expect(deepest).toBeDefined();
    // Each level adds its padding, so the deepest state sits well inside.
    expect(deepest.absY).toBeGreaterThan(300 * 20);
  });

  it('lays out a generated 1,000-state machine correctly (timing printed, not asserted)', async () => {
    const g = generateGraph(1000);
    // Warm ELK once, as the app's worker does at start.
    await layoutGraph(generateGraph(60, 3));
    const t0 = performance.now();
    const layout = await layoutGraph(g);
    const ours = performance.now() - t0;
    expect(layoutProblems(g, layout)).toEqual([]);
    const t1 = performance.now();
    const baseline = await elkOneShotBaseline(g);
    const oneShot = performance.now() - t1;
    expect(baseline.children?.length).toBeGreaterThan(0);
    const t2 = performance.now();
    const again = await layoutGraph(g);
    const ours2 = performance.now() - t2;
    expect(again.nodes.length).toBe(layout.nodes.length);
    console.log(
      `layout of ${g.states.length} states: per-scope ${ours.toFixed(0)} ms (again ${ours2.toFixed(0)} ms), ` +
        `one-shot compound ELK ${oneShot.toFixed(0)} ms, ratio ${(oneShot / Math.min(ours, ours2)).toFixed(1)}x`,
    );
    // Editing one state with a warm cache.
    const cache = createLayoutCache();
    await layoutGraph(g, { cache });
    const top = g.states.find((s) => s.parent === null && s.type === 'Task')!;
    top.name = `${top.name} (renamed)`;
    const t3 = performance.now();
    const edited = await layoutGraph(g, { cache });
    console.log(`one-state edit with cache: ${(performance.now() - t3).toFixed(0)} ms`);
    expect(layoutProblems(g, edited)).toEqual([]);
  });
});
