/**
 * What the document worker does (document.worker.ts only wires it to the worker's messages, so tests can run it
 * against the real client): loads, graphs and lays out documents off the UI thread. Each open document keeps its
 * loaded form, its graphs and a layout cache here, so switching machines or collapsing a group costs only the
 * layout that changed. Nothing thrown in here escapes: every failure is turned into a diagnostic or a `failed` reply.
 */
import { loadDocument } from '../../../shared/asl/load.ts';
import { summaryOf } from '../../../shared/asl/prepared.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { createLayoutCache, layoutGraph, warmUpLayout } from '../../../shared/layout/layout.ts';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import type { LoadedDocument, StateGraph } from '../../../shared/asl/types.ts';
import type { Layout } from '../../../shared/layout/types.ts';
import type { DocumentSummary, FromWorker, LayoutResult, ToWorker } from './document-messages.ts';

interface OpenDoc {
  loaded: LoadedDocument;
  graphs: Map<number, { graph: StateGraph | null; diagnostics: Diagnostic[]; ms: number }>;
  cache: ReturnType<typeof createLayoutCache>;
  layouts: Map<string, Layout>;
}

const WARM_UP = JSON.stringify({
  StartAt: 'A',
  States: {
    A: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'B' }], Default: 'C' },
    B: { Type: 'Parallel', Branches: [{ StartAt: 'D', States: { D: { Type: 'Pass', End: true } } }], Next: 'C' },
    C: { Type: 'Succeed' },
  },
});
/** The same machine in YAML: the YAML parser's first run in a fresh worker costs tens of milliseconds more. */
const WARM_UP_YAML = [
  'StartAt: A',
  'States:',
  '  A:',
  '    Type: Choice',
  '    Choices:',
  "      - Variable: '$.x'",
  '        BooleanEquals: true',
  '        Next: B',
  '    Default: C',
  '  B:',
  '    Type: Pass',
  '    Next: C',
  '  C:',
  '    Type: Succeed',
  '',
].join('\n');

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

function internalDiagnostic(message: string, machine: string | undefined, code: string): Diagnostic {
  return { severity: 'error', message, line: 1, column: 1, machine, source: 'statescope', code };
}

function graphOf(doc: OpenDoc, index: number) {
  let entry = doc.graphs.get(index);
  if (entry) return entry;
  const machine = doc.loaded.machines[index];
  const started = performance.now();
  if (!machine) {
    entry = { graph: null, diagnostics: [], ms: 0 };
  } else {
    try {
      entry = { graph: buildGraph(machine), diagnostics: [], ms: performance.now() - started };
    } catch (err) {
      entry = {
        graph: null,
        diagnostics: [
          internalDiagnostic(`Could not draw ${machine.name}: ${messageOf(err)}`, machine.name, 'graph-crash'),
        ],
        ms: performance.now() - started,
      };
    }
  }
  doc.graphs.set(index, entry);
  return entry;
}

async function layout(doc: OpenDoc, machine: number, collapsed: string[]): Promise<LayoutResult> {
  const { graph, diagnostics, ms } = graphOf(doc, machine);
  const sorted = [...new Set(collapsed)].sort();
  const base: LayoutResult = {
    machine,
    collapsed: sorted,
    graph,
    layout: null,
    diagnostics: [...diagnostics],
    graphMs: ms,
    layoutMs: 0,
    cached: false,
  };
  if (!graph) return base;
  const key = `${machine}\u0000${sorted.join('\u0000')}`;
  const hit = doc.layouts.get(key);
  if (hit) return { ...base, layout: hit, cached: true };
  const started = performance.now();
  try {
    const positioned = await layoutGraph(graph, { collapsed: sorted, cache: doc.cache });
    doc.layouts.set(key, positioned);
    return { ...base, layout: positioned, layoutMs: performance.now() - started };
  } catch (err) {
    base.diagnostics.push(
      internalDiagnostic(`Could not lay out ${graph.name}: ${messageOf(err)}`, graph.name, 'layout-crash'),
    );
    return { ...base, layoutMs: performance.now() - started };
  }
}

/** A document service answering `ToWorker` messages through `post`. */
export function createDocumentService(post: (message: FromWorker) => void): {
  handle: (message: ToWorker) => Promise<void>;
} {
  const docs = new Map<string, OpenDoc>();
  /** Loads under way, by document: a layout request that arrives meanwhile waits for its document. */
  const opens = new Map<string, Promise<{ doc: OpenDoc; summary: DocumentSummary }>>();
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

  async function open(
    file: string,
    name: string,
    text: string,
    /** The layout cache of the previous text of the same document (an edit): unchanged parts keep their places. */
    cache = createLayoutCache(),
  ): Promise<{ doc: OpenDoc; summary: DocumentSummary }> {
    const started = performance.now();
    let loaded: LoadedDocument;
    // Samples are `sample:<id>` on the host: the loader gets the sample's file name (for the machine name and the
    // JSON/YAML hint) while relative reads still go to the host with the real path.
    const loaderFile = file.startsWith('sample:') ? name : file;
    try {
      loaded = await loadDocument(loaderFile, text, { readFile: (path) => readRelative(file, path) });
    } catch (err) {
      loaded = {
        file,
        format: 'asl-json',
        text,
        machines: [],
        diagnostics: [internalDiagnostic(`Could not load ${file}: ${messageOf(err)}`, undefined, 'load-crash')],
      };
    }
    const loadMs = performance.now() - started;
    const doc: OpenDoc = { loaded, graphs: new Map(), cache, layouts: new Map() };
    const summary = summaryOf(file, loaded, loadMs);
    return { doc, summary };
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
          post({
            type: 'layout',
            requestId: message.requestId,
            result: await layout(doc, message.machine, message.collapsed),
          });
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
          const { doc } = await open('warm-up.asl.json', 'warm-up.asl.json', WARM_UP);
          await layout(doc, 0, []);
          const yaml = await open('warm-up.asl.yaml', 'warm-up.asl.yaml', WARM_UP_YAML);
          await layout(yaml.doc, 0, []);
          // Most scopes no longer go through ELK, so the warm-up machines leave it cold; one small run here keeps
          // the scopes that still need it (3 of the corpus's 20 largest machines) from paying ELK's first run.
          await warmUpLayout(undefined, 1);
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
