/**
 * In-browser figures for `npm run bench`: the real web-mode host started in this process with the built renderer
 * (built first when out/renderer is missing), headless Chromium through playwright-core.
 *
 * - app start → interactive: page navigation start to the first React Flow node of the start-up sample;
 * - file open → graph on screen: from the file input's `change` event to the last frame in which the set of
 *   rendered nodes (or the viewport) changed, once the new tab is active, "Laying out…" is gone and nothing has
 *   changed for QUIET_MS (large graphs render only visible nodes, so this is "the last node that will be drawn");
 * - renderer bundle: gzip size of every file under out/renderer.
 * X-Ray figures need the app shell to route X-Ray files to the X-Ray workspace; when it does not, they are null
 * with a note saying why.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebMode } from '../electron/web/start.ts';
import { generateAsl } from './gen-asl.ts';

const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER = path.join(APP_ROOT, 'out', 'renderer');
const QUIET_MS = 700;

/** What the browser part measured; null where it could not be measured. */
export interface BrowserFigures {
  startToInteractiveMs: number | null;
  startRuns: number;
  aslOpen: { states: number; ms: number | null; runs: number; nodesRendered: number; samples: number[] }[];
  trace10kFirstPaintMs: number | null;
  trace10kMaxFrameMs: number | null;
  trace10kP95FrameMs: number | null;
  serviceMap100kMs: number | null;
  xrayNote: string | null;
  rendererGzipBytes: number;
  rendererRawBytes: number;
  rendererFiles: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function ensureRenderer(log: (s: string) => void): void {
  if (fs.existsSync(path.join(RENDERER, 'index.html'))) return;
  log('out/renderer is missing: building the renderer');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { cwd: APP_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`renderer build failed: ${(r.stderr ?? '').slice(-500)}`);
}

function bundleSize(): { gzip: number; raw: number; files: number } {
  let gzip = 0;
  let raw = 0;
  let files = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        const data = fs.readFileSync(p);
        raw += data.length;
        gzip += zlib.gzipSync(data, { level: 9 }).length;
        files++;
      }
    }
  };
  walk(RENDERER);
  return { gzip, raw, files };
}

/** Does the app shell mount the X-Ray workspace (so an X-Ray file opened in the app reaches the timeline)? */
function shellRoutesXray(): boolean {
  const dir = path.join(APP_ROOT, 'renderer', 'src', 'app');
  return fs.readdirSync(dir).some((f) => /\.tsx?$/.test(f) && fs.readFileSync(path.join(dir, f), 'utf8').includes('XrayWorkspace'));
}

async function startToInteractive(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    // Page scripts are plain strings: tsx would wrap functions in helpers that do not exist in the page.
    await page.addInitScript(`(() => {
      const tick = () => {
        if (document.querySelector('.react-flow__node')) window.__firstNodeAt = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })();`);
    await page.goto(url);
    return await poll<number>(page, 'window.__firstNodeAt', 30_000);
  } finally {
    await context.close();
  }
}

/**
 * Polls a page expression until it is defined. (waitForFunction would evaluate a string predicate with eval,
 * which the app's CSP rightly forbids; evaluate goes through the debugging protocol instead.)
 */
