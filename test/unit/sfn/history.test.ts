import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GraphState, StateGraph, StateType } from '../../../shared/asl/types.ts';
import {
  HistoryError,
  analyzeHistory,
  applyExecution,
  executionOverlay,
  findHistories,
  timestampMs,
  type RunStatus,
} from '../../../shared/sfn/history.ts';
import { CORPUS } from '../../support/corpus.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const fixtures = path.join(repo, 'test/fixtures/sfn');
const corpus = CORPUS;
const historyDir = path.join(corpus, 'sfn-history');

const load = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
type Ts = (ms: number) => unknown;
const iso: Ts = (ms) => new Date(T0 + ms).toISOString();
const epoch: Ts = (ms) => (T0 + ms) / 1000;

/** An execution with retry, interleaved Map iterations, Parallel branches, a failure and a redrive. */
function syntheticHistory(ts: Ts = iso): Record<string, unknown>[] {
  const rows: [number, number, string, number, Record<string, unknown>?][] = [
    [1, 0, 'ExecutionStarted', 0, { executionStartedEventDetails: { input: '{"items":[1,2]}' } }],
    [2, 0, 'TaskStateEntered', 100, { stateEnteredEventDetails: { name: 'Fetch', input: '{"items":[1,2]}' } }],
    [3, 2, 'TaskScheduled', 110],
    [4, 3, 'TaskStarted', 120],
    [5, 4, 'TaskFailed', 300, { taskFailedEventDetails: { error: 'Lambda.ServiceException', cause: 'flaky' } }],
    [6, 5, 'TaskScheduled', 500],
    [7, 6, 'TaskStarted', 510],
    [8, 7, 'TaskSucceeded', 990],
    [9, 8, 'TaskStateExited', 1000, { stateExitedEventDetails: { name: 'Fetch', output: '[1,2]' } }],
    [10, 9, 'MapStateEntered', 1000, { stateEnteredEventDetails: { name: 'Each', input: '[1,2]' } }],
    [11, 10, 'MapStateStarted', 1001, { mapStateStartedEventDetails: { length: 2 } }],
    [12, 11, 'MapIterationStarted', 1002, { mapIterationStartedEventDetails: { name: 'Each', index: 0 } }],
    [13, 11, 'MapIterationStarted', 1002, { mapIterationStartedEventDetails: { name: 'Each', index: 1 } }],
    [14, 12, 'PassStateEntered', 1010, { stateEnteredEventDetails: { name: 'Shape', input: '1' } }],
    [15, 13, 'PassStateEntered', 1020, { stateEnteredEventDetails: { name: 'Shape', input: '2' } }],
    [16, 15, 'PassStateExited', 1030, { stateExitedEventDetails: { name: 'Shape', output: '{"n":2}' } }],
    [17, 14, 'PassStateExited', 1510, { stateExitedEventDetails: { name: 'Shape', output: '{"n":1}' } }],
    [18, 17, 'MapIterationSucceeded', 1520, { mapIterationSucceededEventDetails: { name: 'Each', index: 0 } }],
    [19, 16, 'MapIterationSucceeded', 1040, { mapIterationSucceededEventDetails: { name: 'Each', index: 1 } }],
    [20, 19, 'MapStateSucceeded', 1600],
    [21, 19, 'MapStateExited', 1600, { stateExitedEventDetails: { name: 'Each', output: '[]' } }],
    [22, 21, 'ParallelStateEntered', 2000, { stateEnteredEventDetails: { name: 'Both', input: '{}' } }],
    [23, 22, 'ParallelStateStarted', 2000],
    [24, 23, 'WaitStateEntered', 2010, { stateEnteredEventDetails: { name: 'Pause', input: '{}' } }],
    [25, 23, 'TaskStateEntered', 2010, { stateEnteredEventDetails: { name: 'Notify', input: '{}' } }],
    [26, 25, 'TaskScheduled', 2020],
    [27, 26, 'TaskFailed', 2500, { taskFailedEventDetails: { error: 'Boom', cause: 'topic gone' } }],
    [28, 24, 'WaitStateExited', 3010, { stateExitedEventDetails: { name: 'Pause', output: '{}' } }],
    [29, 27, 'ParallelStateFailed', 3020],
    [30, 29, 'ExecutionFailed', 3030, { executionFailedEventDetails: { error: 'Boom', cause: 'topic gone' } }],
    [31, 30, 'ExecutionRedriven', 60_000, { executionRedrivenEventDetails: { redriveCount: 1 } }],
    [32, 31, 'ParallelStateEntered', 60_000, { stateEnteredEventDetails: { name: 'Both', input: '{}' } }],
    [33, 32, 'ParallelStateStarted', 60_001],
    [34, 33, 'WaitStateEntered', 60_010, { stateEnteredEventDetails: { name: 'Pause', input: '{}' } }],
    [35, 33, 'TaskStateEntered', 60_010, { stateEnteredEventDetails: { name: 'Notify', input: '{}' } }],
    [36, 35, 'TaskScheduled', 60_020],
    [37, 36, 'TaskSucceeded', 60_200],
    [38, 37, 'TaskStateExited', 60_210, { stateExitedEventDetails: { name: 'Notify', output: '{}' } }],
    [39, 34, 'WaitStateExited', 61_010, { stateExitedEventDetails: { name: 'Pause', output: '{}' } }],
    [40, 39, 'ParallelStateSucceeded', 61_020],
    [41, 39, 'ParallelStateExited', 61_020, { stateExitedEventDetails: { name: 'Both', output: '[{},{}]' } }],
    [42, 41, 'ExecutionSucceeded', 61_030, { executionSucceededEventDetails: { output: '{"done":true}' } }],
  ];
  return rows.map(([id, previousEventId, type, ms, extra]) => ({
    id,
    previousEventId,
    type,
    timestamp: ts(ms),
    ...(extra ?? {}),
  }));
}

