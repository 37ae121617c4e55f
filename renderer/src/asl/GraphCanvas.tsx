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
import { FLOW_OPTIONS, seedFlowStore } from './flow-store.ts';
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

/** React Flow's store made ready for its first render as the graph mounts (flow-store.ts: `seedFlowStore`). */
function useFirstItemsInStore(
  nodes: FlowNode[],
  edges: FlowEdge[],
  viewport: Viewport | undefined,
  screenSize: () => { width: number; height: number },
): void {
  const store = useStoreApi<FlowNode, FlowEdge>();
  useState(() => {
    seedFlowStore(store, { nodes, edges, viewport, screenSize });
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
