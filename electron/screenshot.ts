/**
 * Regenerates docs/screenshot.png (the README picture): the real app in web mode, in the system Chromium, with
 * a bundled sample open. `npm run docs:screenshot [-- SAMPLE_ID [STATE]]` (default: the order-processing sample; STATE is
 * selected so its details show).
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ROOT } from './cli/util.ts';
import { createFileService } from './host/files.ts';
import { createGrants } from './host/grants.ts';
import { startWebMode } from './web/start.ts';

const OUT = path.join(APP_ROOT, 'docs', 'screenshot.png');

async function main(): Promise<void> {
  const samples = await createFileService({
    samplesDir: path.join(APP_ROOT, 'samples'),
    grants: createGrants(),
  }).samples();
  const wanted = process.argv[2];
  const sample =
    samples.find((s) => s.id === wanted) ??
    samples.find((s) => s.kind === 'asl' && /order/i.test(`${s.id} ${s.name}`)) ??
    samples.find((s) => s.kind === 'asl');
  if (!sample) throw new Error('No state-machine sample in samples/asl/index.json.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-shot-'));
  const web = await startWebMode({ appRoot: APP_ROOT, env: { ...process.env, STATESCOPE_DATA_DIR: dataDir } });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(web.url);
    // The app opens the first state-machine sample by itself; any other one is opened from the welcome tab.
    const firstAsl = samples.find((s) => s.kind === 'asl');
    if (firstAsl?.id !== sample.id) {
      await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').click();
      await page.locator(`[data-testid="sample"][data-sample-id="${sample.id}"]`).click();
    }
    await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 20_000 });
    if (process.argv[3]) await page.locator(`.react-flow__node[data-id="${process.argv[3]}"]`).click();
    await page.waitForTimeout(800); // let fitView settle
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    console.log(`Wrote ${path.relative(APP_ROOT, OUT)} (sample "${sample.id}").`);
  } finally {
    await browser.close();
    await web.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
