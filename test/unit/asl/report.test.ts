import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { graphReport, isFatal, reportExitCode } from '../../../shared/asl/report.ts';

async function reportOf(file: string, text: string, readFile?: (p: string, from: string) => Promise<string>) {
  const doc = await loadDocument(file, text, readFile ? { readFile } : {});
  return { doc, report: graphReport(doc, doc.machines.map(buildGraph)) };
}

describe('graphReport', () => {
  it('has exactly the documented shape, with (start)/(end) markers and full labels', async () => {
    const def = {
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.total', NumericGreaterThan: 1000, Next: 'Charge' }],
          Default: 'Fan',
        },
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
          End: true,
        },
        Fan: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Notify',
              States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
            },
          ],
          Next: 'Gone',
        },
        Failed: { Type: 'Fail' },
      },
    };
    const text = JSON.stringify(def, null, 2);
    const fanLine = text.split('\n').findIndex((l) => l.includes('"Fan": {')) + 1;
    expect(fanLine).toBeGreaterThan(1);
    const { doc, report } = await reportOf('/w/order.asl.json', text);
    expect(report).toEqual({
      file: '/w/order.asl.json',
      format: 'asl-json',
      stateMachines: [
        {
          name: 'order',
          queryLanguage: 'JSONPath',
          states: [
            { name: 'Check', type: 'Choice', parent: null, branch: null },
            {
              name: 'Charge',
              type: 'Task',
              parent: null,
              branch: null,
              resource: 'arn:aws:states:::lambda:invoke',
              service: 'lambda',
              pattern: 'request-response',
            },
            { name: 'Fan', type: 'Parallel', parent: null, branch: null },
            { name: 'Failed', type: 'Fail', parent: null, branch: null },
            {
              name: 'Notify',
              type: 'Task',
              parent: 'Fan',
              branch: 0,
              resource: 'arn:aws:states:::sns:publish',
              service: 'sns',
              pattern: 'request-response',
            },
          ],
          edges: [
            { from: '(start)', to: 'Check', kind: 'start' },
            { from: 'Check', to: 'Charge', kind: 'choice', label: '$.total > 1000' },
            { from: 'Check', to: 'Fan', kind: 'default', label: 'Default' },
            { from: 'Charge', to: 'Failed', kind: 'catch', label: 'States.ALL' },
            { from: 'Charge', to: '(end)', kind: 'end' },
            { from: 'Fan', to: 'Gone', kind: 'missing' },
            { from: 'Failed', to: '(end)', kind: 'end' },
            { from: '(start)', to: 'Notify', kind: 'start' },
            { from: 'Notify', to: '(end)', kind: 'end' },
          ],
          diagnostics: [
            {
              severity: 'error',
              message: 'State "Fan" goes to "Gone", which does not exist.',
              line: fanLine,
              column: 12,
              state: 'Fan',
            },
          ],
        },
      ],
      diagnostics: [],
    });
    expect(reportExitCode(report)).toBe(1);
    expect(isFatal(doc)).toBe(false);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('uses the full Choice text as the label even when the graph edge is shortened', async () => {
    const cond = '{% $states.input.order.total > 1000 and $states.input.customer.tier = "gold" %}';
    const { report } = await reportOf(
      'a.json',
      JSON.stringify({
        QueryLanguage: 'JSONata',
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Condition: cond, Next: 'D' }], Default: 'D' },
          D: { Type: 'Succeed' },
        },
      }),
    );
    expect(report.stateMachines[0]!.queryLanguage).toBe('JSONata');
    expect(report.stateMachines[0]!.edges[1]).toEqual({
      from: 'C',
      to: 'D',
      kind: 'choice',
      label: '$states.input.order.total > 1000 and $states.input.customer.tier = "gold"',
    });
    expect(reportExitCode(report)).toBe(0);
  });

  it('reports template formats, one entry per machine, and file-level diagnostics', async () => {
    const text = [
      'Resources:',
      '  A:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      Definition: {StartAt: X, States: {X: {Type: Succeed}}}',
      '  B:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionS3Location: {Bucket: b, Key: k}',
    ].join('\n');
    const { report } = await reportOf('t.yaml', text);
    expect(report.format).toBe('template-yaml');
    expect(report.stateMachines.map((m) => m.name)).toEqual(['A']);
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'info', line: 9, column: 7 })]);
    expect(Object.keys(report.diagnostics[0]!).sort()).toEqual(['column', 'line', 'message', 'severity']);
    expect(reportExitCode(report)).toBe(0);
  });

  it("puts the loader's diagnostics about a loaded machine in that machine's list", async () => {
    const text = [
      'Resources:',
      '  Good:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString: \'{"StartAt": "A", "States": {"A": {"Type": "Succeed",}}}\'',
      '  Lost:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      RoleArn: x',
    ].join('\n');
    const { report } = await reportOf('t.yaml', text);
    expect(report.stateMachines.map((m) => [m.name, m.diagnostics.map((d) => d.severity)])).toEqual([
      ['Good', ['warning']],
    ]);
    expect(report.stateMachines[0]!.diagnostics[0]!.message).toMatch(/^Good: DefinitionString: Trailing commas/);
    expect(report.diagnostics.map((d) => [d.severity, d.line])).toEqual([['error', 7]]);
  });

  it('routes extra diagnostics to their machine, or to the file when they name none', async () => {
    const doc = await loadDocument('m.json', '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
    const report = graphReport(doc, doc.machines.map(buildGraph), {
      diagnostics: [
        { severity: 'warning', message: 'w', line: 1, column: 1, machine: 'm', state: 'A', source: 'x' },
        { severity: 'error', message: 'e', line: 2, column: 3 },
      ],
    });
    expect(report.stateMachines[0]!.diagnostics).toEqual([
      { severity: 'warning', message: 'w', line: 1, column: 1, state: 'A' },
    ]);
    expect(report.diagnostics).toEqual([{ severity: 'error', message: 'e', line: 2, column: 3 }]);
    expect(reportExitCode(report)).toBe(1);
  });
});

describe('isFatal and exit codes', () => {
  it('is fatal only when the file itself could not be read as JSON/YAML', async () => {
    const cases: [string, string, boolean][] = [
      ['a.json', '', true],
      ['a.json', '{"a":\0}', true],
      ['a.json', '{"StartAt": ', true],
      ['a.yaml', 'a: [1, 2\nb: 3', true],
      ['a.json', '{"name": "not asl"}', false],
      ['t.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', false],
      ['a.json', '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}', false],
    ];
    for (const [file, text, fatal] of cases) {
      const { doc, report } = await reportOf(file, text);
      expect(isFatal(doc), `${file}: ${JSON.stringify(text)}`).toBe(fatal);
      expect(reportExitCode(report)).toBe(fatal || doc.machines.length === 0 ? 1 : 0);
    }
  });
});