async function poll<T>(page: Page, expression: string, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = (await page.evaluate(expression)) as T | undefined;
    if (v !== undefined && v !== null) return v;
    if (Date.now() > end) throw new Error(`${expression} still undefined after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface OpenResult {
  ms?: number;
  nodes?: number;
  error?: string;
}

async function openAndWait(page: Page, fileName: string, text: string): Promise<OpenResult> {
  await page.evaluate(`(() => {
    const fileName = ${JSON.stringify(fileName)};
    const quiet = ${QUIET_MS};
    window.__open = undefined;
    const input = document.querySelector('[data-testid="file-input"]');
    if (!input) {
      window.__open = { error: 'no file input' };
      return;
    }
    let t0 = null;
    input.addEventListener('change', () => (t0 = performance.now()), { capture: true, once: true });
    let signature = '';
    let lastChange = 0;
    const tick = (now) => {
      if (t0 === null) return void requestAnimationFrame(tick);
      if (now - t0 > 120000) return void (window.__open = { error: 'no stable graph within 120 s' });
      const tab = document.querySelector('.ss-tab.is-active');
      const ready = !!(tab && tab.textContent && tab.textContent.includes(fileName)) && !document.querySelector('main[data-testid="document"] [data-testid="loading"]');
      const nodes = document.querySelectorAll('main[data-testid="document"] .react-flow__node');
      const viewport = document.querySelector('main[data-testid="document"] .react-flow__viewport');
      const last = nodes.length ? nodes[nodes.length - 1].getAttribute('data-id') : '';
      const sig = ready ? nodes.length + '|' + last + '|' + (viewport ? viewport.style.transform : '') : 'pending';
      if (sig !== signature) {
        signature = sig;
        lastChange = now;
      }
      if (ready && nodes.length > 0 && now - lastChange >= quiet) return void (window.__open = { ms: lastChange - t0, nodes: nodes.length });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.getByTestId('file-input').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
  return await poll<OpenResult>(page, 'window.__open', 150_000);
}

/** Runs every in-browser measurement; throws only when the browser or the server cannot start. */
export async function runBrowserBench(options: { quick: boolean; log: (s: string) => void }): Promise<BrowserFigures> {
  const { log } = options;
  ensureRenderer(log);
  const bundle = bundleSize();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-bench-'));
  const web = await startWebMode({ appRoot: APP_ROOT, port: 0, cwd: APP_ROOT, env: { ...process.env, STATESCOPE_DATA_DIR: dataDir } });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    log('browser: app start → interactive');
    const startRuns = options.quick ? 2 : 5;
    await startToInteractive(browser, web.url); // warm-up: OS file cache, server
    const starts: number[] = [];
    for (let i = 0; i < startRuns; i++) starts.push(await startToInteractive(browser, web.url));

    const aslOpen: BrowserFigures['aslOpen'] = [];
    for (const states of options.quick ? [200] : [1000, 5000]) {
      const text = JSON.stringify(generateAsl(states), null, 2);
      const runs = options.quick ? 2 : states >= 5000 ? 3 : 5;
      const samples: number[] = [];
      let nodesRendered = 0;
      for (let i = 0; i < runs; i++) {
        log(`browser: open ${states}-state file (${i + 1}/${runs})`);
        // A fresh page each time: no layout cache or warm worker carried over from the previous open.
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        try {
          const page = await context.newPage();
          await page.goto(web.url);
          await page.locator('.ss-app[data-ready="true"]').waitFor({ timeout: 30_000 });
          await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
          const r = await openAndWait(page, `bench-${states}-${i}.asl.json`, text);
          if (r.error || r.ms === undefined) throw new Error(`opening the ${states}-state file: ${r.error}`);
          samples.push(r.ms);
          nodesRendered = r.nodes ?? 0;
        } finally {
          await context.close();
        }
      }
      aslOpen.push({ states, ms: median(samples), runs: samples.length, nodesRendered, samples: samples.map((v) => Math.round(v)) });
    }

    const xrayNote = shellRoutesXray()
      ? 'the app shell mounts the X-Ray workspace, but this benchmark does not drive it yet'
      : 'not measured: the app shell (renderer/src/app) does not mount the X-Ray workspace, so an X-Ray file cannot reach the timeline';
    return {
      startToInteractiveMs: median(starts),
      startRuns: starts.length,
      aslOpen,
      trace10kFirstPaintMs: null,
      trace10kMaxFrameMs: null,
      trace10kP95FrameMs: null,
      serviceMap100kMs: null,
      xrayNote,
      rendererGzipBytes: bundle.gzip,
      rendererRawBytes: bundle.raw,
      rendererFiles: bundle.files,
    };
  } finally {
    await browser.close();
    await web.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
