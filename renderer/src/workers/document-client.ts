/**
 * The UI side of the document worker: promise-based `open` and `layout`, relative-file reads answered through
 * the host contract, and recovery when the worker dies or takes too long (it is replaced and the documents are
 * re-opened on demand, so one hostile file cannot leave the app without a worker).
 */
import { errorMessage, getApi } from '../api.ts';
import type { PreparedDocument } from '../../../shared/asl/prepared.ts';
import type { StateGraph } from '../../../shared/asl/types.ts';
import { layoutKey } from '../../../shared/asl/view-key.ts';
import type { DocumentSummary, FromWorker, LayoutResult, ToWorker } from './document-messages.ts';
import { graphMaps } from '../asl/graph-maps.ts';
import { unpackGraph, unpackLayoutResult } from './layout-message.ts';
import { WorkerChannel } from './worker-channel.ts';

/** Work that takes longer than this is abandoned and the worker restarted. */
export const WORKER_TIMEOUT_MS = 60_000;

/**
 * Texts up to this size opened while the worker is still starting are also sent to the host (`asl.prepare`),
 * whose layout engine is warm: real machines are a few KB; big ones stay in the worker alone, so they never hold
 * up the host.
 */
export const HOST_PREPARE_MAX = 256 * 1024;

interface Known {
  file: string;
  name: string;
  text: string;
  /** The worker generation the document was opened in, and the summary it produced there. */
  generation: number;
  opened: Promise<DocumentSummary> | null;
  /** What to lay out together with the load (see `open`), and the layout that came with the summary. */
  layoutFirst?: { machine: number; collapsed: string[] };
  first?: { generation: number; key: string; result: Promise<LayoutResult> };
  /** The host's layout of machine 0, nothing collapsed, when the host answered the open first (used once). */
  prepared?: LayoutResult;
  /** The answer of an open made ahead of the tab's view (`openAhead`), for the view's own open of the same text. */
  ahead?: Promise<DocumentSummary>;
}

export class DocumentClient {
  private readonly channel: WorkerChannel<ToWorker, FromWorker>;
  private known = new Map<string, Known>();
  /** The worker generation that has answered an open: until then the worker is still starting (cold). */
  private answered = 0;
  /** Graphs posted ahead of their layout, by the layout request waiting for them (undefined until it comes). */
  private readonly postedGraphs = new Map<number, StateGraph | undefined>();

  constructor(
    readRelative: (from: string, path: string) => Promise<{ path: string; text: string }> = async (from, path) => {
      const file = await getApi().call('files.readRelative', { from, path });
      return { path: file.path, text: file.text };
    },
    /** Starts the worker (tests pass a stand-in running the document service in-process). */
    createWorker: () => Worker = () =>
      new Worker(new URL('./document.worker.ts', import.meta.url), { type: 'module', name: 'document' }),
    /** Lays out a document on the host, asked while the worker is still starting (see `open`). */
    private readonly hostPrepare: (file: string, name: string, text: string) => Promise<PreparedDocument> = (
      file,
      name,
      text,
    ) => getApi().call('asl.prepare', { file, name, text }),
  ) {
    this.channel = new WorkerChannel<ToWorker, FromWorker>({
      create: createWorker,
      label: 'document',
      timeoutMs: WORKER_TIMEOUT_MS,
      timeoutMessage: `Gave up after ${WORKER_TIMEOUT_MS / 1000} s: the document is too large or too complex.`,
      // The loader needs a file next to the opened one: the host reads it, the answer goes back to the worker.
      isReply: (message) => message.type !== 'read' && message.type !== 'graph',
      onOther: (message, channel) => {
        if (message.type === 'graph') {
          // Read now, while the worker lays it out; its layout reply takes it (`requestLayout`).
          if (this.postedGraphs.has(message.requestId)) {
            const graph = unpackGraph(message.graph);
            graphMaps(graph);
            this.postedGraphs.set(message.requestId, graph);
          }
          return;
        }
        if (message.type !== 'read') return;
        readRelative(message.from, message.path).then(
          (file) =>
            channel.post({ type: 'read-result', readId: message.readId, ok: true, path: file.path, text: file.text }),
          (err) => channel.post({ type: 'read-result', readId: message.readId, ok: false, message: errorMessage(err) }),
        );
      },
    });
  }

  private request(build: (requestId: number) => ToWorker): Promise<FromWorker> {
    return this.channel.request(build);
  }

  private openIn(docId: string, known: Known): Promise<DocumentSummary> {
    this.channel.ensure();
    if (known.opened && known.generation === this.channel.generation) return known.opened;
    known.generation = this.channel.generation;
    const generation = this.channel.generation;
    known.opened = this.request((requestId) => ({
      type: 'open',
      requestId,
      docId,
      file: known.file,
      name: known.name,
      text: known.text,
    })).then((m) => {
      if (m.type !== 'opened') throw new Error('Unexpected reply from the document worker.');
      this.answered = generation;
      return m.summary;
    });
    known.opened.catch(() => {
      known.opened = null;
    });
    const want = known.layoutFirst;
    if (want) {
      // Sent right behind the open (the worker waits for the load): the summary still comes back first, and the
      // drawing follows without the page having to render the summary and ask.
      known.layoutFirst = undefined;
      const result = this.requestLayout(docId, want.machine, want.collapsed);
      result.catch(() => undefined);
      known.first = { generation: known.generation, key: layoutKey(want.machine, want.collapsed), result };
    }
    return known.opened;
  }

