/**
 * Conformance with the AWS Step Functions developer guide: each row is an input → output example from the page
 * named in `source`, run through the interpreter (a one-state machine or TestState-shaped call).
 */
import { describe, expect, it } from 'vitest';
import { runMachine } from '../../../shared/sfn/interpreter/engine.ts';
import { testState } from '../../../shared/sfn/interpreter/teststate.ts';

const DG = 'https://docs.aws.amazon.com/step-functions/latest/dg/';

interface Example {
  name: string;
  source: string;
  state: Record<string, unknown>;
  input: unknown;
  /** The Task's (mocked) result, for Task examples. */
  result?: unknown;
  variables?: Record<string, unknown>;
  expected: unknown;
}

const ioInput = {
  comment: 'Example for InputPath.',
  dataset1: { val1: 1, val2: 2, val3: 3 },
  dataset2: { val1: 'a', val2: 'b', val3: 'c' },
};
const resultPathInput = {
  comment: 'This is a test of the input and output of a Task state.',
  details: 'Default example',
  who: 'AWS Step Functions',
};
const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction';
const nine = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] };
const intrinsic = (expr: string): Record<string, unknown> => ({
  Type: 'Pass',
  Parameters: { 'value.$': expr },
  End: true,
});

const EXAMPLES: Example[] = [
  {
    name: 'InputPath selects dataset2',
    source: 'input-output-inputpath-params.html',
    state: { Type: 'Pass', InputPath: '$.dataset2', End: true },
    input: ioInput,
    expected: { val1: 'a', val2: 'b', val3: 'c' },
  },
  {
    name: 'InputPath array slice',
    source: 'input-output-inputpath-params.html',
    state: { Type: 'Pass', InputPath: '$.a[0:1]', End: true },
    input: { a: [1, 2, 3, 4] },
    expected: [1],
  },
  {
    name: 'InputPath array index',
    source: 'input-output-inputpath-params.html',
    state: { Type: 'Pass', InputPath: '$.a[0]', End: true },
    input: { a: [1, 2, 3, 4] },
    expected: 1,
  },
  {
    name: 'Parameters with .$ keys and a static value',
    source: 'input-output-inputpath-params.html',
    state: {
      Type: 'Pass',
      Parameters: {
        comment: 'Selecting what I care about.',
        MyDetails: { 'size.$': '$.product.details.size', 'exists.$': '$.product.availability', StaticValue: 'foo' },
      },
      End: true,
    },
    input: {
      comment: 'Example for Parameters.',
      product: {
        details: { color: 'blue', size: 'small', material: 'cotton' },
        availability: 'in stock',
        sku: '2317',
        cost: '$23',
      },
    },
    expected: {
      comment: 'Selecting what I care about.',
      MyDetails: { size: 'small', exists: 'in stock', StaticValue: 'foo' },
    },
  },
  {
    name: 'ResultSelector picks fields from the result',
    source: 'input-output-inputpath-params.html',
    state: {
      Type: 'Task',
      Resource: 'arn:aws:states:::elasticmapreduce:createCluster.sync',
      ResultSelector: { 'ClusterId.$': '$.output.ClusterId', 'ResourceType.$': '$.resourceType' },
      ResultPath: '$',
      End: true,
    },
    input: {},
    result: {
      resourceType: 'elasticmapreduce',
      resource: 'createCluster.sync',
      output: {
        SdkHttpMetadata: { HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: '1234-5678-9012' },
        ClusterId: 'AKIAIOSFODNN7EXAMPLE',
      },
    },
    expected: { ClusterId: 'AKIAIOSFODNN7EXAMPLE', ResourceType: 'elasticmapreduce' },
  },
  {
    name: 'ResultPath $ replaces the input',
    source: 'input-output-resultpath.html',
    state: { Type: 'Task', Resource: lambda, ResultPath: '$', End: true },
    input: resultPathInput,
    result: 'Hello, AWS Step Functions!',
    expected: 'Hello, AWS Step Functions!',
  },
  {
    name: 'ResultPath null discards the result',
    source: 'input-output-resultpath.html',
    state: { Type: 'Task', Resource: lambda, ResultPath: null, End: true },
    input: resultPathInput,
    result: 'Hello, AWS Step Functions!',
    expected: resultPathInput,
  },
  {
    name: 'ResultPath adds the result to the input',
    source: 'input-output-resultpath.html',
    state: { Type: 'Task', Resource: lambda, ResultPath: '$.taskresult', End: true },
    input: resultPathInput,
    result: 'Hello, AWS Step Functions!',
    expected: { ...resultPathInput, taskresult: 'Hello, AWS Step Functions!' },
  },
  {
    name: 'ResultPath creates missing nodes',
    source: 'input-output-resultpath.html',
    state: { Type: 'Task', Resource: lambda, ResultPath: '$.strings.lambdaresult', End: true },
    input: resultPathInput,
    result: 'Hello, AWS Step Functions!',
    expected: { ...resultPathInput, strings: { lambdaresult: 'Hello, AWS Step Functions!' } },
  },
  {
    name: 'OutputPath selects the Lambda payload',
    source: 'input-output-example.html',
    state: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true },
    input: {},
    result: { ExecutedVersion: '$LATEST', Payload: { foo: 'bar' }, StatusCode: 200 },
    expected: { foo: 'bar' },
  },
  {
    name: 'States.Format',
    source: 'intrinsic-functions.html',
    state: intrinsic("States.Format('Hello, my name is {}.', $.name)"),
    input: { name: 'Arnav' },
    expected: { value: 'Hello, my name is Arnav.' },
  },
  {
    name: 'States.StringToJson',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.StringToJson($.someString)'),
    input: { someString: '{"number": 20}' },
    expected: { value: { number: 20 } },
  },
  {
    name: 'States.JsonToString',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.JsonToString($.someJson)'),
    input: { someJson: { name: 'Foo', year: 2020 } },
    expected: { value: '{"name":"Foo","year":2020}' },
  },
  {
    name: 'States.Array',
    source: 'intrinsic-functions.html',
    state: intrinsic("States.Array('Foo', 2020, $.someJson, null)"),
    input: { someJson: { random: 'abcdefg' } },
    expected: { value: ['Foo', 2020, { random: 'abcdefg' }, null] },
  },
  {
    name: 'States.ArrayPartition',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.ArrayPartition($.inputArray,4)'),
    input: nine,
    expected: { value: [[1, 2, 3, 4], [5, 6, 7, 8], [9]] },
  },
  {
    name: 'States.ArrayContains',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.ArrayContains($.inputArray, $.lookingFor)'),
    input: { ...nine, lookingFor: 5 },
    expected: { value: true },
  },
  {
    name: 'States.ArrayRange',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.ArrayRange(1, 9, 2)'),
    input: {},
    expected: { value: [1, 3, 5, 7, 9] },
  },
  {
    name: 'States.ArrayGetItem',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.ArrayGetItem($.inputArray, $.index)'),
    input: { ...nine, index: 5 },
    expected: { value: 6 },
  },
  {
    name: 'States.ArrayLength',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.ArrayLength($.inputArray)'),
    input: nine,
    expected: { value: 9 },
  },
  {
    name: 'States.ArrayUnique',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.ArrayUnique($.inputArray)'),
    input: { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] },
    expected: { value: [1, 2, 3, 4] },
  },
  {
    name: 'States.Base64Encode',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.Base64Encode($.input)'),
    input: { input: 'Data to encode' },
    expected: { value: 'RGF0YSB0byBlbmNvZGU=' },
  },
  {
    name: 'States.Base64Decode',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.Base64Decode($.base64)'),
    input: { base64: 'RGF0YSB0byBlbmNvZGU=' },
    expected: { value: 'Data to encode' },
  },
  {
    name: 'States.Hash SHA-1',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.Hash($.Data, $.Algorithm)'),
    input: { Data: 'input data', Algorithm: 'SHA-1' },
    expected: { value: 'aaff4a450a104cd177d28d18d74485e8cae074b7' },
  },
  {
    name: 'States.JsonMerge (shallow)',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.JsonMerge($.json1, $.json2, false)'),
    input: { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } },
    expected: { value: { a: { a3: 1, a4: 2 }, b: 2, c: 3 } },
  },
  {
    name: 'States.MathAdd',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.MathAdd($.value1, $.step)'),
    input: { value1: 111, step: -1 },
    expected: { value: 110 },
  },
  {
    name: 'States.StringSplit on one character',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.StringSplit($.inputString, $.splitter)'),
    input: { inputString: '1,2,3,4,5', splitter: ',' },
    expected: { value: ['1', '2', '3', '4', '5'] },
  },
  {
    name: 'States.StringSplit on any of several characters',
    source: 'intrinsic-functions.html',
    state: intrinsic('States.StringSplit($.inputString, $.splitter)'),
    input: { inputString: 'This.is+a,test=string', splitter: '.+,=' },
    expected: { value: ['This', 'is', 'a', 'test', 'string'] },
  },
  {
    name: 'Context object: state name',
    source: 'input-output-contextobject.html',
    state: { Type: 'Pass', Parameters: { 'name.$': '$$.State.Name' }, End: true },
    input: {},
    expected: { name: 'Example' },
  },
  {
    name: 'Choice: NumericGreaterThanEquals and NumericLessThan in And',
    source: 'state-choice.html',
    state: {
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.value', NumericGreaterThanEquals: 20 },
            { Variable: '$.value', NumericLessThan: 30 },
          ],
          Next: 'ValueInTwenties',
        },
      ],
      Default: 'DefaultState',
    },
    input: { value: 25 },
    expected: { next: 'ValueInTwenties' },
  },
  {
    name: 'Choice: StringMatches wildcard',
    source: 'state-choice.html',
    state: {
      Type: 'Choice',
      Choices: [{ Variable: '$.type', StringMatches: 'log-*.txt', Next: 'Logs' }],
      Default: 'Other',
    },
    input: { type: 'log-2024.txt' },
    expected: { next: 'Logs' },
  },
  {
    name: 'Choice: Default when nothing matches',
    source: 'state-choice.html',
    state: {
      Type: 'Choice',
      Choices: [{ Variable: '$.type', StringEquals: 'Private', Next: 'Private' }],
      Default: 'Public',
    },
    input: { type: 'Public' },
    expected: { next: 'Public' },
  },
  {
    name: 'Map: ItemsPath, ItemSelector with $$.Map.Item.Value',
    source: 'state-map-inline.html',
    state: {
      Type: 'Map',
      InputPath: '$.detail',
      ItemsPath: '$.shipped',
      ItemSelector: { 'parcel.$': '$$.Map.Item.Value', 'courier.$': '$.delivery-partner' },
      ItemProcessor: { StartAt: 'Validate', States: { Validate: { Type: 'Pass', End: true } } },
      ResultPath: '$.detail.shipped',
      End: true,
    },
    input: {
      'ship-date': '2016-03-14T01:59:00Z',
      detail: {
        'delivery-partner': 'UQS',
        shipped: [
          { prod: 'R31', 'dest-code': 9511, quantity: 1344 },
          { prod: 'S39', 'dest-code': 9511, quantity: 40 },
        ],
      },
    },
    expected: {
      'ship-date': '2016-03-14T01:59:00Z',
      detail: {
        'delivery-partner': 'UQS',
        shipped: [
          { parcel: { prod: 'R31', 'dest-code': 9511, quantity: 1344 }, courier: 'UQS' },
          { parcel: { prod: 'S39', 'dest-code': 9511, quantity: 40 }, courier: 'UQS' },
        ],
      },
    },
  },
  {
    name: 'Map: Index and Value from the context object',
    source: 'input-output-contextobject.html',
    state: {
      Type: 'Map',
      ItemSelector: { 'ContextIndex.$': '$$.Map.Item.Index', 'ContextValue.$': '$$.Map.Item.Value' },
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      End: true,
    },
    input: [{ who: 'bob' }, { who: 'meg' }, { who: 'joe' }],
    expected: [
      { ContextIndex: 0, ContextValue: { who: 'bob' } },
      { ContextIndex: 1, ContextValue: { who: 'meg' } },
      { ContextIndex: 2, ContextValue: { who: 'joe' } },
    ],
  },
  {
    name: 'JSONata: Arguments and Output from $states',
    source: 'transforming-data.html',
    state: {
      Type: 'Task',
      QueryLanguage: 'JSONata',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'f', Payload: { 'customer.$notjsonpath': '{% $states.input.customer %}' } },
      Output: '{% $states.result.Payload %}',
      End: true,
    },
    input: { customer: 'Ana' },
    result: { Payload: { greeting: 'hello Ana' }, StatusCode: 200 },
    expected: { greeting: 'hello Ana' },
  },
  {
    name: 'JSONata: Pass Output with an expression',
    source: 'transforming-data.html',
    state: {
      Type: 'Pass',
      QueryLanguage: 'JSONata',
      Output: { total: '{% $sum($states.input.items.price) %}' },
      End: true,
    },
    input: { items: [{ price: 2 }, { price: 3.5 }] },
    expected: { total: 5.5 },
  },
  {
    name: 'Variables: a JSONPath state reads $variable',
    source: 'workflow-variables.html',
    state: { Type: 'Pass', Parameters: { 'product.$': '$productName', 'count.$': '$count' }, End: true },
    input: {},
    variables: { productName: 'product1', count: 42 },
    expected: { product: 'product1', count: 42 },
  },
  {
    name: 'Catch: ResultPath $.error keeps the input',
    source: 'concepts-error-handling.html',
    state: {
      Type: 'Task',
      Resource: lambda,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recovery' }],
      End: true,
    },
    input: { foo: 'bar' },
    result: { error: 'CustomError', cause: 'This is a custom error!' },
    expected: { foo: 'bar', error: { Error: 'CustomError', Cause: 'This is a custom error!' } },
  },
];

