/**
 * `npx tsx bench/xray-open-profile.ts [--traces N] [--spans M | --one N] [--trace OUT.json]`: where the page's time goes
 * between the file input and the X-Ray service map on screen (web mode, a settled page), for profiling rather
 * than timing. A Chromium trace of every thread (the page's main thread and the X-Ray worker) is summed as:
 * a timeline of each thread's top-level tasks (what ran, when, for how long, from the file input change) and
 * each thread's sampled self time by function.
 */
import fs from 'node:fs';
import { benchWebAndBrowser } from './browser.ts';
import { generateTrace, generateTraces } from './gen-xray.ts';
import { type TraceEvent, threadNames } from './trace-events.ts';
import { flag, option } from './args.ts';

const count = Number(option('--traces') ?? 1000);
const spans = Number(option('--spans') ?? 100);
const traceOut = option('--trace');
/** `--one N`: one trace of N spans instead (the benchmark's 100,000-span file). */
const one = option('--one');
const text = JSON.stringify(
  one ? { Traces: [generateTrace(Number(one))], UnprocessedTraceIds: [] } : generateTraces(count, spans),
);

/**
 * The open's path in thread (CPU) time, what its wall time would be with a core free for each thread: the page's
 * tasks before the worker's first task, the worker's tasks up to the end of its longest one (the read), and the
 * page's tasks from then to `endUs` (the map on screen). Page work that runs while the worker reads is off the path.
 */
function cpuPath(byThread: Map<string, TraceEvent[]>, names: Map<string, string>, t0: number, endUs: number): void {
  const of = (re: RegExp) => [...byThread].find(([k]) => re.test(names.get(k) ?? ''))?.[1] ?? [];
  const top = (list: TraceEvent[]) => {
    let end = -1;
    return list.filter((e) => {
      if (e.ts < end) return false;
      end = e.ts + e.dur!;
      return true;
    });
  };
  const main = top(of(/CrRendererMain/));
  const worker = top(of(/DedicatedWorker/));
  if (worker.length === 0) return;
  const w0 = worker[0]!.ts;
  const longest = worker.reduce((a, e) => (e.dur! > a.dur! ? e : a));
  const w1 = longest.ts + longest.dur!;
  const cpu = (list: TraceEvent[], from: number, to: number) =>
    list.filter((e) => e.ts >= from && e.ts < to).reduce((a, e) => a + (e.tdur ?? e.dur!) / 1000, 0);
  const before = cpu(main, t0, w0);
  const inWorker = cpu(worker, w0, w1);
  const after = cpu(main, w1, endUs);
  console.log(
    `\nCPU path: page ${before.toFixed(0)} ms before the worker's first task (at ${((w0 - t0) / 1000).toFixed(0)} ms) + ` +
      `worker ${inWorker.toFixed(0)} ms to the end of its read + page ${after.toFixed(0)} ms to the map = ` +
      `${(before + inWorker + after).toFixed(0)} ms`,
  );
}

/** Top-level tasks per thread (complete events not inside another one), from `t0` (µs), at least `minMs` long. */
function timeline(events: TraceEvent[], t0: number, minMs: number, endUs: number): void {
  const names = threadNames(events);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || e.ts < t0) continue;
    const k = `${e.pid}:${e.tid}`;
    const name = names.get(k) ?? k;
    if (!/CrRendererMain|DedicatedWorker/.test(name)) continue;
    const list = byThread.get(k) ?? [];
    byThread.set(k, list);
    list.push(e);
  }
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    console.log(`\n${names.get(k) ?? k}: tasks from the file input change (ms after it, ≥ ${minMs} ms)`);
    let end = -1;
    let busy = 0;
    let cpu = 0;
    for (const e of list) {
      if (e.ts < end) continue;
      end = e.ts + e.dur!;
      busy += e.dur! / 1000;
      cpu += (e.tdur ?? e.dur!) / 1000;
      if (e.dur! / 1000 < minMs) continue;
      // The task's largest children, to say what it did.
      const inside = list
        .filter((c) => c !== e && c.ts >= e.ts && c.ts + c.dur! <= end && c.dur! / 1000 >= Math.max(3, minMs / 2))
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 6)
        .map(
          (c) => `${c.name}${c.args?.data && 'url' in (c.args.data as object) ? '' : ''} ${(c.dur! / 1000).toFixed(0)}`,
        );
      console.log(
        `  ${((e.ts - t0) / 1000).toFixed(0).padStart(6)} ms  ${(e.dur! / 1000).toFixed(0).padStart(5)} ms (cpu ${((e.tdur ?? e.dur!) / 1000).toFixed(0)})  ${e.name}  [${inside.join(', ')}]`,
      );
    }
    console.log(`  busy ${busy.toFixed(0)} ms in all, ${cpu.toFixed(0)} ms of it on a core (thread time)`);
  }
  cpuPath(byThread, names, t0, endUs);
}

