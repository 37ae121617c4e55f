/**
 * The UI half of the hostile-input suite (the CLI and bridge half is test/hostile/): hostile files opened through
 * the page's file input never open a dialog, never run script from a name, never change the window title beyond
 * the file's own name, and never break the other open tab.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, upload } from './fixtures.ts';
import { CASES, XSS_NAME } from '../hostile/cases.ts';
import { settled } from './settle.ts';

const SMALL = JSON.stringify({
  StartAt: 'First Step',
  States: { 'First Step': { Type: 'Pass', Next: 'Second Step' }, 'Second Step': { Type: 'Succeed' } },
});

// The big-file cases stay in the CLI/bridge suite: pushing 50-500 MB through a browser file input is a test of
// Playwright, not of the app.
// No trace for this test: snapshotting every step of a 300-level nested document makes the recorder (which runs
// in the test worker, beside the in-process host) the slowest thing in the run.
test.use({ trace: 'off' });

const UI_CASES = CASES.filter((c) => !['definition-50mb', 'file-500mb-sparse'].includes(c.id));

test('hostile files: no dialog, no script, title is the file name, the other tab still renders', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-e2e-hostile-'));
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  try {
    await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    await upload(page, 'small.asl.json', Buffer.from(SMALL));
    await expect(page.locator('.react-flow__node[data-id="First Step"]')).toBeVisible();

    for (const c of UI_CASES) {
      const file = c.make(dir);
      const name = path.basename(file);
      const titleBefore = await page.evaluate(() => document.title);
      // A file that cannot be read as text opens no tab (the open-errors message names it): the title stays.
      const opened = await upload(page, name, fs.readFileSync(file));
      // Let the document finish loading (parse, layout, render) before judging it: the page is at rest.
      await settled(page);
      const state = await page.evaluate(() => ({
        title: document.title,
        pwned: (globalThis as { __pwned?: unknown }).__pwned,
        scripts: document.querySelectorAll('script:not([src])').length,
        injected: document.querySelectorAll('img[onerror], [onmouseover], iframe').length,
      }));
      expect(state.pwned, c.id).toBeUndefined();
      expect(state.scripts, c.id).toBe(0);
      expect(state.injected, c.id).toBe(0);
      expect(state.title, c.id).toBe(opened === 'tab' ? `${name} — Statescope` : titleBefore);
      expect(dialogs, c.id).toEqual([]);
      if (c.id === 'html-names') {
        // The name is drawn as text, markup and all.
        const node = page.locator('.react-flow__node').first();
        await expect(node).toContainText('<img src=x');
        await expect(node).toContainText('onerror="globalThis.__pwned=1"><script>globalThis.__pwned=2</script>');
      }
    }

    await page
      .locator('.ss-tab', { hasText: 'small.asl.json' })
      .getByRole('tab', { name: 'small.asl.json', exact: true })
      .click();
    await expect(page.locator('.react-flow__node[data-id="First Step"]')).toBeVisible();
    await page.locator('.react-flow__node[data-id="Second Step"]').click();
    await expect(page.getByTestId('details-panel').getByTestId('state-name')).toHaveText('Second Step');
    expect(await page.evaluate(() => document.title)).toBe('small.asl.json — Statescope');
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(consoleErrors.filter((e) => e.includes(XSS_NAME) || /__pwned/.test(e))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
