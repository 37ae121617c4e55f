/**
 * Editing an ASL file in web mode: the code view redraws the graph as you type, selection goes both ways, host
 * validation puts badges and problems on screen, exports are written, unsaved edits survive a change on disk, and
 * Save writes the editor text to the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, node, openInCodeView, EDIT_MACHINE as MACHINE, type Page } from './fixtures.ts';

/** Writes `machine` into the test's data folder and opens it by path, with the code view shown. */
function openOnDisk(page: Page, dir: string, machine: unknown, name = 'edit-me.asl.json'): Promise<string> {
  return openInCodeView(page, dir, name, JSON.stringify(machine, null, 2) + '\n', 'Check Order');
}

/** Replaces the editor's whole text as typed input. */
async function typeText(page: Page, text: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

test('typing in the code view redraws the graph; a node click highlights its source and the cursor selects a node', async ({
  page,
  app,
  consoleErrors,
}) => {
  await openOnDisk(page, app.dataDir, MACHINE);
  await expect(page.locator('.react-flow__node[data-id="Send Receipt"]')).toHaveCount(0);

  const edited = structuredClone(MACHINE) as typeof MACHINE & { States: Record<string, unknown> };
  edited.States['Wait A Bit'] = { Type: 'Wait', Seconds: 5, Next: 'Send Receipt' };
  edited.States['Send Receipt'] = { Type: 'Pass', Next: 'Done' };
  await typeText(page, JSON.stringify(edited, null, 2));
  await expect(node(page, 'Send Receipt')).toBeVisible();
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  // Graph → source.
  await node(page, 'Wait A Bit').click();
  const mark = page.locator('.ss-code-selected').first();
  await expect(mark).toBeVisible();
  await expect(page.locator('.ss-code-selected-line').first()).toContainText('"Wait A Bit"');
  await expect(page.locator('.ss-code-selected-line').filter({ hasText: '"Seconds": 5' })).toHaveCount(1);

  // Source → graph: put the cursor inside "Send Receipt".
  await page.locator('.cm-line', { hasText: '"Send Receipt": {' }).click();
  await page.keyboard.press('ArrowDown');
  await expect(node(page, 'Send Receipt')).toHaveClass(/selected/);

  // A parse error keeps the last good graph and says what is wrong.
  await page.keyboard.insertText('{{{');
  await expect(page.getByTestId('parse-error-bar')).toBeVisible();
  await expect(node(page, 'Send Receipt')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('an introduced error puts a badge on its node and a line in the problems list; picking it moves the cursor', async ({
  page,
  app,
  consoleErrors,
}) => {
  await openOnDisk(page, app.dataDir, MACHINE);
  await expect(node(page, 'Wait A Bit').getByTestId('node-problem-badge')).toHaveCount(0);
  const broken = structuredClone(MACHINE) as typeof MACHINE & { States: Record<string, unknown> };
  broken.States['Wait A Bit'] = { Type: 'Wait', Seconds: -5, Next: 'Done' };
  await typeText(page, JSON.stringify(broken, null, 2));
  // Only the host's validator knows that Seconds cannot be negative.
  await expect(node(page, 'Wait A Bit').getByTestId('node-problem-badge')).toBeVisible();
  await page.locator('.ss-problems-toggle').click();
  const line = page
    .getByTestId('problems-list')
    .locator('li', { hasText: /Seconds/ })
    .first();
  await expect(line).toContainText('Wait A Bit');
  await expect(line).toContainText(/\d+:\d+/);
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();
  await line.getByRole('button').click();
  await expect(node(page, 'Wait A Bit')).toHaveClass(/selected/);
  await expect(page.locator('.cm-activeLine')).toContainText('Seconds');
  expect(consoleErrors).toEqual([]);
});

test('SVG and PNG exports are written', async ({ page, app, consoleErrors }) => {
  await openOnDisk(page, app.dataDir, MACHINE);
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svgPath = await (await svgDownload).path();
  const svg = fs.readFileSync(svgPath, 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('Wait A Bit');

  for (const id of ['export-png', 'export-png-view']) {
    const download = page.waitForEvent('download');
    await page.getByTestId(id).click();
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/\.png$/);
    const png = fs.readFileSync(await d.path());
    expect(png.length).toBeGreaterThan(1000);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    if (id === 'export-png-view') {
      // The part on screen, at 2× (the IHDR width is at byte 16).
      const canvas = (await page.getByTestId('graph').boundingBox())!;
      expect(Math.abs(png.readUInt32BE(16) - 2 * canvas.width)).toBeLessThanOrEqual(2);
    }
  }
  expect(consoleErrors).toEqual([]);
});

test('unsaved changes survive a change on disk ("Keep mine"), and Save writes the editor text atomically', async ({
  page,
  app,
  consoleErrors,
}) => {
  const sample = fs.readFileSync(path.resolve('samples/asl/order-processing.asl.json'), 'utf8');
  expect(sample.length).toBeGreaterThan(0);
  const file = await openOnDisk(page, app.dataDir, MACHINE);

  const mine = structuredClone(MACHINE) as typeof MACHINE & { States: Record<string, unknown> };
  mine.States['Wait A Bit'] = { Type: 'Wait', Seconds: 5, Next: 'Mine Only' };
  mine.States['Mine Only'] = { Type: 'Pass', Next: 'Done' };
  const myText = JSON.stringify(mine, null, 2);
  await typeText(page, myText);
  await expect(node(page, 'Mine Only')).toBeVisible();

  // Someone else changes the file on disk.
  const theirs = structuredClone(MACHINE) as typeof MACHINE & { States: Record<string, unknown> };
  theirs.States['Check Order'] = { Type: 'Pass', Next: 'Theirs Only' };
  theirs.States['Theirs Only'] = { Type: 'Pass', Next: 'Wait A Bit' };
  fs.writeFileSync(file, JSON.stringify(theirs, null, 2));
  await expect(page.getByTestId('conflict-bar')).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('keep-mine').click();
  await expect(page.getByTestId('conflict-bar')).toHaveCount(0);
  await expect(node(page, 'Mine Only')).toBeVisible();
  await expect(page.locator('.cm-content')).toContainText('Mine Only');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('edit-message')).toContainText('Saved');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(fs.readFileSync(file, 'utf8')).toBe(myText);
  // The write went through a temporary file that was renamed: nothing else is left next to it.
  expect(fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith('edit-me'))).toEqual(['edit-me.asl.json']);
  expect(consoleErrors).toEqual([]);
});

test('clean tabs reload when the file changes on disk; a deleted file is reported and the text kept', async ({
  page,
  app,
  consoleErrors,
}) => {
  const file = await openOnDisk(page, app.dataDir, MACHINE);
  const changed = structuredClone(MACHINE) as typeof MACHINE & { States: Record<string, unknown> };
  changed.States['Check Order'] = { Type: 'Pass', Next: 'From Disk' };
  changed.States['From Disk'] = { Type: 'Pass', Next: 'Wait A Bit' };
  fs.writeFileSync(file, JSON.stringify(changed, null, 2));
  await expect(node(page, 'From Disk')).toBeVisible({ timeout: 5_000 });
  fs.rmSync(file);
  await expect(page.getByTestId('gone-bar')).toBeVisible({ timeout: 5_000 });
  await expect(page.locator('.cm-content')).toContainText('From Disk');
  expect(consoleErrors).toEqual([]);
});

test('a file that cannot be drawn can be fixed in the code view; a picked file is saved as a download', async ({
  page,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('file-input').setInputFiles({
    name: 'broken.asl.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", }\n'),
  });
  await expect(page.getByTestId('fatal-panel')).toBeVisible();
  if ((await page.getByTestId('code-view').count()) === 0) await page.getByTestId('code-toggle').click();
  await typeText(page, JSON.stringify(MACHINE, null, 2));
  await expect(node(page, 'Check Order')).toBeVisible();
  await expect(page.getByTestId('save')).toContainText('Save as');
  const download = page.waitForEvent('download');
  await page.getByTestId('save').click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('broken.asl.json');
  expect(JSON.parse(fs.readFileSync(await d.path(), 'utf8'))).toEqual(MACHINE);
  await expect(page.getByTestId('edit-message')).toContainText('downloaded');
  expect(consoleErrors).toEqual([]);
});

test('path highlights dim the rest; closing a tab with unsaved edits asks first; copy as image answers', async ({
  page,
  app,
  consoleErrors,
}) => {
  const withOrphan = structuredClone(MACHINE) as typeof MACHINE & { States: Record<string, unknown> };
  withOrphan.States['Never Reached'] = { Type: 'Pass', Next: 'Done' };
  await openOnDisk(page, app.dataDir, withOrphan);
  await page.getByTestId('paths-picker').selectOption('unreachable');
  await expect(node(page, 'Never Reached')).toHaveClass(/is-lit/);
  await expect(node(page, 'Check Order')).toHaveClass(/is-dimmed/);
  await node(page, 'Wait A Bit').click();
  await page.getByTestId('paths-picker').selectOption('to-selected');
  await expect(node(page, 'Check Order')).toHaveClass(/is-lit/);
  await expect(node(page, 'Done')).toHaveClass(/is-dimmed/);
  await page.getByTestId('paths-picker').selectOption('none');
  await expect(node(page, 'Done')).not.toHaveClass(/is-dimmed/);

  await page.getByTestId('copy-image').click();
  await expect(page.getByTestId('edit-message')).toContainText(/Copied|refused|does not allow/);

  await page.locator('.cm-content').click();
  await page.keyboard.press('End');
  await page.keyboard.insertText(' ');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  const tab = page.locator('.ss-tab', { hasText: 'edit-me.asl.json' });
  page.once('dialog', (dialog) => {
    expect(dialog.type()).toBe('confirm');
    void dialog.dismiss();
  });
  await tab.locator('.ss-tab-close').click();
  await expect(tab).toHaveCount(1);
  page.once('dialog', (dialog) => void dialog.accept());
  await tab.locator('.ss-tab-close').click();
  await expect(tab).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('editing a 1,000-state file: validation runs in the host and the page keeps answering', async ({
  page,
  app,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const States: Record<string, unknown> = {};
  States['Check Order'] = { Type: 'Pass', Next: 'S1' };
  for (let i = 1; i < 1000; i++)
    States[`S${i}`] = i === 999 ? { Type: 'Succeed' } : { Type: 'Pass', Next: `S${i + 1}` };
  await openOnDisk(page, app.dataDir, { StartAt: 'Check Order', States }, 'big.asl.json');
  await expect(node(page, 'S2').getByTestId('node-problem-badge')).toHaveCount(0);
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  // Break one state far down the file: its badge comes from the host's validator.
  const line = page.locator('.cm-line', { hasText: '"S2": {' });
  await line.click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  const started = Date.now();
  await page.keyboard.insertText(' "TimeoutSeconds": 5,');
  await expect(node(page, 'S2').getByTestId('node-problem-badge')).toBeVisible({ timeout: 30_000 });
  const answered = Date.now() - started;
  await page.locator('.ss-problems-toggle').click();
  await expect(page.getByTestId('problems-list')).toContainText('TimeoutSeconds');
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  console.log(
    `1,000 states: problems shown ${answered} ms after the edit; longest main-thread task ${longest.toFixed(0)} ms`,
  );
  expect(answered).toBeLessThan(30_000);
  expect(consoleErrors).toEqual([]);
});

test('leaving the page with unsaved edits asks first', async ({ page, app }) => {
  await openOnDisk(page, app.dataDir, MACHINE);
  await page.locator('.cm-content').click();
  await page.keyboard.press('End');
  await page.keyboard.insertText(' ');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  const dialog = new Promise<string>((resolve) =>
    page.once('dialog', (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await dialog).toBe('beforeunload');
});
