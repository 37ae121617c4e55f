import { describe, expect, it } from 'vitest';
import { buildGraph, endId, isSyntheticId, missingId, startId, syntheticKind } from '../../../shared/asl/graph.ts';
import { SYNTHETIC_PREFIX, type MachineSource, type StateGraph } from '../../../shared/asl/types.ts';

function machine(definition: unknown, extra: Partial<MachineSource> = {}): MachineSource {
  return { name: 'm', resourceType: 'asl', definition, placeholders: [], stateSpans: {}, ...extra };
}

function edges(g: StateGraph) {
  return g.edges.map((e) => [e.from, e.to, e.kind, e.label]);
}

describe('synthetic ids', () => {
  it('are built from the prefix and the scope, and recognised', () => {
    expect(startId()).toBe(`${SYNTHETIC_PREFIX}start`);
    expect(startId('P', 1)).toBe(`${SYNTHETIC_PREFIX}start:P:1`);
    expect(endId()).toBe(`${SYNTHETIC_PREFIX}end`);
    expect(endId('M', 0)).toBe(`${SYNTHETIC_PREFIX}end:M:0`);
    expect(missingId(null, null, 'Nope')).toBe(`${SYNTHETIC_PREFIX}missing:Nope`);
    expect(missingId('P', 2, 'Nope')).toBe(`${SYNTHETIC_PREFIX}missing:P:2:Nope`);
    expect(isSyntheticId(startId('P', 1))).toBe(true);
    expect(isSyntheticId('start')).toBe(false);
    expect(syntheticKind(endId('P', 0))).toBe('end');
    expect(syntheticKind(missingId(null, null, 'x'))).toBe('missing');
    expect(syntheticKind('Task')).toBeUndefined();
  });
});

