/**
 * The graph itself: React Flow over the laid-out machine with its controls and minimap, the find box over it, and
 * in its place a clear message while laying out or when the machine cannot be laid out or drawn.
 */
import { useState, type KeyboardEvent, type RefObject } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useStoreApi,
  type NodeMouseHandler,
  type Viewport,
} from '@xyflow/react';
import type { PathHighlight } from '../editor/paths.ts';
import type { LayoutResult } from '../workers/document-messages.ts';
import { useGraphShown } from '../app/first-graph.ts';
import { useResolvedTheme } from '../app/theme.ts';
import { useT } from '../i18n/index.ts';
import { FatalPanel } from './Diagnostics.tsx';
import { ArrowheadDefs, edgeTypes } from './edges.tsx';
import { FindBox, type Find } from './FindBox.tsx';
import { FLOW_OPTIONS, prepareFlowStore } from './flow-store.ts';
import { GroupToggleContext, nodeTypes } from './nodes.tsx';
import type { FlowEdge, FlowModel, FlowNode, Problems } from './to-flow.ts';
import { useFlowView } from './use-flow-view.ts';
import { isWindowed, useFlowWindow } from './use-flow-window.ts';
import { useDrawnItems } from './use-graph-model.ts';
import type { GraphViewport } from './use-viewport.ts';

export interface GraphCanvasProps {
  rootRef: RefObject<HTMLDivElement | null>;
  label: string;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  find: Find;
  model: FlowModel | null;
  /** What changes the look of nodes and edges: the selected state, the path highlight, the problem badges. */
  selected: string | null;
  lit: PathHighlight | null;
  problems: ReadonlyMap<string, Problems>;
  result: LayoutResult | null;
  layoutError: string | null;
  onRetry: () => void;
  toggleGroup: (id: string) => void;
  onNodeClick: NodeMouseHandler<FlowNode>;
  onPaneClick: () => void;
  view: GraphViewport;
  /**
   * The viewport to start from: the one saved for this tab, else the opening view. Asked once, when the graph
   * mounts (React Flow reads it only then): the opening view measures the canvas, and measuring on every render
   * forced a layout of the whole window in the middle of the first graph's renders.
   */
  initialViewport: () => Viewport | undefined;
  onMoveEnd: (viewport: Viewport) => void;
}

/**
 * The drawing's first nodes and edges, and the view it opens on, put into React Flow's store as the graph mounts,
 * before React Flow's own components render. React Flow takes its `nodes` prop into its store in an effect (its
 * StoreUpdater) when, as here, the store comes from an enclosing ReactFlowProvider, so its first render drew no
 * node: the nodes came in a second render and commit, each node inserted into the live page one by one, and the
 * page laid out twice before the first frame (once in React Flow's own size measuring between the two commits).
 * React Flow does the same with the `initialNodes` of a provider it creates itself. Later changes still go through
 * the prop; the store's setters reuse a node object they already hold, so StoreUpdater's first pass over the same
 * arrays changes nothing drawn. Likewise the view and the canvas's size: React Flow's viewport element takes its
 * first transform from the store as it renders, `defaultViewport` reaches the store only in an effect of its pan
 * and zoom handler, and the canvas's size only when an effect measures it (passive effects, which the browser may
 * paint before). Without the view, a new tab's first frame could draw the graph at the origin at zoom 1 and the
 * opening view only in a later frame; without the size, a drawing of more than 200 nodes (drawn with
 * `onlyRenderVisibleElements`, which culls to the store's size) drew no node at all in its first frame and its
 * nodes only in the next one. React Flow's own measure sets the same size again (no change drawn). Nothing has
 * subscribed to the store yet on this first render (subscriptions start in effects), so no other component is
 * updated from within this render.
 */
