/**
 * A new tab's graph arrives in one frame: the first frame that draws the tab's canvas already draws its nodes at
 * the view it opens on, and later frames change neither (renderer/src/asl/GraphCanvas.tsx, `useFirstItemsInStore`).
 * React Flow took the opening view and the canvas's size into its store only in effects after its first commit, so
 * a drawing of more than 200 nodes (culled to the store's size, then 0 × 0) painted an empty canvas first and its
 * nodes a frame later, and a new tab's first frame could show the graph at the origin at zoom 1. Counted, not
 * timed: the distinct (nodes drawn, view) pairs seen frame by frame from the file input to a settled graph.
 */
import fs from 'node:fs';
import { generateAsl } from '../../bench/gen-asl.ts';
import { CORPUS } from '../support/corpus.ts';
import { test, expect, type Page } from './fixtures.ts';

/**
 * Page script: from the file input's change, each frame's drawing of the tab named `name` (nodes drawn and view) when
 * it changes.
 */
const recordFrames = (name: string) => `(() => {
  const name = ${JSON.stringify(name)};
  window.__frames = [];
  let last = '';
  let t0 = null;
  document.querySelector('[data-testid="file-input"]').addEventListener('change', () => (t0 = performance.now()), {
    capture: true,
    once: true,
  });
  const tick = () => {
    const main = document.querySelector('main[data-testid="document"]');
    const viewport = main && main.querySelector('.react-flow__viewport');
    const tab = document.querySelector('.ss-tab.is-active');
    const mine = !!tab && tab.textContent.includes(name);
    const sig = viewport && mine
      ? main.querySelectorAll('.react-flow__node').length + '|' + viewport.style.transform
      : '';
    if (t0 !== null && sig !== last) {
      last = sig;
      if (sig) window.__frames.push(sig);
    }
    if (t0 === null || performance.now() - t0 < 60000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Opens `text` as `name` and returns the drawings its tab showed, frame by frame, once its graph has settled. */
async function framesOfOpen(page: Page, name: string, text: string): Promise<string[]> {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('main[data-testid="document"] .react-flow__node').first()).toBeVisible();
  await page.evaluate(recordFrames(name));
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.locator('.ss-tab.is-active')).toContainText(name);
  await expect(page.locator('main[data-testid="document"] .react-flow__node').first()).toBeVisible({
    timeout: 60_000,
  });
  // Some frames more for anything that would still move the drawing (a measure, a late view).
  await page.evaluate(
    () => new Promise((done) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(done)), 500)),
  );
  return page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
}

for (const { label, name, text } of [
  {
    label: 'a real definition (47 nodes)',
    name: 'quorum.asl.json',
    text: () =>
      fs.readFileSync(
        `${CORPUS}asl/valid/sfn-workflows-collection/quorum-with-parallel-pattern__statemachine.asl.json`,
        'utf8',
      ),
  },
  { label: '1,000 states (React Flow culls to the screen)', name: 'first-1000.asl.json', text: () => gen(1000) },
  { label: '5,000 states (handed over a window at a time)', name: 'first-5000.asl.json', text: () => gen(5000) },
]) {
  test(`${label}: the first frame of the new tab draws its nodes at the opening view`, async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(120_000);
    const frames = await framesOfOpen(page, name, text());
    expect(frames.length, frames.join('\n')).toBe(1);
    const [nodes] = frames[0]!.split('|');
    expect(Number(nodes)).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });
}

function gen(states: number): string {
  return JSON.stringify(generateAsl(states), null, 2);
}