function graph(states: [string, StateType][]): StateGraph {
  const gs: GraphState[] = states.map(([name, type], i) => ({
    id: name,
    name,
    type,
    parent: null,
    branch: null,
    depth: 0,
    queryLanguage: 'JSONPath',
    isStart: i === 0,
    isEnd: i === states.length - 1,
    retry: [],
    catch: [],
    assigns: [],
    raw: { Type: type },
  }));
  return {
    name: 'M',
    queryLanguage: 'JSONPath',
    startAt: states[0]![0],
    states: gs,
    synthetic: [],
    edges: [],
    diagnostics: [],
  };
}

describe('timestampMs', () => {
  it('reads Date, ISO, epoch seconds and milliseconds, and ignores placeholders', () => {
    const ms = Date.UTC(2024, 4, 1, 12, 0, 0, 250);
    expect(timestampMs(new Date(ms))).toBe(ms);
    expect(timestampMs('2024-05-01T12:00:00.250Z')).toBe(ms);
    expect(timestampMs(ms / 1000)).toBe(ms);
    expect(timestampMs(ms)).toBe(ms);
    expect(timestampMs('timestamp')).toBeUndefined();
    expect(timestampMs('<timestamp>')).toBeUndefined();
    expect(timestampMs(null)).toBeUndefined();
    expect(timestampMs(Number.NaN)).toBeUndefined();
  });
});

