/**
 * Mutated corpus files (truncated, bytes flipped, lines dropped or duplicated, brackets inserted) must still load
 * without throwing, and every machine must still build a graph: bad input becomes diagnostics, never a crash.
 * The mutations are seeded, so a failure is reproducible.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { graphReport } from '../../../shared/asl/report.ts';
import { seededRandom as random } from '../../../bench/rng.ts';
import { CORPUS } from '../../support/corpus.ts';

const corpus = CORPUS;

const INSERTS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  ':',
  ',',
  '\n',
  '  ',
  '- ',
  '*a',
  '&a ',
  '!Ref ',
  '${',
  '#',
  '\t',
  '\\',
  '/*',
  '//',
  '---\n',
  '|\n',
  '__proto__',
  'null',
];

function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  switch (Math.floor(rnd() * 5)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + INSERTS[Math.floor(rnd() * INSERTS.length)] + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 20));
    case 3: {
      const lines = text.split('\n');
      const i = Math.floor(rnd() * lines.length);
      lines.splice(i, 0, lines[Math.floor(rnd() * lines.length)] ?? '');
      return lines.join('\n');
    }
    default: {
      const lines = text.split('\n');
      lines.splice(Math.floor(rnd() * lines.length), 1);
      return lines.join('\n');
    }
  }
}

describe('mutated corpus files', () => {
  it('never make the loader, the graph builder or the report throw', async () => {
    const index = JSON.parse(await readFile(corpus + 'index.json', 'utf8')) as { path: string; kind: string }[];
    const files = index.filter((e) => e.kind === 'asl' || e.kind === 'template' || e.kind === 'asl-invalid');
    const rnd = random(20261129);
    let runs = 0;
    let loaded = 0;
    for (let i = 0; i < files.length; i += 3) {
      const path = files[i]!.path;
      const original = await readFile(corpus + path, 'utf8');
      for (let k = 0; k < 4; k++) {
        let text = original;
        const rounds = 1 + Math.floor(rnd() * 3);
        for (let r = 0; r < rounds; r++) text = mutate(text, rnd);
        const doc = await loadDocument(path, text, { readFile: async () => text });
        const graphs = doc.machines.map((m) => buildGraph(m));
        const report = graphReport(doc, graphs);
        expect(() => JSON.stringify(report), path).not.toThrow();
        // `load-failed` means an internal exception was caught: a bug, not a finding about the input.
        expect(
          doc.diagnostics.filter((d) => d.code === 'load-failed').map((d) => d.message),
          path,
        ).toEqual([]);
        for (const d of [...doc.diagnostics, ...graphs.flatMap((g) => g.diagnostics)]) {
          expect(d.line, `${path}: ${d.message}`).toBeGreaterThanOrEqual(1);
          expect(d.column, `${path}: ${d.message}`).toBeGreaterThanOrEqual(1);
        }
        runs++;
        if (doc.machines.length > 0) loaded++;
      }
    }
    console.log(`fuzz: ${runs} mutated files, ${loaded} still had a drawable machine`);
    expect(runs).toBeGreaterThan(1000);
  });
});
