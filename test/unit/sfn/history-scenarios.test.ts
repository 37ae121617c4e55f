/**
 * How `analyzeHistory` ends each run and the execution, scenario by scenario, on histories written the way
 * GetExecutionHistory returns them (ids from 1, `previousEventId` the cause link, `<type>EventDetails` objects,
 * ISO timestamps). What AWS documents decides the expectation: a TaskTimedOut without an error is the
 * `States.Timeout` error ("Error names", Step Functions developer guide); a redrive restarts the execution as
 * running and counts in `executionRedrivenEventDetails.redriveCount`; `inputDetails.truncated` /
 * `outputDetails.truncated` say the payload was cut (HistoryEventExecutionDataDetails).
 */
import { describe, expect, it } from 'vitest';
import { analyzeHistory } from '../../../shared/sfn/history.ts';

type Row = [id: number | undefined, prev: number, type: string, at: number, details?: Record<string, unknown>];

const T0 = Date.UTC(2026, 2, 1);
function history(rows: Row[]): { events: Record<string, unknown>[] } {
  return {
    events: rows.map(([id, prev, type, at, d]) => ({
      ...(id === undefined ? {} : { id }),
      previousEventId: prev,
      type,
      timestamp: new Date(T0 + at * 1000).toISOString(),
      ...(d ?? {}),
    })),
  };
}
const entered = (name: string, input?: unknown, truncated = false) => ({
  stateEnteredEventDetails: {
    name,
    ...(input === undefined ? {} : { input: JSON.stringify(input) }),
    inputDetails: { truncated },
  },
});
const exited = (name: string, output?: unknown, truncated = false) => ({
  stateExitedEventDetails: {
    name,
    ...(output === undefined ? {} : { output: JSON.stringify(output) }),
    outputDetails: { truncated },
  },
});

