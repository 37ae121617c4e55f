/**
 * A layout result as the document worker posts it to the page. The page's structured-clone read builds every
 * object of a message one by one, which is most of what a big open costs the page's main thread: for a 20,000-state
 * machine, cloning the result took 539 ms in Chromium, 167 ms of it the positions and 80 ms the states' raw
 * definitions. So the positions travel as typed arrays (a copy of bytes) and are rebuilt as objects on the page
 * (5 ms to pack, 16 ms to clone, 7 ms to rebuild), and each state's raw definition travels as its JSON text, parsed
 * on the page only when something reads it (the details panel, the notes of that state). A graph the worker has to
 * lay out crosses ahead of its positions, in a message of its own (`packGraph`), so the page reads it while the
 * worker lays it out. What the page gets is a `LayoutResult` like any other: only the way it crosses changes.
 */
import type { GraphState, StateGraph } from '../../../shared/asl/types.ts';
import type { Layout, LayoutEdge, LayoutNode, LayoutNodeKind } from '../../../shared/layout/types.ts';
import type { LayoutResult } from './document-messages.ts';

/** Per node: x, y, absX, absY, width, height. */
const NODE_NUMBERS = 6;

export interface PackedLayout {
  width: number;
  height: number;
  nodeIds: string[];
  nodeKinds: LayoutNodeKind[];
  /** '' for a node at the top level. */
  nodeParents: string[];
  nodeNumbers: Float64Array;
  /** Indices of the nodes drawn collapsed. */
  collapsedNodes: Uint32Array;
  edgeIds: string[];
  /** Edge i's points are pointXY[2 * pointStart[i] ...] up to pointStart[i + 1]. */
  pointStart: Uint32Array;
  pointXY: Float64Array;
  /** x, y per edge; NaN when the edge has no label. */
  labelXY: Float64Array;
}

/** The graph with each state's `raw` left out: `rawJson[i]` is state i's, as JSON text. */
export type PackedGraph = Omit<StateGraph, 'states'> & { states: Omit<GraphState, 'raw'>[]; rawJson: string[] };

export interface PackedLayoutResult extends Omit<LayoutResult, 'graph' | 'layout'> {
  /** `'posted'`: the graph went ahead in a message of its own (see `packGraph`). */
  graph: PackedGraph | null | 'posted';
  layout: PackedLayout | null;
}

function packLayout(layout: Layout): PackedLayout {
  const { nodes, edges } = layout;
  const nodeNumbers = new Float64Array(nodes.length * NODE_NUMBERS);
  const collapsed: number[] = [];
  nodes.forEach((n, i) => {
    nodeNumbers.set([n.x, n.y, n.absX, n.absY, n.width, n.height], i * NODE_NUMBERS);
    if (n.collapsed) collapsed.push(i);
  });
  let points = 0;
  for (const e of edges) points += e.points.length;
  const pointStart = new Uint32Array(edges.length + 1);
  const pointXY = new Float64Array(points * 2);
  const labelXY = new Float64Array(edges.length * 2).fill(Number.NaN);
  let at = 0;
  edges.forEach((e, i) => {
    pointStart[i] = at;
    for (const p of e.points) {
      pointXY[at * 2] = p.x;
      pointXY[at * 2 + 1] = p.y;
      at++;
    }
    if (e.labelPos) labelXY.set([e.labelPos.x, e.labelPos.y], i * 2);
  });
  pointStart[edges.length] = at;
  return {
    width: layout.width,
    height: layout.height,
    nodeIds: nodes.map((n) => n.id),
    nodeKinds: nodes.map((n) => n.kind),
    nodeParents: nodes.map((n) => n.parentId ?? ''),
    nodeNumbers,
    collapsedNodes: Uint32Array.from(collapsed),
    edgeIds: edges.map((e) => e.id),
    pointStart,
    pointXY,
    labelXY,
  };
}

function unpackLayout(p: PackedLayout): Layout {
  const collapsed = new Set(p.collapsedNodes);
  const v = p.nodeNumbers;
  const nodes = p.nodeIds.map((id, i): LayoutNode => {
    const o = i * NODE_NUMBERS;
    const node: LayoutNode = {
      id,
      kind: p.nodeKinds[i]!,
      x: v[o]!,
      y: v[o + 1]!,
      absX: v[o + 2]!,
      absY: v[o + 3]!,
      width: v[o + 4]!,
      height: v[o + 5]!,
    };
    if (p.nodeParents[i]) node.parentId = p.nodeParents[i];
    if (collapsed.has(i)) node.collapsed = true;
    return node;
  });
  const xy = p.pointXY;
  const edges = p.edgeIds.map((id, i): LayoutEdge => {
    const points: { x: number; y: number }[] = [];
    for (let k = p.pointStart[i]!; k < p.pointStart[i + 1]!; k++) points.push({ x: xy[k * 2]!, y: xy[k * 2 + 1]! });
    const lx = p.labelXY[i * 2]!;
    return Number.isNaN(lx) ? { id, points } : { id, points, labelPos: { x: lx, y: p.labelXY[i * 2 + 1]! } };
  });
  return { nodes, edges, width: p.width, height: p.height };
}

/**
 * The worker's side: a graph as it is posted. The worker posts a graph it has to lay out ahead of its layout, so
 * the page reads it (building its objects one by one is most of what reading the reply costs) while the worker
 * lays it out, and the layout's reply carries positions only.
 */
export function packGraph(graph: StateGraph): PackedGraph {
  return {
    ...graph,
    states: graph.states.map(({ raw: _raw, ...state }) => state),
    rawJson: graph.states.map((s) => JSON.stringify(s.raw) ?? 'null'),
  };
}

/** The worker's side: a layout result as it is posted; `graphPosted` when its graph went ahead (`packGraph`). */
export function packLayoutResult(result: LayoutResult, graphPosted = false): PackedLayoutResult {
  const { graph, layout, ...rest } = result;
  return {
    ...rest,
    graph: graph && (graphPosted ? 'posted' : packGraph(graph)),
    layout: layout && packLayout(layout),
  };
}

/** The page's side: the graph again, each state's `raw` parsed from its text when first read. */
export function unpackGraph(packed: PackedGraph): StateGraph {
  const { rawJson, states: packedStates, ...graphRest } = packed;
  const states = packedStates.map((state, i) => {
    let raw: Record<string, unknown> | undefined;
    return Object.defineProperty(state, 'raw', {
      enumerable: true,
      configurable: true,
      get: () => (raw ??= JSON.parse(rawJson[i]!) as Record<string, unknown>),
      set: (value: Record<string, unknown>) => void (raw = value),
    }) as GraphState;
  });
  return { ...graphRest, states };
}

/**
 * The page's side: the layout result again. `posted` is the graph that went ahead of it (already unpacked), for a
 * reply whose graph is `'posted'`.
 */
export function unpackLayoutResult(packed: PackedLayoutResult, posted?: StateGraph): LayoutResult {
  const { graph, layout, ...rest } = packed;
  let unpacked: StateGraph | null = null;
  if (graph === 'posted') {
    if (!posted) throw new Error('The drawing came without its graph.');
    unpacked = posted;
  } else if (graph) unpacked = unpackGraph(graph);
  return { ...rest, graph: unpacked, layout: layout && unpackLayout(layout) };
}
