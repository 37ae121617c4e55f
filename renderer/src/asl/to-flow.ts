/**
 * Turns a machine's graph and its computed layout into React Flow nodes and edges. Positions are never computed
 * here: they come from `Layout` (relative to the parent node), so the picture matches the SVG export and the CLI.
 */
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import type { EdgeKind, GraphEdge, GraphState, StateGraph, SyntheticNode } from '../../../shared/asl/types.ts';
import type { Layout, LayoutEdge, LayoutNode } from '../../../shared/layout/types.ts';
import type { WindowEdge } from '../../../shared/layout/window.ts';
import type { NavEdge } from './navigation.ts';
import { translate, type Lang, type MessageKey } from '../i18n/index.ts';
import { graphMaps } from './graph-maps.ts';

export interface Problems {
  errors: number;
  warnings: number;
  messages: string[];
}

export type StateNodeData = {
  state: GraphState;
  problems: Problems | null;
  /** For Parallel/Map groups: drawn collapsed (inner states hidden). */
  collapsed: boolean;
};
export type MarkerNodeData = { label: string; scope: string | null };
export type BranchNodeData = { index: number; label: string };

export type StateNodeType =
  | Node<StateNodeData, 'task'>
  | Node<StateNodeData, 'pass'>
  | Node<StateNodeData, 'choice'>
  | Node<StateNodeData, 'wait'>
  | Node<StateNodeData, 'succeed'>
  | Node<StateNodeData, 'fail'>
  | Node<StateNodeData, 'parallel'>
  | Node<StateNodeData, 'map'>;
/** An invisible node a window ties edges to whose ends lie outside it (see use-graph-model.ts). */
export type AnchorNodeType = Node<Record<string, never>, 'anchor'>;
export type FlowNode =
  | StateNodeType
  | AnchorNodeType
  | Node<MarkerNodeData, 'start'>
  | Node<MarkerNodeData, 'end'>
  | Node<MarkerNodeData, 'missing'>
  | Node<BranchNodeData, 'branch'>;

export type FlowEdgeData = {
  kind: EdgeKind;
  /** Absolute polyline from the layout, when it routed this edge. */
  points: { x: number; y: number }[] | null;
  labelPos: { x: number; y: number } | null;
  label: string | null;
  /** The whole label text (Choice rule, caught errors) for the hover tooltip. */
  fullText: string | null;
  /**
   * Several edges into one End marker from the same side end in one arrowhead (see `mergeMarkerArrows`): the
   * `lead` edge draws it, the `follow` edges join the lead's last segment without one of their own.
   */
  arrow?: 'lead' | 'follow';
};
export type FlowEdge = Edge<FlowEdgeData, 'next' | 'choice' | 'default' | 'catch' | 'missing'>;

const TYPE_TO_NODE: Record<GraphState['type'], StateNodeType['type']> = {
  Task: 'task',
  Pass: 'pass',
  Choice: 'choice',
  Wait: 'wait',
  Succeed: 'succeed',
  Fail: 'fail',
  Parallel: 'parallel',
  Map: 'map',
};

/** Counts problems per state name (diagnostics of other machines in the same file are ignored). */
export function problemsByState(diagnostics: readonly Diagnostic[], machine: string): Map<string, Problems> {
  const out = new Map<string, Problems>();
  for (const d of diagnostics) {
    if (!d.state || (d.machine && d.machine !== machine)) continue;
    let p = out.get(d.state);
    if (!p) out.set(d.state, (p = { errors: 0, warnings: 0, messages: [] }));
    if (d.severity === 'error') p.errors++;
    else if (d.severity === 'warning') p.warnings++;
    if (p.messages.length < 8) p.messages.push(d.message);
  }
  return out;
}

function edgeType(kind: EdgeKind): FlowEdge['type'] {
  switch (kind) {
    case 'choice':
    case 'default':
    case 'catch':
    case 'missing':
      return kind;
    default:
      return 'next';
  }
}