describe('buildGraph', () => {
  it('draws start, next, end edges and marks start/end states', () => {
    const g = buildGraph(
      machine({
        Comment: 'c',
        StartAt: 'A',
        States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } },
      }),
    );
    expect(g.name).toBe('m');
    expect(g.comment).toBe('c');
    expect(g.startAt).toBe('A');
    expect(edges(g)).toEqual([
      [startId(), 'A', 'start', undefined],
      ['A', 'B', 'next', undefined],
      ['B', endId(), 'end', undefined],
    ]);
    expect(g.states.map((s) => [s.id, s.isStart, s.isEnd, s.parent, s.branch, s.depth])).toEqual([
      ['A', true, false, null, null, 0],
      ['B', false, true, null, null, 0],
    ]);
    expect(g.synthetic.map((s) => s.kind)).toEqual(['start', 'end']);
    expect(g.diagnostics).toEqual([]);
  });

  it('Succeed and Fail go to End; Choice rules are labelled, Default says "Default"', () => {
    const g = buildGraph(
      machine({
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Choices: [
              {
                And: [
                  { Variable: '$.total', NumericGreaterThan: 1000 },
                  { Variable: '$.valid', BooleanEquals: true },
                ],
                Next: 'Big',
              },
              { Not: { Variable: '$.kind', StringEquals: 'x' }, Next: 'Bad' },
            ],
            Default: 'Big',
          },
          Big: { Type: 'Succeed' },
          Bad: { Type: 'Fail', Error: 'E' },
        },
      }),
    );
    expect(edges(g)).toEqual([
      [startId(), 'C', 'start', undefined],
      ['C', 'Big', 'choice', '$.total > 1000 and $.valid == true'],
      ['C', 'Bad', 'choice', 'not ($.kind == "x")'],
      ['C', 'Big', 'default', 'Default'],
      ['Big', endId(), 'end', undefined],
      ['Bad', endId(), 'end', undefined],
    ]);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });

  it('shortens long Choice labels but keeps the full text', () => {
    const long =
      '{% $states.input.order.total > 1000 and $states.input.customer.tier = "gold" and $exists($states.input.coupon) %}';
    const g = buildGraph(
      machine({
        QueryLanguage: 'JSONata',
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Condition: long, Next: 'D' }], Default: 'D' },
          D: { Type: 'Succeed' },
        },
      }),
    );
    const edge = g.edges.find((e) => e.kind === 'choice')!;
    expect(edge.label!.length).toBeLessThanOrEqual(48);
    expect(edge.label!.endsWith('…')).toBe(true);
    expect(edge.fullLabel).toBe(
      '$states.input.order.total > 1000 and $states.input.customer.tier = "gold" and $exists($states.input.coupon)',
    );
    expect(g.queryLanguage).toBe('JSONata');
  });

  it('catch edges are labelled with the error names; retriers get the ASL defaults', () => {
    const g = buildGraph(
      machine({
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Retry: [
              { ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'] },
              {
                ErrorEquals: ['States.ALL'],
                IntervalSeconds: 5,
                MaxAttempts: 0,
                BackoffRate: 1.5,
                MaxDelaySeconds: 60,
                JitterStrategy: 'FULL',
              },
            ],
            Catch: [
              { ErrorEquals: ['States.Timeout', 'States.TaskFailed'], Next: 'Oops', ResultPath: '$.error' },
              { ErrorEquals: ['States.ALL'], Next: 'Oops' },
            ],
            Next: 'Done',
          },
          Oops: { Type: 'Fail' },
          Done: { Type: 'Succeed' },
        },
      }),
    );
    const t = g.states[0]!;
    expect(t.retry).toEqual([
      {
        errorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'],
        intervalSeconds: 1,
        maxAttempts: 3,
        backoffRate: 2,
      },
      {
        errorEquals: ['States.ALL'],
        intervalSeconds: 5,
        maxAttempts: 0,
        backoffRate: 1.5,
        maxDelaySeconds: 60,
        jitterStrategy: 'FULL',
      },
    ]);
    expect(t.catch).toEqual([
      { errorEquals: ['States.Timeout', 'States.TaskFailed'], next: 'Oops', resultPath: '$.error' },
      { errorEquals: ['States.ALL'], next: 'Oops' },
    ]);
    expect(t.integration).toMatchObject({ service: 'lambda', action: 'invoke', label: 'Lambda · Invoke' });
    expect(edges(g).filter((e) => e[2] === 'catch')).toEqual([
      ['T', 'Oops', 'catch', 'States.Timeout, States.TaskFailed'],
      ['T', 'Oops', 'catch', 'States.ALL'],
    ]);
  });

  it('nests Parallel branches and Map processors (ItemProcessor and legacy Iterator) with a Start/End per scope', () => {
    const g = buildGraph(
      machine({
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'A1', States: { A1: { Type: 'Pass', End: true } } },
              { StartAt: 'B1', States: { B1: { Type: 'Pass', Next: 'B2' }, B2: { Type: 'Succeed' } } },
            ],
            Next: 'M',
          },
          M: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'I1', States: { I1: { Type: 'Pass', End: true } } },
            Next: 'Old',
          },
          Old: { Type: 'Map', Iterator: { StartAt: 'L1', States: { L1: { Type: 'Pass', End: true } } }, End: true },
        },
      }),
    );
    expect(g.states.map((s) => [s.id, s.parent, s.branch, s.depth])).toEqual([
      ['P', null, null, 0],
      ['M', null, null, 0],
      ['Old', null, null, 0],
      ['A1', 'P', 0, 1],
      ['B1', 'P', 1, 1],
      ['B2', 'P', 1, 1],
      ['I1', 'M', 0, 1],
      ['L1', 'Old', 0, 1],
    ]);
    expect(g.states.find((s) => s.id === 'P')!.branches).toBe(2);
    expect(g.states.find((s) => s.id === 'M')!.map).toEqual({ mode: 'INLINE', legacyIterator: false });
    expect(g.states.find((s) => s.id === 'Old')!.map).toEqual({ mode: 'INLINE', legacyIterator: true });
    const starts = g.edges.filter((e) => e.kind === 'start').map((e) => [e.from, e.to]);
    expect(starts).toEqual([
      [startId(), 'P'],
      [startId('P', 0), 'A1'],
      [startId('P', 1), 'B1'],
      [startId('M', 0), 'I1'],
      [startId('Old', 0), 'L1'],
    ]);
    const ends = g.edges.filter((e) => e.kind === 'end').map((e) => [e.from, e.to]);
    expect(ends).toEqual([
      ['Old', endId()],
      ['A1', endId('P', 0)],
      ['B2', endId('P', 1)],
      ['I1', endId('M', 0)],
      ['L1', endId('Old', 0)],
    ]);
    expect(g.synthetic.filter((s) => s.kind === 'start')).toHaveLength(5);
    expect(g.diagnostics).toEqual([]);
  });

  it('describes a Distributed Map', () => {
    const g = buildGraph(
      machine({
        StartAt: 'D',
        States: {
          D: {
            Type: 'Map',
            Label: 'Files',
            MaxConcurrency: 1000,
            ToleratedFailurePercentage: 5,
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
              Parameters: { Bucket: 'b', Key: 'k' },
            },
            ItemBatcher: { MaxItemsPerBatch: 100 },
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'p' } },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
              StartAt: 'W',
              States: { W: { Type: 'Pass', End: true } },
            },
            End: true,
          },
        },
      }),
    );
    expect(g.states[0]!.map).toEqual({
      mode: 'DISTRIBUTED',
      legacyIterator: false,
      executionType: 'EXPRESS',
      itemReader: 'S3 · GetObject (CSV)',
      itemBatcher: '≤ 100 items',
      resultWriter: 'S3 · PutObject → out',
      maxConcurrency: 1000,
      toleratedFailure: '5%',
      label: 'Files',
    });
  });

  it('resolves the query language: machine default, per-state override, inherited into branches', () => {
    const g = buildGraph(
      machine({
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', QueryLanguage: 'JSONPath', Next: 'P' },
          P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], End: true },
        },
      }),
    );
    expect(g.states.map((s) => [s.id, s.queryLanguage])).toEqual([
      ['A', 'JSONPath'],
      ['P', 'JSONata'],
      ['B', 'JSONata'],
    ]);
  });

  it('lists assigned variables, timeouts and heartbeats', () => {
    const g = buildGraph(
      machine({
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Assign: { orderId: '$.id', total: 1 },
            TimeoutSeconds: 300,
            HeartbeatSecondsPath: '$.hb',
            End: true,
          },
        },
      }),
    );
    const t = g.states[0]!;
    expect(t.assigns).toEqual(['orderId', 'total']);
    expect(t.timeoutSeconds).toBe(300);
    expect(t.heartbeatSeconds).toBe('$.hb');
    expect(t.integration).toMatchObject({ service: 'sqs', action: 'sendMessage', pattern: 'wait-for-task-token' });
  });

  it('collects variables assigned by a state, its Choice rules and its catchers', () => {
    const g = buildGraph(
      machine({
        QueryLanguage: 'JSONata',
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Assign: { a: 1 },
            Choices: [{ Condition: '{% true %}', Assign: { b: 2, a: 3 }, Next: 'T' }],
            Default: 'T',
          },
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Catch: [{ ErrorEquals: ['States.ALL'], Assign: { err: '{% $states.errorOutput %}' }, Next: 'T' }],
            End: true,
          },
        },
      }),
    );
    expect(g.states.map((s) => s.assigns)).toEqual([['a', 'b'], ['err']]);
  });

  it('draws transitions to missing states to a missing node, with an error at the state', () => {
    const g = buildGraph(
      machine(
        {
          StartAt: 'Nowhere',
          States: {
            A: { Type: 'Pass', Next: 'Ghost' },
            P: {
              Type: 'Parallel',
              Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'A' } } }],
              End: true,
            },
          },
        },
        { stateLocations: { A: { line: 4, column: 10 } }, location: { line: 1, column: 1 } },
      ),
    );
    expect(edges(g)).toEqual([
      [startId(), missingId(null, null, 'Nowhere'), 'missing', undefined],
      ['A', missingId(null, null, 'Ghost'), 'missing', undefined],
      ['P', endId(), 'end', undefined],
      [startId('P', 0), 'X', 'start', undefined],
      ['X', missingId('P', 0, 'A'), 'missing', undefined],
    ]);
    expect(g.synthetic.filter((s) => s.kind === 'missing').map((s) => [s.label, s.parent])).toEqual([
      ['Nowhere', null],
      ['Ghost', null],
      ['A', 'P'],
    ]);
    expect(g.diagnostics.map((d) => [d.severity, d.message, d.state, d.line, d.column])).toEqual([
      ['error', 'The state machine starts at "Nowhere", which does not exist.', undefined, 1, 1],
      ['error', 'State "A" goes to "Ghost", which does not exist.', 'A', 4, 10],
      // "A" exists, at the top level: the message says where it is, not that it is missing.
      [
        'error',
        'State "X" goes to "A", which is outside this branch; a state can only go to states of its own branch (or of the top level, at the top level).',
        'X',
        1,
        1,
      ],
    ]);
  });

  it('keeps going on duplicate names across scopes: first keeps the name, later ones get a suffix and an error', () => {
    const g = buildGraph(
      machine({
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Work', States: { Work: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } } },
            ],
            Next: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
      }),
    );
    expect(g.states.map((s) => [s.id, s.name, s.parent])).toEqual([
      ['Work', 'Work', null],
      ['Done', 'Done', null],
      ['Work#2', 'Work', 'Work'],
      ['Done#2', 'Done', 'Work'],
    ]);
    expect(edges(g)).toContainEqual(['Work#2', 'Done#2', 'next', undefined]);
    expect(edges(g)).toContainEqual([startId('Work', 0), 'Work#2', 'start', undefined]);
    expect(g.diagnostics.map((d) => [d.code, d.state])).toEqual([
      ['duplicate-state', 'Work#2'],
      ['duplicate-state', 'Done#2'],
    ]);
  });

  it('handles cycles', () => {
    const g = buildGraph(
      machine({ StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 5, Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } }),
    );
    expect(edges(g)).toEqual([
      [startId(), 'A', 'start', undefined],
      ['A', 'B', 'next', undefined],
      ['B', 'A', 'next', undefined],
    ]);
    expect(g.synthetic.map((s) => s.kind)).toEqual(['start']);
  });

  it('never throws on bad shapes', () => {
    for (const def of [
      null,
      42,
      'x',
      [],
      {},
      { States: [] },
      { StartAt: 1, States: { A: null, B: 'x', C: { Type: 'Bogus' }, D: {} } },
    ]) {
      const g = buildGraph(machine(def));
      expect(g.diagnostics.length).toBeGreaterThan(0);
    }
    const g = buildGraph(machine({ StartAt: 'A', States: { A: null, C: { Type: 'Bogus', End: true } } }));
    expect(g.diagnostics.map((d) => d.code)).toEqual(['bad-state', 'bad-type']);
    expect(g.states.map((s) => s.type)).toEqual(['Pass', 'Bogus']);
  });

  it('resolves a ${placeholder} Resource through its substitution value', () => {
    const g = buildGraph(
      machine(
        {
          StartAt: 'T',
          States: {
            T: { Type: 'Task', Resource: '${Fn}', End: true },
            U: { Type: 'Task', Resource: '${Unknown}', End: true },
          },
        },
        {
          placeholders: [
            { name: 'Fn', value: 'arn:aws:lambda:us-east-1:123456789012:function:ship' },
            { name: 'Unknown', value: '${GetAtt:Worker.Arn}' },
          ],
        },
      ),
    );
    expect(g.states[0]!.resource).toBe('${Fn}');
    expect(g.states[0]!.integration).toMatchObject({ service: 'lambda', label: 'Lambda · ship' });
    expect(g.states[1]!.integration).toMatchObject({ service: 'placeholder', label: '${Unknown}' });
  });

  it('builds 5,000 states quickly', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 5_000; i++) {
      states[`S${i}`] =
        i < 4_999
          ? {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Next: `S${i + 1}`,
              Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S0' }],
            }
          : { Type: 'Succeed' };
    }
    const started = performance.now();
    const g = buildGraph(machine({ StartAt: 'S0', States: states }));
    const ms = performance.now() - started;
    console.log(`5,000 states: graph in ${Math.round(ms)} ms`);
    expect(g.states).toHaveLength(5_000);
    expect(g.edges).toHaveLength(1 + 4_999 * 2 + 1);
    expect(ms).toBeLessThan(2_000);
  });
});
