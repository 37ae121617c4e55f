import { describe, expect, it } from 'vitest';
import { runMachine } from '../../../shared/sfn/interpreter/engine.ts';
import { InterpreterStop } from '../../../shared/sfn/interpreter/errors.ts';
import { readMocks, MockFormatError } from '../../../shared/sfn/interpreter/mocks.ts';
import { testState } from '../../../shared/sfn/interpreter/teststate.ts';
import { analyzeHistory, applyExecution } from '../../../shared/sfn/history.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';

const ORDER = {
  Comment: 'order',
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'Payload.$': '$' },
      ResultSelector: { 'valid.$': '$.Payload.valid' },
      ResultPath: '$.check',
      Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Rejected' }],
      Next: 'Valid?',
    },
    'Valid?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.check.valid', BooleanEquals: true, Next: 'Ship' }],
      Default: 'Rejected',
    },
    Ship: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ItemProcessor: {
        StartAt: 'Pack',
        States: { Pack: { Type: 'Wait', Seconds: 10, Next: 'Done' }, Done: { Type: 'Pass', End: true } },
      },
      ResultPath: '$.shipped',
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 5, End: true } } },
      ],
      ResultPath: '$.both',
      End: true,
    },
    Rejected: { Type: 'Fail', Error: 'Rejected', Cause: 'invalid order' },
  },
};

describe('runMachine', () => {
  it('runs every state type, in virtual time, and its history reads like an AWS one', async () => {
    const r = await runMachine(ORDER, {
      input: { items: [1, 2, 3] },
      mocks: {
        Validate: [
          { kind: 'error', error: 'Lambda.TooManyRequestsException', cause: 'slow down' },
          { kind: 'result', value: { Payload: { valid: true } } },
        ],
      },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({
      items: [1, 2, 3],
      check: { valid: true },
      shipped: [1, 2, 3],
      both: ['a', { items: [1, 2, 3], check: { valid: true }, shipped: [1, 2, 3] }],
    });
    // 2 s retry + Map of 3 items of 10 s two at a time (20 s) + the longest branch (5 s).
    expect(r.durationMs).toBe(27_000);
    const report = analyzeHistory({ events: r.events });
    expect(report.status).toBe('succeeded');
    expect(report.problems).toEqual([]);
    expect(report.states.Validate).toMatchObject({ status: 'succeeded', retries: 1 });
    expect(report.states.Pack).toMatchObject({ runs: 3, status: 'succeeded' });
    expect(report.durationMs).toBe(27_000);
    const overlay = applyExecution(
      buildGraph({ name: 'm', resourceType: 'asl', definition: ORDER, placeholders: [], stateSpans: {} }),
      report,
    );
    expect(overlay.Rejected?.status ?? 'not-run').toBe('not-run');
    expect(overlay.B?.status).toBe('succeeded');
  });

  it('takes the Catch path with the error under ResultPath and fails in the Fail state', async () => {
    const r = await runMachine(ORDER, {
      input: { items: [] },
      mocks: { Validate: [{ kind: 'error', error: 'Boom', cause: 'bad' }] },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'invalid order' });
    expect(r.steps.map((s) => s.name)).toEqual(['Validate', 'Rejected']);
    expect(r.steps[0]!.output).toEqual({ items: [], error: { Error: 'Boom', Cause: 'bad' } });
    expect(analyzeHistory({ events: r.events }).states.Validate?.status).toBe('caught');
  });

  it('stops with a message naming a Task that has no mock', async () => {
    await expect(runMachine(ORDER, { input: {} })).rejects.toThrow(InterpreterStop);
    await expect(runMachine(ORDER, { input: {} })).rejects.toThrow(/"Validate" has no mocked response/);
  });

  it('a state output over 256 KiB is States.DataLimitExceeded, which States.ALL does not catch', async () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          ResultPath: '$.r',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }],
          End: true,
        },
        S: { Type: 'Succeed' },
      },
    };
    const r = await runMachine(def, {
      input: { big: 'y'.repeat(200_000) },
      mocks: { P: [{ kind: 'result', value: 'x'.repeat(100_000) }] },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('a Task result over 256 KiB is a TaskFailed States.DataLimitExceeded that States.ALL catches, as AWS records it', async () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }],
          End: true,
        },
        S: { Type: 'Succeed' },
      },
    };
    const r = await runMachine(def, { mocks: { P: [{ kind: 'result', value: 'x'.repeat(262_144) }] } });
    expect(r).toMatchObject({
      status: 'SUCCEEDED',
      output: {
        Error: 'States.DataLimitExceeded',
        Cause:
          "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.",
      },
    });
    expect(r.events.map((e) => e.type)).toContain('TaskFailed');
  });

  it('JSONata: Assign and Output see the variables as they were; inner scopes read outer variables', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $x + 1 %}' }, Output: { seen: '{% $x %}' }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: '{% [1, 2] %}',
          ItemProcessor: {
            StartAt: 'I',
            States: { I: { Type: 'Pass', Output: '{% $states.input * $x %}', End: true } },
          },
          End: true,
        },
      },
    };
    const r = await runMachine(def, { input: {} });
    expect(r.steps.find((s) => s.name === 'B')?.output).toEqual({ seen: 1 });
    expect(r.output).toEqual([2, 4]);
    const isolated = await runMachine(
      {
        ...def,
        States: {
          ...def.States,
          M: {
            ...def.States.M,
            ItemProcessor: { ...def.States.M.ItemProcessor, ProcessorConfig: { Mode: 'DISTRIBUTED' } },
          },
        },
      },
      { input: {} },
    );
    expect(isolated).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('a Map tolerates failures up to ToleratedFailureCount', async () => {
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ToleratedFailureCount: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED' },
            StartAt: 'C',
            States: {
              C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'F' }], Default: 'S' },
              F: { Type: 'Fail', Error: 'Two' },
              S: { Type: 'Succeed' },
            },
          },
          End: true,
        },
      },
    };
    expect(await runMachine(def, { input: [1, 2, 3] })).toMatchObject({ status: 'SUCCEEDED', output: [1, null, 3] });
    expect(await runMachine(def, { input: [2, 2, 3] })).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
    });
  });

  it('Wait with a timestamp moves the virtual clock', async () => {
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.at', End: true } } };
    const r = await runMachine(def, { input: { at: '2024-01-01T01:00:00Z' } });
    expect(r.durationMs).toBe(3_600_000);
  });
});