/** Transitions read without their kind (the plain arrows); the others say theirs ("catch edge from …"). */
function plainEdge(kind: EdgeKind): boolean {
  return kind === 'next' || kind === 'start' || kind === 'end';
}

function catchText(state: GraphState | undefined, target: string): string | null {
  if (!state) return null;
  const errors = state.catch.filter((c) => c.next === target).flatMap((c) => c.errorEquals);
  return errors.length ? errors.join(', ') : null;
}

/** Side length of the (invisible) connection handles drawn by every node component but the branch lane. */
const HANDLE_SIZE = 4;
const NO_HANDLES: NodeHandle[] = [];

/**
 * Where the node components put their handles: target at the top centre, source at the bottom centre. Given up
 * front, React Flow need not render every node once to measure them, so with only visible elements rendered a
 * large machine opens with just the nodes on screen in the DOM.
 */
export function handlesFor(width: number, height: number): NodeHandle[] {
  const x = width / 2 - HANDLE_SIZE / 2;
  return [
    { type: 'target', position: Position.Top, x, y: -HANDLE_SIZE / 2, width: HANDLE_SIZE, height: HANDLE_SIZE },
    {
      type: 'source',
      position: Position.Bottom,
      x,
      y: height - HANDLE_SIZE / 2,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    },
  ];
}

/** What every node of one size shares: React Flow only reads a node's handles, measured size and style. */
interface SizeParts {
  handles: NodeHandle[];
  measured: { width: number; height: number };
  style: { width: number; height: number };
}

/**
 * A message template split once at its `{name}` placeholders, then filled per node: the same text `translate`
 * gives, without a regular-expression replace for each of a large machine's tens of thousands of nodes and edges.
 */
function templateOf(text: string): (vars: Record<string, string | number>) => string {
  const parts = text.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => text;
  return (vars) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const k = parts[i]!;
      out += (k in vars ? String(vars[k]) : `{${k}}`) + parts[i + 1]!;
    }
    return out;
  };
}

/** The React Flow items of one drawing, built all at once (small machines, the tests). */
export interface FlowItems {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Absolute centre of every drawn node, for keyboard moves and centring. */
  centres: Map<string, { x: number; y: number }>;
}

/**
 * The React Flow items of one drawing, each built on first use: a machine of thousands of states has only the
 * part on screen built (see use-flow-window.ts), while what needs the whole drawing (centres for keyboard moves and
 * find, the selectable ids, the edge ends) is at hand without building every node.
 */
export interface FlowModel {
  /** One per layout node, in the layout's order (parents first). */
  nodeCount: number;
  edgeCount: number;
  /** The node for layout node `i`; null when nothing is drawn for it. */
  node: (i: number) => FlowNode | null;
  /** Edge `j` of the drawn edges (those whose both ends are drawn), in the graph's order. */
  edge: (j: number) => FlowEdge;
  /** Absolute centre of every drawn node, for keyboard moves and centring; built on first read. */
  readonly centres: Map<string, { x: number; y: number }>;
  /** Absolute centre of one drawn node (the opening view's Start marker), without building `centres`. */
  centreOf: (id: string) => { x: number; y: number } | undefined;
  /** How many React Flow nodes and edges have been built so far, and whether `centres` has (for the perf guards). */
  built: () => { nodes: number; edges: number; centres: boolean };
  /** Each drawn node's index in the layout's list, by id. */
  indexOf: ReadonlyMap<string, number>;
  /** The nodes the keyboard and a click can select: states and missing targets, not lanes or Start/End markers. */
  selectable: Set<string>;
  /** How many groups and lanes a node is nested in (0 at the top level). */
  depth: (id: string) => number;
  /** The top-level Start marker, where the opening view looks. */
  startId: string | null;
  /** Each drawn edge's ends and route (for the windowing), built on first call. */
  edgeEnds: () => WindowEdge[];
  /** Each drawn edge's ends (for keyboard moves), built on first call. */
  navEdges: () => NavEdge[];
}

