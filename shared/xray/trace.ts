/**
 * Builds one trace's span tree from its segment documents, the way X-Ray relates them: subsegments nest inside
 * their document, a segment's `parent_id` names the (sub)segment that called it — also across services — and a
 * downstream call without a segment of its own becomes an inferred node, as X-Ray infers them.
 *
 * Broken data is kept and flagged instead of dropped: a missing parent makes an orphan root, a parent cycle is
 * broken at one span with a diagnostic, an end before the start is marked as clock skew. Everything is linear in
 * the number of spans except sorting each span's children by start time.
 */
import type { HttpInfo, RawSegment, Span, SpanStatus, Trace, XrayDiagnostic, XrayException } from './types.ts';

/** A document waiting for its trace, with the file it came from (for diagnostics and the trace's file list). */
export interface PendingDocumentLike {
  doc: RawSegment;
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
 * The downstream node a call stands for, as X-Ray names it on the service map: a DynamoDB call with a table name
 * is the table (`AWS::DynamoDB::Table`), an S3 call with a bucket the bucket, SQS the queue URL, SNS the topic,
 * a Lambda Invoke the function, a SQL call the database, any other `aws` call the service (`AWS::<name>`), and a
 * `remote` call the host it went to.
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
  const bucket = str(a.bucket_name);
  const queue = str(a.queue_url);
  const topic = str(a.topic_arn);
  const fn = str(a.function_name);
  if (origin) {
    if (origin === 'AWS::DynamoDB::Table' && table) return { name: table, type: origin };
    if (origin === 'AWS::S3::Bucket' && bucket) return { name: bucket, type: origin };
    if (origin === 'AWS::SQS::Queue' && queue) return { name: queue, type: origin };
    if (origin === 'AWS::SNS::Topic' && topic) return { name: lastArnPart(topic), type: origin };
    return { name, type: origin };
  }
  if (hasSql && namespace !== 'aws') return { name, type: 'Database::SQL' };
  if (namespace === 'aws') {
    if (table) return { name: table, type: 'AWS::DynamoDB::Table' };
    if (bucket) return { name: bucket, type: 'AWS::S3::Bucket' };
    if (queue) return { name: queue, type: 'AWS::SQS::Queue' };
    if (topic) return { name: lastArnPart(topic), type: 'AWS::SNS::Topic' };
    if (fn && /^lambda$/i.test(name)) return { name: lastArnPart(fn), type: 'AWS::Lambda' };
    return { name, type: `AWS::${name}` };
  }
  return { name, type: 'remote' };
}

function httpOf(raw: unknown): HttpInfo {
  if (!isObject(raw)) return {};
  const req = isObject(raw.request) ? raw.request : {};
  const res = isObject(raw.response) ? raw.response : {};
  return {
    method: str(req.method),
    url: str(req.url),
    userAgent: str(req.user_agent),
    clientIp: str(req.client_ip),
    status: num(res.status),
    contentLength: num(res.content_length),
  };
}

function exceptionsOf(cause: unknown): { list: XrayException[]; ref?: string } {
  if (typeof cause === 'string') return { list: [], ref: cause };
  if (!isObject(cause) || !Array.isArray(cause.exceptions)) return { list: [] };
  const list: XrayException[] = [];
  for (const e of cause.exceptions) {
    if (!isObject(e)) continue;
    list.push({
      id: str(e.id) ?? '',
      message: str(e.message),
      type: str(e.type),
      remote: e.remote === true,
      truncated: num(e.truncated),
      skipped: num(e.skipped),
      cause: str(e.cause),
      stack: Array.isArray(e.stack)
        ? e.stack.filter(isObject).map((f) => ({ path: str(f.path), line: num(f.line), label: str(f.label) }))
        : [],
    });
  }
  return { list };
}

function annotationsOf(v: unknown): Record<string, string | number | boolean> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
  }
  return out;
}

function statusOf(s: Pick<Span, 'inProgress' | 'fault' | 'throttle' | 'error'>): SpanStatus {
  if (s.fault) return 'fault';
  if (s.throttle) return 'throttle';
  if (s.error) return 'error';
  if (s.inProgress) return 'pending';
  return 'ok';
}

interface Building extends Span {
  /** parent_id of a top-level document, resolved after every document is read. */
  pendingParent?: string;
  order: number;
}

