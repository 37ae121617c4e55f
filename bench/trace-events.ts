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
