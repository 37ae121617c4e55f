import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument, machineNameFromFile } from '../../../shared/asl/load.ts';
import type { LoadedDocument } from '../../../shared/asl/types.ts';

const simple = {
  Comment: 'Two states',
  StartAt: 'Hello',
  States: { Hello: { Type: 'Pass', Next: 'World' }, World: { Type: 'Succeed' } },
};

function errors(doc: LoadedDocument) {
  return doc.diagnostics.filter((d) => d.severity === 'error');
}

function only(doc: LoadedDocument) {
  expect(doc.machines).toHaveLength(1);
  return doc.machines[0]!;
}

describe('loadDocument: plain ASL', () => {
  it('reads ASL JSON, names the machine after the file', async () => {
    const doc = await loadDocument('/x/order-flow.asl.json', JSON.stringify(simple, null, 2));
    expect(doc.format).toBe('asl-json');
    expect(doc.diagnostics).toEqual([]);
    const m = only(doc);
    expect(m.name).toBe('order-flow');
    expect(m.resourceType).toBe('asl');
    expect(m.definition).toEqual(simple);
  });

  it('strips every ASL/JSON/YAML extension from the machine name', () => {
    expect(machineNameFromFile('a/b/flow.asl.json')).toBe('flow');
    expect(machineNameFromFile('flow.json')).toBe('flow');
    expect(machineNameFromFile('C:\\x\\flow.asl.yaml')).toBe('flow');
    expect(machineNameFromFile('flow.yaml')).toBe('flow');
    expect(machineNameFromFile('flow.yml')).toBe('flow');
    expect(machineNameFromFile('flow.asl.yml')).toBe('flow');
    expect(machineNameFromFile('flow.txt')).toBe('flow.txt');
  });

  it('reads ASL YAML with anchors and aliases', async () => {
    const text = [
      'StartAt: A',
      'States:',
      '  A:',
      '    Type: Task',
      '    Resource: arn:aws:states:::lambda:invoke',
      '    Retry: &retry',
      '      - ErrorEquals: [States.ALL]',
      '        MaxAttempts: 5',
      '    Next: B',
      '  B:',
      '    Type: Task',
      '    Resource: arn:aws:states:::lambda:invoke',
      '    Retry: *retry',
      '    End: true',
    ].join('\n');
    const doc = await loadDocument('flow.asl.yaml', text);
    expect(doc.format).toBe('asl-yaml');
    expect(doc.diagnostics).toEqual([]);
    const g = buildGraph(only(doc));
    expect(g.states.map((s) => s.retry[0]?.maxAttempts)).toEqual([5, 5]);
  });

  it('detects JSON content in a .yaml file and YAML content without an extension', async () => {
    expect((await loadDocument('a.yaml', JSON.stringify(simple))).format).toBe('asl-json');
    expect((await loadDocument('noext', 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n')).format).toBe('asl-yaml');
  });

  it('accepts comments and trailing commas with a warning that AWS rejects them', async () => {
    const text = '{\n  // the start\n  "StartAt": "A",\n  "States": { "A": { "Type": "Succeed", }, },\n}\n';
    const doc = await loadDocument('a.json', text);
    expect(errors(doc)).toEqual([]);
    expect(only(doc).definition).toEqual({ StartAt: 'A', States: { A: { Type: 'Succeed' } } });
    const warnings = doc.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((w) => w.code)).toEqual(['json-comment', 'json-trailing-comma']);
    expect(warnings[0]).toMatchObject({ line: 2, column: 3 });
    expect(warnings[0]!.message).toMatch(/AWS Step Functions rejects/);
    expect(warnings[1]).toMatchObject({ line: 4, column: 39 });
  });

  it('warns about duplicate keys in JSON (last one wins)', async () => {
    const doc = await loadDocument('a.json', '{"StartAt":"A","StartAt":"B","States":{"B":{"Type":"Succeed"}}}');
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'duplicate-key',
        message: expect.stringContaining('"StartAt"'),
      }),
    ]);
    expect((only(doc).definition as { StartAt: string }).StartAt).toBe('B');
  });

  it('warns about duplicate keys in YAML, naming the key', async () => {
    const doc = await loadDocument(
      'a.yaml',
      'StartAt: Greet\nStates:\n  Greet:\n    Type: Pass\n    End: true\n  Greet:\n    Type: Succeed\n',
    );
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'duplicate-key',
        message: 'YAML: Duplicate key "Greet"; the last value is used.',
        line: 6,
        column: 3,
      }),
    ]);
    expect((only(doc).definition as { States: object }).States).toEqual({ Greet: { Type: 'Succeed' } });
  });

  it('keeps ${…} placeholders as text and lists them', async () => {
    const def = {
      StartAt: 'A',
      States: { A: { Type: 'Task', Resource: '${FnArn}', Parameters: { 'T.$': '$.x', Q: '${Queue}' }, End: true } },
    };
    const doc = await loadDocument('a.asl.json', JSON.stringify(def));
    expect(errors(doc)).toEqual([]);
    expect(only(doc).placeholders).toEqual([{ name: 'FnArn' }, { name: 'Queue' }]);
  });
});

