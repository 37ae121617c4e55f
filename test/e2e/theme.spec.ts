/**
 * The theme setting end to end: the top-bar control sets the root's data-theme, the stylesheet colours, React
 * Flow's colour mode and the code view follow it, the choice survives a reload (from this window's storage and,
 * with that cleared, from the host's settings), and "System" follows the OS live.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from './fixtures.ts';

const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(20, 24, 29)';

const rootTheme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function graphShown(page: Page) {
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

test('Dark applies everywhere, is saved, and is kept after a reload', async ({ page, app, consoleErrors }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await graphShown(page);
  const select = page.getByTestId('theme-select');
  await expect(select).toHaveValue('system');
  expect(await rootTheme(page)).toBe('light');
  expect(await bodyBackground(page)).toBe(LIGHT_BG);
  await expect(page.locator('.react-flow').first()).toHaveClass(/\blight\b/);

  await select.selectOption('dark');
  await expect.poll(() => rootTheme(page)).toBe('dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);
  await expect(page.locator('.react-flow').first()).toHaveClass(/\bdark\b/);
  // The code view takes the dark colours too.
  if ((await page.getByTestId('code-view').count()) === 0) await page.getByTestId('code-toggle').click();
  await expect(page.locator('.cm-editor').first()).toBeVisible();
  expect(
    await page
      .locator('.cm-editor')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor),
  ).toBe(DARK_BG);

  // Saved in the host's settings.
  await expect.poll(() => app.calls.includes('settings.set')).toBe(true);
  const settingsFile = path.join(app.dataDir, 'settings.json');
  await expect
    .poll(() => (fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')).theme : null))
    .toBe('dark');

  await page.reload();
  await graphShown(page);
  await expect(page.getByTestId('theme-select')).toHaveValue('dark');
  expect(await rootTheme(page)).toBe('dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);

  // Without this window's own copy, the host's settings bring it back.
  await page.evaluate(() => window.localStorage.removeItem('statescope.theme'));
  await page.reload();
  await graphShown(page);
  await expect(page.getByTestId('theme-select')).toHaveValue('dark');
  await expect.poll(() => rootTheme(page)).toBe('dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);
  expect(consoleErrors).toEqual([]);
});

test('System follows the OS live; Light and Dark override it', async ({ page, consoleErrors }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await graphShown(page);
  await expect(page.getByTestId('theme-select')).toHaveValue('system');
  expect(await rootTheme(page)).toBe('light');

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => rootTheme(page)).toBe('dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);
  await expect(page.locator('.react-flow').first()).toHaveClass(/\bdark\b/);

  await page.getByTestId('theme-select').selectOption('light');
  await expect.poll(() => rootTheme(page)).toBe('light');
  expect(await bodyBackground(page)).toBe(LIGHT_BG);
  await expect(page.locator('.react-flow').first()).toHaveClass(/\blight\b/);

  await page.getByTestId('theme-select').selectOption('system');
  await expect.poll(() => rootTheme(page)).toBe('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => rootTheme(page)).toBe('light');
  expect(await bodyBackground(page)).toBe(LIGHT_BG);
  expect(consoleErrors).toEqual([]);
});

test('the X-Ray workspace and its service map follow the theme', async ({ page, consoleErrors }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('file-input').setInputFiles([
    {
      name: 'service-graph.json',
      mimeType: 'application/json',
      buffer: fs.readFileSync(path.join(import.meta.dirname, '../../samples/xray/service-graph.json')),
    },
  ]);
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
  await page.getByTestId('xray-tab-map').click();
  const map = page.getByTestId('xray-workspace').locator('.react-flow');
  await expect(map).toHaveClass(/\blight\b/);
  const workspaceColour = () => page.getByTestId('xray-workspace').evaluate((el) => getComputedStyle(el).color);
  const lightColour = await workspaceColour();
  await page.getByTestId('theme-select').selectOption('dark');
  await expect(map).toHaveClass(/\bdark\b/);
  expect(await workspaceColour()).toBe('rgb(227, 232, 238)');
  expect(lightColour).not.toBe('rgb(227, 232, 238)');
  expect(consoleErrors).toEqual([]);
});

test('the control is labelled in Korean', async ({ page }) => {
  await page.getByTestId('lang-select').selectOption('ko');
  const select = page.getByTestId('theme-select');
  await expect(select).toHaveAttribute('aria-label', '테마');
  await expect(select.locator('option')).toHaveText(['시스템 테마', '밝게', '어둡게']);
});
