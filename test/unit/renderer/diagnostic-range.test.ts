import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { refineRanges } from '../../../renderer/src/editor/diagnostic-range.ts';

async function problems(name: string, text: string) {
  const doc = await loadDocument(name, text);
  const m = doc.machines[0];
  const g = buildGraph(m);
  return refineRanges(text, m.stateSpans, g.diagnostics);
}

describe('diagnostics on the exact value', () => {
  it('marks a bad Next on its value, many lines below the state’s brace (JSON)', async () => {
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Comment: 'x', Parameters: { a: 1, b: 2, c: 3 }, ResultPath: '$.r', Next: 'Nowhere' },
        B: { Type: 'Succeed' },
      },
    };
    const text = JSON.stringify(def, null, 2);
    const [d] = (await problems('m.asl.json', text)).filter((p) => p.code === 'missing-target');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"Next": "Nowhere"')) + 1;
    expect(d.line).toBe(at);
    expect(lines[at - 1].slice(d.column - 1, d.endColumn! - 1)).toBe('"Nowhere"');
  });

  it('marks a bad StartAt and a bad Default in YAML on their values', async () => {
    const text = [
      'Comment: test',
      'StartAt: Begin',
      'States:',
      '  Start:',
      '    Type: Choice',
      '    Choices:',
      '      - Variable: $.x',
      '        NumericEquals: 1',
      '        Next: Done',
      '    Default: Elsewhere',
      '  Done:',
      '    Type: Succeed',
      '',
    ].join('\n');
    const list = (await problems('m.asl.yaml', text)).filter((p) => p.code === 'missing-target');
    const startAt = list.find((p) => p.message.includes('Begin'))!;
    expect([startAt.line, startAt.column, startAt.endColumn]).toEqual([2, 10, 15]);
    const def = list.find((p) => p.message.includes('Elsewhere'))!;
    expect([def.line, def.column, def.endColumn]).toEqual([10, 14, 23]);
  });
});
