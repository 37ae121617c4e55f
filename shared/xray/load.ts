/**
 * Reads X-Ray files in every shape people save them in and merges them into one dataset:
 *
 * - BatchGetTraces output `{ Traces: [{ Id, Duration, LimitExceeded, Segments: [{ Id, Document }] }] }`, where
 *   `Document` is a JSON string (parsed a second time, once) or, in some tools' dumps, an object;
 * - ListRetrievedTraces output in XRAY format (`Traces[].Spans[].Document`);
 * - one trace object `{ Id, Segments: [...] }` (or an array of them);
 * - raw segment documents: one object, a JSON array, or one JSON document per line (the X-Ray daemon's
 *   `{"format":"json","version":1}` header line is skipped);
 * - GetTraceSummaries output `{ TraceSummaries: [...] }`;
 * - GetServiceGraph / GetTraceGraph output `{ Services: [...] }`, a bare `Services` array, or `{ data: [...] }`.
 *
 * Documents are grouped by trace id across all files; `buildTrace` then makes the span tree.
 * Nothing here throws on bad input: problems become diagnostics with the file name and, for JSON syntax errors,
 * the line and column. Modules: load-text.ts (JSON and JSON Lines), summaries.ts (GetTraceSummaries rows).
 */
import { offsetToLineColumn } from '../diagnostics.ts';
import { normalizeTraceId } from './ids.ts';
import { diag, parseJsonOrLines } from './load-text.ts';
import { detectOtlpText, isOtlpSpanRecord, isOtlpTraceRequest, otlpToSegments } from './otlp.ts';
import { serviceGraphToMap, mergeServiceMaps } from './service-map.ts';
import { summaryRow } from './summaries.ts';
import { buildTraceFrom } from './tree.ts';
import { newSharedValues } from './trace.ts';
import type { RawSegment, ServiceMap, TraceSummaryRow, XrayDataset, XrayDiagnostic } from './types.ts';
import { isObject } from './values.ts';

/** A file handed to the loader: the host or the CLI reads it, this module only sees text. */
export interface XrayInput {
  name: string;
  text: string;
}

/** One segment document waiting for its trace to be built. */
export interface PendingDocument {
  /** The parsed document; `loadXray` leaves BatchGetTraces' `Document` strings unparsed until their trace is built. */
  doc: RawSegment;
  /** True while `doc` is a placeholder and `text` still has to be parsed (see `loadXray`). */
  deferred?: boolean;
  /** The document's JSON text when the file held it as a string (kept for the Raw JSON view). */
  text?: string;
  file: string;
  limitExceeded?: boolean;
}

/** What one file contributed, before merging. */
export interface ParsedXrayFile {
  kind: 'traces' | 'segments' | 'summaries' | 'service-graph' | 'empty' | 'unknown';
  /** Documents grouped by (normalised) trace id. */
  documents: Map<string, PendingDocument[]>;
  summaries: TraceSummaryRow[];
  serviceGraph?: ServiceMap;
  diagnostics: XrayDiagnostic[];
  /** True when the file could not be read as X-Ray data at all (the CLI exits 2). */
  unreadable: boolean;
}

const NO_DOCUMENTS: PendingDocument[] = [];

/** Prefix of the placeholder trace id (followed by the file name) for documents that carry none. */
export const NO_TRACE_ID = '(no trace id)';

type Json = unknown;

function looksLikeSegment(v: Json): v is RawSegment {
  return isObject(v) && ('start_time' in v || 'trace_id' in v) && 'id' in v;
}

function looksLikeTrace(v: Json): v is Record<string, unknown> {
  return isObject(v) && (Array.isArray(v.Segments) || Array.isArray(v.Spans));
}

function looksLikeService(v: Json): boolean {
  return (
    isObject(v) &&
    typeof v.Name === 'string' &&
    ('ReferenceId' in v || 'Edges' in v || 'EntityPath' in v || 'Type' in v)
  );
}

function isDaemonHeader(v: Json): boolean {
  return isObject(v) && 'format' in v && 'version' in v && Object.keys(v).length <= 3 && !('id' in v);
}

