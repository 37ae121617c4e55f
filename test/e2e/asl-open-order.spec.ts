/**
 * What an open does first: the graph. A new tab's host validation (a request carrying the whole text, and a core
 * taken by the host's validator) waits until its first drawing has been painted; it still runs, once, for the text
 * shown. Checked by order, not by time: when the page sends the request, the new tab's nodes are already drawn.
 */
import { generateAsl } from '../../bench/gen-asl.ts';
import { test, expect } from './fixtures.ts';

test('a new tab asks the host to validate only once its graph is drawn, and does ask', async ({ page }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.evaluate(() => {
    const calls: { tab: string; nodes: number }[] = [];
    (window as unknown as { __validateCalls: typeof calls }).__validateCalls = calls;
    const original = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input instanceof Request ? input.url : input).includes('/api/call/asl.validate')) {
        calls.push({
          tab: document.querySelector('.ss-tab.is-active')?.textContent ?? '',
          nodes: document.querySelectorAll('main[data-testid="document"] .react-flow__node').length,
        });
      }
      return original(input, init);
    };
  });
  const text = JSON.stringify(generateAsl(1000), null, 2);
  const validated = page.waitForResponse((r) => r.url().includes('/api/call/asl.validate'), { timeout: 60_000 });
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'order.asl.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  expect((await validated).ok()).toBe(true);
  const calls = await page.evaluate(
    () => (window as unknown as { __validateCalls: { tab: string; nodes: number }[] }).__validateCalls,
  );
  const forTab = calls.filter((c) => c.tab.includes('order.asl.json'));
  expect(forTab.length).toBe(1);
  expect(forTab[0]!.nodes).toBeGreaterThan(0);
});
