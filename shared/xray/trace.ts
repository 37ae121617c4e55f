/**
 * Builds one trace's span tree from its segment documents, the way X-Ray relates them: subsegments nest inside
 * their document, a segment's `parent_id` names the (sub)segment that called it — also across services — and a
 * downstream call without a segment of its own becomes an inferred node, as X-Ray infers them.
 *
 * Broken data is kept and flagged instead of dropped: a missing parent makes an orphan root, a parent cycle is
 * broken at one span with a diagnostic, an end before the start is marked as clock skew. Everything is linear in
 * the number of spans except sorting each span's children by start time.
 */
import { normalizeTraceId } from './ids.ts';
import type {
  HttpInfo,
  RawSegment,
  Span,
  SpanStatus,
  StackFrame,
  Trace,
  XrayDiagnostic,
  XrayException,
} from './types.ts';

/** A document waiting for its trace, with the file it came from (for diagnostics and the trace's file list). */
export interface PendingDocumentLike {
  doc: RawSegment;
  /**
   * The document's JSON text when the input held it as a string (BatchGetTraces' `Document`): kept for the Raw
   * JSON view instead of the parsed object, which is several times larger.
   */
  text?: string;
  file: string;
  limitExceeded?: boolean;
}

const MAX_DIAGNOSTICS_PER_KIND = 20;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Compute origins X-Ray records on instrumented services (everything else with an AWS:: type is a resource). */
const COMPUTE_ORIGINS = new Set([
  'AWS::EC2::Instance',
  'AWS::ECS::Container',
  'AWS::ECS::Fargate',
  'AWS::EKS::Container',
  'AWS::ElasticBeanstalk::Environment',
  'AWS::Lambda',
  'AWS::Lambda::Function',
  'AWS::StepFunctions::StateMachine',
  'AWS::ApiGateway::Stage',
  'AWS::AppSync::GraphQLAPI',
  'AWS::AppRunner::Service',
]);

/** True when a node type is a downstream resource X-Ray infers rather than an instrumented service. */
export function isInferredType(type: string): boolean {
  return type === 'remote' || type.startsWith('Database::') || (type.startsWith('AWS::') && !COMPUTE_ORIGINS.has(type));
}

/** The id a service map node gets: name and type, because one Lambda shows as two nodes with the same name. */
export function nodeIdOf(name: string, type: string): string {
  return `${name}|${type}`;
}

function lastArnPart(arn: string): string {
  const i = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
  return i >= 0 ? arn.slice(i + 1) : arn;
}

/**
 * X-Ray's own spelling of the AWS services the SDKs name their subsegments after (`DynamoDB`, `SNS`, …), keyed by
 * the lower-case name, so a call recorded as `sns` or `dynamodb` (OpenTelemetry, hand-written documents) lands on
 * the same node as the SDK's `SNS`, and no node type is ever spelled in lower case (`AWS::sns`).
 */
const AWS_SERVICE_NAMES: Record<string, string> = Object.fromEntries(
  [
    'DynamoDB',
    'S3',
    'SNS',
    'SQS',
    'Lambda',
    'Kinesis',
    'Firehose',
    'STS',
    'SSM',
    'SecretsManager',
    'KMS',
    'SES',
    'EventBridge',
    'CloudWatch',
    'CloudWatchLogs',
    'StepFunctions',
    'SFN',
    'EC2',
    'ECS',
    'ECR',
    'IAM',
    'Athena',
    'Glue',
    'AppSync',
    'ApiGateway',
    'Cognito',
    'CognitoIdentityServiceProvider',
    'SimpleSystemsManagement',
    'Bedrock',
    'BedrockRuntime',
    'ElastiCache',
    'RDS',
    'Redshift',
    'Route53',
    'CloudFormation',
    'Comprehend',
    'Rekognition',
    'Textract',
    'Translate',
    'Polly',
    'Timestream',
    'MSK',
    'MQ',
  ].map((n) => [n.toLowerCase(), n]),
);
/** The AWS SDK v3 / OpenTelemetry spellings of a few services, to X-Ray's. */
const AWS_SERVICE_ALIASES: Record<string, string> = {
  dynamodbv2: 'DynamoDB',
  amazondynamodbv2: 'DynamoDB',
  amazons3: 'S3',
  amazonsns: 'SNS',
  amazonsqs: 'SQS',
  awslambda: 'Lambda',
  sfn: 'SFN',
};

