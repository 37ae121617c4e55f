/// <reference lib="webworker" />
/**
 * Reads X-Ray files off the UI thread and keeps what they hold: each opened set of files stays here as a
 * dataset (traces with their span trees, the service map, the last filter's result), and the page asks for what
 * it shows. Filtering, the per-filter service map, in-trace search and the critical path run here too.
 * Nothing thrown in here escapes: every failure becomes a `failed` reply with a message.
 */
import { matchesFilter, matchesSummary, parseFilter, type FilterExpr } from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import { stateMachineNameOf } from '../../../shared/xray/step-functions.ts';
import { rawSegmentJson, spanOf, spanTable } from '../../../shared/xray/trace.ts';
import type { ServiceMap, Span, Trace, TraceSummaryRow, XrayDataset } from '../../../shared/xray/types.ts';
import { timelineData, timelineTransfer } from '../xray/timeline-model.ts';
import { searchSpans, traceRows } from '../xray/view-model.ts';
import { textOfBytes } from './local-bytes.ts';
import type {
  FromWorker,
  MapQuery,
  ToWorker,
  XrayFiltered,
  XrayInput,
  XrayOverview,
  XrayUnreadable,
} from './xray-messages.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Whole traces sent for "Show on state machine": at most this many spans in all. */
const STATE_MACHINE_SPAN_BUDGET = 20_000;
const STATE_MACHINE_TRACE_LIMIT = 20;

interface Dataset {
  data: XrayDataset;
  byId: Map<string, Trace>;
  fullMap: ServiceMap;
  /** The last filter's traces, so the map panel's queries do not filter everything again. */
  last: { filter: string; traces: Trace[]; summaries: TraceSummaryRow[] } | null;
}

const datasets = new Map<string, Dataset>();
/** The newest open of each dataset still reading its files: a close, or a newer open, makes an older one moot. */
const opening = new Map<string, number>();
const EMPTY_MAP: ServiceMap = { nodes: [], edges: [] };

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** Thrown when a file handed over as a Blob is not text; answered with an `unreadable` reply. */
class Unreadable extends Error {
  constructor(readonly file: XrayUnreadable) {
    super(`${file.name} cannot be read as text (${file.reason}).`);
  }
}

/** The files' texts: a Blob is read and decoded here (the same checks as the page's own reading of a file). */
async function textsOf(files: XrayInput[]): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  for (const f of files) {
    if ('text' in f) {
      out.push(f);
      continue;
    }
    let bytes: Uint8Array;
    try {
      // The bytes the page read to route the file, when they came along (see `XrayInput`).
      bytes = new Uint8Array(f.bytes?.byteLength === f.blob.size ? f.bytes : await f.blob.arrayBuffer());
    } catch (err) {
      throw new Unreadable({ name: f.name, reason: 'cannotRead', message: messageOf(err) });
    }
    const r = textOfBytes(bytes);
    if (!r.ok) throw new Unreadable({ name: f.name, ...r });
    out.push({ name: f.name, text: r.text });
  }
  return out;
}

function open(files: { name: string; text: string }[]): { dataset: Dataset; overview: XrayOverview } {
  const t0 = performance.now();
  const data = loadXray(files);
  const fullMap = data.traces.length > 0 ? computeServiceMap(data.traces) : (data.serviceGraph ?? EMPTY_MAP);
  const rows = traceRows(data.traces, data.summaries);
  // The annotation keys of every span are those of the rows (each row's values are its trace's spans' annotations),
  // so the traces' spans are not read a second time for them; summaries of loaded traces add theirs.
  const keys = new Set<string>();
  for (const r of rows) for (const k in r.annotationValues) keys.add(k);
  for (const s of data.summaries) for (const k of Object.keys(s.annotations)) keys.add(k);
  const services = [...fullMap.nodes, ...(data.serviceGraph?.nodes ?? [])].map((n) => ({ name: n.name, type: n.type }));
  const stateMachineTraces: XrayOverview['stateMachineTraces'] = [];
  let budget = STATE_MACHINE_SPAN_BUDGET;
  for (const trace of data.traces) {
    if (stateMachineTraces.length >= STATE_MACHINE_TRACE_LIMIT) break;
    // Read from the columns: the records of the other traces are made only when they are opened.
    const machine = stateMachineNameOf(trace);
    const spans = spanTable(trace).n;
    if (machine === undefined || spans > budget) continue;
    budget -= spans;
    stateMachineTraces.push({ trace, machine });
  }
  const dataset: Dataset = { data, byId: new Map(data.traces.map((t) => [t.id, t])), fullMap, last: null };
  return {
    dataset,
    overview: {
      traceCount: data.traces.length,
      summaryCount: data.summaries.length,
      hasServiceGraph: !!data.serviceGraph,
      rows,
      map: fullMap,
      diagnostics: data.diagnostics,
      vocabulary: { services, annotationKeys: [...keys].sort() },
      stateMachineTraces,
      loadMs: performance.now() - t0,
    },
  };
}

function parsed(filter: string): FilterExpr | undefined {
  const p = parseFilter(filter);
  if (!p.ok) throw new Error(`Column ${p.error.offset + 1}: ${p.error.message}`);
  return p.expr;
}

function filtered(ds: Dataset, filter: string): { traces: Trace[]; summaries: TraceSummaryRow[] } {
  if (ds.last?.filter === filter) return ds.last;
  const expr = parsed(filter);
  // Summary rows are filtered too, read as X-Ray's GetTraceSummaries fields (see `summaryTrace`).
  const traces = expr ? ds.data.traces.filter((t) => matchesFilter(expr, t)) : ds.data.traces;
  const summaries = expr ? ds.data.summaries.filter((s) => matchesSummary(expr, s)) : ds.data.summaries;
  ds.last = { filter, traces, summaries };
  return ds.last;
}

