/**
 * `npx tsx bench/start-profile.ts [--runs N] [--cpu OUT.cpuprofile] [--trace OUT.json] [--cpu-time] [--timeline] [--commits] [--file CORPUS_PATH [--link]]`: what the page does
 * between navigation and the first graph node in web mode (the start-up half of bench/browser.ts), for profiling
 * rather than timing: the resource timeline (bundle, host calls, worker script) with start and end from
 * navigation start, the page's own performance marks, and with --cpu the main thread's CPU profile of one load.
 * With --cpu-time every run is traced and the CPU time (thread time, which other processes' load inflates far
 * less than wall time) the page's threads spent from navigation start to the first node is printed: the main
 * thread's, and the page's other threads' (workers, background compilation), with the median over the runs.
 * With --timeline every run is traced with the timeline's events too, and its critical path printed
 * (bench/start-timeline.ts): each script's request, response, background compile and CPU, the main thread's long
 * tasks, and how long the main thread sat idle waiting for the rest. With --commits React's commits up to the first
 * node are counted (bench/react-commits.ts): how many, and how many components rendered in each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchWebAndBrowser, FIRST_NODE_AT } from './browser.ts';
import { flag, option } from './args.ts';
import { commitLines, COUNT_COMMITS, type Commit } from './react-commits.ts';
import { pageNavigation, startTimeline } from './start-timeline.ts';
import type { TraceEvent } from './trace-events.ts';

const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(option('--runs') ?? 3);
const cpuOut = option('--cpu');
const traceOut = option('--trace');
const cpuTime = flag('--cpu-time');
const timeline = flag('--timeline');
const countCommits = flag('--commits');
/**
 * A corpus file opened through the file input as soon as the first node shows, or with --link given by the page's
 * URL (`#doc=<path>`, as bench/browser.ts's cold real definitions are).
 */
const corpusFile = option('--file');
const byLink = flag('--link');
const fileText = corpusFile ? fs.readFileSync(path.join(APP_ROOT, 'test', 'corpus', corpusFile), 'utf8') : '';
const startAt = corpusFile
  ? (/"StartAt"\s*:\s*"([^"]+)"|StartAt:\s*['"]?([^'"\n]+)/.exec(fileText) ?? []).slice(1).find(Boolean)
  : '';

/**
 * CPU time (the trace's thread durations of top-level tasks) of the page's renderer process from its navigation
 * start to `untilMs` after it: the main thread's and the other threads' of that process.
 */
function threadTime(file: string, untilMs: number): { main: number; other: number; tasks: number } {
  type Ev = {
    name: string;
    cat: string;
    ph: string;
    pid: number;
    tid: number;
    ts: number;
    dur?: number;
    tdur?: number;
    args?: unknown;
  };
  const events = (JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents: Ev[] }).traceEvents;
  const nav = pageNavigation(events as TraceEvent[]);
  if (!nav) return { main: NaN, other: NaN, tasks: 0 };
  const end = nav.ts + untilMs * 1000;
  // Top-level events of each thread of the page's process; one nested in another of its thread counts once.
  // The scheduler's RunTask spans a whole task; `toplevel`'s ThreadControllerImpl::RunTask ends before the
  // microtasks that follow a module's evaluation, so a render run from those (the first graph's) escaped it.
  const isTask = (e: Ev) =>
    (e.cat === 'disabled-by-default-devtools.timeline' && e.name === 'RunTask') || e.cat === 'toplevel';
  const top = events
    .filter((e) => e.pid === nav.pid && e.ph === 'X' && isTask(e) && e.ts >= nav.ts && e.ts <= end)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const openUntil = new Map<number, number>();
  let main = 0;
  let other = 0;
  let tasks = 0;
  for (const e of top) {
    if ((openUntil.get(e.tid) ?? -1) > e.ts) continue;
    openUntil.set(e.tid, e.ts + (e.dur ?? 0));
    const ms = (e.tdur ?? 0) / 1000;
    if (e.tid === nav.tid) {
      main += ms;
      tasks++;
    } else other += ms;
  }
  return { main, other, tasks };
}
const threadTimes: { main: number; other: number; tasks: number }[] = [];
const FULL_TRACE = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
  'disabled-by-default-v8.cpu_profiler',
  'blink',
  'netlog',
];