/** Functions whose inclusive time is printed: the stages of an open in the worker and in the page. */
const STAGES = (
  'textsOf textOfBytes open loadXray loadFiles parseXrayFile readXrayFile parseJsonOrLines documentOf buildTraceFrom ' +
  'computeServiceMap traceRows spanAnnotations stateMachineNameOf post openDataset renderRootSync commitRoot ' +
  'performWorkOnRoot ServiceMapView layoutServiceMap largeFileHead XrayWorkspaceView ListPane TraceList ' +
  'ResponseTimeHistogram Histogram TracePane WorkspaceTopBar FilterBox App XrayTab TraceGroups MapDetails ' +
  'commitLayoutEffects commitPassiveMountEffects flushPassiveEffects getRect'
).split(' ');

/** `--all`: inclusive time of every function, not only the stages (the largest 40). */
const ALL = flag('--all');

/** Self time by function per thread from the trace's sampled CPU profile (ProfileChunk events). */
function selfTime(events: TraceEvent[], fromUs: number): void {
  const names = threadNames(events);
  const profileThread = new Map<string, string>();
  /** Each profile's clock: its start, then the sum of its chunks' time deltas (µs, the trace's clock). */
  const clock = new Map<string, number>();
  for (const e of events)
    if (e.name === 'Profile' && e.id) {
      profileThread.set(e.id, `${e.pid}:${e.tid}`);
      clock.set(e.id, (e.args?.data as { startTime?: number } | undefined)?.startTime ?? e.ts);
    }
  const perThread = new Map<
    string,
    {
      frames: Map<number, { functionName: string; url: string; lineNumber: number }>;
      parent: Map<number, number>;
      self: Map<number, number>;
    }
  >();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const k = profileThread.get(e.id) ?? `${e.pid}:${e.tid}`;
    const th = perThread.get(k) ?? { frames: new Map(), parent: new Map(), self: new Map() };
    perThread.set(k, th);
    const cp = e.args?.data?.cpuProfile;
    for (const n of cp?.nodes ?? []) {
      th.frames.set(n.id, n.callFrame);
      if (n.parent !== undefined) th.parent.set(n.id, n.parent);
    }
    const deltas = e.args?.data?.timeDeltas ?? [];
    let at = clock.get(e.id) ?? 0;
    (cp?.samples ?? []).forEach((id, i) => {
      at += deltas[i] ?? 0;
      if (at >= fromUs) th.self.set(id, (th.self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
    });
    clock.set(e.id, at);
  }
  for (const [k, th] of perThread) {
    const name = names.get(k) ?? k;
    if (!/CrRendererMain|DedicatedWorker/.test(name)) continue;
    const fn = new Map<string, number>();
    for (const [id, ms] of th.self) {
      const f = th.frames.get(id);
      if (!f || f.functionName === '(idle)' || f.functionName === '(program)') continue;
      const key = `${f.functionName || '(anonymous)'} ${(f.url ?? '').replace(/^.*\//, '') || '(native)'}:${f.lineNumber + 1}`;
      fn.set(key, (fn.get(key) ?? 0) + ms);
    }
    const total = [...fn.values()].reduce((a, v) => a + v, 0);
    console.log(`\n${name}: sampled self time ${total.toFixed(0)} ms (idle and (program) left out), top functions:`);
    for (const [key, ms] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
    // Inclusive time of the named functions (each counted once per sample, however deep it recurs).
    const inclusive = new Map<string, number>();
    for (const [id, ms] of th.self) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = th.parent.get(at)) {
        const name = th.frames.get(at)?.functionName;
        if (name && (ALL || STAGES.includes(name)) && !seen.has(name)) {
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
        }
      }
    }
    console.log(
      `  inclusive: ${[...inclusive]
        .filter(([n]) => !/^\(/.test(n))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 40)
        .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
        .join(', ')}`,
    );
  }
}