function filter(ds: Dataset, text: string): XrayFiltered {
  const { traces, summaries } = filtered(ds, text);
  const all = traces === ds.data.traces;
  const rows = traceRows(traces, summaries);
  return {
    rows,
    map: ds.data.traces.length === 0 ? ds.fullMap : all ? ds.fullMap : computeServiceMap(traces),
    matched: rows.length,
  };
}

function mapTraces(ds: Dataset, text: string, query: MapQuery): Trace[] {
  const { traces } = filtered(ds, text);
  const expr = parsed(query.text);
  return traces.filter((t) => matchesFilter(expr, t));
}

function traceOf(ds: Dataset, id: string): Trace {
  const trace = ds.byId.get(id);
  if (!trace) throw new Error(`Trace ${id} is not in these files.`);
  return trace;
}

/**
 * One span as a small trace the details panel reads like the whole one (see `FromWorker` 'span'): the span,
 * its segment, the span holding the exception its cause points at; only the span (or, for an inferred span, the
 * subsegment it was inferred from) carries its raw JSON, as the text of its own document.
 */
function spanTrace(trace: Trace, index: number): Trace {
  // Records of these few spans only (spanOf), not of the whole trace.
  const target = spanOf(trace, index);
  if (!target) throw new Error(`The trace has no span ${index}.`);
  const spans: Span[] = [];
  const add = (s: Span, fields: Partial<Span>): number => {
    const { rawJson: _dropped, ...rest } = s;
    spans.push({ ...rest, parent: -1, children: [], segment: 0, ...fields });
    return spans.length - 1;
  };
  const ownerIndex = target.segment;
  const owner = ownerIndex !== index ? spanOf(trace, ownerIndex) : undefined;
  add(target, {});
  if (owner) spans[0].segment = add(owner, { segment: 1 });
  const source = target.synthetic && target.parent >= 0 ? target.parent : index;
  const rawJson = rawSegmentJson(trace, source);
  const sourceSpan = source !== index ? spanOf(trace, source) : undefined;
  if (source === index) {
    if (rawJson !== undefined) spans[0].rawJson = rawJson;
  } else if (sourceSpan) {
    spans[0].parent = add(sourceSpan, rawJson !== undefined ? { rawJson } : {});
  }
  if (target.causeRef) {
    const t = spanTable(trace);
    let holder = -1;
    for (let k = 0; k < t.n && holder < 0; k++)
      if (t.rare[k]?.exceptions?.some((e) => e.id === target.causeRef)) holder = k;
    if (holder >= 0 && holder !== index && holder !== ownerIndex) add(spanOf(trace, holder)!, {});
  }
  // The trace's fields in their order, `spans` replaced without reading the trace's own (a spread would make them).
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(trace)) copy[key] = key === 'spans' ? spans : trace[key as keyof Trace];
  return { ...(copy as unknown as Trace), roots: [0], root: 0 };
}

function handle(message: Exclude<ToWorker, { type: 'open' | 'close' }>, ds: Dataset): void {
  const { requestId } = message;
  switch (message.type) {
    case 'filter':
      post({ type: 'filtered', requestId, result: filter(ds, message.filter) });
      return;
    case 'map-traces':
      post({ type: 'rows', requestId, rows: traceRows(mapTraces(ds, message.filter, message.query)) });
      return;
    case 'trace-map':
      post({ type: 'map', requestId, map: computeServiceMap([traceOf(ds, message.traceId)]) });
      return;
    case 'timeline': {
      const timeline = timelineData(traceOf(ds, message.traceId));
      post({ type: 'timeline', requestId, timeline }, timelineTransfer(timeline));
      return;
    }
    case 'span':
      post({ type: 'span', requestId, trace: spanTrace(traceOf(ds, message.traceId), message.index) });
      return;
    case 'search': {
      const matches = Int32Array.from(searchSpans(traceOf(ds, message.traceId), message.query));
      post({ type: 'search', requestId, matches }, [matches.buffer]);
      return;
    }
  }
}

async function openDataset(message: Extract<ToWorker, { type: 'open' }>): Promise<void> {
  const { datasetId, requestId } = message;
  datasets.delete(datasetId);
  const token = requestId;
  opening.set(datasetId, token);
  try {
    const files = await textsOf(message.files);
    // Closed, or opened again, while the files were read: this open's result is not wanted.
    if (opening.get(datasetId) !== token) {
      post({ type: 'failed', requestId, message: 'These X-Ray files were closed while they were read.' });
      return;
    }
    const { dataset, overview } = open(files);
    datasets.set(datasetId, dataset);
    post({ type: 'opened', requestId, overview });
  } catch (err) {
    if (err instanceof Unreadable) post({ type: 'unreadable', requestId, file: err.file });
    else post({ type: 'failed', requestId, message: messageOf(err) });
  } finally {
    if (opening.get(datasetId) === token) opening.delete(datasetId);
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'close') {
    datasets.delete(message.datasetId);
    opening.delete(message.datasetId);
    return;
  }
  if (message.type === 'open') {
    void openDataset(message);
    return;
  }
  try {
    const ds = datasets.get(message.datasetId);
    if (!ds) {
      post({ type: 'unknown-dataset', requestId: message.requestId });
      return;
    }
    handle(message, ds);
  } catch (err) {
    post({ type: 'failed', requestId: message.requestId, message: messageOf(err) });
  }
});
