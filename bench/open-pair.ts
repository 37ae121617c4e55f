/**
 * Paired A/B of two builds' pages, measured as the benchmark measures them (bench/browser.ts): two web-mode hosts in
 * this process, one per worktree (each serving its own out/renderer), the same browser, a page of each host one
 * right after the other in random order, so the machine's load weighs on both alike. Prints each pair, the medians
 * and the per-pair ratios B ÷ A.
 *   npx tsx bench/open-pair.ts A_ROOT B_ROOT [--states N] [--rounds N] [--after MS]
 *     opens of a generated machine (a fresh page, the start-up sample drawn, then the file input → stable graph);
 *     `--after MS`: wait that long after the first node before the file input (default 0, as the benchmark does;
 *     a larger wait gives the page's start-up work time to finish first).
 *   npx tsx bench/open-pair.ts A_ROOT B_ROOT --start [--rounds N]
 *     app start (navigation → first node of the start-up sample) and its floor, a blank page fetching and
 *     compiling the same build's bundle, each build against its own; prints both and startRatio per build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  armOpen,
  blankPage,
  freshPage,
  launchBenchBrowser,
  startWorktreeWeb,
  startToInteractive,
  waitOpen,
} from './browser.ts';
import { generateAsl } from './gen-asl.ts';
import { median, pairedSummary } from './stats.ts';
import { flag, option } from './args.ts';

const [aRoot, bRoot] = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!aRoot || !bRoot) throw new Error('usage: npx tsx bench/open-pair.ts A_ROOT B_ROOT [--states N] [--rounds N]');
const states = Number(option('--states') ?? 1000);
const rounds = Number(option('--rounds') ?? 8);
const after = Number(option('--after') ?? 0);
const START = flag('--start');
const CORPUS = path.join(aRoot, 'test', 'corpus');

const text = JSON.stringify(generateAsl(states), null, 2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-open-pair-'));
const hosts = {
  a: await startWorktreeWeb('statescope-open-pair-', aRoot, CORPUS),
  b: await startWorktreeWeb('statescope-open-pair-', bRoot, CORPUS),
};
const browser = await launchBenchBrowser();
let serial = 0;

/** One open on host `which`: file input change → stable graph, in ms. */
async function openOn(which: 'a' | 'b'): Promise<number> {
  const { page, close } = await freshPage(browser, hosts[which].web.url);
  try {
    await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    if (after > 0) await page.waitForTimeout(after);
    const file = path.join(dir, `pair-${states}-${serial++}.asl.json`);
    fs.writeFileSync(file, text);
    await armOpen(page, path.basename(file));
    await page.getByTestId('file-input').setInputFiles(file);
    const r = await waitOpen(page);
    if (r.ms === undefined) throw new Error(`open on ${which}: ${r.error}`);
    return r.ms;
  } finally {
    await close();
  }
}

const roots = { a: aRoot, b: bRoot };
/** App start on host `which`, and its blank page right after: navigation → first node, and the floor. */
async function startOn(which: 'a' | 'b'): Promise<number> {
  const url = hosts[which].web.url;
  const ms = await startToInteractive(browser, url);
  floors[which].push(await blankPage(browser, url, path.join(roots[which], 'out', 'renderer')));
  return ms;
}
const floors = { a: [] as number[], b: [] as number[] };
const measure = START ? startOn : openOn;

const all = { a: [] as number[], b: [] as number[] };
try {
  // One page each first (OS file cache, the hosts' first answers).
  await measure('a');
  await measure('b');
  floors.a.length = 0;
  floors.b.length = 0;
  for (let r = 0; r < rounds; r++) {
    const order: ('a' | 'b')[] = Math.random() < 0.5 ? ['a', 'b'] : ['b', 'a'];
    const got: Record<string, number> = {};
    for (const w of order) got[w] = await measure(w);
    all.a.push(got.a!);
    all.b.push(got.b!);
    const floor = (w: 'a' | 'b') => (START ? ` (blank ${Math.round(floors[w].at(-1)!)})` : '');
    console.log(
      `${String(Math.round(got.a!)).padStart(6)}${floor('a')} ${String(Math.round(got.b!)).padStart(6)}${floor('b')}  ${order.join('')}  load ${os.loadavg()[0].toFixed(1)}`,
    );
  }
} finally {
  await browser.close();
  for (const h of Object.values(hosts)) await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(
  START ? `app start, ${rounds} pairs` : `${states} states, ${after} ms after the first node, ${rounds} pairs`,
);
console.log(`A ${aRoot}: median ${median(all.a).toFixed(0)} ms`);
console.log(`B ${bRoot}: median ${median(all.b).toFixed(0)} ms`);
if (START)
  for (const w of ['a', 'b'] as const)
    console.log(
      `${w.toUpperCase()}: blank page median ${median(floors[w]).toFixed(0)} ms, startRatio ${(median(all[w]) / median(floors[w])).toFixed(2)}×`,
    );
console.log(pairedSummary(all.a, all.b, 'pair'));
process.exit(0);
