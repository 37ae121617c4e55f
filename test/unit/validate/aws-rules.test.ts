/**
 * The cases found by running Statescope against outside test suites and deployed sample applications: false
 * alarms (placeholders, YAML Yes/No, decimal literals, literal substitutions), missed rules, findings hidden
 * behind other findings, findings in the wrong place or words, and graph --json details. Where asl-validator or
 * the ASL language service disagree with AWS, the test shows our finding kept and the library's dropped.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { graphReport } from '../../../shared/asl/report.ts';
import { validateDocument } from '../../../electron/host/asl-validate.ts';
import { hasDecimalArgument, isIntrinsicCall } from '../../../shared/asl/validate-rules-aws.ts';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:f';

async function load(text: string, file = 'sm.asl.json', files: Record<string, string> = {}) {
  return loadDocument(file, text, {
    readFile: async (uri) => {
      const found = files[uri];
      if (found === undefined) throw new Error(`no such file ${uri}`);
      return found;
    },
  });
}

/** Loader and validator diagnostics together, as `statescope validate` prints them. */
async function diagnose(
  input: unknown,
  file = 'sm.asl.json',
  files: Record<string, string> = {},
): Promise<Diagnostic[]> {
  const text = typeof input === 'string' ? input : JSON.stringify(input, null, 2);
  const doc = await load(text, file, files);
  return [...doc.diagnostics, ...(await validateDocument(doc))];
}

const errors = (list: Diagnostic[]) => list.filter((d) => d.severity === 'error');
const line = (d: Diagnostic) => `${d.source}/${d.code}: ${d.message}`;

const machine = (states: Record<string, unknown>, startAt = Object.keys(states)[0]!) => ({
  StartAt: startAt,
  States: states,
});

describe('false alarms on deployed definitions', () => {
  it('reads bare ${…} placeholders in a DefinitionUri file the same way as in a DefinitionString', async () => {
    // AWS Lambda Power Tuning's statemachine.asl.json: a number field holds a bare placeholder.
    const asl =
      '{"StartAt":"A","TimeoutSeconds": ${totalExecutionTimeout},"States":{"A":{"Type":"Task","Resource":"${fn}","End":true}}}';
    const template = (property: string) =>
      JSON.stringify({
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          M: {
            Type: 'AWS::Serverless::StateMachine',
            Properties: {
              [property]: property === 'DefinitionUri' ? 'statemachine.asl.json' : asl,
              DefinitionSubstitutions: { totalExecutionTimeout: 300, fn: LAMBDA },
            },
          },
        },
      });
    const viaUri = await diagnose(template('DefinitionUri'), 'template.json', { 'statemachine.asl.json': asl });
    const viaString = await diagnose(template('DefinitionString'), 'template.json');
    expect(errors(viaUri).map(line)).toEqual([]);
    expect(errors(viaString).map(line)).toEqual([]);
    const doc = await load(template('DefinitionUri'), 'template.json', { 'statemachine.asl.json': asl });
    expect(doc.machines).toHaveLength(1);
    // Substituted as deployed: the bare placeholder becomes the number 300.
    expect((doc.machines[0]!.definition as { TimeoutSeconds: unknown }).TimeoutSeconds).toBe(300);
  });

  it('reads unquoted YAML Yes/No as YAML 1.1 booleans everywhere (CloudFormation and SAM do), with one warning each', async () => {
    const yaml = [
      'StartAt: Check',
      'States:',
      '  Check:',
      '    Type: Choice',
      '    Choices:',
      '      - Variable: $.ok',
      '        BooleanEquals: true',
      '        Next: Yes',
      '    Default: No',
      '  Yes:',
      '    Type: Succeed',
      '  No:',
      '    Type: Fail',
    ].join('\n');
    const doc = await load(yaml, 'sm.asl.yaml');
    // The loader (and so the graph) has the keys SAM would deploy: "true" and "false".
    expect(Object.keys((doc.machines[0]!.definition as { States: object }).States)).toEqual(['Check', 'true', 'false']);
    const graph = buildGraph(doc.machines[0]!);
    expect(graph.states.map((s) => s.id)).toEqual(['Check', 'true', 'false']);
    const list = [...doc.diagnostics, ...(await validateDocument(doc))];
    expect(list.filter((d) => d.code === 'yaml-boolean-word').map((d) => d.line)).toEqual([8, 9, 10, 12]);
    // One finding per problem, none contradicting the others: "Next" is not a string (the language service's
    // "names a state that does not exist" for the same value is dropped), and the two states are unreachable.
    expect(errors(list).map((d) => `${d.line} ${d.code}`)).toEqual([
      '8 wrong-type',
      '9 wrong-type',
      '10 unreachable-state',
      '12 unreachable-state',
    ]);
    expect(errors(list)[0]!.message).toBe('State "Check": "Next" must be a string, not true');
  });

  it('quoted "Yes" stays a word', async () => {
    const yaml = [
      'StartAt: A',
      'States:',
      '  A:',
      '    Type: Pass',
      "    Next: 'Yes'",
      "  'Yes':",
      '    Type: Succeed',
    ].join('\n');
    expect(await diagnose(yaml, 'sm.asl.yaml')).toEqual([]);
  });

  it('accepts decimal literals in intrinsic functions (asl-validator rejects them; the ASL spec allows numbers)', async () => {
    const list = await diagnose(
      machine({
        P: {
          Type: 'Pass',
          Parameters: {
            'sum.$': 'States.MathAdd($.v, 1.5)',
            'list.$': 'States.Array(2.3)',
            'neg.$': 'States.Array(-0.5, 1e3)',
          },
          End: true,
        },
      }),
    );
    expect(list.map(line)).toEqual([]);
    expect(isIntrinsicCall("States.Array('Foo', $.xyz, 'Bar', 2.3)")).toBe(true);
    expect(hasDecimalArgument("States.Format('1.5 {}', $.x)")).toBe(false);
  });

  it('still rejects a malformed intrinsic that happens to carry a decimal', async () => {
    const list = await diagnose(
      machine({ P: { Type: 'Pass', Parameters: { 'x.$': 'States.MathAdd($.v 1.5)' }, End: true } }),
    );
    expect(errors(list).map((d) => d.code)).toEqual(['invalid-path']);
    // A leading blank is not an intrinsic call (awslabs/statelint states-array-invocation-leftpad).
    expect(isIntrinsicCall(" States.Array('Foo', 2.3)")).toBe(false);
  });

  it('applies literal DefinitionSubstitutions before validating, with positions in the template', async () => {
    const template = [
      'Resources:',
      '  M:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionSubstitutions:',
      '        Kind: Pass',
      '        Bad: Nonsense',
      '      Definition:',
      '        StartAt: A',
      '        States:',
      '          A:',
      '            Type: ${Kind}',
      '            Next: B',
      '          B:',
      '            Type: ${Bad}',
      '            End: true',
    ].join('\n');
    const list = errors(await diagnose(template, 'template.yaml'));
    // ${Kind} is Pass: fine. ${Bad} is "Nonsense": an error at B's Type, on line 15 of the template.
    expect(list.map((d) => `${d.line} ${d.code} ${d.state}`)).toEqual(['15 bad-value B']);
    expect(list[0]!.message).toContain('"Nonsense"');
    // The graph draws A as the Pass it deploys as, and only B's type is unknown.
    const doc = await load(template, 'template.yaml');
    const graph = buildGraph(doc.machines[0]!);
    expect(graph.states.map((s) => s.type)).toEqual(['Pass', '${Bad}']);
    expect(graph.diagnostics.map((d) => d.message)).toEqual(['State "B" has an unknown Type "${Bad}".']);
  });
});

