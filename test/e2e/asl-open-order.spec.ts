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
    const calls: { tab: string; nodes: number; answered: boolean }[] = [];
    (window as unknown as { __validateCalls: typeof calls }).__validateCalls = calls;
    const original = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const response = original(input, init);
      if (String(input instanceof Request ? input.url : input).includes('/api/call/asl.validate')) {
        const call = {
          tab: document.querySelector('.ss-tab.is-active')?.textContent ?? '',
          nodes: document.querySelectorAll('main[data-testid="document"] .react-flow__node').length,
          answered: false,
        };
        calls.push(call);
        void response.then((r) => (call.answered = r.ok));
      }
      return response;
    };
  });
  const text = JSON.stringify(generateAsl(1000), null, 2);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'order.asl.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  // The new tab's own request, answered. (The start-up sample's validation also waits for a frame, so it may be
  // answered after the page is ready: the requests are told apart by the tab shown when each was sent.)
  const forTab = () =>
    page.evaluate(() =>
      (
        window as unknown as { __validateCalls: { tab: string; nodes: number; answered: boolean }[] }
      ).__validateCalls.filter((c) => c.tab.includes('order.asl.json')),
    );
  await expect.poll(async () => (await forTab()).some((c) => c.answered), { timeout: 60_000 }).toBe(true);
  const calls = await forTab();
  expect(calls.length).toBe(1);
  expect(calls[0]!.nodes).toBeGreaterThan(0);
});
