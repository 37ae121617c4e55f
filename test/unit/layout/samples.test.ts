/** The bundled samples: valid ASL, every state type and construct covered, and file → graph → layout → SVG works. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { renderSvg } from '../../../shared/asl/svg.ts';
import type { StateGraph } from '../../../shared/asl/types.ts';
import { createLayoutCache, layoutGraph } from '../../../shared/layout/layout.ts';
import { layoutProblems } from './check.ts';

const DIR = path.resolve(import.meta.dirname, '../../../samples/asl');
const index = JSON.parse(readFileSync(path.join(DIR, 'index.json'), 'utf8')) as {
  id: string;
  name: string;
  file: string;
  description: string;
}[];

async function load(file: string) {
  const full = path.join(DIR, file);
  const text = readFileSync(full, 'utf8');
  const doc = await loadDocument(full, text, { readFile: async (p) => readFileSync(path.join(DIR, p), 'utf8') });
  return { text, doc };
}

describe('samples/asl', () => {
  it('has a well-formed index whose first entry is the order-processing machine', () => {
    expect(index.length).toBeGreaterThanOrEqual(7);
    expect(index[0].id).toBe('order-processing');
    const ids = new Set<string>();
    for (const e of index) {
      expect(e.id).toMatch(/^[a-z0-9-]+$/);
      expect(ids.has(e.id)).toBe(false);
      ids.add(e.id);
      expect(e.name.length).toBeGreaterThan(0);
      expect(e.description.length).toBeGreaterThan(20);
      expect(e.file).toMatch(/(\.asl\.json|\.asl\.yaml|^template\.yaml)$/);
      expect(() => readFileSync(path.join(DIR, e.file))).not.toThrow();
    }
  });

  it.each(index.map((e) => [e.file]))('%s loads, is valid ASL, lays out and renders', async (file) => {
    const { doc } = await load(file);
    expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(doc.machines.length).toBeGreaterThan(0);
    for (const m of doc.machines) {
      const result = aslValidator(structuredClone(m.definition), { checkPaths: true, checkArn: false });
      expect(result.errors, `${file} / ${m.name}`).toEqual([]);
      expect(result.isValid).toBe(true);
      const g = buildGraph(m);
      expect(g.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const layout = await layoutGraph(g);
      expect(layoutProblems(g, layout)).toEqual([]);
      const svg = renderSvg(g, layout);
      for (const s of g.states) expect(svg).toContain(s.name.replace(/&/g, '&amp;'));
    }
  });

  it('together cover every state type and the constructs the welcome screen promises', async () => {
    const graphs: StateGraph[] = [];
    let allText = '';
    let machines = 0;
    for (const e of index) {
      const { text, doc } = await load(e.file);
      allText += text;
      for (const m of doc.machines) {
        graphs.push(buildGraph(m));
        machines++;
      }
    }
    const states = graphs.flatMap((g) => g.states);
    const types = new Set(states.map((s) => s.type));
    expect([...types].sort()).toEqual(['Choice', 'Fail', 'Map', 'Parallel', 'Pass', 'Succeed', 'Task', 'Wait']);
    const services = new Set(states.map((s) => s.integration?.service).filter(Boolean));
    for (const s of ['lambda', 'dynamodb', 'sns', 'sqs', 'states', 'ecs', 'batch', 'glue', 'http', 'activity']) {
      expect(services, s).toContain(s);
    }
    const patterns = new Set(states.map((s) => s.integration?.pattern));
    for (const p of ['request-response', 'sync', 'sync:2', 'wait-for-task-token']) expect(patterns).toContain(p);
    expect(states.some((s) => s.integration?.sdk)).toBe(true);
    expect(
      states.some((s) => s.retry.some((r) => r.maxDelaySeconds !== undefined && r.jitterStrategy === 'FULL')),
    ).toBe(true);
    expect(states.some((s) => s.catch.length > 0 && s.type === 'Parallel')).toBe(true);
    expect(
      states.some((s) => s.heartbeatSeconds !== undefined && s.integration?.pattern === 'wait-for-task-token'),
    ).toBe(true);
    expect(states.some((s) => s.type === 'Parallel' && (s.branches ?? 0) >= 3)).toBe(true);
    expect(states.some((s) => s.map?.mode === 'INLINE' && !s.map.legacyIterator)).toBe(true);
    expect(states.some((s) => s.map?.legacyIterator)).toBe(true);
    const dmap = states.find((s) => s.map?.mode === 'DISTRIBUTED');
    expect(dmap?.map?.executionType).toBe('EXPRESS');
    expect(dmap?.map?.itemReader).toBeTruthy();
    expect(dmap?.map?.itemBatcher).toBeTruthy();
    expect(dmap?.map?.resultWriter).toBeTruthy();
    expect(dmap?.map?.toleratedFailure).toBeTruthy();
    expect(dmap?.map?.maxConcurrency).toBeDefined();
    expect(dmap?.map?.label).toBe('OrderImport');
    expect(graphs.some((g) => g.queryLanguage === 'JSONata')).toBe(true);
    expect(states.some((s) => s.assigns.length > 0 && s.queryLanguage === 'JSONata')).toBe(true);
    for (const k of [
      '"And"',
      '"Or"',
      '"Not"',
      '"Default"',
      '"Condition"',
      '"Arguments"',
      '"Output"',
      'aws-sdk:s3:getObject',
      'http:invoke',
      ':activity:',
    ]) {
      expect(allText, k).toContain(k);
    }
    const edgeKinds = new Set(graphs.flatMap((g) => g.edges.map((e) => e.kind)));
    for (const k of ['start', 'next', 'choice', 'default', 'catch', 'end']) expect(edgeKinds).toContain(k);
    // YAML with anchors and aliases; a template with two machines, one inline and one through DefinitionUri.
    expect(allText).toMatch(/Retry: &[\w-]+/);
    expect(allText).toMatch(/Retry: \*[\w-]+/);
    const { doc } = await load('template.yaml');
    expect(doc.machines.map((m) => m.name).sort()).toEqual(['OrderWorkflow', 'RefundWorkflow']);
    expect(doc.machines.find((m) => m.name === 'RefundWorkflow')?.definitionFile).toBeTruthy();
    expect(doc.machines.find((m) => m.name === 'OrderWorkflow')?.definitionFile).toBeUndefined();
    expect(doc.machines.flatMap((m) => m.placeholders.map((p) => p.name))).toContain('OrdersTableName');
    expect(machines).toBeGreaterThanOrEqual(8);
  });

  it('re-lays out a sample from the cache after a one-state edit', async () => {
    const { doc } = await load('order-processing.asl.json');
    const cache = createLayoutCache();
    const g = buildGraph(doc.machines[0]);
    const first = await layoutGraph(g, { cache });
    const misses = cache.misses;
    // Rename a state inside the Map processor in the definition text, then reload.
    const text = readFileSync(path.join(DIR, 'order-processing.asl.json'), 'utf8').replaceAll(
      'Print Label',
      'Print Tag',
    );
    const edited = await loadDocument('order-processing.asl.json', text);
    const g2 = buildGraph(edited.machines[0]);
    const second = await layoutGraph(g2, { cache });
    // Only the Map's processor scope is new; the other scopes come from the cache.
    expect(cache.misses - misses).toBe(1);
    expect(layoutProblems(g2, second)).toEqual([]);
    expect(second.nodes.find((n) => n.id === 'Validate Order')).toEqual(
      first.nodes.find((n) => n.id === 'Validate Order'),
    );
  });
});