describe('analyzeHistory on a built history', () => {
  const report = analyzeHistory({ events: syntheticHistory() });

  it('gives the execution status, times, redrives and output', () => {
    expect(report.status).toBe('succeeded');
    expect(report.redrives).toEqual([{ redriveCount: 1, eventId: 31, atMs: T0 + 60_000 }]);
    expect(report.startMs).toBe(T0);
    expect(report.durationMs).toBe(61_030);
    expect(report.output).toEqual({ done: true });
    expect(report.input).toEqual({ items: [1, 2] });
    expect(report.eventCount).toBe(42);
    expect(report.problems).toEqual([]);
  });

  it('counts retries and keeps a retried success as succeeded', () => {
    const fetch = report.runs.find((r) => r.name === 'Fetch')!;
    expect(fetch.status).toBe('succeeded');
    expect(fetch.retries).toBe(1);
    expect(fetch.durationMs).toBe(900);
    expect(fetch.output).toEqual([1, 2]);
  });

  it('puts interleaved Map iterations in the right iteration by following the event links', () => {
    const shapes = report.runs.filter((r) => r.name === 'Shape');
    expect(shapes.map((r) => [r.parent?.name, r.parent?.iteration, r.durationMs, r.output])).toEqual([
      ['Each', 0, 500, { n: 1 }],
      ['Each', 1, 10, { n: 2 }],
    ]);
    const each = report.runs.find((r) => r.name === 'Each')!;
    expect(each.status).toBe('succeeded');
    expect(each.itemCount).toBe(2);
    expect(each.iterations?.map((i) => [i.index, i.status, i.durationMs])).toEqual([
      [0, 'succeeded', 518],
      [1, 'succeeded', 38],
    ]);
  });

  it('numbers Parallel branches and judges a state by its runs after the redrive', () => {
    const both = report.runs.filter((r) => r.name === 'Both');
    expect(both.map((r) => [r.status, r.redriveCount, r.branches])).toEqual([
      ['failed', 0, 2],
      ['succeeded', 1, 2],
    ]);
    const notify = report.runs.filter((r) => r.name === 'Notify');
    expect(notify.map((r) => [r.status, r.error, r.parent?.branch])).toEqual([
      ['failed', 'Boom', 1],
      ['succeeded', undefined, 1],
    ]);
    expect(report.runs.filter((r) => r.name === 'Pause').map((r) => r.parent?.branch)).toEqual([0, 0]);
    expect(report.states.Notify).toMatchObject({ status: 'succeeded', runs: 2 });
    expect(report.states.Both).toMatchObject({ status: 'succeeded', runs: 2 });
    expect(report.states.Shape).toMatchObject({ status: 'succeeded', runs: 2, durationMs: 510 });
  });

  it('does not depend on event order, page split or timestamp format', () => {
    const events = syntheticHistory(epoch);
    const shuffled = [...events].reverse();
    const pages = [{ events: shuffled.slice(0, 20), nextToken: 'x' }, { events: shuffled.slice(20) }];
    const again = analyzeHistory(pages);
    const strip = (r: typeof report) => r.runs.map((x) => [x.name, x.status, x.durationMs, x.parent, x.retries]);
    expect(strip(again)).toEqual(strip(report));
    expect(again.status).toBe('succeeded');
  });

  it('reports a failure that was not redriven, with the culprit', () => {
    const firstPart = syntheticHistory().slice(0, 30);
    const r = analyzeHistory({ events: firstPart });
    expect(r.status).toBe('failed');
    expect(r.error).toBe('Boom');
    expect(r.cause).toBe('topic gone');
    expect(r.states.Notify!.status).toBe('failed');
    expect(r.states.Both!.status).toBe('failed');
    expect(r.states.Pause!.status).toBe('succeeded');
  });

  it('shows states still running while the execution runs', () => {
    const r = analyzeHistory({ events: syntheticHistory().slice(0, 26) });
    expect(r.status).toBe('running');
    expect(r.states.Notify!.status).toBe('running');
    expect(r.states.Pause!.status).toBe('running');
    expect(r.states.Both!.status).toBe('running');
    expect(r.endMs).toBeUndefined();
  });

  it('overlays the run on a graph, unrun states included', () => {
    const g = graph([
      ['Fetch', 'Task'],
      ['Each', 'Map'],
      ['Shape', 'Pass'],
      ['Both', 'Parallel'],
      ['Pause', 'Wait'],
      ['Notify', 'Task'],
      ['Never', 'Pass'],
    ]);
    const overlay = applyExecution(g, report);
    expect(overlay.Fetch).toEqual({ status: 'succeeded', durationMs: 900, runs: 1, retries: 1 });
    expect(overlay.Never).toEqual({ status: 'not-run', runs: 0, retries: 0 });
    expect(Object.keys(overlay)).toHaveLength(7);

    const out = executionOverlay({ graph: g, diagnostics: [] }, JSON.stringify({ events: syntheticHistory() }));
    expect(out.diagnostics).toEqual([]);
    expect(out.execution.status).toBe('succeeded');
    expect(out.execution.machines[0]!.states.Notify!.status).toBe('succeeded');
    expect(out.execution.machines[0]!.unknownStates).toEqual([]);
  });
});

