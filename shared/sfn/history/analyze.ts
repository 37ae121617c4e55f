/** Builds the per-state report from the events of one execution history. */
import type { StateType } from '../../asl/types.ts';
import {
  collectEvents,
  decode,
  details,
  failureKind,
  isObject,
  ownerKind,
  stateTypeOf,
  text,
  timestampMs,
} from './events.ts';
import { catchResult, parseJson, summarize } from './summary.ts';
import type { ExecutionReport, ExecutionStatus, MapIteration, Redrive, RunParent, StateRun } from './types.ts';

interface Ev {
  seq: number;
  id?: number;
  prev?: number;
  type: string;
  ms?: number;
  raw: Record<string, unknown>;
  /** The run this event belongs to, once known. */
  owner?: Inst;
}

interface Inst {
  run: StateRun;
  entered: Ev;
  open: boolean;
  /** True once something else (execution end, parent exit) closed it without its own Exited event. */
  closedWithoutExit: boolean;
  /** What closed it: its own Exited event, the execution ending, or its parent/iteration ending. */
  closedBy?: 'exit' | 'execution' | 'parent';
  lastSuccessSeq: number;
  failure?: { kind: 'failed' | 'timed-out' | 'aborted'; seq: number; error?: string; cause?: string };
  scheduled: number;
  parentInst?: Inst;
  iterations: Map<number, MapIteration & { open: boolean }>;
  /** The iteration started last (the fallback frame for events without links). */
  lastIteration?: number;
  children: Inst[];
  /** Children by Map iteration index, so an iteration's end closes only its own runs. */
  byIteration?: Map<number, Inst[]>;
  branchCount: number;
  abortSeen?: boolean;
}

/**
 * Builds the per-state report from a history (see `collectEvents` for accepted shapes). Throws `HistoryError`
 * only when the input is not a history.
 */
