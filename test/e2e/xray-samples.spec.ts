/**
 * X-Ray files in web mode: the bundled samples open together in one X-Ray tab, the list filters, a trace opens
 * its timeline, a service-map node filters the list, the Step Functions trace is drawn over order-processing,
 * and hostile segment names stay text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const XRAY = [
  'api-lambda-dynamodb-s3.json',
  'errors-and-throttles.ndjson',
  'order-processing-execution.json',
  'service-graph.json',
];

async function openXraySamples(page: Page, names = XRAY) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('file-input').setInputFiles(
    names.map((name) => ({
      name,
      mimeType: 'application/json',
      buffer: fs.readFileSync(path.join(ROOT, 'samples', 'xray', name)),
    })),
  );
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'xray');
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
}

test('the X-Ray samples open in one tab; the list filters and a trace opens its timeline', async ({
  page,
  consoleErrors,
}) => {
  await openXraySamples(page);
  await expect(page.locator('[data-testid="tab"][data-tab-kind="xray"]')).toHaveCount(1);
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (8)');

  await page.getByTestId('xray-filter-input').fill('fault');
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (1 of 8)');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(1);
  // Switching tabs and back keeps the filter.
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').first().click();
  await expect(page.getByTestId('xray-workspace')).toBeHidden();
  await page.locator('[data-testid="tab"][data-tab-kind="xray"] .ss-tab-label').click();
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (1 of 8)');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(1);
  await page.getByTestId('xray-filter-input').fill('service("charge-payment")');
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (1 of 8)');
  await page.getByTestId('xray-filter-input').fill('');
  await page.getByTestId('xray-filter-input').press('Escape'); // close the suggestions
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(8);
  await expect(page.getByTestId('xray-notes').getByTestId('note-card')).toHaveCount(0);

  await page.getByTestId('xray-trace-row').first().click();
  await expect(page.getByTestId('xray-timeline')).toBeVisible();
  await expect(page.getByTestId('xray-timeline-row').first()).toBeVisible();
  // Selecting a segment shows its exam notes beside the workspace.
  await page.getByTestId('xray-timeline-row').first().click();
  await expect(page.getByTestId('xray-span-details')).toBeVisible();
  await expect(page.getByTestId('xray-notes').getByTestId('note-card').first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a service-map node shows its notes and filters the trace list', async ({ page, consoleErrors }) => {
  await openXraySamples(page);
  await page.getByTestId('xray-tab-map').click();
  const orders = page
    .locator('[data-testid="xray-map-node"]', { hasText: 'Orders' })
    .filter({ hasText: 'AWS::DynamoDB::Table' });
  await orders.click();
  await expect(page.getByTestId('xray-map-details')).toContainText('Orders');
  await expect(page.getByTestId('xray-notes').getByTestId('note-card').first()).toBeVisible();
  await expect(page.getByTestId('xray-notes')).toContainText('DynamoDB');
  await page.getByTestId('xray-map-show-traces').click();
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (5 of 8)');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(5);
  expect(consoleErrors).toEqual([]);
});

test('the Step Functions trace is drawn over the order-processing graph', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.react-flow__node[data-id="Validate Order"]')).toBeVisible(); // start-up sample
  await openXraySamples(page, ['order-processing-execution.json']);
  await page.getByTestId('show-on-machine').first().click();
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'asl');
  await expect(page.getByTestId('overlay-legend')).toContainText('OrderProcessing');
  const badge = (name: string) => page.locator(`.react-flow__node[data-id="${name}"]`).getByTestId('run-badge').first();
  await expect(badge('Validate Order')).toHaveAttribute('data-status', 'succeeded');
  await expect(badge('Validate Order')).toContainText('↻1'); // the throttled attempt
  await expect(badge('Done')).toHaveAttribute('data-status', 'succeeded');
  await expect(badge('Order Failed')).toHaveAttribute('data-status', 'not-run');
  // Nested states (inside the Parallel and its Map) are matched through the drawn machine's state names.
  await expect(badge('Pick Item')).toHaveAttribute('data-status', 'succeeded');

  await page.locator('.react-flow__node[data-id="Validate Order"]').click();
  const panel = page.getByTestId('details-panel');
  await panel.getByRole('tab', { name: 'Execution' }).click();
  await expect(panel.getByTestId('execution-subsegments')).toContainText('Validate Order');
  await expect(panel.getByTestId('execution-subsegments').locator('li')).not.toHaveCount(1);
  expect(consoleErrors).toEqual([]);
});

test('hostile segment names render as text', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const doc = {
    trace_id: '1-5f84c7a1-0123456789abcdef01234567',
    id: '70de5b6f19ff9a0a',
    name: hostile,
    start_time: 1602500000.1,
    end_time: 1602500000.6,
    origin: 'AWS::Lambda::Function',
    subsegments: [
      {
        id: '70de5b6f19ff9a0b',
        name: '<script>window.__pwned=2</script>',
        start_time: 1602500000.2,
        end_time: 1602500000.3,
      },
    ],
  };
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
  await page.getByTestId('xray-trace-row').first().click();
  await expect(page.getByTestId('xray-timeline')).toContainText(hostile);
  await expect(page.getByTestId('xray-timeline')).toContainText('<script>');
  await page.getByTestId('xray-tab-map').click();
  await expect(page.getByTestId('xray-service-map')).toContainText(hostile);
  expect(await page.locator('main img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(consoleErrors).toEqual([]);
});

test('with the machine and its trace both open, the machine offers to draw the trace', async ({
  page,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await openXraySamples(page, ['order-processing-execution.json', 'api-lambda-dynamodb-s3.json']);
  await page.locator('[data-testid="tab"][data-tab-kind="asl"] .ss-tab-label').first().click();
  await expect(page.locator('.react-flow__node[data-id="Validate Order"]')).toBeVisible();
  const offer = page.getByTestId('trace-suggestion').getByRole('button');
  await expect(offer).toHaveCount(1);
  await expect(offer).toContainText('OrderProcessing');
  await offer.click();
  await expect(page.getByTestId('trace-suggestion')).toHaveCount(0);
  await expect(page.locator('.react-flow__node[data-id="Done"]').getByTestId('run-badge')).toHaveAttribute(
    'data-status',
    'succeeded',
  );
  expect(consoleErrors).toEqual([]);
});

test.describe('files named at launch', () => {
  test.use({
    launchFiles: [
      'samples/asl/order-processing.asl.json',
      'samples/xray/api-lambda-dynamodb-s3.json',
      'samples/xray/errors-and-throttles.ndjson',
      'samples/history/order-processing-succeeded.json',
    ],
  });

  test('route by content: X-Ray files share one tab, the history is drawn over the machine', async ({
    page,
    consoleErrors,
  }) => {
    await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('[data-testid="tab"][data-tab-kind="xray"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="tab"][data-tab-kind="asl"]')).toHaveCount(1);
    await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'asl');
    await expect(page.getByTestId('execution-status')).toContainText('Succeeded');
    await page.locator('[data-testid="tab"][data-tab-kind="xray"] .ss-tab-label').click();
    await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (7)');
    expect(consoleErrors).toEqual([]);
  });
});
