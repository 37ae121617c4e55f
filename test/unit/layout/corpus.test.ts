/** Every state machine in the shared corpus (valid, invalid and templates) lays out and renders without a problem. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { renderSvg } from '../../../shared/asl/svg.ts';
import { createLayoutCache, layoutGraph } from '../../../shared/layout/layout.ts';
import { layoutProblems } from './check.ts';
import { CORPUS } from '../../support/corpus.ts';

const root = CORPUS;

describe('layout over the corpus', () => {
  it('lays out every machine with all invariants holding, and renders it', async () => {
    const index = JSON.parse(readFileSync(path.join(root, 'index.json'), 'utf8')) as { path: string; kind: string }[];
    const problems: string[] = [];
    let machines = 0;
    for (const e of index) {
      if (!['asl', 'asl-invalid', 'template'].includes(e.kind)) continue;
      const full = path.join(root, e.path);
      const doc = await loadDocument(full, readFileSync(full, 'utf8'), {
        readFile: async (p) => readFileSync(path.resolve(path.dirname(full), p), 'utf8'),
      });
      for (const m of doc.machines) {
        machines++;
        try {
          const g = buildGraph(m);
          const layout = await layoutGraph(g, { cache: createLayoutCache() });
          for (const p of layoutProblems(g, layout)) problems.push(`${e.path} / ${m.name}: ${p}`);
          const svg = renderSvg(g, layout);
          if (!svg.trimEnd().endsWith('</svg>')) problems.push(`${e.path}: SVG not closed`);
        } catch (err) {
          problems.push(`${e.path} / ${m.name}: threw ${String(err)}`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(machines).toBeGreaterThan(500);
  });
});
