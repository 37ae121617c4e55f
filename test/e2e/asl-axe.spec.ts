/**
 * axe-core over the main screens of the graph workspace (welcome, graph, graph with details and code, Korean): no
 * serious or critical accessibility violations.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from './fixtures.ts';

async function serious(page: Page, what: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('no serious accessibility violations on the main graph screens', async ({ page, consoleErrors }) => {
  test.setTimeout(90_000);
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-testid="state-node"]').first()).toBeVisible();
  const found: string[] = [];
  found.push(...(await serious(page, 'graph')));
  await page.locator('[data-testid="state-node"]').first().click();
  await page.getByTestId('code-toggle').click();
  await expect(page.locator('.cm-content')).toBeVisible();
  found.push(...(await serious(page, 'graph + details + code')));
  await page.getByTestId('lang-select').selectOption('ko');
  await expect(page.getByTestId('find-button')).toHaveText('찾기');
  found.push(...(await serious(page, 'Korean')));
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').first().click();
  found.push(...(await serious(page, 'welcome')));
  expect(found).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
