/**
 * What the document worker does (document.worker.ts only wires it to the worker's messages, so tests can run it
 * against the real client): loads, graphs and lays out documents off the UI thread. Each open document keeps its
 * loaded form, its graphs and a layout cache here, so switching machines or collapsing a group costs only the
 * layout that changed. Nothing thrown in here escapes: every failure is turned into a diagnostic or a `failed` reply.
 */
import { buildGraph } from '../../../shared/asl/graph.ts';
import { layoutOf, openDocument, type OpenDocument } from '../../../shared/asl/prepared.ts';
import {
  type LayoutCache,
  layoutGraphPart,
  type LayoutSplit,
  type ScopeLayout,
} from '../../../shared/layout/layout.ts';
import type { DocumentSummary, FromWorker, ToWorker } from './document-messages.ts';
import {
  packGraph,
  packLayoutResult,
  packScopeLayouts,
  type PackedScopeLayouts,
  unpackScopeLayouts,
} from './layout-message.ts';
import { WARM_UP_JSON, WARM_UP_ROUNDS, WARM_UP_YAML } from './warm-up-machines.ts';

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

const now = () => performance.now();

/**
 * What the document worker does for a helper's part of a split layout: a helper worker (a second copy of this
 * worker, which the page starts for a big file's first open, see DocumentClient) lays out the second part of the
 * first machine (`layoutGraphPart`) while this worker lays out the first, and answers on a port of its own. The page
 * says `part-failed` when the helper died; either way this worker's layout never depends on it.
 */
export type HelperAnswer = { type: 'part'; layouts: PackedScopeLayouts | null };

/** A document service answering `ToWorker` messages through `post`. */
export function createDocumentService(post: (message: FromWorker) => void): {
  handle: (message: ToWorker) => Promise<void>;
} {
  const docs = new Map<string, OpenDocument>();
  /** Helpers laying out the second part of a document's first machine, by document, until its first layout. */
  const helpers = new Map<string, { layouts: Promise<Map<string, ScopeLayout>>; stop: () => void }>();
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

  /** The second part of a document's first machine, from its helper's port (empty when the helper failed). */
  function fromHelper(docId: string, port: MessagePort) {
    let settle: (layouts: Map<string, ScopeLayout>) => void = () => undefined;
    const layouts = new Promise<Map<string, ScopeLayout>>((resolve) => (settle = resolve));
    const stop = () => {
      port.close();
      settle(new Map());
    };
    port.onmessage = (event: MessageEvent<HelperAnswer>) => {
      try {
        settle(event.data.layouts ? unpackScopeLayouts(event.data.layouts) : new Map());
      } catch {
        settle(new Map());
      }
      port.close();
    };
    port.onmessageerror = stop;
    helpers.get(docId)?.stop();
    helpers.set(docId, { layouts, stop });
  }

  /** The helper's side: the second part of the first machine's layout (reading files is the first worker's job). */
  async function part(file: string, name: string, text: string): Promise<PackedScopeLayouts | null> {
    const readFile = () => Promise.reject(new Error('A helper worker reads no files.'));
    const { doc } = await openDocument(file, name, text, { readFile, now });
    const machine = doc.loaded.machines[0];
    return machine ? packScopeLayouts(await layoutGraphPart(buildGraph(machine))) : null;
  }

  async function handle(message: ToWorker): Promise<void> {
    switch (message.type) {
      case 'open': {
        // A big file's first open comes with a helper's port; an edit keeps its cache and needs no helper.
        if (message.helper) {
          if (docs.has(message.docId)) message.helper.close();
          else fromHelper(message.docId, message.helper);
        }
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
        // The helper laid out (part of) the first machine with nothing collapsed: any other first view stops it.
        const helper = helpers.get(message.docId);
        helpers.delete(message.docId);
        let split: LayoutSplit | undefined;
        if (helper && message.machine === 0 && message.collapsed.length === 0) split = { other: () => helper.layouts };
        else helper?.stop();
        try {
          // A graph to lay out goes ahead of its positions: the page reads it while this worker lays it out.
          let graphPosted = false;
          const result = await layoutOf(
            doc,
            message.machine,
            message.collapsed,
            now,
            (graph) => {
              post({ type: 'graph', requestId: message.requestId, graph: packGraph(graph) });
              graphPosted = true;
            },
            split,
          );
          post({ type: 'layout', requestId: message.requestId, result: packLayoutResult(result, graphPosted) });
        } catch (err) {
          post({ type: 'failed', requestId: message.requestId, message: messageOf(err) });
        } finally {
          helper?.stop();
        }
        return;
      }
      case 'part': {
        let layouts: PackedScopeLayouts | null = null;
        try {
          layouts = await part(message.file, message.name, message.text);
        } catch {
          // The first worker lays out this part itself.
        }
        const answer: HelperAnswer = { type: 'part', layouts };
        message.port.postMessage(answer);
        message.port.close();
        return;
      }
      case 'part-failed':
        helpers.get(message.docId)?.stop();
        return;
      case 'close':
        helpers.get(message.docId)?.stop();
        helpers.delete(message.docId);
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
