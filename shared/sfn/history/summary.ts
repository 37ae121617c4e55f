/** Folding runs into what one state (one graph node) shows, and reading a caught error back from an output. */
import { isObject } from './events.ts';
import type { RunStatus, StateRun, StateSummary } from './types.ts';

const STATUS_RANK: Record<RunStatus, number> = {
  'not-run': 0,
  succeeded: 1,
  caught: 2,
  running: 3,
  aborted: 4,
  'timed-out': 5,
  failed: 6,
};

/** Folds several statuses into one: a failure anywhere shows, then running, then caught, then success. */
export function foldStatus(statuses: readonly RunStatus[]): RunStatus {
  let best: RunStatus = 'not-run';
  for (const s of statuses) if (STATUS_RANK[s] > STATUS_RANK[best]) best = s;
  return best;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `{"Error", "Cause"}` object a Catch wrote into a state's output, searched two levels down. */
export function catchResult(value: unknown, depth: number): { error: string; cause?: string } | undefined {
  if (!isObject(value) || depth > 2) return undefined;
  if (typeof value.Error === 'string' && 'Cause' in value) {
    return { error: value.Error, ...(typeof value.Cause === 'string' ? { cause: value.Cause } : {}) };
  }
  for (const v of Object.values(value)) {
    const found = catchResult(v, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function summarize(runs: readonly StateRun[], lastRedrive: number): Record<string, StateSummary> {
  const byName = new Map<string, StateRun[]>();
  for (const r of runs) {
    const list = byName.get(r.name);
    if (list) list.push(r);
    else byName.set(r.name, [r]);
  }
  const entries: [string, StateSummary][] = [];
  for (const [name, list] of byName) {
    // After a redrive, a state that ran again is judged by its new runs; one that did not keeps its old result.
    const latest =
      lastRedrive > 0 && list.some((r) => r.redriveCount === lastRedrive)
        ? list.filter((r) => r.redriveCount === lastRedrive)
        : list;
    const status = foldStatus(latest.map((r) => r.status));
    const timed = list.filter((r) => r.durationMs !== undefined);
    const s: StateSummary = {
      name,
      type: list[list.length - 1]!.type,
      status,
      runs: list.length,
      retries: list.reduce((n, r) => n + r.retries, 0),
    };
    if (timed.length) s.durationMs = timed.reduce((n, r) => n + r.durationMs!, 0);
    const errRun = [...latest].reverse().find((r) => r.error !== undefined || r.cause !== undefined);
    if (errRun?.error !== undefined) s.error = errRun.error;
    if (errRun?.cause !== undefined) s.cause = errRun.cause;
    entries.push([name, s]);
  }
  return Object.fromEntries(entries);
}