describe('rules that were missed', () => {
  it('States.ALL must be alone and in the last retrier and catcher', async () => {
    const list = errors(
      await diagnose(
        machine({
          T: {
            Type: 'Task',
            Resource: LAMBDA,
            Retry: [{ ErrorEquals: ['States.ALL', 'Custom'] }, { ErrorEquals: ['Other'] }],
            Catch: [
              { ErrorEquals: ['States.ALL'], Next: 'F' },
              { ErrorEquals: ['X'], Next: 'F' },
            ],
            End: true,
          },
          F: { Type: 'Fail' },
        }),
      ),
    );
    expect(list.map((d) => d.code).sort()).toEqual([
      'states-all-not-alone',
      'states-all-not-last',
      'states-all-not-last',
    ]);
    expect(list.find((d) => d.code === 'states-all-not-alone')!.message).toBe(
      'State "T": "States.ALL" matches every error, so it must be the only name in Retry[0].ErrorEquals',
    );
  });

  it('DefinitionSubstitutions must be a map; a placeholder it does not define is deployed literally', async () => {
    const template = (subs: unknown) =>
      JSON.stringify({
        Resources: {
          M: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: {
              DefinitionSubstitutions: subs,
              Definition: machine({
                A: { Type: 'Task', Resource: '${Fn}', Parameters: { Table: '${Tabel}' }, End: true },
              }),
            },
          },
        },
      });
    const notMap = await diagnose(template('Fn'), 'template.json');
    expect(errors(notMap).map((d) => d.code)).toContain('substitutions-not-a-map');
    const typo = await diagnose(template({ Fn: LAMBDA, Table: 'orders' }), 'template.json');
    expect(errors(typo)).toEqual([]);
    expect(typo.filter((d) => d.code === 'undefined-placeholder').map((d) => d.message)).toEqual([
      'M: placeholder ${Tabel} is not defined in DefinitionSubstitutions, so it is deployed as the literal text "${Tabel}".',
    ]);
  });

  it('placeholders resolved by Fn::Sub are not DefinitionSubstitutions placeholders', async () => {
    const text = JSON.stringify({
      Resources: {
        M: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: {
              'Fn::Sub': JSON.stringify(machine({ A: { Type: 'Task', Resource: '${Fn.Arn}', End: true } })),
            },
          },
        },
      },
    });
    expect((await diagnose(text, 'template.json')).filter((d) => d.code === 'undefined-placeholder')).toEqual([]);
  });

  it('a quoted placeholder in a number field is a string after substitution; a bare one is a number', async () => {
    const template = (timeout: string) =>
      JSON.stringify({
        Resources: {
          M: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: {
              DefinitionSubstitutions: { T: 30 },
              DefinitionString: `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${LAMBDA}","TimeoutSeconds":${timeout},"End":true}}}`,
            },
          },
        },
      });
    expect(errors(await diagnose(template('${T}'), 'template.json'))).toEqual([]);
    const quoted = errors(await diagnose(template('"${T}"'), 'template.json'));
    expect(quoted.map((d) => d.code)).toEqual(['wrong-type']);
    expect(quoted[0]!.message).toContain('"TimeoutSeconds" must be');
  });

  it('Distributed-Map-only fields on an inline Map, and ItemReader/ResultWriter contents', async () => {
    const inline = errors(
      await diagnose(
        machine({
          M: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } },
            ItemReader: { Resource: 'arn:x', ReaderConfig: { MaxItems: 1 }, Arguments: { Bucket: 'b' } },
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', ReaderConfig: {} },
            ToleratedFailureCount: 1,
            End: true,
          },
        }),
      ),
    );
    expect(inline.map((d) => d.code).sort()).toEqual([
      'bad-value', // ItemReader.Resource "arn:x"
      'distributed-map-only', // ItemReader
      'distributed-map-only', // ResultWriter
      'distributed-map-only', // ToleratedFailureCount
      'field-not-allowed', // ResultWriter.ReaderConfig
      'jsonata-field-in-jsonpath-state', // Arguments in a JSONPath ItemReader
    ]);
    expect(inline.find((d) => d.code === 'field-not-allowed')!.message).toBe(
      'State "M": field "ReaderConfig" is not allowed in "ResultWriter" (ReaderConfig belongs to ItemReader)',
    );
  });

  it("a JSONata Map's Items is an array or a {% %} expression", async () => {
    const items = async (value: unknown) =>
      errors(
        await diagnose({
          QueryLanguage: 'JSONata',
          ...machine({
            M: {
              Type: 'Map',
              Items: value,
              ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } },
              End: true,
            },
          }),
        }),
      );
    expect((await items({ bad: 42 })).map((d) => d.code)).toEqual(['bad-value']);
    expect((await items('states.input.detail.shipped')).map((d) => d.code)).toEqual(['bad-value']);
    expect(await items([1, 2])).toEqual([]);
    expect(await items('{% $states.input.list %}')).toEqual([]);
  });

  it('".$" fields inside arrays of a Pass state\'s Parameters must hold paths', async () => {
    const list = errors(
      await diagnose(
        machine({ x: { Type: 'Pass', End: true, Parameters: { a: [{ 'b.$': 'c', ok: 1 }, { 'd.$': '$.d' }] } } }),
      ),
    );
    expect(list.map((d) => `${d.code} ${d.line}`)).toEqual(['invalid-path 10']);
    expect(list[0]!.message).toBe(
      'State "x": "b.$" ends in ".$", so its value must be a path (such as "$.field") or an intrinsic function, not "c"',
    );
  });
});

