/**
 * The tab strip: failed opens share one dismissible message, files with the same name read apart by folder, a new
 * tab is scrolled into view, and the unsaved marker appears only after a real edit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, node, EDIT_MACHINE } from './fixtures.ts';

async function openPath(page: import('@playwright/test').Page, file: string) {
  await page.getByTestId('open-path').fill(file);
  await page.getByTestId('open-path').press('Enter');
}

test('failed opens are listed in one message, not one tab each', async ({ page, app, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const tabs = await page.getByTestId('tab').count();
  for (const name of ['missing-1.json', 'missing-2.json', 'missing-3.json']) {
    await openPath(page, path.join(app.dataDir, name));
    await expect(page.getByTestId('open-errors')).toContainText(/missing-|3 files/);
  }
  await expect(page.getByTestId('tab')).toHaveCount(tabs);
  const bar = page.getByTestId('open-errors');
  await expect(bar).toContainText('3 files');
  await bar.locator('summary').click();
  for (const name of ['missing-1.json', 'missing-2.json', 'missing-3.json']) await expect(bar).toContainText(name);
  await page.getByTestId('open-errors-close').click();
  await expect(bar).toHaveCount(0);
  expect(consoleErrors.filter((e) => !/Failed to load resource: .* 404/.test(e))).toEqual([]);
});

test('two files with the same name get their folder in the tab; a new tab is scrolled into view', async ({
  page,
  app,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const text = JSON.stringify(EDIT_MACHINE, null, 2);
  for (const folder of ['orders', 'billing']) {
    fs.mkdirSync(path.join(app.dataDir, folder));
    fs.writeFileSync(path.join(app.dataDir, folder, 'machine.asl.json'), text);
  }
  await openPath(page, path.join(app.dataDir, 'orders', 'machine.asl.json'));
  await expect(node(page, 'Check Order')).toBeVisible();
  await expect(page.locator('.ss-tab.is-active')).toContainText(/^machine\.asl\.json/);
  await openPath(page, path.join(app.dataDir, 'billing', 'machine.asl.json'));
  await expect(page.locator('.ss-tab', { hasText: 'machine.asl.json — orders' })).toHaveCount(1);
  await expect(page.locator('.ss-tab.is-active')).toContainText('machine.asl.json — billing');
  // Enough tabs to overflow the strip: the newest is still in view.
  for (let i = 0; i < 8; i++) {
    const file = path.join(app.dataDir, `a-rather-long-file-name-number-${i}.asl.json`);
    fs.writeFileSync(file, text);
    await openPath(page, file);
    await expect(page.locator('.ss-tab.is-active')).toContainText(`number-${i}`);
  }
  const strip = (await page.getByTestId('tabs').boundingBox())!;
  const activeTab = (await page.locator('.ss-tab.is-active').boundingBox())!;
  expect(activeTab.x).toBeGreaterThanOrEqual(strip.x - 1);
  expect(activeTab.x + activeTab.width).toBeLessThanOrEqual(strip.x + strip.width + 1);
  // Nothing was edited: no unsaved marker anywhere.
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
