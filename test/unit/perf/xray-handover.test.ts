/**
 * The hand-over of a large X-Ray file from the page to the X-Ray worker, counted rather than timed (issue: X-Ray
 * 1,000 traces × 100 spans → service map in the page ≤ 2.5× JSON.parse of the same text): the page reads the file
 * once, whole, with the X-Ray worker already starting, decodes only its first 256 KB (to route it), and posts the
 * File with those bytes transferred (not copied), once, before the tab's view exists; the view takes that read
 * over instead of posting the files again. Before, the page read the file's start, then started the worker, which
 * read the whole file again: the worker's start-up and the second read were one after the other on the way to the
 * map (about 60–100 ms and 25–40 ms on a loaded 2-core machine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTraces } from '../../../bench/gen-xray.ts';
import type { FromWorker, ToWorker } from '../../../renderer/src/workers/xray-messages.ts';
import { EMPTY_OVERVIEW as OVERVIEW } from '../../support/xray-overview.ts';

/** Every message the page posted to a worker, and the bytes it decoded as text. */
const posted: ToWorker[] = [];
/** What each posted message transferred. */
const transfers: Transferable[][] = [];
let workersStarted = 0;
let decodedBytes = 0;
const realDecode = TextDecoder.prototype.decode;

class FakeWorker {
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  constructor() {
    workersStarted++;
  }
  postMessage(m: ToWorker, transfer: Transferable[] = []) {
    posted.push(m);
    transfers.push(transfer);
    const reply: FromWorker | null =
      m.type === 'open'
        ? { type: 'opened', requestId: m.requestId, overview: OVERVIEW }
        : m.type === 'filter'
          ? { type: 'filtered', requestId: m.requestId, result: { rows: [], map: OVERVIEW.map, matched: 0 } }
          : null;
    if (reply) queueMicrotask(() => this.onmessage?.({ data: reply }));
  }
  terminate() {}
}

