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

/** Result of converting one OTLP value: the documents, how many spans were read, and why any were skipped. */
export interface OtlpConversion {
  documents: RawSegment[];
  spans: number;
  problems: string[];
}

type Attrs = Map<string, unknown>;

const KIND_NAMES = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
type SpanKind = (typeof KIND_NAMES)[number];

/** Origins the translator gives a service from the resource's `cloud.platform` (segment.go, determineAwsOrigin). */
const PLATFORM_ORIGINS: Record<string, string> = {
  aws_app_runner: 'AWS::AppRunner::Service',
  aws_eks: 'AWS::EKS::Container',
  aws_elastic_beanstalk: 'AWS::ElasticBeanstalk::Environment',
  aws_ec2: 'AWS::EC2::Instance',
};

/** Database systems the translator records as an `sql` block (sql.go). */
const SQL_SYSTEMS = new Set([
  'db2',
  'derby',
  'h2',
  'hsqldb',
  'mariadb',
  'mssql',
  'mysql',
  'oracle',
  'other_sql',
  'postgresql',
  'sqlite',
]);

/** X-Ray's allowed segment-name characters (segment document reference); others are removed, as the translator does. */
const INVALID_NAME_CHARS = /[^ 0-9\p{L}N_.:/%&#=+,\-@]/gu;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for an OTLP `ExportTraceServiceRequest` value. */
export function isOtlpTraceRequest(value: unknown): value is { resourceSpans: unknown[] } {
  return isObject(value) && Array.isArray(value.resourceSpans);
}

/** True for one span in the `aws/spans` (CloudWatch Transaction Search) form. */
export function isOtlpSpanRecord(value: unknown): value is Record<string, unknown> {
  return (
    isObject(value) &&
    typeof value.traceId === 'string' &&
    typeof value.spanId === 'string' &&
    'startTimeUnixNano' in value
  );
}

/** Cheap text check for the loader's routing: an OTLP trace request or an `aws/spans` record. */
export function detectOtlpText(head: string): boolean {
  return (
    /"resourceSpans"\s*:/.test(head) ||
    (/"traceId"\s*:/.test(head) && /"spanId"\s*:/.test(head) && /"startTimeUnixNano"\s*:/.test(head))
  );
}

/** Reads an OTLP `AnyValue` (`{ stringValue }`, `{ intValue }`, …) as a plain value; a plain value is returned as is. */
function anyValue(v: unknown): unknown {
  if (!isObject(v)) return v;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) {
    const n = Number(v.intValue);
    return Number.isFinite(n) ? n : v.intValue;
  }
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('arrayValue' in v) {
    const values = isObject(v.arrayValue) && Array.isArray(v.arrayValue.values) ? v.arrayValue.values : [];
    return values.map(anyValue);
  }
  if ('kvlistValue' in v) {
    const values = isObject(v.kvlistValue) && Array.isArray(v.kvlistValue.values) ? v.kvlistValue.values : [];
    return Object.fromEntries(attrs(values));
  }
  if ('bytesValue' in v) return v.bytesValue;
  return Object.keys(v).length === 0 ? undefined : v;
}

/** Attributes as a map, from OTLP's `[{ key, value }]` list or the plain object `aws/spans` records carry. */
function attrs(list: unknown): Attrs {
  const out: Attrs = new Map();
  if (Array.isArray(list)) {
    for (const kv of list) {
      if (isObject(kv) && typeof kv.key === 'string') {
        const value = anyValue(kv.value);
        if (value !== undefined) out.set(kv.key, value);
      }
    }
  } else if (isObject(list)) {
    for (const [key, value] of Object.entries(list)) if (value !== undefined && value !== null) out.set(key, value);
  }
  return out;
}

function s(a: Attrs, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = a.get(key);
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  }
  return undefined;
}

