/**
 * What opening a file costs the page, by count rather than by time: messages between the page and the document
 * worker, bytes posted each way against the file's size, and ELK runs for the corpus's largest real definitions.
 * The real document service (the worker's code) runs in-process behind a stand-in worker, with the real client.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAsl } from '../../../bench/gen-asl.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { layoutOf, openDocument } from '../../../shared/asl/prepared.ts';
import { createElkEngine, createLayoutCache, layoutGraph } from '../../../shared/layout/layout.ts';
import { DocumentClient } from '../../../renderer/src/workers/document-client.ts';
import type { FromWorker, ToWorker } from '../../../renderer/src/workers/document-messages.ts';
import { createDocumentService } from '../../../renderer/src/workers/document-service.ts';
import {
  packGraph,
  packLayoutResult,
  unpackGraph,
  unpackLayoutResult,
} from '../../../renderer/src/workers/layout-message.ts';
import { CORPUS } from '../../support/corpus.ts';

/**
 * Bytes of a message as the structured clone carries it: typed arrays by their bytes, strings by length,
 * everything else as its JSON.
 */
const size = (m: unknown) => {
  let bytes = 0;
  const json = JSON.stringify(m, (_key, value: unknown) => {
    if (!ArrayBuffer.isView(value)) return value;
    bytes += value.byteLength;
    return null;
  });
  return json.length + bytes;
};

/** Objects and arrays (typed arrays aside) the page's structured-clone read has to build, one by one, for `m`. */
function objectsIn(m: unknown): number {
  if (m === null || typeof m !== 'object' || ArrayBuffer.isView(m)) return 0;
  let n = 1;
  for (const v of Object.values(m)) n += objectsIn(v);
  return n;
}

/** A stand-in worker running the document service, counting what crosses in each direction. */
class ServiceWorker {
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  sent: ToWorker[] = [];
  received: FromWorker[] = [];
  private readonly service = createDocumentService((m) => {
    const copy = structuredClone(m);
    this.received.push(copy);
    queueMicrotask(() => this.onmessage?.({ data: copy }));
  });
  postMessage(m: ToWorker) {
    const copy = structuredClone(m);
    this.sent.push(copy);
    queueMicrotask(() => void this.service.handle(copy));
  }
  terminate() {}
}

function clientWithWorker(): { client: DocumentClient; worker: ServiceWorker } {
  const worker = new ServiceWorker();
  const client = new DocumentClient(
    async () => Promise.reject(new Error('no relative files in this test')),
    () => worker as unknown as Worker,
    // The host's head start while the worker is cold (cold-open.test.ts) is not asked here: the worker alone.
    () => Promise.reject(new Error('no host in this test')),
  );
  return { client, worker };
}

interface IndexEntry {
  path: string;
  kind: string;
  format: string;
}