describe('a Parallel stopped by one failing branch and caught', () => {
  const ev = (id: number, prev: number, type: string, extra: Record<string, unknown> = {}) => ({
    id,
    previousEventId: prev,
    type,
    timestamp: iso(id * 100),
    ...extra,
  });
  const entered = (name: string) => ({ stateEnteredEventDetails: { name, input: '{}' } });
  const exited = (name: string) => ({ stateExitedEventDetails: { name, output: '{}' } });
  const events = [
    ev(1, 0, 'ExecutionStarted'),
    ev(2, 0, 'ParallelStateEntered', entered('Fan')),
    ev(3, 2, 'ParallelStateStarted'),
    ev(4, 3, 'TaskStateEntered', entered('Charge')),
    ev(5, 3, 'TaskStateEntered', entered('Ship')),
    ev(6, 3, 'WaitStateEntered', entered('Hold')),
    ev(7, 4, 'TaskScheduled'),
    ev(8, 5, 'TaskScheduled'),
    ev(9, 7, 'TaskFailed', { taskFailedEventDetails: { error: 'Declined', cause: 'card' } }),
    // AWS links the aborts of the other branches to the failure that caused them.
    ev(10, 9, 'TaskStateAborted'),
    ev(11, 9, 'ParallelStateFailed'),
    ev(12, 11, 'ParallelStateExited', exited('Fan')),
    ev(13, 12, 'PassStateEntered', entered('Recover')),
    ev(14, 13, 'PassStateExited', exited('Recover')),
    ev(15, 14, 'ExecutionSucceeded'),
  ];
  it('gives the failed branch its error, the stopped branches aborted, the Parallel caught', () => {
    const r = analyzeHistory({ events });
    expect(Object.fromEntries(Object.entries(r.states).map(([k, v]) => [k, v.status]))).toEqual({
      Fan: 'caught',
      Charge: 'failed',
      Ship: 'aborted',
      Hold: 'aborted',
      Recover: 'succeeded',
    });
    expect(r.states.Charge!.error).toBe('Declined');
    expect(r.runs.filter((x) => x.parent?.name === 'Fan').map((x) => x.parent?.branch)).toEqual([0, 1, 2]);
    expect(r.problems).toEqual([]);
  });
});

