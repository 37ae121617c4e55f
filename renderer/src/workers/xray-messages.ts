/**
 * Messages between the UI thread and the X-Ray worker. One file for both sides so a change to the protocol is a
 * type error wherever it is not followed. The worker keeps each opened set of files (a dataset); the page gets
 * only what it shows: list rows, the service map, diagnostics, the filter vocabulary, one trace's waterfall in
 * columns, and one span's details when it is selected.
 */
import type { FilterVocabulary } from '../../../shared/xray/filter.ts';
import type { ServiceMap, Trace, XrayDiagnostic } from '../../../shared/xray/types.ts';
import type { TimelineData } from '../xray/timeline-model.ts';
import type { TraceRow } from '../xray/view-model.ts';

/**
 * One X-Ray file as the worker gets it: its text, or (a large file picked or dropped in the window) the file
 * itself, which the worker decodes so its text is never on the UI thread nor copied between threads. `bytes` are
 * the file's bytes the page read to route it: handed over with the first open (transferred, not copied), so the
 * worker does not read the file again; a later open (a restarted worker) reads the file itself.
 */
export type XrayInput = { name: string; text: string } | { name: string; blob: Blob; bytes?: ArrayBuffer };

/** Why a file handed over as a Blob could not be read as text (worded by the page, in the window's language). */
export interface XrayUnreadable {
  name: string;
  reason: 'binary' | 'notUtf8' | 'cannotRead';
  /** Of the first NUL byte ('binary'). */
  offset?: number;
  /** The browser's own message ('cannotRead'). */
  message?: string;
}

/** What the workspace shows right after the files are read. */
export interface XrayOverview {
  /** Traces whose segments are loaded (the list also has summary-only rows). */
  traceCount: number;
  summaryCount: number;
  hasServiceGraph: boolean;
  /** Rows for every trace and summary, unfiltered. */
  rows: TraceRow[];
  /** The service map of every trace (or the files' service graph when no trace is loaded). */
  map: ServiceMap;
  diagnostics: XrayDiagnostic[];
  vocabulary: FilterVocabulary;
  /** Traces that ran a state machine (for "Show on state machine"), whole, within a span budget. */
  stateMachineTraces: { trace: Trace; machine: string }[];
  /** Milliseconds spent reading the files in the worker. */
  loadMs: number;
}

/** The list and the map for one filter expression. */
export interface XrayFiltered {
  rows: TraceRow[];
  map: ServiceMap;
  /** Rows that match: loaded traces and summary-only rows. */
  matched: number;
}

/** Traces through a map node or edge (within the applied filter), as the node's or edge's filter expression. */
export type MapQuery = { kind: 'expression'; text: string };

export type ToWorker =
  | { type: 'open'; requestId: number; datasetId: string; files: XrayInput[] }
  | { type: 'filter'; requestId: number; datasetId: string; filter: string }
  | { type: 'map-traces'; requestId: number; datasetId: string; filter: string; query: MapQuery }
  | { type: 'timeline'; requestId: number; datasetId: string; traceId: string }
  | { type: 'trace-map'; requestId: number; datasetId: string; traceId: string }
  | { type: 'span'; requestId: number; datasetId: string; traceId: string; index: number }
  | { type: 'search'; requestId: number; datasetId: string; traceId: string; query: string }
  | { type: 'close'; datasetId: string };

export type FromWorker =
  | { type: 'opened'; requestId: number; overview: XrayOverview }
  | { type: 'filtered'; requestId: number; result: XrayFiltered }
  | { type: 'rows'; requestId: number; rows: TraceRow[] }
  /** The service map of one trace (the console's trace map). */
  | { type: 'map'; requestId: number; map: ServiceMap }
  | { type: 'timeline'; requestId: number; timeline: TimelineData }
  /**
   * One span as a small trace: `trace.spans[0]` is the span, followed by its segment and the span holding the
   * exception its `cause` points at, with `segment` re-pointed, so the details panel reads it like a whole trace.
   */
  | { type: 'span'; requestId: number; trace: Trace }
  | { type: 'search'; requestId: number; matches: Int32Array }
  /** The dataset is not in the worker (it was restarted); the client opens it again and retries. */
  | { type: 'unknown-dataset'; requestId: number }
  /** A file handed over as a Blob is not text (the open failed). */
  | { type: 'unreadable'; requestId: number; file: XrayUnreadable }
  | { type: 'failed'; requestId: number; message: string };
