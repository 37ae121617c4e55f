/**
 * The UI side of the X-Ray worker: promise-based calls for one opened set of files (a dataset), and recovery
 * when the worker dies or takes too long: it is replaced, every waiting call fails with a message, and a dataset
 * the new worker does not know is read again on its next call. Replies carry the request id, so callers that
 * only want the newest answer drop older ones themselves (see `latest`).
 */
import type { ServiceMap, Trace } from '../../../shared/xray/types.ts';
import type { TimelineData } from '../xray/timeline-model.ts';
import type { TraceRow } from '../xray/view-model.ts';
import { translate, type Lang } from '../i18n/index.ts';
import { unreadableMessage } from '../app/read-local-file.ts';
import type {
  FromWorker,
  MapQuery,
  ToWorker,
  XrayFiltered,
  XrayInput,
  XrayOverview,
  XrayUnreadable,
} from './xray-messages.ts';
import { WorkerChannel } from './worker-channel.ts';

/** Work that takes longer than this is abandoned and the worker restarted. */
export const XRAY_WORKER_TIMEOUT_MS = 60_000;

type Request = ToWorker extends infer T ? (T extends { requestId: number } ? Omit<T, 'requestId'> : never) : never;

/** A file list started ahead of its view (see `prefetch`) is dropped if no view takes it within this time. */
const PREFETCH_UNCLAIMED_MS = 30_000;

interface Known {
  files: XrayInput[];
  /** The dataset's name in the worker (a prefetched one keeps the name it was opened under). */
  workerId: string;
  lang: Lang;
  generation: number;
  opened: Promise<XrayOverview> | null;
}

/** A file handed over as a Blob that the worker could not read as text, in the window's language. */
export function unreadableText(file: XrayUnreadable, lang: Lang): string {
  if (file.reason === 'cannotRead')
    return translate(lang, 'app.local.cannotRead', { name: file.name, message: file.message ?? '' });
  if (file.reason === 'binary')
    return unreadableMessage({ ok: false, reason: 'binary', offset: file.offset ?? 0 }, file.name, lang);
  return unreadableMessage({ ok: false, reason: 'notUtf8' }, file.name, lang);
}

/**
 * The files of an open as posted: bytes the page already read go along, transferred (the first open only: a
 * transferred buffer is empty after, and the worker then reads the file itself).
 */
export function handedOver(files: XrayInput[]): { files: XrayInput[]; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const out = files.map((f) => {
    if (!('blob' in f) || f.bytes === undefined) return f;
    const { bytes, ...rest } = f;
    if (bytes.byteLength !== f.blob.size || transfer.includes(bytes)) return rest;
    transfer.push(bytes);
    return f;
  });
  return { files: out, transfer };
}

export class XrayClient {
  private readonly channel: WorkerChannel<ToWorker, FromWorker>;
  private known = new Map<string, Known>();
  /** File lists opened ahead of their view, by the list (the same array the view is given). */
  private prefetched = new WeakMap<object, Known>();
  private nextPrefetch = 1;

  constructor(
    createWorker: () => Worker = () =>
      new Worker(new URL('./xray.worker.ts', import.meta.url), { type: 'module', name: 'xray' }),
  ) {
    this.channel = new WorkerChannel<ToWorker, FromWorker>({
      create: createWorker,
      label: 'X-Ray',
      timeoutMs: XRAY_WORKER_TIMEOUT_MS,
      timeoutMessage: `Gave up after ${XRAY_WORKER_TIMEOUT_MS / 1000} s: these X-Ray files are too large to read here.`,
    });
  }

  private request(body: Request, transfer: Transferable[] = []): Promise<FromWorker> {
    return this.channel.request((requestId) => ({ ...body, requestId }) as ToWorker, transfer);
  }

  private openIn(known: Known): Promise<XrayOverview> {
    this.channel.ensure();
    if (known.opened && known.generation === this.channel.generation) return known.opened;
    known.generation = this.channel.generation;
    const { files, transfer } = handedOver(known.files);
    const opened = this.request({ type: 'open', datasetId: known.workerId, files }, transfer).then((m) => {
      if (m.type === 'unreadable') throw new Error(unreadableText(m.file, known.lang));
      if (m.type !== 'opened') throw new Error('Unexpected reply from the X-Ray worker.');
      return m.overview;
    });
    known.opened = opened;
    opened.catch(() => {
      if (known.opened === opened) known.opened = null;
    });
    return opened;
  }

  /**
   * Starts the worker ahead of the first request (the page does it when idle after start-up, see lazy-views.tsx):
   * fetching and compiling its script (40–130 ms on a loaded machine) is then not on the way of the first file.
   */
  warm(): void {
    if (typeof Worker !== 'undefined') this.channel.ensure();
  }

