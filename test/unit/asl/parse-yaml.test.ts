import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import {
  FAST_YAML_THRESHOLD,
  parseYaml,
  parseYamlFast,
  parseYamlPrecise,
  type ParsedYaml,
} from '../../../shared/asl/parse-yaml.ts';
import { walkScopes } from '../../../shared/asl/walk.ts';
import { CORPUS } from '../../support/corpus.ts';

const corpus = CORPUS;

function stateSpans(parsed: ParsedYaml, definition: unknown) {
  const out: unknown[] = [];
  walkScopes(definition, (scope) => {
    for (const s of scope.states) out.push([s.id, parsed.spans.get(s.value as object)]);
  });
  return out;
}

function definitions(value: unknown): unknown[] {
  const v = value as { States?: unknown; Resources?: Record<string, { Properties?: { Definition?: unknown } }> };
  if (v?.States) return [v];
  return Object.values(v?.Resources ?? {})
    .map((r) => r?.Properties?.Definition)
    .filter((d) => d !== null && typeof d === 'object');
}

describe('YAML readers', () => {
  it('the fast and the precise reader agree on every YAML file of the corpus (values and state spans)', async () => {
    const index = JSON.parse(await readFile(corpus + 'index.json', 'utf8')) as { path: string }[];
    const files = index.filter((e) => /\.ya?ml$/.test(e.path));
    expect(files.length).toBeGreaterThan(150);
    const disagreements: string[] = [];
    for (const { path } of files) {
      const text = await readFile(corpus + path, 'utf8');
      const precise = parseYamlPrecise(text);
      const fast = parseYamlFast(text);
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(precise.value)), JSON.parse(JSON.stringify(fast.value)))) {
        disagreements.push(`${path}: values differ`);
        continue;
      }
      const a = definitions(precise.value).map((d) => stateSpans(precise, d));
      const b = definitions(fast.value).map((d) => stateSpans(fast, d));
      if (!isDeepStrictEqual(a, b)) disagreements.push(`${path}: state spans differ`);
    }
    expect(disagreements).toEqual([]);
  });

  it('the fast reader gives positions for syntax errors and reads CloudFormation tags', () => {
    expect(() => parseYamlFast('a: [1, 2\nb: 3')).toThrow(expect.objectContaining({ name: 'YamlSyntaxError' }));
    expect(parseYamlFast('a: !GetAtt Fn.Arn\nb: !Sub "x-${A}"\nc: !Join ["", [a, !Ref B]]').value).toEqual({
      a: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      b: { 'Fn::Sub': 'x-${A}' },
      c: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
    });
    const proto = parseYamlFast('__proto__:\n  Type: Pass\n').value as object;
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  it('large files with aliases still take the alias-budgeted reader', () => {
    const big = 'pad: "' + 'x'.repeat(FAST_YAML_THRESHOLD) + '"\n';
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(() => parseYaml(big + lines.join('\n'))).toThrow(/alias bomb/);
  });

  it('deep nesting the precise reader cannot hold falls back to the fast reader; beyond the limit is a clear error', () => {
    const deep = 'a: ' + '['.repeat(1_500) + ']'.repeat(1_500);
    expect(() => parseYamlPrecise(deep)).toThrow(/call stack/);
    let value = (parseYaml(deep).value as { a: unknown }).a;
    let depth = 0;
    while (Array.isArray(value) && value.length > 0) {
      value = value[0];
      depth++;
    }
    expect(depth).toBe(1_499);
    expect(() => parseYaml('a: ' + '['.repeat(5_000) + ']'.repeat(5_000))).toThrow(
      /^Nesting is (deeper than 2000 levels|too deep to read)$/,
    );
  });

  it('300 levels of nested Parallel in YAML load and draw', async () => {
    let scope: object = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
    for (let i = 0; i < 300; i++)
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
    const doc = await loadDocument('deep.asl.yaml', toYaml(scope, 0));
    expect(doc.diagnostics).toEqual([]);
    const g = buildGraph(doc.machines[0]!);
    expect(g.states).toHaveLength(301);
    expect(g.states.at(-1)).toMatchObject({ id: 'Leaf', depth: 300, parent: 'P0' });
  });

  it('a 5 MB YAML definition with 20,000 states loads in seconds', async () => {
    const lines = ['StartAt: S0', 'States:'];
    for (let i = 0; i < 20_000; i++) {
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
        i < 19_999 ? `    Next: S${i + 1}` : '    End: true',
      );
    }
    const text = lines.join('\n');
    const started = performance.now();
    const doc = await loadDocument('big.asl.yaml', text);
    const g = buildGraph(doc.machines[0]!);
    const ms = performance.now() - started;
    console.log(`${(text.length / 1e6).toFixed(1)} MB YAML, 20,000 states: load + graph in ${Math.round(ms)} ms`);
    expect(doc.diagnostics).toEqual([]);
    expect(g.states).toHaveLength(20_000);
    const span = doc.machines[0]!.stateSpans.S19999!;
    expect(text.slice(span.start, span.end)).toBe(
      'Type: Task\n    Resource: arn:aws:states:::lambda:invoke\n    Parameters:\n      FunctionName: my-function\n      Payload.$: $.item19999\n    Retry:\n      - ErrorEquals: [States.ALL]\n        MaxAttempts: 2\n    End: true',
    );
    expect(ms).toBeLessThan(15_000);
  });
});
