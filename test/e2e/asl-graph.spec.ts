/**
 * The ASL graph view in web mode: the start-up sample, drawing a known machine, details, collapsing groups,
 * keyboard moves and find.
 */
import { generateAsl } from '../../bench/gen-asl.ts';
import { test, expect, node, type Page } from './fixtures.ts';
import { viewportMovedAndSettled } from './settle.ts';

const ORDER = {
  Comment: 'Order flow used by the end-to-end tests',
  StartAt: 'Validate Order',
  States: {
    'Validate Order': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'validate', 'Payload.$': '$' },
      TimeoutSeconds: 30,
      Retry: [
        {
          ErrorEquals: ['States.TaskFailed'],
          IntervalSeconds: 2,
          MaxAttempts: 3,
          BackoffRate: 2,
          MaxDelaySeconds: 30,
          JitterStrategy: 'FULL',
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Order Failed', ResultPath: '$.error' }],
      Next: 'Is Priority?',
    },
    'Is Priority?': {
      Type: 'Choice',
      Choices: [
        { Variable: '$.priority', StringEquals: 'high', Next: 'Ship Items' },
        {
          And: [
            { Variable: '$.total', NumericGreaterThan: 100 },
            { Variable: '$.member', BooleanEquals: true },
          ],
          Next: 'Ship Items',
        },
      ],
      Default: 'Wait For Stock',
    },
    'Wait For Stock': { Type: 'Wait', Seconds: 60, Next: 'Ship Items' },
    'Ship Items': {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 5,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Pack Item',
        States: {
          'Pack Item': {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:putItem',
            Parameters: { TableName: 'items', Item: {} },
            Next: 'Label Item',
          },
          'Label Item': { Type: 'Pass', End: true },
        },
      },
      Next: 'Notify',
    },
    Notify: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Email <script>alert(1)</script>',
          States: {
            'Email <script>alert(1)</script>': {
              Type: 'Task',
              Resource: 'arn:aws:states:::sns:publish',
              Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: 'm' },
              End: true,
            },
          },
        },
        { StartAt: 'SMS <b>bold</b>', States: { 'SMS <b>bold</b>': { Type: 'Pass', End: true } } },
      ],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    'Order Failed': { Type: 'Fail', Error: 'OrderError', Cause: 'failed' },
  },
};

const ALL_STATES = [
  'Validate Order',
  'Is Priority?',
  'Wait For Stock',
  'Ship Items',
  'Pack Item',
  'Label Item',
  'Notify',
  'Email <script>alert(1)</script>',
  'SMS <b>bold</b>',
  'Done',
  'Order Failed',
];

async function openOrder(page: Page) {
  // Wait for the start-up sample so the new tab is not raced by it.
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('file-input').setInputFiles({
    name: 'order.asl.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(ORDER, null, 2)),
  });
  await expect(page.locator('.ss-tab.is-active')).toContainText('order.asl.json');
  await expect(node(page, 'Validate Order')).toBeVisible();
}

test('opens the first sample at start and draws it', async ({ page, consoleErrors }) => {
  await expect(page.getByTestId('tab')).toHaveCount(2);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const drawn = await page.locator('[data-testid="state-node"], [data-testid="group-node"]').count();
  expect(drawn).toBeGreaterThan(0);
  await expect(page.getByTestId('status')).toContainText(/\d+ states/);
  // The status line's count is the graph's; the drawing shows every one of them (nothing is collapsed at start).
  const status = await page.getByTestId('status').textContent();
  const states = Number(/(\d+) states/.exec(status ?? '')![1]);
  expect(drawn).toBe(states);
  expect(consoleErrors).toEqual([]);
});

test('draws every state of a machine, with hostile names as text', async ({ page, consoleErrors }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await openOrder(page);
  for (const name of ALL_STATES) await expect(node(page, name)).toHaveCount(1);
  await expect(page.locator('[data-testid="state-node"], [data-testid="group-node"]')).toHaveCount(ALL_STATES.length);
  await expect(node(page, 'Email <script>alert(1)</script>')).toContainText('Email <script>alert(1)</script>');
  await expect(node(page, 'SMS <b>bold</b>')).toContainText('SMS <b>bold</b>');
  await expect(page.locator('.react-flow__node script, .react-flow__node b')).toHaveCount(0);
  // Edge kinds: the Choice rule label, the Default branch and the Catch edge are drawn with their labels.
  await expect(page.locator('.ss-edge-label-choice').first()).toHaveAttribute('title', /\$\.priority == "high"/);
  await expect(page.locator('.ss-edge-label-default')).toHaveCount(1);
  await expect(page.locator('.ss-edge-label-catch')).toContainText('States.ALL');
  await expect(page.locator('.ss-edge-catch')).toHaveCount(1);
  // Task look: service tag and Retry badge with its tooltip.
  await expect(node(page, 'Validate Order').getByTestId('service-tag')).toHaveText('λ');
  await expect(node(page, 'Validate Order').getByTestId('badge-retry')).toHaveAttribute(
    'title',
    /States\.TaskFailed.*attempts 3.*max delay 30s.*jitter FULL/,
  );
  expect(dialogs).toBe(0);
  expect(consoleErrors).toEqual([]);
});