/** Every node and edge of `model`. */
export function allItems(model: FlowModel): FlowItems {
  const nodes: FlowNode[] = [];
  for (let i = 0; i < model.nodeCount; i++) {
    const n = model.node(i);
    if (n) nodes.push(n);
  }
  const edges: FlowEdge[] = [];
  for (let j = 0; j < model.edgeCount; j++) edges.push(model.edge(j));
  return { nodes, edges, centres: model.centres };
}

/** Builds the React Flow model for one machine drawn with the given layout, all at once. */
export function toFlow(
  graph: StateGraph,
  layout: Layout,
  diagnostics: readonly Diagnostic[],
  lang: Lang = 'en',
): FlowItems {
  return allItems(flowModel(graph, layout, diagnostics, lang));
}

/** A translator that fills each message's template, split once (see `templateOf`). */
function translator(lang: Lang) {
  const templates = new Map<MessageKey, (vars: Record<string, string | number>) => string>();
  return (key: MessageKey, vars: Record<string, string | number> = {}) => {
    let fill = templates.get(key);
    if (!fill) templates.set(key, (fill = templateOf(translate(lang, key))));
    return fill(vars);
  };
}

/** Branch numbering restarts per Parallel state: the index of each lane among its parent's lanes. */
function laneIndices(layout: Layout, states: ReadonlyMap<string, GraphState>): Map<string, number> {
  const out = new Map<string, number>();
  const count = new Map<string, number>();
  for (const ln of layout.nodes) {
    if (ln.kind !== 'branch' || !ln.parentId || states.get(ln.parentId)?.type !== 'Parallel') continue;
    const i = count.get(ln.parentId) ?? 0;
    count.set(ln.parentId, i + 1);
    out.set(ln.id, i);
  }
  return out;
}

/** Makes each drawn edge's React Flow edge: its kind, route, label and the text read out for it. */
function edgeBuilder(
  states: ReadonlyMap<string, GraphState>,
  synthetic: ReadonlyMap<string, SyntheticNode>,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): (ge: GraphEdge, route: LayoutEdge | undefined) => FlowEdge {
  const nameOf = (id: string) => states.get(id)?.name ?? synthetic.get(id)?.label ?? id;
  return (ge: GraphEdge, route: LayoutEdge | undefined): FlowEdge => {
    const from = states.get(ge.from);
    let label: string | null = ge.label ?? null;
    let fullText: string | null = ge.fullLabel ?? ge.label ?? null;
    if (ge.kind === 'catch' && !label) label = fullText = catchText(from, ge.to);
    if (ge.kind === 'default' && !label) label = fullText = 'Default';
    return {
      id: ge.id,
      source: ge.from,
      target: ge.to,
      ariaLabel: t(plainEdge(ge.kind) ? 'aria.edge' : 'aria.edgeKind', {
        kind: ge.kind,
        from: nameOf(ge.from),
        to: nameOf(ge.to),
      }).concat(label ? `: ${label}` : ''),
      type: edgeType(ge.kind),
      focusable: false,
      selectable: false,
      data: {
        kind: ge.kind,
        points: route && route.points.length >= 2 ? route.points : null,
        labelPos: route?.labelPos ?? null,
        label,
        fullText,
      },
    };
  };
}

