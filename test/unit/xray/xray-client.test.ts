import { describe, expect, it, vi } from 'vitest';
import { latest, XrayClient } from '../../../renderer/src/workers/xray-client.ts';
import type { FromWorker, ToWorker } from '../../../renderer/src/workers/xray-messages.ts';
import { EMPTY_OVERVIEW as OVERVIEW } from '../../support/xray-overview.ts';

/** A stand-in worker: `answer` decides each reply; `crash` makes the next message kill it. */
class FakeWorker {
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault: () => void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  received: ToWorker[] = [];
  constructor(private readonly answer: (m: ToWorker, w: FakeWorker) => FromWorker | 'crash' | 'silent') {}
  postMessage(m: ToWorker) {
    this.received.push(m);
    queueMicrotask(() => {
      if (this.terminated) return;
      const reply = this.answer(m, this);
      if (reply === 'crash') this.onerror?.({ message: 'out of memory', preventDefault: () => {} });
      else if (reply !== 'silent') this.onmessage?.({ data: reply });
    });
  }
  terminate() {
    this.terminated = true;
  }
}

describe('X-Ray worker client', () => {
  it('fails waiting calls with a message when the worker dies, then reads the files again in a new worker', async () => {
    const workers: FakeWorker[] = [];
    let crashNext = false;
    const client = new XrayClient(() => {
      const w = new FakeWorker((m, self) => {
        if (m.type === 'close') return 'silent';
        if (crashNext) {
          crashNext = false;
          return 'crash';
        }
        if (m.type === 'open') return { type: 'opened', requestId: m.requestId, overview: OVERVIEW };
        const known = self.received.some((r) => r.type === 'open');
        if (!known) return { type: 'unknown-dataset', requestId: m.requestId };
        if (m.type === 'filter')
          return {
            type: 'filtered',
            requestId: m.requestId,
            result: { rows: [], map: OVERVIEW.map, matched: m.filter.length },
          };
        return { type: 'failed', requestId: m.requestId, message: 'not in this test' };
      });
      workers.push(w);
      return w as unknown as Worker;
    });
    await expect(client.open('d', [{ name: 'a.json', text: '{}' }])).resolves.toEqual(OVERVIEW);
    crashNext = true;
    await expect(client.filter('d', 'fault')).rejects.toThrow('The X-Ray worker stopped: out of memory');
    expect(workers[0].terminated).toBe(true);
    // The next call starts a new worker, which gets the files again before the filter.
    await expect(client.filter('d', 'fault')).resolves.toMatchObject({ matched: 5 });
    expect(workers).toHaveLength(2);
    expect(workers[1].received.map((m) => m.type)).toEqual(['open', 'filter']);
    // A failure in the worker is a rejected call with its message, not a dead client.
    await expect(client.timeline('d', 'x')).rejects.toThrow('not in this test');
    client.close('d');
    await expect(client.filter('d', '')).rejects.toThrow('closed');
  });

  it('keeps only the newest answer', async () => {
    const run = latest();
    const seen: string[] = [];
    let resolveSlow: (v: string) => void = () => {};
    run(
      new Promise<string>((r) => (resolveSlow = r)),
      (v) => seen.push(v),
      () => seen.push('error'),
    );
    run(
      Promise.resolve('fast'),
      (v) => seen.push(v),
      () => seen.push('error'),
    );
    await Promise.resolve();
    resolveSlow('slow');
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['fast']);
  });

  it('words a file the worker could not read as text in the window language, and starts no view on it', async () => {
    const file = new Blob(['{"Traces": [', new Uint8Array([0xff, 0xfe]), ']}']);
    const client = new XrayClient(
      () =>
        new FakeWorker((m) => {
          if (m.type === 'close') return 'silent';
          if (m.type !== 'open') return { type: 'failed', requestId: m.requestId, message: 'not in this test' };
          const name = m.files[0]!.name;
          if (name === 'bin.json')
            return { type: 'unreadable', requestId: m.requestId, file: { name, reason: 'binary', offset: 7 } };
          if (name === 'gone.json')
            return {
              type: 'unreadable',
              requestId: m.requestId,
              file: { name, reason: 'cannotRead', message: 'NotReadableError' },
            };
          return { type: 'unreadable', requestId: m.requestId, file: { name, reason: 'notUtf8' } };
        }) as unknown as Worker,
    );
    await expect(client.open('a', [{ name: 'latin.json', blob: file }])).rejects.toThrow(
      'latin.json is not valid UTF-8 text',
    );
    await expect(client.open('b', [{ name: 'bin.json', blob: file }], 'ko')).rejects.toThrow(
      /bin\.json.*바이너리.*오프셋 7/,
    );
    await expect(client.open('c', [{ name: 'gone.json', blob: file }])).rejects.toThrow(
      'Cannot read gone.json: NotReadableError',
    );
  });

  it('a read started ahead of its view is taken over by the view, or dropped when no view comes', async () => {
    vi.useFakeTimers();
    try {
      let worker: FakeWorker | null = null;
      const client = new XrayClient(() => {
        worker = new FakeWorker((m) =>
          m.type === 'open' ? { type: 'opened', requestId: m.requestId, overview: OVERVIEW } : 'silent',
        );
        return worker as unknown as Worker;
      });
      Object.assign(globalThis, { Worker: FakeWorker });
      const taken = [{ name: 'a.json', text: '{}' }];
      const dropped = [{ name: 'b.json', text: '{}' }];
      client.prefetch(taken, 'en');
      client.prefetch(dropped, 'en');
      await expect(client.open('view', taken)).resolves.toEqual(OVERVIEW);
      const sent = () => worker!.received.map((m) => `${m.type} ${'datasetId' in m ? m.datasetId : ''}`);
      expect(sent()).toEqual(['open prefetch-1', 'open prefetch-2']);
      // Read again by the view (a retry): under the view's own name, and the earlier read is dropped.
      await expect(client.open('view', taken)).resolves.toEqual(OVERVIEW);
      expect(sent().slice(2)).toEqual(['close prefetch-1', 'open view']);
      vi.advanceTimersByTime(30_000);
      expect(sent().slice(4)).toEqual(['close prefetch-2']);
    } finally {
      Reflect.deleteProperty(globalThis, 'Worker');
      vi.useRealTimers();
    }
  });
});