/** X-Ray's spelling of an AWS service name (`sns` → `SNS`); an unknown name keeps its letters, first one upper-cased. */
export function canonicalAwsService(name: string): string {
  const key = name.replace(/[\s_-]/g, '').toLowerCase();
  const known = AWS_SERVICE_ALIASES[key] ?? AWS_SERVICE_NAMES[key];
  if (known) return known;
  return name === '' ? 'AWS' : name[0].toUpperCase() + name.slice(1);
}

/**
 * The downstream node a call stands for, as X-Ray's service graph names it (GetServiceGraph `Service.Name` and
 * `Type`; the API reference: "AWS::DynamoDB::Table for an Amazon DynamoDB table that the application used" and
 * "AWS::DynamoDB for downstream calls to Amazon DynamoDB that didn't target a specific table"):
 *
 * - a DynamoDB call with a table is the table (`<table>` / `AWS::DynamoDB::Table`), as in the developer guide's
 *   GetServiceGraph example (xray-api-gettingdata, the `StartupSignupsTable` node); without one, `DynamoDB` /
 *   `AWS::DynamoDB`;
 * - an SQS call with a queue URL is the queue (`<queue URL>` / `AWS::SQS::Queue`), as X-Ray's graph in the Grafana
 *   data source's test data has it;
 * - SNS is one node for the service, `SNS` / `AWS::SNS`, as X-Ray's own inferred segments and the developer
 *   guide's GetServiceGraph example have it; the topic is a resource of that node (`resourceOf`);
 * - S3 is `S3` / `AWS::S3::Bucket` with the bucket as a resource (X-Ray's type for S3 calls; no X-Ray sample names
 *   a bucket node, so the service is the node and its buckets are listed in its details);
 * - a Lambda Invoke is the function (`<function>` / `AWS::Lambda`), like the Lambda service node X-Ray draws;
 * - a SQL call the database (`Database::SQL`), any other `aws` call the service (`AWS::<Service>`, X-Ray's
 *   spelling), and a `remote` call the host it went to (`remote`).
 *
 * `origin` is given for an inferred segment X-Ray already wrote (BatchGetTraces output): its type is kept.
 */
export function inferredIdentity(
  name: string,
  namespace: string,
  aws: Record<string, unknown> | undefined,
  hasSql: boolean,
  origin = '',
): { name: string; type: string } {
  const a = aws ?? {};
  const table = str(a.table_name);
  const queue = str(a.queue_url);
  const fn = str(a.function_name);
  if (origin) {
    if (origin === 'AWS::DynamoDB::Table' && table) return { name: table, type: origin };
    if (origin === 'AWS::SQS::Queue' && queue) return { name: queue, type: origin };
    if (origin.startsWith('AWS::')) {
      // X-Ray's inferred documents name the node after the service (`SNS` / `AWS::SNS`); keep its spelling.
      const service = origin.split('::')[1] ?? name;
      if (name.toLowerCase() === service.toLowerCase()) return { name: canonicalAwsService(name), type: origin };
    }
    return { name, type: origin };
  }
  if (hasSql && namespace !== 'aws') return { name, type: 'Database::SQL' };
  if (namespace === 'aws') {
    const service = canonicalAwsService(name);
    if (service === 'DynamoDB')
      return table ? { name: table, type: 'AWS::DynamoDB::Table' } : { name: service, type: 'AWS::DynamoDB' };
    if (service === 'SQS')
      return queue ? { name: queue, type: 'AWS::SQS::Queue' } : { name: service, type: 'AWS::SQS' };
    if (service === 'SNS') return { name: service, type: 'AWS::SNS' };
    if (service === 'S3') return { name: service, type: 'AWS::S3::Bucket' };
    if (service === 'Lambda' && fn) return { name: lastArnPart(fn), type: 'AWS::Lambda' };
    return { name: service, type: `AWS::${service}` };
  }
  return { name, type: 'remote' };
}

/**
 * The resource a call or inferred segment used (table, bucket, queue, topic, function), listed in its map node's
 * details because X-Ray draws one node per service for SNS and S3.
 */
export function resourceOf(aws: Record<string, unknown> | undefined): string | undefined {
  if (!aws) return undefined;
  return (
    str(aws.table_name) ??
    str(aws.bucket_name) ??
    str(aws.queue_url) ??
    str(aws.topic_arn) ??
    str(aws.function_name) ??
    (Array.isArray(aws.resource_names) ? str(aws.resource_names[0]) : undefined)
  );
}

