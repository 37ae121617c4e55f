/**
 * Copy buttons in the details panel (issue 16, Links and memory): the state's name, its definition as JSON, the
 * resource ARN and the Parameters/Arguments JSON go to the clipboard, each with a visible "Copied", by mouse and
 * by keyboard (Tab to the button, Enter). The browser context is granted clipboard access, as a user would.
 */
import { test, expect, node, type Page } from './fixtures.ts';

const MACHINE = {
  QueryLanguage: 'JSONPath',
  StartAt: 'Charge Card',
  States: {
    'Charge Card': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:charge', 'Payload.$': '$.order' },
      Next: 'Notify',
    },
    Notify: {
      Type: 'Task',
      QueryLanguage: 'JSONata',
      Resource: 'arn:aws:states:::sns:publish',
      Arguments: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders', Message: '{% $states.input.id %}' },
      End: true,
    },
  },
};

async function open(page: Page) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('file-input').setInputFiles({
    name: 'copy-me.asl.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(MACHINE, null, 2)),
  });
  await expect(node(page, 'Charge Card')).toBeVisible();
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test.beforeEach(async ({ context, app }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
});

test('copies the state name, its JSON, the resource ARN and Parameters, each saying "Copied"', async ({
  page,
  consoleErrors,
}) => {
  await open(page);
  await node(page, 'Charge Card').click();
  const panel = page.getByTestId('details-panel');

  await panel.getByTestId('copy-state-name').click();
  await expect(panel.getByText('Copied', { exact: true })).toBeVisible();
  expect(await clipboard(page)).toBe('Charge Card');

  await panel.getByTestId('copy-state-json').click();
  expect(JSON.parse(await clipboard(page))).toEqual(MACHINE.States['Charge Card']);

  await panel.getByTestId('copy-resource').click();
  expect(await clipboard(page)).toBe('arn:aws:states:::lambda:invoke');
  await expect(panel.getByTestId('state-resource').getByRole('status')).toHaveText('Copied');

  await panel.getByTestId('copy-field-Parameters').click();
  expect(JSON.parse(await clipboard(page))).toEqual(MACHINE.States['Charge Card'].Parameters);
  // The confirmation goes away again.
  await expect(panel.getByTestId('state-resource').getByRole('status')).toHaveText('', { timeout: 5000 });
  expect(consoleErrors).toEqual([]);
});

test('the copy buttons are reached with Tab and work with Enter; Arguments too', async ({ page, consoleErrors }) => {
  await open(page);
  await node(page, 'Notify').click();
  const panel = page.getByTestId('details-panel');
  const button = panel.getByTestId('copy-field-Arguments');
  await expect(button).toBeVisible();
  // Tab from the button before it (the resource's) to this one, as a keyboard user would.
  await panel.getByTestId('copy-resource').focus();
  for (let i = 0; i < 10 && !(await button.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(button.locator('xpath=..').getByRole('status')).toHaveText('Copied');
  expect(JSON.parse(await clipboard(page))).toEqual(MACHINE.States.Notify.Arguments);
  expect(consoleErrors).toEqual([]);
});
