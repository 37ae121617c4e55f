/** Links to a view: the URL names the document, machine and state, and opening that URL shows the same view. */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, node, EDIT_MACHINE } from './fixtures.ts';

test('the URL follows the selection, and a reload or a pasted link opens the same view', async ({
  page,
  app,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
  const name = await page.locator('[data-testid="state-node"]').nth(2).locator('xpath=..').getAttribute('data-id');
  await node(page, name!).click();
  await expect
    .poll(() => new URL(page.url()).hash)
    .toContain(`state=${encodeURIComponent(name!).replace(/%20/g, '+')}`);
  expect(new URL(page.url()).hash).toContain('doc=sample%3A');
  // Reload: the same state is selected, with its details.
  await page.reload();
  await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText(name!);
  await expect(node(page, name!)).toHaveClass(/selected/);

  // A link to a file on this computer, pasted into a new tab of the same browser.
  const file = path.join(app.dataDir, 'linked.asl.json');
  fs.writeFileSync(file, JSON.stringify(EDIT_MACHINE, null, 2));
  const other = await page.context().newPage();
  // The page lives under its run's own path (see the web-mode token scoping): the link keeps it.
  const here = new URL(page.url());
  await other.goto(`${here.origin}${here.pathname}#${new URLSearchParams({ doc: file, state: 'Wait A Bit' })}`);
  await expect(other.locator('.ss-tab.is-active')).toContainText('linked.asl.json');
  await expect(other.getByTestId('details-panel').getByTestId('state-name')).toHaveText('Wait A Bit');
  // Back on the welcome tab, the link goes away (nothing to link to there).
  await other.getByRole('tab', { name: 'Welcome', exact: true }).click();
  await expect.poll(() => new URL(other.url()).hash).toBe('');
  await other.close();
  expect(consoleErrors).toEqual([]);
});
