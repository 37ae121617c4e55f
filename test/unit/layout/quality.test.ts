/**
 * Layout quality over every bundled sample and every corpus machine (test/corpus): the totals of what makes a
 * drawing hard to read (see quality.ts). Label overlaps, labels on boxes, edges through boxes, crossings hidden
 * under labels, cut names and Choice branches that read the same are kept at zero; crossings are reported (and kept
 * at zero over the corpus, drawn without ELK).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { createElkEngine, createLayoutCache, layoutGraph } from '../../../shared/layout/layout.ts';
import { CORPUS } from '../../support/corpus.ts';
import { QUALITY_KEYS, addQuality, emptyQuality, layoutQuality, type Quality } from './quality.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../../../samples/asl');

async function measure(
  files: string[],
): Promise<{ total: Quality; machines: number; examples: string[]; elkRuns: number }> {
  const total = emptyQuality();
  const examples: string[] = [];
  let machines = 0;
  const cache = createLayoutCache();
  const engine = createElkEngine();
  for (const full of files) {
    const doc = await loadDocument(full, readFileSync(full, 'utf8'), {
      readFile: async (p) => readFileSync(path.resolve(path.dirname(full), p), 'utf8'),
    });
    for (const m of doc.machines) {
      machines++;
      const g = buildGraph(m);
      const layout = await layoutGraph(g, { cache, engine });
      const found: string[] = [];
      addQuality(total, layoutQuality(g, layout, found));
      for (const f of found) if (examples.length < 30) examples.push(`${path.basename(full)} / ${m.name}: ${f}`);
    }
  }
  return { total, machines, examples, elkRuns: engine.calls };
}

function report(name: string, r: { total: Quality; machines: number; elkRuns: number }) {
  // Printed so a run shows the figures (vitest keeps console output of passing tests).
  const figures = QUALITY_KEYS.map((k) => `${k} ${r.total[k]}`).join(', ');
  console.log(`${name} (${r.machines} machines): ${figures}; ELK runs ${r.elkRuns}`);
}

describe('layout quality', () => {
  it('the samples draw with no label overlaps, nothing through boxes and distinct Choice labels', async () => {
    const index = JSON.parse(readFileSync(path.join(SAMPLES, 'index.json'), 'utf8')) as { file: string }[];
    const r = await measure(index.map((e) => path.join(SAMPLES, e.file)));
    report('samples', r);
    expect(r.machines).toBeGreaterThanOrEqual(8);
    expect({ ...r.total, crossings: 0 }, r.examples.join('\n')).toEqual({ ...emptyQuality() });
  });

  it('every corpus machine draws with no label overlaps, nothing through boxes and distinct Choice labels', async () => {
    const index = JSON.parse(readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as { path: string; kind: string }[];
    const files = index
      .filter((e) => ['asl', 'asl-invalid', 'template'].includes(e.kind))
      .map((e) => path.join(CORPUS, e.path));
    const r = await measure(files);
    report('corpus', r);
    expect(r.machines).toBeGreaterThan(500);
    expect({ ...r.total, crossings: 0 }, r.examples.join('\n')).toEqual({ ...emptyQuality() });
    // Every scope of every corpus machine draws clean with the small layered layout: no crossing either, and no
    // ELK run (which costs tens of milliseconds in a fresh page worker).
    expect(r.total.crossings).toBe(0);
    expect(r.elkRuns).toBe(0);
  }, 120_000);
});
