/**
 * X-Ray analysis in web mode: dragging a range on the response-time histogram filters the list (as a
 * `responsetime` expression), and a selected trace shows its own service map beside the timeline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from './fixtures.ts';
import { viewportSettled } from './settle.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = [
  'api-lambda-dynamodb-s3.json',
  'errors-and-throttles.ndjson',
  'order-processing-execution.json',
  'service-graph.json',
];

async function open(page: Page) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('file-input').setInputFiles(
    SAMPLES.map((name) => ({
      name,
      mimeType: 'application/json',
      buffer: fs.readFileSync(path.join(ROOT, 'samples', 'xray', name)),
    })),
  );
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (8)');
}

test('dragging a range on the response-time histogram filters the trace list', async ({ page, consoleErrors }) => {
  await open(page);
  const bars = page.getByTestId('xray-list-histogram-bar');
  const n = await bars.count();
  expect(n).toBeGreaterThan(1);
  const counts = await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  // One sample trace is still in progress: it has no response time yet, so it is in no bar.
  expect(counts.reduce((a, b) => a + b, 0)).toBe(7);
  // Drag from the first bar to the middle one: the traces of those bars stay.
  const last = Math.floor(n / 2);
  const expected = counts.slice(0, last + 1).reduce((a, b) => a + b, 0);
  expect(expected).toBeGreaterThan(0);
  expect(expected).toBeLessThan(8);
  const a = (await bars.nth(0).boundingBox())!;
  const b = (await bars.nth(last).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('xray-filter-input')).toHaveValue(
    /^responsetime >= [0-9.]+ AND responsetime <= [0-9.]+$/,
  );
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(expected);
  await expect(page.getByTestId('xray-tab-traces')).toContainText(`Traces (${expected} of 8)`);
  // The response-time column shows the root segment's time.
  await expect(page.getByTestId('xray-response-time').first()).not.toBeEmpty();
  expect(consoleErrors).toEqual([]);
});

test('a selected trace shows its own service map, with the legend', async ({ page, consoleErrors }) => {
  await open(page);
  const full = Number(/\((\d+)\)/.exec((await page.getByTestId('xray-tab-map').textContent()) ?? '')![1]);
  await page.getByTestId('xray-filter-input').fill('fault');
  await page.getByTestId('xray-filter-input').press('Escape');
  await page.getByTestId('xray-trace-row').first().click();
  await expect(page.getByTestId('xray-timeline')).toBeVisible();
  await page.getByTestId('xray-trace-view-map').click();
  const map = page.getByTestId('xray-trace-map');
  await expect(map).toBeVisible();
  await expect(map.getByTestId('xray-map-legend')).toContainText('Fault (5xx)');
  const nodes = map.getByTestId('xray-map-node');
  await expect(nodes.first()).toBeVisible();
  const count = await nodes.count();
  expect(count).toBeGreaterThan(1);
  expect(count).toBeLessThan(full);
  // Its client node is named after the trace's root service, as X-Ray names client nodes.
  await expect(map.locator('[data-testid="xray-map-node"]', { hasText: 'client' })).toHaveCount(1);
  await page.getByTestId('xray-trace-view-timeline').click();
  await expect(page.getByTestId('xray-timeline')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the list groups by root service, and choosing a group filters to it', async ({ page, consoleErrors }) => {
  await open(page);
  await page.getByTestId('xray-group-by').selectOption('root');
  const groups = page.getByTestId('xray-group-row');
  await expect(groups.first()).toBeVisible();
  const n = await groups.count();
  expect(n).toBeGreaterThan(1);
  const first = groups.first();
  const count = Number(await first.locator('span').nth(1).textContent());
  const label = (await first.locator('span').first().textContent())!;
  await first.click();
  await expect(page.getByTestId('xray-filter-input')).toHaveValue(`service("${label}") { root }`);
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(count);
  await expect(page.getByTestId('xray-tab-traces')).toContainText(`Traces (${count} of 8)`);
  expect(consoleErrors).toEqual([]);
});

test('the service map draws edge labels clear of each other and of every node', async ({ page, consoleErrors }) => {
  await open(page);
  await page.getByTestId('xray-tab-map').click();
  const map = page.getByTestId('xray-service-map');
  await expect(map.getByTestId('xray-map-node').first()).toBeVisible();
  await expect(map.getByTestId('xray-map-edge-label').first()).toBeVisible();
  await viewportSettled(page, '[data-testid="xray-service-map"]'); // the map fits itself to the pane after a delay
  const boxes = async (id: string) =>
    (await map.getByTestId(id).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) as {
      x: number;
      y: number;
      width: number;
      height: number;
    }[];
  const labels = await boxes('xray-map-edge-label');
  const nodes = await boxes('xray-map-node');
  const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
  const problems: string[] = [];
  labels.forEach((l, i) => {
    labels.slice(i + 1).forEach((m, j) => overlap(l, m) && problems.push(`labels ${i} and ${i + 1 + j}`));
    nodes.forEach((n, j) => overlap(l, n) && problems.push(`label ${i} under node ${j}`));
  });
  expect(labels.length).toBeGreaterThan(3);
  expect(problems).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
