/**
 * The hand-over of a large X-Ray file from the page to the X-Ray worker, counted rather than timed (issue: X-Ray
 * 1,000 traces × 100 spans → service map in the page ≤ 2.5× JSON.parse of the same text): the page decodes only
 * the file's first 256 KB (to route it), posts the File itself, once, before the tab's view exists, and the view
 * takes that read over instead of posting the files again. Before, the page decoded the whole 18.7 MB on its own
 * thread, rendered the tab, and only then copied the text to a worker it started at that moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTraces } from '../../../bench/gen-xray.ts';
import type { FromWorker, ToWorker } from '../../../renderer/src/workers/xray-messages.ts';
import { EMPTY_OVERVIEW as OVERVIEW } from '../../support/xray-overview.ts';

/** Every message the page posted to a worker, and the bytes it decoded as text. */
const posted: ToWorker[] = [];
let decodedBytes = 0;
const realDecode = TextDecoder.prototype.decode;

class FakeWorker {
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  postMessage(m: ToWorker) {
    posted.push(m);
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

describe('a large X-Ray file picked in the window', () => {
  it('is decoded only at its start on the page, and posted to the worker once, as the File, before its view', async () => {
    const { createStore, initialState } = await import('../../../renderer/src/app/store.ts');
    const { Dispatcher } = await import('../../../renderer/src/app/dispatcher.ts');
    const { HEAD_BYTES } = await import('../../../renderer/src/app/read-local-file.ts');
    const { xrayClient } = await import('../../../renderer/src/workers/xray-client.ts');
    const text = JSON.stringify(generateTraces(100, 100));
    expect(text.length).toBeGreaterThan(5 * HEAD_BYTES);
    const file = new File([text], 'traces.json', { type: 'application/json' });
    const store = createStore(initialState('en', 'system'));
    const dispatcher = new Dispatcher(store, () => undefined);

    decodedBytes = 0; // (loading modules decodes their source)
    await dispatcher.openLocalFiles([file]);
    const tab = store.getState().tabs.find((t) => t.kind === 'xray');
    expect(tab?.kind === 'xray' && tab.files).toEqual([{ name: 'traces.json', blob: file }]);
    // The page decoded the file's start only.
    expect(decodedBytes).toBe(HEAD_BYTES);
    const opens = () => posted.filter((m) => m.type === 'open');
    expect(opens()).toHaveLength(1);
    expect(opens()[0]!.type === 'open' && opens()[0]!.files).toEqual([{ name: 'traces.json', blob: file }]);

    // The tab's view opens the same file list: it takes the read already under way, no second open is posted.
    if (tab?.kind !== 'xray') throw new Error('no X-Ray tab');
    await expect(xrayClient().open('view-1', tab.files)).resolves.toEqual(OVERVIEW);
    expect(opens()).toHaveLength(1);
    // Its requests go to the dataset the read was posted under, and closing it closes that one.
    await xrayClient().filter('view-1', '');
    const filter = posted.find((m) => m.type === 'filter');
    expect(filter?.type === 'filter' && filter.datasetId).toBe(opens()[0]!.datasetId);
    xrayClient().close('view-1');
    expect(posted.at(-1)).toEqual({ type: 'close', datasetId: opens()[0]!.datasetId });
  });
});