  private async requestLayout(docId: string, machine: number, collapsed: readonly string[]): Promise<LayoutResult> {
    let id = 0;
    const reply = this.request((requestId) => {
      id = requestId;
      this.postedGraphs.set(requestId, undefined);
      return { type: 'layout', requestId, docId, machine, collapsed: [...collapsed] };
    });
    try {
      const answer = await reply;
      if (answer.type !== 'layout') throw new Error('Unexpected reply from the document worker.');
      return unpackLayoutResult(answer.result, this.postedGraphs.get(id));
    } finally {
      this.postedGraphs.delete(id);
    }
  }

  /**
   * Loads a document in the worker; the summary lists its machines and the loader's diagnostics. With
   * `layoutFirst`, that machine's layout is requested at once behind the open, and the first `layout` call with
   * the same machine and groups takes that reply instead of asking again.
   */
  open(
    docId: string,
    file: string,
    text: string,
    name = file.split(/[\\/]/).pop() ?? file,
    layoutFirst?: { machine: number; collapsed: readonly string[] },
  ): Promise<DocumentSummary> {
    const before = this.known.get(docId);
    if (before?.ahead && before.file === file && before.name === name && before.text === text) {
      // Opened ahead of this view (`openAhead`): the same open, once.
      const answer = before.ahead;
      before.ahead = undefined;
      return answer;
    }
    const known: Known = { file, name, text, generation: -1, opened: null };
    if (layoutFirst) known.layoutFirst = { machine: layoutFirst.machine, collapsed: [...layoutFirst.collapsed] };
    this.known.set(docId, known);
    const cold = this.answered !== this.channel.generation || !this.channel.running;
    const inWorker = this.openIn(docId, known);
    if (!cold || text.length > HOST_PREPARE_MAX) return inWorker;
    // The worker is still starting (fetching and compiling elkjs, its first slow layouts): the host, whose engine
    // is warm, is asked too, and the first answer wins. The worker keeps the document for what comes next.
    return new Promise<DocumentSummary>((resolve, reject) => {
      let settled = false;
      inWorker.then(
        (summary) => void (!settled && ((settled = true), resolve(summary))),
        (err: unknown) => void (!settled && ((settled = true), reject(err))),
      );
      // Through a promise, so a host that cannot be asked (no bridge) leaves the answer to the worker.
      Promise.resolve()
        .then(() => this.hostPrepare(file, name, text))
        .then(
          (prepared) => {
            if (settled || this.known.get(docId) !== known) return;
            settled = true;
            if (prepared.layout) known.prepared = prepared.layout;
            resolve(prepared.summary);
          },
          () => undefined, // the worker answers
        );
    });
  }

  /**
   * Opens a new tab's document before its view is rendered, with its first machine's layout (nothing collapsed)
   * right behind: the worker starts on it while the page renders the tab. The view's own `open` of the same text
   * then takes this answer instead of opening again.
   */
  openAhead(docId: string, file: string, text: string, name: string): void {
    const answer = this.open(docId, file, text, name, { machine: 0, collapsed: [] });
    answer.catch(() => undefined);
    const known = this.known.get(docId);
    if (known) known.ahead = answer;
  }

  /**
   * A document the host has already loaded and laid out (the first sample of a start-up; the view shows the
   * host's summary and positions): known here under `docId`, opened in the worker only when something is asked
   * of it (its generation -1 matches no worker, so `openIn` opens it then).
   */
  adopt(docId: string, file: string, text: string, name: string): void {
    this.known.set(docId, { file, name, text, generation: -1, opened: null });
  }

  /** The graph and positions of one machine with the given groups collapsed. */
  async layout(docId: string, machine: number, collapsed: readonly string[]): Promise<LayoutResult> {
    const known = this.known.get(docId);
    if (!known) throw new Error('The document is not open.');
    const prepared = known.prepared;
    if (prepared && prepared.machine === machine && collapsed.length === 0) {
      known.prepared = undefined;
      return prepared;
    }
    await this.openIn(docId, known);
    const first = known.first;
    if (first) {
      known.first = undefined;
      if (first.generation === this.channel.generation && first.key === layoutKey(machine, collapsed))
        return first.result;
    }
    return this.requestLayout(docId, machine, collapsed);
  }

  /** Starts the worker and runs one tiny layout, so the first real document does not pay ELK's cold start. */
  warm(): void {
    this.channel.post({ type: 'warm' });
  }

  /** Forgets a closed document (its cache in the worker goes with it). */
  close(docId: string): void {
    this.known.delete(docId);
    if (this.channel.running) this.channel.post({ type: 'close', docId });
  }
}

let shared: DocumentClient | null = null;

/** The one worker client of the window. */
export function documentClient(): DocumentClient {
  if (!shared) shared = new DocumentClient();
  return shared;
}