/** Cheap routing check on text: true when the file looks like X-Ray data rather than ASL or a template. */
export function detectXray(text: string): boolean {
  const head = text.slice(0, 65536);
  if (/"(StartAt|States|AWSTemplateFormatVersion|Resources)"\s*:/.test(head)) return false;
  if (/"(TraceSummaries|Traces)"\s*:/.test(head)) return true;
  if (/"Segments"\s*:/.test(head) && /"Document"\s*:/.test(head)) return true;
  if (/"trace_id"\s*:/.test(head) && /"id"\s*:/.test(head)) return true;
  if (/"start_time"\s*:/.test(head) && /"id"\s*:/.test(head)) return true;
  if (/"ReferenceId"\s*:/.test(head) && /"Name"\s*:/.test(head)) return true;
  return detectOtlpText(head);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** What reading one file needs at hand: its name, and what it has contributed so far. */
interface FileReader {
  file: string;
  out: ParsedXrayFile;
  /** Leave `Document` strings of traces with an `Id` unparsed, filed under that id (see `loadXray`). */
  defer: boolean;
}

/** The key a document is filed under: its own trace id, else its envelope's, else the file's placeholder. */
function traceKeyOf(value: Record<string, unknown>, envelopeTraceId: string | undefined, file: string): string {
  const rawTrace = str(value.trace_id) ?? envelopeTraceId;
  return rawTrace ? normalizeTraceId(rawTrace) : `${NO_TRACE_ID} ${file}`;
}

/** Placeholder `doc` of a deferred document. */
const DEFERRED: RawSegment = Object.freeze({});

/** One segment document (an object, or JSON text as BatchGetTraces' `Document` holds it), under its trace. */
function addDoc(
  r: FileReader,
  doc: unknown,
  envelopeTraceId: string | undefined,
  where: string,
  limitExceeded?: boolean,
  docText?: string,
): void {
  const { file, out } = r;
  let value = doc;
  const text = typeof doc === 'string' ? doc : docText;
  if (r.defer && typeof doc === 'string' && envelopeTraceId) {
    // Filed under the envelope's id and parsed when its trace is built; `loadXray` checks the id then.
    const key = normalizeTraceId(envelopeTraceId);
    let list = out.documents.get(key);
    if (!list) out.documents.set(key, (list = []));
    list.push({ doc: DEFERRED, deferred: true, text, file, limitExceeded });
    return;
  }
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      out.diagnostics.push(
        diag(
          file,
          'error',
          `${where}: the Document is not valid JSON (${(error as Error).message}).`,
          'xray-document-json',
        ),
      );
      return;
    }
  }
  if (!isObject(value)) {
    out.diagnostics.push(diag(file, 'error', `${where}: expected a segment document object.`, 'xray-document-shape'));
    return;
  }
  const traceId = traceKeyOf(value, envelopeTraceId, file);
  let list = out.documents.get(traceId);
  if (!list) out.documents.set(traceId, (list = []));
  list.push({ doc: value as RawSegment, text, file, limitExceeded });
}

/** One trace object (`{ Id, Segments | Spans, LimitExceeded }`): its documents, or the empty trace itself. */
function addTrace(r: FileReader, t: Record<string, unknown>, where: string): void {
  const id = str(t.Id);
  const segments = (Array.isArray(t.Segments) ? t.Segments : Array.isArray(t.Spans) ? t.Spans : []) as unknown[];
  if (segments.length === 0 && id) {
    // Keep an empty trace visible (LimitExceeded or an empty export) rather than silently dropping it.
    const key = normalizeTraceId(id);
    if (!r.out.documents.has(key)) r.out.documents.set(key, []);
  }
  segments.forEach((s, i) => {
    const doc = isObject(s) && 'Document' in s ? s.Document : s;
    addDoc(r, doc, id, `${where}.Segments[${i}]`, t.LimitExceeded === true);
  });
  if (t.LimitExceeded === true) {
    r.out.diagnostics.push(
      diag(
        r.file,
        'warning',
        `Trace ${id ?? '?'}: X-Ray reports LimitExceeded, so part of this trace is missing.`,
        'xray-limit-exceeded',
      ),
    );
  }
}

/** A GetServiceGraph / GetTraceGraph `Services` list, merged into the file's service graph. */
function addServices(r: FileReader, services: unknown[]): void {
  const { map, diagnostics: d } = serviceGraphToMap(services);
  for (const x of d) r.out.diagnostics.push({ ...x, file: r.file });
  r.out.serviceGraph = r.out.serviceGraph ? mergeServiceMaps([r.out.serviceGraph, map]) : map;
}

/** BatchGetTraces output (`Traces`, `UnprocessedTraceIds`). */
function readBatch(r: FileReader, value: Record<string, unknown>): void {
  const { file, out } = r;
  out.kind = 'traces';
  (value.Traces as unknown[]).forEach((t, i) => {
    if (isObject(t)) addTrace(r, t, `Traces[${i}]`);
    else out.diagnostics.push(diag(file, 'error', `Traces[${i}] is not an object.`, 'xray-shape'));
  });
  if (Array.isArray(value.UnprocessedTraceIds) && value.UnprocessedTraceIds.length > 0) {
    out.diagnostics.push(
      diag(
        file,
        'warning',
        `X-Ray did not return ${value.UnprocessedTraceIds.length} trace(s) (UnprocessedTraceIds).`,
        'xray-unprocessed',
      ),
    );
  }
}