function makeSpan(raw: RawSegment, kind: Span['kind'], parent: number, order: number): Building {
  const http = httpOf(raw.http);
  const status = http.status;
  const inProgress = raw.in_progress === true;
  const start = num(raw.start_time) ?? NaN;
  const endRaw = num(raw.end_time);
  const end = inProgress ? undefined : endRaw;
  const { list, ref } = exceptionsOf(raw.cause);
  const fault = raw.fault === true || (status !== undefined && status >= 500 && status < 600);
  const throttle = raw.throttle === true || status === 429;
  const error = raw.error === true || (status !== undefined && status >= 400 && status < 500);
  const span: Building = {
    id: str(raw.id) ?? '',
    name: str(raw.name) ?? '',
    kind: raw.inferred === true ? 'inferred' : kind,
    synthetic: false,
    origin: str(raw.origin) ?? '',
    namespace: str(raw.namespace) ?? '',
    start,
    end,
    durationMs: 0,
    inProgress,
    error,
    fault,
    throttle,
    status: 'ok',
    http,
    aws: isObject(raw.aws) ? raw.aws : undefined,
    sql: isObject(raw.sql) ? raw.sql : undefined,
    annotations: annotationsOf(raw.annotations),
    metadata: isObject(raw.metadata) ? raw.metadata : undefined,
    exceptions: list,
    causeRef: ref,
    user: str(raw.user),
    resourceArn: str(raw.resource_arn),
    parent,
    children: [],
    depth: 0,
    segment: -1,
    node: '',
    orphan: false,
    cycle: false,
    skew: false,
    raw,
    order,
  };
  span.status = statusOf(span);
  return span;
}

/**
 * Builds a trace from its documents. Duplicate documents (an in-progress one later completed) keep the complete
 * one; problems are appended to `diagnostics`.
 */