/**
 * True when span `i` is a service-map node: a segment or an inferred segment. A subsegment is work inside a
 * service, and one sent on its own whose segment is missing (an orphan) belongs to a service we cannot name, so
 * it is no node either. The map, the filter's `service()` / `edge()` and the CLI share this one rule.
 */
export function isServiceSpan(spans: readonly Span[], i: number): boolean {
  return spans[i].kind !== 'subsegment';
}

/** The `http` of every span that recorded none: one shared frozen object instead of an empty one per span. */
export const NO_HTTP: Readonly<HttpInfo> = Object.freeze({});
/** The `exceptions` of every span without any: one shared frozen array. */
export const NO_EXCEPTIONS: readonly XrayException[] = Object.freeze([]);
/** The `children` of every leaf span: one shared frozen array. */
export const NO_CHILDREN: readonly number[] = Object.freeze([]);

function httpOf(raw: unknown): Readonly<HttpInfo> {
  if (!isObject(raw)) return NO_HTTP;
  const req = isObject(raw.request) ? raw.request : {};
  const res = isObject(raw.response) ? raw.response : {};
  // Only the fields present are stored: most spans have few of them, and absent keys cost nothing.
  const out: HttpInfo = {};
  let any = false;
  const method = str(req.method);
  if (method !== undefined) {
    out.method = method;
    any = true;
  }
  const url = str(req.url);
  if (url !== undefined) {
    out.url = url;
    any = true;
  }
  const userAgent = str(req.user_agent);
  if (userAgent !== undefined) {
    out.userAgent = userAgent;
    any = true;
  }
  const clientIp = str(req.client_ip);
  if (clientIp !== undefined) {
    out.clientIp = clientIp;
    any = true;
  }
  const status = num(res.status);
  if (status !== undefined) {
    out.status = status;
    any = true;
  }
  const contentLength = num(res.content_length);
  if (contentLength !== undefined) {
    out.contentLength = contentLength;
    any = true;
  }
  return any ? out : NO_HTTP;
}

function exceptionOf(e: Record<string, unknown>): XrayException {
  const x: XrayException = { id: str(e.id) ?? '', stack: [] };
  const message = str(e.message);
  if (message !== undefined) x.message = message;
  const type = str(e.type);
  if (type !== undefined) x.type = type;
  if (e.remote === true) x.remote = true;
  const truncated = num(e.truncated);
  if (truncated !== undefined) x.truncated = truncated;
  const skipped = num(e.skipped);
  if (skipped !== undefined) x.skipped = skipped;
  const cause = str(e.cause);
  if (cause !== undefined) x.cause = cause;
  if (Array.isArray(e.stack)) {
    x.stack = e.stack.filter(isObject).map((f) => {
      const frame: StackFrame = {};
      const path = str(f.path);
      if (path !== undefined) frame.path = path;
      const line = num(f.line);
      if (line !== undefined) frame.line = line;
      const label = str(f.label);
      if (label !== undefined) frame.label = label;
      return frame;
    });
  }
  return x;
}

function exceptionsOf(cause: unknown): readonly XrayException[] {
  if (!isObject(cause) || !Array.isArray(cause.exceptions)) return NO_EXCEPTIONS;
  const list: XrayException[] = [];
  for (const e of cause.exceptions) if (isObject(e)) list.push(exceptionOf(e));
  return list.length > 0 ? list : NO_EXCEPTIONS;
}

function annotationsOf(v: unknown): Record<string, string | number | boolean> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
  }
  return out;
}

function statusOf(inProgress: boolean, error: boolean, fault: boolean, throttle: boolean): SpanStatus {
  if (fault) return 'fault';
  if (throttle) return 'throttle';
  if (error) return 'error';
  if (inProgress) return 'pending';
  return 'ok';
}

/**
 * What the tree building needs of a span before its final record is made. Everything else is read from `raw`
 * once, when the final `Span` is created, so the parsed documents can be dropped afterwards.
 */
interface Building {
  raw: RawSegment;
  /** The document this span is the top of (top-level documents only), for its JSON text. */
  doc?: PendingDocumentLike;
  id: string;
  name: string;
  kind: Span['kind'];
  synthetic: boolean;
  origin: string;
  namespace: string;
  start: number;
  end: number | undefined;
  inProgress: boolean;
  aws: Record<string, unknown> | undefined;
  hasSql: boolean;
  parent: number;
  children: number[] | undefined;
  /** parent_id of a top-level document, resolved after every document is read. */
  pendingParent: string | undefined;
  orphan: boolean;
  cycle: boolean;
  /** Index before reordering: the tie-break of children that start together. */
  order: number;
}

