/**
 * The UI side of the X-Ray worker: promise-based calls for one opened set of files (a dataset), and recovery
 * when the worker dies or takes too long: it is replaced, every waiting call fails with a message, and a dataset
 * the new worker does not know is read again on its next call. Replies carry the request id, so callers that
 * only want the newest answer drop older ones themselves (see `latest`).
 */
import type { ServiceMap, Trace } from '../../../shared/xray/types.ts';
import type { TimelineData } from '../xray/timeline-model.ts';
import type { TraceRow } from '../xray/view-model.ts';
import type { FromWorker, MapQuery, ToWorker, XrayFiltered, XrayOverview } from './xray-messages.ts';
import { WorkerChannel } from './worker-channel.ts';

/** Work that takes longer than this is abandoned and the worker restarted. */
export const XRAY_WORKER_TIMEOUT_MS = 60_000;

type Request = ToWorker extends infer T ? (T extends { requestId: number } ? Omit<T, 'requestId'> : never) : never;

interface Known {
  files: { name: string; text: string }[];
  generation: number;
  opened: Promise<XrayOverview> | null;
}

export class XrayClient {
  private readonly channel: WorkerChannel<ToWorker, FromWorker>;
  private known = new Map<string, Known>();

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

  private request(body: Request): Promise<FromWorker> {
    return this.channel.request((requestId) => ({ ...body, requestId }) as ToWorker);
  }

  private openIn(datasetId: string, known: Known): Promise<XrayOverview> {
    this.channel.ensure();
    if (known.opened && known.generation === this.channel.generation) return known.opened;
    known.generation = this.channel.generation;
    const opened = this.request({ type: 'open', datasetId, files: known.files }).then((m) => {
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
   * Starts the worker ahead of the first request: fetching and compiling its script (about 100 ms on a loaded
   * machine) then overlaps with rendering the X-Ray tab instead of delaying the files' reading.
   */
  warm(): void {
    if (typeof Worker !== 'undefined') this.channel.ensure();
  }

  /** Reads a set of files into the worker under `datasetId` (replacing what was there). */
  open(datasetId: string, files: { name: string; text: string }[]): Promise<XrayOverview> {
    const known: Known = { files, generation: -1, opened: null };
    this.known.set(datasetId, known);
    return this.openIn(datasetId, known);
  }

  /** A call about an opened dataset; reads the files again if the worker was replaced since. */
  private async call(datasetId: string, body: Request): Promise<FromWorker> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const known = this.known.get(datasetId);
      if (!known) throw new Error('These X-Ray files are closed.');
      await this.openIn(datasetId, known);
      const reply = await this.request(body);
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
    this.known.delete(datasetId);
    if (this.channel.running) this.channel.post({ type: 'close', datasetId });
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
