/**
 * Resizable side panels: a splitter (drag, or arrow keys when focused) and panel widths remembered for the next
 * start, fitted to the room there is so the main view keeps a usable width at any window size.
 */
import { useCallback, useEffect, useState, type PointerEvent as ReactPointerEvent, type RefCallback } from 'react';
import { storePreference, storedPreference } from './preferences.ts';

/** A panel width remembered under `key` (localStorage), starting at `initial`. */
export function usePanelWidth(key: string, initial: number): [number, (width: number) => void] {
  const [width, setWidth] = useState(
    () => storedPreference(`statescope.panel.${key}`, (v) => (v && Number(v) >= 120 ? Number(v) : null)) ?? initial,
  );
  const set = useCallback(
    (w: number) => {
      const rounded = Math.round(Math.max(120, w));
      setWidth(rounded);
      storePreference(`statescope.panel.${key}`, String(rounded));
    },
    [key],
  );
  return [width, set];
}

/**
 * The width of an element, followed as it changes (0 until it is laid out), and the ref that names the element.
 * The ref observes the element itself rather than putting it in state first: that state re-rendered the whole
 * view once more as it mounted, before the first frame, only to start observing.
 */
export function useElementWidth(): [number, RefCallback<HTMLElement>] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: HTMLElement | null) => {
    if (!element) return;
    // A ResizeObserver reports the element's size once when it starts observing, then on every change.
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [width, ref];
}

/**
 * Widths for the panels beside a main view in `total` px: each panel as wanted, all shrunk in proportion (never
 * below `min`) until the main view keeps `keep` px, or `keepShare` of the total if that is more.
 */
export function fitPanels(total: number, wanted: readonly number[], keep = 360, keepShare = 0.4, min = 160): number[] {
  const sum = wanted.reduce((s, w) => s + w, 0);
  if (total <= 0 || sum === 0) return [...wanted];
  const room = Math.max(0, total - Math.max(keep, total * keepShare));
  const factor = Math.min(1, room / sum);
  return wanted.map((w) => (w === 0 ? 0 : Math.round(Math.max(min, w * factor))));
}

/**
 * A vertical splitter. `side` says where its panel is: dragging toward the panel makes it narrower. Arrow keys
 * move it by 40 px.
 */
export function Splitter({
  side,
  width,
  onWidth,
  label,
  testId,
}: {
  side: 'left' | 'right';
  width: number;
  onWidth: (width: number) => void;
  label: string;
  testId?: string;
}) {
  const sign = side === 'left' ? 1 : -1;
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = width;
    const onMove = (e: PointerEvent) =>
      onWidth(Math.min(window.innerWidth - 240, startWidth + sign * (e.clientX - startX)));
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };
  return (
    <div
      className="ss-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        const step = e.key === 'ArrowLeft' ? -40 : e.key === 'ArrowRight' ? 40 : 0;
        if (!step) return;
        e.preventDefault();
        onWidth(width + sign * step);
      }}
    />
  );
}

/** Whether the window is narrower than `px`, followed as it is resized. */
export function useNarrowWindow(px: number): boolean {
  const query = `(max-width: ${px - 0.02}px)`;
  const [narrow, setNarrow] = useState(() => !!globalThis.matchMedia?.(query).matches);
  useEffect(() => {
    const list = globalThis.matchMedia?.(query);
    if (!list) return;
    const update = () => setNarrow(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return narrow;
}

/**
 * A side panel that can be collapsed to a tab: open by default, collapsed by default in a window narrower than
 * `narrowBelow` px (so the main view keeps its room), and the user's own choice, once made, remembered.
 */
export function useCollapsiblePanel(key: string, narrowBelow: number): [boolean, (open: boolean) => void] {
  const storageKey = `statescope.panel.${key}.open`;
  const narrow = useNarrowWindow(narrowBelow);
  const [choice, setChoice] = useState(() =>
    storedPreference(storageKey, (v) => (v === 'open' || v === 'closed' ? v : null)),
  );
  const set = useCallback(
    (open: boolean) => {
      const next = open ? 'open' : 'closed';
      setChoice(next);
      storePreference(storageKey, next);
    },
    [storageKey],
  );
  return [choice ? choice === 'open' : !narrow, set];
}