function building(
  raw: RawSegment,
  kind: Span['kind'],
  parent: number,
  order: number,
  strings: Map<string, string>,
): Building {
  const inProgress = raw.in_progress === true;
  return {
    raw,
    doc: undefined,
    id: str(raw.id) ?? '',
    name: intern(strings, str(raw.name) ?? ''),
    kind: raw.inferred === true ? 'inferred' : kind,
    synthetic: false,
    origin: intern(strings, str(raw.origin) ?? ''),
    namespace: intern(strings, str(raw.namespace) ?? ''),
    start: num(raw.start_time) ?? NaN,
    end: inProgress ? undefined : num(raw.end_time),
    inProgress,
    aws: isObject(raw.aws) ? raw.aws : undefined,
    hasSql: isObject(raw.sql),
    parent,
    children: undefined,
    pendingParent: undefined,
    orphan: false,
    cycle: false,
    order,
  };
}

/**
 * Values the traces of one load share instead of each holding a copy: repeated names, origins and node ids (they
 * repeat on every span of a service), and one-element `children` lists (every call with an inferred node has
 * one; the same index recurs across traces of the same shape). Shared lists are frozen.
 */
export interface SharedValues {
  strings: Map<string, string>;
  oneChild: (readonly number[])[];
}

/** A fresh set of shared values, for one load (see `SharedValues`). */
export function newSharedValues(): SharedValues {
  return { strings: new Map(), oneChild: [] };
}

function oneChild(shared: SharedValues, child: number): readonly number[] {
  if (child >= 4096) return [child];
  return (shared.oneChild[child] ??= Object.freeze([child]));
}

function intern(strings: Map<string, string>, s: string): string {
  if (s.length > 200) return s;
  const known = strings.get(s);
  if (known !== undefined) return known;
  strings.set(s, s);
  return s;
}

function documentJson(d: PendingDocumentLike): string | undefined {
  if (d.text !== undefined) return d.text;
  try {
    return JSON.stringify(d.doc);
  } catch {
    return undefined; // nesting deeper than JSON.stringify's stack: the Raw JSON view says it is unavailable
  }
}

/** Values fixed once the tree is in depth-first order. */
interface Placed {
  start: number;
  durationMs: number;
  inProgress: boolean;
  skew: boolean;
  parent: number;
  children: readonly number[];
  depth: number;
  segment: number;
  node: string;
}

/**
 * The span record views keep. Fields every span has come first, in one order, so all spans share a few hidden
 * classes; `end` and `aws` are dropped from the end when absent (no per-span `undefined` slots), and the
 * rarely present fields are added only when the document has them.
 */
function finalSpan(b: Building, x: Placed): Span {
  const raw = b.raw;
  const http = httpOf(raw.http);
  const status = http.status;
  // The document's own flags are what the SDK decided; the status code fills in only when it recorded none (the
  // SDKs set error for 4xx, error + throttle for 429, fault for 5xx: aws-xray-sdk-node http_p.js / utils
  // getCauseTypeFromHttpStatus), so a 404 the SDK recorded as a fault is a fault, not also an error.
  const flagged = typeof raw.error === 'boolean' || typeof raw.fault === 'boolean' || typeof raw.throttle === 'boolean';
  const fault = flagged ? raw.fault === true : status !== undefined && status >= 500 && status < 600;
  const throttle = flagged ? raw.throttle === true : status === 429;
  const error = flagged ? raw.error === true : status !== undefined && status >= 400 && status < 500;
  const span: Span = {
    id: b.id,
    name: b.name,
    kind: b.kind,
    synthetic: b.synthetic,
    origin: b.origin,
    namespace: b.namespace,
    start: x.start,
    durationMs: x.durationMs,
    inProgress: x.inProgress,
    error,
    fault,
    throttle,
    status: statusOf(x.inProgress, error, fault, throttle),
    http,
    exceptions: b.synthetic ? NO_EXCEPTIONS : exceptionsOf(raw.cause),
    parent: x.parent,
    children: x.children,
    depth: x.depth,
    segment: x.segment,
    node: x.node,
    orphan: b.orphan,
    cycle: b.cycle,
    skew: x.skew,
    end: b.end,
    aws: b.aws,
  };
  // Deleting the last keys keeps the fast object layout (a key in the middle would not).
  if (span.aws === undefined) delete span.aws;
  if (span.end === undefined) delete span.end;
  if (b.hasSql) span.sql = raw.sql as Record<string, unknown>;
  if (!b.synthetic) {
    const annotations = annotationsOf(raw.annotations);
    if (annotations) span.annotations = annotations;
    if (isObject(raw.metadata)) span.metadata = raw.metadata;
  }
  if (typeof raw.cause === 'string') span.causeRef = raw.cause;
  const user = str(raw.user);
  if (user !== undefined) span.user = user;
  const resourceArn = str(raw.resource_arn);
  if (resourceArn !== undefined) span.resourceArn = resourceArn;
  if (!b.synthetic && Array.isArray(raw.links)) {
    const links: { traceId: string; id: string }[] = [];
    for (const l of raw.links) {
      if (!isObject(l)) continue;
      const traceId = str(l.trace_id);
      const id = str(l.id);
      if (traceId && id) links.push({ traceId: normalizeTraceId(traceId), id });
    }
    if (links.length > 0) span.links = links;
  }
  if (b.doc) {
    const json = documentJson(b.doc);
    if (json !== undefined) span.rawJson = json;
  }
  return span;
}

