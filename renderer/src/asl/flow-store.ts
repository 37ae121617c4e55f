/**
 * React Flow's store as the graph needs it before React Flow's first render: the graph's fixed options, and a
 * measuring pass that leaves alone the nodes whose size and handles the layout already gave.
 */
import type { InternalNode, ReactFlowState } from '@xyflow/react';
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
