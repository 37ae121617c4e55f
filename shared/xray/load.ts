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
 * the line and column.
 */
import { offsetToLineColumn } from '../diagnostics.ts';
import { normalizeTraceId } from './ids.ts';
import { detectOtlpText, isOtlpSpanRecord, isOtlpTraceRequest, otlpToSegments } from './otlp.ts';
import { serviceGraphToMap, mergeServiceMaps } from './service-map.ts';
import { buildTrace, newSharedValues } from './trace.ts';
import type { HttpInfo, RawSegment, ServiceMap, TraceSummaryRow, XrayDataset, XrayDiagnostic } from './types.ts';

/** A file handed to the loader: the host or the CLI reads it, this module only sees text. */
export interface XrayInput {
  name: string;
  text: string;
}

/** One segment document waiting for its trace to be built. */
export interface PendingDocument {
  doc: RawSegment;
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

/** Prefix of the placeholder trace id (followed by the file name) for documents that carry none. */
export const NO_TRACE_ID = '(no trace id)';

type Json = unknown;

function isObject(v: Json): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonErrorOffset(message: string): number | undefined {
  const m = /position (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

function diag(
  file: string,
  severity: XrayDiagnostic['severity'],
  message: string,
  code: string,
  text?: string,
  offset?: number,
): XrayDiagnostic {
  const pos = text !== undefined && offset !== undefined ? offsetToLineColumn(text, offset) : { line: 1, column: 1 };
  return { severity, message, line: pos.line, column: pos.column, source: 'xray', code, file };
}

function firstLineParses(line: string): boolean {
  try {
    return isObject(JSON.parse(line));
  } catch {
    return false;
  }
}

/** Bad lines of a JSON Lines file reported one by one; past this many, one more diagnostic counts the rest. */
const MAX_BAD_LINE_DIAGNOSTICS = 20;

/**
 * Parses JSON, or JSON Lines when the whole text is not one document; `texts` holds each value's own text.
 * A JSON Lines file (one document per line, or the X-Ray daemon's header + document lines) is read leniently, as
 * the daemon does with the segments it receives: a line that is not valid JSON is skipped and reported with its
 * line number, and every other line loads. A text is taken as JSON Lines when its first line, or most of its
 * lines, are JSON objects on their own (a pretty-printed document with a syntax error is not).
 */
function parseJsonOrLines(
  file: string,
  text: string,
  diagnostics: XrayDiagnostic[],
): { values: Json[]; texts: string[] } | undefined {
  try {
    return { values: [JSON.parse(text)], texts: [text] };
  } catch (error) {
    const wholeMessage = (error as Error).message;
    const lines = text.split('\n');
    const nonEmpty = lines.filter((l) => l.trim() !== '');
    const parsing = nonEmpty.length > 1 && !firstLineParses(nonEmpty[0]) ? nonEmpty.filter(firstLineParses).length : 0;
    if (nonEmpty.length > 1 && (firstLineParses(nonEmpty[0]) || parsing * 2 > nonEmpty.length)) {
      const values: Json[] = [];
      const texts: string[] = [];
      let offset = 0;
      let bad = 0;
      lines.forEach((line, index) => {
        const t = line.trim();
        if (t !== '') {
          try {
            values.push(JSON.parse(t));
            texts.push(t);
          } catch (lineError) {
            bad++;
            if (bad <= MAX_BAD_LINE_DIAGNOSTICS) {
              const inLine = jsonErrorOffset((lineError as Error).message) ?? 0;
              const lead = line.length - line.trimStart().length;
              diagnostics.push(
                diag(
                  file,
                  'warning',
                  `Line ${index + 1} is not valid JSON and was skipped (${(lineError as Error).message}); the other lines were read.`,
                  'xray-bad-line',
                  text,
                  offset + lead + inLine,
                ),
              );
            }
          }
        }
        offset += line.length + 1;
      });
      if (bad > MAX_BAD_LINE_DIAGNOSTICS) {
        diagnostics.push(
          diag(
            file,
            'warning',
            `${bad - MAX_BAD_LINE_DIAGNOSTICS} more line(s) that are not valid JSON were skipped.`,
            'xray-bad-line',
          ),
        );
      }
      return { values, texts };
    }
    const at = jsonErrorOffset(wholeMessage);
    diagnostics.push(diag(file, 'error', `Not valid JSON: ${wholeMessage}`, 'xray-json', text, at ?? text.length));
    return undefined;
  }
}

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

function hasServices(v: Record<string, unknown>): boolean {
  const list = v.Services;
  return Array.isArray(list) && (list.length === 0 || looksLikeService(list[0]));
}

/** The same routing check on an already parsed value (the app parses once and asks every loader). */
export function detectXrayValue(value: unknown): boolean {
  const v = Array.isArray(value) ? value[0] : value;
  if (!isObject(v)) return false;
  return (
    Array.isArray(v.Traces) ||
    Array.isArray(v.TraceSummaries) ||
    looksLikeTrace(v) ||
    looksLikeSegment(v) ||
    looksLikeService(v) ||
    hasServices(v) ||
    isOtlpTraceRequest(v) ||
    isOtlpSpanRecord(v)
  );
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function summaryRow(s: Record<string, unknown>): TraceSummaryRow | undefined {
  const id = str(s.Id);
  if (!id) return undefined;
  const h = isObject(s.Http) ? s.Http : {};
  const http: HttpInfo = {
    method: str(h.HttpMethod),
    url: str(h.HttpURL),
    status: num(h.HttpStatus),
    userAgent: str(h.UserAgent),
    clientIp: str(h.ClientIp),
  };
  const annotations: Record<string, (string | number | boolean)[]> = {};
  if (isObject(s.Annotations)) {
    for (const [key, list] of Object.entries(s.Annotations)) {
      const values: (string | number | boolean)[] = [];
      if (Array.isArray(list)) {
        for (const item of list) {
          const av = isObject(item) && isObject(item.AnnotationValue) ? item.AnnotationValue : undefined;
          const value = av ? (av.StringValue ?? av.NumberValue ?? av.BooleanValue) : undefined;
          if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values.push(value);
        }
      }
      annotations[key] = values;
    }
  }
  const users = Array.isArray(s.Users)
    ? s.Users.map((u) => (isObject(u) ? str(u.UserName) : undefined)).filter((u): u is string => !!u)
    : [];
  const serviceId = (v: unknown): { name: string; type: string } | undefined =>
    isObject(v) && typeof v.Name === 'string' ? { name: v.Name, type: str(v.Type) ?? '' } : undefined;
  const entryPoint = serviceId(s.EntryPoint);
  const services = Array.isArray(s.ServiceIds)
    ? s.ServiceIds.map(serviceId).filter((v): v is { name: string; type: string } => !!v)
    : [];
  const duration = num(s.Duration);
  const responseTime = num(s.ResponseTime);
  const start = num(s.StartTime) ?? (typeof s.StartTime === 'string' ? Date.parse(s.StartTime) / 1000 : undefined);
  return {
    id: normalizeTraceId(id),
    durationMs: duration === undefined ? undefined : duration * 1000,
    responseTimeMs: responseTime === undefined ? undefined : responseTime * 1000,
    start: start !== undefined && Number.isFinite(start) ? start : undefined,
    error: s.HasError === true,
    fault: s.HasFault === true,
    throttle: s.HasThrottle === true,
    partial: s.IsPartial === true,
    http,
    annotations,
    users,
    ...(entryPoint ? { entryPoint } : {}),
    ...(services.length > 0 ? { services } : {}),
  };
}

/** Reads one file. Exported for the CLI and tests; apps normally call `loadXray` with every file at once. */
export function parseXrayFile(input: XrayInput): ParsedXrayFile {
  const { name: file, text } = input;
  const out: ParsedXrayFile = {
    kind: 'unknown',
    documents: new Map(),
    summaries: [],
    diagnostics: [],
    unreadable: false,
  };
  const diagnostics = out.diagnostics;
  if (text.trim() === '') {
    out.kind = 'empty';
    out.unreadable = true;
    diagnostics.push(diag(file, 'error', 'The file is empty.', 'xray-empty'));
    return out;
  }
  const parsed = parseJsonOrLines(file, text, diagnostics);
  if (!parsed) {
    out.unreadable = true;
    return out;
  }

  const addDoc = (
    doc: unknown,
    envelopeTraceId: string | undefined,
    where: string,
    limitExceeded?: boolean,
    docText?: string,
  ): void => {
    let value = doc;
    const text = typeof doc === 'string' ? doc : docText;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (error) {
        diagnostics.push(
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
      diagnostics.push(diag(file, 'error', `${where}: expected a segment document object.`, 'xray-document-shape'));
      return;
    }
    const rawTrace = str(value.trace_id) ?? envelopeTraceId;
    const traceId = rawTrace ? normalizeTraceId(rawTrace) : `${NO_TRACE_ID} ${file}`;
    let list = out.documents.get(traceId);
    if (!list) out.documents.set(traceId, (list = []));
    list.push({ doc: value as RawSegment, text, file, limitExceeded });
  };

  const addTrace = (t: Record<string, unknown>, where: string): void => {
    const id = str(t.Id);
    const segments = (Array.isArray(t.Segments) ? t.Segments : Array.isArray(t.Spans) ? t.Spans : []) as unknown[];
    if (segments.length === 0 && id) {
      // Keep an empty trace visible (LimitExceeded or an empty export) rather than silently dropping it.
      const key = normalizeTraceId(id);
      if (!out.documents.has(key)) out.documents.set(key, []);
    }
    segments.forEach((s, i) => {
      const doc = isObject(s) && 'Document' in s ? s.Document : s;
      addDoc(doc, id, `${where}.Segments[${i}]`, t.LimitExceeded === true);
    });
    if (t.LimitExceeded === true) {
      diagnostics.push(
        diag(
          file,
          'warning',
          `Trace ${id ?? '?'}: X-Ray reports LimitExceeded, so part of this trace is missing.`,
          'xray-limit-exceeded',
        ),
      );
    }
  };

  const addServices = (services: unknown[]): void => {
    const { map, diagnostics: d } = serviceGraphToMap(services);
    for (const x of d) diagnostics.push({ ...x, file });
    out.serviceGraph = out.serviceGraph ? mergeServiceMaps([out.serviceGraph, map]) : map;
  };

  const values = parsed.values.filter((v) => !isDaemonHeader(v));
  parsed.values.forEach((value, at) => {
    if (isDaemonHeader(value)) return;
    // A document that is a whole file or line keeps that text for the Raw JSON view.
    const valueText = parsed.texts[at];
    if (
      isOtlpTraceRequest(value) ||
      isOtlpSpanRecord(value) ||
      (Array.isArray(value) && value.length > 0 && isOtlpSpanRecord(value[0]))
    ) {
      // OpenTelemetry spans (OTLP JSON, CloudWatch aws/spans records) read as X-Ray documents (otlp.ts).
      out.kind = 'segments';
      const converted = otlpToSegments(value);
      converted.documents.forEach((d, i) => addDoc(d, undefined, `span ${i + 1}`));
      for (const p of converted.problems) diagnostics.push(diag(file, 'warning', p, 'xray-otlp'));
    } else if (isObject(value) && value.TraceFormat === 'OTEL') {
      out.unreadable = true;
      diagnostics.push(
        diag(
          file,
          'error',
          'ListRetrievedTraces output in OTEL format is not supported: retrieve the traces with TraceFormat XRAY.',
          'xray-otel',
        ),
      );
    } else if (isObject(value) && Array.isArray(value.Traces)) {
      out.kind = 'traces';
      value.Traces.forEach((t, i) => {
        if (isObject(t)) addTrace(t, `Traces[${i}]`);
        else diagnostics.push(diag(file, 'error', `Traces[${i}] is not an object.`, 'xray-shape'));
      });
      if (Array.isArray(value.UnprocessedTraceIds) && value.UnprocessedTraceIds.length > 0) {
        diagnostics.push(
          diag(
            file,
            'warning',
            `X-Ray did not return ${value.UnprocessedTraceIds.length} trace(s) (UnprocessedTraceIds).`,
            'xray-unprocessed',
          ),
        );
      }
    } else if (isObject(value) && Array.isArray(value.TraceSummaries)) {
      out.kind = 'summaries';
      for (const s of value.TraceSummaries) {
        const row = isObject(s) ? summaryRow(s) : undefined;
        if (row) out.summaries.push(row);
        else diagnostics.push(diag(file, 'warning', 'A trace summary without an Id was skipped.', 'xray-shape'));
      }
    } else if (isObject(value) && (Array.isArray(value.Services) || Array.isArray(value.data))) {
      out.kind = 'service-graph';
      addServices((value.Services ?? value.data) as unknown[]);
    } else if (looksLikeTrace(value)) {
      out.kind = 'traces';
      addTrace(value, 'trace');
    } else if (looksLikeSegment(value)) {
      out.kind = 'segments';
      addDoc(value, undefined, 'document', undefined, valueText);
    } else if (Array.isArray(value) && value.length > 0 && value.every(looksLikeService)) {
      out.kind = 'service-graph';
      addServices(value);
    } else if (Array.isArray(value) && value.length > 0) {
      out.kind = looksLikeTrace(value[0]) ? 'traces' : 'segments';
      let read = 0;
      value.forEach((v, i) => {
        if (looksLikeTrace(v)) addTrace(v, `[${i}]`);
        else if (isObject(v) && 'Document' in v) addDoc(v.Document, str(v.trace_id), `[${i}]`);
        else if (looksLikeSegment(v)) addDoc(v, undefined, `[${i}]`);
        else {
          diagnostics.push(diag(file, 'error', `Item ${i} is not a segment document or a trace.`, 'xray-shape'));
          return;
        }
        read++;
      });
      // An array with nothing X-Ray in it (`[1,2,3]`) is not X-Ray data at all.
      if (read === 0) {
        out.kind = 'unknown';
        out.unreadable = true;
        diagnostics.push(
          diag(file, 'error', 'Not X-Ray data: the array holds no segment documents or traces.', 'xray-unknown'),
        );
      }
    } else {
      out.unreadable = true;
      diagnostics.push(
        diag(
          file,
          'error',
          'Not X-Ray data: expected BatchGetTraces output, segment documents, GetTraceSummaries or GetServiceGraph output.',
          'xray-unknown',
        ),
      );
    }
  });
  if (values.length === 0) {
    out.unreadable = true;
    diagnostics.push(diag(file, 'error', 'The file holds no X-Ray documents.', 'xray-empty'));
  }
  return out;
}

/**
 * Loads several files as one dataset: documents of the same trace merge even when they come from different
 * files (a BatchGetTraces dump plus the daemon's raw documents), each document is parsed once.
 */
export function loadXray(files: readonly XrayInput[]): XrayDataset & { unreadable: string[] } {
  const docs = new Map<string, PendingDocument[]>();
  const diagnostics: XrayDiagnostic[] = [];
  const summaries: TraceSummaryRow[] = [];
  const graphs: ServiceMap[] = [];
  const unreadable: string[] = [];
  for (const input of files) {
    const parsed = parseXrayFile(input);
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
    traces.push(buildTrace(id, list, traceDiagnostics, shared));
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