describe('one Task run: retries, failures, catches and time-outs', () => {
  it('a failed attempt that a retry got past is neither the status nor the error', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'TaskStateEntered', 1, entered('Call', { a: 1 })],
        [3, 2, 'TaskScheduled', 1],
        [4, 3, 'TaskFailed', 2, { taskFailedEventDetails: { error: 'Flaky', cause: 'once' } }],
        [5, 4, 'TaskScheduled', 4],
        [6, 5, 'TaskSucceeded', 5],
        [7, 6, 'TaskStateExited', 5, exited('Call', { ok: true })],
        [8, 7, 'ExecutionSucceeded', 6, { executionSucceededEventDetails: { output: '{"ok":true}' } }],
      ]),
    );
    expect(r.runs[0]).toStrictEqual({
      runId: 0,
      name: 'Call',
      type: 'Task',
      status: 'succeeded',
      enteredEventId: 2,
      exitedEventId: 7,
      startMs: T0 + 1000,
      endMs: T0 + 5000,
      durationMs: 4000,
      input: { a: 1 },
      output: { ok: true },
      retries: 1,
      parent: null,
      redriveCount: 0,
    });
    expect(r).toMatchObject({ status: 'succeeded', output: { ok: true }, durationMs: 6000, problems: [] });
    expect(r.error).toBeUndefined();
  });

  it('a failure after the last success, then the exit, is a caught error', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'TaskStateEntered', 1, entered('Call')],
        [3, 2, 'LambdaFunctionScheduled', 1],
        [4, 3, 'LambdaFunctionStartFailed', 2, { lambdaFunctionStartFailedEventDetails: { error: 'Lambda.X' } }],
        [5, 4, 'TaskStateExited', 3, exited('Call')],
        [6, 5, 'PassStateEntered', 3, entered('Handle')],
        [7, 6, 'PassStateExited', 3, exited('Handle')],
        [8, 7, 'ExecutionSucceeded', 4],
      ]),
    );
    expect(r.runs.map((x) => [x.name, x.status, x.error, x.retries])).toEqual([
      ['Call', 'caught', 'Lambda.X', 0],
      ['Handle', 'succeeded', undefined, 0],
    ]);
    expect(r.states.Call).toMatchObject({ status: 'caught', error: 'Lambda.X' });
  });

  it('a time-out without an error field is States.Timeout; the execution’s time-out stops what runs', () => {
    const timedOut = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'TaskStateEntered', 1, entered('Wait for worker')],
        [3, 2, 'ActivityScheduled', 1],
        [4, 3, 'ActivityTimedOut', 61],
        [5, 4, 'ExecutionFailed', 61, { executionFailedEventDetails: { error: 'States.Timeout' } }],
      ]),
    );
    expect(timedOut.runs[0]).toMatchObject({ status: 'timed-out', error: 'States.Timeout', durationMs: 60_000 });
    expect(timedOut.status).toBe('failed');

    const execTimeout = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'TaskStateEntered', 1, entered('Slow')],
        [3, 2, 'TaskScheduled', 1],
        [4, 3, 'TaskStarted', 1],
        [5, 4, 'ExecutionTimedOut', 30, { executionTimedOutEventDetails: { error: 'States.Timeout' } }],
      ]),
    );
    expect(execTimeout.status).toBe('timed-out');
    expect(execTimeout.runs[0]).toMatchObject({ status: 'timed-out', endMs: T0 + 30_000, durationMs: 29_000 });
    expect(execTimeout.error).toBe('States.Timeout');

    const aborted = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'WaitStateEntered', 1, entered('Nap')],
        [3, 2, 'ExecutionAborted', 9],
      ]),
    );
    expect([aborted.status, aborted.runs[0]!.status, aborted.endMs]).toEqual(['aborted', 'aborted', T0 + 9000]);
  });

  it('an abort after the run’s own failure keeps that failure', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'ParallelStateEntered', 1, entered('Fan')],
        [3, 2, 'ParallelStateStarted', 1],
        [4, 3, 'TaskStateEntered', 1, entered('A')],
        [5, 3, 'TaskStateEntered', 1, entered('B')],
        [6, 4, 'TaskScheduled', 1],
        [7, 5, 'TaskScheduled', 1],
        [8, 6, 'TaskFailed', 2, { taskFailedEventDetails: { error: 'AErr', cause: 'a' } }],
        [9, 8, 'TaskStateAborted', 2],
        [10, 7, 'TaskStateAborted', 2],
        [11, 9, 'ParallelStateFailed', 2],
        [12, 11, 'ExecutionFailed', 3, { executionFailedEventDetails: { error: 'AErr', cause: 'a' } }],
      ]),
    );
    expect(r.runs.map((x) => [x.name, x.status, x.error ?? null, x.parent?.branch ?? null])).toEqual([
      ['Fan', 'failed', 'AErr', null],
      ['A', 'failed', 'AErr', 0],
      ['B', 'aborted', null, 1],
    ]);
    expect(r.runs[0]!.branches).toBe(2);
    expect(r.problems).toEqual([]);
  });
});

