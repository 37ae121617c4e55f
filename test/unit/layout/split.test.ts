/**
 * A layout split in two parts (`LayoutSplit`, `layoutGraphPart`: the document worker lays out one part while a
 * helper worker lays out the other) gives exactly the positions and routes of the same layout in one part, on
 * generated machines of several sizes and on every machine of the corpus; and when the other part is missing or
 * fails, the run lays it out itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAsl } from '../../../bench/gen-asl.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import type { StateGraph } from '../../../shared/asl/types.ts';
import { createLayoutCache, layoutGraph, layoutGraphPart, SPLIT_MIN } from '../../../shared/layout/layout.ts';
import { packScopeLayouts, unpackScopeLayouts } from '../../../renderer/src/workers/layout-message.ts';
import { CORPUS } from '../../support/corpus.ts';
import { generateGraph } from './generate.ts';

async function graphOf(text: string): Promise<StateGraph> {
  const doc = await loadDocument('split.asl.json', text, {});
  return buildGraph(doc.machines[0]);
}

/** The other part as it reaches the document worker: computed on its own graph, packed and unpacked. */
async function otherPart(graph: StateGraph, options: { minNodes: number; direction?: 'DOWN' | 'RIGHT' }) {
  return unpackScopeLayouts(structuredClone(packScopeLayouts(await layoutGraphPart(graph, options))));
}

describe('a layout split in two parts', () => {
  it.each([300, 1000, 2500, 5000])('equals the unsplit layout of a generated %i-state machine', async (states) => {
    const text = JSON.stringify(generateAsl(states), null, 2);
    const whole = await layoutGraph(await graphOf(text));
    const other = await otherPart(await graphOf(text), { minNodes: 0 });
    // The machine is split: the other part holds a share of the segments and nested scopes.
    expect(other.size).toBeGreaterThan(1);
    let asked = 0;
    const split = await layoutGraph(await graphOf(text), {
      split: {
        minNodes: 0,
        other: async () => {
          asked++;
          return other;
        },
      },
    });
    expect(asked).toBe(1);
    expect(split).toEqual(whole);
  });

  it('equals the unsplit layout left to right, and with a cache carried into the next layout', async () => {
    const text = JSON.stringify(generateAsl(2000, 3), null, 2);
    const whole = await layoutGraph(await graphOf(text), { direction: 'RIGHT' });
    const other = await otherPart(await graphOf(text), { minNodes: 0, direction: 'RIGHT' });
    expect(other.size).toBeGreaterThan(1);
    const cache = createLayoutCache();
    const graph = await graphOf(text);
    const split = await layoutGraph(graph, {
      direction: 'RIGHT',
      cache,
      split: { minNodes: 0, other: async () => other },
    });
    expect(split).toEqual(whole);
    // The cache now holds both parts: laying out again computes nothing.
    const misses = cache.misses;
    expect(await layoutGraph(graph, { direction: 'RIGHT', cache })).toEqual(whole);
    expect(cache.misses).toBe(misses);
    // The other part's layouts were taken, not computed again: without them, this run lays out that many more.
    const alone = createLayoutCache();
    await layoutGraph(await graphOf(text), {
      direction: 'RIGHT',
      cache: alone,
      split: { minNodes: 0, other: async () => new Map() },
    });
    expect(alone.misses - misses).toBeGreaterThanOrEqual(other.size);
  });

  it('equals the unsplit layout on generated graphs with back edges, long edges and deep nesting', async () => {
    for (const [size, seed] of [
      [600, 1],
      [3000, 7],
    ] as const) {
      const whole = await layoutGraph(generateGraph(size, seed));
      const other = await otherPart(generateGraph(size, seed), { minNodes: 0 });
      const split = await layoutGraph(generateGraph(size, seed), { split: { minNodes: 0, other: async () => other } });
      expect(split).toEqual(whole);
    }
  });

  it('lays out the other part itself when it is missing, partial or fails', async () => {
    const text = JSON.stringify(generateAsl(1500), null, 2);
    const whole = await layoutGraph(await graphOf(text));
    const other = await otherPart(await graphOf(text), { minNodes: 0 });
    const half = new Map([...other].slice(0, other.size >> 1));
    // A part computed for another machine matches no key and is ignored.
    const foreign = await otherPart(await graphOf(JSON.stringify(generateAsl(1500, 9), null, 2)), { minNodes: 0 });
    for (const answer of [
      async () => new Map(),
      async () => half,
      async () => foreign,
      () => Promise.reject(new Error('the helper worker died')),
    ])
      expect(await layoutGraph(await graphOf(text), { split: { minNodes: 0, other: answer } })).toEqual(whole);
  });

  it('does not split a machine below SPLIT_MIN nodes', async () => {
    const text = JSON.stringify(generateAsl(1000), null, 2);
    expect((await layoutGraphPart(await graphOf(text))).size).toBe(0);
    let asked = 0;
    await layoutGraph(await graphOf(text), {
      split: {
        other: async () => {
          asked++;
          return new Map();
        },
      },
    });
    expect(asked).toBe(0);
    expect(SPLIT_MIN).toBeGreaterThan(1000);
  });

  it('equals the unsplit layout on every machine of the corpus', async () => {
    const index = JSON.parse(readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as { path: string; kind: string }[];
    let machines = 0;
    let splitMachines = 0;
    for (const e of index) {
      if (!['asl', 'template'].includes(e.kind)) continue;
      const full = path.join(CORPUS, e.path);
      const load = () =>
        loadDocument(full, readFileSync(full, 'utf8'), {
          readFile: async (p) => readFileSync(path.resolve(path.dirname(full), p), 'utf8'),
        });
      const [a, b, c] = await Promise.all([load(), load(), load()]);
      for (let m = 0; m < a.machines.length; m++) {
        machines++;
        const whole = await layoutGraph(buildGraph(a.machines[m]));
        const other = await otherPart(buildGraph(b.machines[m]), { minNodes: 0 });
        if (other.size > 0) splitMachines++;
        const split = await layoutGraph(buildGraph(c.machines[m]), {
          split: { minNodes: 0, other: async () => other },
        });
        expect(split, `${e.path} / ${a.machines[m].name}`).toEqual(whole);
      }
    }
    expect(machines).toBeGreaterThan(400);
    console.log(`corpus: ${machines} machines, ${splitMachines} with a top scope cut into segments (split)`);
  });
});
