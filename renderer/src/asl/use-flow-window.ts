/**
 * The window of a large drawing handed to React Flow: for a machine of more than `WINDOW_MIN_NODES` nodes, only the
 * nodes and edges in and around the part on screen (shared/layout/window.ts), moved as the reader pans and zooms.
 * React Flow's own `onlyRenderVisibleElements` leaves off-screen nodes out of the page, but its store still adopts,
 * positions and links every node and edge it is given (a second of work for 20,000 states, measured by
 * bench/open-profile.ts); given the window, that work follows the screen instead of the machine.
 *
 * The window is the view grown by half a screen on every side, and is moved at most once a frame, only when the
 * view comes near its edge (or after zooming in far), so a pan of less than a quarter screen changes nothing.
 * Everything that needs the whole machine works from the layout and the model instead of React Flow's nodes: the
 * opening view and Fit View (the layout's bounds), find and keyboard moves (the model's centres: the view moves
 * there and the window follows), and export (the graph and layout).
 */
import { useEffect, useMemo, useState } from 'react';
import { useStoreApi, type Viewport } from '@xyflow/react';
import type { Layout } from '../../../shared/layout/types.ts';
import { whenIdle } from '../app/after-paint.ts';
import {
  deferredIndex,
  nextWindow,
  viewRect,
  type LayoutIndex,
  type Rect,
  type WindowItems,
} from '../../../shared/layout/window.ts';

import type { FlowEdge, FlowModel, FlowNode } from './to-flow.ts';

/** The nodes and edges of a window, and the window (drawing coordinates). */
export type FlowWindow = WindowItems & { rect: Rect };

/**
 * Drawings with more nodes than this are handed to React Flow a window at a time. Below it React Flow takes every
 * node (the minimap, shown up to the same size, draws from React Flow's nodes); 1,000 generated states make about
 * 1,250 nodes and open within their target without a window.
 */
export const WINDOW_MIN_NODES = 2000;

/** True when `model` is drawn a window at a time. */
export function isWindowed(model: FlowModel | null): boolean {
  return !!model && model.nodeCount > WINDOW_MIN_NODES;
}

/** The window around a view with its nodes and edges (far ends of routed edges left out: they are tied to anchors). */
export function windowAt(index: LayoutIndex, rect: Rect): FlowWindow {
  return { ...index.itemsIn(rect, { routedEnds: false }), rect };
}

/**
 * The node and edge indices to hand React Flow (null: all of them). `initial` is the view React Flow starts from
 * (its store does not have it before it mounts); `screen` the canvas's size before React Flow has measured it.
 */
export function useFlowWindow(
  model: FlowModel | null,
  layout: Layout | null | undefined,
  initial: Viewport | undefined,
  screen: () => { width: number; height: number },
): FlowWindow | null {
  const store = useStoreApi<FlowNode, FlowEdge>();
  const windowed = isWindowed(model);
  // The first window is found by a scan; the grid for the windows after it is built once the page is idle.
  const index = useMemo(
    () => (windowed && model && layout ? deferredIndex(layout.nodes, model.edgeEnds, model.indexOf) : null),
    [windowed, model, layout],
  );
  const viewNow = (): Rect => {
    const { transform, width, height } = store.getState();
    const size = width > 0 && height > 0 ? { width, height } : screen();
    return viewRect({ x: transform[0], y: transform[1], zoom: transform[2] }, size);
  };
  // The first window of a drawing: around the view React Flow starts from (or shows now, for a new layout).
  const [state, setState] = useState<{ index: typeof index; rect: Rect | null }>({ index: null, rect: null });
  let rect = state.rect;
  if (state.index !== index) {
    rect = index ? nextWindow(null, initial ? viewRect(initial, screen()) : viewNow()) : null;
    setState({ index, rect });
  }
  useEffect(() => {
    if (!index) return;
    let frame = 0;
    const check = () => {
      frame = 0;
      setState((prev) => {
        const next = nextWindow(prev.index === index ? prev.rect : null, viewNow());
        return next ? { index, rect: next } : prev;
      });
    };
    check();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform === prev.transform && s.width === prev.width && s.height === prev.height) return;
      if (!frame) frame = requestAnimationFrame(check);
    });
    const cancelBuild = whenIdle(() => index.build(), 1000);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      cancelBuild();
    };
    // `viewNow` reads the store and the canvas; it is the same function in effect for one index.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, store]);

  return useMemo(() => (index && rect ? windowAt(index, rect) : null), [index, rect]);
}
