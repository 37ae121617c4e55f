/**
 * The page's code in parts (renderer/src/app/boot.ts, lazy-views.tsx): a view loaded when first shown says so
 * while its code is on the way, and a shell that cannot be loaded at all leaves a message, never a blank page.
 */
import { expect, test } from './fixtures.ts';

test('the study notes say "Loading…" while their code is on the way, then open', async ({ page }) => {
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  // Hold back the notes browser's code until the loading state has been seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/NotesBrowser-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId('open-notes').click();
  await expect(page.getByTestId('view-loading')).toBeVisible();
  await expect(page.getByTestId('view-loading')).toHaveText('Loading…');
  release();
  await expect(page.getByTestId('notes-browser-tab')).toBeVisible();
  await expect(page.getByTestId('view-loading')).toHaveCount(0);
});

test('a shell that cannot be loaded leaves a message, not a blank page', async ({ context, app }) => {
  const page = await context.newPage();
  await page.route(/\/assets\/mount-[^/]+\.js$/, (route) => route.abort());
  await page.goto(app.url);
  await expect(page.getByTestId('boot-error')).toBeVisible();
  await expect(page.getByTestId('boot-error')).toContainText('Statescope could not load');
  await page.close();
});
