/**
 * What the local daemon has received: segment documents grouped by trace, in a ring buffer of whole traces.
 *
 * - A later document with the same id replaces the earlier one (an in-progress segment and its completion), except
 *   that an in-progress copy arriving after the complete one is ignored, as the trace builder does for files.
 * - A trace counts as complete when it has a root segment (no `parent_id`), no document is in progress, and nothing
 *   new arrived for `settleMs`; a document arriving later opens it again.
 * - At most `maxTraces` traces are kept: when one more arrives, the oldest 1 % go (their documents counted as
 *   evicted); at most `maxDocumentsPerTrace` documents per trace; what does not fit is counted, never an error.
 */
import type { RawSegment } from '../../../shared/xray/types.ts';

export const DEFAULT_MAX_TRACES = 10_000;
export const DEFAULT_MAX_DOCUMENTS_PER_TRACE = 5_000;
export const DEFAULT_SETTLE_MS = 1_000;

/** Why documents were not kept; counted per reason and shown to the user. */
export type DropReason = 'malformed' | 'oversized' | 'non-loopback' | 'trace-full' | 'evicted';

export interface LiveDocument {
  id: string;
  traceId: string;
  /** The document's JSON text, exactly as written to `--out` and handed to the loader. */
  text: string;
  inProgress: boolean;
  root: boolean;
}

export interface LiveTrace {
  id: string;
  documents: Map<string, LiveDocument>;
  firstSeenMs: number;
  lastSeenMs: number;
  /** Set once the trace was reported complete; cleared when a new document arrives. */
  completedAtMs?: number;
}

export interface DaemonStats {
  accepted: number;
  dropped: Record<DropReason, number>;
  traces: number;
  maxTraces: number;
}

export interface StoreOptions {
  maxTraces?: number;
  maxDocumentsPerTrace?: number;
  settleMs?: number;
  now?: () => number;
  /** Called for every document kept (the CLI's `--out` writes it). */
  onAdd?: (document: LiveDocument) => void;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export class LiveTraceStore {
  readonly maxTraces: number;
  readonly maxDocumentsPerTrace: number;
  readonly settleMs: number;
  private readonly now: () => number;
  private readonly onAdd?: (document: LiveDocument) => void;
  private readonly traces = new Map<string, LiveTrace>();
  private accepted = 0;
  private readonly dropped: Record<DropReason, number> = {
    malformed: 0,
    oversized: 0,
    'non-loopback': 0,
    'trace-full': 0,
    evicted: 0,
  };

  constructor(options: StoreOptions = {}) {
    this.maxTraces = options.maxTraces ?? DEFAULT_MAX_TRACES;
    this.maxDocumentsPerTrace = options.maxDocumentsPerTrace ?? DEFAULT_MAX_DOCUMENTS_PER_TRACE;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.now = options.now ?? Date.now;
    this.onAdd = options.onAdd;
  }

  /** Counts a document the transport already refused (bad datagram, non-loopback sender). */
  drop(reason: DropReason, count = 1): void {
    this.dropped[reason] += count;
  }

  /**
   * Adds one segment or subsegment document; `text` is its JSON. Returns the trace id, or undefined when the
   * document was dropped (and counted).
   */
  add(doc: RawSegment, text: string): string | undefined {
    const traceId = str(doc.trace_id)?.toLowerCase();
    const id = str(doc.id);
    if (!traceId || !id) {
      this.dropped.malformed++;
      return undefined;
    }
    const now = this.now();
    let trace = this.traces.get(traceId);
    if (!trace) {
      trace = { id: traceId, documents: new Map(), firstSeenMs: now, lastSeenMs: now };
      this.traces.set(traceId, trace);
      if (this.traces.size > this.maxTraces) this.evictOldest();
    }
    const inProgress = doc.in_progress === true;
    const previous = trace.documents.get(id);
    if (previous && !previous.inProgress && inProgress) return traceId;
    if (!previous && trace.documents.size >= this.maxDocumentsPerTrace) {
      this.dropped['trace-full']++;
      return undefined;
    }
    const live: LiveDocument = {
      id,
      traceId,
      text,
      inProgress,
      root: doc.parent_id === undefined || doc.parent_id === null || doc.parent_id === '',
    };
    trace.documents.set(id, live);
    this.onAdd?.(live);
    trace.lastSeenMs = now;
    trace.completedAtMs = undefined;
    this.accepted++;
    return traceId;
  }

  /**
   * Drops the oldest 1 % of the cap (at least one trace) in one pass: a Map iterator walks over the entries
   * deleted before it, so evicting one at a time from the front costs O(n) per document once the buffer is full.
   */
  private evictOldest(): void {
    let n = Math.max(1, Math.ceil(this.maxTraces / 100), this.traces.size - this.maxTraces);
    for (const [id, trace] of this.traces) {
      if (n-- <= 0) break;
      this.dropped.evicted += trace.documents.size;
      this.traces.delete(id);
    }
  }

  /** Traces that became complete since the last call (see the module comment), marked as reported. */
  takeCompleted(): LiveTrace[] {
    const now = this.now();
    const done: LiveTrace[] = [];
    for (const trace of this.traces.values()) {
      if (trace.completedAtMs !== undefined || now - trace.lastSeenMs < this.settleMs) continue;
      let root = false;
      let open = false;
      for (const d of trace.documents.values()) {
        if (d.root) root = true;
        if (d.inProgress) open = true;
      }
      if (root && !open) {
        trace.completedAtMs = now;
        done.push(trace);
      }
    }
    return done;
  }

  /** Ids of the newest `count` traces (by first document received), oldest first. */
  newestIds(count: number): string[] {
    const ids = [...this.traces.keys()];
    return count >= ids.length ? ids : ids.slice(ids.length - count);
  }

  get(traceId: string): LiveTrace | undefined {
    return this.traces.get(traceId);
  }

  /** Every kept document as NDJSON (one segment document per line), the form the loader and `--out` use. */
  toNdjson(traceIds?: Iterable<string>): string {
    const lines: string[] = [];
    const ids = traceIds ? [...traceIds] : [...this.traces.keys()];
    for (const id of ids) for (const d of this.traces.get(id)?.documents.values() ?? []) lines.push(d.text);
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }

  clear(): void {
    this.traces.clear();
  }

  stats(): DaemonStats {
    return {
      accepted: this.accepted,
      dropped: { ...this.dropped },
      traces: this.traces.size,
      maxTraces: this.maxTraces,
    };
  }
}
