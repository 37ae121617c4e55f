/**
 * OpenTelemetry spans as X-Ray segment documents, so OTel-instrumented apps land in the same list, timeline and map
 * as X-Ray SDK apps.
 *
 * Input: OTLP JSON `ExportTraceServiceRequest` (`{ resourceSpans: [{ resource, scopeSpans: [{ spans }] }] }`, as
 * an OTel collector's file exporter or an OTLP/HTTP JSON exporter writes it; `instrumentationLibrarySpans` of
 * older producers too), and the one-span-per-event form of CloudWatch's `aws/spans` log group (the span's fields
 * at the top level, attributes as a plain object, `kind` as a name).
 *
 * The mapping is the one AWS uses when OTel spans go to X-Ray: the OpenTelemetry collector's `awsxrayexporter`
 * translator (exporter/awsxrayexporter/internal/translator: segment.go, http.go, cause.go, aws.go, sql.go), in its
 * current form with the Application Signals names (`aws.local.service`, `aws.remote.service`, `aws.span.kind`).
 * It is re-expressed here (not a port of its code) because that translator is Go and runs in a collector, and
 * Statescope must read these files offline in the page. Where we differ, on purpose:
 * - trace ids whose first 32 bits are not a recent epoch are kept (the translator refuses them, because X-Ray's
 *   ingestion does); an offline viewer must still show old captures and W3C-random ids. Every id is written in
 *   X-Ray form `1-{8 hex}-{24 hex}`, the same 128 bits, so OTel and X-Ray copies of one trace merge;
 * - exception ids derive from the span id and the exception's index instead of being random, so loading the same
 *   file twice gives the same documents.
 * Newer semantic-convention keys (`http.request.method`, `url.full`, `server.address`, …) are read beside the
 * ones the translator names, because current OTel SDKs write only the new keys.
 */
import type { RawSegment } from './types.ts';
import {
  isObject,
  isOtlpTraceRequest,
  isOtlpSpanRecord,
  attrs,
  s,
  otlpIdHex,
  xrayTraceIdFromHex,
  kindOf,
  nanosToSeconds,
  fixAnnotationKey,
  type Attrs,
} from './otlp-values.ts';
import {
  HTTP_KEYS,
  makeHttp,
  makeCause,
  AWS_SPAN_KEYS,
  makeAws,
  makeOrigin,
  makeSql,
  isDependencyKind,
  trimAwsSdkPrefix,
  segmentName,
} from './otlp-fields.ts';

/** Result of converting one OTLP value: the documents, how many spans were read, and why any were skipped. */
export interface OtlpConversion {
  documents: RawSegment[];
  spans: number;
  problems: string[];
}
export { isOtlpTraceRequest, isOtlpSpanRecord, detectOtlpText, otlpIdHex, xrayTraceIdFromHex } from './otlp-values.ts';

function annotationValue(v: unknown): string | number | boolean | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

/** Application Signals attributes that describe the remote side: kept off a local root's service segment. */
const REMOTE_ONLY_ATTRIBUTES = [
  'aws.remote.service',
  'aws.remote.operation',
  'aws.remote.target',
  'K8s.RemoteNamespace',
];

/**
 * One span → its documents. A span marked `aws.span.kind = LOCAL_ROOT` is the first span of its service in this
 * trace: as a SERVER/INTERNAL span it is that service's segment; as a CLIENT/PRODUCER/CONSUMER span it becomes
 * two documents, a segment for the service (named by `aws.local.service`) and a subsegment for the call (named
 * by `aws.remote.service`), as the translator makes them.
 */