test('clicking a state shows its details; Escape closes them', async ({ page, consoleErrors }) => {
  await openOrder(page);
  await node(page, 'Validate Order').click();
  const panel = page.getByTestId('details-panel');
  await expect(panel.getByTestId('state-name')).toHaveText('Validate Order');
  await expect(panel.getByTestId('state-type')).toContainText('Task');
  await expect(panel.getByTestId('state-resource')).toContainText('arn:aws:states:::lambda:invoke');
  await expect(panel.getByTestId('retry-table')).toContainText('States.TaskFailed');
  await expect(panel.getByTestId('retry-table')).toContainText('FULL');
  await expect(panel.getByTestId('catch-table')).toContainText('Order Failed');
  await expect(panel.getByTestId('catch-table')).toContainText('$.error');

  await node(page, 'Is Priority?').click();
  await expect(panel.getByTestId('state-name')).toHaveText('Is Priority?');
  await expect(panel.getByTestId('choice-rules')).toContainText('$.priority == "high"');
  await expect(panel.getByTestId('choice-rules')).toContainText('$.total > 100 and $.member == true');
  await expect(panel.getByTestId('choice-rules')).toContainText('Wait For Stock');

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('collapsing a Map hides its states and expanding brings them back', async ({ page, consoleErrors }) => {
  await openOrder(page);
  await expect(node(page, 'Pack Item')).toHaveCount(1);
  await node(page, 'Ship Items').getByTestId('group-toggle').click();
  await expect(node(page, 'Pack Item')).toHaveCount(0);
  await expect(node(page, 'Label Item')).toHaveCount(0);
  await expect(node(page, 'Ship Items').getByTestId('group-toggle')).toHaveAttribute('aria-expanded', 'false');
  await node(page, 'Ship Items').getByTestId('group-toggle').click();
  await expect(node(page, 'Pack Item')).toHaveCount(1);
  await expect(node(page, 'Label Item')).toHaveCount(1);
  expect(consoleErrors).toEqual([]);
});

test('arrow keys follow transitions; Enter opens details', async ({ page, consoleErrors }) => {
  await openOrder(page);
  await node(page, 'Validate Order').click();
  await page.keyboard.press('Escape');
  await expect(node(page, 'Validate Order')).toHaveClass(/selected/);
  await page.keyboard.press('ArrowDown');
  await expect(node(page, 'Is Priority?')).toHaveClass(/selected/);
  await page.keyboard.press('ArrowUp');
  await expect(node(page, 'Validate Order')).toHaveClass(/selected/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText('Is Priority?');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('details-panel')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('Ctrl+F finds a state, even inside a collapsed group', async ({ page, consoleErrors }) => {
  await openOrder(page);
  await node(page, 'Ship Items').getByTestId('group-toggle').click();
  await expect(node(page, 'Label Item')).toHaveCount(0);
  await page.getByTestId('graph').focus();
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('find-input')).toBeFocused();
  await page.keyboard.type('label');
  await expect(page.locator('.ss-find-list li')).toHaveText(['Label Item']);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-box')).toHaveCount(0);
  await expect(node(page, 'Label Item')).toHaveClass(/selected/);
  await expect(node(page, 'Label Item')).toBeInViewport();
  expect(consoleErrors).toEqual([]);
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('follows prefers-color-scheme', async ({ page, consoleErrors }) => {
    await openOrder(page);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(150);
    await expect(page.locator('.react-flow')).toHaveClass(/dark/);
    expect(consoleErrors).toEqual([]);
  });
});

test('Distributed Map settings are on the node and in the details', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('file-input').setInputFiles({
    name: 'dmap.asl.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        StartAt: 'Import',
        States: {
          Import: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
              Parameters: { Bucket: 'b', Key: 'k' },
            },
            ItemBatcher: { MaxItemsPerBatch: 100 },
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'p' } },
            MaxConcurrency: 10,
            ToleratedFailurePercentage: 5,
            Label: 'Imports',
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
              StartAt: 'Row',
              States: { Row: { Type: 'Pass', End: true } },
            },
            End: true,
          },
        },
      }),
    ),
  });
  const group = node(page, 'Import');
  await expect(group).toContainText('Distributed Map');
  await expect(group).toContainText('EXPRESS');
  // Every setting is on the node, either as a chip or in the "+N more" tooltip.
  const chips = await group.getByTestId('group-chip').allTextContents();
  const more =
    (await group
      .getByTestId('group-chip-more')
      .getAttribute('title')
      .catch(() => null)) ?? '';
  const all = [...chips, more].join('\n');
  for (const part of [/reader/i, /batch/i, /writer/i, /5%/, /10/]) expect(all).toMatch(part);
  await group.locator('.ss-group-head .ss-node-name').click();
  const details = page.getByTestId('details-map');
  await expect(details).toContainText('DISTRIBUTED');
  await expect(details).toContainText('EXPRESS');
  await expect(details).toContainText('ItemReader');
  await expect(details).toContainText('ResultWriter');
  await expect(details).toContainText('ToleratedFailurePercentage');
  expect(consoleErrors).toEqual([]);
});