/** Builds the React Flow model for one machine drawn with the given layout; items are built when first asked. */
export function flowModel(
  graph: StateGraph,
  layout: Layout,
  diagnostics: readonly Diagnostic[],
  lang: Lang = 'en',
): FlowModel {
  const t = translator(lang);
  const { states, synthetic } = graphMaps(graph);
  const problems = problemsByState([...diagnostics, ...graph.diagnostics], graph.name);
  const indexOf = new Map<string, number>();
  const lanes = laneIndices(layout, states);
  const selectable = new Set<string>();
  let startId: string | null = null;
  for (let i = 0; i < layout.nodes.length; i++) {
    const ln = layout.nodes[i]!;
    indexOf.set(ln.id, i);
    if (ln.kind !== 'branch' && ln.kind !== 'start' && ln.kind !== 'end') selectable.add(ln.id);
    if (ln.kind === 'start' && !ln.parentId && startId === null) startId = ln.id;
  }
  const sizes = new Map<string, SizeParts>();
  const partsOf = (width: number, height: number, branch: boolean): SizeParts => {
    const key = `${branch ? 'b' : 'n'}${width}x${height}`;
    let parts = sizes.get(key);
    if (!parts) {
      parts = {
        handles: branch ? NO_HANDLES : handlesFor(width, height),
        measured: { width, height },
        style: { width, height },
      };
      sizes.set(key, parts);
    }
    return parts;
  };

  const centreAt = (ln: LayoutNode) => ({ x: ln.absX + ln.width / 2, y: ln.absY + ln.height / 2 });
  let centres: Map<string, { x: number; y: number }> | null = null;
  const allCentres = () => {
    const out = new Map<string, { x: number; y: number }>();
    for (const ln of layout.nodes) out.set(ln.id, centreAt(ln));
    return out;
  };
  let nodesBuilt = 0;

  const buildNode = (ln: LayoutNode): FlowNode | null => {
    nodesBuilt++;
    const parts = partsOf(ln.width, ln.height, ln.kind === 'branch');
    // Built as one object per node, then given its kind's fields (no spread copies: a large machine has tens of
    // thousands of nodes).
    const node: Record<string, unknown> = {
      id: ln.id,
      position: { x: ln.x, y: ln.y },
      width: ln.width,
      height: ln.height,
      // The size is known from the layout. Given as `measured` too, so React Flow counts a node as measured even
      // when a selection or a badge replaces its object (its ResizeObserver does not fire again for an unchanged
      // box, and a fitView waits until every node is measured: without this, Fit View stopped after a click).
      measured: parts.measured,
      style: parts.style,
      handles: parts.handles,
      draggable: false,
      connectable: false,
    };
    if (ln.parentId && indexOf.has(ln.parentId)) {
      node.parentId = ln.parentId;
      node.extent = 'parent';
    }
    const state = states.get(ln.id);
    if (state && (ln.kind === 'state' || ln.kind === 'group')) {
      node.type = TYPE_TO_NODE[state.type];
      node.ariaLabel = t(ln.collapsed ? 'aria.stateCollapsed' : 'aria.state', { type: state.type, name: state.name });
      node.data = { state, problems: problems.get(state.id) ?? null, collapsed: !!ln.collapsed };
      if (ln.kind === 'group' && !ln.collapsed) node.zIndex = 0;
      return node as StateNodeType;
    }
    if (ln.kind === 'branch') {
      const parent = ln.parentId ? states.get(ln.parentId) : undefined;
      const lane = lanes.get(ln.id);
      node.type = 'branch';
      node.selectable = false;
      node.focusable = false;
      node.data =
        lane !== undefined
          ? { index: lane, label: `Branch ${lane + 1}` }
          : { index: 0, label: parent?.type === 'Parallel' ? 'Branch 1' : 'Item processor' };
      return node as FlowNode;
    }
    if (ln.kind === 'start' || ln.kind === 'end' || ln.kind === 'missing') {
      const syn = synthetic.get(ln.id);
      node.type = ln.kind;
      node.ariaLabel =
        ln.kind === 'missing'
          ? t('aria.missing', { name: syn?.label ?? '' })
          : t(ln.kind === 'start' ? 'node.start' : 'node.end');
      node.selectable = ln.kind === 'missing';
      node.focusable = false;
      node.data = {
        label: syn?.label ?? (ln.kind === 'start' ? 'Start' : ln.kind === 'end' ? 'End' : 'missing'),
        scope: syn?.parent ?? null,
      };
      return node as FlowNode;
    }
    return null;
  };

  const nodeCache: (FlowNode | null | undefined)[] = new Array<FlowNode | null | undefined>(layout.nodes.length);
  const edges = edgeItems(graph, layout, indexOf, edgeBuilder(states, synthetic, t));

  return {
    nodeCount: layout.nodes.length,
    edgeCount: edges.count,
    node: (i) => {
      let n = nodeCache[i];
      if (n === undefined) nodeCache[i] = n = layout.nodes[i] ? buildNode(layout.nodes[i]) : null;
      return n;
    },
    edge: edges.edge,
    get centres() {
      return (centres ??= allCentres());
    },
    centreOf: (id) => {
      const i = indexOf.get(id);
      return i === undefined ? undefined : (centres?.get(id) ?? centreAt(layout.nodes[i]!));
    },
    built: () => ({ nodes: nodesBuilt, edges: edges.built(), centres: centres !== null }),
    indexOf,
    selectable,
    depth: (id) => {
      let d = 0;
      const parentOf = (of: string) => layout.nodes[indexOf.get(of) ?? -1]?.parentId;
      for (let p = parentOf(id); p !== undefined && d < indexOf.size; p = parentOf(p)) d++;
      return d;
    },
    startId,
    edgeEnds: edges.ends,
    navEdges: edges.nav,
  };
}