function spanToDocuments(span: Record<string, unknown>, resource: Attrs, problems: string[]): RawSegment[] {
  const a = attrs(span.attributes);
  const kind = kindOf(span.kind);
  const localRoot = s(a, 'aws.span.kind') === 'LOCAL_ROOT';
  const spanId = otlpIdHex(span.spanId, 8);
  if (!localRoot || !isDependencyKind(kind) || !spanId) {
    const doc = spanToDocument(span, resource, problems);
    if (!doc) return [];
    if (localRoot) {
      delete doc.type;
      delete doc.namespace;
    } else if (
      isDependencyKind(kind) &&
      doc.type === 'subsegment' &&
      doc.namespace === undefined &&
      a.has('aws.remote.service')
    ) {
      doc.namespace = 'remote';
    }
    return [doc];
  }
  // The translator draws a random id for the service segment; ours derives from the span id (stable per file).
  const serviceId = (BigInt(`0x${spanId}`) ^ 0x5e5e5e5e5e5e5e5en).toString(16).padStart(16, '0');
  const dependency = spanToDocument({ ...span, parentSpanId: serviceId }, resource, problems);
  const serviceAttributes = Array.isArray(span.attributes)
    ? span.attributes.filter((kv) => !(isObject(kv) && REMOTE_ONLY_ATTRIBUTES.includes(String(kv.key))))
    : isObject(span.attributes)
      ? Object.fromEntries(Object.entries(span.attributes).filter(([k]) => !REMOTE_ONLY_ATTRIBUTES.includes(k)))
      : span.attributes;
  const service = spanToDocument({ ...span, spanId: serviceId, attributes: serviceAttributes }, resource, problems);
  if (!dependency || !service) return [];
  dependency.type = 'subsegment';
  dependency.namespace ??= 'remote';
  if (kind === 'CONSUMER') delete dependency.links;
  const remote = s(a, 'aws.remote.service');
  if (remote) dependency.name = trimAwsSdkPrefix(remote, a);
  const local = s(a, 'aws.local.service');
  if (local) service.name = local;
  delete service.http;
  delete service.type;
  delete service.namespace;
  if (isObject(service.aws)) {
    for (const k of ['operation', 'account_id', 'region', 'request_id', 'queue_url', 'table_name', 'table_names'])
      delete service.aws[k];
    if (Object.keys(service.aws).length === 0) delete service.aws;
  }
  if (isObject(service.metadata) && isObject(service.metadata.default)) {
    const kept = Object.fromEntries(
      Object.entries(service.metadata.default).filter(([k]) => k.startsWith('otel.resource.')),
    );
    if (Object.keys(kept).length > 0) service.metadata = { default: kept };
    else delete service.metadata;
  }
  if (kind !== 'CONSUMER') delete service.links;
  return [dependency, service];
}

