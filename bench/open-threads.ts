/**
 * `npx tsx bench/open-threads.ts [--states N | --file PATH] [--runs R] [--after MS]`: the CPU time every thread of
 * the machine's Chromium and Node processes spent during opens of a generated machine (or of the definition at
 * PATH), each in a fresh page as the benchmark opens it (file input change → stable graph, bench/browser.ts), read
 * from Linux's /proc before and after: no tracing, which slows the page down and starts a profiler in every thread.
 * Where a thread's CPU is far below the open's wall time, it was waiting — for a core, on a 2-core machine, taken by
 * the threads listed above it (V8's background compiles run in the renderer's `ThreadPoolForeg…` threads). Linux
 * only; for profiling, not timing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { armOpen, benchWebAndBrowser, freshPage, QUIET_MS, waitOpen } from './browser.ts';
import { generateAsl } from './gen-asl.ts';
import { option } from './args.ts';

const states = Number(option('--states') ?? 1000);
const runs = Number(option('--runs') ?? 3);
/** `--after MS`: wait that long after the first node before the file input (the page's start-up work done first). */
const waitAfter = Number(option('--after') ?? 0);
/** Linux's clock tick (USER_HZ), ms. */
const TICK_MS = 10;

/** CPU ms so far of every thread of the Chromium and Node processes, by `kind/thread name/tid`. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd: string;
    let tids: string[];
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      tids = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // gone meanwhile
    }
    const kind = /chrom/.test(cmd)
      ? (/--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser')
      : /node/.test(cmd)
        ? 'node'
        : null;
    if (!kind) continue;
    for (const tid of tids) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // Fields after the name: utime and stime are the 12th and 13th.
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(`${kind}/${name}/${tid}`, (Number(f[11]) + Number(f[12])) * TICK_MS);
      } catch {
        // gone meanwhile
      }
    }
  }
  return out;
}

if (os.platform() !== 'linux') throw new Error('bench/open-threads.ts reads /proc: Linux only');
const given = option('--file');
const text = given ? fs.readFileSync(given, 'utf8') : JSON.stringify(generateAsl(states), null, 2);
/** The opened file's name for run `i` (a new name each time: the page's tab is found by it). */
const fileName = (i: number) => (given ? `threads-${i}-${path.basename(given)}` : `threads-${states}-${i}.asl.json`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-open-threads-'));
const { web, browser, close } = await benchWebAndBrowser('statescope-open-threads-data-');
try {
  for (let i = 0; i < runs; i++) {
    const { page, close: closePage } = await freshPage(browser, web.url);
    try {
      await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
      if (waitAfter > 0) await page.waitForTimeout(waitAfter);
      const file = path.join(dir, fileName(i));
      fs.writeFileSync(file, text);
      await armOpen(page, path.basename(file));
      const before = threadCpu();
      await page.getByTestId('file-input').setInputFiles(file);
      const r = await waitOpen(page);
      const after = threadCpu();
      const status = await page.evaluate(`document.querySelector('[data-testid="status"]')?.textContent ?? ''`);
      const byName = new Map<string, number>();
      for (const [key, ms] of after) {
        const spent = ms - (before.get(key) ?? 0);
        const name = key.slice(0, key.lastIndexOf('/'));
        if (spent > 0) byName.set(name, (byName.get(name) ?? 0) + spent);
      }
      const total = [...byName.values()].reduce((a, b) => a + b, 0);
      console.log(
        `open ${i + 1}: ${Math.round(r.ms ?? NaN)} ms to a stable graph (then ${QUIET_MS} ms of quiet, counted below); ` +
          `${String(status).replace(/^.*· (load )/, '$1')}`,
      );
      console.log(
        `  CPU ${total} ms: ` +
          [...byName]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 10)
            .map(([name, ms]) => `${name} ${ms}`)
            .join(', '),
      );
    } finally {
      await closePage();
    }
  }
} finally {
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
