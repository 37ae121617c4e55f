/**
 * Builds the per-state report from the events of one execution history, in named steps: index the events (order,
 * duplicates), read them one by one (execution events, a state entered, a state exited, events inside a state:
 * Map iterations, map runs, task attempts, failures), then finish each run and summarise per state.
 */
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
import { finishRun, nameCaughtContainerErrors, type ExecutionEnd } from './finish.ts';
import { Runs, type Ev, type FailureKind, type Inst } from './runs.ts';
import { summarize } from './summary.ts';
import type { ExecutionReport, ExecutionStatus, Redrive, StateRun } from './types.ts';

type Details = Record<string, unknown>;

const MAX_PROBLEMS = 50;

const EXECUTION_END: Record<string, ExecutionStatus> = {
  Succeeded: 'succeeded',
  Failed: 'failed',
  Aborted: 'aborted',
  TimedOut: 'timed-out',
};

interface IndexedEvents {
  events: Ev[];
  byId: Map<number, Ev>;
  /** Every event has a numeric id: the history is sorted by id and its links can be trusted. */
  idsUsable: boolean;
}

/** Normalises the raw events, drops duplicates (overlapping pages) and sorts by id when ids are usable. */
function indexEvents(rawEvents: Record<string, unknown>[], problem: (m: string) => void): IndexedEvents {
  const all: Ev[] = rawEvents.map((raw, i) => ({
    seq: i,
    id: Number.isSafeInteger(raw.id) ? (raw.id as number) : undefined,
    prev: Number.isSafeInteger(raw.previousEventId) ? (raw.previousEventId as number) : undefined,
    type: raw.type as string,
    ms: timestampMs(raw.timestamp),
    raw,
  }));
  const byId = new Map<number, Ev>();
  const events: Ev[] = [];
  let idsUsable = true;
  for (const e of all) {
    if (e.id === undefined) idsUsable = false;
    else if (byId.has(e.id)) continue;
    else byId.set(e.id, e);
    events.push(e);
  }
  if (events.length !== all.length) problem(`${all.length - events.length} duplicate event id(s) ignored.`);
  if (idsUsable) events.sort((a, b) => a.id! - b.id!);
  else if (events.length) problem('Some events have no numeric id: their order and links were taken as given.');
  events.forEach((e, i) => (e.seq = i));
  return { events, byId, idsUsable };
}

function eventRef(e: Ev): number {
  return e.id ?? e.seq;
}

/** Reads the events in order into runs and the execution's own fields of the report. */
class HistoryReader {
  readonly report: ExecutionReport;
  readonly runs: Runs;
  redriveCount = 0;
  execEnd: ExecutionEnd | undefined;
  private unplaced = 0;

  constructor(
    private readonly indexed: IndexedEvents,
    private readonly problem: (m: string) => void,
    problems: string[],
  ) {
    this.report = {
      status: 'running',
      eventCount: indexed.events.length,
      redrives: [],
      runs: [],
      states: {},
      problems,
    };
    this.runs = new Runs(indexed.byId);
  }

  readAll(): void {
    for (const e of this.indexed.events) this.read(e);
    if (this.unplaced) this.problem(`${this.unplaced} event(s) without an id could not be placed in a state.`);
  }

  private read(e: Ev): void {
    const d = details(e.raw) ?? {};
    if (e.type.startsWith('Execution')) return this.onExecutionEvent(e, d);
    const enteredType = stateTypeOf(e.type, 'StateEntered');
    if (enteredType) return this.onStateEntered(e, d, enteredType);
    const exitedType = stateTypeOf(e.type, 'StateExited');
    if (exitedType) return this.onStateExited(e, d, exitedType);
    this.onEventInState(e, d);
  }

  // ----- Execution events -----

  private onExecutionEvent(e: Ev, d: Details): void {
    const kind = e.type.slice('Execution'.length);
    if (kind === 'Started') {
      this.report.startMs ??= e.ms;
      if (this.report.input === undefined) this.report.input = decode(d.input);
      return;
    }
    if (kind === 'Redriven') return this.onRedrive(e, d);
    const status = Object.prototype.hasOwnProperty.call(EXECUTION_END, kind) ? EXECUTION_END[kind] : undefined;
    if (!status) return this.problem(`Event ${eventRef(e)}: unknown execution event type "${e.type}".`);
    this.onExecutionEnd(e, d, status);
  }