/** GetTraceSummaries output. */
function readSummaries(r: FileReader, list: unknown[]): void {
  r.out.kind = 'summaries';
  for (const s of list) {
    const row = isObject(s) ? summaryRow(s) : undefined;
    if (row) r.out.summaries.push(row);
    else r.out.diagnostics.push(diag(r.file, 'warning', 'A trace summary without an Id was skipped.', 'xray-shape'));
  }
}

/** A JSON array of traces, of `{ Document }` wrappers or of segment documents. */
function readArray(r: FileReader, value: unknown[]): void {
  const { file, out } = r;
  out.kind = looksLikeTrace(value[0]) ? 'traces' : 'segments';
  let read = 0;
  value.forEach((v, i) => {
    if (looksLikeTrace(v)) addTrace(r, v, `[${i}]`);
    else if (isObject(v) && 'Document' in v) addDoc(r, v.Document, str(v.trace_id), `[${i}]`);
    else if (looksLikeSegment(v)) addDoc(r, v, undefined, `[${i}]`);
    else {
      out.diagnostics.push(diag(file, 'error', `Item ${i} is not a segment document or a trace.`, 'xray-shape'));
      return;
    }
    read++;
  });
  // An array with nothing X-Ray in it (`[1,2,3]`) is not X-Ray data at all.
  if (read === 0) {
    out.kind = 'unknown';
    out.unreadable = true;
    out.diagnostics.push(
      diag(file, 'error', 'Not X-Ray data: the array holds no segment documents or traces.', 'xray-unknown'),
    );
  }
}

/** One JSON value of the file (the whole file, or one line of a JSON Lines file), by its shape. */
function readValue(r: FileReader, value: unknown, valueText: string): void {
  const { file, out } = r;
  if (
    isOtlpTraceRequest(value) ||
    isOtlpSpanRecord(value) ||
    (Array.isArray(value) && value.length > 0 && isOtlpSpanRecord(value[0]))
  ) {
    // OpenTelemetry spans (OTLP JSON, CloudWatch aws/spans records) read as X-Ray documents (otlp.ts).
    out.kind = 'segments';
    const converted = otlpToSegments(value);
    converted.documents.forEach((d, i) => addDoc(r, d, undefined, `span ${i + 1}`));
    for (const p of converted.problems) out.diagnostics.push(diag(file, 'warning', p, 'xray-otlp'));
  } else if (isObject(value) && value.TraceFormat === 'OTEL') {
    out.unreadable = true;
    out.diagnostics.push(
      diag(
        file,
        'error',
        'ListRetrievedTraces output in OTEL format is not supported: retrieve the traces with TraceFormat XRAY.',
        'xray-otel',
      ),
    );
  } else if (isObject(value) && Array.isArray(value.Traces)) {
    readBatch(r, value);
  } else if (isObject(value) && Array.isArray(value.TraceSummaries)) {
    readSummaries(r, value.TraceSummaries);
  } else if (isObject(value) && (Array.isArray(value.Services) || Array.isArray(value.data))) {
    out.kind = 'service-graph';
    addServices(r, (value.Services ?? value.data) as unknown[]);
  } else if (looksLikeTrace(value)) {
    out.kind = 'traces';
    addTrace(r, value, 'trace');
  } else if (looksLikeSegment(value)) {
    out.kind = 'segments';
    // A document that is a whole file or line keeps that text for the Raw JSON view.
    addDoc(r, value, undefined, 'document', undefined, valueText);
  } else if (Array.isArray(value) && value.length > 0 && value.every(looksLikeService)) {
    out.kind = 'service-graph';
    addServices(r, value);
  } else if (Array.isArray(value) && value.length > 0) {
    readArray(r, value);
  } else {
    out.unreadable = true;
    out.diagnostics.push(
      diag(
        file,
        'error',
        'Not X-Ray data: expected BatchGetTraces output, segment documents, GetTraceSummaries or GetServiceGraph output.',
        'xray-unknown',
      ),
    );
  }
}

/** Reads one file. Exported for the CLI and tests; apps normally call `loadXray` with every file at once. */
export function parseXrayFile(input: XrayInput): ParsedXrayFile {
  return readXrayFile(input, false);
}

