/**
 * The critical path of one page start, read from a Chromium trace (bench/start-profile.ts `--timeline`): for each
 * script, when it was requested, when its response came and ended, when the browser compiled it on a background
 * thread (script streaming) and at what CPU cost, and when the main thread finished compiling and ran it; then the
 * main thread's own long tasks and how long it sat idle between the document's arrival and the first node. Where
 * the main thread is idle, the start is waiting on something else (the server, a background compile).
 */
import type { TraceEvent } from './trace-events.ts';

/** What the timeline reads from an event's arguments. */
type Args = { data?: { url?: string; requestId?: string }; url?: string };
const urlOf = (e: TraceEvent) => {
  const a = e.args as Args | undefined;
  return a?.data?.url ?? a?.url ?? '';
};
const requestOf = (e: TraceEvent) => (e.args as Args | undefined)?.data?.requestId ?? '';
const short = (url: string) => url.replace(/^.*\//, '').replace(/\?.*$/, '') || '(document)';

/** The trace's navigation start of the page on the web-mode server (µs, the trace clock), or undefined. */
export function pageNavigation(events: TraceEvent[]): TraceEvent | undefined {
  return events.find((e) => e.name === 'navigationStart' && JSON.stringify(e.args ?? {}).includes('127.0.0.1'));
}

/** Lines describing the start from navigation to `untilMs` (the first node), `minTaskMs` the main tasks shown. */
export function startTimeline(events: TraceEvent[], untilMs: number, minTaskMs = 4): string[] {
  const nav = pageNavigation(events);
  if (!nav) return ['  (no navigation of the page in the trace)'];
  const at = (us: number) => (us - nav.ts) / 1000;
  const end = nav.ts + untilMs * 1000;
  const f = (ms: number) => ms.toFixed(0).padStart(5);
  const inPage = events.filter((e) => e.pid === nav.pid && e.ts >= nav.ts && e.ts <= end);
  const main = (e: TraceEvent) => e.tid === nav.tid;

  // Each script: request, response, end of the body (devtools.timeline's resource events).
  type Script = { sent?: number; response?: number; finish?: number; bg: TraceEvent[]; compile?: TraceEvent };
  const scripts = new Map<string, Script>();
  const byRequest = new Map<string, string>();
  const script = (url: string) => {
    const s = scripts.get(url) ?? { bg: [] };
    scripts.set(url, s);
    return s;
  };
  for (const e of inPage) {
    if (e.name === 'ResourceSendRequest' && /\.js(\?|$)/.test(urlOf(e))) {
      byRequest.set(requestOf(e), urlOf(e));
      script(urlOf(e)).sent = at(e.ts);
    }
    const url = byRequest.get(requestOf(e));
    if (!url) continue;
    if (e.name === 'ResourceReceiveResponse') script(url).response ??= at(e.ts);
    if (e.name === 'ResourceFinish') script(url).finish ??= at(e.ts);
  }
  for (const e of inPage) {
    if (e.ph !== 'X' || !urlOf(e)) continue;
    if (e.name === 'v8.parseOnBackground' && !main(e)) script(urlOf(e)).bg.push(e);
    if (e.name === 'v8.compileModule' && main(e)) script(urlOf(e)).compile ??= e;
  }
  const lines = ['  script: requested → response → body end | background compile start → end (CPU) | main compile'];
  for (const [url, s] of [...scripts].sort((a, b) => (a[1].sent ?? 0) - (b[1].sent ?? 0))) {
    if (s.sent === undefined) continue;
    const bg = s.bg.length
      ? `${f(at(Math.min(...s.bg.map((e) => e.ts))))} → ${f(at(Math.max(...s.bg.map((e) => e.ts + (e.dur ?? 0)))))} (${(
          s.bg.reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000
        ).toFixed(0)} ms CPU)`
      : '  not streamed';
    const compile = s.compile
      ? `${f(at(s.compile.ts))} (${((s.compile.tdur ?? 0) / 1000).toFixed(1)} ms CPU)`
      : '    —';
    lines.push(
      `  ${short(url).padEnd(34)} ${f(s.sent)} → ${f(s.response ?? NaN)} → ${f(s.finish ?? NaN)} | ${bg} | ${compile}`,
    );
  }

  // The main thread: its top-level tasks (the same reading as the CPU-time figure), the long ones shown.
  const top = inPage
    .filter((e) => main(e) && e.ph === 'X' && (e.name === 'RunTask' || e.cat === 'toplevel'))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let openUntil = -1;
  let busy = 0;
  const docEnd = inPage.find((e) => main(e) && e.name === 'ParseHTML')?.ts ?? nav.ts;
  lines.push(`  main thread: tasks of ${minTaskMs} ms or more (start, wall, CPU, what runs in them)`);
  for (const e of top) {
    if (e.ts < openUntil) continue;
    openUntil = e.ts + (e.dur ?? 0);
    if (e.ts >= docEnd) busy += Math.min(e.dur ?? 0, end - e.ts);
    if ((e.dur ?? 0) < minTaskMs * 1000) continue;
    const inside = inPage
      .filter(
        (c) =>
          main(c) &&
          c.ph === 'X' &&
          c.ts >= e.ts &&
          c.ts <= openUntil &&
          /^(v8\.compileModule|v8\.evaluateModule|RunMicrotasks|FunctionCall|ParseHTML|UpdateLayoutTree|Layout|Paint|FireAnimationFrame|TimerFire)$/.test(
            c.name,
          ) &&
          (c.dur ?? 0) >= 1000,
      )
      .map((c) => `${c.name}${urlOf(c) ? ` ${short(urlOf(c))}` : ''} ${((c.dur ?? 0) / 1000).toFixed(0)}`);
    lines.push(
      `  ${f(at(e.ts))} ${f((e.dur ?? 0) / 1000)} ms (CPU ${((e.tdur ?? 0) / 1000).toFixed(0)})  ${[...new Set(inside)].slice(0, 6).join(', ')}`,
    );
  }
  const span = (end - docEnd) / 1000;
  lines.push(
    `  main thread idle ${(span - busy / 1000).toFixed(0)} of the ${span.toFixed(0)} ms from the document's parse to the first node`,
  );
  return lines;
}
