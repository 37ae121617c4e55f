/**
 * In-browser figures for `npm run bench`: the real web-mode host started in this process with the built renderer
 * (built first when out/renderer is missing), headless Chromium through playwright-core.
 *
 * - app start → interactive: page navigation start to the first React Flow node of the start-up sample;
 * - file open → graph on screen: from the file input's `change` event to the last frame in which the set of
 *   rendered nodes (or the viewport) changed, once the new tab is active, "Laying out…" is gone and nothing has
 *   changed for QUIET_MS (large graphs render only visible nodes, so this is "the last node that will be drawn");
 *   a change is stamped with `performance.now()` in the animation-frame callback that sees it, as app start's first
 *   node is, not with the frame's timestamp: Chromium stamps a frame when it begins, which can be before a long
 *   render task queued ahead of that frame's callbacks has ended, so the frame's timestamp could leave that task out;
 * - renderer bundle: gzip size of every file under out/renderer.
 * - floors for the ratios (bench/ratios.ts): a blank page that fetches and compiles the same bundle (app start's
 *   floor), JSON.parse of the X-Ray map text in the page (the map's floor);
 * - real definitions (bench/real.ts): each of the 20 largest corpus definitions in a fresh page, file input change →
 *   stable graph with the layout time the status bar shows; and cold, a fresh page loaded with a link to the file
 *   (`#doc=<path>`, the host reads it): navigation start → stable graph.
 * - X-Ray (when the app shell routes X-Ray files to the X-Ray workspace): a 10,000-span trace file is opened, then
 *   its row clicked: click → first timeline row in the DOM ("first paint"); then the timeline is scrolled by script
 *   for a few seconds, one step per frame, and the requestAnimationFrame deltas give the max and p95 frame time;
 *   1,000 traces × 100 spans: file input change → service map tab clicked as soon as it exists → last map node
 *   rendered (reading the 18 MB file included: the X-Ray worker parses it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebMode } from '../electron/web/start.ts';
import { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
import { generateAsl } from './gen-asl.ts';
import { generateTrace, generateTraces } from './gen-xray.ts';
import { median } from './stats.ts';

const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER = path.join(APP_ROOT, 'out', 'renderer');
const CORPUS = path.join(APP_ROOT, 'test', 'corpus');
export const QUIET_MS = 700;

/** What the browser part measured; null where it could not be measured. */
export interface BrowserFigures {
  startToInteractiveMs: number | null;
  startRuns: number;
  /** The floor of app start: a blank page that fetches and compiles the same built bundle (see `blankPage`). */
  blankPageMs: number | null;
  /** Real corpus definitions: file → stable graph (page loaded; and cold, from navigation start), status-bar layout. */
  realOpen: RealOpenFigure[];
  /** JSON.parse of the 1,000 × 100 spans text and its documents, in the page: the floor of serviceMap100kMs. */
  pageJsonFloor100kMs: number | null;
  /** That parse's first run in the page, which the floor's median leaves out (a first-run floor, see run.ts). */
  pageJsonFirstRun100kMs: number | null;
  aslOpen: { states: number; ms: number | null; runs: number; nodesRendered: number; samples: number[] }[];
  trace10kFirstPaintMs: number | null;
  trace10kMaxFrameMs: number | null;
  trace10kP95FrameMs: number | null;
  /** Frames measured while scrolling, and timeline rows in the trace. */
  trace10kFrames: number | null;
  /** File input change → trace list shown, 10,000-span trace. */
  trace10kListMs: number | null;
  serviceMap100kMs: number | null;
  serviceMap100kNodes: number | null;
  /** One trace of 100,000 spans (full and `--only xray` runs): open → list, row click → timeline, scroll, longest task. */
  trace100k: Trace100kFigures | null;
  /** Every X-Ray sample (ms), for medians and ranges over several runs. */
  xraySamples: { list: number[]; firstPaint: number[]; maxFrame: number[]; p95: number[]; map: number[] };
  xrayNote: string | null;
  /** Parts or runs that failed (time-outs on a loaded machine), each with its message. */
  notes: string[];
  rendererGzipBytes: number;
  rendererRawBytes: number;
  rendererFiles: number;
}

