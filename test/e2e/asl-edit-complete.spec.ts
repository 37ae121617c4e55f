/**
 * The code view's help from the ASL language service (completions, hover) and the save/watch details: the first
 * save already checks for a change on disk, and closing a tab stops watching its file.
 */
import fs from 'node:fs';
import { test, expect, node, openInCodeView, EDIT_MACHINE as MACHINE, type Page } from './fixtures.ts';
import { settled } from './settle.ts';

function openOnDisk(page: Page, dir: string, text: string, name = 'complete-me.asl.json'): Promise<string> {
  return openInCodeView(page, dir, name, text, 'Check Order');
}

test('typing "Next": " offers the state names and accepting one inserts it', async ({ page, app, consoleErrors }) => {
  const start = structuredClone(MACHINE) as { StartAt: string; States: Record<string, Record<string, unknown>> };
  start.States['Check Order'] = { Type: 'Pass', Next: '' };
  await openOnDisk(page, app.dataDir, JSON.stringify(start, null, 2) + '\n');

  // Retype the Next line of Check Order, key by key.
  await page.locator('.cm-line', { hasText: '"Next": ""' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('"Next": "');
  const list = page.locator('.cm-tooltip-autocomplete');
  await expect(list).toBeVisible();
  await expect(list.locator('li', { hasText: 'Wait A Bit' })).toBeVisible();
  await expect(list.locator('li', { hasText: 'Done' })).toBeVisible();

  await list.locator('li', { hasText: 'Wait A Bit' }).click();
  await expect(page.locator('.cm-line', { hasText: '"Next": "Wait A Bit"' })).toHaveCount(1);
  const text = await page.locator('.cm-content').innerText();
  expect(JSON.parse(text).States['Check Order']).toEqual({ Type: 'Pass', Next: 'Wait A Bit' });
  await expect(page.getByTestId('parse-error-bar')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('typing the start of a field name offers the fields of that state type, and accepting one inserts it', async ({
  page,
  app,
  consoleErrors,
}) => {
  const start = structuredClone(MACHINE) as { StartAt: string; States: Record<string, Record<string, unknown>> };
  start.States['Check Order'] = { Type: 'Pass', Next: 'Wait A Bit' };
  await openOnDisk(page, app.dataDir, JSON.stringify(start, null, 2) + '\n');
  // A new line after the Type of Check Order, then the start of a field name, quote first as one types JSON.
  await page.locator('.cm-line', { hasText: '"Type": "Pass"' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"ResultP');
  const list = page.locator('.cm-tooltip-autocomplete');
  await expect(list).toBeVisible();
  await expect(list.locator('li', { hasText: 'ResultPath' })).toBeVisible();
  // Fields of other state types are not offered for a Pass state.
  await expect(list.locator('li', { hasText: 'TimeoutSeconds' })).toHaveCount(0);
  // Typing more of the name filters the same list: the host is not asked again (language.ts COMPLETION_VALID_FOR),
  // and the list stays enabled, so it is the one Enter accepts.
  await expect(list).not.toHaveClass(/cm-tooltip-autocomplete-disabled/);
  const asked = app.calls.filter((c) => c === 'asl.complete').length;
  await page.keyboard.type('a');
  await expect(list.locator('li', { hasText: 'ResultPath' })).toBeVisible();
  await expect(list).not.toHaveClass(/cm-tooltip-autocomplete-disabled/);
  expect(app.calls.filter((c) => c === 'asl.complete').length).toBe(asked);
  // CodeMirror accepts with the keyboard only once the list has been open for its interaction delay (75 ms), so
  // that an Enter pressed as the list appears still breaks the line.
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
  await expect(page.locator('.cm-line', { hasText: /^\s*"ResultPath"/ })).toHaveCount(1);
  // The quote typed first is replaced, not doubled.
  await expect(page.locator('.cm-line', { hasText: '""ResultPath' })).toHaveCount(0);
  expect(app.calls).toContain('asl.complete');
  expect(consoleErrors).toEqual([]);
});

test('a bad Next is marked on its value, not on the state’s first line', async ({ page, app, consoleErrors }) => {
  const start = structuredClone(MACHINE) as { StartAt: string; States: Record<string, Record<string, unknown>> };
  start.States['Check Order'] = {
    Type: 'Pass',
    Comment: 'checks',
    Parameters: { a: 1, b: 2 },
    ResultPath: '$.r',
    Next: 'Nowhere',
  };
  await openOnDisk(page, app.dataDir, JSON.stringify(start, null, 2) + '\n');
  const marks = page.locator('.cm-lintRange-error');
  await expect(marks.first()).toBeVisible();
  await expect(marks.filter({ hasText: '"Nowhere"' })).toHaveCount(1);
  // The problem strip and the lint mark agree on the line: the line of "Next".
  const line = page.locator('.cm-line', { hasText: '"Next": "Nowhere"' });
  await expect(line.locator('.cm-lintRange-error')).toHaveCount(1);
  await expect(page.locator('.cm-line', { hasText: '"Check Order": {' }).locator('.cm-lintRange-error')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('hovering a field shows what it means', async ({ page, app, consoleErrors }) => {
  await openOnDisk(page, app.dataDir, JSON.stringify(MACHINE, null, 2) + '\n');
  // A few characters into `  "StartAt": …` (the line element spans the whole width, so not its centre).
  await page.locator('.cm-line', { hasText: '"StartAt"' }).hover({ position: { x: 40, y: 6 } });
  const tip = page.getByTestId('code-hover');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/name of a state/i);
  expect(app.calls).toContain('asl.hover');
  expect(consoleErrors).toEqual([]);
});

test('a change on disk before the first save is caught by the save itself, not overwritten', async ({
  page,
  app,
  consoleErrors,
}) => {
  const original = JSON.stringify(MACHINE, null, 2) + '\n';
  const file = await openOnDisk(page, app.dataDir, original);
  // The view keeps the modification time of the read that opened the file: no second read of the file.
  await expect.poll(() => app.calls.includes('files.watch')).toBe(true);
  await settled(page);
  expect(app.calls.filter((c) => c === 'files.read')).toHaveLength(1);
  // Stop the watcher, so only the save's own check can notice the change.
  const unwatched = await page.evaluate(async (p) => {
    const r = await fetch('api/call/files.unwatch', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: p }),
    });
    return r.status;
  }, file);
  expect(unwatched).toBe(200);

  await page.locator('.cm-line', { hasText: '"Seconds": 5' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('7');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  const theirs = original.replace('"Seconds": 5', '"Seconds": 99');
  fs.writeFileSync(file, theirs);
  const later = new Date(Date.now() + 5_000);
  fs.utimesSync(file, later, later);
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('edit-message')).toContainText(/changed on disk/);
  expect(fs.readFileSync(file, 'utf8')).toBe(theirs);
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  // The browser logs the refused save (409) itself; nothing else may go wrong.
  expect(consoleErrors.filter((e) => !/409 \(Conflict\)/.test(e))).toEqual([]);
});

test('closing the tab stops watching its file', async ({ page, app, consoleErrors }) => {
  await openOnDisk(page, app.dataDir, JSON.stringify(MACHINE, null, 2) + '\n');
  await expect.poll(() => app.calls.includes('files.watch')).toBe(true);
  expect(app.calls).not.toContain('files.unwatch');
  await page.locator('.ss-tab-close').last().click();
  await expect(node(page, 'Check Order')).toHaveCount(0);
  await expect.poll(() => app.calls.includes('files.unwatch')).toBe(true);
  expect(consoleErrors).toEqual([]);
});