describe('the execution: failures, the culprit, redrives', () => {
  it('a Fail state records no error; the execution’s failure names it', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0, { executionStartedEventDetails: { input: '{"order":1}' } }],
        [2, 1, 'FailStateEntered', 1, entered('Reject')],
        [3, 2, 'ExecutionFailed', 1, { executionFailedEventDetails: { error: 'Rejected', cause: 'bad order' } }],
      ]),
    );
    expect(r.runs[0]).toMatchObject({ status: 'failed', error: 'Rejected', cause: 'bad order' });
    expect(r).toMatchObject({ status: 'failed', error: 'Rejected', cause: 'bad order', input: { order: 1 } });
    expect(r.output).toBeUndefined();
  });

  it('a Map failing without an error of its own takes the execution’s; a run with its own error keeps it', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'MapStateEntered', 1, entered('Each')],
        [3, 2, 'MapStateStarted', 1, { mapStateStartedEventDetails: { length: 0 } }],
        [4, 3, 'MapStateFailed', 2],
        [5, 4, 'ExecutionFailed', 2, { executionFailedEventDetails: { error: 'States.ItemReaderFailed' } }],
      ]),
    );
    expect(r.runs[0]).toMatchObject({ status: 'failed', error: 'States.ItemReaderFailed', itemCount: 0 });
    expect(r.runs[0]!.cause).toBeUndefined();
    expect(r.runs[0]!.iterations).toBeUndefined();

    const own = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'TaskStateEntered', 1, entered('T')],
        [3, 2, 'TaskScheduled', 1],
        [4, 3, 'TaskFailed', 2, { taskFailedEventDetails: { error: 'Own', cause: 'own cause' } }],
        [5, 4, 'ExecutionFailed', 2, { executionFailedEventDetails: { error: 'Other', cause: 'other' } }],
      ]),
    );
    expect(own.runs[0]).toMatchObject({ status: 'failed', error: 'Own', cause: 'own cause' });
  });

  it('a redrive makes the execution running again and counts from its details, or by one', () => {
    const rows: Row[] = [
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'TaskStateEntered', 1, entered('T')],
      [3, 2, 'TaskScheduled', 1],
      [4, 3, 'TaskFailed', 2, { taskFailedEventDetails: { error: 'E', cause: 'C' } }],
      [5, 4, 'ExecutionFailed', 2, { executionFailedEventDetails: { error: 'E', cause: 'C' } }],
      [6, 5, 'ExecutionRedriven', 100, { executionRedrivenEventDetails: { redriveCount: 1 } }],
      [7, 6, 'TaskStateEntered', 100, entered('T')],
      [8, 7, 'TaskScheduled', 100],
    ];
    const running = analyzeHistory(history(rows));
    expect(running.status).toBe('running');
    expect([running.error, running.cause, running.endMs, running.durationMs]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(running.redrives).toEqual([{ redriveCount: 1, eventId: 6, atMs: T0 + 100_000 }]);
    expect(running.runs.map((x) => [x.status, x.redriveCount])).toEqual([
      ['failed', 0],
      ['running', 1],
    ]);
    expect(running.states.T!.status).toBe('running');

    const twice = analyzeHistory(
      history([
        ...rows,
        [9, 8, 'TaskFailed', 101, { taskFailedEventDetails: { error: 'E2' } }],
        [10, 9, 'ExecutionFailed', 101, { executionFailedEventDetails: { error: 'E2' } }],
        [11, 10, 'ExecutionRedriven', 200, { executionRedrivenEventDetails: {} }],
        [12, 11, 'ExecutionRedriven', 300, { executionRedrivenEventDetails: { redriveCount: 'five' } }],
        [13, 12, 'ExecutionRedriven', 400, { executionRedrivenEventDetails: { redriveCount: 0 } }],
      ]),
    );
    expect(twice.redrives.map((x) => x.redriveCount)).toEqual([1, 2, 3, 4]);
    expect(twice.status).toBe('running');
  });
});

