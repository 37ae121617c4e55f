/**
 * Crash recovery: the window tells the host which documents are open, and a reloaded window (what the desktop
 * shell does after a renderer crash) reopens them. Errors the page does not handle reach the host's log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';

test('a reloaded window reopens the documents that were open', async ({ page, app, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const file = path.join(app.dataDir, 'restore-me.asl.json');
  fs.writeFileSync(file, JSON.stringify({ StartAt: 'Kept Across Reload', States: { 'Kept Across Reload': { Type: 'Succeed' } } }));
  await page.getByTestId('open-path').fill(file);
  await page.getByTestId('open-path').press('Enter');
  await expect(page.locator('.react-flow__node[data-id="Kept Across Reload"]')).toBeVisible();
  await expect.poll(() => app.calls.filter((c) => c === 'session.setOpenDocuments').length).toBeGreaterThan(0);

  await page.reload();
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('tab', { name: /restore-me\.asl\.json/ })).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="Kept Across Reload"]')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('an unhandled error in the page is written to the host log', async ({ page, app }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('deliberate failure for the log');
    }, 0);
  });
  await expect.poll(() => app.calls.includes('log.error')).toBe(true);
});
