/**
 * The graph view's viewport: a readable first view, Fit View after a selection, a new fit after a collapse or an
 * edit changes the drawing's size, and the selected state kept on screen when panels open.
 */
import { test, expect, node, type Page } from './fixtures.ts';
import { viewportSettled } from './settle.ts';

/** The zoom React Flow draws at now. */
async function zoom(page: Page): Promise<number> {
  const m = await page
    .locator('.react-flow__viewport')
    .first()
    .evaluate((el) => getComputedStyle(el).transform);
  return Number(/matrix\(([^,]+)/.exec(m)![1]);
}

/** How many drawn state boxes lie wholly inside the canvas, and how many there are. */
async function onScreen(page: Page): Promise<{ inside: number; total: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="graph"]')!.getBoundingClientRect();
    const boxes = [...document.querySelectorAll('[data-testid="state-node"], [data-testid="group-node"]')].map((n) =>
      n.getBoundingClientRect(),
    );
    const inside = boxes.filter(
      (b) =>
        b.left >= canvas.left - 1 &&
        b.top >= canvas.top - 1 &&
        b.right <= canvas.right + 1 &&
        b.bottom <= canvas.bottom + 1,
    );
    return { inside: inside.length, total: boxes.length };
  });
}

/** Animated moves take 200 ms: waits until the viewport's transform stops changing. */
async function settled(page: Page) {
  await viewportSettled(page);
}

test('the first view shows state names at 11 px or more', async ({ page, consoleErrors }) => {
  for (const width of [1024, 1440]) {
    await page.setViewportSize({ width, height: 700 });
    await page.reload();
    await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
    await settled(page);
    const px = await page
      .locator('[data-testid="state-node"] .ss-node-title')
      .first()
      .evaluate((el) => {
        const scale = Number(
          /matrix\(([^,]+)/.exec(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform)![1],
        );
        return parseFloat(getComputedStyle(el).fontSize) * scale;
      });
    expect(px, `state name size at ${width} px`).toBeGreaterThanOrEqual(10.99);
    // The start of the machine is on screen.
    const start = await page.locator('[data-testid="start-marker"]').first().boundingBox();
    const canvas = (await page.getByTestId('graph').boundingBox())!;
    expect(start!.y).toBeGreaterThanOrEqual(canvas.y);
    expect(start!.y + start!.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  }
  expect(consoleErrors).toEqual([]);
});

test('Fit View works after a state has been selected and its details closed', async ({ page, consoleErrors }) => {
  await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
  await page.locator('[data-testid="state-node"]').first().click();
  await expect(page.getByTestId('details-panel')).toBeVisible();
  await page.locator('.react-flow__controls-zoomin').click();
  await page.locator('.react-flow__controls-zoomin').click();
  await settled(page);
  const zoomedIn = await zoom(page);
  await page.locator('.react-flow__controls-fitview').click();
  await settled(page);
  expect(await zoom(page)).toBeLessThan(zoomedIn);
  let seen = await onScreen(page);
  expect(seen.inside).toBe(seen.total);
  // Again with the panel closed and another zoom.
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__controls-zoomin').click();
  await settled(page);
  await page.locator('.react-flow__controls-fitview').click();
  await settled(page);
  seen = await onScreen(page);
  expect(seen.inside).toBe(seen.total);
  expect(consoleErrors).toEqual([]);
});

const WIDE = {
  StartAt: 'Begin',
  States: {
    Begin: { Type: 'Pass', Next: 'Fan Out' },
    'Fan Out': {
      Type: 'Parallel',
      Branches: ['One', 'Two', 'Three', 'Four'].map((n) => ({
        StartAt: `Step ${n} A`,
        States: {
          [`Step ${n} A`]: { Type: 'Pass', Next: `Step ${n} B` },
          [`Step ${n} B`]: { Type: 'Pass', End: true },
        },
      })),
      Next: 'Finish',
    },
    Finish: { Type: 'Succeed' },
  },
};

/** At 1024 × 700, the four-branch machine opened and settled. */
async function openWide(page: Page) {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.reload();
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'wide.asl.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(WIDE)) });
  await expect(node(page, 'Step Four B')).toBeVisible();
  await settled(page);
}

test('collapsing or expanding a group fits the new drawing', async ({ page, consoleErrors }) => {
  await openWide(page);
  const open = await zoom(page);
  await node(page, 'Fan Out').getByTestId('group-toggle').click();
  await expect(node(page, 'Step One A')).toHaveCount(0);
  await settled(page);
  // The collapsed machine is a short column: it is fitted again (closer), with every state on screen.
  expect(await zoom(page)).toBeGreaterThan(open);
  const seen = await onScreen(page);
  expect(seen.inside).toBe(seen.total);
  await node(page, 'Fan Out').getByTestId('group-toggle').click();
  await expect(node(page, 'Step Four B')).toBeVisible();
  await settled(page);
  expect(Math.abs((await zoom(page)) - open)).toBeLessThan(0.01);
  expect(consoleErrors).toEqual([]);
});

test('the selected state stays on screen when the details and code panels open', async ({ page, consoleErrors }) => {
  await openWide(page);
  // The right-most state: the details panel opens over the right of the canvas.
  await node(page, 'Step Four B').click();
  await expect(page.getByTestId('details-panel')).toBeVisible();
  await settled(page);
  const inside = async () => {
    const b = (await node(page, 'Step Four B').boundingBox())!;
    const c = (await page.getByTestId('graph').boundingBox())!;
    return b.x >= c.x && b.x + b.width <= c.x + c.width && b.y >= c.y && b.y + b.height <= c.y + c.height;
  };
  expect(await inside()).toBe(true);
  await page.getByTestId('code-toggle').click();
  await expect(page.locator('.cm-content')).toBeVisible();
  await settled(page);
  expect(await inside()).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('at 1024 px with the details open the minimap gives the narrow graph back to the nodes', async ({
  page,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.locator('.react-flow__node').first().click();
  await expect(page.getByTestId('details-panel')).toBeVisible();
  await settled(page);
  expect((await page.getByTestId('graph').boundingBox())!.width).toBeLessThan(720);
  await expect(page.locator('.react-flow__minimap')).toBeHidden();
  expect(consoleErrors).toEqual([]);
});

test('the details panel is resized with its splitter and keeps its width after a reload', async ({
  page,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
  await page.locator('[data-testid="state-node"]').first().click();
  const panel = page.getByTestId('details-panel');
  const before = (await panel.boundingBox())!.width;
  await page.getByTestId('details-splitter').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await panel.boundingBox())!.width).toBeGreaterThan(before + 70);
  const wider = (await panel.boundingBox())!.width;
  await page.reload();
  await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
  await page.locator('[data-testid="state-node"]').first().click();
  await expect
    .poll(async () => Math.round((await page.getByTestId('details-panel').boundingBox())!.width))
    .toBe(Math.round(wider));
  // Closing it gives the room back to the graph.
  await page.getByTestId('details-close').click();
  await expect(page.getByTestId('details-panel')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