describe('findings do not mask each other', () => {
  it('a TimeoutSeconds/TimeoutSecondsPath conflict shows while the Resource is also wrong', async () => {
    const list = errors(
      await diagnose(
        machine({
          A: { Type: 'Task', Resource: 'not-an-arn', TimeoutSeconds: 5, TimeoutSecondsPath: '$.t', End: true },
        }),
      ),
    );
    expect(list.map((d) => d.code).sort()).toEqual(['exclusive-fields', 'invalid-resource']);
  });

  it('"x" and "x.$" in one payload are found while a Resource is also wrong', async () => {
    const list = errors(
      await diagnose(machine({ A: { Type: 'Task', Resource: 'bad', Parameters: { a: 1, 'a.$': '$.a' }, End: true } })),
    );
    expect(list.map((d) => d.code).sort()).toEqual(['duplicate-field', 'invalid-resource']);
    expect(list.find((d) => d.code === 'duplicate-field')!.message).toBe(
      'State "A": both "a" and "a.$" are set; after ".$" is removed they are the same field',
    );
  });

  it('every state is checked whatever is wrong with another', async () => {
    const list = errors(
      await diagnose(
        machine({
          A: { Type: 'Task', Resource: 'bad', Next: 'B' },
          B: { Type: 'Wait', Seconds: 1, Timestamp: '2020-01-01T00:00:00Z', Next: 'C' },
          C: { Type: 'Fail', Error: 'E', ErrorPath: '$.e' },
        }),
      ),
    );
    expect(list.map((d) => `${d.state} ${d.code}`).sort()).toEqual([
      'A invalid-resource',
      'B exclusive-fields',
      'C exclusive-fields',
    ]);
  });
});

