/**
 * The AWS tab against local endpoints: moto for Step Functions (connect, list machines, open a definition, open
 * an execution and see its statuses on the graph), and the test X-Ray server answering AccessDenied, whose
 * message the panel shows. Credentials are moto's static test keys, set for this worker only.
 */
import {
  CreateStateMachineCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import fs from 'node:fs';
import { test, expect, type Page } from './fixtures.ts';
import { MOTO_CREDENTIALS, motoSkipReason, startMoto, type MotoServer } from '../support/moto.ts';
import { startXrayServer, type XrayTestServer } from '../support/xray-server.ts';

const skip = motoSkipReason();

const DEFINITION = {
  Comment: 'Prepare, decide, then succeed or fail',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Next: 'Decide' },
    Decide: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Broken' },
    Done: { Type: 'Succeed' },
    Broken: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'ok was false' },
  },
};

let moto: MotoServer | undefined;
let denied: XrayTestServer | undefined;
const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

test.skip(Boolean(skip), skip);

test.beforeAll(async () => {
  // The host resolves credentials through the SDK's provider chain in this process: moto's static test keys.
  process.env.AWS_ACCESS_KEY_ID = MOTO_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = MOTO_CREDENTIALS.secretAccessKey;
  [moto, denied] = await Promise.all([startMoto(), startXrayServer('access-denied')]);
  await moto.api('/moto-api/config', { stepfunctions: { execute_state_machine: true } });
  // Setup only: a raw client creates the machine and runs it; the app itself never writes.
  const setup = new SFNClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS });
  const arn = (
    await setup.send(
      new CreateStateMachineCommand({
        name: 'orders-flow',
        definition: JSON.stringify(DEFINITION),
        roleArn: 'arn:aws:iam::123456789012:role/statescope-test',
      }),
    )
  ).stateMachineArn!;
  await setup.send(
    new StartExecutionCommand({ stateMachineArn: arn, name: 'run-ok', input: JSON.stringify({ ok: true }) }),
  );
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const r = await setup.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    if (r.executions?.length === 1 && r.executions[0]!.status !== 'RUNNING') break;
    await new Promise((res) => setTimeout(res, 200));
  }
});

test.afterAll(async () => {
  await Promise.all([moto?.stop(), denied?.close()]);
  if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
  else process.env.AWS_ACCESS_KEY_ID = saved.id;
  if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
});

test.use({
  hostEnv: async ({}, use) => {
    await use({
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/nonexistent/statescope-aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/statescope-aws-credentials',
      STATESCOPE_AWS_ENDPOINT: moto!.endpoint,
    });
  },
});

async function openAws(page: Page) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-aws').click();
  await expect(page.getByTestId('aws-tab')).toBeVisible();
}

test('connect to the test endpoint, open a machine and one of its executions with statuses on the graph', async ({
  page,
  consoleErrors,
}) => {
  await openAws(page);
  const aws = page.getByTestId('aws-tab');
  await aws.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('aws-connection')).toContainText('Connected');
  const machine = aws.locator('.aws-item', { hasText: 'orders-flow' });
  await expect(machine).toBeVisible();
  await machine.click();

  await aws.getByRole('button', { name: 'Open definition' }).click();
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'asl');
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute(
    'title',
    /^aws:arn:aws:states:us-east-1:\d+:stateMachine:orders-flow$/,
  );
  await expect(page.locator('.react-flow__node[data-id="Decide"]')).toBeVisible();
  await expect(page.getByTestId('save-fetched')).toBeVisible();

  await page.getByTestId('open-aws').click();
  const run = aws.getByTestId('aws-executions').getByRole('button', { name: 'run-ok' });
  await expect(run).toBeVisible();
  await run.click();
  await expect(aws.getByTestId('aws-exec-status')).toHaveText('SUCCEEDED');
  await aws.getByRole('button', { name: 'Show on graph' }).click();
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'asl');
  // The same machine is reused, not opened twice.
  await expect(page.locator('[data-testid="tab"][data-tab-kind="asl"][title^="aws:"]')).toHaveCount(1);
  await expect(page.getByTestId('execution-status')).toContainText('Succeeded');
  const badge = (name: string) => page.locator(`.react-flow__node[data-id="${name}"]`).getByTestId('run-badge');
  await expect(badge('Prepare')).toHaveAttribute('data-status', 'succeeded');
  await expect(badge('Done')).toHaveAttribute('data-status', 'succeeded');
  await expect(badge('Broken')).toHaveAttribute('data-status', 'not-run');

  // "Save as file" hands the history over as a download that opens again offline.
  const download = page.waitForEvent('download');
  await page.getByTestId('overlay-save').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/run-ok\.history\.json$/);
  const saved = fs.readFileSync(await file.path());
  await page.getByTestId('overlay-clear').click();
  await expect(page.locator('[data-testid="run-badge"]')).toHaveCount(0);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'run-ok.history.json', mimeType: 'application/json', buffer: saved });
  const chooser = page.getByTestId('machine-chooser');
  // order-processing (the start-up sample) is open too, but only orders-flow holds the run's states.
  await expect(badge('Done')).toHaveAttribute('data-status', 'succeeded');
  await expect(chooser).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('an AccessDenied answer shows its message', async ({ page }) => {
  await openAws(page);
  const aws = page.getByTestId('aws-tab');
  await aws.getByRole('textbox', { name: /endpoint/i }).fill(denied!.endpoint);
  await aws.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(aws.getByRole('alert')).toContainText(/Access denied/i);
  await expect(page.getByTestId('aws-connection')).not.toContainText('Connected');
});