describe('loadDocument: state spans', () => {
  it('gives the span and 1-based location of every state in JSON, nested ones included', async () => {
    const b1 = { Type: 'Pass', End: true };
    const i = { Type: 'Succeed' };
    const p = { Type: 'Parallel', Branches: [{ StartAt: 'B1', States: { B1: b1 } }], Next: 'M' };
    const mState = { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: i } }, End: true };
    const text = JSON.stringify({ StartAt: 'P', States: { P: p, M: mState } }, null, 2);
    const m = only(await loadDocument('a.json', text));
    const expected: Record<string, object> = { P: p, B1: b1, M: mState, I: i };
    for (const [name, value] of Object.entries(expected)) {
      const span = m.stateSpans[name]!;
      const slice = text.slice(span.start, span.end);
      expect(slice.startsWith('{') && slice.endsWith('}')).toBe(true);
      expect(JSON.parse(slice)).toEqual(value);
      const before = text.slice(0, span.start).split('\n');
      expect(m.stateLocations![name]).toEqual({ line: before.length, column: before.at(-1)!.length + 1 });
    }
  });

  it('gives spans in YAML that start at the state body and cover it', async () => {
    const text = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Succeed\n';
    const m = only(await loadDocument('a.asl.yaml', text));
    expect(text.slice(m.stateSpans.A!.start, m.stateSpans.A!.end)).toBe('Type: Pass\n    Next: B');
    expect(text.slice(m.stateSpans.B!.start, m.stateSpans.B!.end)).toBe('Type: Succeed');
    expect(m.stateLocations!.B).toEqual({ line: 7, column: 5 });
  });

  it('gives spans for an inline template Definition', async () => {
    const text = [
      'Resources:',
      '  Flow:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties:',
      '      Definition:',
      '        StartAt: Go',
      '        States:',
      '          Go:',
      '            Type: Task',
      '            Resource: !GetAtt Fn.Arn',
      '            End: true',
    ].join('\n');
    const doc = await loadDocument('template.yaml', text);
    const m = only(doc);
    expect(m.name).toBe('Flow');
    expect(text.slice(m.stateSpans.Go!.start, m.stateSpans.Go!.end)).toBe(
      'Type: Task\n            Resource: !GetAtt Fn.Arn\n            End: true',
    );
    expect(m.stateLocations!.Go).toEqual({ line: 9, column: 13 });
  });
});

