/**
 * Opening files in web mode: a malformed file shows its message in its own tab while other tabs keep working,
 * binary files are refused, host paths open through "Open path…", and a template with several machines offers
 * a machine picker.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, node, upload } from './fixtures.ts';

const SMALL = {
  StartAt: 'First Step',
  States: {
    'First Step': { Type: 'Pass', Next: 'Second Step' },
    'Second Step': { Type: 'Succeed' },
  },
};

test('a malformed file shows its message with line and column; the other tab still works', async ({
  page,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await upload(page, 'small.asl.json', JSON.stringify(SMALL, null, 2));
  await expect(node(page, 'First Step')).toBeVisible();

  await upload(page, 'broken.asl.json', '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", }\n');
  const fatal = page.getByTestId('fatal-panel');
  await expect(fatal).toBeVisible();
  await expect(fatal).toContainText(/line \d+, column \d+/i);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await page
    .locator('.ss-tab', { hasText: 'small.asl.json' })
    .getByRole('tab', { name: 'small.asl.json', exact: true })
    .click();
  await expect(node(page, 'First Step')).toBeVisible();
  await node(page, 'Second Step').click();
  await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText('Second Step');

  await page
    .locator('.ss-tab', { hasText: 'broken.asl.json' })
    .getByRole('tab', { name: 'broken.asl.json', exact: true })
    .click();
  await expect(page.getByTestId('fatal-panel')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('empty, non-ASL and binary files get clear messages', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await upload(page, 'empty.json', '');
  await expect(page.getByTestId('fatal-panel')).toContainText(/empty/i);

  await upload(page, 'package.json', JSON.stringify({ name: 'not-a-state-machine', version: '1.0.0' }));
  await expect(page.getByTestId('fatal-panel')).toBeVisible();

  // A file that cannot even be read as text gets no tab: the message bar says why.
  await page.getByTestId('file-input').setInputFiles({
    name: 'image.json',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
  });
  await expect(page.getByTestId('open-errors')).toContainText('image.json');
  await expect(page.getByTestId('open-errors')).toContainText(/binary/i);
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
      JSON.stringify({
        StartAt: 'Beta One',
        States: { 'Beta One': { Type: 'Pass', Next: 'Beta Two' }, 'Beta Two': { Type: 'Succeed' } },
      }),
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
    // One dismissible message, not a tab per failure; the open tab stays as it was.
    await expect(page.getByTestId('open-errors')).toContainText('does-not-exist.json');
    await expect(page.locator('.ss-tab', { hasText: 'does-not-exist.json' })).toHaveCount(0);
    await page.getByTestId('open-errors-close').click();
    await expect(page.getByTestId('open-errors')).toHaveCount(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The only console line is the browser's own note about the host's 404 for the missing file.
  expect(consoleErrors.filter((e) => !/Failed to load resource: .* 404/.test(e))).toEqual([]);
});

test('a file dropped anywhere on the window opens in a new tab', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const text = JSON.stringify({ StartAt: 'Dropped State', States: { 'Dropped State': { Type: 'Succeed' } } });
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'dropped.asl.json', { type: 'application/json' }));
    const target = document.querySelector('.ss-status')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
    }
  }, text);
  await expect(page.locator('.ss-tab.is-active')).toContainText('dropped.asl.json');
  await expect(node(page, 'Dropped State')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('files handed over by the host (files.open event) open in tabs', async ({ page, app, consoleErrors }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-asl-e2e-'));
  try {
    const file = path.join(dir, 'handed.asl.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ StartAt: 'Handed Over', States: { 'Handed Over': { Type: 'Pass', End: true } } }),
    );
    await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    // The event stream connects after start; keep pushing until the tab shows up.
    await expect(async () => {
      app.events.emit('files.open', { paths: [file] });
      await expect(page.locator('.ss-tab', { hasText: 'handed.asl.json' }).first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expect(node(page, 'Handed Over')).toBeVisible();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(consoleErrors).toEqual([]);
});

test('a YAML alias bomb is refused with a message and the window stays responsive', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 12; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(
      `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
    );
  }
  lines.push('StartAt: A', 'States:', '  A: { Type: Succeed }');
  await upload(page, 'bomb.asl.yaml', lines.join('\n'));
  await expect(page.getByTestId('fatal-panel')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('fatal-panel')).toContainText(/alias/i);
  await upload(page, 'after-bomb.asl.json', JSON.stringify(SMALL));
  await expect(node(page, 'First Step')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a transition to an unknown state is drawn as a missing node with a problem badge', async ({
  page,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await upload(
    page,
    'missing.asl.json',
    JSON.stringify({ StartAt: 'Go', States: { Go: { Type: 'Pass', Next: 'Nowhere' } } }),
  );
  await expect(page.getByTestId('missing-node')).toContainText('Nowhere');
  await expect(page.getByTestId('missing-node')).toContainText(/missing/i);
  await expect(node(page, 'Go').getByTestId('node-problem-badge')).toBeVisible();
  // The loader's missing-target error and the validator's "can never finish" error (no terminal state).
  await expect(page.getByTestId('problems-strip')).toContainText('2 errors');
  await page
    .getByTestId('problems-strip')
    .getByRole('button', { name: /Problems/ })
    .click();
  await expect(page.getByTestId('problems-list')).toContainText('Nowhere');
  expect(consoleErrors).toEqual([]);
});

test('a file changed on disk is re-read into its tab, keeping the selection', async ({ page, app, consoleErrors }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-asl-e2e-'));
  try {
    const file = path.join(dir, 'live.asl.json');
    fs.writeFileSync(file, JSON.stringify(SMALL));
    await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    await page.getByTestId('open-path').fill(file);
    await page.getByTestId('open-path').press('Enter');
    await node(page, 'First Step').click();
    await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText('First Step');

    const changed = {
      StartAt: 'First Step',
      States: {
        'First Step': { Type: 'Pass', Next: 'Added Later' },
        'Added Later': { Type: 'Pass', Next: 'Second Step' },
        'Second Step': { Type: 'Succeed' },
      },
    };
    fs.writeFileSync(file, JSON.stringify(changed));
    await expect(async () => {
      app.events.emit('files.changed', { path: file, kind: 'changed' });
      await expect(node(page, 'Added Later')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText('First Step');
    await expect(page.getByTestId('tab')).toHaveCount(3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(consoleErrors).toEqual([]);
});