describe('analyzeHistory on recorded histories', () => {
  it('attributes concurrent timed-out Map iterations and their aborts', () => {
    const r = analyzeHistory(load('map-timeout.history.json'));
    expect(r.status).toBe('failed');
    const tasks = r.runs.filter((x) => x.name === 'LambdaInvoke');
    expect(tasks.map((t) => [t.parent?.iteration, t.status])).toEqual([
      [0, 'timed-out'],
      [1, 'timed-out'],
      [2, 'timed-out'],
      [3, 'timed-out'],
    ]);
    expect(r.runs[0]!.iterations?.map((i) => i.status)).toEqual(['failed', 'aborted', 'aborted', 'aborted']);
    expect(r.states.MapWait!.status).toBe('failed');
    expect(r.problems).toEqual([]);
  });

  it('marks a retried then caught Task as caught with its error', () => {
    const r = analyzeHistory(load('task-retry-catch.history.json'));
    expect(r.status).toBe('succeeded');
    expect(r.states.Task).toMatchObject({ status: 'caught', retries: 1, error: 'Exception' });
    expect(r.states.Fallback!.status).toBe('succeeded');
  });

  it('keys states inside a Map by iteration index', () => {
    const r = analyzeHistory(load('map-iterations.history.json'));
    const inner = r.runs.filter((x) => x.parent?.name === 'State1');
    expect(inner.map((x) => x.parent?.iteration)).toEqual([0, 1, 2]);
    expect(inner.every((x) => x.status === 'succeeded')).toBe(true);
  });

  it('places states under their Parallel even when ids were normalised away', () => {
    const r = analyzeHistory(load('parallel-normalised-ids.history.json'));
    expect(r.status).toBe('succeeded');
    const branches = r.runs.filter((x) => x.name.startsWith('Branch'));
    expect(branches).toHaveLength(3);
    expect(branches.every((x) => x.parent?.name === 'State1' && x.status === 'succeeded')).toBe(true);
    expect(r.problems.join(' ')).toMatch(/no numeric id/);
  });
});

describe('bad input', () => {
  it('rejects what is not a history with a clear message', () => {
    expect(() => analyzeHistory({ foo: 1 })).toThrow(HistoryError);
    expect(() => analyzeHistory(42)).toThrow(/not an execution history/);
    expect(() => analyzeHistory({ events: [{ id: 1 }] })).toThrow(/"type" string/);
    expect(() => executionOverlay({}, '{"events": [\n  {"id": 1,}]}')).toThrow(/line 2, column/);
  });

  it('never throws on mangled events', () => {
    const base = syntheticHistory();
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const junk = [null, 'x', -1, 0, 1e300, {}, [], '__proto__', { name: 5 }, 99999];
    for (let round = 0; round < 300; round++) {
      const events = base.map((e) => ({ ...e }));
      for (let k = 0; k < 6; k++) {
        const e = events[rnd(events.length)]!;
        const key = ['id', 'previousEventId', 'timestamp', 'stateEnteredEventDetails', 'stateExitedEventDetails'][
          rnd(5)
        ]!;
        (e as Record<string, unknown>)[key] = junk[rnd(junk.length)];
      }
      if (rnd(3) === 0) events.splice(rnd(events.length), 1);
      const r = analyzeHistory({ events });
      expect(['running', 'succeeded', 'failed', 'aborted', 'timed-out']).toContain(r.status);
    }
  });

  it('keeps a state called __proto__ as an ordinary entry', () => {
    const r = analyzeHistory({
      events: [
        { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: 'timestamp' },
        { id: 2, previousEventId: 0, type: 'PassStateEntered', stateEnteredEventDetails: { name: '__proto__' } },
        { id: 3, previousEventId: 2, type: 'PassStateExited', stateExitedEventDetails: { name: '__proto__' } },
        { id: 4, previousEventId: 3, type: 'ExecutionSucceeded' },
      ],
    });
    expect(Object.keys(r.states)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r.states)).toBe(Object.prototype);
    expect(r.states['__proto__']!.status).toBe('succeeded');
  });
});