describe('loadDocument: templates', () => {
  const defJson = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'X', End: true } } });

  it('finds every state machine resource, JSON and YAML, both resource types', async () => {
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue' },
        One: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: defJson } },
        Two: { Type: 'AWS::Serverless::StateMachine', Properties: { Definition: JSON.parse(defJson) } },
      },
    };
    const doc = await loadDocument('stack.json', JSON.stringify(template));
    expect(doc.format).toBe('template-json');
    expect(doc.machines.map((m) => [m.name, m.resourceType])).toEqual([
      ['One', 'AWS::StepFunctions::StateMachine'],
      ['Two', 'AWS::Serverless::StateMachine'],
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('parses every CloudFormation short tag', async () => {
    const tags = [
      '!Sub',
      '!GetAtt',
      '!Ref',
      '!Join',
      '!If',
      '!Select',
      '!Split',
      '!FindInMap',
      '!ImportValue',
      '!Base64',
      '!Cidr',
      '!GetAZs',
      '!Equals',
      '!And',
      '!Or',
      '!Not',
      '!Condition',
    ];
    const lines = [
      'Resources:',
      '  Flow:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      Definition:',
      '        StartAt: A',
      '        States:',
      '          A:',
      '            Type: Pass',
      '            End: true',
      '            Result:',
    ];
    tags.forEach((t, i) =>
      lines.push(
        `              k${i}: ${t} ${t === '!Join' || t === '!Select' || t === '!If' || t === '!Equals' || t === '!And' || t === '!Or' || t === '!Not' || t === '!Split' || t === '!FindInMap' || t === '!Cidr' ? '[a, b]' : 'Thing.Attr'}`,
      ),
    );
    const doc = await loadDocument('t.yaml', lines.join('\n'));
    expect(errors(doc)).toEqual([]);
    expect(doc.diagnostics).toEqual([]);
    const result = (only(doc).definition as any).States.A.Result as Record<string, string>;
    expect(result.k0).toBe('Thing.Attr');
    expect(result.k1).toBe('${GetAtt:Thing.Attr}');
    expect(result.k2).toBe('${Ref:Thing.Attr}');
    expect(result.k3).toBe('${Join:a,b}');
    expect(result.k4).toBe('${If:a,b}');
    expect(result.k16).toBe('${Condition:Thing.Attr}');
    for (const v of Object.values(result).slice(1)) expect(v).toMatch(/^\$\{\w+:/);
  });

  it('reads DefinitionString as Fn::Sub text, Fn::Sub [text, vars] and Fn::Join with visible placeholders', async () => {
    const text = [
      'Resources:',
      '  SubOnly:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString: !Sub |',
      '        {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}", "TimeoutSeconds": ${Timeout}, "End": true}}}',
      '  SubVars:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString: !Sub',
      '        - \'{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Target}", "Comment": "${Plain}", "End": true}}}\'',
      '        - Target: !GetAtt Worker.Arn',
      '          Plain: literal',
      '  Joined:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString:',
      '        Fn::Join:',
      '          - ""',
      '          - - \'{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "\'',
      '            - !GetAtt Worker.Arn',
      '            - \'", "Parameters": {"Q": "\'',
      '            - !Ref Queue',
      '            - \'"}, "End": true}}}\'',
    ].join('\n');
    const doc = await loadDocument('t.yaml', text);
    expect(errors(doc)).toEqual([]);
    const [subOnly, subVars, joined] = doc.machines.map((m) => (m.definition as any).States.A);
    expect(subOnly.Resource).toBe('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}');
    expect(subOnly.TimeoutSeconds).toBe('${Timeout}');
    expect(subVars.Resource).toBe('${GetAtt:Worker.Arn}');
    expect(subVars.Comment).toBe('literal');
    expect(joined.Resource).toBe('${GetAtt:Worker.Arn}');
    expect(joined.Parameters.Q).toBe('${Ref:Queue}');
    expect(doc.machines[2]!.placeholders).toEqual([{ name: 'GetAtt:Worker.Arn' }, { name: 'Ref:Queue' }]);
    expect(doc.machines.map((m) => m.location)).toEqual([
      { line: 5, column: 7 },
      { line: 10, column: 7 },
      { line: 17, column: 7 },
    ]);
  });

  it('gives state spans for a DefinitionString written as a YAML literal block, with or without Fn::Sub variables', async () => {
    const text = [
      'Resources:',
      '  Plain:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString: !Sub |',
      '        {',
      '          "StartAt": "A",',
      '          "States": {',
      '            "A": { "Type": "Task", "Resource": "${Fn.Arn}", "End": true }',
      '          }',
      '        }',
      '  WithVars:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString: !Sub',
      '        - |-',
      '          {"Comment": "${Long}", "StartAt": "B",',
      '           "States": {"B": {"Type": "Wait", "Seconds": 5, "Next": "C"},',
      '                      "C": {"Type": "Succeed"}}}',
      '        - Long: a much longer replacement text than the placeholder',
    ].join('\n');
    const doc = await loadDocument('t.yaml', text);
    expect(doc.diagnostics).toEqual([]);
    const [plain, withVars] = doc.machines;
    const slice = (m: typeof plain, id: string) => text.slice(m!.stateSpans[id]!.start, m!.stateSpans[id]!.end);
    expect(slice(plain, 'A')).toBe('{ "Type": "Task", "Resource": "${Fn.Arn}", "End": true }');
    expect(plain!.stateLocations!.A).toEqual({ line: 9, column: 18 });
    expect((withVars!.definition as { Comment: string }).Comment).toBe(
      'a much longer replacement text than the placeholder',
    );
    expect(slice(withVars, 'B')).toBe('{"Type": "Wait", "Seconds": 5, "Next": "C"}');
    expect(slice(withVars, 'C')).toBe('{"Type": "Succeed"}');
    expect(withVars!.stateLocations!.C).toEqual({ line: 19, column: 28 });
  });

  it('gives state spans for a JSON template DefinitionString: a plain escaped string and CDK-style Fn::Join parts', async () => {
    const inner =
      '{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Pass", "Result": "caf\u00e9", "Next": "B"}, "B": {"Type": "Succeed"}}\n}';
    const template = {
      Resources: {
        Plain: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: inner } },
        Cdk: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: {
              'Fn::Join': [
                '',
                [
                  '{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"',
                  { 'Fn::GetAtt': ['Fn', 'Arn'] },
                  '","Next":"Done"},"Done":{"Type":"Succeed"}}}',
                ],
              ],
            },
          },
        },
      },
    };
    const text = JSON.stringify(template, null, 2);
    const doc = await loadDocument('cdk.template.json', text);
    expect(doc.diagnostics).toEqual([]);
    const [plain, cdk] = doc.machines;
    const slice = (m: typeof plain, id: string) => text.slice(m!.stateSpans[id]!.start, m!.stateSpans[id]!.end);
    // The spans cover the escaped text of each state object inside the JSON string literal.
    expect(JSON.parse(`"${slice(plain, 'A')}"`)).toBe('{"Type": "Pass", "Result": "café", "Next": "B"}');
    expect(JSON.parse(`"${slice(plain, 'B')}"`)).toBe('{"Type": "Succeed"}');
    expect(slice(cdk, 'Done')).toBe('{\\"Type\\":\\"Succeed\\"}');
    expect(slice(cdk, 'T').startsWith('{\\"Type\\":\\"Task\\",\\"Resource\\":\\"",')).toBe(true);
    expect(slice(cdk, 'T')).toContain('"Fn::GetAtt"');
    expect(slice(cdk, 'T').endsWith('\\"Next\\":\\"Done\\"}')).toBe(true);
    const line = (m: typeof plain, id: string) => m!.stateLocations![id]!.line;
    expect(line(cdk, 'Done')).toBe(text.slice(0, text.indexOf('{\\"Type\\":\\"Succeed')).split('\n').length);
  });

  it('points a JSON error inside a literal-block DefinitionString at its line in the template', async () => {
    const text = [
      'Resources:',
      '  M:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString: |',
      '        {',
      '          "StartAt": "A"',
      '          "States": {}',
      '        }',
    ].join('\n');
    const doc = await loadDocument('t.yaml', text);
    expect(doc.machines).toEqual([]);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'definition-syntax',
        line: 8,
        column: 11,
        message: expect.stringContaining('(line 3, column 3 of the definition)'),
      }),
    ]);
  });

  it('reads DefinitionUri through readFile, relative to the template, with DefinitionSubstitutions as values', async () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Flow:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties:',
      '      DefinitionUri: statemachine/flow.asl.json',
      '      DefinitionSubstitutions:',
      '        FnArn: !GetAtt Fn.Arn',
      '        TableName: !Ref Table',
      '        Plain: hello',
    ].join('\n');
    const calls: [string, string][] = [];
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Task', Resource: '${FnArn}', Parameters: { TableName: '${TableName}' }, End: true } },
    };
    const doc = await loadDocument('/proj/template.yaml', text, {
      readFile: async (path, from) => {
        calls.push([path, from]);
        return JSON.stringify(definition);
      },
    });
    expect(calls).toEqual([['statemachine/flow.asl.json', '/proj/template.yaml']]);
    expect(doc.format).toBe('template-yaml');
    expect(doc.diagnostics).toEqual([]);
    const m = only(doc);
    expect(m.definitionFile).toBe('statemachine/flow.asl.json');
    expect(m.definition).toEqual(definition);
    expect(m.placeholders).toEqual([
      { name: 'FnArn', value: '${GetAtt:Fn.Arn}' },
      { name: 'TableName', value: '${Ref:Table}' },
    ]);
    expect(m.stateSpans).toEqual({});
  });

  it('reports an unreadable DefinitionUri at the template line, and a syntax error in the file with its own position', async () => {
    const text =
      'Resources:\n  A:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: missing.json\n  B:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: broken.json\n';
    const doc = await loadDocument('t.yaml', text, {
      readFile: async (path) => {
        if (path === 'missing.json') throw new Error('ENOENT: no such file');
        return '{\n  "StartAt": "A",\n  "States": {\n}';
      },
    });
    expect(doc.machines).toEqual([]);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'definition-unreadable',
        message: 'A: cannot read the definition file "missing.json": ENOENT: no such file',
        line: 5,
        column: 7,
      }),
      expect.objectContaining({
        severity: 'error',
        code: 'definition-syntax',
        line: 9,
        column: 7,
        message: expect.stringContaining('B: broken.json (line 4, column 2)'),
      }),
    ]);
  });

  it('says a DefinitionUri cannot be opened when no readFile is given', async () => {
    const doc = await loadDocument(
      't.yaml',
      'Resources:\n  A:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm.json\n',
    );
    expect(doc.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'definition-unreadable' })]);
  });

  it('gives an info diagnostic, not an error, for S3 definition locations', async () => {
    const text = [
      'Resources:',
      '  A:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionS3Location:',
      '        Bucket: my-bucket',
      '        Key: sm.json',
      '  B:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties:',
      '      DefinitionUri: s3://bucket/key.json',
    ].join('\n');
    const doc = await loadDocument('t.yaml', text, {
      readFile: async () => {
        throw new Error('must not be called');
      },
    });
    expect(doc.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['info', 's3-definition', 5],
      ['info', 's3-definition', 11],
    ]);
    expect(doc.diagnostics[0]!.message).toContain('s3://my-bucket/sm.json');
  });

  it('reports a state machine without any definition', async () => {
    const doc = await loadDocument(
      'cdk.template.json',
      JSON.stringify({ Resources: { SM: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'x' } } } }),
    );
    expect(doc.machines).toEqual([]);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'no-definition',
        message: 'SM: the state machine has no Definition, DefinitionString, DefinitionUri or DefinitionS3Location.',
      }),
    ]);
  });

  it('reports a template with no state machine', async () => {
    const doc = await loadDocument(
      't.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n',
    );
    expect(doc.format).toBe('template-yaml');
    expect(doc.machines).toEqual([]);
    expect(errors(doc)).toEqual([
      expect.objectContaining({
        code: 'no-machine',
        message:
          'The template declares no state machine (no resource of type AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine).',
        line: 3,
      }),
    ]);
  });

  it('reads a template whose JSON-style policy closes under-indented, as CloudFormation does', async () => {
    const text = [
      'Resources:',
      '  Key:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      KeyPolicy: {',
      '        "Version": "2012-10-17"',
      '    }',
      '  Flow:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      Definition:',
      '        StartAt: A',
      '        States:',
      '          A:',
      '            Type: Succeed',
    ].join('\n');
    const doc = await loadDocument('t.yaml', text);
    expect(errors(doc)).toEqual([]);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', line: 7, message: expect.stringContaining('less indentation') }),
    ]);
    const m = only(doc);
    expect(text.slice(m.stateSpans.A!.start, m.stateSpans.A!.end)).toBe('Type: Succeed');
  });
});