  /**
   * Starts reading a file list before the view that shows it is on screen (the tab is rendered meanwhile): the
   * view's `open` with the same array takes over this read instead of starting another.
   */
  prefetch(files: XrayInput[], lang: Lang): void {
    if (typeof Worker === 'undefined' || files.length === 0) return;
    const known: Known = { files, workerId: `prefetch-${this.nextPrefetch++}`, lang, generation: -1, opened: null };
    this.prefetched.set(files, known);
    this.openIn(known).catch(() => undefined);
    setTimeout(() => {
      if (this.prefetched.get(files) !== known) return;
      this.prefetched.delete(files);
      if (this.channel.running) this.channel.post({ type: 'close', datasetId: known.workerId });
    }, PREFETCH_UNCLAIMED_MS);
  }

  /** Reads a set of files into the worker under `datasetId` (replacing what was there). */
  open(datasetId: string, files: XrayInput[], lang: Lang = 'en'): Promise<XrayOverview> {
    const before = this.known.get(datasetId);
    const ahead = this.prefetched.get(files);
    this.prefetched.delete(files);
    const known: Known = ahead ?? { files, workerId: datasetId, lang, generation: -1, opened: null };
    // A dataset that was read under another name before (a prefetch) is dropped from the worker.
    if (before && before.workerId !== known.workerId && this.channel.running)
      this.channel.post({ type: 'close', datasetId: before.workerId });
    this.known.set(datasetId, known);
    return this.openIn(known);
  }

  /** A call about an opened dataset; reads the files again if the worker was replaced since. */
  private async call(datasetId: string, body: Request): Promise<FromWorker> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const known = this.known.get(datasetId);
      if (!known) throw new Error('These X-Ray files are closed.');
      await this.openIn(known);
      const reply = await this.request({ ...body, datasetId: known.workerId } as Request);
      if (reply.type !== 'unknown-dataset') return reply;
      known.opened = null;
    }
    throw new Error('The X-Ray worker lost these files twice; reopen them.');
  }

  /** Rows and service map for a filter expression ('' = everything). */
  async filter(datasetId: string, filter: string): Promise<XrayFiltered> {
    const m = await this.call(datasetId, { type: 'filter', datasetId, filter });
    if (m.type !== 'filtered') throw new Error('Unexpected reply from the X-Ray worker.');
    return m.result;
  }

  /** Rows of the traces (within `filter`) through a map node or edge. */
  async mapTraces(datasetId: string, filter: string, query: MapQuery): Promise<TraceRow[]> {
    const m = await this.call(datasetId, { type: 'map-traces', datasetId, filter, query });
    if (m.type !== 'rows') throw new Error('Unexpected reply from the X-Ray worker.');
    return m.rows;
  }

  /** One trace's waterfall in columns. */
  async timeline(datasetId: string, traceId: string): Promise<TimelineData> {
    const m = await this.call(datasetId, { type: 'timeline', datasetId, traceId });
    if (m.type !== 'timeline') throw new Error('Unexpected reply from the X-Ray worker.');
    return m.timeline;
  }

  /** The service map of one trace. */
  async traceMap(datasetId: string, traceId: string): Promise<ServiceMap> {
    const m = await this.call(datasetId, { type: 'trace-map', datasetId, traceId });
    if (m.type !== 'map') throw new Error('Unexpected reply from the X-Ray worker.');
    return m.map;
  }

  /** One span with what its details panel needs, as a small trace (the span is `spans[0]`). */
  async span(datasetId: string, traceId: string, index: number): Promise<Trace> {
    const m = await this.call(datasetId, { type: 'span', datasetId, traceId, index });
    if (m.type !== 'span') throw new Error('Unexpected reply from the X-Ray worker.');
    return m.trace;
  }

  /** Span indexes of a trace matching an in-trace search. */
  async search(datasetId: string, traceId: string, query: string): Promise<Int32Array> {
    const m = await this.call(datasetId, { type: 'search', datasetId, traceId, query });
    if (m.type !== 'search') throw new Error('Unexpected reply from the X-Ray worker.');
    return m.matches;
  }

  /** Forgets a dataset (its traces in the worker go with it). */
  close(datasetId: string): void {
    const known = this.known.get(datasetId);
    this.known.delete(datasetId);
    if (this.channel.running) this.channel.post({ type: 'close', datasetId: known?.workerId ?? datasetId });
  }
}

let shared: XrayClient | null = null;

/** The one X-Ray worker client of the window. */
export function xrayClient(): XrayClient {
  if (!shared) shared = new XrayClient();
  return shared;
}

/**
 * Keeps only the newest answer of a kind: `run(promise)` resolves `apply` only if no later `run` started
 * (a filter typed quickly, a trace clicked while another loads).
 */
export function latest(): <T>(promise: Promise<T>, apply: (value: T) => void, fail: (err: Error) => void) => void {
  let seq = 0;
  return (promise, apply, fail) => {
    const mine = ++seq;
    promise.then(
      (value) => {
        if (mine === seq) apply(value);
      },
      (err: unknown) => {
        if (mine === seq) fail(err instanceof Error ? err : new Error(String(err)));
      },
    );
  };
}
