/** Korean: the document toolbar, the details panel, the problems strip and the status bar follow the language. */
import { test, expect } from './fixtures.ts';

test('switching to Korean changes the toolbar, details panel and status bar', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
  await page.getByTestId('lang-select').selectOption('ko');
  await expect(page.getByTestId('find-button')).toHaveText('찾기');
  await expect(page.getByTestId('export-svg')).toHaveText('SVG 내보내기');
  await expect(page.getByTestId('code-toggle')).toHaveText('코드');
  await expect(page.getByTestId('status')).toContainText(/상태 \d+개/);
  await page.locator('[data-testid="state-node"]').first().click();
  const panel = page.getByTestId('details-panel');
  await expect(panel.getByTestId('side-tab-details')).toHaveText('세부 정보');
  await expect(panel).toContainText('쿼리 언어');
  await expect(page.locator('[data-testid="start-marker"]').first()).toHaveText('시작');
  // And back.
  await page.getByTestId('lang-select').selectOption('en');
  await expect(page.getByTestId('find-button')).toHaveText('Find');
  await expect(page.getByTestId('status')).toContainText(/\d+ states/);
  expect(consoleErrors).toEqual([]);
});
