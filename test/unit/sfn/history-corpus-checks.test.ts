/**
 * Every history of the corpus (test/corpus/sfn-history: GetExecutionHistory responses recorded by LocalStack's
 * snapshot tests against AWS) checked against its own events, read here directly and independently of the analysis:
 * - the execution's status, error, cause, input and output come from its last Execution* event (the
 *   `HistoryEvent` types ExecutionSucceeded | ExecutionFailed | ExecutionAborted | ExecutionTimedOut and their
 *   `execution…EventDetails`, GetExecutionHistory API reference);
 * - one run per `<Type>StateEntered` event, in id order, with its name, type, event id and input; every
 *   `<Type>StateExited` event closes the run of the same name and type, which then ended (succeeded or caught);
 * - `previousEventId` is the cause link: a state entered right after MapIterationStarted runs in that iteration,
 *   one entered right after ParallelStateStarted in a branch of that Parallel;
 * - retries: the *Scheduled events whose links lead back to the run's Entered event, less the first;
 * - Map: `mapStateStartedEventDetails.length` is the item count, the MapIteration* events name the iterations and
 *   how each ended, MapRunStarted carries the map run's ARN.
 * The whole corpus takes about a second, so the mutation run uses this file (see test/MUTATION.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHistory, findHistories, type ExecutionReport } from '../../../shared/sfn/history.ts';
import { CORPUS } from '../../support/corpus.ts';

type Event = Record<string, unknown> & { id: number; previousEventId?: number; type: string };

const dir = path.join(CORPUS, 'sfn-history');

function histories(): { file: string; events: Event[] }[] {
  const out: { file: string; events: Event[] }[] = [];
  for (const sub of ['localstack-extracted', 'localstack'])
    for (const f of fs.readdirSync(path.join(dir, sub)).sort()) {
      const json: unknown = JSON.parse(fs.readFileSync(path.join(dir, sub, f), 'utf8'));
      findHistories(json).forEach(({ pointer, history }, i) =>
        out.push({ file: `${sub}/${f}#${i}${pointer}`, events: history.events as Event[] }),
      );
    }
  return out;
}

const detailsOf = (e: Event): Record<string, unknown> => {
  for (const [k, v] of Object.entries(e))
    if (k.endsWith('EventDetails') && v && typeof v === 'object') return v as never;
  return {};
};
const parsed = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};
const END: Record<string, string> = {
  ExecutionSucceeded: 'succeeded',
  ExecutionFailed: 'failed',
  ExecutionAborted: 'aborted',
  ExecutionTimedOut: 'timed-out',
};

/** Follows `previousEventId` from `e` to the first *StateEntered event (the state the event happened in). */
function enteredOf(e: Event, byId: Map<number, Event>): Event | undefined {
  let cur: Event | undefined = e;
  for (let steps = 0; cur && steps < 1000; steps++) {
    cur = cur.previousEventId ? byId.get(cur.previousEventId) : undefined;
    if (cur?.type.endsWith('StateEntered')) return cur;
  }
  return undefined;
}

