/**
 * `npx tsx bench/asl-open-trace.ts [--states N | --file PATH] [--buffer] [--min MS] [--before MS] [--cpu-only]
 * [--twice] [--trace OUT.json] [--validate]`: where an open of a generated machine (or of the definition at PATH)
 * spends its time, in the page's main thread and in the document worker, measured the way the benchmark opens
 * it (a fresh page, the start-up sample drawn, then the file input; see bench/browser.ts). A Chromium trace of both
 * threads gives: the open's figure from the page's own timer, each thread's top-level tasks from the file input
 * change, and each thread's sampled self and inclusive time by function. For profiling rather than timing: the
 * trace itself slows the page down.
 *
 * The file goes to the input as a file on disk (as a user's pick gives the page a disk-backed File); `--buffer`
 * hands it over as bytes instead (Playwright then copies them into the page as base64, the benchmark's old way).
 *
 * `--validate`: the trace goes on past the graph until the host's validation answer (the request a new tab sends
 * once its first drawing is painted) has been shown, and the page's main-thread tasks that the request and the
 * answer cause are printed with their CPU time and what ran inside them (bench/validate-trace.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { armOpen, benchWebAndBrowser, freshPage, waitOpen } from './browser.ts';
import { generateAsl } from './gen-asl.ts';
import { nestedIn, topLevelByThread, type TraceEvent, type TraceFrame, threadNames } from './trace-events.ts';
import { flag, option } from './args.ts';
import { armValidateMarks, printValidateTasks, waitValidateShown } from './validate-trace.ts';

const states = Number(option('--states') ?? 1000);
const minMs = Number(option('--min') ?? 3);
const traceOut = option('--trace');
const given = option('--file');
const text = given ? fs.readFileSync(given, 'utf8') : JSON.stringify(generateAsl(states), null, 2);

const THREADS = /CrRendererMain|DedicatedWorker/;
const ms = (us: number) => (us / 1000).toFixed(0);

/** Each thread's top-level complete events from `t0` (µs) to `t1`, those of at least `minMs` printed. */
function tasks(events: TraceEvent[], names: Map<string, string>, t0: number, t1: number): void {
  for (const [k, list] of topLevel(events, names, t0, t1)) {
    console.log(`\n${names.get(k)}: top-level tasks (ms after the change, ≥ ${minMs} ms)`);
    let busy = 0;
    for (const e of list) {
      busy += e.dur!;
      if (e.dur! / 1000 < minMs) continue;
      const inside = nestedIn(events, e, 2000, 6).map((c) => `${c.name} ${ms(c.dur!)}`);
      console.log(
        `  ${ms(e.ts - t0).padStart(6)}  ${ms(e.dur!).padStart(5)} ms (cpu ${ms(e.tdur ?? e.dur!)})  ${e.name}  [${inside.join(', ')}]`,
      );
    }
    console.log(`  busy ${ms(busy)} ms in all`);
  }
}

/** Each page or worker thread's top-level complete events from `t0` to `t1` (µs), by `pid:tid`, in time order. */
function topLevel(events: TraceEvent[], names: Map<string, string>, t0: number, t1: number): Map<string, TraceEvent[]> {
  return topLevelByThread(events, (k) => THREADS.test(names.get(k) ?? ''), t0, t1);
}

const cpuOf = (list: readonly TraceEvent[]) => list.reduce((a, e) => a + (e.tdur ?? e.dur!), 0);

/**
 * Thread (CPU) time of each thread's top-level tasks from `t0` to `t1` (µs): what the open cost each thread
 * whatever else the machine was running (its wall time on a loaded machine is not its own). Then the page's
 * part after the document worker's last big task (the one that posts the layout), which nothing overlaps: the tail
 * of the open that only the page's main thread can shorten.
 */
function cpuByThread(events: TraceEvent[], names: Map<string, string>, t0: number, t1: number): string {
  const cpu = new Map<string, number>();
  let busiestWorker: TraceEvent[] = [];
  let page: TraceEvent[] = [];
  for (const [k, list] of topLevel(events, names, t0, t1)) {
    const worker = /Worker/.test(names.get(k) ?? '');
    const label = worker ? 'worker' : 'page';
    cpu.set(label, (cpu.get(label) ?? 0) + cpuOf(list));
    if (worker && cpuOf(list) > cpuOf(busiestWorker)) busiestWorker = list;
    if (!worker) page = list;
  }
  // The layout's task: the worker's last big one (a collection of its garbage may follow it).
  const last = busiestWorker.filter((e) => (e.tdur ?? e.dur!) >= cpuOf(busiestWorker) / 5).pop();
  const tail = last ? page.filter((e) => e.ts + e.dur! > last.ts + last.dur!) : [];
  // The worker's first task is the open: how long the page took to hand it the text.
  const first = busiestWorker[0];
  const start = first ? `; the worker starts ${ms(first.ts - t0)} ms after the change` : '';
  const after = last
    ? `${start}; page after the worker's layout task ${ms(cpuOf(tail))} ms (wall ${ms(t1 - last.ts - last.dur!)} ms)`
    : '';
  return [...cpu].map(([k, v]) => `${k} ${ms(v)} ms`).join(', ') + after;
}

