/**
 * Local receiver throughput: documents per second the X-Ray daemon listener accepts, sustained, from a sender in
 * another process, with (by default) the live trace view open in headless Chromium, whose longest frame is
 * measured with requestAnimationFrame while the flood lasts.
 *
 *   npx tsx bench/daemon.ts                      5,000 documents/s for 10 s, view open
 *   npx tsx bench/daemon.ts --rate 20000 --seconds 5 --no-ui
 *   npx tsx bench/daemon.ts --profile             also sample the page's CPU (Chrome's profiler) during the flood
 *                                                 and print the functions with the most self time
 *
 * Reported: sent (datagrams the sender's kernel took), accepted (kept by the receiver), dropped by the receiver
 * (by reason), lost on the way (sent − accepted − dropped: the kernel's socket buffer overflowed), accepted per
 * second over the sending time, and the page's max / p95 frame time. Prints one JSON line last.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDaemon } from '../electron/host/daemon/server.ts';
import { startWebMode } from '../electron/web/start.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const APP_ROOT = path.resolve(HERE, '..');
const argv = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const RATE = opt('--rate', 5000);
const SECONDS = opt('--seconds', 10);
const UI = !argv.includes('--no-ui');
const PROFILE = argv.includes('--profile');

/** Self time per function of a CPU profile (Chrome DevTools Protocol `Profiler.stop`), the heaviest first. */
function heaviest(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): { fn: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self]
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 15);
}

const daemon = await startDaemon({ address: '127.0.0.1:0' });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-bench-daemon-'));
const web = UI
  ? await startWebMode({
      appRoot: APP_ROOT,
      port: 0,
      cwd: APP_ROOT,
      env: { ...process.env, STATESCOPE_DATA_DIR: dataDir },
      daemon,
    })
  : undefined;
const browser = UI
  ? await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    })
  : undefined;
try {
  const page = browser && web ? await browser.newPage({ viewport: { width: 1280, height: 800 } }) : undefined;
  if (page && web) {
    await page.goto(web.url);
    await page.getByTestId('live-traces').waitFor();
    // Frame gaps while the flood lasts.
    // A string, not a function: tsx would wrap a function's inner arrow in a helper the page does not have.
    await page.evaluate(`(() => {
      window.__frames = [];
      let last = performance.now();
      const loop = (now) => { window.__frames.push(now - last); last = now; requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
    })()`);
  }
  const cdp = page && PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const started = performance.now();
  const sender = spawn(
    process.execPath,
    [path.join(HERE, 'daemon-sender.mjs'), String(daemon.udp.port), String(RATE), String(SECONDS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  sender.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => sender.on('close', resolve));
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 300));
  const { sent } = JSON.parse(out) as { sent: number };
  let busyMs: number | null = null;
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    const top = heaviest(profile);
    for (const { fn, ms } of top) console.error(`${String(ms).padStart(7)} ms  ${fn}`);
    // The page's main thread at work (scripts, layout, paint, GC), whatever the rest of the machine does.
    const total = (profile.timeDeltas ?? []).reduce((a, b) => a + b, 0) / 1000;
    busyMs = Math.round(total - (top.find((t) => t.fn.startsWith('(idle)'))?.ms ?? 0));
  }
  const stats = daemon.store.stats();
  const dropped = Object.values(stats.dropped).reduce((a, b) => a + b, 0) - stats.dropped.evicted;
  let frames: { max: number; p95: number; count: number; over50: number } | null = null;
  if (page) {
    await page.getByTestId('xray-trace-row').first().waitFor({ timeout: 30_000 });
    const gaps = ((await page.evaluate('window.__frames')) as number[]).slice(1).sort((a, b) => a - b);
    frames = {
      max: gaps.at(-1) ?? 0,
      p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
      count: gaps.length,
      over50: gaps.filter((g) => g > 50).length,
    };
  }
  const result = {
    rate: RATE,
    seconds: SECONDS,
    ui: UI,
    sent,
    accepted: stats.accepted,
    droppedByReceiver: dropped,
    evicted: stats.dropped.evicted,
    lostInKernel: sent - stats.accepted - dropped,
    acceptedPerSecond: Math.round(stats.accepted / elapsed),
    tracesKept: stats.traces,
    frames,
    pageBusyMs: busyMs,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  console.error(
    `sent ${sent}, accepted ${stats.accepted} (${result.acceptedPerSecond}/s over ${elapsed.toFixed(1)} s), dropped ${dropped}, lost ${result.lostInKernel}, kept ${stats.traces} traces` +
      (frames
        ? `; page frames: max ${frames.max.toFixed(0)} ms, p95 ${frames.p95.toFixed(0)} ms, ${frames.over50} of ${frames.count} over 50 ms`
        : '') +
      (busyMs !== null ? `; page main thread busy ${busyMs} ms` : '') +
      `; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  console.log(JSON.stringify(result));
} finally {
  // Closing must not hang the benchmark (an open event stream can keep the web server's close waiting).
  const settle = (p: Promise<unknown> | undefined) =>
    Promise.race([p?.catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
  await settle(browser?.close());
  await settle(web?.close());
  await settle(daemon.close());
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
