/**
 * Execution histories over a state machine: opening a GetExecutionHistory file while order-processing is drawn
 * colours its states, shows durations and a legend, and the Execution tab tells a state's run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, node, type Page } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sample = (p: string) => fs.readFileSync(path.join(ROOT, 'samples', p));

async function openMachine(page: Page) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  // Let the start-up sample finish drawing: a machine not drawn yet is only a fallback candidate for a history.
  await expect(node(page, 'Validate Order')).toBeVisible();
  // The first sample opened at start-up is order-processing; open it explicitly so the test does not depend on it.
  await page.getByTestId('file-input').setInputFiles({
    name: 'order-processing.asl.json',
    mimeType: 'application/json',
    buffer: sample('asl/order-processing.asl.json'),
  });
  await expect(page.locator('.ss-tab.is-active')).toContainText('order-processing.asl.json');
  await expect(node(page, 'Validate Order')).toBeVisible();
}

test('a payment-declined history colours order-processing: failed, caught, succeeded and not-run states', async ({
  page,
  consoleErrors,
}) => {
  await openMachine(page);
  await page.getByTestId('file-input').setInputFiles({
    name: 'order-processing-payment-declined.json',
    mimeType: 'application/json',
    buffer: sample('history/order-processing-payment-declined.json'),
  });
  // Two order-processing tabs are open (start-up sample and the upload): the picker asks which one.
  const chooser = page.getByTestId('machine-chooser');
  await expect(chooser).toBeVisible();
  await expect(chooser.locator('option')).toHaveCount(2);
  await page.getByTestId('machine-chooser-ok').click();
  await expect(chooser).toBeHidden();
  await expect(page.getByTestId('overlay-legend')).toBeVisible();
  await expect(page.getByTestId('execution-status')).toContainText('Failed');
  await expect(node(page, 'Validate Order').getByTestId('run-badge')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Validate Order').getByTestId('run-badge')).toContainText('295 ms');
  await expect(node(page, 'Order Failed').getByTestId('run-badge')).toHaveAttribute('data-status', 'failed');
  await expect(node(page, 'Done').getByTestId('run-badge')).toHaveAttribute('data-status', 'not-run');
  await expect(node(page, 'Process Order').getByTestId('run-badge').first()).toHaveAttribute('data-status', 'caught');
  await expect(node(page, 'Charge Payment').getByTestId('run-badge')).toHaveAttribute('data-status', 'failed');

  // The Execution tab of the failed task shows its error.
  await node(page, 'Charge Payment').click();
  const panel = page.getByTestId('details-panel');
  await panel.getByRole('tab', { name: 'Execution' }).click();
  await expect(panel.getByTestId('execution-tab')).toContainText('PaymentDeclined');
  await expect(panel.getByTestId('execution-state-status')).toHaveText('Failed');
  await panel.getByTestId('execution-summary').locator('summary').first().click();
  await expect(panel.getByTestId('execution-summary')).toContainText('Execution: Failed');
  await expect(panel.getByTestId('execution-summary').getByText('Input', { exact: true })).toBeVisible();

  // Removing the overlay leaves the plain graph.
  await page.getByTestId('overlay-clear').click();
  await expect(page.locator('[data-testid="run-badge"]')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('a succeeded history with a retry shows the retry count and the Wait loop duration', async ({
  page,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(node(page, 'Validate Order')).toBeVisible(); // the start-up sample
  await page.getByTestId('file-input').setInputFiles({
    name: 'order-processing-succeeded.json',
    mimeType: 'application/json',
    buffer: sample('history/order-processing-succeeded.json'),
  });
  await expect(page.getByTestId('execution-status')).toContainText('Succeeded');
  await expect(node(page, 'Wait For Restock').getByTestId('run-badge')).toContainText('1 min 0 s');
  await expect(node(page, 'Validate Order').getByTestId('run-badge')).toContainText('↻1');
  await expect(node(page, 'Reject Order').getByTestId('run-badge')).toHaveAttribute('data-status', 'not-run');
  await expect(page.locator('[data-testid="run-badge"][data-status="failed"]')).toHaveCount(0);
  // Badges and the legend follow the UI language.
  await page.getByTestId('lang-select').selectOption('ko');
  await expect(node(page, 'Done').getByTestId('run-badge')).toContainText('성공');
  await expect(page.getByTestId('overlay-legend')).toContainText('실행 안 됨');
  await page.getByTestId('lang-select').selectOption('en');
  expect(consoleErrors).toEqual([]);
});

test('a history opened with no state machine open says what to do', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.locator('.ss-tab[data-tab-kind="asl"] .ss-tab-close').first().click();
  await page.getByTestId('file-input').setInputFiles({
    name: 'run.json',
    mimeType: 'application/json',
    buffer: sample('history/order-processing-succeeded.json'),
  });
  await expect(page.getByTestId('fatal-message')).toContainText('Open the state machine first');
  expect(consoleErrors).toEqual([]);
});
