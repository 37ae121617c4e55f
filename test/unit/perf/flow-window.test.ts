/**
 * What React Flow is handed for a machine of 20,000 states, counted rather than timed (issue: 20,000 states on screen
 * ≤ 2× Node's load + graph + layout). React Flow's store does work for every node and edge it is given, drawn or
 * not; the window (renderer/src/asl/use-flow-window.ts) hands it the part around the screen. Counted at the opening
 * view and at the far end of the machine, where the catch edges of every Task meet the error handler: tied to
 * anchors, their far ends stay out of React Flow.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAsl } from '../../../bench/gen-asl.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import type { StateGraph } from '../../../shared/asl/types.ts';
import { layoutGraph } from '../../../shared/layout/layout.ts';
import type { Layout } from '../../../shared/layout/types.ts';
import { deferredIndex, indexLayout, nextWindow, viewRect, type LayoutIndex } from '../../../shared/layout/window.ts';
import { flowModel, type FlowModel } from '../../../renderer/src/asl/to-flow.ts';
import { WINDOW_MIN_NODES, isWindowed, windowAt } from '../../../renderer/src/asl/use-flow-window.ts';
import { READABLE_ZOOM, openingView } from '../../../renderer/src/asl/viewport.ts';

/** The canvas of a 1280 × 800 window with the toolbar and status bar. */
const SCREEN = { width: 1280, height: 680 };
/** Nodes React Flow may hold at a time: a screen of states with its margin, not the machine. */
const MAX_NODES = 300;

let graph: StateGraph;
let layout: Layout;
let model: FlowModel;
let index: LayoutIndex;

beforeAll(async () => {
  const doc = await loadDocument('big.asl.json', JSON.stringify(generateAsl(20_000)));
  graph = buildGraph(doc.machines[0]!);
  layout = await layoutGraph(graph);
  model = flowModel(graph, layout, []);
  index = indexLayout(layout.nodes, model.edgeEnds(), undefined, model.indexOf);
}, 240_000);

function windowAround(view: { x: number; y: number; zoom: number }) {
  return windowAt(index, nextWindow(null, viewRect(view, SCREEN))!);
}

describe('20,000 states: what React Flow holds', () => {
  it('the machine is windowed', () => {
    expect(model.nodeCount).toBeGreaterThan(24_000);
    expect(model.edgeCount).toBeGreaterThan(30_000);
    expect(isWindowed(model)).toBe(true);
    expect(WINDOW_MIN_NODES).toBeLessThan(model.nodeCount);
  });

  it(`at the opening view: fewer than ${MAX_NODES} nodes`, () => {
    const start = model.startId === null ? null : model.centres.get(model.startId)!;
    const w = windowAround(openingView(layout, start, SCREEN));
    expect(w.nodes.length).toBeGreaterThan(3);
    expect(w.nodes.length + 2).toBeLessThan(MAX_NODES);
    expect(w.edges.length).toBeLessThan(MAX_NODES * 2);
  });

  it(`at the error handler every catch edge runs into: fewer than ${MAX_NODES} nodes`, () => {
    const handler = model.centres.get('Handle Error 00001')!;
    const into = model.edgeEnds().filter((e) => e.to === 'Handle Error 00001').length;
    // Thousands of edges end there; their sources stay out of React Flow.
    expect(into).toBeGreaterThan(3000);
    const zoom = READABLE_ZOOM;
    const w = windowAround({ x: SCREEN.width / 2 - handler.x * zoom, y: SCREEN.height / 2 - handler.y * zoom, zoom });
    expect(w.edges.length).toBeGreaterThan(3000);
    expect(w.nodes.length + 2).toBeLessThan(MAX_NODES);
  });
});

describe('20,000 states: what the page builds for the opening view', () => {
  it('the React Flow nodes and edges of the first window only, and no table of every centre', () => {
    const fresh = flowModel(graph, layout, []);
    expect(fresh.built()).toEqual({ nodes: 0, edges: 0, centres: false });
    const start = fresh.startId === null ? null : fresh.centreOf(fresh.startId)!;
    expect(start).toEqual(model.centres.get(fresh.startId!));
    const w = windowAround(openingView(layout, start, SCREEN));
    for (const i of w.nodes) fresh.node(i);
    for (const j of w.edges) fresh.edge(j);
    const built = fresh.built();
    expect(built.nodes).toBe(w.nodes.length);
    // Edges into an End marker are built with the others into the same marker (they share one arrowhead): a few
    // more than the window's, not the 1,800 markers' worth of the whole machine.
    expect(built.edges).toBeGreaterThanOrEqual(w.edges.length);
    expect(built.edges).toBeLessThan(w.edges.length + 20);
    expect(built.centres).toBe(false);
    // The first window comes from a scan: no grid is built before it is on screen, and it is the grid's window.
    const deferred = deferredIndex(layout.nodes, fresh.edgeEnds, fresh.indexOf);
    expect(windowAt(deferred, w.rect)).toEqual(w);
    expect(deferred.built).toBe(false);
    // Built on first use, the same as ever.
    expect(fresh.edge(w.edges[0]!)).toBe(fresh.edge(w.edges[0]!));
    expect(fresh.centres.size).toBe(model.centres.size);
    expect(fresh.built().centres).toBe(true);
  });
});