/** The corpus's `count` largest single-machine definitions (by states), as bench/real.ts picks them. */
async function largestDefinitions(count: number): Promise<{ name: string; text: string; states: number }[]> {
  const index = JSON.parse(readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as IndexEntry[];
  const found: { name: string; path: string; text: string; states: number }[] = [];
  for (const e of index) {
    if (e.kind !== 'asl' || (e.format !== 'asl-json' && e.format !== 'asl-yaml')) continue;
    const text = readFileSync(path.join(CORPUS, e.path), 'utf8');
    const doc = await loadDocument(path.basename(e.path), text);
    if (doc.machines.length !== 1) continue;
    found.push({ name: path.basename(e.path), path: e.path, text, states: buildGraph(doc.machines[0]).states.length });
  }
  found.sort((a, b) => b.states - a.states || (a.path < b.path ? -1 : 1));
  return found.slice(0, count);
}

/** The first Parallel or Map of machine 0, drawn collapsed (collapsed nodes cross too). */
function collapsedGroups(doc: Awaited<ReturnType<typeof openDocument>>['doc']): string[] {
  const graph = buildGraph(doc.loaded.machines[0]!);
  const group = graph.states.find((x) => x.type === 'Parallel' || x.type === 'Map');
  return group ? [group.id] : [];
}

describe('opening a file in the page', () => {
  it('costs two messages to the worker and three back (summary, graph, positions), and posts the file about once', async () => {
    const defs = await largestDefinitions(20);
    expect(defs.length).toBe(20);
    for (const d of defs) {
      const { client, worker } = clientWithWorker();
      const summary = await client.open('tab-1', `/files/${d.name}`, d.text, d.name, { machine: 0, collapsed: [] });
      expect(summary.machines.length, d.name).toBe(1);
      const result = await client.layout('tab-1', 0, []);
      expect(result.layout?.nodes.length, d.name).toBeGreaterThan(d.states);
      // Open and the first layout are sent together (no round trip through the page between them), once each.
      expect(
        worker.sent.map((m) => m.type),
        d.name,
      ).toEqual(['open', 'layout']);
      // The graph goes ahead of its positions (the page reads it while the worker lays it out), and the positions'
      // reply does not carry it again.
      expect(
        worker.received.map((m) => m.type),
        d.name,
      ).toEqual(['opened', 'graph', 'layout']);
      const reply = worker.received[2]!;
      expect(reply.type === 'layout' && reply.result.graph, d.name).toBe('posted');
      // The text goes to the worker once, with little besides it.
      expect(size(worker.sent[0]), d.name).toBeLessThan(d.text.length * 1.15 + 400);
      // What comes back (summary, graph with each state's definition, positions) stays within a few times the file.
      expect(
        worker.received.map(size).reduce((a, b) => a + b),
        d.name,
      ).toBeLessThan(d.text.length * 6);
    }
  });

  it('sends the drawing as typed positions and raw definitions as text: few objects for the page to build', async () => {
    const text = JSON.stringify(generateAsl(1000), null, 2);
    const { client, worker } = clientWithWorker();
    await client.open('big', '/files/big.asl.json', text, 'big.asl.json', { machine: 0, collapsed: [] });
    const result = await client.layout('big', 0, []);
    const states = result.graph!.states.length;
    expect(states).toBeGreaterThanOrEqual(1000);
    expect(worker.received.slice(1).map((m) => m.type)).toEqual(['graph', 'layout']);
    const posted = objectsIn(worker.received[1]) + objectsIn(worker.received[2]);
    // Posted as the page uses it, the result would be far more objects: each position, each edge point, each
    // key of each raw definition is one (24,604 against 14,715 when this was written).
    const unpacked = objectsIn(result);
    console.log(`1,000-state graph and layout replies: ${posted} objects posted; ${unpacked} as the page uses them`);
    expect(posted).toBeLessThan(unpacked * 0.65);
    // Of them, the positions' reply (what the page reads after the worker's layout) is a handful.
    expect(objectsIn(worker.received[2])).toBeLessThan(40);
  });

  it('gives the page the very result the worker laid out, each raw definition included', async () => {
    const texts = [JSON.stringify(generateAsl(300), null, 2), ...(await largestDefinitions(5)).map((d) => d.text)];
    for (const text of texts) {
      const doc = (await openDocument('a.asl.json', 'a.asl.json', text)).doc;
      for (const collapsed of [[], doc.loaded.machines.length ? collapsedGroups(doc) : []]) {
        const direct = await layoutOf(doc, 0, collapsed);
        const crossed = unpackLayoutResult(structuredClone(packLayoutResult(direct)));
        expect(crossed).toEqual(direct);
        // The same when the graph went ahead in a message of its own.
        const ahead = unpackGraph(structuredClone(packGraph(direct.graph!)));
        expect(unpackLayoutResult(structuredClone(packLayoutResult(direct, true)), ahead)).toEqual(direct);
      }
    }
  });

  it('asks the worker again only for a drawing it was not sent (other groups collapsed)', async () => {
    const { client, worker } = clientWithWorker();
    const text = readFileSync(
      path.resolve(import.meta.dirname, '../../../samples/asl/order-processing.asl.json'),
      'utf8',
    );
    await client.open('t', '/files/o.asl.json', text, 'o.asl.json', { machine: 0, collapsed: [] });
    const groups = (await client.layout('t', 0, [])).graph!.states.filter(
      (s) => s.type === 'Map' || s.type === 'Parallel',
    );
    expect(groups.length).toBeGreaterThan(0);
    await client.layout('t', 0, [groups[0].id]);
    expect(worker.sent.map((m) => m.type)).toEqual(['open', 'layout', 'layout']);
    expect(worker.received.map((m) => m.type)).toEqual(['opened', 'graph', 'layout', 'graph', 'layout']);
  });

  it('a document opened ahead of its view is opened once: the view takes that open and its first drawing', async () => {
    const { client, worker } = clientWithWorker();
    const text = JSON.stringify(generateAsl(50), null, 2);
    client.openAhead('t', '/files/a.asl.json', text, 'a.asl.json');
    // The worker has it before the view asks.
    expect(worker.sent.map((m) => m.type)).toEqual(['open', 'layout']);
    const summary = await client.open('t', '/files/a.asl.json', text, 'a.asl.json', { machine: 0, collapsed: [] });
    expect(summary.machines.length).toBe(1);
    expect((await client.layout('t', 0, [])).layout?.nodes.length).toBeGreaterThan(50);
    expect(worker.sent.map((m) => m.type)).toEqual(['open', 'layout']);
    // A later open of other text (an edit) is an open of its own.
    await client.open('t', '/files/a.asl.json', text.replace('"Comment"', '"comment"'), 'a.asl.json');
    expect(worker.sent.map((m) => m.type)).toEqual(['open', 'layout', 'open']);
  });

  it('sends positions it has already computed in one message, with their graph', async () => {
    const received: FromWorker[] = [];
    const service = createDocumentService((m) => received.push(structuredClone(m)));
    const text = JSON.stringify(generateAsl(50), null, 2);
    await service.handle({ type: 'open', requestId: 1, docId: 'd', file: 'a.asl.json', name: 'a.asl.json', text });
    await service.handle({ type: 'layout', requestId: 2, docId: 'd', machine: 0, collapsed: [] });
    await service.handle({ type: 'layout', requestId: 3, docId: 'd', machine: 0, collapsed: [] });
    expect(received.map((m) => [m.type, 'requestId' in m ? m.requestId : null])).toEqual([
      ['opened', 1],
      ['graph', 2],
      ['layout', 2],
      ['layout', 3],
    ]);
    const again = received[3]!;
    expect(again.type === 'layout' && again.result.cached).toBe(true);
    const first = received[1]!.type === 'graph' ? received[1]!.graph : null;
    expect(again.type === 'layout' && again.result.graph).toEqual(first);
  });
});

describe('ELK runs for real machines', () => {
  it('the 20 largest corpus definitions need no ELK run (every scope draws clean without it)', async () => {
    const engine = createElkEngine();
    let scopes = 0;
    for (const d of await largestDefinitions(20)) {
      const doc = await loadDocument(d.name, d.text);
      const cache = createLayoutCache();
      await layoutGraph(buildGraph(doc.machines[0]), { engine, cache });
      scopes += cache.misses;
    }
    console.log(`20 largest definitions: ${scopes} scopes laid out, ${engine.calls} by ELK`);
    expect(scopes).toBeGreaterThan(40);
    expect(engine.calls).toBe(0);
  });
});
