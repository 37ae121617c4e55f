/**
 * Replay: turns a recorded execution history into Task mocks (each recorded Task/Lambda/Activity result or error,
 * by state name), so the same — or an edited — definition can be re-run offline, and compares the new run with
 * the recorded one (path, each state's input and output, the execution's end).
 */
import { deepEqual } from './intrinsics.ts';
import type { MockResponse } from './mocks.ts';
import type { RunResult } from './engine.ts';

type Ev = Record<string, unknown>;

function details(e: Ev): Record<string, unknown> {
  for (const [k, v] of Object.entries(e))
    if (k.endsWith('EventDetails') && v && typeof v === 'object') return v as Record<string, unknown>;
  return {};
}

/** History values are JSON strings (snapshots sometimes hold them parsed); this gives the value either way. */
export function parsed(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

interface Recorded {
  parameters: unknown;
  response?: MockResponse;
  used: boolean;
}

export interface ReplayMocks {
  /** Recorded responses by state name, in the order recorded. */
  byState: Record<string, Recorded[]>;
  /** A resolver for `RunOptions.resolveMock`: the first unused response recorded with equal parameters, else the next unused one. */
  resolve: (state: string, parameters: unknown) => MockResponse | undefined;
}

const SCHEDULED = /^(Task|LambdaFunction|Activity)Scheduled$/;
const OUTCOME = /^(Task|LambdaFunction|Activity)(Succeeded|Failed|TimedOut)$/;

/** Reads the Task results and errors out of a history's events. */
export function mocksFromHistory(events: readonly Ev[]): ReplayMocks {
  const byState: Record<string, Recorded[]> = {};
  const stateOf = new Map<number, string>();
  let lastState: string | undefined;
  for (const e of events) {
    const type = String(e.type);
    const id = Number(e.id);
    const prev = Number(e.previousEventId);
    const d = details(e);
    if (type.endsWith('StateEntered')) {
      lastState = String(d.name);
      stateOf.set(id, lastState);
      continue;
    }
    const owner = stateOf.get(prev) ?? lastState;
    if (owner !== undefined) stateOf.set(id, owner);
    if (SCHEDULED.test(type) && owner !== undefined) {
      (byState[owner] ??= []).push({ parameters: parsed(d.parameters ?? d.input), used: false });
      continue;
    }
    const m = OUTCOME.exec(type);
    if (m && owner !== undefined) {
      const list = (byState[owner] ??= []);
      // The outcome belongs to the latest call of this state still waiting for one.
      let rec = [...list].reverse().find((r) => r.response === undefined);
      if (!rec) {
        rec = { parameters: undefined, used: false };
        list.push(rec);
      }
      const cause = d.cause;
      rec.response =
        m[2] === 'Succeeded'
          ? { kind: 'result', value: parsed(d.output) }
          : {
              kind: 'error',
              error: d.error === undefined ? (m[2] === 'TimedOut' ? 'States.Timeout' : null) : String(d.error),
              cause:
                cause === undefined
                  ? m[2] === 'TimedOut'
                    ? ''
                    : null
                  : typeof cause === 'string'
                    ? cause
                    : JSON.stringify(cause),
            };
    }
  }
  const resolve = (state: string, parameters: unknown): MockResponse | undefined => {
    const list = byState[state];
    if (!list) return undefined;
    const open = list.filter((r) => !r.used && r.response !== undefined);
    const hit = open.find((r) => deepEqual(r.parameters, parameters)) ?? open[0];
    if (!hit) return undefined;
    hit.used = true;
    return hit.response;
  };
  return { byState, resolve };
}

/** One state run as recorded: name, type, input, output (top-level and nested, in event order). */
export interface RecordedState {
  name: string;
  type: string;
  input: unknown;
  output?: unknown;
}

export function recordedStates(events: readonly Ev[]): RecordedState[] {
  const out: RecordedState[] = [];
  const open: RecordedState[] = [];
  for (const e of events) {
    const type = String(e.type);
    const d = details(e);
    if (type.endsWith('StateEntered')) {
      const r: RecordedState = {
        name: String(d.name),
        type: type.replace(/StateEntered$/, ''),
        input: parsed(d.input),
      };
      out.push(r);
      open.push(r);
    } else if (type.endsWith('StateExited')) {
      const idx = open.map((r) => r.name).lastIndexOf(String(d.name));
      if (idx >= 0) {
        open[idx]!.output = parsed(d.output);
        open.splice(idx, 1);
      }
    }
  }
  return out;
}

export interface ReplayDifference {
  index: number;
  state: string;
  field: 'path' | 'input' | 'output' | 'status' | 'error';
  recorded: unknown;
  local: unknown;
}

/** Compares a local run with a recorded history; `same` decides value equality (default deep equality). */
export function compareWithHistory(
  run: RunResult,
  events: readonly Ev[],
  same: (recorded: unknown, local: unknown) => boolean = deepEqual,
): ReplayDifference[] {
  const rec = recordedStates(events);
  const mine = recordedStates(run.events as unknown as Ev[]);
  const diffs: ReplayDifference[] = [];
  const n = Math.max(rec.length, mine.length);
  for (let i = 0; i < n; i++) {
    const a = rec[i];
    const b = mine[i];
    if (!a || !b || a.name !== b.name) {
      diffs.push({ index: i, state: a?.name ?? b?.name ?? '?', field: 'path', recorded: a?.name, local: b?.name });
      break;
    }
    if (!same(a.input, b.input))
      diffs.push({ index: i, state: a.name, field: 'input', recorded: a.input, local: b.input });
    if (a.output !== undefined && !same(a.output, b.output))
      diffs.push({ index: i, state: a.name, field: 'output', recorded: a.output, local: b.output });
  }
  const end = [...events].reverse().find((e) => /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(String(e.type)));
  if (end) {
    const status = String(end.type) === 'ExecutionSucceeded' ? 'SUCCEEDED' : 'FAILED';
    if (status !== run.status)
      diffs.push({ index: n, state: '(execution)', field: 'status', recorded: status, local: run.status });
    else if (status === 'FAILED') {
      const d = details(end);
      if (d.error !== undefined && d.error !== run.error)
        diffs.push({ index: n, state: '(execution)', field: 'error', recorded: d.error, local: run.error });
    } else if (!same(parsed(details(end).output), run.output)) {
      diffs.push({
        index: n,
        state: '(execution)',
        field: 'output',
        recorded: parsed(details(end).output),
        local: run.output,
      });
    }
  }
  return diffs;
}
