/**
 * The desktop app itself, through Playwright's Electron driver. Skips (with the reason) when this machine has no
 * Electron executable: set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron, or install the electron package
 * with its binary. Needs `npm run build` first (out/electron and out/renderer).
 */
import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../electron/host/electron-binary.ts';

const ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const executablePath = findElectronBinary(process.env, ROOT);

const SKIP_REASON =
  'No Electron executable on this machine (ELECTRON_OVERRIDE_DIST_PATH unset and the electron package has no binary); ' +
  'the desktop app is covered by test/unit/host/electron-*.test.ts and the web project instead.';

test('opens a hardened window that exposes only window.statescope', async () => {
  if (executablePath === null) {
    console.log(`[electron] skipped: ${SKIP_REASON}`);
    test.skip(true, SKIP_REASON);
  }
  test.skip(!fs.existsSync(path.join(ROOT, 'out', 'electron', 'main.cjs')), 'Run `npm run build` first.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-electron-'));
  const app = await electron.launch({
    executablePath: executablePath!,
    args: [ROOT],
    env: { ...process.env, STATESCOPE_DATA_DIR: dataDir } as Record<string, string>,
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveURL(/^app:\/\/statescope\//);
    const shape = await page.evaluate(() => ({
      keys: Object.keys((window as any).statescope ?? {}).sort(),
      frozen: Object.isFrozen((window as any).statescope),
      require: typeof (window as any).require,
      process: typeof (window as any).process,
    }));
    expect(shape).toEqual({ keys: ['call', 'on'], frozen: true, require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(() => (window as any).statescope.call('app.info', {}));
    expect(info.mode).toBe('electron');
    // Navigation away from the renderer is refused: the URL stays ours.
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    await expect(page).toHaveURL(/^app:\/\/statescope\//);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