export function analyzeHistory(input: unknown): ExecutionReport {
  const rawEvents = collectEvents(input);
  const problems: string[] = [];
  const problem = (m: string): void => {
    if (problems.length < 50) problems.push(m);
  };

  // Normalise, de-duplicate (overlapping pages), sort by id when ids are usable.
  let events: Ev[] = rawEvents.map((raw, i) => ({
    seq: i,
    id: Number.isSafeInteger(raw.id) ? (raw.id as number) : undefined,
    prev: Number.isSafeInteger(raw.previousEventId) ? (raw.previousEventId as number) : undefined,
    type: raw.type as string,
    ms: timestampMs(raw.timestamp),
    raw,
  }));
  const byId = new Map<number, Ev>();
  const unique: Ev[] = [];
  let idsUsable = true;
  for (const e of events) {
    if (e.id === undefined) {
      idsUsable = false;
      unique.push(e);
      continue;
    }
    if (byId.has(e.id)) continue;
    byId.set(e.id, e);
    unique.push(e);
  }
  if (unique.length !== events.length) problem(`${events.length - unique.length} duplicate event id(s) ignored.`);
  events = unique;
  if (idsUsable) events.sort((a, b) => a.id! - b.id!);
  else if (events.length) problem('Some events have no numeric id: their order and links were taken as given.');
  events.forEach((e, i) => (e.seq = i));

  const insts: Inst[] = [];
  // Open runs in the order they were entered. Closing only flags a run; `compact` drops flagged entries now and
  // then, so closing stays cheap even with thousands of runs open.
  let open: Inst[] = [];
  let closedInOpen = 0;
  const compact = (): void => {
    if (closedInOpen > 64 && closedInOpen * 2 > open.length) {
      open = open.filter((o) => o.open);
      closedInOpen = 0;
    }
  };
  const report: ExecutionReport = {
    status: 'running',
    eventCount: events.length,
    redrives: [],
    runs: [],
    states: {},
    problems,
  };
  let redriveCount = 0;
  let unplaced = 0;
  let execEnd: { kind: ExecutionStatus; seq: number } | undefined;

  const prevOf = (e: Ev): Ev | undefined => (e.prev !== undefined && e.prev > 0 ? byId.get(e.prev) : undefined);

  const close = (
    inst: Inst,
    withoutExit: boolean,
    ms?: number,
    by: 'exit' | 'execution' | 'parent' = withoutExit ? 'parent' : 'exit',
  ): void => {
    if (!inst.open) return;
    // Iterative, not recursive: a hostile history may nest thousands of levels.
    const stack: [Inst, boolean, 'exit' | 'execution' | 'parent'][] = [[inst, withoutExit, by]];
    while (stack.length) {
      const [x, without, how] = stack.pop()!;
      if (!x.open) continue;
      x.open = false;
      x.closedWithoutExit = without;
      x.closedBy = how;
      closedInOpen++;
      if (without && x.run.endMs === undefined && ms !== undefined) x.run.endMs = ms;
      // Anything still open inside it ended with it.
      for (const child of x.children)
        if (child.open) stack.push([child, true, how === 'execution' ? 'execution' : 'parent']);
    }
    compact();
  };

  /** Walks the cause links up from `start` to the first open run of the wanted kind. */
  const chainOwner = (start: Ev | undefined, kind: StateType | undefined, name?: string): Inst | undefined => {
    let cur = start;
    // Real links reach their owner in a few steps; the cap keeps a hostile chain from costing n² time.
    for (let steps = 0; cur && steps < 4096; steps++) {
      const o = cur.owner;
      if (o && o.open && (!kind || o.run.type === kind) && (!name || o.run.name === name)) return o;
      // Skip over a finished run: go to what came before it was entered.
      if (o && !o.open && o.entered !== cur && cur.type.endsWith('StateExited')) {
        cur = prevOf(o.entered);
        continue;
      }
      cur = prevOf(cur);
    }
    return undefined;
  };
  // Oldest run of a kind that an abort without a usable link can belong to: first one still running without a
  // failure of its own (a branch stopped because another failed), else any without an Exited event. Both tests
  // only ever turn false for a run, so a cursor per kind moves forward and the search stays linear overall.
  const cursors = new Map<string, number>();
  const scan = (key: string, kind: StateType, ok: (o: Inst) => boolean): Inst | undefined => {
    let i = cursors.get(key) ?? 0;
    while (i < insts.length && !(insts[i]!.run.type === kind && ok(insts[i]!))) i++;
    cursors.set(key, i);
    return insts[i];
  };
  const abortCandidate = (kind: StateType): Inst | undefined =>
    scan(`live:${kind}`, kind, (o) => o.open && !o.failure && !o.abortSeen) ??
    scan(`any:${kind}`, kind, (o) => !o.abortSeen && o.run.exitedEventId === undefined);
  const innermostOpen = (kind?: StateType, name?: string): Inst | undefined => {
    for (let i = open.length - 1; i >= 0; i--) {
      const o = open[i]!;
      if (o.open && (!kind || o.run.type === kind) && (!name || o.run.name === name)) return o;
    }
    return undefined;
  };
  const openContainer = (): Inst | undefined => {
    for (let i = open.length - 1; i >= 0; i--) {
      const t = open[i]!.run.type;
      if (open[i]!.open && (t === 'Map' || t === 'Parallel')) return open[i];
    }
    return undefined;
  };
  const frameFromContainer = (c: Inst): { parentInst: Inst; parent: RunParent } => {
    const parent: RunParent = { runId: c.run.runId, name: c.run.name };
    if (c.run.type === 'Map') {
      let latest: number | undefined;
      if (c.lastIteration !== undefined && c.iterations.get(c.lastIteration)?.open) latest = c.lastIteration;
      else for (const it of c.iterations.values()) if (it.open) latest = it.index;
      if (latest !== undefined) parent.iteration = latest;
    }
    return { parentInst: c, parent };
  };

  /** Decides the parent of a run being entered now. */
  const frameOf = (e: Ev): { parentInst?: Inst; parent: RunParent | null } => {
    const p = prevOf(e);
    if (p) {
      if (p.type === 'MapIterationStarted' && p.owner) {
        const index = Number((details(p.raw) ?? {}).index);
        const parent: RunParent = { runId: p.owner.run.runId, name: p.owner.run.name };
        if (Number.isSafeInteger(index)) parent.iteration = index;
        return { parentInst: p.owner, parent };
      }
      if (p.type === 'ParallelStateStarted' && p.owner) {
        const par = p.owner;
        const parent: RunParent = { runId: par.run.runId, name: par.run.name, branch: par.branchCount++ };
        return { parentInst: par, parent };
      }
      const sibling = p.owner;
      if (sibling) {
        if (p === sibling.entered && (sibling.run.type === 'Map' || sibling.run.type === 'Parallel')) {
          return frameFromContainer(sibling);
        }
        return { parentInst: sibling.parentInst, parent: sibling.run.parent ? { ...sibling.run.parent } : null };
      }
    }
    if (e.prev === 0 && idsUsable && !openContainer()) return { parent: null };
    const c = openContainer();
    return c ? frameFromContainer(c) : { parent: null };
  };

  for (const e of events) {
    const d = details(e.raw) ?? {};
    const enteredType = stateTypeOf(e.type, 'StateEntered');
    const exitedType = stateTypeOf(e.type, 'StateExited');

    if (e.type.startsWith('Execution')) {
      const kind = e.type.slice('Execution'.length);
      if (kind === 'Started') {
        report.startMs ??= e.ms;
        if (report.input === undefined) report.input = decode(d.input);
      } else if (kind === 'Redriven') {
        const n = Number(d.redriveCount);
        redriveCount = Number.isSafeInteger(n) && n > 0 ? n : redriveCount + 1;
        const r: Redrive = { redriveCount };
        if (e.id !== undefined) r.eventId = e.id;
        if (e.ms !== undefined) r.atMs = e.ms;
        report.redrives.push(r);
        execEnd = undefined;
        report.status = 'running';
        delete report.error;
        delete report.cause;
        delete report.endMs;
      } else {
        const status: ExecutionStatus | undefined =
          kind === 'Succeeded'
            ? 'succeeded'
            : kind === 'Failed'
              ? 'failed'
              : kind === 'Aborted'
                ? 'aborted'
                : kind === 'TimedOut'
                  ? 'timed-out'
                  : undefined;
        if (!status) {
          problem(`Event ${e.id ?? e.seq}: unknown execution event type "${e.type}".`);
          continue;
        }
        execEnd = { kind: status, seq: e.seq };
        report.status = status;
        report.endMs = e.ms;
        if (status === 'succeeded') report.output = decode(d.output);
        const error = text(d.error);
        const cause = text(d.cause);
        if (error) report.error = error;
        if (cause) report.cause = cause;
        if (status !== 'succeeded') {
          // The run the failure came from (a Fail state, a Wait with a bad path) carries the error too.
          const culprit = chainOwner(prevOf(e), undefined);
          if (culprit?.failure && culprit.failure.error === undefined && error) {
            // MapStateFailed / ParallelStateFailed carry no error: the execution's failure names it.
            culprit.failure.error = error;
            if (cause) culprit.failure.cause = cause;
          } else if (culprit && !culprit.failure) {
            culprit.failure = {
              kind: status === 'timed-out' ? 'timed-out' : status === 'aborted' ? 'aborted' : 'failed',
              seq: e.seq,
              ...(error ? { error } : {}),
              ...(cause ? { cause } : {}),
            };
          }
        }
        for (const o of [...open]) if (o.open && !o.parentInst) close(o, true, e.ms, 'execution');
        for (const o of [...open]) if (o.open) close(o, true, e.ms, 'execution');
      }
      continue;
    }

    if (enteredType) {
      const name = typeof d.name === 'string' ? d.name : `(unnamed ${enteredType} #${e.id ?? e.seq})`;
      if (typeof d.name !== 'string') problem(`Event ${e.id ?? e.seq}: ${e.type} without a state name.`);
      const frame = frameOf(e);
      const run: StateRun = {
        runId: insts.length,
        name,
        type: enteredType,
        status: 'running',
        retries: 0,
        parent: frame.parent,
        redriveCount,
      };
      if (e.id !== undefined) run.enteredEventId = e.id;
      if (e.ms !== undefined) run.startMs = e.ms;
      if (d.input !== undefined) run.input = decode(d.input);
      if (isObject(d.inputDetails) && d.inputDetails.truncated === true) run.inputTruncated = true;
      const inst: Inst = {
        run,
        entered: e,
        open: true,
        closedWithoutExit: false,
        lastSuccessSeq: -1,
        scheduled: 0,
        iterations: new Map(),
        branchCount: 0,
        children: [],
      };
      if (frame.parentInst) {
        const p = frame.parentInst;
        inst.parentInst = p;
        p.children.push(inst);
        const it = frame.parent?.iteration;
        if (it !== undefined) {
          p.byIteration ??= new Map();
          const list = p.byIteration.get(it);
          if (list) list.push(inst);
          else p.byIteration.set(it, [inst]);
        }
      }
      e.owner = inst;
      insts.push(inst);
      open.push(inst);
      continue;
    }

    if (exitedType) {
      const name = typeof d.name === 'string' ? d.name : undefined;
      const inst = chainOwner(prevOf(e), exitedType, name) ?? innermostOpen(exitedType, name);
      if (!inst) {
        problem(`Event ${e.id ?? e.seq}: ${e.type} for "${name ?? '?'}" which was not entered.`);
        continue;
      }
      e.owner = inst;
      const run = inst.run;
      if (e.id !== undefined) run.exitedEventId = e.id;
      if (e.ms !== undefined) run.endMs = e.ms;
      if (d.output !== undefined) run.output = decode(d.output);
      if (isObject(d.outputDetails) && d.outputDetails.truncated === true) run.outputTruncated = true;
      close(inst, false, e.ms);
      continue;
    }

    // Events inside a state: Task*/Lambda*/Activity*, Map*/MapIteration*/MapRun*, Parallel*, Wait*, EvaluationFailed.
    const kind = ownerKind(e.type);
    const wantedName = e.type.startsWith('MapIteration') && typeof d.name === 'string' ? d.name : undefined;
    const isStateAbort = /StateAborted$/.test(e.type);
    // An evaluation failure shares its link with the state just entered (both follow the previous exit).
    const justEntered =
      kind === undefined && e.prev !== undefined && e.prev > 0
        ? (() => {
            for (let i = open.length - 1; i >= 0; i--) {
              const o = open[i]!;
              if (o.open && o.entered.prev === e.prev && o.entered.seq < e.seq) return o;
            }
            return undefined;
          })()
        : undefined;
    const inst =
      justEntered ??
      chainOwner(prevOf(e), kind, wantedName) ??
      // An abort names no state and links to the failure that caused it: the oldest unfinished run of its kind.
      // Prefer one still running without a failure of its own (a branch stopped because another failed).
      (isStateAbort && kind ? abortCandidate(kind) : undefined) ??
      innermostOpen(kind, wantedName) ??
      (kind ? undefined : innermostOpen());
    if (!inst) {
      if (e.id === undefined) unplaced++;
      else problem(`Event ${e.id}: ${e.type} outside any open state.`);
      continue;
    }
    if (isStateAbort) inst.abortSeen = true;
    e.owner = inst;
    const run = inst.run;

    if (e.type.startsWith('MapIteration')) {
      const index = Number(d.index);
      if (!Number.isSafeInteger(index)) {
        problem(`Event ${e.id ?? e.seq}: ${e.type} without an iteration index.`);
        continue;
      }
      let it = inst.iterations.get(index);
      if (!it) {
        it = { index, status: 'running', open: true };
        inst.iterations.set(index, it);
      }
      const what = e.type.slice('MapIteration'.length);
      if (what === 'Started') {
        if (e.ms !== undefined) it.startMs = e.ms;
        inst.lastIteration = index;
      } else {
        it.status = what === 'Succeeded' ? 'succeeded' : what === 'Failed' ? 'failed' : 'aborted';
        it.open = false;
        if (e.ms !== undefined) it.endMs = e.ms;
        // Whatever was still open in this iteration ended with it.
        for (const o of inst.byIteration?.get(index) ?? []) if (o.open) close(o, true, e.ms);
      }
      continue;
    }
    if (e.type === 'MapStateStarted') {
      const n = Number(d.length);
      if (Number.isSafeInteger(n)) run.itemCount = n;
      continue;
    }
    if (e.type.startsWith('MapRun')) {
      const what = e.type.slice('MapRun'.length);
      if (what === 'Started' && typeof d.mapRunArn === 'string') run.mapRunArn = d.mapRunArn;
      else if (what === 'Succeeded') run.mapRunStatus = 'succeeded';
      else if (what === 'Failed') run.mapRunStatus = 'failed';
      else if (what === 'Aborted') run.mapRunStatus = 'aborted';
      else if (what === 'Redriven') run.mapRunStatus = 'running';
      if (what === 'Started') run.mapRunStatus = 'running';
      if (what === 'Failed' || what === 'Aborted') {
        const error = text(d.error);
        const cause = text(d.cause);
        if (error) run.error = error;
        if (cause) run.cause = cause;
      }
      continue;
    }
    if (/^(Task|Activity|LambdaFunction)Scheduled$/.test(e.type)) {
      inst.scheduled++;
      continue;
    }
    if (e.type.endsWith('Succeeded')) {
      inst.lastSuccessSeq = e.seq;
      continue;
    }
    const fk = failureKind(e.type);
    if (fk) {
      const error = text(d.error) ?? (fk === 'timed-out' ? 'States.Timeout' : undefined);
      const cause = text(d.cause);
      // An abort that follows the run's own failure does not hide that failure.
      if (!(fk === 'aborted' && inst.failure)) {
        inst.failure = { kind: fk, seq: e.seq, ...(error ? { error } : {}), ...(cause ? { cause } : {}) };
      }
      if (fk === 'aborted') close(inst, true, e.ms);
      continue;
    }
    // TaskStarted, TaskSubmitted, ActivityStarted, ParallelStateStarted, MapStateStarted handled, … nothing to add.
  }

  if (unplaced) problem(`${unplaced} event(s) without an id could not be placed in a state.`);

  // Final statuses.
  const execFinished = execEnd !== undefined;
  for (const inst of insts) {
    const run = inst.run;
    run.retries = Math.max(0, inst.scheduled - 1);
    const f = inst.failure;
    if (run.exitedEventId !== undefined || (!inst.open && !inst.closedWithoutExit)) {
      run.status = f && f.seq > inst.lastSuccessSeq ? 'caught' : 'succeeded';
    } else if (f) {
      run.status = f.kind;
    } else if (run.type === 'Fail') {
      run.status = 'failed';
    } else if (inst.open && !execFinished) {
      run.status = 'running';
    } else if (inst.closedBy === 'parent' && idsUsable) {
      // Its Parallel/Map (or iteration) ended while it had not: it was stopped. (Without usable ids a missing
      // Exited event is more likely lost in normalisation, so the execution's outcome decides below.)
      run.status = 'aborted';
    } else if (execEnd && execEnd.kind === 'succeeded') {
      run.status = 'succeeded';
    } else if (execEnd) {
      run.status = execEnd.kind === 'timed-out' ? 'timed-out' : 'aborted';
    } else {
      // Closed by its iteration or parent ending, while the execution goes on.
      run.status = 'aborted';
    }
    // A failure that a retry got past is not the run's error.
    if (run.status !== 'succeeded' && run.status !== 'running') {
      if (f?.error && run.error === undefined) run.error = f.error;
      if (f?.cause && run.cause === undefined) run.cause = f.cause;
    }
    if (run.startMs !== undefined && run.endMs !== undefined && run.endMs >= run.startMs) {
      run.durationMs = run.endMs - run.startMs;
    }
    if (run.type === 'Map' && inst.iterations.size) {
      run.iterations = [...inst.iterations.values()]
        .sort((a, b) => a.index - b.index)
        .map(({ open: stillOpen, ...it }) => {
          const out: MapIteration = { ...it };
          if (stillOpen)
            out.status = execFinished ? (execEnd!.kind === 'succeeded' ? 'succeeded' : 'aborted') : 'running';
          if (it.startMs !== undefined && it.endMs !== undefined && it.endMs >= it.startMs) {
            out.durationMs = it.endMs - it.startMs;
          }
          return out;
        });
    }
    if (run.type === 'Parallel' && inst.branchCount) run.branches = inst.branchCount;
    report.runs.push(run);
  }

  // A caught Parallel or Map failed because a branch or an iteration did, and ParallelStateFailed /
  // MapStateFailed carry no error: name the error of the last failed run inside it (innermost first).
  const runById = new Map(report.runs.map((r) => [r.runId, r]));
  for (let i = report.runs.length - 1; i >= 0; i--) {
    const run = report.runs[i]!;
    if (run.status !== 'caught' || run.error !== undefined || (run.type !== 'Parallel' && run.type !== 'Map')) continue;
    for (let j = report.runs.length - 1; j > i; j--) {
      const child = report.runs[j]!;
      if (child.error === undefined || child.status === 'succeeded' || child.status === 'running') continue;
      let p = child.parent;
      for (let depth = 0; p && p.runId !== run.runId && depth < 64; depth++) p = runById.get(p.runId)?.parent ?? null;
      if (!p) continue;
      run.error = child.error;
      if (child.cause !== undefined) run.cause = child.cause;
      break;
    }
    // A Fail state inside records no error in the history: the Catch put it in the output (its ResultPath), as
    // `{"Error": …, "Cause": …}`; take it from there (at most two levels down).
    if (run.error === undefined) {
      const caughtBy = catchResult(typeof run.output === 'string' ? parseJson(run.output) : run.output, 0);
      if (caughtBy) {
        run.error = caughtBy.error;
        if (caughtBy.cause !== undefined) run.cause = caughtBy.cause;
      }
    }
  }

  if (report.startMs !== undefined && report.endMs !== undefined && report.endMs >= report.startMs) {
    report.durationMs = report.endMs - report.startMs;
  }
  if (!execFinished) delete report.endMs;
  report.states = summarize(report.runs, redriveCount);
  return report;
}