describe('Map iterations and map runs', () => {
  const map = (end: Row[]): Row[] => [
    [1, 0, 'ExecutionStarted', 0],
    [2, 1, 'MapStateEntered', 1, entered('Each', [1, 2, 3])],
    [3, 2, 'MapStateStarted', 1, { mapStateStartedEventDetails: { length: 3 } }],
    [4, 3, 'MapIterationStarted', 1, { mapIterationStartedEventDetails: { name: 'Each', index: 0 } }],
    [5, 3, 'MapIterationStarted', 1, { mapIterationStartedEventDetails: { name: 'Each', index: 1 } }],
    [6, 3, 'MapIterationStarted', 2, { mapIterationStartedEventDetails: { name: 'Each', index: 2 } }],
    [7, 4, 'PassStateEntered', 2, entered('P')],
    [8, 7, 'PassStateExited', 3, exited('P')],
    [9, 8, 'MapIterationSucceeded', 3, { mapIterationSucceededEventDetails: { name: 'Each', index: 0 } }],
    [10, 5, 'WaitStateEntered', 2, entered('W')],
    [11, 6, 'TaskStateEntered', 2, entered('T')],
    [12, 11, 'TaskScheduled', 2],
    [13, 12, 'TaskFailed', 4, { taskFailedEventDetails: { error: 'X' } }],
    [14, 13, 'MapIterationFailed', 4, { mapIterationFailedEventDetails: { name: 'Each', index: 2 } }],
    ...end,
  ];

  it('iterations end with their own events; one still open takes the execution’s end, or runs', () => {
    const failed = analyzeHistory(
      history(map([[15, 14, 'ExecutionFailed', 5, { executionFailedEventDetails: { error: 'X' } }]])),
    );
    const each = failed.runs[0]!;
    expect(each.iterations).toEqual([
      { index: 0, status: 'succeeded', startMs: T0 + 1000, endMs: T0 + 3000, durationMs: 2000 },
      { index: 1, status: 'aborted', startMs: T0 + 1000 },
      { index: 2, status: 'failed', startMs: T0 + 2000, endMs: T0 + 4000, durationMs: 2000 },
    ]);
    expect(each.itemCount).toBe(3);
    expect(failed.runs.map((x) => [x.name, x.status, x.parent?.iteration])).toEqual([
      ['Each', 'failed', undefined],
      ['P', 'succeeded', 0],
      ['W', 'aborted', 1],
      ['T', 'failed', 2],
    ]);

    const running = analyzeHistory(history(map([])));
    expect(running.runs[0]!.iterations!.map((i) => i.status)).toEqual(['succeeded', 'running', 'failed']);
    expect(running.runs.find((x) => x.name === 'W')!.status).toBe('running');
    expect(running.runs.find((x) => x.name === 'T')!.status).toBe('failed');
    expect(running.status).toBe('running');

    const lost = analyzeHistory(history(map([[15, 14, 'ExecutionSucceeded', 5]])));
    expect(lost.runs[0]!.iterations!.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'failed']);
  });

  it('an iteration event without an index is reported, not guessed', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'MapStateEntered', 1, entered('Each')],
        [3, 2, 'MapStateStarted', 1, { mapStateStartedEventDetails: { length: 'many' } }],
        [4, 3, 'MapIterationStarted', 1, { mapIterationStartedEventDetails: { name: 'Each' } }],
      ]),
    );
    expect(r.problems).toEqual(['Event 4: MapIterationStarted without an iteration index.']);
    expect(r.runs[0]!.itemCount).toBeUndefined();
    expect(r.runs[0]!.iterations).toBeUndefined();
  });

  it('a Distributed Map’s map run: its ARN, then each status it reports, and its error', () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:mapRun:M/run:1';
    const base: Row[] = [
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'MapStateEntered', 1, entered('Rows')],
      [3, 2, 'MapStateStarted', 1],
      [4, 3, 'MapRunStarted', 1, { mapRunStartedEventDetails: { mapRunArn: arn } }],
    ];
    const at = (more: Row[]) => analyzeHistory(history([...base, ...more])).runs[0]!;
    expect(at([])).toMatchObject({ mapRunArn: arn, mapRunStatus: 'running', status: 'running' });
    expect(at([[5, 4, 'MapRunSucceeded', 2]]).mapRunStatus).toBe('succeeded');
    expect(at([[5, 4, 'MapRunAborted', 2]]).mapRunStatus).toBe('aborted');
    const failed = at([
      [
        5,
        4,
        'MapRunFailed',
        2,
        { mapRunFailedEventDetails: { error: 'States.ExceedToleratedFailureThreshold', cause: 'c' } },
      ],
    ]);
    expect(failed).toMatchObject({
      mapRunStatus: 'failed',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'c',
    });
    expect(
      at([
        [5, 4, 'MapRunFailed', 2, { mapRunFailedEventDetails: {} }],
        [6, 5, 'MapRunRedriven', 3, { mapRunRedrivenEventDetails: { mapRunArn: arn, redriveCount: 1 } }],
      ]),
    ).toMatchObject({ mapRunStatus: 'running' });
    expect(at([[5, 4, 'MapRunFailed', 2, { mapRunFailedEventDetails: {} }]]).error).toBeUndefined();
    const aborted = at([[5, 4, 'MapRunAborted', 2, { mapRunAbortedEventDetails: { error: 'Stop', cause: 'user' } }]]);
    expect([aborted.error, aborted.cause]).toEqual(['Stop', 'user']);
    const succeeded = at([[5, 4, 'MapRunSucceeded', 2, { mapRunSucceededEventDetails: { error: 'no' } }]]);
    expect(succeeded.error).toBeUndefined();
    expect(at([[5, 4, 'MapRunStarted', 2, { mapRunStartedEventDetails: { mapRunArn: 7 } }]]).mapRunArn).toBe(arn);
  });
});

