import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { parseYaml } from '../../../shared/asl/parse-yaml.ts';

describe('YAML readers', () => {
  it('gives positions for syntax errors and reads CloudFormation tags', () => {
    expect(() => parseYaml('a: [1, 2\nb: 3')).toThrow(expect.objectContaining({ name: 'YamlSyntaxError' }));
    expect(parseYaml('a: !GetAtt Fn.Arn\nb: !Sub "x-${A}"\nc: !Join ["", [a, !Ref B]]').value).toEqual({
      a: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      b: { 'Fn::Sub': 'x-${A}' },
      c: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
    });
    const proto = parseYaml('__proto__:\n  Type: Pass\n').value as object;
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  it('large files with an alias bomb are refused too', () => {
    const big = 'pad: "' + 'x'.repeat(200_000) + '"\n';
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(() => parseYaml(big + lines.join('\n'))).toThrow(/alias bomb/);
  });

  it('names the whole key of a duplicate, once per repeat, at the repeated key', () => {
    const r = parseYaml('StartAt: A\nStates:\n  Hello:\n    Type: Pass\n  Hello: {Type: Succeed}\nStartAt: B\n');
    expect(r.warnings).toEqual([
      { message: 'Duplicate key "Hello"; the last value is used', offset: 45, code: 'duplicate-key' },
      { message: 'Duplicate key "StartAt"; the last value is used', offset: 68, code: 'duplicate-key' },
    ]);
    expect(r.value).toEqual({ StartAt: 'B', States: { Hello: { Type: 'Succeed' } } });
  });

  it('nesting deeper than the reader can hold is a clear error, never a crash', async () => {
    for (const levels of [1_500, 5_000]) {
      const doc = await loadDocument('deep.asl.yaml', 'a: ' + '['.repeat(levels) + ']'.repeat(levels));
      expect(doc.machines).toEqual([]);
      expect(doc.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'too-deep',
          message: expect.stringMatching(/nested too deeply|deeper than 2000/),
        }),
      ]);
    }
  });

  it('100 levels of nested Parallel in YAML load and draw; 300 levels load or are a clear error, never a crash', async () => {
    const nested = (levels: number): string => {
      let scope: object = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
      for (let i = 0; i < levels; i++)
        scope = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [scope], End: true } } };
      const toYaml = (v: unknown, indent: number): string => {
        const pad = ' '.repeat(indent);
        if (Array.isArray(v)) return v.map((x) => `${pad}-\n${toYaml(x, indent + 2)}`).join('');
        if (v !== null && typeof v === 'object') {
          return Object.entries(v)
            .map(([k, x]) =>
              x !== null && typeof x === 'object'
                ? `${pad}${k}:\n${toYaml(x, indent + 2)}`
                : `${pad}${k}: ${JSON.stringify(x)}\n`,
            )
            .join('');
        }
        return `${pad}${JSON.stringify(v)}\n`;
      };
      return toYaml(scope, 0);
    };
    const doc = await loadDocument('deep.asl.yaml', nested(100));
    expect(doc.diagnostics).toEqual([]);
    const g = buildGraph(doc.machines[0]!);
    expect(g.states).toHaveLength(101);
    expect(g.states.at(-1)).toMatchObject({ id: 'Leaf', depth: 100, parent: 'P0' });
    // The `yaml` package composes nodes recursively, so how deep it can go depends on the stack (and on how the
    // engine compiled it): 300 levels either load and draw, or are refused in plain words, never a crash. (The
    // same machine in JSON always loads: test/unit/asl/load.test.ts.)
    const deep = await loadDocument('deep.asl.yaml', nested(300));
    if (deep.machines.length === 1) {
      expect(deep.diagnostics).toEqual([]);
      expect(buildGraph(deep.machines[0]!).states).toHaveLength(301);
    } else {
      expect(deep.machines).toEqual([]);
      expect(deep.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'too-deep',
          message: expect.stringMatching(/nested too deeply/),
        }),
      ]);
    }
  });

  it('a 5 MB YAML definition with 20,000 states loads in time linear in its size', async () => {
    const definition = (states: number): string => {
      const lines = ['StartAt: S0', 'States:'];
      for (let i = 0; i < states; i++) {
        lines.push(
          `  S${i}:`,
          '    Type: Task',
          '    Resource: arn:aws:states:::lambda:invoke',
          '    Parameters:',
          '      FunctionName: my-function',
          `      Payload.$: $.item${i}`,
          '    Retry:',
          '      - ErrorEquals: [States.ALL]',
          '        MaxAttempts: 2',
          i < states - 1 ? `    Next: S${i + 1}` : '    End: true',
        );
      }
      return lines.join('\n');
    };
    const timed = async (text: string) => {
      const started = performance.now();
      const doc = await loadDocument('big.asl.yaml', text);
      const g = buildGraph(doc.machines[0]!);
      return { doc, g, ms: performance.now() - started };
    };
    const small = await timed(definition(2_000));
    const text = definition(20_000);
    const { doc, g, ms } = await timed(text);
    console.log(
      `${(text.length / 1e6).toFixed(1)} MB YAML, 20,000 states: load + graph in ${Math.round(ms)} ms (2,000 states: ${Math.round(small.ms)} ms)`,
    );
    expect(doc.diagnostics).toEqual([]);
    expect(g.states).toHaveLength(20_000);
    const span = doc.machines[0]!.stateSpans.S19999!;
    expect(text.slice(span.start, span.end)).toBe(
      'Type: Task\n    Resource: arn:aws:states:::lambda:invoke\n    Parameters:\n      FunctionName: my-function\n      Payload.$: $.item19999\n    Retry:\n      - ErrorEquals: [States.ALL]\n        MaxAttempts: 2\n    End: true',
    );
    // Ten times the states in at most ~30 times the time (a check per key against every earlier key of the
    // mapping, as the yaml package's uniqueKeys option does, makes it about 100 times).
    expect(ms).toBeLessThan(small.ms * 30);
  });
});
