/**
 * `npx tsx bench/open-profile.ts [--states N | --file PATH] [--cpu OUT.cpuprofile]`: the main thread's CPU profile of
 * one open of a generated machine (or of the definition at PATH) in a settled page (web mode), summed by function
 * (self time) and by file, for profiling rather than timing: what the page does between the file input and the
 * graph on screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchWebAndBrowser } from './browser.ts';
import { generateAsl } from './gen-asl.ts';
import { option } from './args.ts';

const states = Number(option('--states') ?? 20_000);
const cpuOut = option('--cpu');
const given = option('--file');
const text = given ? fs.readFileSync(given, 'utf8') : JSON.stringify(generateAsl(states), null, 2);
/** The opened file's name (`profile-…`: the page's tab is found by it). */
const fileName = given ? `profile-${path.basename(given)}` : `profile-${states}.asl.json`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function and by script, in ms, largest first. */
function summarise(p: Profile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const script = f.url.replace(/^.*\//, '') || '(native)';
    const key = `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    file.set(script, (file.get(script) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  // A timeline: per 100 ms of the profile, the busiest functions (idle left out).
  let t = 0;
  const buckets = new Map<number, Map<string, number>>();
  p.samples.forEach((id, i) => {
    t += (p.timeDeltas[i] ?? 0) / 1000;
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') return;
    const b = Math.floor(t / 100);
    const m = buckets.get(b) ?? new Map<string, number>();
    buckets.set(b, m);
    const key = `${f.functionName || '(anon)'}:${f.lineNumber + 1}`;
    m.set(key, (m.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  for (const [b, m] of [...buckets].sort((x, y) => x[0] - y[0])) {
    const busy = [...m.values()].reduce((a, v) => a + v, 0);
    const lead = [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`);
    console.log(`  ${String(b * 100).padStart(5)} ms  busy ${busy.toFixed(0).padStart(3)}  ${lead.join(', ')}`);
  }
  console.log('self time by script:\n' + top(file, 12).join('\n'));
  console.log('self time by function:\n' + top(fn, 40).join('\n'));
}

const { web, browser, dataDir, close } = await benchWebAndBrowser('statescope-open-prof-');
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(web.url);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000);
  // How often the page rewrites its URL during the open, and what each call costs.
  await page.evaluate(`(() => {
    const original = history.replaceState.bind(history);
    window.__replace = [];
    document.querySelector('[data-testid="file-input"]').addEventListener('change', () => {
      window.__changeAt = performance.now();
      const tick = () => {
        const tab = document.querySelector('.ss-tab.is-active');
        const mine = tab && tab.textContent.includes('profile-') && !document.querySelector('main[data-testid="document"] [data-testid="loading"]');
        if (mine && document.querySelector('main[data-testid="document"] .react-flow__node')) window.__nodeAt = Math.round(performance.now() - window.__changeAt);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, { capture: true, once: true });
    history.replaceState = (...args) => {
      const t0 = performance.now();
      const s0 = JSON.stringify(history.state ?? null).length;
      original(...args);
      window.__replace.push({ ms: Math.round(performance.now() - t0), at: Math.round(t0 - (window.__changeAt ?? 0)), stateBytes: s0, elements: document.getElementsByTagName('*').length });
    };
  })()`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  // A file on disk, as a user's pick gives the page (bench/browser.ts openAndWait): no copy of the bytes into the page.
  const file = path.join(dataDir, fileName);
  fs.writeFileSync(file, text);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.locator('.ss-tab.is-active', { hasText: fileName }).waitFor({ timeout: 60_000 });
  await page.locator('main[data-testid="document"] .react-flow__node').first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  console.log(`open of ${given ?? `${states} states`} profiled (${Date.now() - t0} ms wall including 1.5 s of quiet)`);
  console.log(
    'history.replaceState calls (ms after the file input change):',
    JSON.stringify(await page.evaluate('window.__replace')),
  );
  console.log('first node of the file at', await page.evaluate('window.__nodeAt'), 'ms after the change');
  if (cpuOut) fs.writeFileSync(cpuOut, JSON.stringify(profile));
  summarise(profile);
  await context.close();
} finally {
  await close();
}
process.exit(0);
