import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { validateDocument, validateForReport } from '../../../electron/host/asl-validate.ts';

async function check(definition: unknown, file = 'sm.asl.json'): Promise<Diagnostic[]> {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2);
  const doc = await loadDocument(file, text);
  expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return validateDocument(doc);
}

const errorsOf = (list: Diagnostic[]) => list.filter((d) => d.severity === 'error');
const codes = (list: Diagnostic[]) => list.map((d) => d.code);

/** Position (1-based) of the first occurrence of `needle` in `text`, for range assertions. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const task = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  End: true,
  ...extra,
});

describe('validateDocument: a clean definition', () => {
  it('reports nothing for a small valid machine', async () => {
    const list = await check({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: task({ Parameters: { 'Payload.$': '$' } }) },
    });
    expect(list).toEqual([]);
  });
});

describe('placeholders and newer values', () => {
  it('accepts ${Placeholder} in Resource, inside ARNs and where a number is expected', async () => {
    const list = await check({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: '${LambdaArn}', TimeoutSeconds: '${Timeout}', Next: 'B' },
        B: {
          Type: 'Task',
          Resource: 'arn:${AWS::Partition}:states:::lambda:invoke',
          Parameters: { FunctionName: '${Fn}', 'Payload.$': '$' },
          HeartbeatSeconds: '${Heartbeat}',
          Next: 'C',
        },
        C: { Type: 'Wait', Seconds: '${WaitSeconds}', Next: 'D' },
        D: { Type: 'Task', Resource: 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}', End: true },
      },
    });
    expect(list).toEqual([]);
  });

  it('still rejects a Resource that is not an ARN and a number field holding plain text', async () => {
    const list = await check({
      StartAt: 'A',
      States: { A: { Type: 'Task', Resource: 'not-an-arn', TimeoutSeconds: 'soon', End: true } },
    });
    expect(codes(errorsOf(list))).toEqual(expect.arrayContaining(['invalid-resource']));
    expect(errorsOf(list).some((d) => d.message.includes('TimeoutSeconds'))).toBe(true);
  });

  it('accepts InputType PARQUET in a Distributed Map ItemReader, but not an unknown type', async () => {
    const map = (inputType: string) => ({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: inputType },
            Parameters: { Bucket: 'b', Key: 'k.parquet' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    expect(await check(map('PARQUET'))).toEqual([]);
    const bad = errorsOf(await check(map('XLSX')));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toContain('"InputType" is "XLSX"; allowed values are');
    expect(bad[0]!.state).toBe('M');
  });
});

describe('variables and scopes', () => {
  const jsonataMachine = (states: Record<string, unknown>, startAt = Object.keys(states)[0]!) => ({
    QueryLanguage: 'JSONata',
    StartAt: startAt,
    States: states,
  });

  it('accepts a variable assigned before it is read, $states, local bindings and built-in functions', async () => {
    const list = await check(
      jsonataMachine({
        A: { Type: 'Pass', Assign: { total: '{% $states.input.n %}' }, Next: 'B' },
        B: {
          Type: 'Pass',
          Output: '{% ($double := function($v) { $v * 2 }; $uppercase($string($double($total)))) %}',
          End: true,
        },
      }),
    );
    expect(list).toEqual([]);
  });

  it('warns about a variable no state assigns, at the reference inside the string', async () => {
    const definition = jsonataMachine({ A: { Type: 'Pass', Output: '{% $missing + 1 %}', End: true } });
    const text = JSON.stringify(definition, null, 2);
    const list = await check(text);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ severity: 'warning', code: 'undefined-variable', state: 'A' });
    expect(list[0]!.message).toBe(
      'State "A" reads variable $missing, but no state assigns it (add it to an "Assign" first)',
    );
    expect(list[0]!.line).toBe(positionOf(text, '$missing').line);
    expect(list[0]!.column).toBe(positionOf(text, '$missing').column);
  });

  it('lets Parallel branches and inline Map processors read outer variables', async () => {
    const list = await check(
      jsonataMachine({
        A: { Type: 'Pass', Assign: { limit: 3 }, Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Pass', Output: '{% $limit %}', End: true } } }],
          Next: 'M',
        },
        M: {
          Type: 'Map',
          Items: '{% [1, 2] %}',
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Output: '{% $limit %}', End: true } } },
          End: true,
        },
      }),
    );
    expect(list).toEqual([]);
  });

  it('says a Distributed Map processor cannot see outer variables', async () => {
    const list = await check(
      jsonataMachine({
        A: { Type: 'Pass', Assign: { limit: 3 }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: '{% [1, 2] %}',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'I',
            States: { I: { Type: 'Pass', Output: '{% $limit %}', End: true } },
          },
          End: true,
        },
      }),
    );
    expect(list).toHaveLength(1);
    expect(list[0]!.state).toBe('I');
    expect(list[0]!.message).toContain("a Distributed Map's item processor cannot see variables from outside it");
  });

  it('says a variable assigned inside a branch is not visible after the Parallel state', async () => {
    const list = await check(
      jsonataMachine({
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Pass', Assign: { inner: 1 }, End: true } } }],
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% $inner %}', End: true },
      }),
    );
    expect(list).toHaveLength(1);
    expect(list[0]!.state).toBe('After');
    expect(list[0]!.message).toContain('only assigned in a branch of Parallel state "P"');
  });

  it('warns when a variable is only assigned by states that run later', async () => {
    const list = await check(
      jsonataMachine({
        A: { Type: 'Pass', Output: '{% $total %}', Next: 'B' },
        B: { Type: 'Pass', Assign: { total: 1 }, Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Inner', States: { Inner: { Type: 'Pass', Output: '{% $total & $late %}', End: true } } },
          ],
          Next: 'C',
        },
        C: { Type: 'Pass', Assign: { late: 2 }, End: true },
      }),
    );
    expect(list.map((d) => [d.state, d.code])).toEqual([
      ['A', 'variable-before-assignment'],
      ['Inner', 'variable-before-assignment'],
    ]);
    expect(list[0]!.message).toBe(
      'State "A" may read variable $total before it is assigned: no state on the way to "A" assigns it',
    );
    expect(list[1]!.message).toContain('$late');
  });

  it('follows loops, Choice rules and Catch assignments', async () => {
    const list = await check(
      jsonataMachine({
        Init: { Type: 'Pass', Next: 'Work' },
        Work: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { failure: '{% $states.errorOutput %}' }, Next: 'Failed' }],
          Next: 'Again',
        },
        Again: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $count > 3 %}', Assign: { done: true }, Next: 'Finish' }],
          Default: 'Count',
        },
        Count: { Type: 'Pass', Assign: { count: '{% $count + 1 %}' }, Next: 'Work' },
        Finish: { Type: 'Pass', Output: '{% $done %}', End: true },
        Failed: { Type: 'Fail', Error: '{% $failure.Error %}' },
      }),
    );
    // "May be assigned": around the loop Count has assigned $count before Again reads it again, so no warning.
    expect(list).toEqual([]);
  });

  it('reads variables in JSONPath paths and intrinsic functions too', async () => {
    const list = await check({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { 'who.$': '$.name' }, Next: 'B' },
        B: {
          Type: 'Pass',
          Parameters: { 'greeting.$': "States.Format('Hi {} and {}', $who, $nobody)", 'ctx.$': '$$.Execution.Id' },
          End: true,
        },
      },
    });
    expect(list.map((d) => d.message)).toEqual([
      'State "B" reads variable $nobody, but no state assigns it (add it to an "Assign" first)',
    ]);
  });

  it('rejects assigning the reserved name "states"', async () => {
    const list = await check(jsonataMachine({ A: { Type: 'Pass', Assign: { states: 1 }, End: true } }));
    expect(errorsOf(list).map((d) => d.code)).toContain('reserved-variable');
  });
});

describe('JSONata and query-language fields', () => {
  it('reports a JSONata syntax error with the parser message, pointing inside the expression', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Output: '{% $states.input + %}', End: true } },
    };
    const text = JSON.stringify(definition, null, 2);
    const list = await check(text);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ severity: 'error', code: 'jsonata-syntax', state: 'A', source: 'statescope' });
    expect(list[0]!.message).toMatch(/^State "A": JSONata syntax error in "Output": /);
    const start = positionOf(text, '"{%');
    expect(list[0]!.line).toBe(start.line);
    expect(list[0]!.column).toBeGreaterThan(start.column + 3);
  });

  it('names a JSONPath-only field in a JSONata state and what to use instead', async () => {
    const list = await check({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: task({ Parameters: { x: 1 }, ResultPath: '$.r' }) },
    });
    const messages = errorsOf(list).map((d) => d.message);
    expect(messages).toContain(
      'State "A": field "Parameters" is not allowed in a JSONata state (it is a JSONPath field); use "Arguments"',
    );
    expect(messages).toContain(
      'State "A": field "ResultPath" is not allowed in a JSONata state (it is a JSONPath field); use "Output" (or "Assign")',
    );
  });

  it('rejects a JSONPath state inside a JSONata machine', async () => {
    const list = await check({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } },
    });
    expect(codes(errorsOf(list))).toEqual(['query-language-downgrade']);
  });
});

describe('one list, plain words', () => {
  it('reports a missing Next target once, though three checkers see it, at the value', async () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' }, B: { Type: 'Succeed' } } };
    const text = JSON.stringify(definition, null, 2);
    const list = await check(text);
    const unknown = list.filter((d) => d.code === 'unknown-target');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toBe('State "A": "Next" names a state that does not exist: "Nope"');
    expect(unknown[0]).toMatchObject({ state: 'A', machine: 'sm', ...positionOf(text, '"Nope"') });
    // B is unreachable: also one line, not one per checker.
    expect(list.filter((d) => d.code === 'unreachable-state')).toHaveLength(1);
  });

  it('says which field is not allowed on which state type (never "oneOf")', async () => {
    const list = await check({ StartAt: 'X', States: { X: task({ Foo: 1 }) } });
    expect(list.map((d) => d.message)).toEqual(['State "X": field "Foo" is not allowed on a Task state']);
    expect(list.every((d) => !/oneOf|schema/i.test(d.message))).toBe(true);
  });

  it('reports a state name used in two branches once, at the second one', async () => {
    const branch = (name: string) => ({ StartAt: name, States: { [name]: { Type: 'Pass', End: true } } });
    const text = JSON.stringify(
      { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch('Same'), branch('Same')], End: true } } },
      null,
      2,
    );
    const list = await check(text);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ code: 'duplicate-state-name', state: 'Same', severity: 'error' });
    expect(list[0]!.message).toContain('State name "Same" is used more than once in this state machine');
    const second = text.indexOf('"Same": {', text.indexOf('"Same": {') + 1);
    expect(list[0]!.line).toBe(text.slice(0, second).split('\n').length);
  });

  it('uses plain words for X/XPath clashes and for Next with End', async () => {
    const list = await check({
      StartAt: 'A',
      States: { A: task({ TimeoutSeconds: 5, TimeoutSecondsPath: '$.t', Next: 'B' }), B: { Type: 'Succeed' } },
    });
    const messages = errorsOf(list).map((d) => d.message);
    expect(messages).toContain('State "A": use only one of "TimeoutSeconds" or "TimeoutSecondsPath"');
    expect(messages).toHaveLength(2);
    expect(messages).toContain('State "A" has both "Next" and "End"; use one');
  });

  it('sorts by position and tags every diagnostic with its source and code', async () => {
    const list = await check({
      StartAt: 'A',
      States: { A: task({ Bogus: true, End: undefined, Next: 'Missing' }), Z: task({ Resource: 'nope' }) },
    });
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      expect(a.line < b.line || (a.line === b.line && a.column <= b.column)).toBe(true);
    }
    for (const d of list) {
      expect(d.source).toMatch(/^(statescope|asls|asl-validator)$/);
      expect(d.code).toBeTruthy();
    }
  });
});

describe('positions', () => {
  it('maps YAML findings to the YAML source', async () => {
    const text = [
      'StartAt: A',
      'States:',
      '  A:',
      '    Type: Task',
      '    Resource: arn:aws:states:::lambda:invoke',
      '    Wrong: 1',
      '    End: true',
      '',
    ].join('\n');
    const list = await check(text, 'sm.asl.yaml');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ line: 6, column: 5, state: 'A', code: 'field-not-allowed' });
  });

  it('maps a finding on an empty YAML value to its key, not to the enclosing object', async () => {
    const text = [
      'StartAt: A',
      'States:',
      '  A:',
      '    Type: Pass',
      '    Parameters:',
      '      ok.$: $.x',
      '      empty.$:',
      '    End: true',
      '',
    ].join('\n');
    const list = errorsOf(await check(text, 'sm.asl.yaml'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ line: 7, state: 'A', code: 'invalid-path' });
    expect(list[0]!.message).toBe(
      'State "A": "empty.$" ends in ".$", so its value must be a path (such as "$.field") or an intrinsic function, not null',
    );
  });

  it('maps findings in a template to the definition inside the template', async () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Flow:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties:',
      '      DefinitionSubstitutions:',
      '        Fn: !GetAtt Worker.Arn',
      '      Definition:',
      '        StartAt: Call',
      '        States:',
      '          Call:',
      '            Type: Task',
      '            Resource: ${Fn}',
      '            Next: Ghost',
      '          Done:',
      '            Type: Succeed',
      '',
    ].join('\n');
    const doc = await loadDocument('template.yaml', text);
    const list = await validateDocument(doc);
    const unknown = list.find((d) => d.code === 'unknown-target');
    expect(unknown).toMatchObject({ machine: 'Flow', state: 'Call', line: 15, column: 19 });
    expect(
      list
        .filter((d) => d.severity === 'error')
        .map((d) => d.code)
        .sort(),
    ).toEqual(['unknown-target', 'unreachable-state']);
  });

  it('falls back to the state span for a DefinitionString template', async () => {
    const definition = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Ghost' } } });
    const text = JSON.stringify(
      {
        Resources: { Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: definition } } },
      },
      null,
      2,
    );
    const doc = await loadDocument('template.json', text);
    const list = await validateDocument(doc);
    const unknown = list.find((d) => d.code === 'unknown-target');
    expect(unknown).toBeDefined();
    expect(unknown!.line).toBe(positionOf(text, '"DefinitionString"').line);
  });

  it('validateForReport leaves out what the graph builder already says', async () => {
    const doc = await loadDocument(
      'sm.asl.json',
      JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' }, B: { Type: 'Succeed' } } }),
    );
    const graphDiagnostics = buildGraph(doc.machines[0]!).diagnostics;
    expect(graphDiagnostics.map((d) => d.code)).toContain('missing-target');
    const list = await validateForReport(doc, graphDiagnostics);
    expect(list.map((d) => d.code)).toEqual(['unreachable-state']);
    expect((await validateForReport(doc)).map((d) => d.code).sort()).toEqual(['unknown-target', 'unreachable-state']);
  });

  it('validateForReport does not repeat what the loader said', async () => {
    const doc = await loadDocument('sm.asl.json', '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,}}}');
    expect(doc.diagnostics.length).toBeGreaterThan(0);
    const list = await validateForReport(doc);
    expect(list.filter((d) => /comma/i.test(d.message))).toEqual([]);
  });
});

describe('bad input and size', () => {
  it('never throws on odd shapes', async () => {
    for (const text of [
      '{"StartAt": 1, "States": []}',
      '{"States": {"A": null, "B": 3}}',
      '{"StartAt":"A","States":{"A":{"Type":"Map","ItemProcessor":{"States":"x"}}}}',
    ]) {
      const doc = await loadDocument('odd.asl.json', text);
      const list = await validateDocument(doc);
      expect(errorsOf(list).length).toBeGreaterThan(0);
    }
  });

  it('finishes on a large file where every state is wrong (JSON and YAML)', async () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++) {
      states[`S${i}`] = {
        Type: 'Task',
        Resource: 'x',
        Bogus: i,
        TimeoutSeconds: 'a',
        Next: `Missing${i}`,
        Parameters: { 'a.$': 'nope' },
      };
    }
    const definition = { StartAt: 'S0', States: states };
    for (const [file, text] of [
      ['bad.asl.json', JSON.stringify(definition, null, 2)],
      ['bad.asl.yaml', (await import('yaml')).stringify(definition)],
    ] as const) {
      const doc = await loadDocument(file, text);
      const started = performance.now();
      const list = await validateDocument(doc);
      expect(performance.now() - started).toBeLessThan(30_000);
      // Our own rules report every state; library findings are capped per machine, so look at an early one too.
      expect(list.filter((d) => d.state === 'S2999').map((d) => d.code)).toEqual(
        expect.arrayContaining(['field-not-allowed', 'unknown-target', 'unreachable-state']),
      );
      expect(list.filter((d) => d.state === 'S1').map((d) => d.code)).toEqual(
        expect.arrayContaining([
          'field-not-allowed',
          'invalid-path',
          'unknown-target',
          'unreachable-state',
          'wrong-type',
        ]),
      );
    }
  });

  it('validates a 1,000-state definition in well under a second once warm', async () => {
    const states: Record<string, unknown> = {};
    const n = 1000;
    for (let i = 0; i < n; i++) {
      const flow = i === n - 1 ? { End: true } : { Next: `S${i + 1}` };
      states[`S${i}`] =
        i % 3 === 0
          ? {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { 'Payload.$': '$' },
              Retry: [{ ErrorEquals: ['States.ALL'] }],
              ...flow,
            }
          : { Type: 'Pass', Assign: { [`v${i}`]: i }, ...flow };
    }
    const doc = await loadDocument('big.asl.json', JSON.stringify({ StartAt: 'S0', States: states }, null, 2));
    await validateDocument(doc); // warm the services
    // CPU time, best of three: the machine running the tests is shared, so wall-clock time says more about the
    // neighbours than about this code. Quiet runs take about 300 ms of either.
    let best = Infinity;
    let wall = 0;
    for (let run = 0; run < 3; run++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const list = await validateDocument(doc);
      const used = process.cpuUsage(cpu);
      expect(list).toEqual([]);
      if ((used.user + used.system) / 1000 < best) {
        best = (used.user + used.system) / 1000;
        wall = performance.now() - started;
      }
    }
    console.log(`validate 1,000 states: ${Math.round(best)} ms CPU (${Math.round(wall)} ms wall)`);
    expect(best).toBeLessThan(1000);
  });
});