describe('corpus histories with failures at the container level', () => {
  const read = (f: string) =>
    analyzeHistory(JSON.parse(fs.readFileSync(path.join(historyDir, 'localstack-extracted', f), 'utf8')));
  it('blames the Map whose path could not be evaluated', () => {
    const r = read('test_base_scenarios__test_max_concurrency_path_NoNumber___get_execution_history.json');
    expect(r.states.MapState).toMatchObject({ status: 'failed', error: 'States.Runtime' });
  });
  it('blames the state being entered for an evaluation failure, and names the Map error', () => {
    const r = read(
      'test_error_output__test_map_catch_error_MAP_CATCH_ERROR_OUTPUT_WITH_RETRY___get_execution_history.json',
    );
    expect(r.states.ProcessItem).toMatchObject({ status: 'caught', retries: 1, error: 'Exception' });
    expect(r.states.Fallback).toMatchObject({ status: 'failed', error: 'States.QueryEvaluationError' });
    expect(r.states.ProcessItems).toMatchObject({ status: 'failed', error: 'States.QueryEvaluationError' });
  });
  it('shows a stopped execution as aborted', () => {
    const r = read('test_sfn_api__test_stop_execution__exec_hist_resp.json');
    expect(r.status).toBe('aborted');
    expect(r.states.State_1!.status).toBe('aborted');
  });
});