/**
 * The route of each of `edges` (undefined: the layout did not route it). The layout lists its routes in the graph's
 * order (layoutGraph sorts them so), so the two lists are walked together; a map of routes by id is made only if
 * they fall out of step (an edge without a route), instead of for every drawing (30,000 entries for 20,000 states).
 */
function routesInOrder(edges: readonly GraphEdge[], routes: readonly LayoutEdge[]): (LayoutEdge | undefined)[] {
  const out = new Array<LayoutEdge | undefined>(edges.length);
  let next = 0;
  let byId: Map<string, LayoutEdge> | null = null;
  for (let j = 0; j < edges.length; j++) {
    const id = edges[j]!.id;
    if (!byId && routes[next]?.id === id) {
      out[j] = routes[next++];
      continue;
    }
    if (!byId) {
      byId = new Map<string, LayoutEdge>();
      for (const e of routes) byId.set(e.id, e);
    }
    out[j] = byId.get(id);
  }
  return out;
}

/**
 * The drawn edges of a drawing (those whose ends are both in the layout: edges hidden inside a collapsed group are
 * left out, as the layout leaves them out), each built when first asked for.
 */
function edgeItems(
  graph: StateGraph,
  layout: Layout,
  indexOf: ReadonlyMap<string, number>,
  build: (ge: GraphEdge, route: LayoutEdge | undefined) => FlowEdge,
) {
  const drawnEdges = (graph.edges as GraphEdge[]).filter((ge) => indexOf.has(ge.from) && indexOf.has(ge.to));
  const routes = routesInOrder(drawnEdges, layout.edges);
  let built = 0;
  const buildEdge = (ge: GraphEdge, j: number) => {
    built++;
    return build(ge, routes[j]);
  };
  const edgeCache: (FlowEdge | undefined)[] = new Array<FlowEdge | undefined>(drawnEdges.length);
  // The edges into each End marker are built together, when the first of them is asked for: where several meet,
  // they share one arrowhead (a machine of 20,000 states has about 1,800 End markers, off screen but for a few).
  const intoEnd = new Map<string, number[]>();
  for (let j = 0; j < drawnEdges.length; j++) {
    const to = drawnEdges[j]!.to;
    if (layout.nodes[indexOf.get(to)!]!.kind !== 'end') continue;
    const group = intoEnd.get(to);
    if (group) group.push(j);
    else intoEnd.set(to, [j]);
  }
  const buildInto = (marker: string, group: readonly number[]) => {
    const merged = mergeMarkerArrows(
      group.map((j) => buildEdge(drawnEdges[j]!, j)),
      [layout.nodes[indexOf.get(marker)!]!],
    );
    group.forEach((j, k) => (edgeCache[j] = merged[k]));
    intoEnd.delete(marker);
  };
  let ends: WindowEdge[] | null = null;
  let nav: NavEdge[] | null = null;
  return {
    count: drawnEdges.length,
    built: () => built,
    edge: (j: number): FlowEdge => {
      const cached = edgeCache[j];
      if (cached) return cached;
      const ge = drawnEdges[j]!;
      const group = intoEnd.get(ge.to);
      if (!group) return (edgeCache[j] = buildEdge(ge, j));
      buildInto(ge.to, group);
      return edgeCache[j]!;
    },
    ends: () =>
      (ends ??= drawnEdges.map((ge, j) => {
        const route = routes[j];
        return { from: ge.from, to: ge.to, points: route && route.points.length >= 2 ? route.points : null };
      })),
    nav: () => (nav ??= drawnEdges.map((ge) => ({ source: ge.from, target: ge.to }))),
  };
}

