/**
 * The viewport calls the document view makes on React Flow, as one object that keeps its identity for the view's
 * life. `useReactFlow()` subscribes to React Flow's store and returns a new instance once the zoom pane has
 * initialised (its `viewportInitialized` flag): at start-up that re-rendered the whole document view and its graph
 * once more before the first frame, and re-ran every effect keyed on the instance. These calls read the store when
 * they are made (as React Flow's own do), so nothing has to re-render for them; hand-written because React Flow
 * offers its instance only through that subscribing hook.
 */
import { useMemo } from 'react';
import { useStoreApi, type ReactFlowInstance } from '@xyflow/react';
import type { FlowEdge, FlowNode } from './to-flow.ts';

export type FlowView = Pick<
  ReactFlowInstance<FlowNode, FlowEdge>,
  'getViewport' | 'getZoom' | 'setViewport' | 'setCenter'
>;

export function useFlowView(): FlowView {
  const store = useStoreApi<FlowNode, FlowEdge>();
  return useMemo<FlowView>(
    () => ({
      getViewport: () => {
        const [x, y, zoom] = store.getState().transform;
        return { x, y, zoom };
      },
      getZoom: () => store.getState().transform[2],
      // Before the zoom pane exists there is nothing to move (React Flow's own setViewport answers false too).
      setViewport: async (viewport, options) => {
        const { transform, panZoom } = store.getState();
        if (!panZoom) return false;
        const [x, y, zoom] = transform;
        await panZoom.setViewport({ x: viewport.x ?? x, y: viewport.y ?? y, zoom: viewport.zoom ?? zoom }, options);
        return true;
      },
      setCenter: (x, y, options) => store.getState().setCenter(x, y, options),
    }),
    [store],
  );
}
