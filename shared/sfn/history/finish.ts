/**
 * The last steps of `analyzeHistory`, once every event is read: each run's final status, error, duration, Map
 * iterations and Parallel branches; then the errors of caught Map and Parallel runs, named from inside them.
 */
import { catchResult, parseJson } from './summary.ts';
import type { Inst } from './runs.ts';
import type { ExecutionStatus, MapIteration, RunStatus, StateRun } from './types.ts';

/** How the execution ended, when it did (the event's position decides nothing here, only its kind). */
export interface ExecutionEnd {
  kind: ExecutionStatus;
  seq: number;
}

/** How a run ended, from what the history says about it and, failing that, about the execution. */
function finalStatus(inst: Inst, execEnd: ExecutionEnd | undefined, idsUsable: boolean): RunStatus {
  const run = inst.run;
  const f = inst.failure;
  if (run.exitedEventId !== undefined || (!inst.open && !inst.closedWithoutExit)) {
    return f && f.seq > inst.lastSuccessSeq ? 'caught' : 'succeeded';
  }
  if (f) return f.kind;
  if (run.type === 'Fail') return 'failed';
  if (inst.open && !execEnd) return 'running';
  // Its Parallel/Map (or iteration) ended while it had not: it was stopped. (Without usable ids a missing Exited
  // event is more likely lost in normalisation, so the execution's outcome decides below.)
  if (inst.closedBy === 'parent' && idsUsable) return 'aborted';
  if (execEnd && execEnd.kind === 'succeeded') return 'succeeded';
  if (execEnd) return execEnd.kind === 'timed-out' ? 'timed-out' : 'aborted';
  // Closed by its iteration or parent ending, while the execution goes on.
  return 'aborted';
}

function duration(startMs: number | undefined, endMs: number | undefined): number | undefined {
  return startMs !== undefined && endMs !== undefined && endMs >= startMs ? endMs - startMs : undefined;
}

/** A Map run's iterations in index order; one still open takes the execution's outcome, or is running. */
function iterationsOf(inst: Inst, execEnd: ExecutionEnd | undefined): MapIteration[] {
  return [...inst.iterations.values()]
    .sort((a, b) => a.index - b.index)
    .map(({ open: stillOpen, ...it }) => {
      const out: MapIteration = { ...it };
      if (stillOpen) out.status = execEnd ? (execEnd.kind === 'succeeded' ? 'succeeded' : 'aborted') : 'running';
      const ms = duration(it.startMs, it.endMs);
      if (ms !== undefined) out.durationMs = ms;
      return out;
    });
}

/** Fills in a run's final status, retries, error, duration, iterations and branches; returns the run. */
export function finishRun(inst: Inst, execEnd: ExecutionEnd | undefined, idsUsable: boolean): StateRun {
  const run = inst.run;
  run.retries = Math.max(0, inst.scheduled - 1);
  run.status = finalStatus(inst, execEnd, idsUsable);
  // A failure that a retry got past is not the run's error.
  const f = inst.failure;
  if (run.status !== 'succeeded' && run.status !== 'running') {
    if (f?.error && run.error === undefined) run.error = f.error;
    if (f?.cause && run.cause === undefined) run.cause = f.cause;
  }
  const ms = duration(run.startMs, run.endMs);
  if (ms !== undefined) run.durationMs = ms;
  if (run.type === 'Map' && inst.iterations.size) run.iterations = iterationsOf(inst, execEnd);
  if (run.type === 'Parallel' && inst.branchCount) run.branches = inst.branchCount;
  return run;
}

function isInside(child: StateRun, container: StateRun, runById: Map<number, StateRun>): boolean {
  let p = child.parent;
  for (let depth = 0; p && p.runId !== container.runId && depth < 64; depth++) p = runById.get(p.runId)?.parent ?? null;
  return p !== null;
}

/** The last failed run (with an error) inside `container`, among the runs entered after it. */
function lastFailureInside(runs: readonly StateRun[], i: number, runById: Map<number, StateRun>): StateRun | undefined {
  for (let j = runs.length - 1; j > i; j--) {
    const child = runs[j]!;
    if (child.error === undefined || child.status === 'succeeded' || child.status === 'running') continue;
    if (isInside(child, runs[i]!, runById)) return child;
  }
  return undefined;
}

/**
 * A caught Parallel or Map failed because a branch or an iteration did, and ParallelStateFailed / MapStateFailed
 * carry no error: name the error of the last failed run inside it (innermost first). A Fail state inside records
 * no error in the history: then the Catch put it in the output (its ResultPath) as `{"Error": …, "Cause": …}`;
 * take it from there (at most two levels down).
 */
export function nameCaughtContainerErrors(runs: readonly StateRun[]): void {
  const runById = new Map(runs.map((r) => [r.runId, r]));
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    if (run.status !== 'caught' || run.error !== undefined || (run.type !== 'Parallel' && run.type !== 'Map')) continue;
    const from =
      lastFailureInside(runs, i, runById) ??
      catchResult(typeof run.output === 'string' ? parseJson(run.output) : run.output, 0);
    if (!from) continue;
    run.error = from.error;
    if (from.cause !== undefined) run.cause = from.cause;
  }
}