/** One real definition opened in the page. */
export interface RealOpenFigure {
  path: string;
  states: number;
  /** File input change → stable graph, the file set as soon as the start-up sample is on screen (median). */
  openMs: number | null;
  /** File input change → stable graph in a page that has settled after start and opened a file before (median). */
  settledOpenMs: number | null;
  /**
   * The page's fixed cost of an open in that same settled page: file input change → stable graph of a one-state
   * machine, whose Node pipeline is about nothing (median). With Node's pipeline of the file, the floor of
   * `settledOpenMs`.
   */
  oneStateOpenMs: number | null;
  /** Navigation start → stable graph of a page loaded with a link to the file (`#doc=<path>`; median). */
  coldMs: number | null;
  /**
   * The layout time the status bar shows after the opens right after start (the document worker's own figure; an
   * open laid out by the host or from a cache shows none): the median over those that show one.
   */
  layoutMs: number | null;
  /** The largest of those. */
  layoutMaxMs: number | null;
  /** Opens right after start measured (of `REAL_START_RUNS`). */
  runs: number;
}

function ensureRenderer(log: (s: string) => void): void {
  if (fs.existsSync(path.join(RENDERER, 'index.html'))) return;
  log('out/renderer is missing: building the renderer');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
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

/** Page script (run before the app's own): `window.__firstNodeAt` = performance.now() of the first graph node. */
export const FIRST_NODE_AT = `(() => {
  const tick = () => {
    if (document.querySelector('.react-flow__node')) window.__firstNodeAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Does the app shell mount the X-Ray workspace (so an X-Ray file opened in the app reaches the timeline)? */
function shellRoutesXray(): boolean {
  const dir = path.join(APP_ROOT, 'renderer', 'src', 'app');
  return fs
    .readdirSync(dir)
    .some((f) => /\.tsx?$/.test(f) && fs.readFileSync(path.join(dir, f), 'utf8').includes('XrayWorkspace'));
}

export async function startToInteractive(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    // Page scripts are plain strings: tsx would wrap functions in helpers that do not exist in the page.
    await page.addInitScript(FIRST_NODE_AT);
    await page.goto(url);
    return await poll<number>(page, 'window.__firstNodeAt', 60_000);
  } finally {
    await context.close();
  }
}

/**
 * The floor of app start: a page on the same origin that fetches and compiles the very bundle the app loads (its
 * module scripts as `modulepreload`, its stylesheets) and runs none of it; navigation start → first frame after
 * `load` and after every one of those links has loaded (a `modulepreload` does not hold up `load`: waiting for
 * `load` alone timed the HTML and a frame, with the bundle still on its way). What start → interactive costs
 * beyond this is the app's own start-up work. `renderer`: the built page the host at `url` serves (bench/open-pair.ts
 * passes another worktree's).
 */
export async function blankPage(browser: Browser, url: string, renderer = RENDERER): Promise<number> {
  const html = fs.readFileSync(path.join(renderer, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const links = [
    ...[...scripts, ...preloads].map((src) => `<link rel="modulepreload" href="${src}">`),
    ...styles.map((href) => `<link rel="stylesheet" href="${href}">`),
  ];
  // Before the links: their load (or error) events, caught on the document as they do not bubble, then `load`.
  const settle = `<script>(() => {
  let left = ${links.length};
  let loaded = false;
  const done = () => { if (left === 0 && loaded) requestAnimationFrame(() => (window.__blankAt = performance.now())); };
  const one = (e) => { if (e.target instanceof HTMLLinkElement) { left--; done(); } };
  document.addEventListener('load', one, true);
  document.addEventListener('error', one, true);
  addEventListener('load', () => { loaded = true; done(); });
})();</script>`;
  const blank = `<!doctype html><html><head><meta charset="utf-8">${settle}${links.join('')}</head><body><div id="root"></div></body></html>`;
  const blankUrl = new URL('bench-blank.html', url).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // The server answers the bundle only with its cookie, which the app's own start gets from `url` (its token).
    // Without it every script and stylesheet here would be a 401 and this floor would fetch and compile nothing.
    // The context's request API shares the context's cookies; this happens before navigation start, so untimed.
    await context.request.get(url, { maxRedirects: 0 });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.route(blankUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: blank }));
    await page.goto(blankUrl);
    const at = await poll<number>(page, 'window.__blankAt', 60_000);
    if (refused.length > 0) throw new Error(`the blank page's bundle was refused: ${refused.join(', ')}`);
    return at;
  } finally {
    await context.close();
  }
}

/**
 * Polls a page expression until it is defined. (waitForFunction would evaluate a string predicate with eval,
 * which the app's CSP rightly forbids; evaluate goes through the debugging protocol instead.)
 */
export async function poll<T>(page: Page, expression: string, timeoutMs: number): Promise<T> {
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
  /** performance.now() of the last change (from navigation start). */
  at?: number;
  nodes?: number;
  error?: string;
}

/**
 * Page-script function: whether the tab named `fileName` is active and laid out (`ready`), its graph's nodes, and
 * a signature of what is drawn (node count, last node, viewport) that changes whenever the drawing does.
 */
