/**
 * Links and memory in web mode (issue "Links and memory"): URL routes for an execution drawn on a machine, an
 * X-Ray trace drawn on a machine and an X-Ray tab; a link that is not a documented route opens nothing; a reload
 * reopens the tabs that were open, X-Ray tabs included (a fresh visit still starts clean: session-restore.spec.ts);
 * opened files are listed on the Welcome page; at 1024 × 700 the X-Ray notes panel collapses to a tab.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, EDIT_MACHINE, type Page } from './fixtures.ts';

// Each test loads, reloads or opens the app in several pages; on a shared, busy machine that needs more than 30 s.
test.describe.configure({ timeout: 90_000 });

const MACHINE = 'sample:order-processing';
const HISTORY = 'sample:history-order-processing-succeeded';
const XRAY = 'sample:xray-order-processing-execution';
const TRACE = '1-692aab84-e302123b7000bfe42530f72e';

/** The page's own address (its run's path) with a fragment. */
function at(page: Page, params: [string, string][]): string {
  const here = new URL(page.url());
  return `${here.origin}${here.pathname}#${new URLSearchParams(params)}`;
}

const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.slice(1));

async function ready(page: Page) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
}

test('an execution link draws that history on that machine, and the URL names it', async ({ page, consoleErrors }) => {
  await ready(page);
  await page.goto(
    at(page, [
      ['doc', MACHINE],
      ['execution', HISTORY],
    ]),
  );
  await ready(page);
  await expect(page.locator('.ss-tab.is-active')).toContainText('order-processing');
  await expect(page.locator('.ss-tab.is-active').getByTestId('overlay-marker')).toBeVisible();
  await expect(page.getByTestId('overlay-legend')).toBeVisible();
  await expect(page.getByTestId('execution-status')).toBeVisible();
  await expect.poll(() => hashParams(page).get('execution')).toBe(HISTORY);
  expect(hashParams(page).get('doc')).toBe(MACHINE);
  // The same link opened afresh (start-up reads it) shows the same drawing.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await ready(other);
  await expect(other.locator('.ss-tab.is-active').getByTestId('overlay-marker')).toBeVisible();
  await expect(other.getByTestId('execution-status')).toBeVisible();
  await other.close();
  // Clearing the drawing drops it from the link.
  await page.getByTestId('overlay-clear').click();
  await expect(page.getByTestId('overlay-legend')).toHaveCount(0);
  await expect.poll(() => hashParams(page).get('execution')).toBeNull();
  expect(consoleErrors).toEqual([]);
});

test('a trace link opens the X-Ray file and draws the trace on the machine; an X-Ray tab has its own link', async ({
  page,
  consoleErrors,
}) => {
  await ready(page);
  await page.goto(
    at(page, [
      ['doc', MACHINE],
      ['xray', XRAY],
      ['trace', TRACE],
    ]),
  );
  await ready(page);
  await expect(page.locator('[data-testid="tab"][data-tab-kind="xray"]')).toHaveCount(1);
  await expect(page.getByTestId('overlay-legend')).toContainText(TRACE);
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'asl');
  await expect.poll(() => hashParams(page).get('trace')).toBe(TRACE);
  expect(hashParams(page).getAll('xray')).toEqual([XRAY]);

  // The X-Ray tab itself: its link reopens it in a new page.
  await page.locator('[data-testid="tab"][data-tab-kind="xray"] .ss-tab-label').click();
  await expect.poll(() => hashParams(page).getAll('xray')).toEqual([XRAY]);
  expect(hashParams(page).get('doc')).toBeNull();
  const other = await page.context().newPage();
  await other.goto(page.url());
  await ready(other);
  await expect(other.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'xray');
  await expect(other.getByTestId('xray-workspace')).toBeVisible();
  await other.close();
  expect(consoleErrors).toEqual([]);
});

test('a link that is not a documented route opens nothing of its own, at start-up or pasted', async ({
  page,
  app,
  consoleErrors,
}) => {
  await ready(page);
  const callsBefore = app.calls.length;
  for (const bad of [
    [
      ['doc', MACHINE],
      ['cmd', 'x'],
    ],
    [['execution', HISTORY]],
    [['doc', 'relative/flow.json']],
    [
      ['doc', MACHINE],
      ['trace', TRACE],
    ],
  ] as [string, string][][]) {
    const link = at(page, bad);
    await page.goto('about:blank');
    await page.goto(link);
    await ready(page);
    // The ordinary start: the first sample, with nothing drawn on it and no X-Ray tab.
    await expect(page.getByTestId('overlay-legend')).toHaveCount(0);
    await expect(page.locator('[data-testid="tab"][data-tab-kind="xray"]')).toHaveCount(0);
  }
  // Pasted into the running page (only the fragment changes): still nothing.
  await page.goto(
    at(page, [
      ['doc', '/etc/passwd'],
      ['run', '1'],
    ]),
  );
  await expect(page.locator('[data-testid="tab"]')).toHaveCount(2);
  expect(app.calls.slice(callsBefore)).not.toContain('files.read');
  expect(consoleErrors).toEqual([]);
});

