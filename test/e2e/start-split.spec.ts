/**
 * The page's code in parts (renderer/src/app/boot.ts, lazy-views.tsx): a view loaded when first shown says so
 * while its code is on the way, and a shell that cannot be loaded at all leaves a message, never a blank page.
 */
import { expect, test } from './fixtures.ts';

test('the study notes say "Loading…" while their code is on the way, then open', async ({ context, app }) => {
  // Hold back the notes browser's code (fetched when first shown, or earlier when the page is idle after start)
  // until the loading state has been seen.
  const page = await context.newPage();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/NotesBrowser-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(app.url);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByTestId('open-notes').click();
  await expect(page.getByTestId('view-loading')).toBeVisible();
  await expect(page.getByTestId('view-loading')).toHaveText('Loading…');
  release();
  await expect(page.getByTestId('notes-browser-tab')).toBeVisible();
  await expect(page.getByTestId('view-loading')).toHaveCount(0);
  await page.close();
});

test('a view whose code came while the page was idle opens without a loading state', async ({ context, app }) => {
  const page = await context.newPage();
  const fetched = page.waitForResponse(/\/assets\/NotesBrowser-[^/]+\.js$/);
  await page.goto(app.url);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await fetched;
  // The module has run once its chunk is in; give the import a moment to settle before the click.
  await page.waitForTimeout(200);
  const loadingSeen = page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const seen = () => !!document.querySelector('[data-testid="view-loading"]');
        const observer = new MutationObserver(() => {
          if (seen()) {
            observer.disconnect();
            resolve(true);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        setTimeout(() => {
          observer.disconnect();
          resolve(seen());
        }, 1500);
      }),
  );
  await page.getByTestId('open-notes').click();
  await expect(page.getByTestId('notes-browser-tab')).toBeVisible();
  expect(await loadingSeen).toBe(false);
  await page.close();
});

test('a shell that cannot be loaded leaves a message, not a blank page', async ({ context, app }) => {
  const page = await context.newPage();
  await page.route(/\/assets\/mount-[^/]+\.js$/, (route) => route.abort());
  await page.goto(app.url);
  await expect(page.getByTestId('boot-error')).toBeVisible();
  await expect(page.getByTestId('boot-error')).toContainText('Statescope could not load');
  await page.close();
});
