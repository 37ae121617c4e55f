/**
 * A thin wrapper around elkjs so the layout can (a) run ELK synchronously in-process and (b) be handed a
 * counting or fake engine in tests. The bundled elkjs answers every call through two `setTimeout(0)` hops; with one
 * call per scope that idle time would dominate a large machine, so when the bundled in-process worker is present
 * we talk to its dispatcher directly and fall back to the public promise API otherwise.
 *
 * elkjs (1.6 MB of script) is loaded on the first layout that needs it, not with this module: the small layered
 * layout draws every scope of the corpus's real machines, so most sessions never need it, and the page's document
 * worker starts without fetching and compiling it.
 */
import type { ElkNode, LayoutOptions as ElkOptions } from 'elkjs/lib/elk-api';

/** What the layout needs from ELK: lay out one flat graph. May answer synchronously or with a promise. */
export interface LayoutEngine {
  layout(graph: ElkNode, layoutOptions: ElkOptions): ElkNode | Promise<ElkNode>;
}

/** A layout engine that counts its calls, so tests can prove which scopes were (not) laid out again. */
export interface CountingEngine extends LayoutEngine {
  calls: number;
}

interface Dispatcher {
  saveDispatch(message: { data: Record<string, unknown> }): void;
}
interface InProcessWorker {
  dispatcher?: Dispatcher;
  onmessage?: (answer: { data: { id?: unknown; data?: unknown; error?: unknown } }) => void;
}

type ElkInstance = { layout(graph: ElkNode, args?: { layoutOptions?: ElkOptions }): Promise<ElkNode> };

function syncRunner(elk: ElkInstance): ((graph: ElkNode, options: ElkOptions) => ElkNode) | null {
  const worker = (elk as unknown as { worker?: { worker?: InProcessWorker } }).worker?.worker;
  const dispatcher = worker?.dispatcher;
  if (!worker || !dispatcher || typeof dispatcher.saveDispatch !== 'function') return null;
  const call = (data: Record<string, unknown>): unknown => {
    let answer: { data?: unknown; error?: unknown } | undefined;
    const previous = worker.onmessage;
    worker.onmessage = (msg) => {
      answer = msg.data;
    };
    try {
      dispatcher.saveDispatch({ data });
    } finally {
      worker.onmessage = previous;
    }
    if (!answer) throw new Error('ELK did not answer synchronously');
    if (answer.error !== undefined) {
      const e = answer.error as { message?: string; g?: string };
      throw new Error(`ELK layout failed: ${e?.message ?? e?.g ?? String(e)}`);
    }
    return answer.data;
  };
  try {
    call({ cmd: 'register', id: -1, algorithms: ['layered'] });
  } catch {
    return null;
  }
  return (graph, layoutOptions) => call({ cmd: 'layout', id: -2, graph, layoutOptions, options: {} }) as ElkNode;
}

type ElkConstructor = new () => ElkInstance;

let elkModule: Promise<ElkConstructor> | null = null;

/** elkjs, imported once per process on first use. */
function loadElk(): Promise<ElkConstructor> {
  elkModule ??= import('elkjs/lib/elk.bundled.js').then(
    (m: { default?: unknown }) => (m.default ?? m) as unknown as ElkConstructor,
  );
  return elkModule;
}

/**
 * Creates an engine on a fresh ELK instance. Its first call loads elkjs and answers with a promise; later calls
 * are synchronous when the bundled in-process worker allows it.
 */
export function createElkEngine(): CountingEngine {
  let ready: ((graph: ElkNode, layoutOptions: ElkOptions) => ElkNode | Promise<ElkNode>) | null = null;
  let starting: Promise<void> | null = null;
  const start = () =>
    (starting ??= loadElk().then((Elk) => {
      const elk = new Elk();
      const run = syncRunner(elk);
      ready = run ?? ((graph, layoutOptions) => elk.layout(graph, { layoutOptions }));
    }));
  const engine: CountingEngine = {
    calls: 0,
    layout(graph, layoutOptions) {
      engine.calls++;
      if (ready) return ready(graph, layoutOptions);
      return start().then(() => ready!(graph, layoutOptions));
    },
  };
  return engine;
}

let shared: CountingEngine | null = null;

/** The process-wide engine used when the caller does not pass one (ELK instances are costly to create). */
export function defaultElkEngine(): CountingEngine {
  shared ??= createElkEngine();
  return shared;
}
