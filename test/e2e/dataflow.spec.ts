/** The Data flow tab: a state run offline, stage by stage, with a mocked Task result or error. */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, node, upload, type Page } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sample = (p: string) => fs.readFileSync(path.join(ROOT, 'samples', p), 'utf8');

const MACHINE = {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      InputPath: '$.order',
      Parameters: { FunctionName: 'charge', 'Payload.$': "States.Format('order {}', $.id)" },
      ResultSelector: { 'receipt.$': '$.Payload.receipt' },
      ResultPath: '$.charge',
      Catch: [{ ErrorEquals: ['Card.Declined'], ResultPath: '$.error', Next: 'Declined' }],
      Next: 'Done',
    },
    Declined: { Type: 'Fail', Error: 'Declined' },
    Done: { Type: 'Succeed' },
  },
};

async function openDataFlow(page: Page) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await upload(page, 'charge.asl.json', JSON.stringify(MACHINE, null, 2));
  await node(page, 'Charge').click();
  await page.getByTestId('side-tab-dataflow').click();
  await expect(page.getByTestId('dataflow-panel')).toBeVisible();
}

test('shows the value after each stage of a Task', async ({ page, consoleErrors }) => {
  await openDataFlow(page);
  await page.getByTestId('dataflow-input').fill('{"order": {"id": "A-1"}}');
  await page.getByTestId('dataflow-result').fill('{"StatusCode": 200, "Payload": {"receipt": "R-9"}}');
  const panel = page.getByTestId('dataflow-panel');
  await expect(panel.getByTestId('dataflow-status')).toContainText('Succeeded → Done');
  await expect(panel.getByTestId('dataflow-stage-afterInputPath')).toContainText('"id": "A-1"');
  await expect(panel.getByTestId('dataflow-stage-afterParameters')).toContainText('"Payload": "order A-1"');
  await expect(panel.getByTestId('dataflow-stage-afterResultSelector')).toContainText('"receipt": "R-9"');
  await expect(panel.getByTestId('dataflow-stage-output')).toContainText('"charge"');
  expect(consoleErrors).toEqual([]);
});

test('a broken JSONPath shows the stage that fails', async ({ page, consoleErrors }) => {
  await openDataFlow(page);
  await page.getByTestId('dataflow-input').fill('{"order": {"number": 5}}');
  const panel = page.getByTestId('dataflow-panel');
  await expect(panel.getByTestId('dataflow-status')).toContainText('Failed');
  await expect(panel.getByTestId('dataflow-failed')).toHaveAttribute('data-stage', 'afterParameters');
  await expect(panel.getByTestId('dataflow-failed')).toContainText('States.Runtime');
  await expect(panel.getByTestId('dataflow-stage-afterInputPath')).toContainText('"number": 5');
  expect(consoleErrors).toEqual([]);
});

test('a mocked error goes to the Catch', async ({ page, consoleErrors }) => {
  await openDataFlow(page);
  await page.getByTestId('dataflow-input').fill('{"order": {"id": "A-1"}}');
  await page.getByTestId('dataflow-mode-error').check();
  await page.getByTestId('dataflow-error-name').fill('Card.Declined');
  const panel = page.getByTestId('dataflow-panel');
  await expect(panel.getByTestId('dataflow-status')).toContainText('Error caught → Declined');
  await expect(panel.getByTestId('dataflow-stage-errorOutput')).toContainText('"Error": "Card.Declined"');
  expect(consoleErrors).toEqual([]);
});

test('runs the whole sample machine locally with a mock file and draws the run', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await upload(page, 'order-processing.asl.json', sample('asl/order-processing.asl.json'));
  await node(page, 'Validate Order').click();
  await page.getByTestId('side-tab-run').click();
  await page.getByTestId('run-input').fill(sample('mocks/order-processing.input.json'));
  await page.getByTestId('run-mocks').fill(sample('mocks/order-processing.mocks.json'));
  await page.getByTestId('run-test-case').fill('ValidationRetried');
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toContainText('Succeeded');
  await expect(page.getByTestId('run-steps')).toContainText('Process Order[2] › Pack Items[1] › Print Label');
  await expect(page.getByTestId('overlay-legend')).toBeVisible();
  await expect(node(page, 'Validate Order').getByTestId('run-badge')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Out Of Stock').getByTestId('run-badge')).toHaveAttribute('data-status', 'not-run');
  // Step back: the last state (Done) has not run yet; step forward again.
  await expect(node(page, 'Done').getByTestId('run-badge')).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('side-tab-run').click();
  await page.getByTestId('run-back').click();
  await expect(node(page, 'Done').getByTestId('run-badge')).toHaveAttribute('data-status', 'not-run');
  await expect(node(page, 'Queue Shipment').getByTestId('run-badge')).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('side-tab-run').click();
  await page.getByTestId('run-next').click();
  await expect(node(page, 'Done').getByTestId('run-badge')).toHaveAttribute('data-status', 'succeeded');
  // The Data flow tab offers the input the run recorded for a state.
  await node(page, 'Check Inventory').click();
  await page.getByTestId('side-tab-dataflow').click();
  await page.getByTestId('dataflow-use-recorded').click();
  await expect(page.getByTestId('dataflow-input')).toHaveValue(/"ORD-1001"/);
  await expect(page.getByTestId('dataflow-stage-afterParameters')).toContainText('"S": "WIDGET-7"');
  // A missing mock stops the run with a message naming the state.
  await page.getByTestId('side-tab-run').click();
  await page.getByTestId('run-mocks').fill('{}');
  await page.getByTestId('run-test-case').fill('');
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-problem')).toContainText('"Validate Order" has no mocked response');
  expect(consoleErrors).toEqual([]);
});