test('Export SVG saves the drawing with names escaped', async ({ page, consoleErrors }) => {
  await openOrder(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  expect(download.suggestedFilename()).toBe('order.svg');
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const svg = Buffer.concat(chunks).toString('utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('Validate Order');
  expect(svg).toContain('Email &lt;script&gt;');
  expect(svg).not.toContain('<script>');
  expect(consoleErrors).toEqual([]);
});

test('switching tabs keeps each document’s view: viewport, collapsed groups and selection', async ({
  page,
  consoleErrors,
}) => {
  await openOrder(page);
  await node(page, 'Ship Items').getByTestId('group-toggle').click();
  await expect(node(page, 'Pack Item')).toHaveCount(0);
  await node(page, 'Done').click();
  const viewport = page.locator('.react-flow__viewport');
  const unzoomed = await viewport.getAttribute('style');
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await viewportMovedAndSettled(page, viewport, unzoomed);
  const before = await viewport.getAttribute('style');

  await page.getByRole('tab', { name: 'Welcome', exact: true }).click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.getByRole('tab', { name: 'order.asl.json', exact: true }).click();

  await expect(node(page, 'Done')).toHaveClass(/selected/);
  await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText('Done');
  await expect(node(page, 'Pack Item')).toHaveCount(0);
  await expect(page.locator('.react-flow__viewport')).toHaveAttribute('style', before!);
  expect(consoleErrors).toEqual([]);
});

test('arrow keys work on a freshly opened machine without a click first', async ({ page, consoleErrors }) => {
  await openOrder(page);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(node(page, 'Validate Order')).toHaveClass(/selected/);
  await expect(node(page, 'Validate Order')).toHaveAttribute('aria-label', 'Task state Validate Order');
  expect(consoleErrors).toEqual([]);
});

test('the transitions of the selected state stand out', async ({ page, consoleErrors }) => {
  await openOrder(page);
  await node(page, 'Is Priority?').click();
  // In: from Validate Order. Out: two rules to Ship Items and the Default to Wait For Stock.
  await expect(page.locator('.react-flow__edge.is-connected')).toHaveCount(4);
  await node(page, 'Done').click();
  await expect(page.locator('.react-flow__edge.is-connected')).toHaveCount(2);
  expect(consoleErrors).toEqual([]);
});

test('a 1,000-state machine opens on its Start marker with only the states on screen in the page', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(90_000);
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  // Count every graph node that is ever in the page while the file opens, not just at the end.
  await page.evaluate(() => {
    const w = window as unknown as { mostNodes: number };
    w.mostNodes = 0;
    const count = () => {
      const main = document.querySelector('main[data-testid="document"]');
      w.mostNodes = Math.max(w.mostNodes, main ? main.querySelectorAll('.react-flow__node').length : 0);
    };
    new MutationObserver(count).observe(document.body, { childList: true, subtree: true });
  });
  const text = JSON.stringify(generateAsl(1000), null, 2);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'big.asl.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.locator('.ss-tab.is-active')).toContainText('big.asl.json');
  await expect(page.getByTestId('start-marker').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('status')).toContainText('1000 states');
  const onScreen = await page.locator('main[data-testid="document"] .react-flow__node').count();
  const most = await page.evaluate(() => (window as unknown as { mostNodes: number }).mostNodes);
  // The machine has over 1,200 nodes; a window of 1280 × 720 shows a dozen or so.
  expect(onScreen).toBeGreaterThan(2);
  expect(onScreen).toBeLessThan(60);
  expect(most).toBeLessThan(100);
  // The first state under Start is drawn at a readable zoom and can be selected.
  const first = page.locator('.react-flow__node[data-id="Task 00003"]');
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText('Task 00003');
  expect(consoleErrors).toEqual([]);
});