/**
 * Builds a trace from its documents. Duplicate documents (an in-progress one later completed) keep the complete
 * one; problems are appended to `diagnostics`. Traces of one load pass the same `shared` values so repeated
 * strings and one-child lists are stored once (see `SharedValues`).
 */
export function buildTrace(
  traceId: string,
  documents: readonly PendingDocumentLike[],
  diagnostics: XrayDiagnostic[],
  shared: SharedValues = newSharedValues(),
): Trace {
  const strings = shared.strings;
  const counts: Record<string, number> = {};
  const traceFiles = [...new Set(documents.map((d) => d.file))].join(', ');
  const report = (
    severity: XrayDiagnostic['severity'],
    code: string,
    message: string,
    file: string = traceFiles,
    spanId?: string,
  ): void => {
    counts[code] = (counts[code] ?? 0) + 1;
    if (counts[code] <= MAX_DIAGNOSTICS_PER_KIND) {
      diagnostics.push({
        severity,
        message,
        line: 1,
        column: 1,
        source: 'xray',
        code,
        file,
        ...(spanId ? { spanId } : {}),
      });
    } else if (counts[code] === MAX_DIAGNOSTICS_PER_KIND + 1) {
      diagnostics.push({
        severity: 'info',
        message: `Trace ${traceId}: more ${code} problems not listed.`,
        line: 1,
        column: 1,
        source: 'xray',
        code,
        file,
      });
    }
  };

  // 1. One document per id: a complete document replaces an in-progress one.
  const byId = new Map<string, PendingDocumentLike>();
  const anonymous: PendingDocumentLike[] = [];
  for (const d of documents) {
    const id = str(d.doc.id);
    if (!id) {
      report('error', 'xray-no-id', `Trace ${traceId}: a segment document has no id; kept without links.`, d.file);
      anonymous.push(d);
      continue;
    }
    const prev = byId.get(id);
    if (!prev) byId.set(id, d);
    else if (prev.doc.in_progress === true && d.doc.in_progress !== true) byId.set(id, d);
  }
  const docs = [...byId.values(), ...anonymous];
  const deduplicated = documents.length - docs.length;
  if (deduplicated > 0) {
    report(
      'info',
      'xray-duplicate',
      `Trace ${traceId}: ${deduplicated} duplicate document(s) ignored (same id; a complete document wins over an in-progress one).`,
    );
  }
  const files = traceFiles === '' ? [] : [...new Set(documents.map((d) => d.file))];
  const limitExceeded = documents.some((d) => d.limitExceeded === true);

  // 2. Flatten every document and its nested subsegments (iteratively: depth is attacker-controlled).
  const spans: Building[] = [];
  const index = new Map<string, number>();
  for (const d of docs) {
    // Independent subsegments say so; an embedded subsegment saved on its own is recognisable by its namespace.
    const isSub = d.doc.type === 'subsegment' || (typeof d.doc.namespace === 'string' && d.doc.trace_id === undefined);
    const top = building(d.doc, isSub ? 'subsegment' : 'segment', -1, spans.length, strings);
    top.doc = d;
    const pid = str(d.doc.parent_id);
    if (pid) top.pendingParent = pid;
    spans.push(top);
    const stack: [RawSegment, number][] = [[d.doc, spans.length - 1]];
    while (stack.length > 0) {
      const [raw, at] = stack.pop()!;
      if (!Array.isArray(raw.subsegments)) continue;
      for (const sub of raw.subsegments) {
        if (!isObject(sub)) continue;
        spans.push(building(sub as RawSegment, 'subsegment', at, spans.length, strings));
        stack.push([sub as RawSegment, spans.length - 1]);
      }
    }
  }
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (s.id && !index.has(s.id)) index.set(s.id, i);
  }

  // 3. Resolve cross-document parents; a missing parent makes an orphan root.
  for (const s of spans) {
    if (s.pendingParent === undefined) continue;
    const p = index.get(s.pendingParent);
    if (p === undefined || spans[p] === s) {
      s.orphan = true;
      report(
        'warning',
        'xray-orphan',
        `Trace ${traceId}: "${s.name}" (${s.id}) names parent ${s.pendingParent}, which is not in the trace; shown as a root.`,
        undefined,
        s.id,
      );
    } else {
      s.parent = p;
    }
  }
  const addChild = (p: Building, c: number): void => {
    if (p.children) p.children.push(c);
    else p.children = [c];
  };
  for (let i = 0; i < spans.length; i++) {
    const p = spans[i].parent;
    if (p >= 0) addChild(spans[p], i);
  }

  // 4. Inferred downstream nodes for calls whose callee sent no segment.
  const existing = spans.length;
  for (let i = 0; i < existing; i++) {
    const s = spans[i];
    if (s.kind !== 'subsegment') continue;
    const downstream = s.namespace === 'aws' || s.namespace === 'remote' || s.hasSql;
    if (!downstream) continue;
    const idn = inferredIdentity(s.name, s.namespace, s.aws, s.hasSql);
    // A queue sits between the sender and the receiver: X-Ray draws sender → queue → receiving function (the
    // GetServiceGraph in the Grafana data source's test data), so an SQS call keeps its queue node even when the
    // receiver's segment names the call as its parent; that segment then hangs under the queue.
    const queue = idn.type === 'AWS::SQS::Queue';
    const called = s.children ? s.children.filter((c) => spans[c].kind !== 'subsegment') : [];
    // X-Ray's own inferred segment for the call (BatchGetTraces output) already is the node.
    if (called.length > 0 && (!queue || called.some((c) => spans[c].kind === 'inferred'))) continue;
    const inf = building(s.raw, 'inferred', i, spans.length, strings);
    inf.kind = 'inferred';
    inf.synthetic = true;
    inf.id = `inferred:${s.id}`;
    inf.name = intern(strings, idn.name);
    inf.origin = intern(strings, idn.type);
    inf.namespace = '';
    spans.push(inf);
    const at = spans.length - 1;
    if (called.length > 0) {
      s.children = s.children!.filter((c) => !called.includes(c));
      for (const c of called) {
        spans[c].parent = at;
        addChild(inf, c);
      }
    }
    addChild(s, at);
  }

  // 5. Depth-first order from the roots; spans never reached sit on a parent cycle.
  for (const s of spans) {
    if (s.children && s.children.length > 1)
      s.children.sort((a, b) => spans[a].start - spans[b].start || spans[a].order - spans[b].order);
  }
  const roots: number[] = [];
  for (let i = 0; i < spans.length; i++) if (spans[i].parent < 0) roots.push(i);
  const rootRank = (s: { orphan: boolean; cycle: boolean }): number => (s.orphan || s.cycle ? 1 : 0);
  roots.sort((a, b) => rootRank(spans[a]) - rootRank(spans[b]) || spans[a].start - spans[b].start || a - b);

  const newIndex = new Int32Array(spans.length).fill(-1);
  const ordered: Building[] = [];
  const visit = (rootIdx: number): void => {
    const stack = [rootIdx];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (newIndex[i] !== -1) continue;
      newIndex[i] = ordered.length;
      ordered.push(spans[i]);
      const ch = spans[i].children;
      if (ch) for (let k = ch.length - 1; k >= 0; k--) if (newIndex[ch[k]] === -1) stack.push(ch[k]);
    }
  };
  for (const r of roots) visit(r);
  if (ordered.length < spans.length) {
    const onPath = new Uint8Array(spans.length);
    for (let i = 0; i < spans.length; i++) {
      if (newIndex[i] !== -1) continue;
      // Walk up until we meet a span already seen on this walk: that span is on the cycle; cut its parent link.
      let j = i;
      const path: number[] = [];
      while (newIndex[j] === -1 && !onPath[j]) {
        onPath[j] = 1;
        path.push(j);
        j = spans[j].parent;
        if (j < 0) break;
      }
      for (const k of path) onPath[k] = 0;
      if (j >= 0 && newIndex[j] === -1) {
        const s = spans[j];
        const oldParent = s.parent;
        spans[oldParent].children = spans[oldParent].children?.filter((c) => c !== j);
        s.parent = -1;
        s.cycle = true;
        report(
          'error',
          'xray-cycle',
          `Trace ${traceId}: parent links of "${s.name}" (${s.id}) form a cycle; the link to ${spans[oldParent].id} was ignored.`,
          undefined,
          s.id,
        );
        roots.push(j);
        visit(j);
      }
    }
  }

  // 6. The final records, in depth-first order: depth, owning segment, node id, duration and clock skew.
  const out: Span[] = new Array(ordered.length);
  for (let n = 0; n < ordered.length; n++) {
    const b = ordered[n];
    const parent = b.parent >= 0 ? newIndex[b.parent] : -1;
    const p = parent >= 0 ? out[parent] : undefined;
    const depth = p ? p.depth + 1 : 0;
    const segment = p && b.kind === 'subsegment' ? p.segment : n;
    let start = b.start;
    let skew = false;
    if (!Number.isFinite(start)) {
      report(
        'warning',
        'xray-no-start',
        `Trace ${traceId}: "${b.name}" (${b.id}) has no valid start_time.`,
        undefined,
        b.id,
      );
      start = p ? p.start : (b.end ?? 0);
      skew = true;
    }
    let durationMs = 0;
    let inProgress = b.inProgress;
    if (b.end !== undefined) {
      if (b.end < start) {
        skew = true;
        report(
          'warning',
          'xray-clock-skew',
          `Trace ${traceId}: "${b.name}" (${b.id}) ends before it starts (clock skew); shown with no duration.`,
          undefined,
          b.id,
        );
      } else {
        durationMs = (b.end - start) * 1000;
      }
    } else if (!inProgress) {
      inProgress = true;
      report(
        'warning',
        'xray-no-end',
        `Trace ${traceId}: "${b.name}" (${b.id}) has neither end_time nor in_progress; treated as in progress.`,
        undefined,
        b.id,
      );
    }
    let node: string;
    if (segment !== n) node = out[segment].node;
    else if (b.kind === 'inferred' && !b.synthetic) {
      const idn = inferredIdentity(b.name, '', b.aws, false, b.origin);
      node = intern(strings, nodeIdOf(idn.name, idn.type));
    } else node = intern(strings, nodeIdOf(b.name, b.origin));
    out[n] = finalSpan(b, {
      start,
      durationMs,
      inProgress,
      skew,
      parent,
      children:
        !b.children || b.children.length === 0
          ? NO_CHILDREN
          : b.children.length === 1
            ? oneChild(shared, newIndex[b.children[0]])
            : b.children.map((c) => newIndex[c]),
      depth,
      segment,
      node,
    });
  }

  // 7. Trace summary values.
  let start = Infinity;
  let end = -Infinity;
  let throttle = false;
  let partial = false;
  for (const s of out) {
    if (s.start < start) start = s.start;
    const e = s.end ?? s.start;
    if (e > end) end = e;
    if (s.throttle) throttle = true;
    if (s.inProgress) partial = true;
  }
  if (!Number.isFinite(start)) start = 0;
  if (!Number.isFinite(end)) end = start;
  const rootList = roots.map((r) => newIndex[r]).filter((r) => r >= 0);
  rootList.sort((a, b) => rootRank(out[a]) - rootRank(out[b]) || out[a].start - out[b].start);
  const status = traceStatus(out, rootList.length > 0 ? rootList[0] : -1);
  const error = status.error;
  const fault = status.fault;
  if (status.throttle) throttle = true;
  return {
    id: traceId,
    start,
    end,
    durationMs: Math.max(0, (end - start) * 1000),
    segments: docs.length,
    spans: out,
    roots: rootList,
    root: rootList.length > 0 ? rootList[0] : -1,
    error,
    fault,
    throttle,
    partial,
    files,
    limitExceeded,
  };
}