function n(a: Attrs, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v = a.get(key);
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(x)) return x;
  }
  return undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Hex of an id written in hex (OTLP JSON) or base64 (protobuf's canonical JSON); undefined when it is neither. */
export function otlpIdHex(raw: unknown, bytes: 8 | 16): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  if (raw.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(raw)) return raw.toLowerCase();
  // Hand-written because shared/ has no Buffer, and atob is not in every runtime this code runs in.
  const clean = raw.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  let bits = 0;
  let acc = 0;
  let hex = '';
  for (const ch of clean) {
    const v = BASE64.indexOf(ch);
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += ((acc >> bits) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return hex.length === bytes * 2 ? hex : undefined;
}

/** The X-Ray form of a 128-bit trace id: version 1, the first 32 bits (the epoch for X-Ray ids), the other 96. */
export function xrayTraceIdFromHex(hex: string): string {
  return `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
}

function kindOf(raw: unknown): SpanKind {
  if (typeof raw === 'number') return KIND_NAMES[raw] ?? 'UNSPECIFIED';
  if (typeof raw === 'string') {
    const name = raw.toUpperCase().replace(/^SPAN_KIND_/, '');
    if ((KIND_NAMES as readonly string[]).includes(name)) return name as SpanKind;
  }
  return 'UNSPECIFIED';
}

function nanosToSeconds(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw > 0 ? raw / 1e9 : undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return undefined;
  // Whole seconds and the fraction apart: 19-digit nanosecond counts lose precision as one double.
  const whole = raw.length > 9 ? Number(raw.slice(0, -9)) : 0;
  const frac = Number(raw.slice(-9)) / 1e9;
  const secs = whole + frac;
  return secs > 0 ? secs : undefined;
}

function fixSegmentName(name: string): string {
  const clean = name.replace(INVALID_NAME_CHARS, '');
  return clean === '' ? 'span' : clean.slice(0, 200);
}

function fixAnnotationKey(key: string): string {
  return key.replace(/[^0-9A-Za-z]/g, '_');
}

function statusCode(raw: unknown): 'UNSET' | 'OK' | 'ERROR' {
  if (!isObject(raw)) return 'UNSET';
  const c = raw.code;
  if (c === 2 || c === 'STATUS_CODE_ERROR' || c === 'ERROR') return 'ERROR';
  if (c === 1 || c === 'STATUS_CODE_OK' || c === 'OK') return 'OK';
  return 'UNSET';
}

/** Attribute keys http.go reads (old semantic conventions) and their current equivalents. */
const HTTP_KEYS = new Set([
  'http.method',
  'http.request.method',
  'http.client_ip',
  'client.address',
  'http.user_agent',
  'user_agent.original',
  'http.status_code',
  'http.response.status_code',
  'http.url',
  'url.full',
  'http.scheme',
  'url.scheme',
  'http.host',
  'http.target',
  'url.path',
  'url.query',
  'http.server_name',
  'net.host.port',
  'host.name',
  'net.host.name',
  'net.peer.name',
  'net.peer.port',
  'net.peer.ip',
  'server.address',
  'server.port',
]);

function buildUrl(a: Attrs, server: boolean): string {
  const full = s(a, 'http.url', 'url.full');
  if (full) return full;
  const scheme = s(a, 'http.scheme', 'url.scheme') ?? 'http';
  let host = s(a, 'http.host');
  let port = '';
  if (!host) {
    host = server
      ? s(a, 'http.server_name', 'net.host.name', 'host.name', 'server.address')
      : s(a, 'net.peer.name', 'server.address', 'net.peer.ip');
    port = (server ? s(a, 'net.host.port', 'server.port') : s(a, 'net.peer.port', 'server.port')) ?? '';
  }
  let url = `${scheme}://${host ?? ''}`;
  if (port && !(scheme === 'http' && port === '80') && !(scheme === 'https' && port === '443')) url += `:${port}`;
  const target =
    s(a, 'http.target') ??
    (s(a, 'url.path') !== undefined
      ? `${s(a, 'url.path')}${s(a, 'url.query') ? `?${s(a, 'url.query')}` : ''}`
      : undefined);
  return url + (target ?? '/');
}

function makeHttp(a: Attrs, kind: SpanKind): Record<string, unknown> | undefined {
  const has = (k: string) => a.has(k);
  const hasHttp = [
    'http.method',
    'http.request.method',
    'http.client_ip',
    'http.user_agent',
    'user_agent.original',
    'http.status_code',
    'http.response.status_code',
    'http.url',
    'url.full',
    'http.scheme',
    'http.host',
    'http.target',
    'http.server_name',
    'net.host.port',
  ].some(has);
  if (!hasHttp) return undefined;
  const hasUrlParts = [
    'http.url',
    'url.full',
    'http.host',
    'http.server_name',
    'host.name',
    'net.host.name',
    'net.peer.ip',
    'server.address',
  ].some(has);
  const request: Record<string, unknown> = {};
  const method = s(a, 'http.method', 'http.request.method');
  if (method) request.method = method;
  if (hasUrlParts) request.url = buildUrl(a, kind === 'SERVER');
  const agent = s(a, 'http.user_agent', 'user_agent.original');
  if (agent) request.user_agent = agent;
  const forwarded = s(a, 'http.client_ip');
  const clientIp = forwarded ?? s(a, 'net.peer.ip', 'client.address');
  if (clientIp) request.client_ip = clientIp;
  if (forwarded) request.x_forwarded_for = true;
  const response: Record<string, unknown> = {};
  const status = n(a, 'http.status_code', 'http.response.status_code');
  if (status !== undefined) response.status = status;
  return { request, response };
}

interface Cause {
  error: boolean;
  fault: boolean;
  throttle: boolean;
  cause?: { exceptions: Record<string, unknown>[] };
  consumed: string[];
}

/** Stack frames of a Node.js stack trace (`    at label (path:line:col)`), as cause.go reads JavaScript stacks. */
function javascriptStack(stack: string): { path?: string; line?: number; label?: string }[] {
  const frames: { path?: string; line?: number; label?: string }[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const m = /^\s*at (?:(.*?) \()?(.*?)(?::(\d+)(?::\d+)?)?\)?$/.exec(line);
    if (!m) continue;
    const frame: { path?: string; line?: number; label?: string } = {};
    if (m[1]) frame.label = m[1];
    if (m[2]) frame.path = m[2];
    if (m[3]) frame.line = Number(m[3]);
    frames.push(frame);
  }
  return frames;
}

function exceptionId(spanId: string, index: number): string {
  // Deterministic, 16 hex digits like an X-Ray exception id: the span id with the index folded into its end.
  const tail = (parseInt(spanId.slice(8), 16) ^ (index + 1)) >>> 0;
  return spanId.slice(0, 8) + tail.toString(16).padStart(8, '0');
}

function makeCause(
  span: Record<string, unknown>,
  a: Attrs,
  kind: SpanKind,
  spanId: string,
  language: string | undefined,
): Cause {
  const status = statusCode(span.status);
  const events = Array.isArray(span.events) ? span.events.filter(isObject) : [];
  const exceptionEvents = events.filter((e) => e.name === 'exception');
  const consumed: string[] = [];
  let cause: Cause['cause'];
  if (exceptionEvents.length > 0) {
    const remote = kind === 'CLIENT' || kind === 'PRODUCER';
    cause = {
      exceptions: exceptionEvents.map((e, i) => {
        const ea = attrs(e.attributes);
        const x: Record<string, unknown> = {
          id: exceptionId(spanId, i),
          type: s(ea, 'exception.type') ?? '',
          message: s(ea, 'exception.message') ?? '',
          remote,
        };
        const stack = s(ea, 'exception.stacktrace');
        if (stack && language === 'javascript') x.stack = javascriptStack(stack);
        return x;
      }),
    };
  } else if (status === 'ERROR') {
    const message =
      (isObject(span.status) && typeof span.status.message === 'string' && span.status.message) ||
      s(a, 'http.status_text') ||
      '';
    if (a.has('http.status_text')) consumed.push('http.status_text');
    if (message) cause = { exceptions: [{ id: exceptionId(spanId, 0), type: '', message }] };
  }
  const code = n(a, 'http.status_code', 'http.response.status_code');
  let error = false;
  let fault = false;
  let throttle = false;
  if (code === undefined || code < 400 || code > 599) fault = status === 'ERROR';
  else if (code < 500) {
    error = true;
    throttle = code === 429;
  } else fault = true;
  return { error, fault, throttle, cause, consumed };
}

/** Attribute keys aws.go takes into the `aws` block. */
const AWS_SPAN_KEYS = new Set([
  'aws.operation',
  'rpc.method',
  'aws.account_id',
  'aws.region',
  'aws.request_id',
  'aws.requestId',
  'aws.queue_url',
  'aws.queue.url',
  'aws.table_name',
  'aws.table.name',
]);

function compact(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return Object.keys(out).length === 0 ? undefined : out;
}

function makeAws(a: Attrs, r: Attrs): Record<string, unknown> | undefined {
  const provider = s(r, 'cloud.provider');
  if (provider !== undefined && provider !== 'aws') return undefined;
  const platform = s(r, 'cloud.platform');
  const zone = s(r, 'cloud.availability_zone');
  const hostId = s(r, 'host.id');
  const containerId = s(r, 'container.id');
  const clusterName = s(r, 'k8s.cluster.name');
  let tableName = s(a, 'aws.table_name', 'aws.table.name');
  let tableNames: string[] | undefined;
  const semconvTables = a.get('aws.dynamodb.table_names');
  const tables = Array.isArray(semconvTables)
    ? semconvTables.map(String)
    : typeof semconvTables === 'string'
      ? [semconvTables]
      : [];
  if (tables.length === 1) tableName = tables[0];
  else if (tables.length > 1) {
    tableName = undefined;
    tableNames = tables;
  }
  const sdkName = s(r, 'telemetry.sdk.name');
  const sdkLanguage = s(r, 'telemetry.sdk.language');
  let sdk = sdkName;
  if (sdkName && sdkLanguage && !sdkName.toLowerCase().endsWith(` for ${sdkLanguage.toLowerCase()}`))
    sdk = `${sdkName} for ${sdkLanguage}`;
  const deployId = s(r, 'service.instance.id');
  return compact({
    account_id: s(a, 'aws.account_id') ?? s(r, 'cloud.account.id'),
    operation: s(a, 'aws.operation', 'rpc.method'),
    region: s(a, 'aws.region'),
    request_id: s(a, 'aws.request_id', 'aws.requestId'),
    queue_url: s(a, 'messaging.url') ?? s(a, 'aws.queue_url', 'aws.queue.url'),
    table_name: tableName,
    table_names: tableNames,
    ec2:
      platform === 'aws_ec2' || hostId
        ? compact({
            instance_id: hostId,
            availability_zone: zone,
            instance_size: s(r, 'host.type'),
            ami_id: s(r, 'host.image.id'),
          })
        : undefined,
    ecs:
      platform === 'aws_ecs'
        ? compact({
            container: s(r, 'container.name'),
            container_id: containerId,
            availability_zone: zone,
            container_arn: s(r, 'aws.ecs.container.arn'),
            cluster_arn: s(r, 'aws.ecs.cluster.arn'),
            task_arn: s(r, 'aws.ecs.task.arn'),
            task_family: s(r, 'aws.ecs.task.family'),
            launch_type: s(r, 'aws.ecs.launchtype'),
          })
        : undefined,
    elastic_beanstalk:
      platform === 'aws_elastic_beanstalk' && deployId
        ? compact({
            environment_name: s(r, 'service.namespace'),
            deployment_id: Number.parseInt(deployId, 10) || 0,
            version_label: s(r, 'service.version'),
          })
        : undefined,
    eks:
      platform === 'aws_eks' || clusterName
        ? compact({ cluster_name: clusterName, pod: s(r, 'k8s.pod.name'), container_id: containerId })
        : undefined,
    xray: compact({
      sdk,
      sdk_version: s(r, 'telemetry.sdk.version'),
      auto_instrumentation: r.has('telemetry.auto.version'),
    }),
  });
}

function makeOrigin(r: Attrs): string | undefined {
  if (r.size === 0) return undefined;
  const provider = s(r, 'cloud.provider');
  if (provider !== undefined && provider !== 'aws') return undefined;
  const platform = s(r, 'cloud.platform');
  if (platform === 'aws_ecs') {
    const launch = s(r, 'aws.ecs.launchtype');
    return launch === 'ec2' ? 'AWS::ECS::EC2' : launch === 'fargate' ? 'AWS::ECS::Fargate' : 'AWS::ECS::Container';
  }
  return platform ? PLATFORM_ORIGINS[platform] : undefined;
}

function makeSql(a: Attrs): { sql?: Record<string, unknown>; consumed: string[] } {
  const system = s(a, 'db.system');
  if (!system || !SQL_SYSTEMS.has(system)) return { consumed: [] };
  const url = s(a, 'db.connection_string') ?? '';
  const db = s(a, 'db.name') ?? '';
  return {
    sql: compact({
      url: `${url}/${db}`,
      database_type: system,
      user: s(a, 'db.user'),
      sanitized_query: s(a, 'db.statement'),
    }),
    consumed: ['db.system', 'db.connection_string', 'db.name', 'db.user', 'db.statement'],
  };
}

const isDependencyKind = (kind: SpanKind) => kind === 'CLIENT' || kind === 'PRODUCER' || kind === 'CONSUMER';

/** AWS SDK spans name the remote service `AWS::DynamoDB` or `AWS.SDK.DynamoDB`; X-Ray names it `DynamoDB`. */
function trimAwsSdkPrefix(name: string, a: Attrs): string {
  if (s(a, 'rpc.system') !== 'aws-api') return name;
  return name.startsWith('AWS.SDK.') ? name.slice(8) : name.startsWith('AWS::') ? name.slice(5) : name;
}

function segmentName(
  span: Record<string, unknown>,
  a: Attrs,
  r: Attrs,
  kind: SpanKind,
): { name: string; namespace?: string } {
  let namespace: string | undefined;
  if (s(a, 'rpc.system') === 'aws-api') namespace = 'aws';
  // Application Signals names (aws.local.service / aws.remote.service, as ADOT and CloudWatch aws/spans carry
  // them) come first, then peer.service.
  let name: string | undefined;
  if (kind === 'SERVER' || (kind === 'INTERNAL' && s(a, 'aws.span.kind') === 'LOCAL_ROOT'))
    name = s(a, 'aws.local.service');
  if (isDependencyKind(kind)) {
    const remote = s(a, 'aws.remote.service');
    if (remote) name = trimAwsSdkPrefix(remote, a);
  }
  name ??= s(a, 'peer.service');
  if (!name) {
    const awsService = s(a, 'aws.service');
    if (awsService) {
      name = awsService;
      namespace ??= 'aws';
    }
  }
  if (!name) {
    const db = s(a, 'db.name');
    if (db) {
      name = db;
      const conn = s(a, 'db.connection_string')?.replace(/^jdbc:/, '');
      const host = conn ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(conn)?.[1] : undefined;
      if (host) name += `@${host.replace(/^\[|\]$/g, '')}`;
    }
  }
  if (!name && kind === 'SERVER') name = s(r, 'service.name');
  name ??= s(a, 'rpc.service') ?? s(a, 'http.host') ?? s(a, 'net.peer.name') ?? s(a, 'server.address');
  name ??= fixSegmentName(typeof span.name === 'string' ? span.name : '');
  if (!namespace && kind === 'CLIENT') namespace = 'remote';
  return { name, namespace };
}

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