  private onRedrive(e: Ev, d: Details): void {
    const n = Number(d.redriveCount);
    this.redriveCount = Number.isSafeInteger(n) && n > 0 ? n : this.redriveCount + 1;
    const r: Redrive = { redriveCount: this.redriveCount };
    if (e.id !== undefined) r.eventId = e.id;
    if (e.ms !== undefined) r.atMs = e.ms;
    const report = this.report;
    report.redrives.push(r);
    this.execEnd = undefined;
    report.status = 'running';
    delete report.error;
    delete report.cause;
    delete report.endMs;
  }

  private onExecutionEnd(e: Ev, d: Details, status: ExecutionStatus): void {
    const report = this.report;
    this.execEnd = { kind: status, seq: e.seq };
    report.status = status;
    report.endMs = e.ms;
    if (status === 'succeeded') report.output = decode(d.output);
    const error = text(d.error);
    const cause = text(d.cause);
    if (error) report.error = error;
    if (cause) report.cause = cause;
    if (status !== 'succeeded') this.blameCulprit(e, status, error, cause);
    this.runs.closeAll(e.ms);
  }

  /** The run the execution's failure came from (a Fail state, a Wait with a bad path) carries the error too. */
  private blameCulprit(e: Ev, status: ExecutionStatus, error?: string, cause?: string): void {
    const culprit = this.runs.chainOwner(this.runs.prevOf(e), undefined);
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

  // ----- A state entered or exited -----

  private onStateEntered(e: Ev, d: Details, type: StateType): void {
    const name = typeof d.name === 'string' ? d.name : `(unnamed ${type} #${eventRef(e)})`;
    if (typeof d.name !== 'string') this.problem(`Event ${eventRef(e)}: ${e.type} without a state name.`);
    const frame = this.runs.frameOf(e);
    const run: StateRun = {
      runId: this.runs.all.length,
      name,
      type,
      status: 'running',
      retries: 0,
      parent: frame.parent,
      redriveCount: this.redriveCount,
    };
    if (e.id !== undefined) run.enteredEventId = e.id;
    if (e.ms !== undefined) run.startMs = e.ms;
    if (d.input !== undefined) run.input = decode(d.input);
    if (isObject(d.inputDetails) && d.inputDetails.truncated === true) run.inputTruncated = true;
    this.runs.enter(e, run, frame);
  }

  private onStateExited(e: Ev, d: Details, type: StateType): void {
    const name = typeof d.name === 'string' ? d.name : undefined;
    const inst = this.runs.chainOwner(this.runs.prevOf(e), type, name) ?? this.runs.innermostOpen(type, name);
    if (!inst) return this.problem(`Event ${eventRef(e)}: ${e.type} for "${name ?? '?'}" which was not entered.`);
    e.owner = inst;
    const run = inst.run;
    if (e.id !== undefined) run.exitedEventId = e.id;
    if (e.ms !== undefined) run.endMs = e.ms;
    if (d.output !== undefined) run.output = decode(d.output);
    if (isObject(d.outputDetails) && d.outputDetails.truncated === true) run.outputTruncated = true;
    this.runs.close(inst, false, e.ms);
  }

  // ----- Events inside a state: Task*/Lambda*/Activity*, Map*/MapIteration*/MapRun*, Parallel*, Wait*, … -----

  /** The run an event inside a state belongs to. */
  private ownerOf(e: Ev, d: Details, isStateAbort: boolean): Inst | undefined {
    const runs = this.runs;
    const kind = ownerKind(e.type);
    const wantedName = e.type.startsWith('MapIteration') && typeof d.name === 'string' ? d.name : undefined;
    // An evaluation failure shares its link with the state just entered (both follow the previous exit).
    const justEntered =
      kind === undefined && e.prev !== undefined && e.prev > 0 ? runs.enteredWithSameLink(e) : undefined;
    return (
      justEntered ??
      runs.chainOwner(runs.prevOf(e), kind, wantedName) ??
      // An abort names no state and links to the failure that caused it: the oldest unfinished run of its kind.
      // Prefer one still running without a failure of its own (a branch stopped because another failed).
      (isStateAbort && kind ? runs.abortCandidate(kind) : undefined) ??
      runs.innermostOpen(kind, wantedName) ??
      (kind ? undefined : runs.innermostOpen())
    );
  }

  private onEventInState(e: Ev, d: Details): void {
    const isStateAbort = /StateAborted$/.test(e.type);
    const inst = this.ownerOf(e, d, isStateAbort);
    if (!inst) {
      if (e.id === undefined) this.unplaced++;
      else this.problem(`Event ${e.id}: ${e.type} outside any open state.`);
      return;
    }
    if (isStateAbort) inst.abortSeen = true;
    e.owner = inst;
    if (e.type.startsWith('MapIteration')) return this.onMapIteration(e, d, inst);
    if (e.type === 'MapStateStarted') {
      const n = Number(d.length);
      if (Number.isSafeInteger(n)) inst.run.itemCount = n;
      return;
    }
    if (e.type.startsWith('MapRun')) return onMapRun(e.type.slice('MapRun'.length), d, inst.run);
    if (/^(Task|Activity|LambdaFunction)Scheduled$/.test(e.type)) {
      inst.scheduled++;
      return;
    }
    if (e.type.endsWith('Succeeded')) {
      inst.lastSuccessSeq = e.seq;
      return;
    }
    const fk = failureKind(e.type);
    if (fk) this.onAttemptFailure(e, d, inst, fk);
    // TaskStarted, TaskSubmitted, ActivityStarted, ParallelStateStarted, … nothing to add.
  }

  private onMapIteration(e: Ev, d: Details, inst: Inst): void {
    const index = Number(d.index);
    if (!Number.isSafeInteger(index))
      return this.problem(`Event ${eventRef(e)}: ${e.type} without an iteration index.`);
    let it = inst.iterations.get(index);
    if (!it) {
      it = { index, status: 'running', open: true };
      inst.iterations.set(index, it);
    }
    const what = e.type.slice('MapIteration'.length);
    if (what === 'Started') {
      if (e.ms !== undefined) it.startMs = e.ms;
      inst.lastIteration = index;
      return;
    }
    it.status = what === 'Succeeded' ? 'succeeded' : what === 'Failed' ? 'failed' : 'aborted';
    it.open = false;
    if (e.ms !== undefined) it.endMs = e.ms;
    // Whatever was still open in this iteration ended with it.
    for (const o of inst.byIteration?.get(index) ?? []) if (o.open) this.runs.close(o, true, e.ms);
  }

  /** A failure, time-out or abort of the state or of one attempt of its task (a retry may still succeed). */
  private onAttemptFailure(e: Ev, d: Details, inst: Inst, fk: FailureKind): void {
    const error = text(d.error) ?? (fk === 'timed-out' ? 'States.Timeout' : undefined);
    const cause = text(d.cause);
    // An abort that follows the run's own failure does not hide that failure.
    if (!(fk === 'aborted' && inst.failure)) {
      inst.failure = { kind: fk, seq: e.seq, ...(error ? { error } : {}), ...(cause ? { cause } : {}) };
    }
    if (fk === 'aborted') this.runs.close(inst, true, e.ms);
  }
}

/** A distributed Map's map run: its ARN, status and error (`what` is the event type after "MapRun"). */
function onMapRun(what: string, d: Details, run: StateRun): void {
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
}

/**
 * Builds the per-state report from a history (see `collectEvents` for accepted shapes). Throws `HistoryError`
 * only when the input is not a history.
 */
export function analyzeHistory(input: unknown): ExecutionReport {
  const rawEvents = collectEvents(input);
  const problems: string[] = [];
  const problem = (m: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(m);
  };
  const indexed = indexEvents(rawEvents, problem);
  const reader = new HistoryReader(indexed, problem, problems);
  reader.readAll();

  const { report, execEnd } = reader;
  for (const inst of reader.runs.all) report.runs.push(finishRun(inst, execEnd, indexed.idsUsable));
  nameCaughtContainerErrors(report.runs);
  if (report.startMs !== undefined && report.endMs !== undefined && report.endMs >= report.startMs) {
    report.durationMs = report.endMs - report.startMs;
  }
  if (!execEnd) delete report.endMs;
  report.states = summarize(report.runs, reader.redriveCount);
  return report;
}