/** Sampled self time by function and inclusive time per thread, from `t0` to `t1` (µs, the trace's clock). */
function samples(events: TraceEvent[], names: Map<string, string>, t0: number, t1: number): void {
  const profileThread = new Map<string, string>();
  const clock = new Map<string, number>();
  for (const e of events)
    if (e.name === 'Profile' && e.id) {
      profileThread.set(e.id, `${e.pid}:${e.tid}`);
      clock.set(e.id, e.args?.data?.startTime ?? e.ts);
    }
  const perThread = new Map<
    string,
    { frames: Map<number, TraceFrame>; parent: Map<number, number>; self: Map<number, number> }
  >();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const k = profileThread.get(e.id) ?? `${e.pid}:${e.tid}`;
    const th = perThread.get(k) ?? { frames: new Map(), parent: new Map(), self: new Map() };
    perThread.set(k, th);
    for (const n of e.args?.data?.cpuProfile?.nodes ?? []) {
      th.frames.set(n.id, n.callFrame);
      if (n.parent !== undefined) th.parent.set(n.id, n.parent);
    }
    const deltas = e.args?.data?.timeDeltas ?? [];
    let at = clock.get(e.id) ?? 0;
    (e.args?.data?.cpuProfile?.samples ?? []).forEach((id, i) => {
      at += deltas[i] ?? 0;
      if (at >= t0 && at <= t1) th.self.set(id, (th.self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
    });
    clock.set(e.id, at);
  }
  for (const [k, th] of perThread) {
    if (!THREADS.test(names.get(k) ?? '')) continue;
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    for (const [id, v] of th.self) {
      const f = th.frames.get(id);
      if (!f || f.functionName === '(idle)') continue;
      const key = `${f.functionName || '(anonymous)'} ${(f.url ?? '').replace(/^.*\//, '') || '(native)'}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + v);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = th.parent.get(at)) {
        const name = th.frames.get(at)?.functionName;
        if (name && !name.startsWith('(') && !seen.has(name)) {
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + v);
        }
      }
    }
    const total = [...self.values()].reduce((a, v) => a + v, 0);
    console.log(`\n${names.get(k)}: sampled ${total.toFixed(0)} ms (idle left out); self time, top functions:`);
    for (const [key, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`  ${v.toFixed(0).padStart(6)} ms  ${key}`);
    console.log(
      `  inclusive: ${[...inclusive]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 45)
        .map(([n, v]) => `${n} ${v.toFixed(0)}`)
        .join(', ')}`,
    );
  }
}

const { web, browser, dataDir, close } = await benchWebAndBrowser('statescope-asl-trace-');
/** The opened file's name (`profile-…`: the page's tab is found by it). */
const fileName = given ? `profile-${path.basename(given)}` : `profile-${states}.asl.json`;
const filePath = path.join(dataDir, fileName);
fs.writeFileSync(filePath, text);
try {
  const { page, close } = await freshPage(browser, web.url);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
  // `--twice`: the same text opened once before the traced open, so the traced one runs in a worker (and page)
  // whose code has already run on a machine of this size: the difference is what running cold costs.
  if (flag('--twice')) {
    const warmPath = path.join(dataDir, `warm-${fileName}`);
    fs.writeFileSync(warmPath, text);
    await armOpen(page, `warm-${fileName}`);
    await page.getByTestId('file-input').setInputFiles(warmPath);
    await waitOpen(page);
  }
  await armOpen(page, fileName);
  if (flag('--validate')) await armValidateMarks(page);
  await page.evaluate(`document.querySelector('[data-testid="file-input"]').addEventListener('change', () =>
    performance.mark('asl-change'), { capture: true, once: true })`);
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing',
      'disabled-by-default-v8.cpu_profiler',
      'v8',
      // `--validate`: the collector's and Blink's loading work too (the request's body is built outside script).
      ...(flag('--validate') ? ['disabled-by-default-v8.gc', 'blink', 'loading', 'toplevel', 'mojom', 'ipc'] : []),
    ],
  });
  const input = page.getByTestId('file-input');
  const handedOver = Date.now();
  if (flag('--buffer'))
    await input.setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
  else await input.setInputFiles(filePath);
  const handOverMs = Date.now() - handedOver;
  const result = await waitOpen(page);
  const shown = flag('--validate') ? await waitValidateShown(page) : undefined;
  const buf = await browser.stopTracing();
  console.log(
    `${given ? path.basename(given) : `${states} states`} (${(text.length / 1e6).toFixed(2)} MB) as ${flag('--buffer') ? 'bytes' : 'a file path'}: ` +
      `setInputFiles ${handOverMs} ms; the page's figure ${JSON.stringify(result)}; load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  if (traceOut) fs.writeFileSync(traceOut, buf);
  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const change = events.find((e) => e.name === 'asl-change');
  if (!change) throw new Error('the change mark is not in the trace');
  const names = threadNames(events);
  if (shown) {
    const spans = printValidateTasks(events, shown);
    if (!flag('--cpu-only')) {
      console.log('\n--- sampled: the sending task ---');
      samples(events, names, ...spans.send);
      console.log('\n--- sampled: from the answer on ---');
      samples(events, names, ...spans.answer);
    }
  }
  console.log(
    `CPU (thread time) from the change to the figure: ${cpuByThread(events, names, change.ts, change.ts + (result.ms ?? 0) * 1000)}`,
  );
  // The harness's hand-over (Playwright building the File in the page) runs before the change: shown too.
  const from = change.ts - Number(option('--before') ?? 0) * 1000;
  const to = change.ts + (result.ms ?? 0) * 1000 + 50_000;
  // `--cpu-only`: the CPU line alone (for A/B runs on a loaded machine).
  if (!flag('--cpu-only') && !shown) {
    tasks(events, names, from, to);
    samples(events, names, from, to);
  }
  await close();
} finally {
  await close();
}
process.exit(0);