const GRAPH_STATE = `function graphState(fileName) {
  const tab = document.querySelector('.ss-tab.is-active');
  const ready = !!(tab && tab.textContent && tab.textContent.includes(fileName)) && !document.querySelector('main[data-testid="document"] [data-testid="loading"]');
  const nodes = document.querySelectorAll('main[data-testid="document"] .react-flow__node');
  const viewport = document.querySelector('main[data-testid="document"] .react-flow__viewport');
  const last = nodes.length ? nodes[nodes.length - 1].getAttribute('data-id') : '';
  return { ready, nodes, sig: ready ? nodes.length + '|' + last + '|' + (viewport ? viewport.style.transform : '') : 'pending' };
}`;

/**
 * Arms the page's own timer of an open (`window.__open`, see `openAndWait`): from the file input's next `change` to
 * the last frame in which the drawing of the tab named `fileName` changed, once nothing has changed for QUIET_MS.
 */
export async function armOpen(page: Page, fileName: string): Promise<void> {
  await page.evaluate(`(() => {
    const fileName = ${JSON.stringify(fileName)};
    const quiet = ${QUIET_MS};
    ${GRAPH_STATE}
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
    const tick = () => {
      const now = performance.now();
      if (t0 === null) return void requestAnimationFrame(tick);
      if (now - t0 > 120000) return void (window.__open = { error: 'no stable graph within 120 s' });
      const { ready, nodes, sig } = graphState(fileName);
      if (sig !== signature) {
        signature = sig;
        lastChange = now;
      }
      if (ready && nodes.length > 0 && now - lastChange >= quiet) return void (window.__open = { ms: lastChange - t0, at: lastChange, nodes: nodes.length });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

/**
 * Opens `text` as `fileName` through the file input and waits for its stable graph (see `armOpen`). The text is
 * written to a file in the system's temporary directory and the input given its path, as a user's pick gives the
 * page a disk-backed File: for a local Chromium, Playwright hands the path over without copying the bytes. (Given
 * the bytes instead, Playwright sends them to the page as base64 and builds the File there: for 20,000 states a
 * 12 MB string decoded on the page's main thread, and its garbage collected during the open.)
 */
async function openAndWait(page: Page, fileName: string, text: string): Promise<OpenResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-bench-open-'));
  try {
    const file = path.join(dir, fileName);
    fs.writeFileSync(file, text);
    await armOpen(page, fileName);
    await page.getByTestId('file-input').setInputFiles(file);
    return await waitOpen(page);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The open armed by `armOpen`, once its graph is stable. */
export async function waitOpen(page: Page): Promise<OpenResult> {
  return await poll<OpenResult>(page, 'window.__open', 150_000);
}

/** Sets a file on the app's file input; `script` (page JS) runs first to arm the page's own timers. */
async function armAndOpen(page: Page, script: string, fileName: string, text: string): Promise<void> {
  await page.evaluate(script);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
}

interface TraceFigures {
  listMs: number;
  firstPaintMs: number;
  maxFrameMs: number;
  p95FrameMs: number;
  frames: number;
}

async function traceTimeline(page: Page, text: string, fileName = 'bench-trace-10k.json'): Promise<TraceFigures> {
  await armAndOpen(
    page,
    `(() => {
      window.__list = undefined;
      const input = document.querySelector('[data-testid="file-input"]');
      input.addEventListener('change', () => {
        const t0 = performance.now();
        window.__changeAt = t0;
        const tick = () => {
          if (document.querySelector('[data-testid="xray-trace-row"]')) {
            window.__listAt = performance.now();
            window.__list = window.__listAt - t0;
          }
          else if (performance.now() - t0 < 120000) requestAnimationFrame(tick);
          else window.__list = -1;
        };
        requestAnimationFrame(tick);
      }, { capture: true, once: true });
    })()`,
    fileName,
    text,
  );
  const listMs = await poll<number>(page, 'window.__list', 150_000);
  if (listMs < 0) throw new Error('the X-Ray trace list did not appear');
  await page.evaluate(`(() => {
    window.__paint = undefined;
    const t0 = performance.now();
    document.querySelector('[data-testid="xray-trace-row"]').click();
    const tick = () => {
      if (document.querySelector('.xr-tl-body [data-testid="xray-timeline-row"]')) window.__paint = performance.now() - t0;
      else if (performance.now() - t0 < 60000) requestAnimationFrame(tick);
      else window.__paint = -1;
    };
    requestAnimationFrame(tick);
  })()`);
  const firstPaintMs = await poll<number>(page, 'window.__paint', 90_000);
  if (firstPaintMs < 0) throw new Error('the X-Ray timeline did not appear');
  await page.waitForTimeout(500);
  await page.evaluate(`(() => {
    window.__scroll = undefined;
    const body = document.querySelector('.xr-tl-body');
    const deltas = [];
    let last = null;
    let dir = 1;
    const until = performance.now() + 4000;
    const tick = (now) => {
      if (last !== null) deltas.push(now - last);
      last = now;
      if (now > until) return void (window.__scroll = deltas);
      if (body.scrollTop + body.clientHeight >= body.scrollHeight - 2) dir = -1;
      else if (body.scrollTop <= 0) dir = 1;
      body.scrollTop += dir * 150;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const deltas = (await poll<number[]>(page, 'window.__scroll', 30_000)).sort((a, b) => a - b);
  return {
    listMs,
    firstPaintMs,
    maxFrameMs: deltas[deltas.length - 1] ?? NaN,
    p95FrameMs: deltas[Math.min(deltas.length - 1, Math.floor(deltas.length * 0.95))] ?? NaN,
    frames: deltas.length,
  };
}

async function serviceMapOnScreen(page: Page, text: string): Promise<{ ms: number; nodes: number }> {
  await armAndOpen(
    page,
    `(() => {
      window.__map = undefined;
      const input = document.querySelector('[data-testid="file-input"]');
      input.addEventListener('change', () => {
        const t0 = performance.now();
        let clicked = false;
        let signature = '';
        let lastChange = 0;
        const tick = () => {
          const now = performance.now();
          if (now - t0 > 150000) return void (window.__map = { error: 'no service map within 150 s' });
          const tab = document.querySelector('[data-testid="xray-tab-map"]');
          if (tab && !clicked) {
            clicked = true;
            tab.click();
          }
          const nodes = document.querySelectorAll('[data-testid="xray-map-node"]');
          const sig = nodes.length + '|' + (nodes.length ? nodes[nodes.length - 1].textContent : '');
          if (sig !== signature) {
            signature = sig;
            lastChange = now;
          }
          if (nodes.length > 0 && now - lastChange >= ${QUIET_MS}) return void (window.__map = { ms: lastChange - t0, nodes: nodes.length });
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, { capture: true, once: true });
    })()`,
    'bench-100k-spans.json',
    text,
  );
  const r = await poll<{ ms?: number; nodes?: number; error?: string }>(page, 'window.__map', 180_000);
  if (r.error || r.ms === undefined) throw new Error(`service map: ${r.error}`);
  return { ms: r.ms, nodes: r.nodes ?? 0 };
}

/**
 * One real definition opened in a fresh page once the start-up sample is on screen: `openMs` is file input
 * change → stable graph, `layoutMs` the layout time in the status bar (null when it says the layout came from a
 * cache).
 */
async function openReal(
  browser: Browser,
  url: string,
  name: string,
  text: string,
): Promise<{ openMs: number; layoutMs: number | null }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.ss-app[data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    const r = await openAndWait(page, name, text);
    if (r.error || r.ms === undefined) throw new Error(`opening ${name}: ${r.error}`);
    const bar = (await page.evaluate('document.body.innerText')) as string;
    const m = /layout (\d+) ms/.exec(bar);
    return { openMs: r.ms, layoutMs: m ? Number(m[1]) : null };
  } finally {
    await context.close();
  }
}

/**
 * Page script (run before the app's own) for a page loaded with a file: `window.__cold` becomes the time from
 * navigation start to the last frame in which the graph of the tab named `fileName` changed (nodes or viewport),
 * once that tab is active, not loading, and nothing has changed for QUIET_MS — the same "stable graph" as
 * `openAndWait`, counted from navigation start.
 */
const coldStable = (fileName: string) => `(() => {
  ${GRAPH_STATE}
  const fileName = ${JSON.stringify(fileName)};
  let signature = '';
  let lastChange = 0;
  const tick = () => {
    const now = performance.now();
    if (now > 120000) return void (window.__cold = { error: 'no stable graph within 120 s' });
    const { ready, nodes, sig } = graphState(fileName);
    if (sig !== signature) {
      signature = sig;
      lastChange = now;
    }
    if (ready && nodes.length > 0 && now - lastChange >= ${QUIET_MS}) return void (window.__cold = { at: lastChange, nodes: nodes.length });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/**
 * One real definition given by navigation: a fresh page loaded with a link to the file (`#doc=<path>`, which the
 * bench's web mode may read: it serves the corpus folder), navigation start → stable graph of that file. The
 * file is read by the host, as with `statescope serve FILE` or a bookmarked link; nothing of the test harness
 * runs between the page's start and the graph.
 */
export async function coldReal(browser: Browser, url: string, file: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(coldStable(path.basename(file)));
    await page.goto(`${url}#${new URLSearchParams({ doc: file })}`);
    const r = await poll<{ at?: number; error?: string }>(page, 'window.__cold', 150_000);
    if (r.error || r.at === undefined) throw new Error(`${path.basename(file)} from a link: ${r.error}`);
    return r.at;
  } finally {
    await context.close();
  }
}

/**
 * Resolves once the page has been idle for a while: three idle callbacks in a row with most of a frame to spare
 * (at most 10 s), so start-up work (the document worker's warm-up, lazy parts, the session write) is done.
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(`new Promise((done) => {
    const end = performance.now() + 10000;
    let calm = 0;
    const next = () => requestIdleCallback((d) => {
      calm = !d.didTimeout && d.timeRemaining() > 40 ? calm + 1 : 0;
      if (calm >= 3 || performance.now() > end) done(true);
      else setTimeout(next, 50);
    }, { timeout: 1000 });
    next();
  })`);
}

/** A one-state machine named for `tag`, so two of them don't share a layout cache entry. */
const oneState = (tag: string) => ({
  name: `bench-one-state-${tag}.asl.json`,
  text: JSON.stringify({ StartAt: `Only ${tag}`, States: { [`Only ${tag}`]: { Type: 'Succeed' } } }),
});

/** Fresh pages per real definition for the opens right after start and for the cold opens (see `runBrowserBench`). */
const REAL_START_RUNS = 3;

/** Rounds of (file, one-state machine) in one settled page; each figure is the median of its rounds. */
const SETTLED_ROUNDS = 3;

/**
 * One real definition in a fresh page that has settled after start: a one-state machine opened first (the page's
 * first open, not counted), then `SETTLED_ROUNDS` rounds of the file followed by another one-state machine, each
 * open after the page settles. The file's opens and the later one-state opens are all opens of a warm page, so the
 * one-state figure is the fixed cost of an open on the same footing as the file's. A single open of each decided
 * the worst file's ratio before, and one stray sample on a loaded machine was enough to move it.
 */
async function openRealSettled(
  browser: Browser,
  url: string,
  name: string,
  text: string,
): Promise<{ openMs: number; oneStateMs: number }> {
  const { page, close } = await freshPage(browser, url);
  try {
    await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    const run = async (file: { name: string; text: string }) => {
      await settle(page);
      const r = await openAndWait(page, file.name, file.text);
      if (r.error || r.ms === undefined) throw new Error(`opening ${file.name}: ${r.error}`);
      return r.ms;
    };
    await run(oneState('warm'));
    const opens: number[] = [];
    const oneStates: number[] = [];
    for (let round = 0; round < SETTLED_ROUNDS; round++) {
      // A new name each round: a new tab and document, so no round reuses another's layout cache.
      opens.push(await run({ name: round === 0 ? name : name.replace(/^([^.]*)/, `$1-${round + 1}`), text }));
      oneStates.push(await run(oneState(`floor${round + 1}`)));
    }
    return { openMs: median(opens), oneStateMs: median(oneStates) };
  } finally {
    await close();
  }
}

/**
 * JSON.parse of the text and of every segment document it embeds, in the app's page: the median of `runs` after a
 * first run, and that first run. The text reaches the page by a same-origin fetch (routed here), so nothing but the
 * parse is timed.
 */
async function pageJsonFloor(
  browser: Browser,
  url: string,
  text: string,
  runs: number,
): Promise<{ median: number; first: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const textUrl = new URL('bench-floor.json', url).href;
    await page.route(textUrl, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: text }));
    await page.goto(url);
    await page.evaluate(`fetch(${JSON.stringify(textUrl)}).then((r) => r.text()).then((t) => {
      const times = [];
      for (let r = 0; r <= ${runs}; r++) {
        const t0 = performance.now();
        const data = JSON.parse(t);
        let n = 0;
        for (const x of data.Traces || []) for (const s of x.Segments || []) if (typeof s.Document === 'string') n += Object.keys(JSON.parse(s.Document)).length;
        if (n >= 0) times.push(performance.now() - t0);
      }
      window.__floor = times;
    })`);
    const [first, ...rest] = await poll<number[]>(page, 'window.__floor', 120_000);
    return { median: median(rest), first: first! };
  } finally {
    await context.close();
  }
}

