/**
 * Regenerates the README pictures from the real app in web mode, in the system Chromium (`npm run docs:screenshot`):
 * docs/screenshot.png (the state-machine view at 1440 × 900) and docs/screenshots/ (the state-machine and X-Ray views
 * at 1440 × 900 and 1024 × 700, the X-Ray view in Korean, and the graph at 2× density).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ROOT } from './cli/util.ts';
import { startWebMode } from './web/start.ts';

const DOCS = path.join(APP_ROOT, 'docs');
const XRAY_SAMPLES = ['api-lambda-dynamodb-s3.json', 'errors-and-throttles.ndjson', 'order-processing-execution.json'];

interface Shot {
  file: string;
  width: number;
  height: number;
  scale?: number;
  lang?: 'en' | 'ko';
  view: 'asl' | 'xray';
}

const SHOTS: Shot[] = [
  { file: 'screenshot.png', width: 1440, height: 900, view: 'asl' },
  { file: 'screenshots/asl-1024.png', width: 1024, height: 700, view: 'asl' },
  { file: 'screenshots/asl-1440-2x.png', width: 1440, height: 900, scale: 2, view: 'asl' },
  { file: 'screenshots/xray-1440.png', width: 1440, height: 900, view: 'xray' },
  { file: 'screenshots/xray-1024.png', width: 1024, height: 700, view: 'xray' },
  { file: 'screenshots/xray-1440-ko.png', width: 1440, height: 900, view: 'xray', lang: 'ko' },
];

/** The order-processing sample (the app opens it by itself) with one Task selected so its details show. */
async function showMachine(page: Page): Promise<void> {
  await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 30_000 });
  const task = page.locator('.react-flow__node[data-id="ChargePayment"], .react-flow__node-task').first();
  if (await task.count()) await task.click();
}

/** The X-Ray samples opened together, the first trace's timeline and a segment selected. */
async function showTraces(page: Page): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(
    XRAY_SAMPLES.map((name) => ({
      name,
      mimeType: 'application/json',
      buffer: fs.readFileSync(path.join(APP_ROOT, 'samples', 'xray', name)),
    })),
  );
  await page.getByTestId('xray-trace-row').first().click();
  await page.getByTestId('xray-timeline-row').nth(1).click();
  await page.getByTestId('xray-span-details').waitFor({ state: 'visible' });
}

async function take(browser: Browser, url: string, shot: Shot): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: shot.width, height: shot.height },
    deviceScaleFactor: shot.scale ?? 1,
    locale: shot.lang === 'ko' ? 'ko-KR' : 'en-US',
  });
  // The language as the user would have picked it (the host's own locale would otherwise decide).
  const lang = shot.lang ?? 'en';
  await context.addInitScript({ content: `localStorage.setItem('statescope.lang', ${JSON.stringify(lang)})` });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.locator('.ss-app[data-ready="true"]').waitFor({ timeout: 30_000 });
    await (shot.view === 'asl' ? showMachine(page) : showTraces(page));
    // Let the viewport's fit animation and fonts settle: wait for two frames with no layout change.
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 400))))',
    );
    const out = path.join(DOCS, shot.file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`Wrote docs/${shot.file}`);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    for (const shot of SHOTS) {
      // A fresh data folder per picture, so no remembered tab, language or panel size leaks from one to the next.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-shot-'));
      const web = await startWebMode({ appRoot: APP_ROOT, env: { ...process.env, STATESCOPE_DATA_DIR: dataDir } });
      try {
        await take(browser, web.url, shot);
      } finally {
        await web.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
