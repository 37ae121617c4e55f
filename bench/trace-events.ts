/**
 * Chromium's trace events as the open profilers read them (bench/asl-open-trace.ts, bench/xray-open-profile.ts):
 * the fields they use, and the threads' names from the trace's metadata events.
 */

/** A call frame of a sampled CPU profile in the trace. */
export interface TraceFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** One trace event: complete (`X`, with `dur` and thread time `tdur`, µs), metadata (`M`) or profile chunk. */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      startTime?: number;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: TraceFrame }[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

/** Each thread's name by `pid:tid`, from the trace's `thread_name` metadata events. */
export function threadNames(events: TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  return names;
}

/**
 * Each thread's top-level complete events (`X`) from `t0` to `t1` (µs), by `pid:tid`, in time order: an event that
 * starts inside an earlier one of its thread is nested in it and left out. `keep` picks the threads.
 */
export function topLevelByThread(
  events: readonly TraceEvent[],
  keep: (thread: string) => boolean,
  t0 = -Infinity,
  t1 = Infinity,
): Map<string, TraceEvent[]> {
  const out = new Map<string, TraceEvent[]>();
  const end = new Map<string, number>();
  // At equal starts the longer first: the enclosing event before what it encloses.
  for (const e of [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    if (e.ph !== 'X' || e.dur === undefined || e.ts < t0 || e.ts > t1) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!keep(k) || e.ts < (end.get(k) ?? -1)) continue;
    end.set(k, e.ts + e.dur);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(e);
  }
  return out;
}

/** The longest complete events inside `task` on its thread, each at least `minUs` long: at most `count`, longest first. */
export function nestedIn(events: readonly TraceEvent[], task: TraceEvent, minUs: number, count: number): TraceEvent[] {
  const end = task.ts + (task.dur ?? 0);
  return events
    .filter(
      (c) =>
        c !== task &&
        c.ph === 'X' &&
        c.pid === task.pid &&
        c.tid === task.tid &&
        c.ts >= task.ts &&
        c.ts + (c.dur ?? 0) <= end &&
        (c.dur ?? 0) >= minUs,
    )
    .sort((a, b) => b.dur! - a.dur!)
    .slice(0, count);
}
