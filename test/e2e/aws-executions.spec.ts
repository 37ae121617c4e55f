/**
 * The executions list and the execution page in web mode, against a stub endpoint answering Step Functions and
 * STS in AWS's documented shapes (ListExecutions pages over nextToken, DescribeExecution, GetExecutionHistory,
 * DescribeStateMachineForExecution) with the repository's order-processing histories: list → filter by status →
 * open a failed execution → error banner → table of states → events → a state's input and output → timeline;
 * paging with Load more; Cancel of a call that never answers; an AWS error in the Korean UI; the copy buttons.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from './fixtures.ts';
import { sfnError, startAwsStub, startSilentServer, stsError, type AwsStub } from '../support/aws-stub.ts';

const ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const ACCOUNT = '111122223333';
const MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:order-processing`;
const DEFINITION = fs.readFileSync(path.join(ROOT, 'samples/asl/order-processing.asl.json'), 'utf8');

/** A history file's events with timestamps as the JSON protocol sends them (epoch seconds). */
function wireEvents(file: string): Record<string, unknown>[] {
  const { events } = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as {
    events: Record<string, unknown>[];
  };
  return events.map((e) => ({ ...e, timestamp: Date.parse(String(e.timestamp)) / 1000 }));
}
const DECLINED = wireEvents('samples/history/order-processing-payment-declined.json');
const SUCCEEDED = wireEvents('samples/history/order-processing-succeeded.json');

