/**
 * Per-state status and duration of a Step Functions execution read from its X-Ray trace, so a trace can be laid
 * over the state machine's graph.
 *
 * Shape relied on (Step Functions developer guide, "AWS X-Ray and Step Functions", concepts-xray-tracing.md,
 * and the traces Step Functions sends): the execution is a segment with
 * `origin: "AWS::StepFunctions::StateMachine"` (named after the state machine, `aws.execution_arn` set); each
 * state that ran is a subsegment of it named after the state; a Task state's subsegment holds the service call
 * as a nested `aws` subsegment (e.g. `Lambda` / `Invoke`), whose callee segment hangs below by `parent_id`. States
 * inside Parallel branches and Map iterations appear as nested subsegments, again named after their states;
 * a retried state appears once per attempt. Error, fault and throttle flags and `cause` are set on the state's
 * subsegment when it failed.
 */
import { SEGMENT } from './columns.ts';
import { spanTable } from './span-table.ts';
import type { Span, SpanStatus, Trace } from './types.ts';

/** The origin Step Functions writes on execution segments. */
export const STATE_MACHINE_ORIGIN = 'AWS::StepFunctions::StateMachine';

/** One state's runs within the trace, summed over attempts and iterations. */
export interface StateRun {
  state: string;
  /** Status of the latest run (a state retried after a throttle that then succeeded is `ok`). */
  status: SpanStatus;
  /** Worst status over the runs: fault > throttle > error > pending > ok. */
  worst: SpanStatus;
  /** Runs that ended in error, fault or throttle (failed attempts before a retry, failed iterations). */
  failedRuns: number;
  /** Times the state ran (retries, Map iterations). */
  runs: number;
  /** Start of the first run and end of the last (seconds since the epoch). */
  start: number;
  end?: number;
  /** Sum of the runs' durations (ms). */
  durationMs: number;
  /** Index of each run's subsegment in `trace.spans`, for "show in timeline". */
  spans: number[];
  /** First exception message, when the state failed. */
  message?: string;
}

const RANK: Record<SpanStatus, number> = { ok: 0, pending: 1, error: 2, throttle: 3, fault: 4 };

/** True for an execution segment: where state subsegments are looked for. */
export function isStateMachineSegment(span: Span): boolean {
  return span.kind === 'segment' && span.origin === STATE_MACHINE_ORIGIN;
}

/** The name of the trace's first state machine segment (`isStateMachineSegment`), read without making records. */
export function stateMachineNameOf(trace: Trace): string | undefined {
  const t = spanTable(trace);
  for (let k = 0; k < t.n; k++) if (t.kind[k] === SEGMENT && t.origin[k] === STATE_MACHINE_ORIGIN) return t.name[k];
  return undefined;
}

/**
 * Collects state runs from every state machine segment in the trace. With `stateNames` (from the ASL
 * definition), any subsegment at any depth named after a state counts (Parallel/Map nesting); without it, the
 * direct non-`aws`/`remote` subsegments of the execution segment are the states.
 */
export function stateRunsFromTrace(trace: Trace, stateNames?: ReadonlySet<string>): Map<string, StateRun> {
  const runs = new Map<string, StateRun>();
  const spans = trace.spans;
  const latestRun = new Map<string, number>();
  const record = (i: number): void => {
    const s = spans[i];
    let r = runs.get(s.name);
    if (!r) {
      r = {
        state: s.name,
        status: s.status,
        worst: s.status,
        failedRuns: 0,
        runs: 0,
        start: s.start,
        end: s.end,
        durationMs: 0,
        spans: [],
      };
      runs.set(s.name, r);
    }
    r.runs++;
    r.spans.push(i);
    r.durationMs += s.durationMs;
    if (s.start < r.start) r.start = s.start;
    if (s.end === undefined) r.end = undefined;
    else if (r.end !== undefined && s.end > r.end) r.end = s.end;
    const latest = latestRun.get(s.name);
    if (latest === undefined || s.start >= spans[latest].start) {
      latestRun.set(s.name, i);
      r.status = s.status;
    }
    if (RANK[s.status] > RANK[r.worst]) r.worst = s.status;
    if (s.status === 'error' || s.status === 'fault' || s.status === 'throttle') r.failedRuns++;
    if (!r.message) r.message = s.exceptions.find((e) => e.message)?.message;
  };
  for (let i = 0; i < spans.length; i++) {
    if (!isStateMachineSegment(spans[i])) continue;
    const seg = spans[i];
    if (stateNames) {
      // Walk this execution's own subsegments (not the services it called: they are other segments).
      const stack = [...seg.children];
      while (stack.length > 0) {
        const c = stack.pop()!;
        const s = spans[c];
        if (s.kind !== 'subsegment') continue;
        if (stateNames.has(s.name)) record(c);
        stack.push(...s.children);
      }
    } else {
      for (const c of seg.children) {
        const s = spans[c];
        if (s.kind === 'subsegment' && s.namespace !== 'aws' && s.namespace !== 'remote') record(c);
      }
    }
  }
  return runs;
}
