/**
 * Opening files in web mode: a malformed file shows its message in its own tab while other tabs keep working,
 * binary files are refused, host paths open through "Open path…", and a template with several machines offers
 * a machine picker.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from './fixtures.ts';

const SMALL = {
  StartAt: 'First Step',
  States: {
    'First Step': { Type: 'Pass', Next: 'Second Step' },
    'Second Step': { Type: 'Succeed' },
  },
};

async function upload(page: Page, name: string, content: string | Buffer) {
  await page.getByTestId('file-input').setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: typeof content === 'string' ? Buffer.from(content) : content,
  });
  await expect(page.locator('.ss-tab.is-active')).toContainText(name);
}

function node(page: Page, name: string) {
  return page.locator(`.react-flow__node[data-id="${name}"]`);
}

test('a malformed file shows its message with line and column; the other tab still works', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await upload(page, 'small.asl.json', JSON.stringify(SMALL, null, 2));
  await expect(node(page, 'First Step')).toBeVisible();

  await upload(page, 'broken.asl.json', '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", }\n');
  const fatal = page.getByTestId('fatal-panel');
  await expect(fatal).toBeVisible();
  await expect(fatal).toContainText(/line \d+, column \d+/i);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await page.locator('.ss-tab', { hasText: 'small.asl.json' }).getByRole('button', { name: 'small.asl.json', exact: true }).click();
  await expect(node(page, 'First Step')).toBeVisible();
  await node(page, 'Second Step').click();
  await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText('Second Step');

  await page.locator('.ss-tab', { hasText: 'broken.asl.json' }).getByRole('button', { name: 'broken.asl.json', exact: true }).click();
  await expect(page.getByTestId('fatal-panel')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('empty, non-ASL and binary files get clear messages', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await upload(page, 'empty.json', '');
  await expect(page.getByTestId('fatal-panel')).toContainText(/empty/i);

  await upload(page, 'package.json', JSON.stringify({ name: 'not-a-state-machine', version: '1.0.0' }));
  await expect(page.getByTestId('fatal-panel')).toBeVisible();

  await upload(page, 'image.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  await expect(page.getByTestId('fatal-panel')).toContainText(/binary/i);
  expect(consoleErrors).toEqual([]);
});

test('Open path reads a host file; a template with two machines offers a picker', async ({ page, consoleErrors }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-asl-e2e-'));
  try {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Alpha:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties:',
      '      Definition:',
      '        StartAt: Alpha One',
      '        States:',
      '          Alpha One: { Type: Pass, End: true }',
      '  Beta:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties:',
      '      DefinitionUri: beta.asl.json',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'template.yaml'), template);
    fs.writeFileSync(
      path.join(dir, 'beta.asl.json'),
      JSON.stringify({ StartAt: 'Beta One', States: { 'Beta One': { Type: 'Pass', Next: 'Beta Two' }, 'Beta Two': { Type: 'Succeed' } } }),
    );

    await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    await page.getByTestId('open-path').fill(path.join(dir, 'template.yaml'));
    await page.getByTestId('open-path').press('Enter');
    await expect(page.locator('.ss-tab.is-active')).toContainText('template.yaml');
    const picker = page.getByTestId('machine-picker');
    await expect(picker.locator('option')).toHaveText(['Alpha', 'Beta']);
    await expect(node(page, 'Alpha One')).toBeVisible();
    await picker.selectOption({ label: 'Beta' });
    await expect(node(page, 'Beta One')).toBeVisible();
    await expect(node(page, 'Beta Two')).toBeVisible();
    await expect(node(page, 'Alpha One')).toHaveCount(0);

    await page.getByTestId('open-path').fill(path.join(dir, 'does-not-exist.json'));
    await page.getByTestId('open-path').press('Enter');
    await expect(page.locator('.ss-tab.is-active')).toContainText('does-not-exist.json');
    await expect(page.getByTestId('fatal-panel')).toContainText('does-not-exist.json');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The only console line is the browser's own note about the host's 404 for the missing file.
  expect(consoleErrors.filter((e) => !/Failed to load resource: .* 404/.test(e))).toEqual([]);
});
