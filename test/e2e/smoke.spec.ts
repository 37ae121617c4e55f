/**
 * End to end through the real pipeline: host + web bridge (token cookie) → built renderer → worker (load,
 * graph, layout) → React Flow. The expected states come from the same loader the app uses, run here in Node.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph } from '../../shared/asl/graph.ts';
import { loadDocument } from '../../shared/asl/load.ts';
import { expect, test, type Page } from './fixtures.ts';

const ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'asl', 'index.json'), 'utf8')) as {
  id: string;
  name: string;
  file: string;
}[];
const first = index[0]!;
const firstPath = path.join(ROOT, 'samples', 'asl', first.file);

/** Top-level state names of the first sample, as the app's own loader sees them. */
async function expectedStates(): Promise<string[]> {
  const doc = await loadDocument(firstPath, fs.readFileSync(firstPath, 'utf8'), {
    readFile: async (rel, from) => fs.readFileSync(path.resolve(path.dirname(from), rel), 'utf8'),
  });
  const graph = buildGraph(doc.machines[0]!);
  return graph.states.filter((s) => s.parent === null).map((s) => s.id);
}

async function expectNodes(page: Page, names: string[]) {
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) {
    await expect(page.locator(`.react-flow__node[data-id="${name.replaceAll('"', '\\"')}"]`)).toBeVisible();
  }
}

test('the page loads over the token cookie, opens the first sample and draws its states, without console errors', async ({
  page,
  consoleErrors,
}) => {
  // The token is gone from the URL (the page lives under its run's random path); the fragment names the view shown
  // (see asl-links.spec.ts).
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/(#doc=[^?]*)?$/);
  // With no launch files the app opens the first state-machine sample by itself.
  await expectNodes(page, await expectedStates());
  await expect(page.locator('[data-testid="tab"][data-tab-kind="asl"]')).toContainText(first.file);
  expect(consoleErrors).toEqual([]);
});

test('the welcome tab lists every bundled state-machine sample and opens one', async ({ page, consoleErrors }) => {
  const names = await expectedStates();
  await expectNodes(page, names); // the automatic opening of the first sample is over
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  for (const sample of index) {
    await expect(page.locator(`[data-testid="sample"][data-sample-id="${sample.id}"]`)).toContainText(sample.name);
  }
  await page.locator(`[data-testid="sample"][data-sample-id="${first.id}"]`).click();
  await expect(page.getByTestId('welcome')).toBeHidden();
  await expectNodes(page, names);
  expect(consoleErrors).toEqual([]);
});

test.describe('launch files', () => {
  test.use({ launchFiles: [path.join('samples', 'asl', first.file)] });

  test('a file named at launch opens without a click', async ({ page, consoleErrors }) => {
    await expectNodes(page, await expectedStates());
    expect(consoleErrors).toEqual([]);
  });
});

test('host events reach the page over Server-Sent Events (files.open opens a tab)', async ({
  page,
  app,
  consoleErrors,
}) => {
  await expectNodes(page, await expectedStates());
  const other = index[1]!;
  const otherPath = path.join(ROOT, 'samples', 'asl', other.file);
  const tabs = page.locator('[data-testid="tab"][data-tab-kind="asl"]');
  await expect(tabs).toHaveCount(1);
  // The page subscribes when it starts; emit until the stream is open, then only once more is harmless.
  await expect(async () => {
    app.handOver([otherPath]);
    await expect(tabs.filter({ hasText: other.file })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  expect(consoleErrors).toEqual([]);
});

test('the API refuses a request without the token', async ({ app, request }) => {
  const refused = await request.post(`${app.origin}/api/call/app.info`, { data: {} });
  expect(refused.status()).toBe(401);
  const allowed = await request.post(`${app.origin}/api/call/app.info`, {
    data: {},
    headers: { Authorization: `Bearer ${app.token}` },
  });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ mode: 'web' });
});

test('a page served from another local port cannot use the API, even though the browser sends the cookie', async ({
  page,
  app,
}) => {
  await expectNodes(page, await expectedStates()); // logged in: the cookie is set for 127.0.0.1
  // Ports do not separate sites, so SameSite=Strict still sends the cookie from here; the Origin check must refuse.
  const evil = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<!doctype html><script>
      fetch(${JSON.stringify(`${app.origin}${app.base}/api/call/files.read`)}, {
        method: 'POST', mode: 'no-cors', credentials: 'include',
        headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ path: '/etc/hostname' }),
      }).finally(() => { document.title = 'sent'; });
    </script>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  try {
    const attack = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/api/call/files.read'));
    const before = app.calls.length;
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    await attack;
    await expect(page).toHaveTitle('sent');
    // The host never ran it (it answered 403 to the foreign Origin; without that check this call does run, with
    // the cookie the browser attached), and the browser could not read the answer.
    expect(app.calls.slice(before)).not.toContain('files.read');
  } finally {
    evil.close();
  }
});
