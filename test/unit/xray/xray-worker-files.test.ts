/**
 * The X-Ray worker reading files handed over as Blobs (a large file picked in the window): it decodes them with
 * the same refusals as the page's own reading (a NUL byte: binary, with its offset; invalid UTF-8), answering
 * `unreadable` so the page words it; a good file opens as if its text had been posted; bytes the page read and
 * handed over with the file are decoded instead of reading the file again; a dataset closed while its files are
 * read is not kept. The worker module runs here against a stand-in `self`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTraces } from '../../../bench/gen-xray.ts';
import type { FromWorker, ToWorker } from '../../../renderer/src/workers/xray-messages.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { spanAnnotations } from '../../../shared/xray/trace.ts';

let deliver: (m: ToWorker) => void = () => undefined;
const replies = new Map<number, (m: FromWorker) => void>();
let nextId = 1;

beforeAll(async () => {
  Object.assign(globalThis, {
    self: {
      addEventListener: (_type: string, fn: (e: { data: ToWorker }) => void) => {
        deliver = (m) => fn({ data: m });
      },
      postMessage: (m: FromWorker) => {
        if ('requestId' in m) replies.get(m.requestId)?.(m);
      },
    },
  });
  await import('../../../renderer/src/workers/xray.worker.ts');
});

/** A request without its id (one of the request kinds). */
type Body = ToWorker extends infer T ? (T extends { requestId: number } ? Omit<T, 'requestId'> : never) : never;

function ask(body: Body): Promise<FromWorker> {
  const requestId = nextId++;
  return new Promise((resolve) => {
    replies.set(requestId, resolve);
    deliver({ ...body, requestId } as ToWorker);
  });
}

const HEAD = '{"Traces": [{"Id": "1-5f84c7a1-0123456789abcdef01234567", "Segments": []}], "x": "';

describe('X-Ray worker: files handed over as Blobs', () => {
  it('opens a good file as its text would open', async () => {
    const text = JSON.stringify(generateTraces(20, 10));
    const fromBlob = await ask({
      type: 'open',
      datasetId: 'blob',
      files: [{ name: 't.json', blob: new Blob([text]) }],
    });
    const fromText = await ask({ type: 'open', datasetId: 'text', files: [{ name: 't.json', text }] });
    expect(fromBlob.type).toBe('opened');
    if (fromBlob.type !== 'opened' || fromText.type !== 'opened') throw new Error('not opened');
    expect(fromBlob.overview.traceCount).toBe(20);
    expect({ ...fromBlob.overview, loadMs: 0 }).toEqual({ ...fromText.overview, loadMs: 0 });
    // The filter vocabulary's annotation keys (taken from the rows) are those of every span of every trace.
    const keys = new Set<string>();
    for (const t of loadXray([{ name: 't.json', text }]).traces)
      for (const a of spanAnnotations(t)) for (const k in a) keys.add(k);
    expect(keys.size).toBeGreaterThan(0);
    expect(fromBlob.overview.vocabulary.annotationKeys).toEqual([...keys].sort());
    // The dataset is kept: later requests are answered from it.
    expect((await ask({ type: 'filter', datasetId: 'blob', filter: '' })).type).toBe('filtered');
  });

  it('decodes the bytes handed over with the file instead of reading it again, with the same refusals', async () => {
    const text = JSON.stringify(generateTraces(20, 10));
    let reads = 0;
    const counted = (blob: Blob) =>
      Object.assign(blob, {
        arrayBuffer: () => {
          reads++;
          return Blob.prototype.arrayBuffer.call(blob);
        },
      });
    const blob = counted(new Blob([text]));
    const bytes = await new Blob([text]).arrayBuffer();
    const handed = await ask({ type: 'open', datasetId: 'handed', files: [{ name: 't.json', blob, bytes }] });
    const fromText = await ask({ type: 'open', datasetId: 'text2', files: [{ name: 't.json', text }] });
    if (handed.type !== 'opened' || fromText.type !== 'opened') throw new Error('not opened');
    expect(reads).toBe(0);
    expect({ ...handed.overview, loadMs: 0 }).toEqual({ ...fromText.overview, loadMs: 0 });
    // Bytes that are not the file's (a buffer emptied by an earlier hand-over): the file is read.
    const again = await ask({
      type: 'open',
      datasetId: 'again',
      files: [{ name: 't.json', blob, bytes: new ArrayBuffer(0) }],
    });
    expect(again.type).toBe('opened');
    expect(reads).toBe(1);
    const nul = [HEAD, new Uint8Array([0x41, 0x00]), '"}'];
    const nulBytes = await new Blob(nul).arrayBuffer();
    expect(
      await ask({
        type: 'open',
        datasetId: 'nul2',
        files: [{ name: 'img.json', blob: new Blob(nul), bytes: nulBytes }],
      }),
    ).toMatchObject({ type: 'unreadable', file: { name: 'img.json', reason: 'binary', offset: HEAD.length + 1 } });
  });

  it('refuses a NUL byte (binary, with its offset) and invalid UTF-8, with no dataset kept', async () => {
    const nul = new Blob([HEAD, new Uint8Array([0x41, 0x00]), '"}']);
    expect(await ask({ type: 'open', datasetId: 'nul', files: [{ name: 'img.json', blob: nul }] })).toMatchObject({
      type: 'unreadable',
      file: { name: 'img.json', reason: 'binary', offset: HEAD.length + 1 },
    });
    const latin = new Blob([HEAD, new Uint8Array([0xe9, 0x74, 0xe9]), '"}']);
    expect(await ask({ type: 'open', datasetId: 'latin', files: [{ name: 'l.json', blob: latin }] })).toMatchObject({
      type: 'unreadable',
      file: { name: 'l.json', reason: 'notUtf8' },
    });
    expect((await ask({ type: 'filter', datasetId: 'latin', filter: '' })).type).toBe('unknown-dataset');
  });

  it('says so when the file cannot be read, and keeps no dataset closed while its files were read', async () => {
    const broken = { size: 10, arrayBuffer: () => Promise.reject(new Error('NotReadableError')) } as unknown as Blob;
    expect(await ask({ type: 'open', datasetId: 'gone', files: [{ name: 'g.json', blob: broken }] })).toMatchObject({
      type: 'unreadable',
      file: { name: 'g.json', reason: 'cannotRead', message: 'NotReadableError' },
    });
    const opened = ask({
      type: 'open',
      datasetId: 'closing',
      files: [{ name: 't.json', blob: new Blob([JSON.stringify(generateTraces(5, 5))]) }],
    });
    deliver({ type: 'close', datasetId: 'closing' });
    expect(await opened).toMatchObject({ type: 'failed', message: expect.stringContaining('closed') });
    expect((await ask({ type: 'filter', datasetId: 'closing', filter: '' })).type).toBe('unknown-dataset');
  });
});
