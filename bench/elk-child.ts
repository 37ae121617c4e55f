/**
 * The elkjs one-shot compound layout of one generated machine, in its own process so the benchmark can stop it
 * at its time cap and survive it running out of memory (at 5,000 generated states it exhausts the 4 GB heap).
 *   tsx bench/elk-child.ts STATES RUNS      prints one line per finished run: {"ms": …}
 */
import { buildGraph } from '../shared/asl/graph.ts';
import { loadDocument } from '../shared/asl/load.ts';
import { elkOneShotBaseline } from './elk-baseline.ts';
import { generateAsl } from './gen-asl.ts';

const states = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 1);
const doc = await loadDocument('elk.asl.json', JSON.stringify(generateAsl(states), null, 2));
const graph = buildGraph(doc.machines[0]!);
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  await elkOneShotBaseline(graph);
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }) + '\n');
}
