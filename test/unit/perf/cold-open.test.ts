/**
 * A file opened while the page's document worker is still starting (fetching and compiling elkjs, its first slow
 * layouts) is also sent to the host, whose engine is warm: the first answer wins, the worker keeps the document
 * for what comes next. Counted, not timed: which side answered, and what each was asked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PreparedDocument } from '../../../shared/asl/prepared.ts';
import { prepareDocument } from '../../../shared/asl/prepared.ts';
import { DocumentClient, HOST_PREPARE_MAX } from '../../../renderer/src/workers/document-client.ts';
import type { FromWorker, ToWorker } from '../../../renderer/src/workers/document-messages.ts';
import { packLayoutResult } from '../../../renderer/src/workers/layout-message.ts';

const TEXT = JSON.stringify({
  StartAt: 'A',
  States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Parallel', Branches: [], End: true } },
});

/** A stand-in for the document worker: answers opens and layouts from the same shared code, or never (cold). */
function fakeWorker(answers: boolean, seen: ToWorker['type'][]) {
  return class {
    onmessage: ((e: { data: FromWorker }) => void) | null = null;
    onerror = null;
    onmessageerror = null;
    postMessage(message: ToWorker) {
      seen.push(message.type);
      if (!answers) return;
      void (async () => {
        const prepared = await prepareDocument('a.asl.json', 'a.asl.json', TEXT);
        if (message.type === 'open')
          this.onmessage?.({ data: { type: 'opened', requestId: message.requestId, summary: prepared.summary } });
        if (message.type === 'layout')
          this.onmessage?.({
            data: {
              type: 'layout',
              requestId: message.requestId,
              result: packLayoutResult({ ...prepared.layout!, byHost: false }),
            },
          });
      })();
    }
    terminate() {}
  };
}

function useWorker(worker: unknown) {
  Object.assign(globalThis, { Worker: worker });
}
afterEach(() => Reflect.deleteProperty(globalThis, 'Worker'));

describe('opening a file while the document worker starts', () => {
  it('takes the host’s answer when the worker has not answered yet, and lays out later views in the worker', async () => {
    const seen: ToWorker['type'][] = [];
    useWorker(fakeWorker(false, seen));
    const asked: string[] = [];
    const host = (file: string, name: string, text: string): Promise<PreparedDocument> => {
      asked.push(file);
      return prepareDocument(file, name, text);
    };
    const client = new DocumentClient(undefined, undefined, host);
    const summary = await client.open('tab-1', 'a.asl.json', TEXT);
    expect(asked).toEqual(['a.asl.json']);
    expect(summary.machines.map((m) => m.name)).toEqual(['a']);
    const first = await client.layout('tab-1', 0, []);
    expect(first.byHost).toBe(true);
    expect(first.layout?.nodes.length).toBeGreaterThan(0);
    // The worker was asked to open it too; a collapsed view waits for the worker (cold here: it never answers),
    // the host is not asked again.
    expect(seen).toEqual(['open']);
    let collapsed = false;
    void client.layout('tab-1', 0, ['B']).then(() => (collapsed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(collapsed).toBe(false);
    expect(asked).toEqual(['a.asl.json']);
  });

  it('asks the host nothing once the worker has answered, nor for texts over the limit', async () => {
    const seen: ToWorker['type'][] = [];
    useWorker(fakeWorker(true, seen));
    const asked: string[] = [];
    const host = async (file: string): Promise<PreparedDocument> => {
      asked.push(file);
      return new Promise<PreparedDocument>(() => undefined); // never answers: the worker must
    };
    const client = new DocumentClient(undefined, undefined, host);
    await client.open('tab-1', 'a.asl.json', TEXT); // cold: asked both, the worker answered
    expect(asked).toEqual(['a.asl.json']);
    expect((await client.layout('tab-1', 0, [])).byHost).toBe(false);
    await client.open('tab-2', 'b.asl.json', TEXT); // warm now: the worker alone
    expect(asked).toEqual(['a.asl.json']);

    const big = new DocumentClient(undefined, undefined, host);
    void big.open('tab-3', 'big.asl.json', ' '.repeat(HOST_PREPARE_MAX + 1) + TEXT);
    expect(asked).toEqual(['a.asl.json']);
  });
});
