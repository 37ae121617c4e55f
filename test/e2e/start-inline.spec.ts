/**
 * Web mode writes the host's start-up answer into the page (shared/start-inline.ts): the first graph is drawn
 * without the page calling the host first, and what the host or the URL names still wins over the first sample.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COUNT_COMMITS, type Commit } from '../../bench/react-commits.ts';
import { expect, test } from './fixtures.ts';

test('the first sample is drawn with no host call from the page before it', async ({
  context,
  app,
  appRoot,
  consoleErrors,
}) => {
  const page = await context.newPage();
  // Every host call the page makes, and what the page had asked for when the first graph node appeared.
  const apiCalls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/call/')) apiCalls.push(r.url().replace(/.*\/api\/call\//, ''));
  });
  // Host calls the page starts before its first graph node has been painted: the ones it makes at start-up (the
  // session, notices, note markers, the host's validation) wait for that frame (renderer/src/app/after-paint.ts).
  await page.addInitScript(`(() => {
    window.__callsBeforeFirstNode = [];
    const fetch0 = window.fetch;
    window.fetch = function (input, init) {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/api/call/') && window.__atFirstNode === undefined) window.__callsBeforeFirstNode.push(url.replace(/.*\\/api\\/call\\//, ''));
      return fetch0.call(this, input, init);
    };
    const tick = () => {
      if (document.querySelector('.react-flow__node')) window.__atFirstNode = performance.getEntriesByType('resource').map((e) => e.name.replace(location.origin, ''));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`);
  await page.goto(app.url);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.locator('.ss-tab.is-active')).toContainText('order-processing');
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  // What the page had asked for when the first node appeared: the files index.html names, nothing else (no host
  // call, no view's code, no worker).
  const asked = ((await page.evaluate('window.__atFirstNode')) as string[]).filter((u) => !u.endsWith('/favicon.ico'));
  const html = fs.readFileSync(path.join(appRoot, 'out', 'renderer', 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  expect(asked.map((u) => u.replace(/^\/[0-9a-f]+\//, '')).sort()).toEqual(named.sort());
  // The host answered app.start once, for the page itself; the page never asked over HTTP.
  expect(app.calls.filter((c) => c === 'app.start')).toEqual(['app.start']);
  expect(apiCalls).not.toContain('app.start');
  expect(await page.evaluate('window.__callsBeforeFirstNode')).toEqual([]);
  // …and they were made after it (the guard above would pass vacuously if the page had stopped making them).
  await expect.poll(() => apiCalls.filter((c) => c === 'notes.annotations.list').length).toBeGreaterThan(0);
  await expect.poll(() => apiCalls.filter((c) => c === 'session.setOpenDocuments').length).toBeGreaterThan(0);
  expect(await page.locator('#statescope-start').count()).toBe(0);
  expect(consoleErrors).toEqual([]);
  await page.close();
});

for (const [what, hash] of [
  ['the first sample', ''],
  ['a document named in the URL', `#doc=${encodeURIComponent('sample:human-approval')}`],
] as const) {
  test(`the shell's first commit already draws the nodes of ${what}`, async ({ context, app }) => {
    const page = await context.newPage();
    await page.addInitScript(COUNT_COMMITS);
    await page.goto(`${app.url}${hash}`);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    const commits = (await page.evaluate('window.__commits')) as Commit[];
    // Before the first render waited for start-up (mount.tsx), a linked document came after an empty shell and
    // its updates; and React Flow, which takes its nodes into its store in an effect, drew them one commit after
    // the graph's own (GraphCanvas.tsx puts the first ones in before): five commits without a node for a link,
    // one for the first sample.
    expect(commits.findIndex((c) => c.nodes > 0)).toBe(0);
    await page.close();
  });
}

test('a document named in the URL opens instead of the first sample', async ({ context, app }) => {
  const page = await context.newPage();
  await page.goto(`${app.url}#doc=${encodeURIComponent('sample:human-approval')}`);
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.ss-tab.is-active')).toContainText('human-approval');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByRole('tab', { name: /order-processing/ })).toHaveCount(0);
  await page.close();
});

test.describe('a file named at launch', () => {
  test.use({
    launchFiles: [
      path.join('test', 'corpus', 'asl', 'valid', 'sfn-devguide', 'sample-etl-orchestration__block01.asl.json'),
    ],
  });

  test('opens instead of the first sample', async ({ context, app }) => {
    const page = await context.newPage();
    await page.goto(app.url);
    await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('.ss-tab.is-active')).toContainText('sample-etl-orchestration__block01');
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect(page.getByRole('tab', { name: /order-processing/ })).toHaveCount(0);
    await page.close();
  });
});