/**
 * A trace's status as the X-Ray API defines it (TraceSummary): `fault` — "the root segment document has a 500
 * series error", `error` — "the root segment document has a 400 series error", `throttle` — "one or more of the
 * segment documents has a 429 throttling error". A downstream error the service handled does not make the trace
 * an error ("Simple keywords and operators find issues only at the trace level", developer guide, filter
 * expressions). With no root span (an empty trace) nothing is flagged.
 */
export function traceStatus(
  spans: readonly Span[],
  root: number,
): { error: boolean; fault: boolean; throttle: boolean } {
  const r = root >= 0 ? spans[root] : undefined;
  return { error: r?.error ?? false, fault: r?.fault ?? false, throttle: spans.some((s) => s.throttle) };
}

/**
 * The filter keyword `ok` of a trace: "Response status code was 2XX Success" — the root segment's response, so a
 * throttle handled further down leaves the trace ok.
 */
export function traceOk(trace: Pick<Trace, 'spans' | 'root'>): boolean {
  const r = trace.root >= 0 ? trace.spans[trace.root] : undefined;
  return r !== undefined && !r.error && !r.fault && !r.throttle;
}

/** The trace's row status in X-Ray's colours: fault before throttle before error, `pending` while in progress. */
export function traceStatusOf(trace: Pick<Trace, 'error' | 'fault' | 'throttle' | 'partial'>): SpanStatus {
  return statusOf(
    trace.partial && !trace.fault && !trace.error && !trace.throttle,
    trace.error,
    trace.fault,
    trace.throttle,
  );
}

