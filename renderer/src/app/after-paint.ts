/**
 * Work the first screen does not show, held until the page has painted its first frame: the host calls and
 * storage writes that start-up's effects used to make before it (the session and the open-documents list, the
 * host's notices, the user's note markers, the host's validation of the first document). Each is asynchronous
 * anyway (its answer comes after the first frame), but starting it cost the main thread a few milliseconds each
 * between the shell's first render and the first frame of the graph (measured with bench/start-profile.ts).
 *
 * Once the first frame is painted, `afterFirstPaint` runs its work at once, so later changes behave as before.
 * `afterNextPaint` waits for the next frame whenever it is called (a new tab's first validation waits for its
 * first drawing to be painted).
 */

/** Set once the first frame has been painted (or there is no frame to wait for: no DOM, a test). */
let painted = typeof requestAnimationFrame !== 'function' || typeof document === 'undefined';
const waiting = new Set<() => void>();
let scheduled = false;

/** At most this long (ms) for a frame: a page that is hidden at start gets no animation frames. */
const NO_FRAME_MS = 500;

function flush(): void {
  if (painted) return;
  painted = true;
  const due = [...waiting];
  waiting.clear();
  for (const work of due) {
    try {
      work();
    } catch (error) {
      // One failing piece of work must not stop the others; it is reported as an uncaught error would be.
      setTimeout(() => {
        throw error;
      }, 0);
    }
  }
}

/**
 * Runs `work` once the first frame has been painted: the task after that frame's animation frame, or at once
 * when it already has been. Returns a cancel for work not yet run (an effect's cleanup).
 */
export function afterFirstPaint(work: () => void): () => void {
  if (painted) {
    work();
    return () => undefined;
  }
  waiting.add(work);
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(() => setTimeout(flush, 0));
    setTimeout(flush, NO_FRAME_MS);
  }
  return () => {
    waiting.delete(work);
  };
}

/** Runs `run` once the next frame has been painted; the returned function cancels it. */
export function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function') {
    timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Runs `work` when the page is next idle, and within `timeoutMs` at the latest (requestIdleCallback's timeout;
 * without requestIdleCallback, a task after `fallbackMs`). Returns how to cancel it.
 */
export function whenIdle(work: () => void, timeoutMs: number, fallbackMs = 0): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, fallbackMs);
  return () => clearTimeout(id);
}
