/**
 * Geometry of the waterfall, without React or the DOM (unit-tested in plain Node): where a span's bar and its
 * duration label go on the track, which axis ticks fit the track's width, and which row a key moves to.
 */
import { axisTicks } from './view-model.ts';

/** Percent of the trace's duration, clamped to the track. */
export function trackPercent(ms: number, totalMs: number): number {
  return Math.max(0, Math.min(100, (ms / totalMs) * 100));
}

export type LabelPlace = 'right' | 'left' | 'inside';

/** Duration labels go right of the bar, left of it when the bar ends near the edge, inside long bars. */
export function labelPlace(startMs: number, widthMs: number, totalMs: number): LabelPlace {
  if (trackPercent(startMs + widthMs, totalMs) < 85) return 'right';
  return trackPercent(startMs, totalMs) > 15 ? 'left' : 'inside';
}

export interface BarGeometry {
  /** CSS `left` and `width` of the bar (at least 2 px wide). */
  bar: { left: string; width: string };
  place: LabelPlace;
  /** CSS position of the duration label. */
  label: { left?: string; right?: string };
}

export function barGeometry(startMs: number, widthMs: number, totalMs: number): BarGeometry {
  const start = trackPercent(startMs, totalMs);
  const end = trackPercent(startMs + widthMs, totalMs);
  const place = labelPlace(startMs, widthMs, totalMs);
  const label =
    place === 'right'
      ? { left: `calc(${end}% + 4px)` }
      : place === 'left'
        ? { right: `calc(${100 - start}% + 4px)` }
        : { right: `calc(${100 - end}% + 4px)` };
  return { bar: { left: `${start}%`, width: `max(2px, ${trackPercent(widthMs, totalMs)}%)` }, place, label };
}

/**
 * Axis ticks that fit a track `widthPx` wide with labels about `labelPx` wide each: as many "nice" ticks as
 * there is room for (at least the start and, when it fits, one more), so labels never pile up on a narrow track.
 */
export function fittingTicks(totalMs: number, widthPx: number, labelPx = 64): number[] {
  const room = Math.max(1, Math.floor(widthPx / labelPx));
  for (let target = Math.min(6, room); target >= 1; target--) {
    const ticks = axisTicks(totalMs, target);
    if (ticks.length <= room) return ticks;
  }
  return axisTicks(totalMs, 1).slice(0, room);
}

/** The row index an ArrowUp/ArrowDown moves to from `at` (-1: nothing selected), within `count` rows. */
export function stepRow(at: number, count: number, down: boolean): number {
  return Math.max(0, Math.min(count - 1, at + (down ? 1 : -1)));
}
