/**
 * What the document worker does (document.worker.ts only wires it to the worker's messages, so tests can run it
 * against the real client): loads, graphs and lays out documents off the UI thread. Each open document keeps its
 * loaded form, its graphs and a layout cache here, so switching machines or collapsing a group costs only the
 * layout that changed. Nothing thrown in here escapes: every failure is turned into a diagnostic or a `failed` reply.
 */
import { layoutOf, openDocument, type OpenDocument } from '../../../shared/asl/prepared.ts';
import type { LayoutCache } from '../../../shared/layout/layout.ts';
import type { DocumentSummary, FromWorker, ToWorker } from './document-messages.ts';
import { packGraph, packLayoutResult } from './layout-message.ts';
import { WARM_UP_JSON, WARM_UP_ROUNDS, WARM_UP_YAML } from './warm-up-machines.ts';

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

const now = () => performance.now();

/** A document service answering `ToWorker` messages through `post`. */
export function createDocumentService(post: (message: FromWorker) => void): {
  handle: (message: ToWorker) => Promise<void>;
} {
  const docs = new Map<string, OpenDocument>();
  /** Loads under way, by document: a layout request that arrives meanwhile waits for its document. */
  const opens = new Map<string, Promise<{ doc: OpenDocument; summary: DocumentSummary }>>();
  const pendingReads = new Map<number, { resolve: (text: string) => void; reject: (err: Error) => void }>();
  let nextReadId = 1;

  /** Asks the UI thread (which asks the host) for a file next to the opened one. */
  function readRelative(from: string, path: string): Promise<string> {
    const readId = nextReadId++;
    return new Promise<string>((resolve, reject) => {
      pendingReads.set(readId, { resolve, reject });
      post({ type: 'read', readId, from, path });
    });
  }

  /** Relative reads (DefinitionUri) go to the host with the page's path of the document. */
  function open(
    file: string,
    name: string,
    text: string,
    cache?: LayoutCache,
  ): Promise<{ doc: OpenDocument; summary: DocumentSummary }> {
    return openDocument(file, name, text, { readFile: (path) => readRelative(file, path), now, cache });
  }

  async function handle(message: ToWorker): Promise<void> {
    switch (message.type) {
      case 'open': {
        const opening = open(message.file, message.name, message.text, docs.get(message.docId)?.cache);
        opens.set(message.docId, opening);
        try {
          const { doc, summary } = await opening;
          docs.set(message.docId, doc);
          post({ type: 'opened', requestId: message.requestId, summary });
        } catch (err) {
          post({ type: 'failed', requestId: message.requestId, message: messageOf(err) });
        } finally {
          if (opens.get(message.docId) === opening) opens.delete(message.docId);
        }
        return;
      }
      case 'layout': {
        // A layout sent right behind its document's open (see DocumentClient.open) waits for the load.
        await opens.get(message.docId)?.catch(() => undefined);
        const doc = docs.get(message.docId);
        if (!doc) {
          post({ type: 'failed', requestId: message.requestId, message: 'The document is no longer open.' });
          return;
        }
        try {
          // A graph to lay out goes ahead of its positions: the page reads it while this worker lays it out.
          let graphPosted = false;
          const result = await layoutOf(doc, message.machine, message.collapsed, now, (graph) => {
            post({ type: 'graph', requestId: message.requestId, graph: packGraph(graph) });
            graphPosted = true;
          });
          post({ type: 'layout', requestId: message.requestId, result: packLayoutResult(result, graphPosted) });
        } catch (err) {
          post({ type: 'failed', requestId: message.requestId, message: messageOf(err) });
        }
        return;
      }
      case 'close':
        docs.delete(message.docId);
        return;
      case 'warm': {
        try {
          const { doc } = await open('warm-up.asl.json', 'warm-up.asl.json', WARM_UP_JSON);
          for (const collapsed of WARM_UP_ROUNDS) await layoutOf(doc, 0, collapsed, now);
          const yaml = await open('warm-up.asl.yaml', 'warm-up.asl.yaml', WARM_UP_YAML);
          await layoutOf(yaml.doc, 0, [], now);
          // ELK is not warmed (nor even loaded): the small layered layout draws every scope of the corpus's real
          // machines, so a scope that needs ELK is rare enough to pay its first load rather than every start.
        } catch {
          // Warming is an optimisation only.
        }
        return;
      }
      case 'read-result': {
        const pending = pendingReads.get(message.readId);
        if (!pending) return;
        pendingReads.delete(message.readId);
        if (message.ok) pending.resolve(message.text);
        else pending.reject(new Error(message.message));
        return;
      }
    }
  }

  return { handle };
}