describe('every history in the corpus', () => {
  it('loads all 641 files (590 extracted histories, 51 snapshot files with 704 histories)', () => {
    const statuses: Record<string, number> = {};
    const execStatuses: Record<string, number> = {};
    let files = 0;
    let histories = 0;
    let runs = 0;
    let entered = 0;
    for (const dir of ['localstack-extracted', 'localstack']) {
      for (const f of fs.readdirSync(path.join(historyDir, dir)).sort()) {
        files++;
        const json = JSON.parse(fs.readFileSync(path.join(historyDir, dir, f), 'utf8'));
        const found = findHistories(json);
        expect(found.length, f).toBeGreaterThan(0);
        for (const { history } of found) {
          histories++;
          const r = analyzeHistory(history);
          execStatuses[r.status] = (execStatuses[r.status] ?? 0) + 1;
          entered += (history.events as { type: string }[]).filter((e) => e.type.endsWith('StateEntered')).length;
          for (const run of r.runs) {
            runs++;
            statuses[run.status] = (statuses[run.status] ?? 0) + 1;
            expect(run.durationMs).toBeUndefined(); // placeholder timestamps: duration unknown
          }
          const terminal = (history.events as { type: string }[]).some((e) =>
            /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(e.type),
          );
          expect(r.status === 'running', f).toBe(!terminal);
          if (terminal)
            expect(
              Object.values(r.states).some((s) => s.status === 'running'),
              f,
            ).toBe(false);
        }
      }
    }
    expect(files).toBe(641);
    expect(histories).toBe(590 + 704);
    expect(runs).toBe(entered); // every StateEntered became a run
    const order: RunStatus[] = ['succeeded', 'failed', 'caught', 'timed-out', 'aborted', 'running'];
    console.log(
      `sfn-history corpus: ${files} files, ${histories} histories, ${runs} state runs; runs by status: ` +
        order.map((s) => `${s} ${statuses[s] ?? 0}`).join(', ') +
        `; executions: ${Object.entries(execStatuses)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    );
    expect(statuses.succeeded).toBeGreaterThan(1000);
    expect(statuses.caught).toBeGreaterThan(20);
    expect(statuses.failed).toBeGreaterThan(50);
    expect(statuses['timed-out']).toBeGreaterThan(5);
  });
});

describe('size', () => {
  it('reads a 25,000-event history (the most AWS keeps) in well under the time a person waits', () => {
    const events: Record<string, unknown>[] = [];
    let id = 0;
    const add = (prev: number, type: string, extra: Record<string, unknown> = {}) => {
      id++;
      events.push({ id, previousEventId: prev, type, timestamp: new Date(T0 + id * 10).toISOString(), ...extra });
      return id;
    };
    add(0, 'ExecutionStarted');
    const me = add(0, 'MapStateEntered', { stateEnteredEventDetails: { name: 'M' } });
    const ms = add(me, 'MapStateStarted', { mapStateStartedEventDetails: { length: 6250 } });
    let last = ms;
    for (let b = 0; b < 6250; b += 10) {
      const starts = Array.from({ length: 10 }, (_, k) =>
        add(ms, 'MapIterationStarted', { mapIterationStartedEventDetails: { name: 'M', index: b + k } }),
      );
      const enters = starts.map((s) => add(s, 'PassStateEntered', { stateEnteredEventDetails: { name: 'P' } }));
      const exits = enters.map((e) => add(e, 'PassStateExited', { stateExitedEventDetails: { name: 'P' } }));
      exits.forEach(
        (x, k) =>
          (last = add(x, 'MapIterationSucceeded', { mapIterationSucceededEventDetails: { name: 'M', index: b + k } })),
      );
    }
    const mx = add(last, 'MapStateExited', { stateExitedEventDetails: { name: 'M' } });
    add(mx, 'ExecutionSucceeded');
    const started = performance.now();
    const r = analyzeHistory({ events });
    const ms2 = performance.now() - started;
    expect(events.length).toBe(25_005);
    expect(r.status).toBe('succeeded');
    expect(r.runs).toHaveLength(6251);
    expect(r.runs.filter((x) => x.name === 'P').map((x) => x.parent?.iteration)).toEqual(
      Array.from({ length: 6250 }, (_, i) => i),
    );
    expect(ms2).toBeLessThan(5000);
  });
});

describe('hostile shapes', () => {
  it('survives 10,000 nested Maps (no recursion limit) and 20,000 aborts (no quadratic search)', () => {
    const nested: Record<string, unknown>[] = [{ id: 1, previousEventId: 0, type: 'ExecutionStarted' }];
    let prev = 0;
    let id = 1;
    for (let i = 0; i < 10_000; i++) {
      const e = ++id;
      nested.push({
        id: e,
        previousEventId: prev,
        type: 'MapStateEntered',
        stateEnteredEventDetails: { name: `M${i}` },
      });
      const st = ++id;
      nested.push({ id: st, previousEventId: e, type: 'MapStateStarted' });
      const it = ++id;
      nested.push({
        id: it,
        previousEventId: st,
        type: 'MapIterationStarted',
        mapIterationStartedEventDetails: { name: `M${i}`, index: 0 },
      });
      prev = it;
    }
    nested.push({
      id: id + 1,
      previousEventId: prev,
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'X' },
    });
    let started = performance.now();
    const r1 = analyzeHistory({ events: nested });
    expect(r1.runs).toHaveLength(10_000);
    expect(r1.runs[9_999]!.parent).toEqual({ runId: 9_998, name: 'M9998', iteration: 0 });
    expect(performance.now() - started).toBeLessThan(15_000);

    const aborts: Record<string, unknown>[] = [
      { id: 1, previousEventId: 0, type: 'ExecutionStarted' },
      { id: 2, previousEventId: 0, type: 'ParallelStateEntered', stateEnteredEventDetails: { name: 'P' } },
      { id: 3, previousEventId: 2, type: 'ParallelStateStarted' },
    ];
    id = 3;
    for (let i = 0; i < 20_000; i++)
      aborts.push({
        id: ++id,
        previousEventId: 3,
        type: 'TaskStateEntered',
        stateEnteredEventDetails: { name: `T${i}` },
      });
    const fail = ++id;
    aborts.push({ id: fail, previousEventId: 4, type: 'TaskFailed', taskFailedEventDetails: { error: 'E' } });
    for (let i = 1; i < 20_000; i++) aborts.push({ id: ++id, previousEventId: fail, type: 'TaskStateAborted' });
    aborts.push({ id: ++id, previousEventId: fail, type: 'ParallelStateFailed' });
    aborts.push({ id: ++id, previousEventId: id - 1, type: 'ExecutionFailed' });
    started = performance.now();
    const r2 = analyzeHistory({ events: aborts });
    expect(r2.states.T0!.status).toBe('failed');
    expect(r2.states.T1!.status).toBe('aborted');
    expect(r2.states.T19999!.status).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