describe('mocks', () => {
  it('reads a Step Functions Local mock configuration with ranges and test cases', () => {
    const config = {
      StateMachines: { Order: { TestCases: { Happy: { Validate: 'Ok' }, Retry: { Validate: 'Flaky' } } } },
      MockedResponses: {
        Ok: { '0': { Return: { Payload: { valid: true } } } },
        Flaky: {
          '0-1': { Throw: { Error: 'Lambda.TooManyRequestsException', Cause: 'slow' } },
          '2': { Return: { Payload: { valid: false } } },
        },
      },
    };
    expect(readMocks(config, { testCase: 'Happy' })).toEqual({
      Validate: [{ kind: 'result', value: { Payload: { valid: true } } }],
    });
    const flaky = readMocks(config, { testCase: 'Retry' }).Validate!;
    expect(flaky.map((r) => r.kind)).toEqual(['error', 'error', 'result']);
    expect(() => readMocks(config)).toThrow(/several test cases \(Happy, Retry\)/);
    expect(() =>
      readMocks({ ...config, MockedResponses: { Ok: { '1': { Return: 1 } } } }, { testCase: 'Happy' }),
    ).toThrow(MockFormatError);
  });
  it('reads TestState-style mocks (result as a JSON string, or errorOutput)', () => {
    expect(
      readMocks({ T: { result: '{"a":1}' }, U: [{ errorOutput: { error: 'E', cause: 'c' } }, { result: '2' }] }),
    ).toEqual({
      T: [{ kind: 'result', value: { a: 1 } }],
      U: [
        { kind: 'error', error: 'E', cause: 'c' },
        { kind: 'result', value: 2 },
      ],
    });
    expect(() => readMocks({ T: { result: 'not json' } })).toThrow(/not JSON/);
  });
});

