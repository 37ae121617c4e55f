/**
 * Every ASL definition and template in the shared real-world corpus: it loads without throwing, and each
 * machine's graph has exactly as many states as the file has, counted here with independent readers (JSON.parse,
 * json5, and the `yaml` package's plain `parse` with CloudFormation tags) rather than with the loader under test.
 */
import { readFile } from 'node:fs/promises';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { parse as parseYamlPlain, type Tags } from 'yaml';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { CORPUS } from '../../support/corpus.ts';

const corpusPath = CORPUS;

interface Entry {
  path: string;
  kind: string;
  format?: string;
  notes?: string;
}

/**
 * Files that legitimately yield fewer machines than they declare, each with the reason and the diagnostic code
 * the loader must give. Every other file must load with no file-level error.
 */
const EXPECTED_PROBLEMS: Record<string, { code: string; why: string }> = {
  'asl/templates/sfn-workflows-collection/account-vending-machine__template.yaml': {
    code: 'definition-unreadable',
    why: 'DefinitionUri points at statemachines/… but the upstream file lives in statemachine/ (broken as committed)',
  },
  'asl/templates/localstack/templates__statemachine_machine_default_s3_location.yml': {
    code: 's3-definition',
    why: 'DefinitionS3Location: the definition is in S3, which is not fetched',
  },
  'asl/templates/sfn-workflows-collection/emit-and-wait__template.yaml': {
    code: 's3-definition',
    why: 'DefinitionUri is an S3 object (Bucket/Key), which is not fetched',
  },
};

const MACHINE_TYPES = new Set(['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine']);

const cfnTypes = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Select',
  'Split',
  'FindInMap',
  'ImportValue',
  'Base64',
  'Cidr',
  'GetAZs',
  'Equals',
  'And',
  'Or',
  'Not',
  'Transform',
  'Length',
  'ToJsonString',
].flatMap((name): Tags => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const wrap = (data: unknown) => ({ [key]: data });
  return [
    { tag: `!${name}`, resolve: (text: string) => wrap(text) },
    { tag: `!${name}`, collection: 'seq', resolve: (seq) => wrap(seq.toJSON()) },
    { tag: `!${name}`, collection: 'map', resolve: (map) => wrap(map.toJSON()) },
  ];
});

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Counts states recursively over States / Branches / ItemProcessor / Iterator. */
function countStates(scope: unknown): number {
  if (!isObject(scope) || !isObject(scope.States)) return 0;
  let n = 0;
  for (const state of Object.values(scope.States)) {
    n++;
    if (!isObject(state)) continue;
    if (Array.isArray(state.Branches)) for (const b of state.Branches) n += countStates(b);
    if (isObject(state.ItemProcessor)) n += countStates(state.ItemProcessor);
    else if (isObject(state.Iterator)) n += countStates(state.Iterator);
  }
  return n;
}

function parseIndependently(text: string, format: string | undefined, path: string): unknown {
  if (format === 'asl-json5') return JSON5.parse(text);
  if (format?.includes('yaml') || /\.ya?ml$/.test(path)) {
    const read = (t: string) => parseYamlPlain(t, { customTags: cfnTypes, uniqueKeys: false, merge: false });
    try {
      return read(text);
    } catch {
      // A few templates close a flow collection (a pasted JSON policy) with less indentation than YAML allows,
      // which CloudFormation accepts: indent such closing lines and read again.
      return read(text.replace(/^( *)([}\]])/gm, (_, pad: string, closer: string) => `${pad}    ${closer}`));
    }
  }
  return JSON.parse(text);
}

/** The JSON text of a DefinitionString, with intrinsics reduced to a placeholder word. */
function definitionStringText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value) && 'Fn::Sub' in value) {
    const sub = value['Fn::Sub'];
    return Array.isArray(sub) ? String(sub[0]) : String(sub);
  }
  if (isObject(value) && 'Fn::Join' in value) {
    const [sep, parts] = value['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => (typeof p === 'string' ? p : 'PLACEHOLDER')).join(sep);
  }
  throw new Error(`unexpected DefinitionString ${JSON.stringify(value).slice(0, 80)}`);
}

/** The corpus stores `<workflow>/statemachine/x.asl.json` as `<workflow>__x.asl.json` (maybe `__2`). */
function originalName(corpusFile: string): string {
  const base = corpusFile.split('/').pop()!;
  const afterWorkflow = base.slice(base.indexOf('__') + 2);
  return afterWorkflow.replace(/__\d+(\.[^/]*)$/, '$1').replace(/__\d+$/, '');
}

function uriTargets(entry: Entry): string[] {
  return [...String(entry.notes ?? '').matchAll(/DefinitionUri -> (asl\/[^\s;]+)/g)].map((m) => m[1]!);
}