describe('what a history cannot tell, and odd histories', () => {
  it('marks truncated input and output', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'PassStateEntered', 1, entered('Big', 'x', true)],
        [3, 2, 'PassStateExited', 1, exited('Big', 'y', true)],
        [4, 3, 'PassStateEntered', 1, entered('Small', 'x')],
        [5, 4, 'PassStateExited', 1, exited('Small', 'y')],
      ]),
    );
    expect(r.runs.map((x) => [x.inputTruncated, x.outputTruncated])).toEqual([
      [true, true],
      [undefined, undefined],
    ]);
  });

  it('leaves out a duration that would be negative (clocks that disagree)', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 10],
        [2, 1, 'PassStateEntered', 9, entered('Back')],
        [3, 2, 'PassStateExited', 8, exited('Back')],
        [4, 3, 'PassStateEntered', 9, entered('Zero')],
        [5, 4, 'PassStateExited', 9, exited('Zero')],
        [6, 5, 'ExecutionSucceeded', 5],
      ]),
    );
    expect(r.runs.map((x) => x.durationMs)).toEqual([undefined, 0]);
    expect(r.durationMs).toBeUndefined();
    expect(r.endMs).toBe(T0 + 5000);
  });

  it('reports duplicates, unknown execution events, exits never entered, stray events and unnamed states', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'ExecutionPaused', 0],
        [3, 2, 'PassStateExited', 0, exited('Ghost')],
        [4, 3, 'TaskScheduled', 0],
        [5, 4, 'PassStateEntered', 0, { stateEnteredEventDetails: {} }],
      ]),
    );
    expect(r.problems).toEqual([
      '1 duplicate event id(s) ignored.',
      'Event 2: unknown execution event type "ExecutionPaused".',
      'Event 3: PassStateExited for "Ghost" which was not entered.',
      'Event 4: TaskScheduled outside any open state.',
      'Event 5: PassStateEntered without a state name.',
    ]);
    expect(r.eventCount).toBe(5);
    expect(r.runs.map((x) => x.name)).toEqual(['(unnamed Pass #5)']);
  });

  it('keeps at most 50 problems', () => {
    const rows: Row[] = [[1, 0, 'ExecutionStarted', 0]];
    for (let i = 2; i < 80; i++) rows.push([i, 1, 'TaskScheduled', 0]);
    const r = analyzeHistory(history(rows));
    expect(r.problems).toHaveLength(50);
    expect(r.problems[49]).toBe('Event 51: TaskScheduled outside any open state.');
  });

  it('without ids: events in the order given, placed in the innermost open state, the rest counted', () => {
    const r = analyzeHistory(
      history([
        [undefined, 0, 'ExecutionStarted', 0],
        [undefined, 0, 'TaskScheduled', 0],
        [undefined, 0, 'TaskStateEntered', 1, entered('T')],
        [undefined, 0, 'TaskScheduled', 1],
        [undefined, 0, 'TaskFailed', 2, { taskFailedEventDetails: { error: 'E' } }],
        [undefined, 0, 'TaskScheduled', 3],
        [undefined, 0, 'TaskSucceeded', 4],
        [undefined, 0, 'TaskStateExited', 4, exited('T')],
        [undefined, 0, 'ExecutionSucceeded', 5],
      ]),
    );
    expect(r.runs.map((x) => [x.name, x.status, x.retries, x.enteredEventId])).toEqual([
      ['T', 'succeeded', 1, undefined],
    ]);
    expect(r.problems).toEqual([
      'Some events have no numeric id: their order and links were taken as given.',
      '1 event(s) without an id could not be placed in a state.',
    ]);
    expect(r.status).toBe('succeeded');
  });

  it('an evaluation failure belongs to the state entered with the same cause link', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'PassStateEntered', 1, entered('Before')],
        [3, 2, 'PassStateExited', 1, exited('Before')],
        [4, 3, 'ChoiceStateEntered', 1, entered('Pick')],
        [
          5,
          3,
          'EvaluationFailed',
          1,
          { evaluationFailedEventDetails: { error: 'States.QueryEvaluationError', state: 'Pick' } },
        ],
        [6, 5, 'ExecutionFailed', 1, { executionFailedEventDetails: { error: 'States.QueryEvaluationError' } }],
      ]),
    );
    expect(r.runs.map((x) => [x.name, x.status, x.error])).toEqual([
      ['Before', 'succeeded', undefined],
      ['Pick', 'failed', 'States.QueryEvaluationError'],
    ]);
  });
});