/** 250 executions, newest first; every tenth failed (payment declined), one still running. */
const T0 = Date.parse('2026-11-02T10:00:00Z') / 1000;
const EXECUTIONS = Array.from({ length: 250 }, (_, i) => {
  const n = 249 - i;
  const status = n === 249 ? 'RUNNING' : n % 10 === 3 ? 'FAILED' : 'SUCCEEDED';
  return {
    executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:order-processing:order-${String(n).padStart(3, '0')}`,
    stateMachineArn: MACHINE,
    name: `order-${String(n).padStart(3, '0')}`,
    status,
    startDate: T0 + n * 60,
    ...(status === 'RUNNING' ? {} : { stopDate: T0 + n * 60 + 2 }),
  };
});

/** The X-Ray trace of the failed executions (DescribeExecution's traceHeader). */
const TRACE_ID = '1-5759e988-bd862e3fe1be46a994272793';

let stub: AwsStub | undefined;
let denied: AwsStub | undefined;
let silent: { endpoint: string; stop(): Promise<void> } | undefined;
let throttled: AwsStub | undefined;

test.beforeAll(async () => {
  stub = await startAwsStub((r) => {
    const p = r.params as Record<string, string | number | undefined>;
    const byArn = (arn: unknown) => EXECUTIONS.find((e) => e.executionArn === arn);
    switch (r.operation) {
      case 'ListStateMachines':
        return {
          json: {
            stateMachines: [{ stateMachineArn: MACHINE, name: 'order-processing', type: 'STANDARD', creationDate: T0 }],
          },
        };
      case 'ListExecutions': {
        const list = p.statusFilter ? EXECUTIONS.filter((e) => e.status === p.statusFilter) : EXECUTIONS;
        const from = p.nextToken ? Number(String(p.nextToken).slice(4)) : 0;
        const max = Number(p.maxResults ?? 100);
        // The running one started a few seconds ago, so its duration visibly counts up.
        const page = list
          .slice(from, from + max)
          .map((e) => (e.status === 'RUNNING' ? { ...e, startDate: Math.floor(Date.now() / 1000) - 5 } : e));
        return { json: { executions: page, ...(from + max < list.length ? { nextToken: `tok-${from + max}` } : {}) } };
      }
      case 'DescribeExecution': {
        const e = byArn(p.executionArn);
        if (!e) return sfnError(400, 'ExecutionDoesNotExist', 'Execution Does Not Exist');
        return {
          json: {
            ...e,
            input: JSON.stringify({
              orderId: 'A-1001',
              run: e.name,
              payment: e.status === 'FAILED' ? { card: 'expired' } : { card: 'valid' },
            }),
            ...(e.status === 'FAILED'
              ? {
                  traceHeader: `Root=${TRACE_ID};Sampled=1`,
                  error: 'OrderFailed',
                  cause: 'The order could not be processed: payment declined.',
                  redriveCount: 0,
                  redriveStatus: 'REDRIVABLE',
                }
              : {}),
          },
        };
      }
      case 'GetExecutionHistory': {
        const e = byArn(p.executionArn);
        return e
          ? { json: { events: e.status === 'FAILED' ? DECLINED : SUCCEEDED } }
          : sfnError(400, 'ExecutionDoesNotExist', 'Execution Does Not Exist');
      }
      case 'DescribeStateMachineForExecution':
        return {
          json: {
            stateMachineArn: MACHINE,
            name: 'order-processing',
            definition: DEFINITION,
            roleArn: `arn:aws:iam::${ACCOUNT}:role/sfn`,
            updateDate: T0,
          },
        };
      case 'DescribeStateMachine':
        return {
          json: {
            stateMachineArn: MACHINE,
            name: 'order-processing',
            type: 'STANDARD',
            definition: DEFINITION,
            roleArn: `arn:aws:iam::${ACCOUNT}:role/sfn`,
            creationDate: T0,
          },
        };
      default:
        return undefined;
    }
  });
  denied = await startAwsStub((r) =>
    r.operation === 'GetCallerIdentity'
      ? { status: 403, xml: stsError('AccessDenied', 'User is not authorized to perform: sts:GetCallerIdentity') }
      : undefined,
  );
  silent = await startSilentServer();
  // Throttles the first ListStateMachines, then answers the retry slowly: the retry is on screen meanwhile.
  let listed = 0;
  throttled = await startAwsStub((r) => {
    if (r.operation !== 'ListStateMachines') return undefined;
    listed++;
    return listed === 1
      ? sfnError(400, 'ThrottlingException', 'Rate exceeded')
      : {
          json: {
            stateMachines: [{ stateMachineArn: MACHINE, name: 'order-processing', type: 'STANDARD', creationDate: T0 }],
          },
          delayMs: 3_000,
        };
  });
});

test.afterAll(async () => {
  await Promise.all([stub?.stop(), denied?.stop(), silent?.stop(), throttled?.stop()]);
});

test.use({
  hostEnv: async ({}, use) => {
    await use({
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDSTUBE2E',
      AWS_SECRET_ACCESS_KEY: 'stub-e2e',
      AWS_CONFIG_FILE: '/nonexistent/statescope-aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/statescope-aws-credentials',
      STATESCOPE_AWS_ENDPOINT: stub!.endpoint,
    });
  },
});

async function connect(page: Page) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-aws').click();
  const aws = page.getByTestId('aws-tab');
  await aws.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('aws-connection')).toContainText('Connected');
  await aws.locator('.aws-item', { hasText: 'order-processing' }).click();
  return aws;
}

test('list → filter by status → failed execution → banner → states → events → input/output → timeline', async ({
  page,
  consoleErrors,
}) => {
  const aws = await connect(page);
  const list = aws.getByTestId('aws-executions');
  await expect(list.locator('tbody tr')).toHaveCount(100);
  await expect(list.locator('tbody tr').first()).toHaveAttribute('data-status', 'RUNNING');
  // A running execution's duration counts up.
  const running = list.getByTestId('aws-running-duration');
  const before = await running.textContent();
  await expect.poll(async () => running.textContent(), { timeout: 5_000 }).not.toBe(before);

  await aws.getByRole('combobox', { name: 'All statuses' }).selectOption('FAILED');
  await expect(list.locator('tbody tr')).toHaveCount(25);
  await expect(list.locator('tbody tr[data-status="FAILED"]')).toHaveCount(25);
  await aws.getByRole('searchbox', { name: 'Search executions by name' }).fill('order-04');
  await aws.getByRole('button', { name: 'Apply' }).click();
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await list.getByRole('button', { name: 'order-043' }).click();

  const pageEl = aws.getByTestId('aws-execution-page');
  await expect(pageEl.getByTestId('aws-exec-status')).toHaveText('FAILED');
  const banner = pageEl.getByTestId('aws-exec-error');
  await expect(banner).toContainText('OrderFailed');
  await expect(banner).toContainText('The order could not be processed: payment declined.');

  const table = pageEl.getByTestId('aws-states-table');
  await expect(table.locator('tr[data-state="Charge Payment"]')).toContainText('PaymentDeclined');
  await table.getByRole('button', { name: /^Duration/ }).click();
  await table.getByRole('button', { name: /^Duration/ }).click();
  await expect(table.locator('th[aria-sort="descending"]')).toHaveCount(1);

  await table.getByRole('button', { name: 'Validate Order' }).click();
  const details = pageEl.getByTestId('aws-state-details');
  await expect(details.getByTestId('aws-state-input')).toContainText('"orderId": "A-1001"');
  await expect(details.getByTestId('aws-state-output')).toBeVisible();
  await expect(details.getByTestId('aws-state-parameters')).toContainText('validate-order');
  await expect(details.getByTestId('aws-state-lambda')).toContainText(
    'arn:aws:lambda:us-east-1:123456789012:function:validate-order',
  );

  await pageEl.getByRole('tab', { name: 'Events' }).click();
  const events = pageEl.getByTestId('aws-events');
  await events.getByRole('combobox', { name: 'All event types' }).selectOption('TaskFailed');
  await expect(events.locator('li')).toHaveCount(1);
  await events.locator('li summary').click();
  await expect(events.locator('li pre')).toContainText('"error": "PaymentDeclined"');

  await pageEl.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = pageEl.getByTestId('aws-timeline');
  await expect(timeline.locator('.aws-timeline-bar.is-failed').first()).toBeVisible();
  await timeline.getByRole('button', { name: 'Charge Payment' }).click();
  await expect(details.getByTestId('aws-state-error')).toContainText('PaymentDeclined');

  // The graph page carries the same error and cause, and the list's status colour is the graph's.
  await pageEl.getByRole('button', { name: 'Show on graph' }).click();
  await expect(page.getByTestId('overlay-error')).toContainText('OrderFailed');
  await expect(page.getByTestId('execution-status')).toContainText('Failed');
  expect(consoleErrors).toEqual([]);
});

test('paging with Load more reaches every execution', async ({ page }) => {
  const aws = await connect(page);
  const list = aws.getByTestId('aws-executions');
  await expect(list.locator('tbody tr')).toHaveCount(100);
  await aws.getByRole('button', { name: 'Load more' }).click();
  await expect(list.locator('tbody tr')).toHaveCount(200);
  await aws.getByRole('button', { name: 'Load more' }).click();
  await expect(list.locator('tbody tr')).toHaveCount(250);
  await expect(aws.getByText('All 250 listed.')).toBeVisible();
  await expect(list.locator('tbody tr').last()).toContainText('order-000');
});

test('Cancel stops a connection that never answers', async ({ page }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-aws').click();
  const aws = page.getByTestId('aws-tab');
  await aws.getByRole('textbox', { name: /endpoint/i }).fill(silent!.endpoint);
  await aws.getByRole('button', { name: 'Connect', exact: true }).click();
  await aws.getByRole('button', { name: 'Cancel' }).click();
  await expect(aws.locator('.aws-error[data-code="aws-cancelled"]')).toContainText('Cancelled');
});

test('the Korean UI shows AWS errors translated', async ({ page }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('lang-select').selectOption('ko');
  await page.getByTestId('open-aws').click();
  const aws = page.getByTestId('aws-tab');
  await aws.getByRole('textbox', { name: '엔드포인트' }).fill(denied!.endpoint);
  await aws.getByRole('button', { name: '연결', exact: true }).click();
  const alert = aws.locator('.aws-error[data-code="aws-access-denied"]');
  await expect(alert).toContainText('접근이 거부되었습니다');
  // What it means and what to do, in Korean; AWS's own message (naming the missing action) stays below it.
  await expect(alert.getByTestId('aws-error-explain')).toContainText('IAM 정책');
  await expect(alert).toContainText('AWS 원문 메시지');
  await expect(alert).toContainText('sts:GetCallerIdentity');
  await expect(alert.getByRole('button', { name: '다시 시도' })).toBeVisible();
});

test('an endpoint typed while the defaults are still on their way is kept as typed', async ({ page }) => {
  // The host's defaults (its endpoint among them) are held until the user has put the focus on the field.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/call/aws.profiles', async (route) => {
    await held;
    await route.continue();
  });
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-aws').click();
  const aws = page.getByTestId('aws-tab');
  const endpoint = aws.getByRole('textbox', { name: /endpoint/i });
  await endpoint.click();
  release();
  // Connect waits for the profiles: once it is enabled, the defaults have been applied.
  await expect(aws.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  await page.keyboard.type(denied!.endpoint);
  await expect(endpoint).toHaveValue(denied!.endpoint);
  // The pickers the user did not touch took the host's defaults.
  await expect(aws.getByRole('combobox', { name: 'Region' })).toHaveValue('us-east-1');
});

test('copy buttons put ARNs, the trace id and JSON on the clipboard, say Copied, and work from the keyboard', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const aws = await connect(page);

  // The machine ARN, by keyboard: Tab reaches the button, Enter presses it.
  const machineCopy = aws.getByRole('button', { name: 'Copy State machine ARN' });
  await machineCopy.focus();
  await page.keyboard.press('Enter');
  await expect(machineCopy).toHaveText('✓ Copied');
  await expect(aws.getByRole('status').filter({ hasText: 'State machine ARN copied to the clipboard' })).toHaveCount(1);
  expect(await clipboard()).toBe(MACHINE);
  // The confirmation goes after two seconds.
  await expect(machineCopy).toHaveText('Copy', { timeout: 5_000 });

  await aws.getByRole('searchbox', { name: 'Search executions by name' }).fill('order-043');
  await aws.getByRole('button', { name: 'Apply' }).click();
  await aws.getByTestId('aws-executions').getByRole('button', { name: 'order-043' }).click();
  const pageEl = aws.getByTestId('aws-execution-page');

  await pageEl.getByRole('button', { name: 'Copy ARN' }).click();
  await expect(pageEl.getByRole('button', { name: 'Copy ARN' })).toHaveText('✓ Copied');
  expect(await clipboard()).toBe(EXECUTIONS.find((e) => e.name === 'order-043')!.executionArn);

  const traceCopy = pageEl.getByRole('button', { name: 'Copy trace id' });
  await traceCopy.focus();
  await page.keyboard.press('Space');
  await expect(traceCopy).toHaveText('✓ Copied');
  expect(await clipboard()).toBe(TRACE_ID);

  // The execution's input, as indented JSON.
  await pageEl.locator('.aws-exec-io > summary').click();
  await pageEl.getByTestId('aws-exec-input').getByRole('button', { name: 'Copy Execution input' }).click();
  expect(JSON.parse(await clipboard())).toEqual({ orderId: 'A-1001', run: 'order-043', payment: { card: 'expired' } });

  // A state's output.
  await pageEl.getByTestId('aws-states-table').getByRole('button', { name: 'Validate Order' }).click();
  const output = pageEl.getByTestId('aws-state-output');
  await output.getByRole('button', { name: 'Copy Output' }).click();
  await expect(output.getByRole('button', { name: 'Copy Output' })).toHaveText('✓ Copied');
  expect(await clipboard()).toBe((await output.locator('pre').textContent())!.trim());
});

test('compare two executions side by side: per-state statuses and times, and the input differences', async ({
  page,
}) => {
  const aws = await connect(page);
  const list = aws.getByTestId('aws-executions');
  await aws.getByRole('searchbox', { name: 'Search executions by name' }).fill('order-04');
  await aws.getByRole('button', { name: 'Apply' }).click();
  await expect(list.locator('tbody tr')).toHaveCount(10);
  await list.getByRole('checkbox', { name: 'Select order-043 for comparison' }).check();
  await list.getByRole('checkbox', { name: 'Select order-042 for comparison' }).check();
  await aws.getByRole('button', { name: 'Compare the 2 selected' }).click();
  const cmp = aws.getByTestId('aws-compare');
  await expect(cmp.locator('tr[data-state="Charge Payment"]')).toHaveAttribute('data-differs', 'true');
  await expect(cmp.locator('tr[data-state="Charge Payment"]')).toContainText('PaymentDeclined');
  await expect(cmp.locator('tr[data-state="Reserve Stock"]')).toHaveAttribute('data-differs', 'false');
  await expect(cmp.getByTestId('aws-compare-input')).toContainText('~ $.run: "order-043" → "order-042"');
  await expect(cmp.getByTestId('aws-compare-input')).toContainText('~ $.payment.card: "expired" → "valid"');
  await cmp.getByRole('checkbox', { name: 'Only the states that differ' }).check();
  await expect(cmp.locator('tr[data-state="Reserve Stock"]')).toHaveCount(0);
});

test('a retry is shown while it happens', async ({ page }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-aws').click();
  const aws = page.getByTestId('aws-tab');
  await aws.getByRole('textbox', { name: /endpoint/i }).fill(throttled!.endpoint);
  await aws.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(aws.getByTestId('aws-retry')).toContainText(
    'Retrying ListStateMachines (attempt 2 of 5) after ThrottlingException',
  );
  await expect(aws.locator('.aws-item', { hasText: 'order-processing' })).toBeVisible();
  // The endpoint that worked is remembered for the next start.
  await page.reload();
  await page.getByTestId('open-aws').click();
  await expect(page.getByTestId('aws-tab').getByRole('textbox', { name: /endpoint/i })).toHaveValue(
    throttled!.endpoint,
  );
});

test.describe('a profile with mfa_serial', () => {
  let dir = '';
  let mfaStub: AwsStub | undefined;
  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-mfa-'));
    fs.writeFileSync(
      path.join(dir, 'config'),
      '[profile base]\nregion = us-east-1\n[profile admin]\nregion = us-east-1\nrole_arn = arn:aws:iam::111122223333:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/dev\n',
    );
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      '[base]\naws_access_key_id = AKIDBASEKEY\naws_secret_access_key = base\n',
    );
    mfaStub = await startAwsStub(() => undefined);
  });
  test.afterAll(async () => {
    await mfaStub?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  test.use({
    hostEnv: async ({}, use) => {
      await use({
        AWS_CONFIG_FILE: path.join(dir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
        STATESCOPE_AWS_ENDPOINT: mfaStub!.endpoint,
      });
    },
  });

  test('asks for the MFA code in a dialog and assumes the role with it', async ({ page }) => {
    await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    await page.getByTestId('open-aws').click();
    const aws = page.getByTestId('aws-tab');
    await aws.getByRole('combobox', { name: 'Profile' }).selectOption('admin');
    await aws.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = aws.getByRole('dialog', { name: 'MFA code for profile admin' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'MFA code' }).fill('246810');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('aws-connection')).toContainText('Connected');
    const assume = mfaStub!.requests.find((r) => r.operation === 'AssumeRole');
    expect(assume?.params).toMatchObject({ SerialNumber: 'arn:aws:iam::111122223333:mfa/dev', TokenCode: '246810' });
  });
});
