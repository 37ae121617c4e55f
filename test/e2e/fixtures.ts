/**
 * Playwright fixtures for web mode: the real host (file service, handlers, HTTP bridge with token checks) started
 * in-process once per worker, a fresh data folder for every test (each test gets new handlers over its own
 * STATESCOPE_DATA_DIR, with its own environment and launch files), and a page already logged in with the token.
 *
 *   import { test, expect } from './fixtures.ts';
 *   test('…', async ({ page, app }) => { … app.url, app.token, app.dataDir … });
 *   test.use({ hostEnv: { STATESCOPE_AWS_ENDPOINT: 'http://127.0.0.1:4566' } }); // env seen by the host
 *   test.use({ launchFiles: ['samples/asl/order.asl.json'] });                 // like `statescope open FILE`
 *
 * `consoleErrors` collects the page's console errors and uncaught exceptions; assert it is empty.
 */
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handlers } from '../../shared/contract.ts';
import type { EventHub } from '../../electron/host/events.ts';
import { createWebHandlers, startWebMode, type WebMode } from '../../electron/web/start.ts';

const APP_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));

export interface AppFixture {
  /** `http://127.0.0.1:PORT/?token=TOKEN`, as `statescope serve` prints it. */
  url: string;
  /** `http://127.0.0.1:PORT` (for API calls with the bearer token). */
  origin: string;
  /** The random path the page and its cookie live under (`/<32 hex>`). */
  base: string;
  token: string;
  port: number;
  /** This test's own STATESCOPE_DATA_DIR. */
  dataDir: string;
  /** Push host events (`files.open`, `files.changed`, …) to the page. */
  events: EventHub;
  /** The contract methods the host has run for this test, in order (what got past the bridge's checks). */
  calls: string[];
  /** Hands files to the running app as the desktop shell does (a second launch, Open Recent): grant, then `files.open`. */
  handOver: (paths: string[]) => void;
}

interface TestFixtures {
  /** Extra environment for the host (the host reads its env from here, not from the runner's process). */
  hostEnv: Record<string, string>;
  /** Files handed to the app at start (`app.info().launchFiles`), relative to the repository root. */
  launchFiles: string[];
  app: AppFixture;
  consoleErrors: string[];
}

interface WorkerFixtures {
  /** The repository root, after checking the renderer has been built. */
  appRoot: string;
  /** The worker's web server (one address and token for all the worker's tests). */
  webServer: WebMode;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appRoot: [
    async ({}, use) => {
      const index = path.join(APP_ROOT, 'out', 'renderer', 'index.html');
      if (!fs.existsSync(index)) {
        throw new Error(`${index} is missing: build the renderer first (npm run build:renderer).`);
      }
      await use(APP_ROOT);
    },
    { scope: 'worker' },
  ],

  webServer: [
    async ({ appRoot }, use) => {
      const workerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-e2e-worker-'));
      const web = await startWebMode({
        appRoot,
        port: 0,
        cwd: appRoot,
        env: { ...process.env, STATESCOPE_DATA_DIR: workerDir },
      });
      try {
        await use(web);
      } finally {
        await web.close();
        fs.rmSync(workerDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],

  hostEnv: [{}, { option: true }],
  launchFiles: [[], { option: true }],

  app: async ({ appRoot, webServer, hostEnv, launchFiles }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-e2e-'));
    const env = { ...process.env, ...hostEnv, STATESCOPE_DATA_DIR: dataDir };
    // The specs write their files under the system temp folder (this test's data folder included) and open them
    // by path: that folder is the workspace, as with `statescope serve $TMPDIR`.
    const { handlers, grants } = createWebHandlers({
      appRoot,
      files: launchFiles,
      roots: [os.tmpdir()],
      cwd: appRoot,
      env,
      events: webServer.events,
    });
    const calls: string[] = [];
    const recorded = Object.fromEntries(
      Object.entries(handlers).map(([name, fn]) => [
        name,
        (args: unknown) => {
          calls.push(name);
          return (fn as (a: unknown) => Promise<unknown>)(args);
        },
      ]),
    ) as unknown as Handlers;
    webServer.setHandlers(recorded);
    try {
      await use({
        url: webServer.url,
        origin: `http://127.0.0.1:${webServer.port}`,
        base: webServer.base,
        token: webServer.token,
        port: webServer.port,
        dataDir,
        events: webServer.events,
        calls,
        handOver: (paths) => {
          for (const p of paths) grants.grantFile(p);
          webServer.events.emit('files.open', { paths });
        },
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },

  consoleErrors: async ({}, use) => {
    await use([]);
  },

  page: async ({ page, app, consoleErrors }, use) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`${error.name}: ${error.message}`));
    const response = await page.goto(app.url);
    if (!response || !response.ok()) {
      throw new Error(`Opening ${app.url} answered ${response?.status()}: ${await response?.text()}`);
    }
    await use(page);
  },
});

/** A three-state machine (Pass, Wait, Succeed) the editing specs open and change. */
export const EDIT_MACHINE = {
  StartAt: 'Check Order',
  States: {
    'Check Order': { Type: 'Pass', Next: 'Wait A Bit' },
    'Wait A Bit': { Type: 'Wait', Seconds: 5, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

/** The drawn node of a state (or marker) by its id; quotes in the name are escaped for the selector. */
export function node(page: Page, name: string) {
  return page.locator(`.react-flow__node[data-id="${name.replace(/"/g, '\\"')}"]`);
}

/**
 * Hands a file to the app's file input, as a drop or File › Open does, and waits for its tab, or, for a file that
 * cannot be read as text at all, for the open-errors message naming it. Returns which of the two happened.
 */
export async function upload(page: Page, name: string, content: string | Buffer): Promise<'tab' | 'error'> {
  await page.getByTestId('file-input').setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: typeof content === 'string' ? Buffer.from(content) : content,
  });
  const tab = page.locator('.ss-tab.is-active', { hasText: name });
  const error = page.getByTestId('open-errors').filter({ hasText: name });
  await expect(tab.or(error).first()).toBeVisible();
  return (await tab.count()) > 0 ? 'tab' : 'error';
}

/**
 * Writes `text` to `name` in `dir` and opens it by path (so it can be saved and watched), waits for `firstState`
 * to be drawn and shows the code view. Returns the file's path.
 */
export async function openInCodeView(
  page: Page,
  dir: string,
  name: string,
  text: string,
  firstState: string,
): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-path').fill(file);
  await page.getByTestId('open-path').press('Enter');
  await expect(node(page, firstState)).toBeVisible();
  if ((await page.getByTestId('code-view').count()) === 0) await page.getByTestId('code-toggle').click();
  await expect(page.locator('.cm-content')).toBeVisible();
  return file;
}

export { expect, type Page };
