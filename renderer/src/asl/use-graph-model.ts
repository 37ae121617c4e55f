/**
 * What the graph view draws for the current layout: the React Flow model, every producer's diagnostics merged
 * (on the exact value's range), the problem badges per state, the path highlight, and (`useDrawnItems`) the nodes
 * and edges handed to React Flow, all of them or the window on screen, with the selection and the highlight applied.
 */
import { useContext, useMemo } from 'react';
import { LangContext } from '../i18n/index.ts';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { SYNTHETIC_PREFIX, type GraphState, type StateGraph } from '../../../shared/asl/types.ts';
import { clipRoute } from '../../../shared/layout/window.ts';
import type { DocumentSummary, LayoutResult } from '../workers/document-messages.ts';
import { refineRanges } from '../editor/diagnostic-range.ts';
import type { PathHighlight } from '../editor/paths.ts';
import { applyHighlight, type PathMode } from '../editor/highlight-model.ts';
import {
  allItems,
  handlesFor,
  type AnchorNodeType,
  flowModel,
  problemsByState,
  type FlowEdge,
  type FlowModel,
  type FlowNode,
  type Problems,
} from './to-flow.ts';
import { polylineMidpoint } from './edges.tsx';
import type { FlowWindow } from './use-flow-window.ts';
import { graphMaps } from './graph-maps.ts';
import { decorateEdges, decorateNodes, mergeDiagnostics, withArrowhead, withArrowheads } from './view-model.ts';

export interface GraphModel {
  graph: StateGraph | null;
  model: FlowModel | null;
  allDiagnostics: Diagnostic[];
  problems: Map<string, Problems>;
  /** The path highlight of the selected state, if one is asked for. */
  lit: PathHighlight | null;
  selectable: ReadonlySet<string>;
  stateById: ReadonlyMap<string, GraphState>;
}

const NOTHING: ReadonlySet<string> = new Set();
const NO_STATES: ReadonlyMap<string, GraphState> = new Map();

export function useGraphModel(
  summary: DocumentSummary | null,
  machine: number,
  result: LayoutResult | null,
  edit: { text: string; hostDiagnostics: Diagnostic[] },
  selected: string | null,
  pathMode: PathMode,
): GraphModel {
  const graph = result?.graph ?? null;
  const { text, hostDiagnostics } = edit;
  const allDiagnostics = useMemo(() => {
    const unique = mergeDiagnostics([
      summary?.diagnostics ?? [],
      result?.diagnostics ?? [],
      graph?.diagnostics ?? [],
      hostDiagnostics,
    ]);
    // On the exact value (a bad Next is marked on its name, not on the state's brace), repeats folded.
    const current = summary?.machines[machine];
    return refineRanges(text, current?.definitionFile ? undefined : current?.stateSpans, unique);
  }, [summary, result, graph, hostDiagnostics, text, machine]);

  // The model depends on the graph and its layout only: when the host's validation arrives (or changes while
  // typing) just the nodes whose problem badges change are replaced, not every node of a large machine.
  const lang = useContext(LangContext);
  const model = useMemo(
    () => (graph && result?.layout ? flowModel(graph, result.layout, [], lang) : null),
    [graph, result, lang],
  );
  const lit = useMemo(() => applyHighlight(graph, pathMode, selected), [graph, pathMode, selected]);
  const problems = useMemo(
    () => (graph ? problemsByState(allDiagnostics, graph.name) : new Map<string, Problems>()),
    [allDiagnostics, graph],
  );
  const stateById = useMemo(() => (graph ? graphMaps(graph).states : NO_STATES), [graph]);
  return { graph, model, allDiagnostics, problems, lit, selectable: model?.selectable ?? NOTHING, stateById };
}

/**
 * The nodes and edges given to React Flow: every one (`visible` null), or those of the window on screen. Items keep
 * their objects from one window to the next (React Flow then redoes only the ones it has not seen), and a selection
 * or a highlight replaces only the items whose look changes.
 */
