/**
 * React Flow's store as the graph needs it before React Flow's first render: the graph's fixed options, a
 * measuring pass that leaves alone the nodes whose size and handles the layout already gave, and the first nodes,
 * edges, view and canvas size (`seedFlowStore`). Every write the graph makes into React Flow's store outside its
 * props is here.
 */
import type { InternalNode, ReactFlowState, Viewport } from '@xyflow/react';
import type { FlowEdge, FlowNode } from './to-flow.ts';

type FlowStore = {
  getState: () => ReactFlowState<FlowNode, FlowEdge>;
  setState: (partial: Partial<ReactFlowState<FlowNode, FlowEdge>>) => void;
};
type InternalsUpdates = Parameters<ReactFlowState['updateNodeInternals']>[0];

/**
 * The graph's fixed React Flow options that React Flow keeps in its store. Passed as props (GraphCanvas.tsx), React
 * Flow puts them into its store in an effect after its first render; set here as well, its first render already
 * draws with them. Put there only by that effect, they changed what every node and edge wrapper reads
 * (nodesConnectable, edgesFocusable) and the whole graph rendered again before the first frame.
 */
export const FLOW_OPTIONS = {
  nodesDraggable: false,
  nodesConnectable: false,
  edgesFocusable: false,
  minZoom: 0.05,
  maxZoom: 2.5,
} as const;

/** Stores whose measuring pass is already wrapped. */
const wrapped = new WeakSet<object>();

/**
 * Whether a measurement of `element` would tell React Flow nothing it does not know: the node's size and handles
 * came with it (to-flow.ts: `measured`, `style` and `handles` from the layout), and its box in the page has that
 * size (React Flow measures `offsetWidth` / `offsetHeight`).
 */
function alreadyKnown(node: InternalNode<FlowNode> | undefined, element: HTMLDivElement): boolean {
  if (!node || node.hidden || !Array.isArray(node.internals.userNode.handles) || !node.internals.handleBounds)
    return false;
  return element.offsetWidth === node.measured.width && element.offsetHeight === node.measured.height;
}

/**
 * Sets the options, and wraps the store's `updateNodeInternals` so that it skips nodes whose measurement is
 * `alreadyKnown`. React Flow observes every node it mounts with a ResizeObserver and, on its first report (in the
 * first frame, before it is painted), measures each node's box and handles again although the layout gave both:
 * every node and edge wrapper then rendered again (187 components for the first sample) between the first frame's
 * animation callbacks and its paint, to draw the same picture (the handles measured in the page at the opening
 * zoom differ from the given ones by rounding only). A node whose box differs from its known size (or a node
 * without given handles) is measured as before. Called before React Flow's first render, so its ResizeObserver
 * (created then) calls the wrapper.
 */
export function prepareFlowStore(store: FlowStore): void {
  store.setState(FLOW_OPTIONS);
  if (wrapped.has(store)) return;
  wrapped.add(store);
  const measure = store.getState().updateNodeInternals;
  store.setState({
    updateNodeInternals: (updates: InternalsUpdates, params?: { triggerFitView: boolean }) => {
      const { nodeLookup } = store.getState();
      const left: InternalsUpdates = new Map();
      for (const [id, update] of updates)
        if (!alreadyKnown(nodeLookup.get(id), update.nodeElement)) left.set(id, update);
      if (left.size > 0) measure(left, params);
    },
  });
}

/**
 * The options and measuring (`prepareFlowStore`), whether or not the graph is there yet, then the drawing's first
 * nodes and edges, the view it opens on and the canvas's size, put into React Flow's store as the graph mounts,
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
export function seedFlowStore(
  store: FlowStore,
  first: {
    nodes: FlowNode[];
    edges: FlowEdge[];
    viewport: Viewport | undefined;
    screenSize: () => { width: number; height: number };
  },
): void {
  prepareFlowStore(store);
  const state = store.getState();
  if (state.nodes.length === 0 && first.nodes.length > 0) {
    state.setNodes(first.nodes);
    state.setEdges(first.edges);
  }
  const { viewport } = first;
  if (viewport) {
    const zoom = Math.min(FLOW_OPTIONS.maxZoom, Math.max(FLOW_OPTIONS.minZoom, viewport.zoom));
    store.setState({ transform: [viewport.x, viewport.y, zoom] });
  }
  // React Flow fills the canvas (its wrapper is 100% of it both ways), whose size the opening view was made for.
  if (state.width === 0) store.setState(first.screenSize());
}
