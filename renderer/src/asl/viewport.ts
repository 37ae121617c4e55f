/**
 * Viewport arithmetic for the graph view, kept apart from React so it can be tested: the opening view (the whole
 * machine when its state names stay readable, else its start at a readable zoom), fitting bounds, and keeping a
 * box (the selected state) on screen when panels take room.
 */
import { NODE_FONT } from '../../../shared/layout/node-size.ts';

export interface View {
  x: number;
  y: number;
  zoom: number;
}
interface Size {
  width: number;
  height: number;
}
interface Box extends Size {
  x: number;
  y: number;
}

/** State names are drawn at NODE_FONT.title px; below this zoom they would be smaller than 11 px on screen. */
export const READABLE_ZOOM = 11 / NODE_FONT.title;
/** The largest zoom a fit uses: small machines are not blown up past this. */
export const FIT_MAX_ZOOM = 1.2;
/** Fraction of the screen left empty on each side when fitting. */
export const FIT_PADDING = 0.08;

/** The view that shows all of `bounds` (from 0,0) centred on a screen of `screen` size. */
export function fitView(
  bounds: Size,
  screen: Size,
  padding = FIT_PADDING,
  maxZoom = FIT_MAX_ZOOM,
  minZoom = 0.05,
): View {
  const w = Math.max(1, bounds.width);
  const h = Math.max(1, bounds.height);
  const zoom = Math.max(
    minZoom,
    Math.min(maxZoom, (screen.width * (1 - 2 * padding)) / w, (screen.height * (1 - 2 * padding)) / h),
  );
  return { x: (screen.width - w * zoom) / 2, y: (screen.height - h * zoom) / 2, zoom };
}

/**
 * The first view of a machine: the whole drawing when that keeps state names readable (at least 11 px), else the
 * top of the machine at the readable zoom, centred on the Start marker across (or on the drawing when it fits
 * across), so the reader starts where the machine starts.
 */
export function openingView(bounds: Size, start: { x: number; y: number } | null, screen: Size): View {
  const whole = fitView(bounds, screen);
  if (whole.zoom >= READABLE_ZOOM) return whole;
  const zoom = READABLE_ZOOM;
  const across = bounds.width * zoom <= screen.width * (1 - 2 * FIT_PADDING);
  const margin = 16;
  const centred = screen.width / 2 - (start?.x ?? bounds.width / 2) * zoom;
  // Centred on the start, but never leaving empty room beside the drawing while part of it is off screen.
  const x = across
    ? (screen.width - bounds.width * zoom) / 2
    : Math.min(margin, Math.max(screen.width - margin - bounds.width * zoom, centred));
  const top = start ? start.y - 24 : 0;
  return { x, y: 16 - top * zoom, zoom };
}

/**
 * A view that brings `box` (flow coordinates) fully on screen with `margin` px around it, keeping the zoom (or
 * lowering it when the box cannot fit); null when the box is already on screen.
 */
export function keepInView(box: Box, view: View, screen: Size, margin = 24): View | null {
  const left = box.x * view.zoom + view.x;
  const top = box.y * view.zoom + view.y;
  const right = left + box.width * view.zoom;
  const bottom = top + box.height * view.zoom;
  if (left >= margin && top >= margin && right <= screen.width - margin && bottom <= screen.height - margin)
    return null;
  const zoom = Math.min(
    view.zoom,
    (screen.width - 2 * margin) / Math.max(1, box.width),
    (screen.height - 2 * margin) / Math.max(1, box.height),
  );
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return { x: screen.width / 2 - cx * zoom, y: screen.height / 2 - cy * zoom, zoom };
}

/** True when the whole drawing is on screen in `view` (the minimap adds nothing then). */
export function showsAll(bounds: Size, view: View, screen: Size): boolean {
  return (
    view.x >= -1 &&
    view.y >= -1 &&
    view.x + bounds.width * view.zoom <= screen.width + 1 &&
    view.y + bounds.height * view.zoom <= screen.height + 1
  );
}