export function useDrawnItems(
  model: FlowModel | null,
  visible: FlowWindow | null,
  selected: string | null,
  lit: PathHighlight | null,
  problems: ReadonlyMap<string, Problems>,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  // Edges with their arrow heads, made once per edge and drawing.
  const arrowed = useMemo(() => (model ? new Array<FlowEdge | undefined>(model.edgeCount) : []), [model]);
  const base = useMemo(() => {
    if (!model) return { nodes: [] as FlowNode[], edges: [] as FlowEdge[] };
    if (!visible) {
      const all = allItems(model);
      return { nodes: all.nodes, edges: withArrowheads(all.edges) };
    }
    const nodes: FlowNode[] = [];
    for (const i of visible.nodes) {
      const n = model.node(i);
      if (n) nodes.push(n);
    }
    const edges = visible.edges.map((j) => clipped((arrowed[j] ??= withArrowhead(model.edge(j))), visible.rect));
    return { nodes, edges };
  }, [model, visible, arrowed]);
  const decorated = useMemo(() => decorateNodes(base.nodes, selected, lit, problems), [base, selected, lit, problems]);
  const lookedAt = useMemo(() => decorateEdges(base.edges, selected, lit), [base, selected, lit]);
  return useMemo(
    () =>
      model && visible ? tiedToAnchors(model, visible, decorated, lookedAt) : { nodes: decorated, edges: lookedAt },
    [model, visible, decorated, lookedAt],
  );
}

const ANCHOR_FROM = `${SYNTHETIC_PREFIX}window:from`;
const ANCHOR_TO = `${SYNTHETIC_PREFIX}window:to`;

function anchor(id: string, x: number, y: number): AnchorNodeType {
  return {
    id,
    type: 'anchor',
    position: { x, y },
    data: {},
    width: 2,
    height: 2,
    measured: { width: 2, height: 2 },
    handles: handlesFor(2, 2),
    selectable: false,
    focusable: false,
    draggable: false,
    connectable: false,
    style: { pointerEvents: 'none' },
  };
}

/**
 * React Flow draws an edge only between two nodes it holds, but an edge of the layout is drawn from its route,
 * not from its ends. An edge of the window with an end outside it (a catch edge from far up the machine into the
 * error handler: thousands of them in a machine of 20,000 states) is tied to two invisible anchors at the window's
 * corners instead of bringing its far ends into React Flow; spanning the window, they keep React Flow from leaving
 * the edge out as off screen. Its stacking is the one its real ends would give it (a child node's depth).
 */
function tiedToAnchors(
  model: FlowModel,
  visible: FlowWindow,
  nodes: FlowNode[],
  edges: FlowEdge[],
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const held = new Set(nodes.map((n) => n.id));
  let tied = false;
  const out = edges.map((e) => {
    if (held.has(e.source) && held.has(e.target)) return e;
    tied = true;
    const z = Math.max(model.depth(e.source), model.depth(e.target));
    return { ...e, source: ANCHOR_FROM, target: ANCHOR_TO, ...(z > 0 ? { zIndex: z } : {}) };
  });
  if (!tied) return { nodes, edges };
  const { rect } = visible;
  return {
    nodes: [...nodes, anchor(ANCHOR_FROM, rect.x0, rect.y0), anchor(ANCHOR_TO, rect.x1 - 2, rect.y1 - 2)],
    edges: out,
  };
}

/** A whole number of every dashed edge's pattern (app.css: catch 6 4, missing 3 3), so cut dashes stay in place. */
const DASH_PERIOD = 30;

/**
 * An edge of a window with its route cut to the window (see `clipRoute`): its label stays where the whole route
 * puts it, and an end cut off loses its arrowhead.
 */
function clipped(e: FlowEdge, rect: FlowWindow['rect']): FlowEdge {
  const data = e.data;
  const cut = data?.points ? clipRoute(data.points, rect, DASH_PERIOD) : null;
  if (!data?.points || !cut) return e;
  const { markerEnd, ...rest } = e;
  const inner = { ...data, points: cut.points, labelPos: data.labelPos ?? polylineMidpoint(data.points) };
  return cut.end ? { ...rest, data: inner } : { ...rest, markerEnd, data: inner };
}
