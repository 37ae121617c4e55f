/**
 * Runs the dagre baseline in a worker thread, so the benchmark can stop it after its time cap (dagre is
 * synchronous: at 1,000 states it takes tens of seconds and at 5,000 it overflows the stack).
 * Input (workerData): { nodes: [{ id, width, height }], edges: [{ from, to }], runs }.
 * Posts { times: number[] } or { error: string }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import dagre from '@dagrejs/dagre';

const { nodes, edges, runs } = workerData;
const times = [];
try {
  for (let r = 0; r < runs; r++) {
    const g = new dagre.graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 40 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
    edges.forEach((e, i) => g.setEdge(e.from, e.to, {}, `e${i}`));
    const t0 = performance.now();
    dagre.layout(g);
    times.push(performance.now() - t0);
  }
  parentPort.postMessage({ times });
} catch (error) {
  parentPort.postMessage({ times, error: String(error && error.message ? error.message : error).slice(0, 200) });
}