describe('testState', () => {
  it('gives TestState statuses: SUCCEEDED with inspection data, RETRIABLE, CAUGHT_ERROR, FAILED', async () => {
    const ok = await testState({
      definition: ORDER,
      stateName: 'Validate',
      input: { id: 1 },
      mock: { result: '{"Payload":{"valid":true}}' },
    });
    expect(ok).toMatchObject({
      status: 'SUCCEEDED',
      nextState: 'Valid?',
      output: '{"id":1,"check":{"valid":true}}',
      inspectionData: {
        input: '{"id":1}',
        afterInputPath: '{"id":1}',
        afterParameters: '{"Payload":{"id":1}}',
        result: '{"Payload":{"valid":true}}',
        afterResultSelector: '{"valid":true}',
        afterResultPath: '{"id":1,"check":{"valid":true}}',
      },
    });
    const retry = await testState({
      definition: ORDER,
      stateName: 'Validate',
      input: {},
      mock: { errorOutput: { error: 'Lambda.TooManyRequestsException', cause: 'x' } },
    });
    expect(retry).toMatchObject({
      status: 'RETRIABLE',
      inspectionData: { errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 2 } },
    });
    const exhausted = await testState({
      definition: ORDER,
      stateName: 'Validate',
      input: {},
      mock: { errorOutput: { error: 'Lambda.TooManyRequestsException', cause: 'x' } },
      stateConfiguration: { retrierRetryCount: 2 },
    });
    expect(exhausted).toMatchObject({
      status: 'CAUGHT_ERROR',
      nextState: 'Rejected',
      error: 'Lambda.TooManyRequestsException',
    });
    const failed = await testState({ definition: { Type: 'Pass', InputPath: '$.nope', End: true }, input: {} });
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(failed.step?.failedStage).toBe('afterInputPath');
  });
});

describe('bad definitions and inputs', () => {
  it('a machine that loops forever stops with a message, not a hang', async () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } };
    await expect(runMachine(def, { maxStates: 5000 })).rejects.toThrow(/Stopped after 5000 state entries/);
  });
  it('says what is wrong with a definition that cannot run', async () => {
    await expect(runMachine(null)).rejects.toThrow(/not a JSON object/);
    await expect(runMachine({ States: {} })).rejects.toThrow(/no StartAt\/States/);
    expect(await runMachine({ StartAt: 'X', States: {} })).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: expect.stringMatching(/'X' is not defined/),
    });
    expect(await runMachine({ StartAt: 'A', States: { A: { Type: 'Teleport', End: true } } })).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
    });
    expect(
      await runMachine({
        StartAt: 'A',
        States: { A: { Type: 'Pass', Parameters: { 'x.$': 'States.Format(' }, End: true } },
      }),
    ).toMatchObject({
      status: 'FAILED',
      error: 'States.IntrinsicFailure',
    });
    expect(
      await runMachine({
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: { A: { Type: 'Pass', Output: '{% $$$ %}', End: true } },
      }),
    ).toMatchObject({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
    });
  });
  it('an execution input over 256 KiB fails with States.DataLimitExceeded', async () => {
    const r = await runMachine(
      { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
      { input: 'x'.repeat(300_000) },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });
});

describe('Map item sources', () => {
  it('ItemBatcher groups items into {BatchInput, Items}; an ItemReader takes its items from a mock of the Map state', async () => {
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON' },
            Parameters: { Bucket: 'b', Key: 'k' },
          },
          ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { run: 'r1' } },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    };
    const r = await runMachine(def, { mocks: { M: [{ kind: 'result', value: [1, 2, 3] }] } });
    expect(r).toMatchObject({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { run: 'r1' }, Items: [1, 2] },
        { BatchInput: { run: 'r1' }, Items: [3] },
      ],
    });
    // Distributed: the iterations are child executions, not in this history.
    expect(r.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    await expect(runMachine(def)).rejects.toThrow(/The Map state \(ItemReader\) "M" has no mocked response/);
  });
});
