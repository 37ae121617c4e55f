/**
 * Real machines for the benchmark: the largest valid definitions of the test corpus (test/corpus/index.json, kind
 * `asl`, JSON and YAML), laid out as ordinary machines (the small layered layout where its drawing is clean,
 * elkjs elsewhere) rather than in the generated machines' fast mode. Node's load + graph + layout of each file is
 * the floor its on-screen time is judged against.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDocument } from '../shared/asl/load.ts';
import { buildGraph } from '../shared/asl/graph.ts';
import { layoutGraph } from '../shared/layout/layout.ts';
import { median } from './stats.ts';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'corpus');

export interface RealDefinition {
  /** Path inside test/corpus. */
  path: string;
  /** File name the page gets (the corpus name, so JSON and YAML are told apart by extension). */
  name: string;
  text: string;
  states: number;
}

export interface RealNodeFigure {
  path: string;
  states: number;
  /** Median load + graph + layout, ms. */
  pipelineMs: number;
  /** Median layout alone, ms. */
  layoutMs: number;
  runs: number;
}

/** The `count` corpus definitions with the most states (ties by path), each loading to one machine. */
export async function largestRealDefinitions(count: number): Promise<RealDefinition[]> {
  const index = JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as {
    path: string;
    kind: string;
    format: string;
  }[];
  const found: RealDefinition[] = [];
  for (const entry of index) {
    if (entry.kind !== 'asl' || (entry.format !== 'asl-json' && entry.format !== 'asl-yaml')) continue;
    const text = fs.readFileSync(path.join(CORPUS, entry.path), 'utf8');
    const doc = await loadDocument(path.basename(entry.path), text);
    const machine = doc.machines[0];
    if (!machine || doc.machines.length !== 1) continue;
    found.push({ path: entry.path, name: path.basename(entry.path), text, states: buildGraph(machine).states.length });
  }
  found.sort((a, b) => b.states - a.states || (a.path < b.path ? -1 : 1));
  return found.slice(0, count);
}

/** Node's load + graph + layout of one definition text, once: the whole and the layout alone (ms). */
export async function nodePipelineOnce(name: string, text: string): Promise<{ pipelineMs: number; layoutMs: number }> {
  const t0 = performance.now();
  const doc = await loadDocument(name, text);
  const machine = doc.machines[0];
  if (!machine) throw new Error(`${name} did not load: ${doc.diagnostics.map((d) => d.message).join('; ')}`);
  const graph = buildGraph(machine);
  const t1 = performance.now();
  await layoutGraph(graph);
  const t2 = performance.now();
  return { pipelineMs: t2 - t0, layoutMs: t2 - t1 };
}

/**
 * Node's load + graph + layout of one definition text, `runs` times after one warm-up: the floor a machine on
 * screen is judged against. Returns the samples of the whole and of the layout alone (ms).
 */
export async function nodePipelineSamples(
  name: string,
  text: string,
  runs: number,
  onRun: (i: number) => void = () => {},
): Promise<{ pipeline: number[]; layout: number[] }> {
  const pipeline: number[] = [];
  const layout: number[] = [];
  for (let i = 0; i <= runs; i++) {
    onRun(i);
    const once = await nodePipelineOnce(name, text);
    if (i === 0) continue;
    pipeline.push(once.pipelineMs);
    layout.push(once.layoutMs);
  }
  return { pipeline, layout };
}

/** Node's load + graph + layout of each file (median of `runs` after one warm-up), and the layout alone. */
export async function realNodeFigures(defs: readonly RealDefinition[], runs: number): Promise<RealNodeFigure[]> {
  const out: RealNodeFigure[] = [];
  for (const d of defs) {
    const { pipeline, layout } = await nodePipelineSamples(d.name, d.text, runs);
    out.push({ path: d.path, states: d.states, pipelineMs: median(pipeline), layoutMs: median(layout), runs });
  }
  return out;
}
