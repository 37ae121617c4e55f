/**
 * The main screens at 1024 × 700 and 1440 × 900 (and at 2× density): every part usable, pictures kept in the
 * test's output folder (test-results/) for a look.
 */
import { test, expect } from './fixtures.ts';
import { settled, viewportSettled } from './settle.ts';

for (const [width, height, scale] of [
  [1024, 700, 1],
  [1440, 900, 1],
  [1440, 900, 2],
] as const) {
  test.describe(`${width}×${height} at ${scale}×`, () => {
    test.use({ viewport: { width, height }, deviceScaleFactor: scale });

    test('the start-up sample, then a state with details and code open', async ({ page, consoleErrors }, info) => {
      await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
      await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
      await viewportSettled(page);
      await page.screenshot({ path: info.outputPath(`graph-${width}-${scale}x.png`) });
      // No state name is cut in its box (the layout sizes boxes for the bold name).
      const cut = await page
        .locator('.ss-node-line')
        .evaluateAll((lines) =>
          lines
            .filter((l) => l.scrollWidth > l.clientWidth + 0.5 && !l.textContent?.endsWith('\u2026'))
            .map((l) => l.textContent),
        );
      expect(cut).toEqual([]);
      await page.locator('[data-testid="state-node"]').first().click();
      await page.getByTestId('code-toggle').click();
      await expect(page.locator('.cm-content')).toBeVisible();
      await settled(page);
      await page.screenshot({ path: info.outputPath(`panels-${width}-${scale}x.png`) });
      // With both panels open the graph keeps a usable width.
      const canvas = (await page.getByTestId('graph').boundingBox())!;
      expect(canvas.width).toBeGreaterThanOrEqual(width * 0.3);
      expect(consoleErrors).toEqual([]);
    });
  });
}