function readXrayFile(input: XrayInput, defer: boolean): ParsedXrayFile {
  const { name: file, text } = input;
  const out: ParsedXrayFile = {
    kind: 'unknown',
    documents: new Map(),
    summaries: [],
    diagnostics: [],
    unreadable: false,
  };
  if (text.trim() === '') {
    out.kind = 'empty';
    out.unreadable = true;
    out.diagnostics.push(diag(file, 'error', 'The file is empty.', 'xray-empty'));
    return out;
  }
  const parsed = parseJsonOrLines(file, text, out.diagnostics);
  if (!parsed) {
    out.unreadable = true;
    return out;
  }
  const reader: FileReader = { file, out, defer };
  let values = 0;
  parsed.values.forEach((value, at) => {
    if (isDaemonHeader(value)) return;
    values++;
    readValue(reader, value, parsed.texts[at]);
  });
  if (values === 0) {
    out.unreadable = true;
    out.diagnostics.push(diag(file, 'error', 'The file holds no X-Ray documents.', 'xray-empty'));
  }
  return out;
}

/**
 * Loads several files as one dataset: documents of the same trace merge even when they come from different
 * files (a BatchGetTraces dump plus the daemon's raw documents), each document is parsed once.
 */
export function loadXray(files: readonly XrayInput[]): XrayDataset & { unreadable: string[] } {
  return loadFiles(files, true) ?? loadFiles(files, false)!;
}

/**
 * The document of `d` for the trace filed under `key`: a deferred one is parsed here, when its trace is built.
 * Undefined when it would not have been filed under `key` by `parseXrayFile` (not JSON, not an object, another
 * trace id): the load then starts again without deferring, so such files read exactly as before, diagnostics
 * included.
 */
function documentOf(key: string, d: PendingDocument): RawSegment | undefined {
  if (!d.deferred) return d.doc;
  let value: unknown;
  try {
    value = JSON.parse(d.text!);
  } catch {
    return undefined;
  }
  return isObject(value) && traceKeyOf(value, key, d.file) === key ? (value as RawSegment) : undefined;
}

/**
 * With `defer`, BatchGetTraces' `Document` strings are parsed one document at a time, just before the tree build
 * flattens it, and dropped after: the parsed documents of a file then never all live at once, which the garbage
 * collector otherwise copies from one generation to the next (about a third of the load's time). Undefined when a
 * deferred document turns out not to belong where it was filed (see `documentOf`).
 */
function loadFiles(files: readonly XrayInput[], defer: boolean): (XrayDataset & { unreadable: string[] }) | undefined {
  const docs = new Map<string, PendingDocument[]>();
  const diagnostics: XrayDiagnostic[] = [];
  const summaries: TraceSummaryRow[] = [];
  const graphs: ServiceMap[] = [];
  const unreadable: string[] = [];
  for (const input of files) {
    const parsed = readXrayFile(input, defer);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.unreadable) unreadable.push(input.name);
    for (const [id, list] of parsed.documents) {
      const existing = docs.get(id);
      if (existing) existing.push(...list);
      else docs.set(id, list);
    }
    summaries.push(...parsed.summaries);
    if (parsed.serviceGraph) graphs.push(parsed.serviceGraph);
  }
  const traces = [];
  const traceDiagnostics: XrayDiagnostic[] = [];
  // One copy of each service name, origin, node id and one-child list across every trace of the load.
  const shared = newSharedValues();
  for (const [id, list] of docs) {
    // Each deferred document is parsed just before it is flattened, and is garbage after (spans keep what they show).
    const trace = buildTraceFrom(id, list, traceDiagnostics, shared, (d) => documentOf(id, d as PendingDocument));
    if (!trace) return undefined;
    traces.push(trace);
    if (defer) docs.set(id, NO_DOCUMENTS);
  }
  // Point tree problems at the line of the span they are about (the id's first appearance in its file).
  const texts = new Map(files.map((f) => [f.name, f.text]));
  for (const d of traceDiagnostics) {
    const text = d.file !== undefined ? texts.get(d.file) : undefined;
    const at = text !== undefined && d.spanId ? text.indexOf(d.spanId) : -1;
    if (text !== undefined && at >= 0) Object.assign(d, offsetToLineColumn(text, at));
    diagnostics.push(d);
  }
  traces.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    traces,
    summaries,
    serviceGraph: graphs.length === 0 ? undefined : graphs.length === 1 ? graphs[0] : mergeServiceMaps(graphs),
    diagnostics,
    unreadable,
  };
}
