/**
 * Memory of one input, measured in a fresh process so earlier steps' garbage and caches do not blur it:
 *   tsx bench/memory.ts asl 1000        loaded document + graph + layout of a 1,000-state machine
 *   tsx bench/memory.ts trace 10000     traces + service map of one 10,000-span trace
 *   tsx bench/memory.ts traces 1000     traces + service map of 1,000 traces × 100 spans
 * The input text is generated and kept alive before the baseline is taken, so "retained" is what our code adds:
 * the JS heap plus ArrayBuffer backing stores (typed-array columns live outside the JS heap, and `heapUsed` alone
 * would not count them; `retainedArrayBuffers` says how much of the figure they are).
 * Prints one JSON line: { inputBytes, retainedHeap, retainedArrayBuffers, rssBefore, peakRss }.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadDocument } from '../shared/asl/load.ts';
import { buildGraph } from '../shared/asl/graph.ts';
import { layoutGraph, warmUpLayout } from '../shared/layout/layout.ts';
import { loadXray } from '../shared/xray/load.ts';
import { computeServiceMap } from '../shared/xray/service-map.ts';
import { generateAsl } from './gen-asl.ts';
import { generateTrace, generateTraces } from './gen-xray.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const [kind, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
const text =
  kind === 'asl'
    ? JSON.stringify(generateAsl(size), null, 2)
    : kind === 'trace'
      ? JSON.stringify({ Traces: [generateTrace(size)], UnprocessedTraceIds: [] })
      : JSON.stringify(generateTraces(size, 100));

// The layout engine's own start-up (ELK's code and tables) is paid once per app, not per document.
if (kind === 'asl') await warmUpLayout();
gc();
gc();
const heapBefore = process.memoryUsage().heapUsed;
const buffersBefore = process.memoryUsage().arrayBuffers;
const rssBefore = process.memoryUsage().rss;
let kept: unknown[];
if (kind === 'asl') {
  const doc = await loadDocument('memory.asl.json', text);
  const graph = buildGraph(doc.machines[0]!);
  kept = [doc, graph, await layoutGraph(graph)];
} else {
  const data = loadXray([{ name: 'memory.json', text }]);
  kept = [data, computeServiceMap(data.traces)];
}
gc();
gc();
const retainedArrayBuffers = process.memoryUsage().arrayBuffers - buffersBefore;
const retainedHeap = process.memoryUsage().heapUsed - heapBefore + retainedArrayBuffers;
process.stdout.write(
  JSON.stringify({
    inputBytes: Buffer.byteLength(text),
    retainedHeap,
    retainedArrayBuffers,
    rssBefore,
    peakRss: process.resourceUsage().maxRSS * 1024,
    kept: kept.length,
  }) + '\n',
);
