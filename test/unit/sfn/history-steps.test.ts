/**
 * The named steps of the execution-history analysis (shared/sfn/history/), one by one: reading events (input
 * shapes, timestamps, details, event-type names), folding runs, reading a caught error back from an output, and
 * the overlay on a graph. Event-type names and detail fields are those of the Step Functions API reference
 * (`HistoryEvent`: ActivityScheduleFailed, LambdaFunctionStartFailed, TaskSubmitFailed, TaskTimedOut,
 * TaskStateAborted, MapIterationAborted, MapRun*, EvaluationFailed, …; `<type>EventDetails` objects); timestamps are
 * what the SDK (Date), saved JSON (ISO 8601) and the CLI (epoch seconds) give.
 */
import { describe, expect, it } from 'vitest';
import {
  collectEvents,
  decode,
  details,
  failureKind,
  findHistories,
  looksLikeEvent,
  ownerKind,
  stateTypeOf,
  text,
  timestampMs,
} from '../../../shared/sfn/history/events.ts';
import { applyExecution, executionOverlay, unknownStates } from '../../../shared/sfn/history/overlay.ts';
import { catchResult, foldStatus, parseJson, summarize } from '../../../shared/sfn/history/summary.ts';
import { HistoryError, type ExecutionReport, type StateRun } from '../../../shared/sfn/history/types.ts';

const ev = (id: number, type: string) => ({ id, previousEventId: id - 1, type });