describe('AWS developer guide examples', () => {
  const rows: { name: string; ok: boolean }[] = [];
  it.each(EXAMPLES)('$name ($source)', async (ex) => {
    const isError =
      ex.result !== null &&
      typeof ex.result === 'object' &&
      'error' in (ex.result as object) &&
      'cause' in (ex.result as object);
    const mock =
      ex.result === undefined
        ? undefined
        : isError
          ? { errorOutput: ex.result }
          : { result: JSON.stringify(ex.result) };
    const out = await testState({
      definition: ex.state,
      stateName: 'Example',
      input: ex.input,
      mock,
      variables: ex.variables,
    });
    const actual =
      (ex.expected as { next?: string }).next !== undefined && ex.state.Type === 'Choice'
        ? { next: out.nextState }
        : out.output === undefined
          ? out
          : JSON.parse(out.output);
    rows.push({ name: ex.name, ok: JSON.stringify(actual) === JSON.stringify(ex.expected) });
    expect(actual, `${DG}${ex.source}`).toEqual(ex.expected);
  });
  it('reports the agreement', () => {
    const agree = rows.filter((r) => r.ok).length;
    console.log(`AWS developer guide examples: ${agree}/${EXAMPLES.length} agree`);
    expect(agree).toBe(EXAMPLES.length);
  });

  it('Retry: IntervalSeconds 3, BackoffRate 1.5, MaxAttempts 2 waits 3 s then 4.5 s (concepts-error-handling.html)', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: lambda,
          Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5 }],
          End: true,
        },
      },
    };
    const timeout = { kind: 'error' as const, error: 'States.Timeout', cause: '' };
    const ok = await runMachine(def, { input: {}, mocks: { T: [timeout, timeout, { kind: 'result', value: 1 }] } });
    expect(ok.status).toBe('SUCCEEDED');
    expect(ok.durationMs).toBe(7500);
    const failed = await runMachine(def, { input: {}, mocks: { T: [timeout, timeout, timeout] } });
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });
  it('Retry: MaxDelaySeconds caps the backoff (concepts-error-handling.html)', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: lambda,
          Retry: [
            { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 10, MaxDelaySeconds: 15 },
          ],
          End: true,
        },
      },
    };
    const e = { kind: 'error' as const, error: 'X', cause: '' };
    const r = await runMachine(def, { input: {}, mocks: { T: [e, e, e, { kind: 'result', value: 1 }] } });
    expect(r.durationMs).toBe((10 + 15 + 15) * 1000);
  });
  it('States.ALL does not catch States.Runtime (concepts-error-handling.html)', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: lambda,
          OutputPath: '$.missing',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }],
          End: true,
        },
        C: { Type: 'Succeed' },
      },
    };
    const r = await runMachine(def, { input: {}, mocks: { T: [{ kind: 'result', value: { a: 1 } }] } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});
