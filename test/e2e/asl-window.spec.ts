/**
 * A machine of thousands of states is handed to React Flow a window at a time (renderer/src/asl/use-flow-window.ts):
 * React Flow holds only the nodes around the screen, nodes come and go as the view pans, and what needs the whole
 * machine (find, keyboard moves, export) still reaches states far outside the window.
 */
import { generateAsl } from '../../bench/gen-asl.ts';
import { test, expect, node, type Page } from './fixtures.ts';
import { viewportSettled } from './settle.ts';

const STATES = 5000;

async function openBig(page: Page): Promise<void> {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const text = JSON.stringify(generateAsl(STATES), null, 2);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'window.asl.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.locator('.ss-tab.is-active')).toContainText('window.asl.json');
  await expect(page.getByTestId('status')).toContainText(`${STATES} states`, { timeout: 60_000 });
  await expect(node(page, 'Task 00003')).toBeVisible({ timeout: 60_000 });
  await viewportSettled(page, 'main[data-testid="document"] .react-flow');
}

const flow = (page: Page) => page.locator('main[data-testid="document"] .react-flow');

/** The number of nodes React Flow holds now, and the machine's. */
async function counts(page: Page): Promise<{ drawn: number; total: number }> {
  const f = flow(page);
  return {
    drawn: Number(await f.getAttribute('data-drawn-nodes')),
    total: Number(await f.getAttribute('data-total-nodes')),
  };
}

async function renderedIds(page: Page): Promise<string[]> {
  return page
    .locator('main[data-testid="document"] .react-flow__node')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

test('panning moves the window: nodes come and go, React Flow never holds the whole machine', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  await openBig(page);
  const first = await counts(page);
  expect(first.total).toBeGreaterThan(6000);
  expect(first.drawn).toBeGreaterThan(0);
  expect(first.drawn).toBeLessThan(400);
  const before = await renderedIds(page);
  expect(before).toContain('Task 00003');

  // Drag the drawing up, three screens' worth: the view moves down the machine.
  const box = (await flow(page).boundingBox())!;
  const x = box.x + box.width - 12;
  for (let i = 0; i < 6; i++) {
    await page.mouse.move(x, box.y + box.height - 20);
    await page.mouse.down();
    await page.mouse.move(x, box.y + 20, { steps: 8 });
    await page.mouse.up();
  }
  await viewportSettled(page, 'main[data-testid="document"] .react-flow');
  await expect.poll(async () => (await renderedIds(page)).includes('Task 00003')).toBe(false);
  const after = await renderedIds(page);
  expect(after.length).toBeGreaterThan(0);
  expect(after.filter((id) => !before.includes(id)).length).toBeGreaterThan(0);
  const moved = await counts(page);
  expect(moved.drawn).toBeLessThan(400);
  expect(consoleErrors).toEqual([]);
});

test('find and the arrow keys reach a state far outside the window', async ({ page, consoleErrors }) => {
  test.setTimeout(120_000);
  await openBig(page);
  // The top-level error handler is drawn at the bottom of the machine, far below the opening view.
  const far = 'Handle Error 00001';
  expect(await renderedIds(page)).not.toContain(far);
  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill(far);
  await page.getByTestId('find-input').press('Enter');
  await expect(node(page, far)).toBeVisible();
  await expect(node(page, far)).toHaveClass(/selected/);
  await expect(node(page, far)).toBeInViewport();
  // Its successor, by the keyboard: selected and drawn too.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  const next = await page.locator('.react-flow__node.selected').getAttribute('data-id');
  expect(next).not.toBe(far);
  await expect(node(page, next!)).toBeInViewport();
  // Its details open from the keyboard, from the whole graph (not React Flow's nodes).
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText(next!);
  expect((await counts(page)).drawn).toBeLessThan(400);
  expect(consoleErrors).toEqual([]);
});
