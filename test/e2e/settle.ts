/**
 * Waits on a condition instead of a fixed sleep: the part of the page under `selector` is at rest once nothing in
 * it (elements, attributes such as the graph viewport's animated `transform`, text) has changed for `quietMs`.
 * A fixed sleep passes or fails with the machine's speed; this waits exactly as long as the page keeps moving and
 * fails by the test's own timeout if it never stops.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export async function settled(page: Page, selector = '.ss-app', quietMs = 250): Promise<void> {
  await expect(page.locator(selector).first()).toBeAttached();
  await page.evaluate(
    ({ selector, quietMs }) =>
      new Promise<void>((resolve) => {
        const root = document.querySelector(selector)!;
        let timer: ReturnType<typeof setTimeout>;
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quietMs);
        });
        function done() {
          observer.disconnect();
          resolve();
        }
        observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
        timer = setTimeout(done, quietMs);
      }),
    { selector, quietMs },
  );
}

/**
 * Waits until the React Flow viewport inside `pane` is at rest: its `transform` no longer changes (pan and zoom
 * animations last 150-250 ms, and a fit may start after a short delay, hence the quiet time above both).
 */
export async function viewportSettled(page: Page, pane = '.react-flow'): Promise<void> {
  await settled(page, `${pane} .react-flow__viewport`, 300);
}

/** Waits until the viewport's transform differs from `before` (an animation started), then until it rests. */
export async function viewportMovedAndSettled(page: Page, viewport: Locator, before: string | null): Promise<void> {
  await expect(viewport).not.toHaveAttribute('style', before ?? '');
  await viewportSettled(page);
}