beforeAll(() => {
  Object.assign(globalThis, {
    Worker: FakeWorker,
    window: {
      statescope: { call: async () => ({ ok: false, error: { message: 'no host here' } }), on: () => () => undefined },
      location: { hash: '', pathname: '/index.html' },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
  });
  TextDecoder.prototype.decode = function (this: TextDecoder, input?: AllowSharedBufferSource, options?) {
    decodedBytes += input?.byteLength ?? 0;
    return realDecode.call(this, input, options);
  };
});
afterAll(() => {
  TextDecoder.prototype.decode = realDecode;
  Reflect.deleteProperty(globalThis, 'Worker');
  Reflect.deleteProperty(globalThis, 'window');
});

/** A picked file that counts its reads and the workers started when it was read. */
class CountedFile extends File {
  reads: { whole: number; slices: number; workersAtRead: number } = { whole: 0, slices: 0, workersAtRead: -1 };
  override arrayBuffer() {
    this.reads.whole++;
    this.reads.workersAtRead = workersStarted;
    return super.arrayBuffer();
  }
  override slice(...args: Parameters<File['slice']>) {
    this.reads.slices++;
    return super.slice(...args);
  }
}

describe('a large X-Ray file picked in the window', () => {
  it('is read once with the worker starting, decoded only at its start, and handed over once with its bytes', async () => {
    const { createStore, initialState } = await import('../../../renderer/src/app/store.ts');
    const { Dispatcher } = await import('../../../renderer/src/app/dispatcher.ts');
    const { HEAD_BYTES } = await import('../../../renderer/src/app/read-local-file.ts');
    const { xrayClient } = await import('../../../renderer/src/workers/xray-client.ts');
    const text = JSON.stringify(generateTraces(100, 100));
    expect(text.length).toBeGreaterThan(5 * HEAD_BYTES);
    const file = new CountedFile([text], 'traces.json', { type: 'application/json' });
    const store = createStore(initialState('en', 'system'));
    const dispatcher = new Dispatcher(store, () => undefined);

    decodedBytes = 0; // (loading modules decodes their source)
    await dispatcher.openLocalFiles([file]);
    // One read of the whole file, with the X-Ray worker already started (it starts while the file is read).
    expect(file.reads).toEqual({ whole: 1, slices: 0, workersAtRead: 1 });
    expect(workersStarted).toBe(1);
    const tab = store.getState().tabs.find((t) => t.kind === 'xray');
    if (tab?.kind !== 'xray') throw new Error('no X-Ray tab');
    expect(tab.files).toHaveLength(1);
    expect(tab.files[0]).toMatchObject({ name: 'traces.json', blob: file });
    // The page decoded the file's start only.
    expect(decodedBytes).toBe(HEAD_BYTES);
    const opens = () => posted.filter((m) => m.type === 'open');
    expect(opens()).toHaveLength(1);
    const sent = opens()[0]!.type === 'open' ? opens()[0]!.files : [];
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ name: 'traces.json', blob: file });
    // The bytes went along, transferred: one buffer, the whole file, not copied.
    const bytes = 'bytes' in sent[0]! ? sent[0].bytes : undefined;
    expect(bytes?.byteLength).toBe(file.size);
    expect(transfers[posted.indexOf(opens()[0]!)]).toEqual([bytes]);

    // The tab's view opens the same file list: it takes the read already under way, no second open is posted.
    await expect(xrayClient().open('view-1', tab.files)).resolves.toEqual(OVERVIEW);
    expect(opens()).toHaveLength(1);
    // Its requests go to the dataset the read was posted under, and closing it closes that one.
    await xrayClient().filter('view-1', '');
    const filter = posted.find((m) => m.type === 'filter');
    expect(filter?.type === 'filter' && filter.datasetId).toBe(opens()[0]!.datasetId);
    xrayClient().close('view-1');
    expect(posted.at(-1)).toEqual({ type: 'close', datasetId: opens()[0]!.datasetId });
  });

  it('reads any other large file once too, and opens it from the same bytes', async () => {
    const { createStore, initialState } = await import('../../../renderer/src/app/store.ts');
    const { Dispatcher } = await import('../../../renderer/src/app/dispatcher.ts');
    const { HEAD_BYTES } = await import('../../../renderer/src/app/read-local-file.ts');
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 8000; i++)
      states[`S${i}`] = i < 7999 ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Succeed' };
    const text = JSON.stringify({ StartAt: 'S0', States: states }, null, 2);
    expect(text.length).toBeGreaterThan(HEAD_BYTES);
    const file = new CountedFile([text], 'big.asl.json', { type: 'application/json' });
    const store = createStore(initialState('en', 'system'));
    // Only the X-Ray worker's opens (`datasetId`): the machine itself goes to the document worker (also faked here).
    const xrayOpens = () => posted.filter((m) => m.type === 'open' && 'datasetId' in m).length;
    const opensBefore = xrayOpens();
    await new Dispatcher(store, () => undefined).openLocalFiles([file]);
    expect(file.reads).toMatchObject({ whole: 1, slices: 0 });
    expect(store.getState().tabs.filter((t) => t.kind === 'xray')).toHaveLength(0);
    expect(xrayOpens()).toBe(opensBefore);
    expect(store.getState().tabs.some((t) => t.kind === 'asl' && t.title === 'big.asl.json')).toBe(true);
  });

  it('sends bytes already handed over no more: a later open (a restarted worker) posts the File alone', async () => {
    const { handedOver } = await import('../../../renderer/src/workers/xray-client.ts');
    const blob = new Blob(['{"Traces":[]}']);
    const bytes = await blob.arrayBuffer();
    const files = [{ name: 'a.json', blob, bytes, path: 'a.json' }];
    const first = handedOver(files);
    expect(first.files).toEqual(files);
    expect(first.transfer).toEqual([bytes]);
    structuredClone(bytes, { transfer: [bytes] }); // what posting it did
    const later = handedOver(files);
    expect(later.files).toEqual([{ name: 'a.json', blob, path: 'a.json' }]);
    expect(later.transfer).toEqual([]);
    // Texts and Files without bytes go as they are.
    const plain = [
      { name: 'b.json', text: '{}' },
      { name: 'c.json', blob },
    ];
    expect(handedOver(plain)).toEqual({ files: plain, transfer: [] });
  });
});