const { web, browser, close } = await benchWebAndBrowser('statescope-xray-prof-');
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(web.url);
  await page.locator('.ss-app[data-ready="true"]').waitFor({ timeout: 60_000 });
  // `--settle MS`: the wait after start-up (the benchmark waits 500 ms; the worker and views load once its graph is shown).
  await page.waitForTimeout(Number(option('--settle') ?? 3000));
  const arm = () =>
    page.evaluate(`(() => {
    window.__map = undefined;
    window.__rowsAt = undefined;
    const input = document.querySelector('[data-testid="file-input"]');
    input.addEventListener('change', () => {
      const t0 = performance.now();
      performance.mark('xray-change');
      let clicked = false;
      let signature = '';
      let lastChange = 0;
      const tick = () => {
        const now = performance.now();
        const rows = document.querySelector('.ss-xray-host:not([hidden]) [data-testid="xray-trace-row"]');
        if (rows && window.__rowsAt === undefined) window.__rowsAt = Math.round(now - t0);
        const tab = document.querySelector('.ss-xray-host:not([hidden]) [data-testid="xray-tab-map"]');
        if (tab && !clicked) {
          clicked = true;
          window.__tabAt = Math.round(now - t0);
          tab.click();
        }
        const nodes = document.querySelectorAll('.ss-xray-host:not([hidden]) [data-testid="xray-map-node"]');
        const sig = nodes.length + '|' + (nodes.length ? nodes[nodes.length - 1].textContent : '');
        if (sig !== signature) {
          signature = sig;
          lastChange = now;
        }
        if (nodes.length > 0 && now - lastChange >= 700) return void (window.__map = Math.round(lastChange - t0));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, { capture: true, once: true });
  })()`);
  const openOnce = async (name: string) => {
    await page.getByTestId('file-input').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    const deadline = Date.now() + 120_000;
    while ((await page.evaluate('window.__map')) === undefined && Date.now() < deadline) await page.waitForTimeout(100);
  };
  // `--twice`: a first open before the profiled one, so the profiled one runs in a worker whose code is warm.
  if (flag('--twice')) {
    await arm();
    await openOnce(`warm-${count}x${spans}.json`);
    await page.waitForTimeout(1000);
  }
  await arm();
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing',
      'disabled-by-default-v8.cpu_profiler',
      'v8',
    ],
  });
  await openOnce(`profile-${count}x${spans}.json`);
  const buf = await browser.stopTracing();
  const marks = await page.evaluate('({ tab: window.__tabAt, rows: window.__rowsAt, map: window.__map })');
  console.log(
    `${one ? `one trace of ${one} spans` : `${count} traces × ${spans} spans`} (${(text.length / 1e6).toFixed(1)} MB), ms after the change:`,
    marks,
  );
  if (traceOut) fs.writeFileSync(traceOut, buf);
  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const change = events.find((e) => e.name === 'xray-change');
  if (!change) throw new Error('the change mark is not in the trace');
  const mapAt = (marks as { map?: number }).map ?? 0;
  timeline(events, change.ts, Number(option('--min') ?? 8), change.ts + mapAt * 1000 + 16_000);
  // Samples from `--from` ms after the change (default: the change; the harness's own work before it is left out).
  selfTime(events, change.ts + Number(option('--from') ?? 0) * 1000);
  await context.close();
} finally {
  await close();
}
process.exit(0);