/**
 * The spans a trace's documents recorded: segments and subsegments as sent, and the inferred segments X-Ray wrote
 * into BatchGetTraces output, but not the inferred nodes we add for calls (they are no span anyone sent). The
 * list, the timeline header and the CLI all show this count.
 */
export function recordedSpanCount(trace: Trace): number {
  let n = 0;
  for (const s of trace.spans) if (!s.synthetic) n++;
  return n;
}

/** Finds an exception by id anywhere in the trace, to resolve `cause` given as an exception id. */
export function findException(trace: Trace, id: string): XrayException | undefined {
  for (const s of trace.spans) {
    for (const e of s.exceptions) if (e.id === id) return e;
  }
  return undefined;
}

function matchesSpan(v: Record<string, unknown>, span: Span): boolean {
  const id = str(v.id) ?? '';
  if (id !== span.id) return false;
  // Documents without ids (broken data) are told apart by name and start time.
  return id !== '' || ((str(v.name) ?? '') === span.name && num(v.start_time) === span.start);
}

/** The object with the span's id inside one parsed document (iteratively: nesting depth is unbounded). */
function findInDocument(doc: Record<string, unknown>, span: Span): RawSegment | undefined {
  const stack: Record<string, unknown>[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (matchesSpan(v, span)) return v as RawSegment;
    if (Array.isArray(v.subsegments)) {
      for (let k = v.subsegments.length - 1; k >= 0; k--) {
        const sub: unknown = v.subsegments[k];
        if (isObject(sub)) stack.push(sub);
      }
    }
  }
  return undefined;
}