/** Converts one span (with its resource's attributes) to one X-Ray segment or subsegment document. */
function spanToDocument(span: Record<string, unknown>, resource: Attrs, problems: string[]): RawSegment | undefined {
  const traceHex = otlpIdHex(span.traceId, 16);
  const spanId = otlpIdHex(span.spanId, 8);
  if (!traceHex || !spanId) {
    problems.push(`A span without a valid traceId/spanId was skipped (${JSON.stringify(span.name ?? '')}).`);
    return undefined;
  }
  const parentId = otlpIdHex(span.parentSpanId, 8);
  const kind = kindOf(span.kind);
  const a = attrs(span.attributes);
  const isSub = kind !== 'SERVER' && parentId !== undefined;
  const start = nanosToSeconds(span.startTimeUnixNano);
  const end = nanosToSeconds(span.endTimeUnixNano);
  const { name, namespace } = segmentName(span, a, resource, kind);
  const http = makeHttp(a, kind);
  const cause = makeCause(span, a, kind, spanId, s(resource, 'telemetry.sdk.language'));
  const aws = makeAws(a, resource);
  const { sql, consumed: sqlKeys } = makeSql(a);
  const origin = makeOrigin(resource);

  const doc: RawSegment = { id: spanId, name, trace_id: xrayTraceIdFromHex(traceHex) };
  if (start !== undefined) doc.start_time = start;
  if (end !== undefined && a.get('aws.xray.inprogress') !== true) doc.end_time = end;
  else doc.in_progress = true;
  if (parentId) doc.parent_id = parentId;
  if (isSub) doc.type = 'subsegment';
  if (namespace) doc.namespace = namespace;
  if (origin) doc.origin = origin;
  if (cause.error) doc.error = true;
  if (cause.fault) doc.fault = true;
  if (cause.throttle) doc.throttle = true;
  if (cause.cause) doc.cause = cause.cause;
  if (http) doc.http = http;
  if (aws) doc.aws = aws;
  if (sql) doc.sql = sql;
  const version = s(resource, 'service.version');
  if (version) doc.service = { version };

  // Attributes no block took become metadata, or annotations where `aws.xray.annotations` names them.
  const taken = new Set([...cause.consumed, ...sqlKeys, 'enduser.id', 'aws.xray.annotations', 'aws.xray.inprogress']);
  const user = s(a, 'enduser.id');
  if (user) doc.user = user;
  const indexed = new Set(
    (Array.isArray(a.get('aws.xray.annotations')) ? (a.get('aws.xray.annotations') as unknown[]) : []).filter(
      (k): k is string => typeof k === 'string',
    ),
  );
  const annotations: Record<string, string | number | boolean> = {};
  const metadata: Record<string, unknown> = {};
  if (!isSub) for (const [key, value] of resource) metadata[`otel.resource.${key}`] = value;
  for (const [key, value] of a) {
    // http.go and aws.go drop the keys they read even when they produce no block; so do we.
    if (taken.has(key) || HTTP_KEYS.has(key) || AWS_SPAN_KEYS.has(key)) continue;
    const av = annotationValue(value);
    if (indexed.has(key) && av !== undefined) annotations[fixAnnotationKey(key)] = av;
    else metadata[key] = value;
  }
  if (Object.keys(annotations).length > 0) doc.annotations = annotations;
  if (Object.keys(metadata).length > 0) doc.metadata = { default: metadata };

  const links = Array.isArray(span.links)
    ? span.links.filter(isObject).flatMap((l) => {
        const t = otlpIdHex(l.traceId, 16);
        const id = otlpIdHex(l.spanId, 8);
        if (!t || !id) return [];
        const la = Object.fromEntries(attrs(l.attributes));
        return [
          Object.keys(la).length > 0
            ? { trace_id: xrayTraceIdFromHex(t), id, attributes: la }
            : { trace_id: xrayTraceIdFromHex(t), id },
        ];
      })
    : [];
  if (links.length > 0) doc.links = links;
  return doc;
}

/**
 * Converts an OTLP `ExportTraceServiceRequest`, one `aws/spans` record, or an array of either into X-Ray segment
 * documents (one per span, subsegments sent independently with `type: "subsegment"`, as the translator sends them).
 */
export function otlpToSegments(value: unknown): OtlpConversion {
  const out: OtlpConversion = { documents: [], spans: 0, problems: [] };
  const add = (span: unknown, resource: Attrs) => {
    if (!isObject(span)) {
      out.problems.push('A span that is not an object was skipped.');
      return;
    }
    out.spans++;
    out.documents.push(...spanToDocuments(span, resource, out.problems));
  };
  const visit = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (isOtlpTraceRequest(v)) {
      for (const rs of v.resourceSpans) {
        if (!isObject(rs)) continue;
        const resource = attrs(isObject(rs.resource) ? rs.resource.attributes : undefined);
        const scopes = Array.isArray(rs.scopeSpans)
          ? rs.scopeSpans
          : Array.isArray(rs.instrumentationLibrarySpans)
            ? rs.instrumentationLibrarySpans
            : [];
        for (const ss of scopes)
          if (isObject(ss) && Array.isArray(ss.spans)) for (const span of ss.spans) add(span, resource);
      }
    } else if (isOtlpSpanRecord(v)) {
      add(v, attrs(isObject(v.resource) ? v.resource.attributes : undefined));
    } else {
      out.problems.push('Not an OTLP trace request or span.');
    }
  };
  visit(value);
  return out;
}
