/**
 * The helper worker of a big file's first open (DocumentClient.startHelper, document-service.ts): the real client,
 * document service and helper (the same service) run in-process behind stand-in workers that copy every message as
 * the structured clone does, ports included. The drawing is the one a single worker makes, with or without the
 * helper, and when the helper dies; small files and edits start no helper.
 */
import { describe, expect, it } from 'vitest';
import { generateAsl } from '../../../bench/gen-asl.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { layoutGraph } from '../../../shared/layout/layout.ts';
import { DocumentClient, HELPER_MIN_CHARS } from '../../../renderer/src/workers/document-client.ts';
import type { FromWorker, ToWorker } from '../../../renderer/src/workers/document-messages.ts';
import { createDocumentService, type HelperAnswer } from '../../../renderer/src/workers/document-service.ts';

/** A stand-in worker running the document service in-process. */
class ServiceWorker {
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: { preventDefault: () => void; message: string }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  sent: ToWorker[] = [];
  terminated = false;
  private readonly service = createDocumentService((m) => {
    const copy = structuredClone(m);
    queueMicrotask(() => this.onmessage?.({ data: copy }));
  });
  constructor(private readonly crash = false) {}
  postMessage(m: ToWorker, transfer: Transferable[] = []) {
    const copy = structuredClone(m, { transfer });
    this.sent.push(copy);
    if (this.crash)
      queueMicrotask(() => this.onerror?.({ preventDefault: () => undefined, message: 'helper crashed' }));
    else queueMicrotask(() => void this.service.handle(this.recording(copy)));
  }
  /** A helper's answers, as it posts them on its port. */
  answers: HelperAnswer[] = [];
  private recording(m: ToWorker): ToWorker {
    if (m.type !== 'part') return m;
    const port = m.port;
    const answers = this.answers;
    const recorder = {
      postMessage(answer: HelperAnswer) {
        answers.push(answer);
        port.postMessage(answer);
      },
      close: () => port.close(),
    };
    return { ...m, port: recorder as unknown as MessagePort };
  }
  terminate() {
    this.terminated = true;
  }
}

function setUp(options: { crash?: boolean } = {}) {
  const worker = new ServiceWorker();
  const helpers: ServiceWorker[] = [];
  const client = new DocumentClient(
    async () => Promise.reject(new Error('no relative files in this test')),
    () => worker as unknown as Worker,
    () => Promise.reject(new Error('no host in this test')),
    () => {
      const helper = new ServiceWorker(options.crash);
      helpers.push(helper);
      return helper as unknown as Worker;
    },
  );
  return { client, worker, helpers };
}

async function single(text: string) {
  const doc = await loadDocument('big.asl.json', text, {});
  return layoutGraph(buildGraph(doc.machines[0]));
}

describe('the helper worker of a big open', () => {
  const text = JSON.stringify(generateAsl(2500), null, 2);

  it('lays out half of a big machine; the drawing equals a single worker’s', async () => {
    expect(text.length).toBeGreaterThanOrEqual(HELPER_MIN_CHARS);
    const { client, worker, helpers } = setUp();
    const opened = client.open('big', 'big.asl.json', text, 'big.asl.json', { machine: 0, collapsed: [] });
    expect(helpers).toHaveLength(1);
    // The open hands the document worker the port the helper answers on.
    const open = worker.sent.find((m) => m.type === 'open');
    expect(open?.type === 'open' && open.helper).toBeTruthy();
    await opened;
    const result = await client.layout('big', 0, []);
    expect(helpers[0]!.answers).toHaveLength(1);
    expect(helpers[0]!.answers[0]!.layouts?.keys.length).toBeGreaterThan(1);
    expect(result.layout).toEqual(await single(text));
  });

  it('lays out alone when the helper dies', async () => {
    const { client, worker, helpers } = setUp({ crash: true });
    await client.open('big', 'big.asl.json', text, 'big.asl.json', { machine: 0, collapsed: [] });
    const result = await client.layout('big', 0, []);
    expect(helpers).toHaveLength(1);
    expect(helpers[0]!.terminated).toBe(true);
    expect(worker.sent.some((m) => m.type === 'part-failed')).toBe(true);
    expect(result.layout).toEqual(await single(text));
  });

  it('starts no helper for a small file, an edit, or a first view with groups collapsed', async () => {
    const { client, helpers } = setUp();
    const small = JSON.stringify(generateAsl(300), null, 2);
    await client.open('small', 'small.asl.json', small, 'small.asl.json', { machine: 0, collapsed: [] });
    expect(helpers).toHaveLength(0);
    await client.open('big', 'big.asl.json', text, 'big.asl.json', { machine: 0, collapsed: ['Map 00010'] });
    expect(helpers).toHaveLength(0);
    await client.open('big', 'big.asl.json', text.replace('"Comment"', '"Comment" '), 'big.asl.json', {
      machine: 0,
      collapsed: [],
    });
    expect(helpers).toHaveLength(0);
  });
});