test('a reload reopens the open tabs, X-Ray tabs included, and shows the one that was shown', async ({
  page,
  consoleErrors,
}) => {
  await ready(page);
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').first().click();
  await page.locator('[data-testid="sample"][data-sample-id="human-approval"]').click();
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').first().click();
  await page.locator('[data-testid="sample"][data-sample-id="xray-order-processing-execution"]').click();
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'xray');
  await page.getByTestId('open-notes').click();
  await page.locator('[data-testid="tab"][data-tab-kind="xray"] .ss-tab-label').click();
  const titles = async () => (await page.getByTestId('tab').allTextContents()).map((t) => t.replace(/×$/, ''));
  const before = await titles();
  expect(before).toHaveLength(5);

  await page.reload();
  await ready(page);
  await expect.poll(titles).toEqual(before);
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'xray');
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('files opened by path are listed on the Welcome page in web mode, and open from there', async ({
  page,
  app,
  consoleErrors,
}) => {
  await ready(page);
  await expect(page.getByTestId('recent-files')).toHaveCount(0);
  const file = path.join(app.dataDir, 'remembered.asl.json');
  fs.writeFileSync(file, JSON.stringify(EDIT_MACHINE, null, 2));
  await page.getByTestId('open-path').fill(file);
  await page.getByTestId('open-path').press('Enter');
  await expect(page.locator('.ss-tab.is-active')).toContainText('remembered.asl.json');

  // A new visit (not a reload): nothing reopened, but the file is in the Welcome page's list.
  const here = new URL(page.url());
  await page.goto(`${here.origin}${here.pathname}`);
  await ready(page);
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').first().click();
  await expect(page.getByTestId('recent-file')).toHaveCount(1);
  await expect(page.getByTestId('recent-file')).toContainText(file);
  await page.getByTestId('recent-file').click();
  await expect(page.locator('.ss-tab.is-active')).toContainText('remembered.asl.json');
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').first().click();
  await page.getByTestId('recent-clear').click();
  await expect(page.getByTestId('recent-files')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

async function openXraySample(page: Page) {
  await ready(page);
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').first().click();
  await page.locator('[data-testid="sample"][data-sample-id="xray-api-lambda-dynamodb-s3"]').click();
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
}

const widthOf = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())?.width ?? 0;

test('at 1024 × 700 the X-Ray notes collapse to a tab and the timeline keeps the room', async ({
  page,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openXraySample(page);
  await expect(page.getByTestId('xray-notes')).toHaveCount(0);
  await expect(page.getByTestId('xray-notes-tab')).toBeVisible();
  expect(await widthOf(page, 'xray-notes-tab')).toBeLessThanOrEqual(40);
  const main = page.locator('.ss-xray-host:not([hidden]) .ss-xray-main');
  expect((await main.boundingBox())!.width).toBeGreaterThanOrEqual(1024 - 45);

  // Opened on demand: at most half the window, the timeline keeps the rest; closed again to the tab.
  await page.getByTestId('xray-notes-tab').click();
  await expect(page.getByTestId('xray-notes')).toBeVisible();
  const notes = await widthOf(page, 'xray-notes');
  expect(notes).toBeGreaterThanOrEqual(200);
  expect(notes).toBeLessThanOrEqual(512);
  expect((await main.boundingBox())!.width).toBeGreaterThanOrEqual(1024 / 2 - 10);
  await page.getByTestId('xray-notes-close').click();
  await expect(page.getByTestId('xray-notes')).toHaveCount(0);
  await expect(page.getByTestId('xray-notes-tab')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('at 1440 the X-Ray notes are open beside the timeline', async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openXraySample(page);
  await expect(page.getByTestId('xray-notes')).toBeVisible();
  await expect(page.getByTestId('xray-notes-tab')).toHaveCount(0);
  expect(await widthOf(page, 'xray-notes')).toBeGreaterThanOrEqual(280);
  expect(consoleErrors).toEqual([]);
});