describe('smaller cases the mutation run showed untested', () => {
  it('a caught time-out without an error field is States.Timeout (the execution names nothing here)', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'TaskStateEntered', 1, entered('Slow')],
        [3, 2, 'TaskScheduled', 1],
        [4, 3, 'TaskTimedOut', 5],
        [5, 4, 'TaskStateExited', 5, exited('Slow')],
        [6, 5, 'ExecutionSucceeded', 6],
      ]),
    );
    expect(r.runs[0]).toMatchObject({ status: 'caught', error: 'States.Timeout' });
  });

  it('a Map failing without an error of its own takes the execution’s cause too', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'MapStateEntered', 1, entered('Each')],
        [3, 2, 'MapStateStarted', 1, { mapStateStartedEventDetails: { length: 0 } }],
        [4, 3, 'MapStateFailed', 2],
        [5, 4, 'ExecutionFailed', 2, { executionFailedEventDetails: { error: 'E', cause: 'why' } }],
      ]),
    );
    expect(r.runs[0]).toMatchObject({ error: 'E', cause: 'why' });
  });

  it('takes the redrive count from the details even when it skips a number', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'ExecutionFailed', 1],
        [3, 2, 'ExecutionRedriven', 2, { executionRedrivenEventDetails: { redriveCount: 3 } }],
      ]),
    );
    expect(r.redrives.map((x) => x.redriveCount)).toEqual([3]);
  });

  it('lists iterations by index whatever order they started in', () => {
    const r = analyzeHistory(
      history([
        [1, 0, 'ExecutionStarted', 0],
        [2, 1, 'MapStateEntered', 1, entered('Each')],
        [3, 2, 'MapStateStarted', 1, { mapStateStartedEventDetails: { length: 2 } }],
        [4, 3, 'MapIterationStarted', 1, { mapIterationStartedEventDetails: { name: 'Each', index: 1 } }],
        [5, 3, 'MapIterationStarted', 2, { mapIterationStartedEventDetails: { name: 'Each', index: 0 } }],
      ]),
    );
    expect(r.runs[0]!.iterations!.map((i) => i.index)).toEqual([0, 1]);
  });
});
