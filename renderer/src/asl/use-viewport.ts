/**
 * Where the graph view looks. The first drawing of a machine (and after switching machines) opens on the whole
 * machine when its state names stay readable there, else on its start at a readable zoom (see viewport.ts); the
 * view is computed from the layout's bounds, so nothing has to be measured first. After an edit, a collapse or an
 * expand changes the drawing's size it is shown again the way it opened; Fit View shows the whole drawing; the
 * selected state stays on screen when a panel opens, closes or is resized; the minimap shows only while part of
 * the drawing is off screen.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Viewport } from '@xyflow/react';
import { grow, viewRect } from '../../../shared/layout/window.ts';
import type { LayoutResult } from '../workers/document-messages.ts';
import type { FlowModel } from './to-flow.ts';
import type { FlowView } from './use-flow-view.ts';
import { isWindowed } from './use-flow-window.ts';
import { fitView as fitWholeView, keepInView, openingView, showsAll } from './viewport.ts';

export interface GraphViewportOptions {
  flow: FlowView;
  rootRef: RefObject<HTMLDivElement | null>;
  model: FlowModel | null;
  result: LayoutResult | null;
  machine: number;
  /** True when the next drawing should open fresh (no saved viewport, or another machine was picked). */
  needsFit: { current: boolean };
  selected: string | null;
  /** Changes when the room for the canvas changes (panel widths, window width). */
  canvasKey: string;
  mainWidth: number;
}

export interface GraphViewport {
  openingViewport: () => Viewport | null;
  fitAll: (duration?: number) => void;
  centreOn: (id: string) => void;
  /** Centres on `id` only when it is off screen, so typing in the code view does not keep panning the graph. */
  revealIfHidden: (id: string) => void;
  checkHidden: (view: Viewport) => void;
  partlyHidden: boolean;
  /** The canvas's size now. */
  screenSize: () => { width: number; height: number };
}

export function useGraphViewport(o: GraphViewportOptions): GraphViewport {
  const { flow, rootRef, model, result, selected, canvasKey, mainWidth } = o;
  const screenSize = useCallback(
    () => ({ width: rootRef.current?.clientWidth || 800, height: rootRef.current?.clientHeight || 600 }),
    [rootRef],
  );
  const openingViewport = useCallback((): Viewport | null => {
    if (!model || !result?.layout) return null;
    const start = model.startId === null ? null : (model.centreOf(model.startId) ?? null);
    return openingView(result.layout, start, screenSize());
  }, [model, result, screenSize]);
  const fitAll = useCallback(
    (duration = 200) => {
      if (!result?.layout) return;
      void flow.setViewport(fitWholeView(result.layout, screenSize()), { duration });
    },
    [flow, result, screenSize],
  );
  const centreOn = useCallback(
    (id: string) => {
      const c = model?.centres.get(id);
      if (!c) return;
      // In a drawing handed to React Flow a window at a time, a jump further than a screen away is made at once:
      // animated, it would pass over (and zoom out across) the machine in between, a new window every frame.
      const r = grow(viewRect(flow.getViewport(), screenSize()), 1);
      const far = isWindowed(model) && (c.x < r.x0 || c.x > r.x1 || c.y < r.y0 || c.y > r.y1);
      void flow.setCenter(c.x, c.y, { zoom: Math.max(flow.getZoom(), 0.8), duration: far ? 0 : 250 });
    },
    [model, flow, screenSize],
  );
  const revealIfHidden = useCallback(
    (id: string) => {
      const c = model?.centres.get(id);
      const box = rootRef.current?.getBoundingClientRect();
      if (!c || !box) return;
      const vp = flow.getViewport();
      const x = c.x * vp.zoom + vp.x;
      const y = c.y * vp.zoom + vp.y;
      if (x < 0 || y < 0 || x > box.width || y > box.height) centreOn(id);
    },
    [model, flow, rootRef, centreOn],
  );

  useOpeningFit(o, openingViewport);
  useKeepSelectionInView(flow, result, selected, canvasKey, mainWidth, screenSize);

  const [partlyHidden, setPartlyHidden] = useState(false);
  const checkHidden = useCallback(
    (view: Viewport) => {
      if (result?.layout) setPartlyHidden(!showsAll(result.layout, view, screenSize()));
    },
    [result, screenSize],
  );
  return { openingViewport, fitAll, centreOn, revealIfHidden, checkHidden, partlyHidden, screenSize };
}

/** The opening view on a fresh drawing; after a change of the drawing's bounds, the opening view again. */
function useOpeningFit(o: GraphViewportOptions, openingViewport: () => Viewport | null): void {
  const { flow, rootRef, model, result, machine, needsFit } = o;
  const boundsKey = result?.layout
    ? `${machine}:${Math.round(result.layout.width)}x${Math.round(result.layout.height)}`
    : '';
  const lastBounds = useRef<string>('');
  useEffect(() => {
    if (!model || !boundsKey) return;
    const before = lastBounds.current;
    lastBounds.current = boundsKey;
    if (needsFit.current) {
      // Arrow keys work straight away unless the reader is typing somewhere else.
      const focused = document.activeElement;
      if (!focused || focused === document.body) rootRef.current?.focus({ preventScroll: true });
      needsFit.current = false;
      const opening = openingViewport();
      if (opening) void flow.setViewport(opening);
      return;
    }
    // An edit, a collapse or an expand changed the drawing's size: show it again the way it opened.
    if (before && before !== boundsKey) {
      const view = openingViewport();
      if (view) void flow.setViewport(view, { duration: 200 });
    }
  }, [model, boundsKey, flow, openingViewport, needsFit, rootRef]);
}

/** Keeps the selected state on screen when a panel opens, closes or is resized (the canvas changes size). */
function useKeepSelectionInView(
  flow: FlowView,
  result: LayoutResult | null,
  selected: string | null,
  canvasKey: string,
  mainWidth: number,
  screenSize: () => { width: number; height: number },
): void {
  const selectedBox = selected ? result?.layout?.nodes.find((n) => n.id === selected) : undefined;
  const selectedBoxRef = useRef(selectedBox);
  useEffect(() => {
    selectedBoxRef.current = selectedBox;
  });
  const lastCanvasKey = useRef(canvasKey);
  const measured = useRef(false);
  useEffect(() => {
    if (lastCanvasKey.current === canvasKey) return;
    lastCanvasKey.current = canvasKey;
    // The first measurement of the room is no change: a view restored on a tab switch stays as it was.
    if (!measured.current) {
      measured.current = mainWidth > 0;
      return;
    }
    // Wait for the new panel to take its room and React Flow to see the canvas's new size.
    const timer = setTimeout(() => {
      const box = selectedBoxRef.current;
      if (!box) return;
      const view = keepInView(
        { x: box.absX, y: box.absY, width: box.width, height: box.height },
        flow.getViewport(),
        screenSize(),
      );
      if (view) void flow.setViewport(view, { duration: 200 });
    }, 60);
    return () => clearTimeout(timer);
  }, [canvasKey, flow, screenSize, mainWidth]);
}
