/**
 * When start-up's first screen is done, for work that must not run while it is being drawn (the prefetch of the
 * views and the X-Ray worker, lazy-views.tsx). A start-up that shows a machine is done once its graph is on screen:
 * the frame that shows the graph's first nodes has been painted (React Flow measures their sizes before that
 * frame), or a panel says why it cannot be drawn. A start-up that shows no machine (the Welcome page, an X-Ray or
 * notes tab) is done once its first frame is painted. A page where neither comes (a document that cannot be
 * read, a window hidden at start) goes on after FIRST_SCREEN_FALLBACK_MS.
 */
import { useEffect } from 'react';
import { afterFirstPaint, afterNextPaint } from './after-paint.ts';

/** Set once a graph (or the panel in its place) has been painted in this page. */
let shown = false;
const waiting = new Set<() => void>();

/** Marks a graph as on screen: runs what waits for it, and later work at once. */
export function graphShown(): void {
  if (shown) return;
  shown = true;
  const due = [...waiting];
  waiting.clear();
  for (const run of due) run();
}

/** Runs `run` once a graph has been shown (at once when one has); the returned function cancels it. */
export function whenGraphShown(run: () => void): () => void {
  if (shown) {
    run();
    return () => undefined;
  }
  waiting.add(run);
  return () => {
    waiting.delete(run);
  };
}

/**
 * Reports the graph shown once `drawn` is true and the next frame has been painted. One effect, no state: it adds
 * no render to the graph's own.
 */
export function useGraphShown(drawn: boolean): void {
  useEffect(() => (drawn && !shown ? afterNextPaint(graphShown) : undefined), [drawn]);
}

/**
 * How long start-up's first screen may take before work waiting for it goes on anyway. Longer than the fixed 2 s
 * the prefetch used to wait: on a loaded 2-core machine a page loaded with a link to a 54-state definition took
 * 2.3–3.1 s to a stable graph (issue 22), so a fixed 2 s could still land in it; the signal above ends the wait
 * far sooner on any page that draws.
 */
export const FIRST_SCREEN_FALLBACK_MS = 4000;

/**
 * Runs `run` once, when start-up's first screen is done: after its graph is shown when it shows one
 * (`graphFirst`), else after its first frame; at the latest after `fallbackMs`.
 */
export function afterFirstScreen(graphFirst: boolean, run: () => void, fallbackMs = FIRST_SCREEN_FALLBACK_MS): void {
  let done = false;
  let cancel: () => void = () => undefined;
  const go = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    cancel();
    run();
  };
  const timer = setTimeout(go, fallbackMs);
  cancel = graphFirst ? whenGraphShown(go) : afterFirstPaint(go);
}