describe('deep nesting', () => {
  it('skips asl-validator past 12 levels of Parallel nesting (its time doubles per level), with an info note', async () => {
    let inner: unknown = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
    for (let i = 29; i >= 0; i--)
      inner = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', End: true, Branches: [inner] } } };
    const started = Date.now();
    const list = await diagnose(inner);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(list.map((d) => `${d.severity} ${d.code}`)).toEqual(['info checker-skipped']);
  });
});

describe('findings in the right place and words', () => {
  it('a missing nested StartAt is reported once, at the branch (JSON and YAML)', async () => {
    const json = await diagnose(
      machine({ P: { Type: 'Parallel', Branches: [{ States: { B: { Type: 'Pass', End: true } } }], End: true } }),
    );
    expect(json.map((d) => `${d.line} ${d.code}`)).toEqual(['7 field-required']);
    const yaml = [
      'StartAt: P',
      'States:',
      '  P:',
      '    Type: Parallel',
      '    Branches:',
      '      - States:',
      '          B:',
      '            Type: Pass',
      '            End: true',
      '    End: true',
    ].join('\n');
    const list = await diagnose(yaml, 'sm.asl.yaml');
    // Not also at "States" (the language service's place on YAML text), nor "B can never be reached".
    expect(list.map((d) => `${d.line} ${d.code}`)).toEqual(['6 field-required']);
    expect(list[0]!.message).toBe(
      '"StartAt" is missing: the states in a branch of Parallel state "P" must name the state to start with',
    );
  });

  it('a Distributed Map without ExecutionType says so (asl-validator: "Mode" has a value that is not allowed)', async () => {
    const list = await diagnose(
      machine({
        M: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED' },
            StartAt: 'X',
            States: { X: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      }),
    );
    expect(list.map(line)).toEqual([
      'statescope/field-required: State "M": a Distributed Map needs "ExecutionType" ("STANDARD" or "EXPRESS") in ItemProcessor.ProcessorConfig, the kind of child workflow to run',
    ]);
  });

  it('a Choice rule with no comparison says so (language service: "StringEquals" is required)', async () => {
    const list = await diagnose(
      machine({
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', Next: 'D' }], Default: 'D' },
        D: { Type: 'Succeed' },
      }),
    );
    expect(list.map((d) => d.code)).toEqual(['choice-rule-no-operator']);
    expect(list[0]!.message).not.toContain('StringEquals" is required');
  });

  it('a nested Choice rule with no comparison is found inside And', async () => {
    const list = await diagnose(
      machine({
        C: {
          Type: 'Choice',
          Choices: [{ And: [{ Variable: '$.x', IsNull: true }, { Variable: '$.y' }], Next: 'D' }],
          Default: 'D',
        },
        D: { Type: 'Succeed' },
      }),
    );
    expect(list.map((d) => d.code)).toEqual(['choice-rule-no-operator']);
  });
});

describe('graph --json', () => {
  const report = async (definition: unknown) => {
    const doc = await load(JSON.stringify(definition, null, 2));
    return graphReport(
      doc,
      doc.machines.map((m) => buildGraph(m)),
    ).stateMachines[0]!;
  };

  it('a state with no Type is listed with type null, not as a Pass', async () => {
    const m = await report(machine({ A: { End: true }, B: { Type: 'Bogus', End: true } }));
    expect(m.states.map((s) => [s.name, s.type])).toEqual([
      ['A', null],
      ['B', 'Bogus'],
    ]);
  });

  it('a Next into another Parallel branch names the state, with kind outside-scope', async () => {
    const m = await report(
      machine({
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          ],
          End: true,
        },
      }),
    );
    expect(m.edges.filter((e) => e.from === 'A')).toEqual([{ from: 'A', to: 'B', kind: 'outside-scope' }]);
    expect(m.diagnostics.map((d) => d.message)).toContain(
      'State "A" goes to "B", which is outside this branch; a state can only go to states of its own branch (or of the top level, at the top level).',
    );
  });

  it('a Choice with End: true gets no end edge', async () => {
    const m = await report(
      machine({
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'D' }], Default: 'D', End: true },
        D: { Type: 'Succeed' },
      }),
    );
    expect(m.edges.filter((e) => e.from === 'C').map((e) => e.kind)).toEqual(['choice', 'default']);
  });
});