async function expectedMachines(entry: Entry, text: string): Promise<{ name: string; states: number }[]> {
  const parsed = parseIndependently(text, entry.format, entry.path);
  if (entry.kind === 'asl') {
    const base = entry.path
      .split('/')
      .pop()!
      .replace(/(\.asl)?\.(json5?|ya?ml)$/, '');
    return [{ name: base, states: countStates(parsed) }];
  }
  const out: { name: string; states: number }[] = [];
  const resources = isObject(parsed) && isObject(parsed.Resources) ? parsed.Resources : {};
  const targets = uriTargets(entry);
  for (const [id, res] of Object.entries(resources)) {
    if (!isObject(res) || !MACHINE_TYPES.has(String(res.Type))) continue;
    const props = isObject(res.Properties) ? res.Properties : {};
    if (props.Definition !== undefined) {
      out.push({ name: id, states: countStates(props.Definition) });
    } else if (props.DefinitionString !== undefined) {
      const json = definitionStringText(props.DefinitionString).replace(/("\s*:\s*)(\$\{[^}]+\})/g, '$1"$2"');
      out.push({ name: id, states: countStates(JSON5.parse(json)) });
    } else if (typeof props.DefinitionUri === 'string') {
      const base = props.DefinitionUri.split('/').pop()!;
      const target = targets.find((t) => originalName(t) === base);
      if (target) {
        const def = parseIndependently(await readFile(corpusPath + target, 'utf8'), undefined, target);
        out.push({ name: id, states: countStates(def) });
      }
    }
  }
  return out;
}

const index = JSON.parse(await readFile(corpusPath + 'index.json', 'utf8')) as Entry[];
const loadable = index.filter((e) => e.kind === 'asl' || e.kind === 'template');
const invalid = index.filter((e) => e.kind === 'asl-invalid');

describe('corpus', () => {
  it('has the files the test expects', () => {
    expect(loadable.length).toBeGreaterThan(800);
    for (const path of Object.keys(EXPECTED_PROBLEMS)) expect(loadable.some((e) => e.path === path)).toBe(true);
  });

  it('loads every ASL file and template, with graph state counts equal to independent counts', async () => {
    let files = 0;
    let machines = 0;
    let states = 0;
    let lenient = 0;
    const mismatches: string[] = [];
    for (const entry of loadable) {
      const text = await readFile(corpusPath + entry.path, 'utf8');
      const targets = uriTargets(entry);
      const doc = await loadDocument(corpusPath + entry.path, text, {
        readFile: async (uri) => {
          const base = uri.split('/').pop()!;
          const target = targets.find((t) => originalName(t) === base);
          if (!target) throw new Error(`${uri} is not in the corpus`);
          return readFile(corpusPath + target, 'utf8');
        },
      });
      files++;
      const expected = EXPECTED_PROBLEMS[entry.path];
      const fileErrors = doc.diagnostics.filter((d) => d.severity === 'error');
      if (expected) {
        if (!doc.diagnostics.some((d) => d.code === expected.code))
          mismatches.push(`${entry.path}: expected ${expected.code} (${expected.why})`);
      } else if (fileErrors.length > 0) {
        mismatches.push(`${entry.path}: ${fileErrors.map((d) => d.message).join('; ')}`);
      }
      if (entry.format === 'asl-json5' || entry.format === 'asl-json') {
        let strict = true;
        try {
          JSON.parse(text);
        } catch {
          strict = false;
        }
        const warned = doc.diagnostics.some((d) => d.severity === 'warning' && d.code?.startsWith('json-'));
        if (warned === strict) mismatches.push(`${entry.path}: strict JSON ${strict}, leniency warning ${warned}`);
        if (!strict) lenient++;
      }
      let want: { name: string; states: number }[] = [];
      try {
        want = await expectedMachines(entry, text);
      } catch (e) {
        mismatches.push(`${entry.path}: independent count failed: ${String(e)}`);
      }
      const got = doc.machines.map((m) => ({ name: m.name, states: buildGraph(m).states.length }));
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(`${entry.path}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
      machines += got.length;
      states += got.reduce((n, m) => n + m.states, 0);
    }
    console.log(
      `corpus: ${files} files, ${machines} state machines, ${states} states (${lenient} JSON files with comments/trailing commas, warned)`,
    );
    expect(mismatches).toEqual([]);
    expect(machines).toBeGreaterThan(850);
  });

  it('loads every invalid definition without throwing and builds a graph for each machine', async () => {
    let withMachines = 0;
    for (const entry of invalid) {
      const text = await readFile(corpusPath + entry.path, 'utf8');
      const doc = await loadDocument(corpusPath + entry.path, text);
      expect(doc.machines.length + doc.diagnostics.length).toBeGreaterThan(0);
      for (const m of doc.machines) expect(() => buildGraph(m)).not.toThrow();
      if (doc.machines.length > 0) withMachines++;
    }
    console.log(`corpus (invalid): ${invalid.length} files, ${withMachines} drawable`);
    expect(invalid.length).toBeGreaterThan(100);
  });
});