/** How far before an End marker the edges into it meet, so their last stretch (and arrowhead) is shared. */
export const MERGE_DISTANCE = 10;

type Side = 'top' | 'bottom' | 'left' | 'right';

/** The side of `box` that `p` lies on (the nearest one). */
function sideOf(box: LayoutNode, p: { x: number; y: number }): Side {
  const d: [Side, number][] = [
    ['top', Math.abs(p.y - box.absY)],
    ['bottom', Math.abs(p.y - (box.absY + box.height))],
    ['left', Math.abs(p.x - box.absX)],
    ['right', Math.abs(p.x - (box.absX + box.width))],
  ];
  return d.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
}

/** The middle of a side of `box`, and the point `MERGE_DISTANCE` outside it. */
function meeting(box: LayoutNode, side: Side): { at: { x: number; y: number }; joint: { x: number; y: number } } {
  const cx = box.absX + box.width / 2;
  const cy = box.absY + box.height / 2;
  switch (side) {
    case 'top':
      return { at: { x: cx, y: box.absY }, joint: { x: cx, y: box.absY - MERGE_DISTANCE } };
    case 'bottom':
      return { at: { x: cx, y: box.absY + box.height }, joint: { x: cx, y: box.absY + box.height + MERGE_DISTANCE } };
    case 'left':
      return { at: { x: box.absX, y: cy }, joint: { x: box.absX - MERGE_DISTANCE, y: cy } };
    case 'right':
      return { at: { x: box.absX + box.width, y: cy }, joint: { x: box.absX + box.width + MERGE_DISTANCE, y: cy } };
  }
}

/** True when `p` lies between the joint and the marker (a point the merged path replaces). */
function pastJoint(p: { x: number; y: number }, side: Side, joint: { x: number; y: number }): boolean {
  if (side === 'top') return p.y > joint.y;
  if (side === 'bottom') return p.y < joint.y;
  if (side === 'left') return p.x > joint.x;
  return p.x < joint.x;
}

/**
 * Arrowheads into End markers, one per side instead of a pile: the layout ends each edge into a small End marker
 * a few pixels from the next, so their arrowheads (wider than the gap) overlapped into a blot. Edges that reach
 * the same side of the same End marker now meet just outside it and share the last stretch; only the first of
 * them draws the arrowhead. Edges the layout did not route end at the marker's one handle already, and are
 * marked the same way so only one arrowhead is drawn there too.
 */
export function mergeMarkerArrows(edges: FlowEdge[], layoutNodes: readonly LayoutNode[]): FlowEdge[] {
  const markers = new Map(layoutNodes.filter((n) => n.kind === 'end').map((n) => [n.id, n]));
  const groups = new Map<string, number[]>();
  edges.forEach((e, i) => {
    const box = markers.get(e.target);
    if (!box || !e.data) return;
    const last = e.data.points?.[e.data.points.length - 1];
    const key = `${e.target}\u0000${last ? sideOf(box, last) : 'handle'}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const out = edges.slice();
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    const side = key.split('\u0000')[1] as Side | 'handle';
    members.forEach((i, k) => {
      const e = out[i]!;
      const data = { ...e.data!, arrow: k === 0 ? ('lead' as const) : ('follow' as const) };
      if (side !== 'handle' && data.points) {
        const { at, joint } = meeting(markers.get(e.target)!, side);
        const kept = data.points.slice(0, -1);
        while (kept.length > 1 && pastJoint(kept[kept.length - 1]!, side, joint)) kept.pop();
        data.points = [...kept, joint, at];
      }
      out[i] = { ...e, data };
    });
  }
  return out;
}