/** A fresh page with the app started (data-ready) and its file input present. */
export async function freshPage(browser: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.ss-app[data-ready="true"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(500);
  return { page, close: () => context.close() };
}

/** 100,000 spans "load and stay usable": medians over runs, longest main-thread task as the max over runs. */
export interface Trace100kFigures {
  listMs: number;
  firstPaintMs: number;
  maxFrameMs: number;
  p95FrameMs: number;
  /**
   * Longest main-thread task (PerformanceObserver `longtask`) that started after the file input change, to the end
   * of scrolling. (The task in which Playwright builds the 18 MB File in the page and fires `change` is the test
   * harness's, not the app's, and is left out.)
   */
  longestTaskMs: number;
  /** The same, counting only tasks that started after the trace list appeared. */
  longestTaskAfterListMs: number;
  runs: number;
}

/**
 * One 100,000-span trace: the same steps as `traceTimeline` (open → list, row click → first timeline row, scripted
 * scroll), with a long-task observer armed at the file input change.
 */
async function trace100k(
  page: Page,
  text: string,
): Promise<TraceFigures & { longestTaskMs: number; longestTaskAfterListMs: number }> {
  await page.evaluate(`(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  })()`);
  const f = await traceTimeline(page, text, 'bench-trace-100k.json');
  const info = (await page.evaluate(
    `(() => ({ tasks: window.__tasks, listAt: window.__listAt, changeAt: window.__changeAt }))()`,
  )) as {
    tasks: { start: number; ms: number }[];
    listAt: number;
    changeAt: number;
  };
  const longest = (xs: { ms: number }[]) => xs.reduce((m, t) => Math.max(m, t.ms), 0);
  return {
    ...f,
    longestTaskMs: longest(info.tasks.filter((t) => t.start >= info.changeAt)),
    longestTaskAfterListMs: longest(info.tasks.filter((t) => t.start >= info.listAt)),
  };
}

/** The benchmark's headless Chromium: the one the e2e tests launch (test/support/chromium.ts). */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
}

