/**
 * X-Ray filter expressions in web mode: an invalid expression shows its message and empties the list (no result
 * of an earlier expression stays on screen), an expression that needs X-Ray's servers says so, and filters apply
 * to GetTraceSummaries rows with the tab counting them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, upload } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = [
  'api-lambda-dynamodb-s3.json',
  'errors-and-throttles.ndjson',
  'order-processing-execution.json',
  'service-graph.json',
];

test('an invalid filter shows its message and clears the result instead of keeping the last one', async ({
  page,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('file-input').setInputFiles(
    SAMPLES.map((name) => ({
      name,
      mimeType: 'application/json',
      buffer: fs.readFileSync(path.join(ROOT, 'samples', 'xray', name)),
    })),
  );
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (8)');
  const input = page.getByTestId('xray-filter-input');
  await input.fill('fault');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(1);
  await page.getByTestId('xray-trace-row').first().click();
  await expect(page.getByTestId('xray-timeline')).toBeVisible();

  await input.fill('fault AND (');
  await input.press('Escape');
  await expect(page.getByTestId('xray-filter-error')).toContainText('Column 12');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(0);
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (0 of 8)');
  await expect(page.getByTestId('xray-list-empty')).toContainText('the filter is not valid');
  await expect(page.getByTestId('xray-timeline')).toBeHidden();

  await input.fill('rootcause.json = #[{ "Services": [] }]');
  await input.press('Escape');
  await expect(page.getByTestId('xray-filter-error')).toContainText("needs X-Ray's servers");
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(0);

  await input.fill('fault');
  await input.press('Escape');
  await expect(page.getByTestId('xray-filter-error')).toBeHidden();
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(1);
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (1 of 8)');
  expect(consoleErrors).toEqual([]);
});

test('filters apply to GetTraceSummaries rows and the tab counts them', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const summaries = fs.readFileSync(
    path.join(ROOT, 'test/corpus/xray/xray-devguide/xray-api-gettingdata__block06.json'),
  );
  await upload(page, 'summaries.json', summaries);
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (2)');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(2);
  const input = page.getByTestId('xray-filter-input');
  await input.fill('http.url ENDSWITH "/api/user"');
  await input.press('Escape');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(1);
  await expect(page.getByTestId('xray-trace-row')).toContainText('1-59602603-23fc5b688855d396af79b496');
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (1 of 2)');
  await input.fill('responsetime < 1');
  await input.press('Escape');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(1);
  await expect(page.getByTestId('xray-trace-row')).toContainText('1-59602606-a43a1ac52fc7ee0eea12a82c');
  await input.fill('fault');
  await input.press('Escape');
  await expect(page.getByTestId('xray-trace-row')).toHaveCount(0);
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces (0 of 2)');
  await expect(page.getByTestId('xray-list-empty')).toContainText('No trace matches the filter.');
  expect(consoleErrors).toEqual([]);
});