function useFirstItemsInStore(
  nodes: FlowNode[],
  edges: FlowEdge[],
  viewport: Viewport | undefined,
  screenSize: () => { width: number; height: number },
): void {
  const store = useStoreApi<FlowNode, FlowEdge>();
  useState(() => {
    // React Flow's options and its measuring of nodes whose size is known (flow-store.ts), before its first render
    // (test/e2e/start-renders.spec.ts counts the renders they spare), whether or not the graph is there yet.
    prepareFlowStore(store);
    const state = store.getState();
    if (state.nodes.length === 0 && nodes.length > 0) {
      state.setNodes(nodes);
      state.setEdges(edges);
    }
    if (viewport) {
      const zoom = Math.min(FLOW_OPTIONS.maxZoom, Math.max(FLOW_OPTIONS.minZoom, viewport.zoom));
      store.setState({ transform: [viewport.x, viewport.y, zoom] });
    }
    // React Flow fills the canvas (its wrapper is 100% of it both ways), whose size the opening view was made for.
    if (state.width === 0) store.setState(screenSize());
    return null;
  });
}

function Flow(p: GraphCanvasProps) {
  const t = useT();
  const flow = useFlowView();
  const resolvedTheme = useResolvedTheme();
  const { model, view } = p;
  const [initialViewport] = useState(p.initialViewport);
  const windowed = isWindowed(model);
  const visible = useFlowWindow(model, p.result?.layout, initialViewport, view.screenSize);
  const { nodes, edges } = useDrawnItems(model, visible, p.selected, p.lit, p.problems);
  useFirstItemsInStore(nodes, edges, initialViewport, view.screenSize);
  // Start-up's graph on screen: the views' prefetch may start (lazy-views.tsx).
  useGraphShown(nodes.length > 0);
  const total = model?.nodeCount ?? 0;
  return (
    <GroupToggleContext.Provider value={p.toggleGroup}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        data-drawn-nodes={nodes.length}
        data-total-nodes={total}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={p.onNodeClick}
        onPaneClick={p.onPaneClick}
        {...FLOW_OPTIONS}
        disableKeyboardA11y
        colorMode={resolvedTheme}
        onlyRenderVisibleElements={total > 200}
        defaultViewport={initialViewport}
        onInit={(instance) => view.checkHidden(instance.getViewport())}
        onMoveEnd={(_event, viewport) => p.onMoveEnd(viewport)}
      >
        <ArrowheadDefs />
        <Background gap={24} />
        <Controls showInteractive={false} onFitView={() => view.fitAll()} />
        {/* The minimap draws React Flow's nodes: a windowed drawing has none of it (nor did a larger one before). */}
        {!windowed && view.partlyHidden ? (
          <MiniMap
            pannable
            zoomable
            ariaLabel={t('doc.minimap')}
            onClick={(_event, position) =>
              void flow.setCenter(position.x, position.y, { zoom: flow.getZoom(), duration: 200 })
            }
          />
        ) : null}
      </ReactFlow>
    </GroupToggleContext.Provider>
  );
}

export function GraphCanvas(p: GraphCanvasProps) {
  const t = useT();
  const { model, result, layoutError } = p;
  // A panel in the graph's place ends start-up's first screen as a graph would.
  useGraphShown(!!layoutError || (!model && !!result && !result.layout));
  return (
    <div
      className="ss-canvas"
      ref={p.rootRef}
      tabIndex={0}
      onKeyDown={p.onKeyDown}
      data-testid="graph"
      aria-label={p.label}
    >
      <FindBox find={p.find} />
      {layoutError ? (
        <FatalPanel title={t('doc.cannotLayOut')} diagnostics={[]} message={layoutError} onRetry={p.onRetry} />
      ) : !model ? (
        result && !result.layout ? (
          <FatalPanel title={t('doc.cannotDraw')} diagnostics={result.diagnostics} />
        ) : (
          <div className="ss-center" data-testid="loading">
            {t('doc.layingOut')}
          </div>
        )
      ) : (
        <Flow {...p} />
      )}
    </div>
  );
}
