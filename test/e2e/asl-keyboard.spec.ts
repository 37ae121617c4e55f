/** Keyboard use of the graph: a skip link, a visible focus ring on the state reached with Tab, Enter for details. */
import { test, expect } from './fixtures.ts';

test('skip link, focus ring on a state reached with Tab, Enter opens its details', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
  // The skip link comes first in the tab order (before the header's first button) and is shown when focused.
  await page.locator('header button').first().focus();
  await page.keyboard.press('Shift+Tab');
  const skip = page.getByTestId('skip-link');
  await expect(skip).toBeFocused();
  const box = (await skip.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('graph')).toBeFocused();
  // Tab moves into the drawing: a state gets focus and shows a ring.
  let focusedState: string | null = null;
  for (let i = 0; i < 30 && !focusedState; i++) {
    await page.keyboard.press('Tab');
    focusedState = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.classList.contains('react-flow__node') && el.querySelector('[data-testid="state-node"]')
        ? el.getAttribute('data-id')
        : null;
    });
  }
  expect(focusedState).not.toBeNull();
  const ring = await page.evaluate(() => {
    const box = document.activeElement!.querySelector('.ss-node')!;
    const style = getComputedStyle(box);
    return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText(focusedState!);
  expect(consoleErrors).toEqual([]);
});