const { web, browser, dataDir, close } = await benchWebAndBrowser('statescope-prof-');
try {
  for (let run = 0; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const profiling = cpuOut && run === runs;
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const tracing = (traceOut && run === runs) || cpuTime || timeline;
    const tracePath = traceOut && run === runs ? traceOut : path.join(dataDir, `trace-${run}.json`);
    if (tracing)
      await browser.startTracing(page, {
        path: tracePath,
        screenshots: false,
        categories:
          traceOut && run === runs
            ? FULL_TRACE
            : [
                'toplevel',
                'disabled-by-default-devtools.timeline',
                'blink.user_timing',
                'loading',
                ...(timeline ? ['devtools.timeline'] : []),
              ],
      });
    await page.addInitScript(FIRST_NODE_AT);
    if (countCommits) await page.addInitScript(COUNT_COMMITS);
    await page.goto(
      corpusFile && byLink
        ? `${web.url}#${new URLSearchParams({ doc: path.join(APP_ROOT, 'test', 'corpus', corpusFile) })}`
        : web.url,
    );
    let first: number | undefined;
    for (let i = 0; i < 600 && first === undefined; i++) {
      first = (await page.evaluate('window.__firstNodeAt')) as number | undefined;
      if (first === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    let opened: number | undefined;
    if (corpusFile && !byLink) {
      await page.getByTestId('file-input').setInputFiles({
        name: path.basename(corpusFile),
        mimeType: 'application/json',
        buffer: Buffer.from(fileText),
      });
    }
    if (corpusFile) {
      const sel = `.react-flow__node[data-id=${JSON.stringify(startAt)}]`;
      for (let i = 0; i < 1200 && opened === undefined; i++) {
        opened = (await page.evaluate(
          `document.querySelector(${JSON.stringify(sel)}) ? performance.now() : undefined`,
        )) as number | undefined;
        if (opened === undefined) await new Promise((r) => setTimeout(r, 20));
      }
    }
    const entries = (await page.evaluate(`(() => {
      const r = (x) => Math.round(x);
      const nav = performance.getEntriesByType('navigation')[0];
      const out = [{ name: 'document', start: 0, end: r(nav.responseEnd), extra: 'DCL ' + r(nav.domContentLoadedEventEnd) + ' load ' + r(nav.loadEventEnd) }];
      for (const e of performance.getEntriesByType('resource'))
        out.push({ name: e.name.replace(location.origin, '').replace(/\\?.*$/, ''), start: r(e.startTime), end: r(e.responseEnd), extra: e.initiatorType + ' ' + e.transferSize + ' B' });
      for (const e of performance.getEntriesByType('mark')) out.push({ name: 'mark ' + e.name, start: r(e.startTime), end: r(e.startTime), extra: '' });
      for (const e of performance.getEntriesByType('measure')) out.push({ name: 'measure ' + e.name, start: r(e.startTime), end: r(e.startTime + e.duration), extra: '' });
      for (const e of performance.getEntriesByType('paint')) out.push({ name: e.name, start: r(e.startTime), end: r(e.startTime), extra: '' });
      return out.sort((a, b) => a.start - b.start);
    })()`)) as { name: string; start: number; end: number; extra: string }[];
    if (tracing) await browser.stopTracing();
    const commits = countCommits ? ((await page.evaluate('window.__commits')) as Commit[]) : [];
    // Up to the first node, or with a file up to its graph.
    const until = corpusFile ? opened : first;
    if (cpuTime && run > 0 && until !== undefined) threadTimes.push(threadTime(tracePath, until));
    const critical =
      timeline && run > 0 && until !== undefined
        ? startTimeline(
            (JSON.parse(fs.readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents,
            until,
          )
        : [];
    if (profiling) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.writeFileSync(cpuOut, JSON.stringify(profile));
    }
    if (run > 0) {
      console.log(
        `\nrun ${run}: first node at ${first?.toFixed(0)} ms${corpusFile ? `; ${startAt} of the file at ${opened?.toFixed(0)} ms` : ''}`,
      );
      for (const e of entries)
        console.log(`  ${String(e.start).padStart(5)} → ${String(e.end).padStart(5)}  ${e.name}  ${e.extra}`);
      if (critical.length > 0) console.log(`critical path (trace, ms from navigation start):\n${critical.join('\n')}`);
      if (countCommits) console.log(commitLines(commits).join('\n'));
    }
    await context.close();
  }
  if (threadTimes.length > 0) {
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const line = (t: { main: number; other: number; tasks: number }) =>
      `main thread ${t.main.toFixed(0)} ms CPU in ${t.tasks} tasks, other threads ${t.other.toFixed(0)} ms`;
    console.log(
      `\nCPU time, navigation start → ${corpusFile ? "the file's graph" : 'first node'} (thread time from the trace):`,
    );
    threadTimes.forEach((t, i) => console.log(`  run ${i + 1}: ${line(t)}`));
    console.log(
      `  median: ${line({ main: med(threadTimes.map((t) => t.main)), other: med(threadTimes.map((t) => t.other)), tasks: med(threadTimes.map((t) => t.tasks)) })}`,
    );
  }
} finally {
  await close();
}
// The web-mode host keeps handles (file watchers, the language service) that a benchmark need not wait for.
process.exit(0);