export function buildTrace(traceId: string, documents: readonly PendingDocumentLike[], diagnostics: XrayDiagnostic[]): Trace {
  const counts: Record<string, number> = {};
  const traceFiles = [...new Set(documents.map((d) => d.file))].join(', ');
  const report = (severity: XrayDiagnostic['severity'], code: string, message: string, file: string = traceFiles, spanId?: string): void => {
    counts[code] = (counts[code] ?? 0) + 1;
    if (counts[code] <= MAX_DIAGNOSTICS_PER_KIND) {
      diagnostics.push({ severity, message, line: 1, column: 1, source: 'xray', code, file, ...(spanId ? { spanId } : {}) });
    } else if (counts[code] === MAX_DIAGNOSTICS_PER_KIND + 1) {
      diagnostics.push({ severity: 'info', message: `Trace ${traceId}: more ${code} problems not listed.`, line: 1, column: 1, source: 'xray', code, file });
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
    report('info', 'xray-duplicate', `Trace ${traceId}: ${deduplicated} duplicate document(s) ignored (same id; a complete document wins over an in-progress one).`);
  }
  const files = traceFiles === '' ? [] : [...new Set(documents.map((d) => d.file))];
  const limitExceeded = documents.some((d) => d.limitExceeded === true);

  // 2. Flatten every document and its nested subsegments (iteratively: depth is attacker-controlled).
  const spans: Building[] = [];
  const index = new Map<string, number>();
  for (const d of docs) {
    // Independent subsegments say so; an embedded subsegment saved on its own is recognisable by its namespace.
    const isSub = d.doc.type === 'subsegment' || (typeof d.doc.namespace === 'string' && d.doc.trace_id === undefined);
    const top = makeSpan(d.doc, isSub ? 'subsegment' : 'segment', -1, spans.length);
    const pid = str(d.doc.parent_id);
    if (pid) top.pendingParent = pid;
    spans.push(top);
    const stack: [RawSegment, number][] = [[d.doc, spans.length - 1]];
    while (stack.length > 0) {
      const [raw, at] = stack.pop()!;
      if (!Array.isArray(raw.subsegments)) continue;
      for (const sub of raw.subsegments) {
        if (!isObject(sub)) continue;
        spans.push(makeSpan(sub as RawSegment, 'subsegment', at, spans.length));
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
      report('warning', 'xray-orphan', `Trace ${traceId}: "${s.name}" (${s.id}) names parent ${s.pendingParent}, which is not in the trace; shown as a root.`, undefined, s.id);
    } else {
      s.parent = p;
    }
  }
  for (let i = 0; i < spans.length; i++) {
    const p = spans[i].parent;
    if (p >= 0) spans[p].children.push(i);
  }

  // 4. Inferred downstream nodes for calls whose callee sent no segment.
  const existing = spans.length;
  for (let i = 0; i < existing; i++) {
    const s = spans[i];
    if (s.kind !== 'subsegment') continue;
    const downstream = s.namespace === 'aws' || s.namespace === 'remote' || s.sql !== undefined;
    if (!downstream) continue;
    if (s.children.some((c) => spans[c].kind !== 'subsegment')) continue;
    const idn = inferredIdentity(s.name, s.namespace, s.aws, s.sql !== undefined);
    const inf = makeSpan(s.raw, 'inferred', i, spans.length);
    inf.kind = 'inferred';
    inf.synthetic = true;
    inf.id = `inferred:${s.id}`;
    inf.name = idn.name;
    inf.origin = idn.type;
    inf.namespace = '';
    inf.raw = s.raw;
    inf.annotations = undefined;
    inf.metadata = undefined;
    inf.exceptions = [];
    spans.push(inf);
    s.children.push(spans.length - 1);
  }

  // 5. Depth-first order from the roots; spans never reached sit on a parent cycle.
  for (const s of spans) {
    if (s.children.length > 1) s.children.sort((a, b) => spans[a].start - spans[b].start || spans[a].order - spans[b].order);
  }
  const roots: number[] = [];
  for (let i = 0; i < spans.length; i++) if (spans[i].parent < 0) roots.push(i);
  const rootRank = (s: Building): number => (s.orphan || s.cycle ? 1 : 0);
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
      for (let k = ch.length - 1; k >= 0; k--) if (newIndex[ch[k]] === -1) stack.push(ch[k]);
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
        spans[oldParent].children = spans[oldParent].children.filter((c) => c !== j);
        s.parent = -1;
        s.cycle = true;
        report('error', 'xray-cycle', `Trace ${traceId}: parent links of "${s.name}" (${s.id}) form a cycle; the link to ${spans[oldParent].id} was ignored.`, undefined, s.id);
        roots.push(j);
        visit(j);
      }
    }
  }

  // 6. Remap to depth-first order and fill in depth, owning segment, node id, duration and clock skew.
  const out: Span[] = ordered;
  for (let n = 0; n < ordered.length; n++) {
    const s = ordered[n];
    s.parent = s.parent >= 0 ? newIndex[s.parent] : -1;
    s.children = s.children.map((c) => newIndex[c]);
    delete (s as Partial<Building>).order;
    delete (s as Partial<Building>).pendingParent;
    if (s.parent >= 0) {
      const p = ordered[s.parent];
      s.depth = p.depth + 1;
      s.segment = s.kind === 'subsegment' ? p.segment : n;
    } else {
      s.depth = 0;
      s.segment = n;
    }
    if (!Number.isFinite(s.start)) {
      report('warning', 'xray-no-start', `Trace ${traceId}: "${s.name}" (${s.id}) has no valid start_time.`, undefined, s.id);
      s.start = s.parent >= 0 ? ordered[s.parent].start : (s.end ?? 0);
      s.skew = true;
    }
    if (s.end !== undefined) {
      if (s.end < s.start) {
        s.skew = true;
        s.durationMs = 0;
        report('warning', 'xray-clock-skew', `Trace ${traceId}: "${s.name}" (${s.id}) ends before it starts (clock skew); shown with no duration.`, undefined, s.id);
      } else {
        s.durationMs = (s.end - s.start) * 1000;
      }
    } else if (!s.inProgress) {
      s.inProgress = true;
      s.status = statusOf(s);
      report('warning', 'xray-no-end', `Trace ${traceId}: "${s.name}" (${s.id}) has neither end_time nor in_progress; treated as in progress.`, undefined, s.id);
    }
    const owner = ordered[s.segment];
    if (owner.kind === 'inferred' && !owner.synthetic && owner === s) {
      const idn = inferredIdentity(s.name, '', s.aws, false, s.origin);
      s.node = nodeIdOf(idn.name, idn.type);
    } else if (owner === s) {
      s.node = nodeIdOf(s.name, s.origin);
    } else {
      s.node = owner.node;
    }
  }

  // 7. Trace summary values.
  let start = Infinity;
  let end = -Infinity;
  let error = false;
  let fault = false;
  let throttle = false;
  let partial = false;
  for (const s of out) {
    if (s.start < start) start = s.start;
    const e = s.end ?? s.start;
    if (e > end) end = e;
    if (s.error) error = true;
    if (s.fault) fault = true;
    if (s.throttle) throttle = true;
    if (s.inProgress) partial = true;
  }
  if (!Number.isFinite(start)) start = 0;
  if (!Number.isFinite(end)) end = start;
  const rootList = roots.map((r) => newIndex[r]).filter((r) => r >= 0);
  rootList.sort((a, b) => rootRank(out[a] as Building) - rootRank(out[b] as Building) || out[a].start - out[b].start);
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

/** Finds an exception by id anywhere in the trace, to resolve `cause` given as an exception id. */
export function findException(trace: Trace, id: string): XrayException | undefined {
  for (const s of trace.spans) {
    for (const e of s.exceptions) if (e.id === id) return e;
  }
  return undefined;
}