function check(file: string, events: Event[], r: ExecutionReport): void {
  // Snapshot files normalise some ids away (`"id": [0]`): then order and links are as given, and unchecked here.
  const usable = events.every((e) => Number.isSafeInteger(e.id));
  const sorted = usable ? [...new Map(events.map((e) => [e.id, e])).values()].sort((a, b) => a.id - b.id) : events;
  const byId = new Map(sorted.map((e) => [e.id, e]));
  expect(r.eventCount, file).toBe(sorted.length);

  // The execution.
  const ends = sorted.filter((e) => END[e.type] !== undefined);
  const last = ends[ends.length - 1];
  expect(r.status, file).toBe(last ? END[last.type] : 'running');
  const started = sorted.find((e) => e.type === 'ExecutionStarted');
  if (started) expect(r.input, file).toEqual(parsed(detailsOf(started).input));
  if (last) {
    const d = detailsOf(last);
    if (typeof d.error === 'string' && d.error) expect(r.error, file).toBe(d.error);
    if (typeof d.cause === 'string' && d.cause) expect(r.cause, file).toBe(d.cause);
    if (last.type === 'ExecutionSucceeded') expect(r.output, file).toEqual(parsed(d.output));
    else expect(r.output, file).toBeUndefined();
  } else {
    expect(r.error, file).toBeUndefined();
  }
  expect(r.redrives, file).toEqual([]);

  // One run per Entered event, in order.
  const entered = sorted.filter((e) => e.type.endsWith('StateEntered'));
  expect(r.runs.length, file).toBe(entered.length);
  entered.forEach((e, i) => {
    const run = r.runs[i]!;
    const d = detailsOf(e);
    expect([run.runId, run.name, run.type], file).toEqual([i, d.name, e.type.slice(0, -'StateEntered'.length)]);
    // The event's id when it is a number (even in a history whose other ids were normalised away).
    expect(run.enteredEventId, file).toBe(Number.isSafeInteger(e.id) ? e.id : undefined);
    if (d.input !== undefined) expect(run.input, `${file} ${run.name}`).toEqual(parsed(d.input));
    expect(run.redriveCount).toBe(0);
    if (!usable) return;
    // The cause link decides the parent.
    const cause = e.previousEventId ? byId.get(e.previousEventId) : undefined;
    // mapIterationStartedEventDetails: the name of the iteration's Map state and the iteration's index.
    if (cause?.type === 'MapIterationStarted')
      expect(run.parent, `${file} ${run.name}`).toMatchObject({
        name: detailsOf(cause).name,
        iteration: detailsOf(cause).index,
      });
    // ParallelStateStarted follows its Entered event (a retried Parallel starts again after a failure inside).
    const owner = cause?.type === 'ParallelStateStarted' ? byId.get(cause.previousEventId ?? 0) : undefined;
    if (owner?.type === 'ParallelStateEntered') {
      expect(run.parent?.name, `${file} ${run.name}`).toBe(detailsOf(owner).name);
      expect(run.parent?.branch, `${file} ${run.name}`).toEqual(expect.any(Number));
      expect(r.runs[run.parent!.runId]!.enteredEventId).toBe(owner.id);
    }
    if (!cause || cause.type === 'ExecutionStarted') expect(run.parent, `${file} ${run.name}`).toBeNull();
  });

  if (!usable) return;
  // Every Exited event closes one run of the same name and type, which ended.
  for (const e of sorted.filter((x) => x.type.endsWith('StateExited'))) {
    const owners = r.runs.filter((x) => x.exitedEventId === e.id);
    expect(owners.length, `${file} event ${e.id}`).toBe(1);
    const run = owners[0]!;
    const d = detailsOf(e);
    expect([run.name, run.type], file).toEqual([d.name, e.type.slice(0, -'StateExited'.length)]);
    expect(['succeeded', 'caught'], `${file} ${run.name}`).toContain(run.status);
    if (d.output !== undefined) expect(run.output, `${file} ${run.name}`).toEqual(parsed(d.output));
    expect(run.exitedEventId! > run.enteredEventId!, file).toBe(true);
  }
  // A run without its Exited event did not end well, or is still running when the execution is.
  for (const run of r.runs.filter((x) => x.exitedEventId === undefined)) {
    if (run.type === 'Fail') expect(run.status, `${file} ${run.name}`).toBe('failed');
    else if (last) expect(['failed', 'aborted', 'timed-out', 'caught'], `${file} ${run.name}`).toContain(run.status);
    else expect(run.status, `${file} ${run.name}`).toBe('running');
  }

  // Retries, item counts, iterations, map runs.
  const owned = (type: RegExp) => {
    const counts = new Map<number, Event[]>();
    for (const e of sorted.filter((x) => type.test(x.type))) {
      const owner = enteredOf(e, byId);
      if (owner) counts.set(owner.id, [...(counts.get(owner.id) ?? []), e]);
    }
    return counts;
  };
  const scheduled = owned(/^(Task|Activity|LambdaFunction)Scheduled$/);
  // A Map's first MapStateStarted follows its Entered event (a retried Map starts again after a failure inside).
  const mapStarted = new Map(
    sorted
      .filter((e) => e.type === 'MapStateStarted' && byId.get(e.previousEventId ?? 0)?.type === 'MapStateEntered')
      .map((e) => [e.previousEventId!, [e]]),
  );
  const mapRunStarted = owned(/^MapRunStarted$/);
  // Iterations by the Map's name (their details name it), for Maps entered once.
  const mapNames = r.runs.filter((x) => x.type === 'Map').map((x) => x.name);
  const iterationEvents = new Map<number, Event[]>();
  for (const run of r.runs.filter((x) => x.type === 'Map' && mapNames.filter((n) => n === x.name).length === 1))
    iterationEvents.set(
      run.enteredEventId!,
      sorted.filter((e) => e.type.startsWith('MapIteration') && detailsOf(e).name === run.name),
    );
  for (const run of r.runs) {
    const where = `${file} ${run.name}`;
    const id = run.enteredEventId!;
    if (run.type === 'Task') expect(run.retries, where).toBe(Math.max(0, (scheduled.get(id)?.length ?? 0) - 1));
    else expect(run.retries, where).toBe(0);
    const ms = mapStarted.get(id);
    if (ms) expect(run.itemCount, where).toBe(detailsOf(ms[0]!).length);
    const mr = mapRunStarted.get(id);
    if (mr) expect(run.mapRunArn, where).toBe(detailsOf(mr[0]!).mapRunArn);
    const its = iterationEvents.get(id);
    if (its?.length) {
      const indices = [...new Set(its.map((e) => detailsOf(e).index as number))].sort((a, b) => a - b);
      expect(
        run.iterations?.map((it) => it.index),
        where,
      ).toEqual(indices);
      for (const e of its.filter((x) => x.type !== 'MapIterationStarted')) {
        const it = run.iterations!.find((x) => x.index === detailsOf(e).index)!;
        expect(it.status, where).toBe(e.type.slice('MapIteration'.length).toLowerCase());
      }
    }
  }

  // The summary per state name.
  const names = new Set(r.runs.map((x) => x.name));
  expect(Object.keys(r.states).sort(), file).toEqual([...names].sort());
  for (const name of names) {
    const runs = r.runs.filter((x) => x.name === name);
    expect(r.states[name], `${file} ${name}`).toMatchObject({
      name,
      runs: runs.length,
      retries: runs.reduce((n, x) => n + x.retries, 0),
      type: runs[runs.length - 1]!.type,
    });
  }
}

describe('every corpus history against its own events', () => {
  it('agrees on the execution, every run, every exit, the links, retries and Map iterations', () => {
    const all = histories();
    expect(all).toHaveLength(590 + 704);
    let runs = 0;
    let retried = 0;
    let iterated = 0;
    for (const { file, events } of all) {
      const r = analyzeHistory({ events });
      check(file, events, r);
      runs += r.runs.length;
      retried += r.runs.filter((x) => x.retries > 0).length;
      iterated += r.runs.filter((x) => x.iterations?.length).length;
    }
    console.log(
      `${all.length} histories, ${runs} runs agree (${retried} with retries, ${iterated} Map runs with iterations)`,
    );
    expect(retried).toBeGreaterThan(10);
    expect(iterated).toBeGreaterThan(20);
  });
});