describe('timestampMs', () => {
  it('reads epoch seconds below 1e11 and milliseconds from 1e11 on (1e11 s is the year 5138, 1e11 ms 1973)', () => {
    expect(timestampMs(1e11)).toBe(1e11);
    expect(timestampMs(1e11 - 1)).toBe((1e11 - 1) * 1000);
    expect(timestampMs(1_700_000_000.0004)).toBe(1_700_000_000_000);
    expect(timestampMs(1_700_000_000.0006)).toBe(1_700_000_000_001);
    expect(timestampMs(1_700_000_000_000.6)).toBe(1_700_000_000_001);
  });

  it('refuses zero, negatives, infinities and invalid dates', () => {
    for (const v of [0, -1, -1e12, Infinity, -Infinity, new Date(Number.NaN), '2024-13-45T99:00:00Z'])
      expect(timestampMs(v), String(v)).toBeUndefined();
    expect(timestampMs(1)).toBe(1000);
  });

  it('reads ISO dates from their start and numeric strings whole', () => {
    expect(timestampMs('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(timestampMs('at 2024-05-01')).toBeUndefined();
    // ISO 8601 writes the day with two digits; a one-digit day is not read as a date.
    expect(timestampMs('2024-05-1')).toBeUndefined();
    expect(timestampMs('1714564800.25')).toBe(1_714_564_800_250);
    expect(timestampMs('1714564800250')).toBe(1_714_564_800_250);
    for (const v of ['12abc', 'x12', '1.', '.5', ' 12', '1e9']) expect(timestampMs(v), v).toBeUndefined();
  });
});

describe('collectEvents', () => {
  const a = ev(1, 'ExecutionStarted');
  const b = ev(2, 'PassStateEntered');

  it('takes one page, a list of pages, pages under "pages", or a bare list of events', () => {
    expect(collectEvents({ events: [a, b] })).toEqual([a, b]);
    expect(collectEvents([{ events: [a] }, { events: [b] }])).toEqual([a, b]);
    expect(collectEvents({ pages: [{ events: [a] }, [b]] })).toEqual([a, b]);
    expect(collectEvents([a, b])).toEqual([a, b]);
    expect(collectEvents([])).toEqual([]);
    expect(collectEvents({ events: [] })).toEqual([]);
  });

  it('says where the input stops being a history', () => {
    expect(() => collectEvents({ events: [a, { id: 2 }] })).toThrow(
      new HistoryError('history.events: every event must be an object with a "type" string.'),
    );
    expect(() => collectEvents([{ events: [a] }, { events: [7] }])).toThrow(/^history\[1\]\.events: every event/);
    expect(() => collectEvents({ pages: [{ events: [a] }, 'x'] })).toThrow(
      /^history\.pages\[1\]: not an execution history \(expected \{"events": \[\.\.\.\]\}/,
    );
    expect(() => collectEvents({ events: 'x' })).toThrow(/^history: not an execution history/);
    expect(() => collectEvents(null)).toThrow(HistoryError);
    expect(new HistoryError('x').name).toBe('HistoryError');
  });

  it('an event is an object with a string type', () => {
    expect(looksLikeEvent({ type: 'TaskScheduled' })).toBe(true);
    for (const v of [{ type: 1 }, {}, null, 'TaskScheduled', [{ type: 'x' }]]) expect(looksLikeEvent(v)).toBe(false);
  });
});

describe('findHistories', () => {
  const h = { events: [ev(1, 'ExecutionStarted')] };

  it('names each history by a JSON pointer, escaping ~ and / (RFC 6901)', () => {
    const found = findHistories({ a: h, 'b/c': [h, { x: h }], 'd~e': h });
    expect(found.map((f) => f.pointer)).toEqual(['/a', '/b~1c/0', '/b~1c/1/x', '/d~0e']);
    expect(found[0]!.history).toBe(h);
    expect(findHistories(h).map((f) => f.pointer)).toEqual(['/']);
  });

  it('stops at the limit and at 64 levels, and skips empty or odd event lists', () => {
    expect(findHistories([h, h, h], 2)).toHaveLength(2);
    expect(findHistories([h, h, h])).toHaveLength(3);
    const nest = (depth: number): unknown => {
      let v: unknown = h;
      for (let i = 0; i < depth; i++) v = { n: v };
      return v;
    };
    expect(findHistories(nest(64))).toHaveLength(1);
    expect(findHistories(nest(65))).toHaveLength(0);
    expect(findHistories({ events: [] })).toEqual([]);
    expect(findHistories({ events: [{ id: 1 }] })).toEqual([]);
    expect(findHistories({ a: 1, b: 'x', c: null })).toEqual([]);
  });
});

describe('reading one event', () => {
  it('details: the first *EventDetails field that is an object', () => {
    expect(details({ type: 'TaskFailed', taskFailedEventDetails: { error: 'E' } })).toEqual({ error: 'E' });
    expect(details({ aEventDetails: 'x', bEventDetails: { n: 1 } })).toEqual({ n: 1 });
    expect(details({ type: 'TaskStarted', eventDetailsX: { n: 1 } })).toBeUndefined();
  });

  it('decode: JSON text becomes its value, anything else stays as it is', () => {
    expect(decode(' {"a":1} ')).toEqual({ a: 1 });
    expect(decode('[1]')).toEqual([1]);
    expect(decode('"s"')).toBe('s');
    expect(decode('-2')).toBe(-2);
    expect(decode('true')).toBe(true);
    expect(decode('false')).toBe(false);
    expect(decode('null')).toBeNull();
    for (const v of ['hello', '', '   ', '{bad', 'nope', 'tomorrow']) expect(decode(v)).toBe(v);
    expect(decode(5)).toBe(5);
    const o = { a: 1 };
    expect(decode(o)).toBe(o);
  });

  it('text: strings as they are, other values as JSON, nothing for null or undefined', () => {
    expect(text('E')).toBe('E');
    expect(text('')).toBe('');
    expect(text({ a: 1 })).toBe('{"a":1}');
    expect(text(0)).toBe('0');
    expect(text(null)).toBeUndefined();
    expect(text(undefined)).toBeUndefined();
  });

  it('stateTypeOf: the state type before a suffix, only for real state types', () => {
    expect(stateTypeOf('TaskStateEntered', 'StateEntered')).toBe('Task');
    expect(stateTypeOf('MapStateExited', 'StateExited')).toBe('Map');
    expect(stateTypeOf('TaskStateExited', 'StateEntered')).toBeUndefined();
    expect(stateTypeOf('FooStateEntered', 'StateEntered')).toBeUndefined();
    expect(stateTypeOf('StateEntered', 'StateEntered')).toBeUndefined();
  });

  it.each([
    ['TaskFailed', 'failed'],
    ['ActivityFailed', 'failed'],
    ['LambdaFunctionFailed', 'failed'],
    ['ActivityScheduleFailed', 'failed'],
    ['LambdaFunctionScheduleFailed', 'failed'],
    ['LambdaFunctionStartFailed', 'failed'],
    ['TaskStartFailed', 'failed'],
    ['TaskSubmitFailed', 'failed'],
    ['MapStateFailed', 'failed'],
    ['MapIterationFailed', 'failed'],
    ['ParallelStateFailed', 'failed'],
    ['EvaluationFailed', 'failed'],
    ['TaskTimedOut', 'timed-out'],
    ['ActivityTimedOut', 'timed-out'],
    ['LambdaFunctionTimedOut', 'timed-out'],
    ['TaskStateAborted', 'aborted'],
    ['WaitStateAborted', 'aborted'],
    ['MapStateAborted', 'aborted'],
    ['ParallelStateAborted', 'aborted'],
    ['MapIterationAborted', 'aborted'],
    ['TaskSucceeded', undefined],
    ['TaskScheduled', undefined],
    ['TaskSubmitted', undefined],
  ])('failureKind(%s) is %s', (type, kind) => {
    expect(failureKind(type)).toBe(kind);
  });

  it.each([
    ['TaskScheduled', 'Task'],
    ['LambdaFunctionTimedOut', 'Task'],
    ['ActivityStarted', 'Task'],
    ['TaskStateAborted', 'Task'],
    ['MapRunStarted', 'Map'],
    ['MapIterationStarted', 'Map'],
    ['MapStateStarted', 'Map'],
    ['ParallelStateStarted', 'Parallel'],
    ['WaitStateAborted', 'Wait'],
    ['EvaluationFailed', undefined],
    ['ExecutionFailed', undefined],
    ['XTaskScheduled', undefined],
    ['Map', undefined],
  ])('ownerKind(%s) is %s', (type, kind) => {
    expect(ownerKind(type)).toBe(kind);
  });
});

describe('folding runs', () => {
  it('foldStatus: failed over timed-out over aborted over running over caught over succeeded', () => {
    const order = ['not-run', 'succeeded', 'caught', 'running', 'aborted', 'timed-out', 'failed'] as const;
    expect(foldStatus([])).toBe('not-run');
    for (let i = 1; i < order.length; i++) {
      expect(foldStatus([order[i - 1]!, order[i]!])).toBe(order[i]);
      expect(foldStatus([order[i]!, order[i - 1]!])).toBe(order[i]);
    }
    expect(foldStatus(['succeeded', 'failed', 'succeeded'])).toBe('failed');
  });

  const run = (name: string, extra: Partial<StateRun> = {}): StateRun => ({
    runId: 0,
    name,
    type: 'Task',
    status: 'succeeded',
    retries: 0,
    parent: null,
    redriveCount: 0,
    ...extra,
  });

  it('summarize: runs, retries and time add up; the error is the latest run’s; the type is the last run’s', () => {
    const s = summarize(
      [
        run('A', { durationMs: 10, retries: 1, status: 'failed', error: 'E1', cause: 'c1' }),
        run('B', { type: 'Pass' }),
        run('A', { retries: 2, status: 'failed', error: 'E2' }),
        run('A', { durationMs: 5, type: 'Pass', status: 'succeeded' }),
      ],
      0,
    );
    expect(s).toStrictEqual({
      A: { name: 'A', type: 'Pass', status: 'failed', runs: 3, retries: 3, durationMs: 15, error: 'E2' },
      B: { name: 'B', type: 'Pass', status: 'succeeded', runs: 1, retries: 0 },
    });
    // A cause alone still names the run it came from.
    expect(summarize([run('C', { status: 'failed', cause: 'only a cause' })], 0).C).toStrictEqual({
      name: 'C',
      type: 'Task',
      status: 'failed',
      runs: 1,
      retries: 0,
      cause: 'only a cause',
    });
  });

  it('summarize after a redrive: a state that ran again is judged by its new runs, one that did not by its old', () => {
    const runs = [
      run('Again', { status: 'failed', error: 'Boom' }),
      run('Once', { status: 'failed', error: 'Old' }),
      run('Again', { status: 'succeeded', redriveCount: 2 }),
    ];
    const s = summarize(runs, 2);
    expect([s.Again!.status, s.Again!.error, s.Again!.runs]).toEqual(['succeeded', undefined, 2]);
    expect([s.Once!.status, s.Once!.error]).toEqual(['failed', 'Old']);
    // Runs of an earlier redrive do not count as the latest.
    expect(summarize([run('X', { status: 'failed' }), run('X', { redriveCount: 1 })], 2).X!.status).toBe('failed');
  });

  it('catchResult: {"Error", "Cause"} at most two levels down; Cause must be there, Error a string', () => {
    expect(catchResult({ Error: 'E', Cause: 'c' }, 0)).toEqual({ error: 'E', cause: 'c' });
    expect(catchResult({ Error: 'E', Cause: null }, 0)).toStrictEqual({ error: 'E' });
    expect(catchResult({ Error: 'E' }, 0)).toBeUndefined();
    expect(catchResult({ Error: 1, Cause: 'c' }, 0)).toBeUndefined();
    expect(catchResult({ a: { Error: 'E', Cause: 'c' } }, 0)).toEqual({ error: 'E', cause: 'c' });
    expect(catchResult({ a: { b: { Error: 'E', Cause: 'c' } } }, 0)).toEqual({ error: 'E', cause: 'c' });
    expect(catchResult({ a: { b: { c: { Error: 'E', Cause: 'c' } } } }, 0)).toBeUndefined();
    expect(catchResult({ x: 1, a: { Error: 'First', Cause: '' }, b: { Error: 'Second', Cause: '' } }, 0)!.error).toBe(
      'First',
    );
    expect(catchResult([{ Error: 'E', Cause: 'c' }], 0)).toBeUndefined();
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('{')).toBeUndefined();
  });
});

describe('the overlay on a graph', () => {
  const report = (states: Record<string, Partial<ExecutionReport['states'][string]>>): ExecutionReport => ({
    status: 'succeeded',
    eventCount: 0,
    redrives: [],
    runs: [],
    states: Object.fromEntries(
      Object.entries(states).map(([name, s]) => [
        name,
        { name, type: 'Pass', status: 'succeeded', runs: 1, retries: 0, ...s },
      ]),
    ),
    problems: [],
  });

  it('one entry per graph state; a state named like an Object property is not-run unless it ran', () => {
    const g = { states: [{ name: 'A' }, { name: 'constructor' }, { name: 'toString' }] };
    const o = applyExecution(g, report({ A: { durationMs: 7, error: 'E', retries: 2, runs: 3, status: 'caught' } }));
    // toEqual: an own "constructor" key confuses toStrictEqual's type check; keys are compared below.
    expect(o).toEqual({
      A: { status: 'caught', runs: 3, retries: 2, durationMs: 7, error: 'E' },
      constructor: { status: 'not-run', runs: 0, retries: 0 },
      toString: { status: 'not-run', runs: 0, retries: 0 },
    });
    expect(Object.keys(o.constructor!)).toEqual(['status', 'runs', 'retries']);
    expect(applyExecution(g, report({ A: {} })).A).toStrictEqual({ status: 'succeeded', runs: 1, retries: 0 });
    expect(unknownStates(g, report({ A: {}, Gone: {}, Old: {} }))).toEqual(['Gone', 'Old']);
  });

  const events = [
    { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: '2026-01-01T00:00:00Z' },
    {
      id: 2,
      previousEventId: 1,
      type: 'PassStateEntered',
      timestamp: '2026-01-01T00:00:01Z',
      stateEnteredEventDetails: { name: 'A' },
    },
    {
      id: 3,
      previousEventId: 2,
      type: 'ExecutionFailed',
      timestamp: '2026-01-01T00:00:03Z',
      executionFailedEventDetails: { error: 'E', cause: 'C' },
    },
  ];

  it('finds the machines of a graph report in every shape the CLI and the app produce', () => {
    const m = (name: string) => ({ name, states: [{ name: 'A' }] });
    const names = (r: object) => executionOverlay(r, { events }).execution.machines.map((x) => x.name);
    expect(names(m('Flat'))).toEqual(['Flat']);
    expect(names({ graph: m('G') })).toEqual(['G']);
    expect(names({ stateMachines: [m('S1'), { graph: m('S2') }, { name: 'bad', states: [{}] }, 5] })).toEqual([
      'S1',
      'S2',
    ]);
    expect(names({ machines: [m('M')], graphs: [m('G1')] })).toEqual(['M', 'G1']);
    expect(names({ graphs: 'none', graph: { name: 'x' } })).toEqual([]);
    expect(names({ name: 7, states: [] })).toEqual([]);
  });

  it('adds the execution block, with times, error and cause when the history has them', () => {
    const out = executionOverlay(
      { stateMachines: [{ name: 'M', states: [{ name: 'A' }, { name: 'B' }] }] },
      { events },
    );
    expect(out.execution).toStrictEqual({
      status: 'failed',
      redrives: [],
      eventCount: 3,
      startMs: Date.UTC(2026, 0, 1),
      endMs: Date.UTC(2026, 0, 1, 0, 0, 3),
      durationMs: 3000,
      error: 'E',
      cause: 'C',
      machines: [
        {
          name: 'M',
          states: {
            // Closed by the execution's end: 00:00:01 to 00:00:03.
            A: { status: 'failed', runs: 1, retries: 0, durationMs: 2000, error: 'E' },
            B: { status: 'not-run', runs: 0, retries: 0 },
          },
          unknownStates: [],
        },
      ],
      problems: [],
    });
    const bare = executionOverlay({}, { events: [{ id: 1, previousEventId: 0, type: 'ExecutionStarted' }] });
    expect(bare.execution).toStrictEqual({
      status: 'running',
      redrives: [],
      eventCount: 1,
      machines: [],
      problems: [],
    });
  });

  it('says where history text is not JSON, by line and column', () => {
    const textWithError = '{"events": [\n  {"id": 1,}]}';
    let message = '';
    try {
      executionOverlay({}, textWithError);
    } catch (e) {
      expect(e).toBeInstanceOf(HistoryError);
      message = (e as Error).message;
    }
    // The parser's offset points at the "}" after the trailing comma: line 2, column 12 (1-based).
    const offset = textWithError.indexOf(',}') + 1;
    expect(offset).toBe(24);
    expect(message).toMatch(/^History is not valid JSON at line 2, column 12: /);
    // Text after the error (more lines) does not move the position.
    expect(() => executionOverlay({}, `${textWithError}\n\n`)).toThrow(
      /^History is not valid JSON at line 2, column 12: /,
    );
    expect(() => executionOverlay({}, '{"events": [')).toThrow(/^History is not valid JSON: /);
    expect(() => executionOverlay({}, '{"events": [')).not.toThrow(/line \d/);
    expect(() => executionOverlay({}, '{"x": 1}')).toThrow(/not an execution history/);
    expect(executionOverlay({ keep: 1 }, JSON.stringify({ events })).keep).toBe(1);
  });
});