function parseDocument(json: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(json);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The raw segment or subsegment object a span was read from, parsed on demand for the Raw JSON view (spans keep
 * only their document's text, on the document's top span, because the parsed documents are several times
 * larger). An inferred span made from a call gives the calling subsegment, as X-Ray's console does. Undefined
 * when the document is not available (a document too deeply nested to store as text).
 */
export function rawSegment(trace: Trace, index: number): RawSegment | undefined {
  const spans = trace.spans;
  if (!spans[index]) return undefined;
  // An inferred node made from a call shows the calling subsegment (its parent).
  let j = spans[index].synthetic && spans[index].parent >= 0 ? spans[index].parent : index;
  const span = spans[j];
  // The document's top is up the parent links unless a broken parent cycle was cut inside the document.
  while (j >= 0 && spans[j].rawJson === undefined) j = spans[j].parent;
  if (j >= 0) {
    const doc = parseDocument(spans[j].rawJson!);
    const found = doc && findInDocument(doc, span);
    if (found) return found;
  }
  for (const s of spans) {
    if (s.rawJson === undefined || (span.id !== '' && !s.rawJson.includes(span.id))) continue;
    const doc = parseDocument(s.rawJson);
    const found = doc && findInDocument(doc, span);
    if (found) return found;
  }
  return undefined;
}

/**
 * The raw JSON text of a span's segment or subsegment document (see `rawSegment`): the stored text itself for a
 * document's top span, re-serialised from its document otherwise; `indent` pretty-prints. Undefined when not
 * available (see `rawSegment`) or too deeply nested to serialise.
 */
export function rawSegmentJson(trace: Trace, index: number, indent?: number): string | undefined {
  const span = trace.spans[index];
  if (!span) return undefined;
  if (span.rawJson !== undefined && indent === undefined) return span.rawJson;
  const raw = rawSegment(trace, index);
  if (raw === undefined) return undefined;
  try {
    return JSON.stringify(raw, null, indent);
  } catch {
    return undefined;
  }
}