/**
 * Web mode on a loopback port with a data directory of its own, serving the corpus as its workspace (so a page can
 * be loaded with a link to a real definition, `coldReal`). By default this checkout's host and corpus;
 * `startWorktreeWeb` passes another worktree's `appRoot` and `startWebMode`, with one corpus for both builds.
 * `close` stops the server and removes the data folder.
 */
export async function startBenchWeb(
  prefix: string,
  from: { appRoot: string; startWebMode: typeof startWebMode; corpus: string } = {
    appRoot: APP_ROOT,
    startWebMode,
    corpus: CORPUS,
  },
): Promise<{ web: Awaited<ReturnType<typeof startWebMode>>; dataDir: string; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const web = await from.startWebMode({
    appRoot: from.appRoot,
    port: 0,
    cwd: from.appRoot,
    roots: [from.corpus],
    env: { ...process.env, STATESCOPE_DATA_DIR: dataDir },
  });
  const close = async () => {
    await web.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { web, dataDir, close };
}

/**
 * Web mode (`startBenchWeb`) of the worktree at `root`: its own server code, serving its own out/renderer, with
 * `corpus` as its workspace. For the paired benchmarks (bench/cold-pair.ts, bench/open-pair.ts), which run two
 * worktrees' hosts in one process.
 */
export async function startWorktreeWeb(prefix: string, root: string, corpus: string) {
  const { startWebMode: start } = (await import(
    path.resolve(root, 'electron', 'web', 'start.ts')
  )) as typeof import('../electron/web/start.ts');
  return startBenchWeb(prefix, { appRoot: path.resolve(root), startWebMode: start, corpus });
}

/**
 * Web mode (`startBenchWeb`) and the system's headless Chromium, as every browser figure (and
 * bench/start-profile.ts) uses them. The caller closes both and removes `dataDir`.
 */
export async function benchWebAndBrowser(prefix: string): Promise<{
  web: Awaited<ReturnType<typeof startWebMode>>;
  browser: Browser;
  dataDir: string;
  /** Closes the browser and the server and removes the data folder. */
  close: () => Promise<void>;
}> {
  const { web, dataDir, close: closeWeb } = await startBenchWeb(prefix);
  const browser = await launchBenchBrowser();
  const close = async () => {
    await browser.close();
    await closeWeb();
  };
  return { web, browser, dataDir, close };
}

/** Runs the in-browser measurements (all, or one part with `only`); throws only when the browser or the server cannot start. */
export async function runBrowserBench(options: {
  quick: boolean;
  log: (s: string) => void;
  only?: 'asl' | 'real' | 'xray' | 'start';
  /** Real definitions to open (bench/real.ts), each in fresh pages. */
  real?: readonly { path: string; name: string; text: string; states: number }[];
}): Promise<BrowserFigures> {
  const { log } = options;
  ensureRenderer(log);
  const bundle = bundleSize();
  const { web, browser, close } = await benchWebAndBrowser('statescope-bench-');
  const notes: string[] = [];
  try {
    // Each part stands alone: on this shared machine one can time out without losing the others.
    const starts: number[] = [];
    const blanks: number[] = [];
    if (!options.only || options.only === 'start') {
      log('browser: app start → interactive, and a blank page of the same build, in turn');
      // In turn, one of each per round (the first round a warm-up: OS file cache, server), so a change in the
      // shared machine's load weighs on the figure and its floor alike.
      for (let i = -1; i < (options.quick ? 2 : 5); i++) {
        try {
          const ms = await startToInteractive(browser, web.url);
          if (i >= 0) starts.push(ms);
        } catch (error) {
          notes.push(`app start, round ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
        }
        try {
          const ms = await blankPage(browser, web.url);
          if (i >= 0) blanks.push(ms);
        } catch (error) {
          notes.push(`blank page, round ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }

    const aslOpen: BrowserFigures['aslOpen'] = [];
    for (const states of options.only && options.only !== 'asl' ? [] : options.quick ? [200] : [1000, 5000, 20_000]) {
      const text = JSON.stringify(generateAsl(states), null, 2);
      const runs = options.quick ? 2 : states >= 20_000 ? 2 : states >= 5000 ? 3 : 5;
      const samples: number[] = [];
      let nodesRendered = 0;
      for (let i = 0; i < runs; i++) {
        log(`browser: open ${states}-state file (${i + 1}/${runs})`);
        // A fresh page each time: no layout cache or warm worker carried over from the previous open.
        try {
          const { page, close } = await freshPage(browser, web.url);
          try {
            await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
            const r = await openAndWait(page, `bench-${states}-${i}.asl.json`, text);
            if (r.error || r.ms === undefined) throw new Error(`opening the ${states}-state file: ${r.error}`);
            samples.push(r.ms);
            nodesRendered = r.nodes ?? 0;
          } finally {
            await close();
          }
        } catch (error) {
          notes.push(`${states}-state open, run ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      aslOpen.push({
        states,
        ms: samples.length ? median(samples) : null,
        runs: samples.length,
        nodesRendered,
        samples: samples.map((v) => Math.round(v)),
      });
    }

    const realOpen: RealOpenFigure[] = [];
    for (const def of options.only === 'xray' || options.only === 'asl' ? [] : (options.real ?? [])) {
      const open: number[] = [];
      const cold: number[] = [];
      const settled: number[] = [];
      const oneStateOpen: number[] = [];
      const layouts: number[] = [];
      // Opens right after start and cold opens: REAL_START_RUNS fresh pages each (about 3 s a page), the figure their
      // median. A single page each decided the worst file before, and one stray sample moved realLayoutMaxMs from
      // 72 to 199 ms between two runs of the same code. The settled figure has rounds of its own (one page).
      for (let i = 0; i < REAL_START_RUNS; i++) {
        log(`browser: real definition ${def.path} (${def.states} states, ${i + 1})`);
        try {
          const r = await openReal(browser, web.url, def.name, def.text);
          open.push(r.openMs);
          if (r.layoutMs !== null) layouts.push(r.layoutMs);
        } catch (error) {
          notes.push(`${def.path}, run ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
        }
        try {
          cold.push(await coldReal(browser, web.url, path.join(CORPUS, def.path)));
        } catch (error) {
          notes.push(`${def.path}, cold run ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      try {
        const r = await openRealSettled(browser, web.url, def.name, def.text);
        settled.push(r.openMs);
        oneStateOpen.push(r.oneStateMs);
      } catch (error) {
        notes.push(`${def.path}, settled run: ${(error as Error).message.split('\n')[0]}`);
      }
      realOpen.push({
        path: def.path,
        states: def.states,
        openMs: open.length ? median(open) : null,
        settledOpenMs: settled.length ? median(settled) : null,
        oneStateOpenMs: oneStateOpen.length ? median(oneStateOpen) : null,
        coldMs: cold.length ? median(cold) : null,
        layoutMs: layouts.length ? median(layouts) : null,
        layoutMaxMs: layouts.length ? Math.max(...layouts) : null,
        runs: open.length,
      });
    }

    let pageJsonFloor100kMs: number | null = null;
    let pageJsonFirstRun100kMs: number | null = null;
    let xrayNote: string | null = null;
    const xr = {
      firstPaint: [] as number[],
      list: [] as number[],
      maxFrame: [] as number[],
      p95: [] as number[],
      frames: 0,
      map: [] as number[],
      mapNodes: 0,
    };
    let big: Trace100kFigures | null = null;
    if (options.only && options.only !== 'xray') {
      xrayNote = `not measured (--only ${options.only})`;
    } else if (!shellRoutesXray()) {
      xrayNote =
        'not measured: the app shell (renderer/src/app) does not mount the X-Ray workspace, so an X-Ray file cannot reach the timeline';
    } else {
      try {
        const spans = options.quick ? 1000 : 10_000;
        const traceText = JSON.stringify({ Traces: [generateTrace(spans)], UnprocessedTraceIds: [] });
        for (let i = 0; i < (options.quick ? 1 : 3); i++) {
          log(`browser: X-Ray timeline, ${spans} spans (${i + 1})`);
          const { page, close } = await freshPage(browser, web.url);
          try {
            const f = await traceTimeline(page, traceText);
            xr.list.push(f.listMs);
            xr.firstPaint.push(f.firstPaintMs);
            xr.maxFrame.push(f.maxFrameMs);
            xr.p95.push(f.p95FrameMs);
            xr.frames = f.frames;
          } finally {
            await close();
          }
        }
        const count = options.quick ? 100 : 1000;
        const mapText = JSON.stringify(generateTraces(count, 100));
        for (let i = 0; i < (options.quick ? 1 : 2); i++) {
          log(`browser: X-Ray service map, ${count} traces × 100 spans (${i + 1})`);
          const { page, close } = await freshPage(browser, web.url);
          try {
            const m = await serviceMapOnScreen(page, mapText);
            xr.map.push(m.ms);
            xr.mapNodes = m.nodes;
          } finally {
            await close();
          }
        }
        try {
          log('browser: JSON.parse floor of the same text, in the page');
          const floor = await pageJsonFloor(browser, web.url, mapText, options.quick ? 2 : 5);
          pageJsonFloor100kMs = floor.median;
          pageJsonFirstRun100kMs = floor.first;
        } catch (error) {
          notes.push(`JSON.parse floor in the page: ${(error as Error).message.split('\n')[0]}`);
        }
        if (!options.quick) {
          const bigText = JSON.stringify({ Traces: [generateTrace(100_000)], UnprocessedTraceIds: [] });
          const runs: Awaited<ReturnType<typeof trace100k>>[] = [];
          for (let i = 0; i < 3; i++) {
            log(`browser: X-Ray, one trace of 100,000 spans (${i + 1})`);
            const { page, close } = await freshPage(browser, web.url);
            try {
              runs.push(await trace100k(page, bigText));
            } catch (error) {
              notes.push(`100,000-span trace, run ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
            } finally {
              await close();
            }
          }
          if (runs.length > 0) {
            big = {
              listMs: median(runs.map((r) => r.listMs)),
              firstPaintMs: median(runs.map((r) => r.firstPaintMs)),
              maxFrameMs: Math.max(...runs.map((r) => r.maxFrameMs)),
              p95FrameMs: median(runs.map((r) => r.p95FrameMs)),
              longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
              longestTaskAfterListMs: Math.max(...runs.map((r) => r.longestTaskAfterListMs)),
              runs: runs.length,
            };
          }
        }
        if (options.quick) xrayNote = 'quick run: 1,000-span trace and 100 traces × 100 spans';
      } catch (error) {
        xrayNote = `failed: ${(error as Error).message.split('\n')[0]}`;
      }
    }
    const med = (xs: number[]) => (xs.length ? median(xs) : null);
    return {
      startToInteractiveMs: starts.length ? median(starts) : null,
      startRuns: starts.length,
      blankPageMs: blanks.length ? median(blanks) : null,
      realOpen,
      pageJsonFloor100kMs,
      pageJsonFirstRun100kMs,
      notes,
      aslOpen,
      trace10kFirstPaintMs: med(xr.firstPaint),
      trace10kMaxFrameMs: xr.maxFrame.length ? Math.max(...xr.maxFrame) : null,
      trace10kP95FrameMs: med(xr.p95),
      trace10kFrames: xr.maxFrame.length ? xr.frames : null,
      trace10kListMs: med(xr.list),
      serviceMap100kMs: med(xr.map),
      serviceMap100kNodes: xr.map.length ? xr.mapNodes : null,
      trace100k: big,
      xraySamples: { list: xr.list, firstPaint: xr.firstPaint, maxFrame: xr.maxFrame, p95: xr.p95, map: xr.map },
      xrayNote,
      rendererGzipBytes: bundle.gzip,
      rendererRawBytes: bundle.raw,
      rendererFiles: bundle.files,
    };
  } finally {
    await close();
  }
}
