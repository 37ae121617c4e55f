/**
 * Crash recovery: the window tells the host which documents are open; the host hands them back only after a
 * crash of the page (the desktop shell's render-process-gone; see session-services.test.ts), so an ordinary reload
 * starts fresh. Errors the page does not handle reach the host's log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';

test('a reload is a fresh start: documents are reopened only after a crash, which web mode never has', async ({
  page,
  app,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const file = path.join(app.dataDir, 'restore-me.asl.json');
  fs.writeFileSync(
    file,
    JSON.stringify({ StartAt: 'Kept Across Reload', States: { 'Kept Across Reload': { Type: 'Succeed' } } }),
  );
  await page.getByTestId('open-path').fill(file);
  await page.getByTestId('open-path').press('Enter');
  await expect(page.locator('.react-flow__node[data-id="Kept Across Reload"]')).toBeVisible();
  await expect.poll(() => app.calls.filter((c) => c === 'session.setOpenDocuments').length).toBeGreaterThan(0);

  // The page's own address without the fragment: a link naming the document (#doc=…) reopens it by design
  // (asl-links.spec.ts); what must not come back is the session's list of open documents.
  const here = new URL(page.url());
  await page.goto(`${here.origin}${here.pathname}`);
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  // The page asked for the crashed documents (start-up's one call, app.start, carries session.getOpenDocuments).
  expect(app.calls.filter((c) => c === 'app.start').length).toBe(2);
  await expect(page.getByRole('tab', { name: /restore-me\.asl\.json/ })).toHaveCount(0);
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