describe('loadDocument: bad input never throws and says what is wrong', () => {
  it('empty file', async () => {
    for (const text of ['', '   \n\t\n', '\ufeff']) {
      const doc = await loadDocument('a.json', text);
      expect(doc.machines).toEqual([]);
      expect(doc.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'empty',
          message: 'The file is empty.',
          line: 1,
          column: 1,
        }),
      ]);
    }
  });

  it('binary content: NUL bytes and invalid UTF-8', async () => {
    const nul = await loadDocument('a.json', '{"a":\0\0\0}');
    expect(nul.diagnostics).toEqual([
      expect.objectContaining({
        code: 'binary',
        message: 'The file contains NUL bytes: it looks like a binary file, not JSON or YAML.',
        line: 1,
        column: 6,
      }),
    ]);
    const bytes = new Uint8Array([0x7b, 0x0a, 0xff, 0xfe, 0x80, 0x7d]);
    const decoded = new TextDecoder().decode(bytes);
    const bad = await loadDocument('a.json', decoded);
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({
        code: 'binary',
        line: 2,
        column: 1,
        message: expect.stringContaining('not valid UTF-8'),
      }),
    ]);
  });

  it('malformed JSON with a 1-based line and column', async () => {
    const doc = await loadDocument(
      'a.asl.json',
      '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass" "End": true }\n  }\n}',
    );
    expect(doc.machines).toEqual([]);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'syntax',
        message: 'Invalid JSON: Expected "," or "}" after property value but found """.',
        line: 4,
        column: 27,
      }),
    ]);
    const unterminated = await loadDocument('a.json', '{"StartAt": "A');
    expect(unterminated.diagnostics[0]).toMatchObject({
      message: 'Invalid JSON: Unterminated string.',
      line: 1,
      column: 13,
    });
    const truncated = await loadDocument('a.json', '{"StartAt": "A",\n');
    expect(truncated.diagnostics[0]).toMatchObject({
      message: 'Invalid JSON: Unexpected end of file: "}" expected.',
      line: 2,
      column: 1,
    });
  });

  it('malformed YAML with a 1-based line and column', async () => {
    const doc = await loadDocument('a.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n');
    expect(doc.machines).toEqual([]);
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', code: 'syntax', line: 5, column: 4 });
    expect(doc.diagnostics[0]!.message).toMatch(/^Invalid YAML: /);
  });

  it('valid JSON that is not ASL', async () => {
    const doc = await loadDocument('package.json', '{"name": "x", "version": "1.0.0"}');
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({
        code: 'not-asl',
        message:
          'The file is valid JSON but not an Amazon States Language definition (no "StartAt" or "States") nor a SAM/CloudFormation template (no "Resources").',
      }),
    ]);
    const arr = await loadDocument('a.json', '[1, 2]');
    expect(arr.diagnostics[0]!.message).toBe(
      'The file is valid JSON but not a state machine: expected an object with "StartAt" and "States", found an array.',
    );
    const scalar = await loadDocument('a.yaml', 'just some words');
    expect(scalar.diagnostics[0]!.message).toBe(
      'The file is valid YAML but not a state machine: expected an object with "StartAt" and "States", found a string.',
    );
  });

  it('YAML alias bomb is refused quickly with a clear error', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = performance.now();
    const doc = await loadDocument('bomb.yaml', lines.join('\n'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(doc.machines).toEqual([]);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ code: 'alias-bomb', message: expect.stringContaining('alias bomb') }),
    ]);
  });

  it('too many aliases is refused even when each is small', async () => {
    const text = 'x: &x 1\nlist:\n' + Array.from({ length: 150 }, () => '  - *x').join('\n');
    const doc = await loadDocument('a.yaml', text);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ code: 'alias-bomb', message: expect.stringContaining('Too many YAML aliases') }),
    ]);
  });

  it('300 levels of nested Parallel load and draw; absurd nesting is refused, not a crash', async () => {
    let scope: object = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
    for (let i = 0; i < 300; i++)
      scope = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [scope], End: true } } };
    const doc = await loadDocument('deep.asl.json', JSON.stringify(scope));
    expect(errors(doc)).toEqual([]);
    const g = buildGraph(only(doc));
    expect(g.states).toHaveLength(301);
    expect(g.states.find((s) => s.id === 'Leaf')!.depth).toBe(300);
    expect(g.diagnostics).toEqual([]);

    const json = await loadDocument('a.json', '['.repeat(100_000));
    expect(json.diagnostics).toEqual([
      expect.objectContaining({ code: 'too-deep', message: 'Invalid JSON: Nesting is deeper than 2000 levels.' }),
    ]);
    const yaml = await loadDocument('a.yaml', 'a: ' + '['.repeat(100_000));
    expect(yaml.diagnostics).toEqual([expect.objectContaining({ code: 'too-deep' })]);
  });

  it('__proto__ and constructor are ordinary state names, in JSON and YAML', async () => {
    const json =
      '{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","Next":"constructor"},"constructor":{"Type":"Pass","Next":"hasOwnProperty"},"hasOwnProperty":{"Type":"Succeed"}}}';
    const yaml =
      'StartAt: __proto__\nStates:\n  __proto__:\n    Type: Pass\n    Next: constructor\n  constructor:\n    Type: Pass\n    Next: hasOwnProperty\n  hasOwnProperty:\n    Type: Succeed\n';
    for (const [file, text] of [
      ['p.json', json],
      ['p.yaml', yaml],
    ] as const) {
      const doc = await loadDocument(file, text);
      expect(doc.diagnostics).toEqual([]);
      const m = only(doc);
      const states = (m.definition as { States: object }).States;
      expect(Object.keys(states)).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
      expect(Object.getPrototypeOf(states)).toBe(Object.prototype);
      expect(Object.keys(m.stateSpans).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
      const g = buildGraph(m);
      expect(g.states.map((s) => s.id)).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
      expect(g.edges.filter((e) => e.kind === 'next').map((e) => [e.from, e.to])).toEqual([
        ['__proto__', 'constructor'],
        ['constructor', 'hasOwnProperty'],
      ]);
      expect(g.diagnostics).toEqual([]);
    }
  });

  it('a 50 MB definition loads in linear time', async () => {
    const blob = 'x'.repeat(9_000);
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 5_000; i++) {
      states[`S${i}`] =
        i < 4_999
          ? {
              Type: 'Pass',
              Result: { blob, items: Array.from({ length: 20 }, (_, k) => ({ k, v: `value${k}` })) },
              Next: `S${i + 1}`,
            }
          : { Type: 'Succeed' };
    }
    const text = JSON.stringify({ StartAt: 'S0', States: states }, null, 1);
    expect(text.length).toBeGreaterThan(50_000_000);
    const started = performance.now();
    const doc = await loadDocument('huge.asl.json', text);
    const g = buildGraph(only(doc));
    const ms = performance.now() - started;
    console.log(`50 MB definition: load + graph in ${Math.round(ms)} ms`);
    expect(doc.diagnostics).toEqual([]);
    expect(g.states).toHaveLength(5_000);
    expect(ms).toBeLessThan(15_000);
  });
});
