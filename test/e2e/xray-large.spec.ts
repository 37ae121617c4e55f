/**
 * X-Ray files read in the worker, in web mode: a generated trace of 20,000 spans opens its list, timeline
 * (search, details with raw JSON) and service map; a set of 200 traces filters in the worker with completion and
 * the bad-expression message; a broken file shows its message with line and column instead of a blank view.
 */
import { generateTrace, generateTraces } from '../../bench/gen-xray.ts';
import { test, expect, type Page } from './fixtures.ts';

async function openGenerated(page: Page, name: string, data: unknown) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'xray');
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
}

test('a 20,000-span trace opens: list, timeline with search and details, service map', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(90_000);
  await openGenerated(page, 'big-trace.json', { Traces: [generateTrace(20_000)], UnprocessedTraceIds: [] });
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (1)', { timeout: 30_000 });
  await page.getByTestId('xray-trace-row').first().click();
  await expect(page.getByTestId('xray-trace-head')).toContainText(/\d{5} spans/);
  const rows = page.locator('.xr-tl-body [data-testid="xray-timeline-row"]');
  await expect(rows.first()).toBeVisible();
  // Virtualized and opened with deep levels collapsed: a window of rows, not 20,000.
  expect(await rows.count()).toBeLessThan(200);
  // The entry segment's details open with the trace.
  await expect(page.getByTestId('xray-details-title')).toHaveText('api-prod');

  // Search runs in the worker; stepping to a match expands its ancestors and selects it.
  await page.getByTestId('xray-timeline-search').fill('PutItem');
  await expect(page.getByTestId('xray-timeline-matches')).toHaveText(/^1 \/ [1-9]\d*$/);
  await page.getByTestId('xray-timeline-search').press('Enter');
  await expect(page.getByTestId('xray-timeline-matches')).toHaveText(/^2 \/ /);
  await expect(page.locator('.xr-tl-row.xr-match.xr-selected')).toHaveCount(1);
  const selectedName = await page.locator('.xr-tl-row.xr-match.xr-selected .xr-tl-label').textContent();
  await expect(page.getByTestId('xray-details-title')).toHaveText(selectedName ?? '');
  await page.getByTestId('xray-details-tab-raw-json').click();
  await expect(page.getByTestId('xray-raw-json')).toContainText('"start_time"');

  await page.getByTestId('xray-collapse-all').click();
  await page.getByTestId('xray-expand-all').click();
  await expect(page.getByTestId('xray-timeline')).toContainText(/\d{5} of \d{5} rows/);

  await page.getByTestId('xray-tab-map').click();
  await expect(page.locator('[data-testid="xray-map-node"]').first()).toBeVisible();
  expect(await page.locator('[data-testid="xray-map-node"]').count()).toBeGreaterThan(5);
  expect(consoleErrors).toEqual([]);
});

test('200 traces: filtering in the worker, completion from the data, a bad expression empties the list', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(60_000);
  await openGenerated(page, 'many-traces.json', generateTraces(200, 30));
  const tab = page.getByTestId('xray-tab-traces');
  await expect(tab).toContainText('Traces (200)', { timeout: 30_000 });

  const input = page.getByTestId('xray-filter-input');
  // Every generated root answered 200: no trace is a fault at the trace level, as X-Ray defines it (HasFault is
  // the root segment's); the faults are downstream, where service() finds them.
  await input.fill('fault');
  await expect(tab).toContainText('Traces (0 of 200)');
  await input.fill('service() { fault }');
  await expect(tab).not.toContainText('Traces (0 of 200)');
  await expect(tab).toContainText(/Traces \((\d+) of 200\)/);
  const faulty = Number(/Traces \((\d+) of 200\)/.exec((await tab.textContent()) ?? '')![1]);
  expect(faulty).toBeGreaterThan(0);
  expect(faulty).toBeLessThan(200);
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(
    Math.min(faulty, await page.getByTestId('xray-trace-row').count()),
  );

  // A bad expression: the message points at the column and the list is emptied, not left showing the last one.
  await input.fill('fault AND (');
  await expect(page.getByTestId('xray-filter-error')).toContainText('Column');
  await expect(tab).toContainText('Traces (0 of 200)');
  await expect(page.getByTestId('xray-list-empty')).toContainText('the filter is not valid');

  // Completion offers the annotation keys found in the traces (collected in the worker).
  await input.fill('annotation.');
  await input.press('Control+ ');
  await expect(page.getByTestId('xray-filter-suggestions')).toContainText('annotation.tenant');
  await input.fill('');
  await input.press('Escape');
  await expect(tab).toContainText('Traces (200)');

  // The map of the filtered traces, and the traces through a node.
  await page.getByTestId('xray-tab-map').click();
  await page.locator('[data-testid="xray-map-node"]').first().click();
  await expect(page.getByTestId('xray-map-details')).toBeVisible();
  await expect(page.getByTestId('xray-map-trace-list').getByTestId('xray-trace-row').first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a broken X-Ray file shows its message with line and column, not a blank view', async ({
  page,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const text = '{\n  "Traces": [\n    { "Id": "1-5f84c7a1-0123456789abcdef01234567", "Segments": [ }\n  ]\n}\n';
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'broken-traces.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (0)');
  await expect(page.getByTestId('xray-workspace')).toContainText('No traces in these files.');
  await page.getByTestId('xray-diagnostics-toggle').click();
  await expect(page.getByTestId('xray-diagnostics')).toContainText(/broken-traces\.json:\d+:\d+ error: Not valid JSON/);
  expect(consoleErrors).toEqual([]);
});

test('a large X-Ray file read by the worker itself: bad bytes and broken JSON give their messages', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(60_000);
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  // Over 256 KB: the page routes it by its start and hands the file to the X-Ray worker, which decodes it.
  const good = JSON.stringify(generateTraces(60, 30));
  expect(good.length).toBeGreaterThan(300_000);
  const latin = Buffer.concat([
    Buffer.from(good.slice(0, -2)),
    Buffer.from([0xe9, 0x74, 0xe9]),
    Buffer.from(good.slice(-2)),
  ]);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'latin-traces.json', mimeType: 'application/json', buffer: latin });
  await expect(page.getByTestId('xray-error')).toContainText('latin-traces.json is not valid UTF-8 text');
  // A file that is text but not JSON throughout: the diagnostics say where, as for a small file.
  const broken = `${good.slice(0, 200_000)} }`;
  await page.getByTestId('file-input').setInputFiles({
    name: 'broken-large.json',
    mimeType: 'application/json',
    buffer: Buffer.from(broken),
  });
  const workspace = page.locator('.ss-xray-host:not([hidden]) [data-testid="xray-workspace"]');
  await expect(workspace.getByTestId('xray-tab-traces')).toContainText('Traces (0)');
  await workspace.getByTestId('xray-diagnostics-toggle').click();
  await expect(workspace.getByTestId('xray-diagnostics')).toContainText(
    /broken-large\.json:\d+:\d+ error: Not valid JSON/,
  );
  // And a good one opens its list, through the same path.
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'good-large.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await expect(page.locator('.ss-xray-host:not([hidden]) [data-testid="xray-tab-traces"]')).toContainText(
    'Traces (60)',
  );
  expect(consoleErrors).toEqual([]);
});
