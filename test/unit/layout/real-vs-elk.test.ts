/**
 * The built-in small layered layout against ELK on real machines: the corpus's 20 largest definitions (as the
 * benchmark picks them, bench/real.ts), the corpus machines whose self loops used to send them to ELK, and the
 * payment sample, whose graph is not planar (see planarity.test.ts), so that no drawing avoids crossing. Each is
 * laid out as the app does (no ELK run at all) and with every scope drawn by ELK (`elkOnly`), and measured with the
 * same checker (quality.ts): the app's drawing has no more crossings, no defect, and no more bends, edge length or
 * area than ELK's. Where the small layout finds no clean drawing the scope still goes to ELK, so a failure here
 * means a real machine lost quality or speed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { largestRealDefinitions } from '../../../bench/real.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { createElkEngine, createLayoutCache, layoutGraph } from '../../../shared/layout/layout.ts';
import { CORPUS } from '../../support/corpus.ts';
import { drawingSize, layoutQuality, QUALITY_KEYS } from './quality.ts';

/** Corpus machines with a state whose Catch leads back to itself (a self loop), drawn by ELK before. */
const SELF_LOOPS = [
  'asl/valid/amazon-states-language-service/json-documentTaskJSONata.asl.json',
  'asl/valid/amazon-states-language-service/json-documentTaskWithAssign.asl.json',
  'asl/invalid/amazon-states-language-service/json-documentTaskJSONataInvalid.asl.json',
];

/** A bundled sample that crosses in every drawing: the small layout keeps its drawing with the fewest crossings. */
const NOT_PLANAR = path.resolve(import.meta.dirname, '../../../samples/asl/payment-retries.asl.yaml');

interface Row {
  name: string;
  text: string;
}

async function rows(): Promise<Row[]> {
  const largest = await largestRealDefinitions(20);
  return [
    ...largest.map((d) => ({ name: d.name, text: d.text })),
    ...SELF_LOOPS.map((p) => ({ name: path.basename(p), text: readFileSync(path.join(CORPUS, p), 'utf8') })),
    { name: path.basename(NOT_PLANAR), text: readFileSync(NOT_PLANAR, 'utf8') },
  ];
}

describe('the small layered layout against ELK on real machines', () => {
  it('draws the 20 largest real definitions, the self-loop machines and a non-planar sample without ELK, at least as well', async () => {
    const engine = createElkEngine();
    const table: string[] = [];
    const defs = await rows();
    expect(defs.length).toBe(24);
    for (const d of defs) {
      const doc = await loadDocument(d.name, d.text);
      expect(doc.machines.length, d.name).toBeGreaterThan(0);
      const graph = buildGraph(doc.machines[0]);
      const before = engine.calls;
      const ours = await layoutGraph(graph, { engine, cache: createLayoutCache() });
      expect(engine.calls - before, `${d.name}: ELK runs`).toBe(0);
      const elk = await layoutGraph(graph, { engine, cache: createLayoutCache(), elkOnly: true });
      expect(engine.calls - before, `${d.name}: the reference went through ELK`).toBeGreaterThan(0);
      const [qo, qe] = [layoutQuality(graph, ours), layoutQuality(graph, elk)];
      const [so, se] = [drawingSize(ours), drawingSize(elk)];
      table.push(
        `${d.name}: crossings ${qo.crossings}/${qe.crossings}, bends ${so.bends}/${se.bends}, ` +
          `length ${so.length.toFixed(0)}/${se.length.toFixed(0)}, area ${(so.area / 1000).toFixed(0)}k/${(se.area / 1000).toFixed(0)}k`,
      );
      for (const k of QUALITY_KEYS) if (k !== 'crossings') expect(qo[k], `${d.name}: ${k}`).toBe(0);
      expect(qo.crossings, `${d.name}: crossings`).toBeLessThanOrEqual(qe.crossings);
      expect(so.bends, `${d.name}: bends`).toBeLessThanOrEqual(se.bends);
      expect(so.length, `${d.name}: edge length`).toBeLessThanOrEqual(se.length + 0.5);
      expect(so.area, `${d.name}: area`).toBeLessThanOrEqual(se.area + 0.5);
    }
    // Printed so a run shows the table (ours/ELK).
    console.log(table.join('\n'));
  }, 120_000);

  // Machines no real author would write (Catch edges to random states, forward and back): many have no clean
  // drawing, so they exercise every try before ELK and the crossing-number bound for graphs that are not planar.
  it('never crosses more than ELK on 30 seeded random machines, and has no other defect', async () => {
    const engine = createElkEngine();
    let state = 7;
    const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    let drawnWithoutElk = 0;
    for (let t = 0; t < 30; t++) {
      const n = 5 + Math.floor(rand() * 30);
      const extra = rand() * 0.5;
      const names = Array.from({ length: n }, (_, i) => `S${i}`);
      const states: Record<string, unknown> = {};
      names.forEach((s, i) => {
        const catches: unknown[] = [];
        if (rand() < extra) catches.push({ ErrorEquals: ['States.ALL'], Next: names[Math.floor(rand() * n)] });
        if (rand() < extra / 2) catches.push({ ErrorEquals: ['X'], Next: names[Math.floor(rand() * n)] });
        states[s] = {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          ...(i + 1 < n ? { Next: names[i + 1] } : { End: true }),
          ...(catches.length ? { Catch: catches } : {}),
        };
      });
      const doc = await loadDocument('random.asl.json', JSON.stringify({ StartAt: 'S0', States: states }));
      const graph = buildGraph(doc.machines[0]);
      const before = engine.calls;
      const ours = await layoutGraph(graph, { engine, cache: createLayoutCache() });
      if (engine.calls === before) drawnWithoutElk++;
      const elk = await layoutGraph(graph, { engine, cache: createLayoutCache(), elkOnly: true });
      const [qo, qe] = [layoutQuality(graph, ours), layoutQuality(graph, elk)];
      for (const k of QUALITY_KEYS) if (k !== 'crossings') expect(qo[k], `machine ${t}: ${k}`).toBe(0);
      expect(qo.crossings, `machine ${t} (${n} states)`).toBeLessThanOrEqual(qe.crossings);
    }
    // Most are drawn without ELK, not all: the test would pass trivially if every one fell back.
    expect(drawnWithoutElk).toBeGreaterThan(10);
    expect(drawnWithoutElk).toBeLessThan(30);
  }, 120_000);
});
