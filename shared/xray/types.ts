/**
 * The X-Ray model every trace view is built from: the loader turns files into `XrayDataset`, the trace builder
 * gives each trace its span tree, the service map is computed from those trees (or read from GetServiceGraph).
 * The CLI's `traces --json` output is a projection of these types.
 *
 * Field names of the raw documents follow the X-Ray segment document reference
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html).
 */
import type { Diagnostic } from '../diagnostics.ts';

/** A diagnostic that also says which input file it came from, because several files load into one dataset. */
export interface XrayDiagnostic extends Diagnostic {
  file?: string;
  /** The segment or subsegment id the problem is about (also used to find its line in the file). */
  spanId?: string;
}

/** A raw segment or subsegment document as X-Ray stores it; unknown fields are kept for the Raw JSON view. */
export interface RawSegment {
  id?: unknown;
  name?: unknown;
  trace_id?: unknown;
  parent_id?: unknown;
  start_time?: unknown;
  end_time?: unknown;
  in_progress?: unknown;
  type?: unknown;
  namespace?: unknown;
  origin?: unknown;
  inferred?: unknown;
  user?: unknown;
  resource_arn?: unknown;
  error?: unknown;
  fault?: unknown;
  throttle?: unknown;
  cause?: unknown;
  http?: unknown;
  aws?: unknown;
  sql?: unknown;
  annotations?: unknown;
  metadata?: unknown;
  subsegments?: unknown;
  [key: string]: unknown;
}

/** One frame of an exception's stack, as the SDKs record it. */
export interface StackFrame {
  path?: string;
  line?: number;
  label?: string;
}

/** An exception with its stack; `cause` references resolved to the exception object where the trace has it. */
export interface XrayException {
  id: string;
  message?: string;
  type?: string;
  remote?: boolean;
  truncated?: number;
  skipped?: number;
  /** Id of the exception that caused this one. */
  cause?: string;
  stack: StackFrame[];
}

/** HTTP request and response fields, flattened because every view and the filter language read them. */
export interface HttpInfo {
  method?: string;
  url?: string;
  userAgent?: string;
  clientIp?: string;
  status?: number;
  contentLength?: number;
}

/** How a span's outcome is classified, with X-Ray's colours: ok green, error yellow, fault red, throttle purple. */
export type SpanStatus = 'ok' | 'error' | 'fault' | 'throttle' | 'pending';

/**
 * One segment, subsegment or inferred segment of a trace. Spans live in `Trace.spans` in depth-first order;
 * links are indexes into that array so a 100,000-span trace stays a flat array of plain objects. Spans are
 * plain structured-cloneable data (no functions or classes) so they can be sent between threads; optional
 * fields are absent, not `undefined`, when the document lacks them, to keep 100,000 of them small.
 */
export interface Span {
  /** The document's `id`; synthesised inferred spans use `inferred:<caller id>`. */
  id: string;
  name: string;
  /** `segment` = a service's own document, `subsegment` = work inside it, `inferred` = a downstream node. */
  kind: 'segment' | 'subsegment' | 'inferred';
  /** True when X-Ray did not send this span but we inferred it from a subsegment (raw input). */
  synthetic: boolean;
  /** `origin` of a segment (AWS::Lambda::Function…), the inferred type for inferred spans, '' otherwise. */
  origin: string;
  /** `aws`, `remote`, `local` or '' (subsegments). */
  namespace: string;
  /** Seconds since the epoch. */
  start: number;
  /** Seconds since the epoch; undefined while in progress. */
  end?: number;
  /** Milliseconds; 0 for in-progress or clock-skewed spans. */
  durationMs: number;
  inProgress: boolean;
  error: boolean;
  fault: boolean;
  throttle: boolean;
  status: SpanStatus;
  /** HTTP fields present in the document; spans without any share one frozen empty object (`NO_HTTP`). */
  http: Readonly<HttpInfo>;
  /** The `aws` object (resources: table, operation, request id, ec2/ecs/…). */
  aws?: Record<string, unknown>;
  sql?: Record<string, unknown>;
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, unknown>;
  /** Exceptions of `cause`; spans without any share one frozen empty array (`NO_EXCEPTIONS`). */
  exceptions: readonly XrayException[];
  /** A cause given as an exception id elsewhere in the trace, kept for the Exceptions tab. */
  causeRef?: string;
  user?: string;
  resourceArn?: string;
  /**
   * `links` of the document: spans of other traces this one continues (SQS → Lambda trace linking: a batch's
   * function segment links to the send calls of the messages it received).
   */
  links?: { traceId: string; id: string }[];
  /** Index of the parent span, -1 for a root. */
  parent: number;
  /** Indexes of the child spans, by start time; leaves share one frozen empty array (`NO_CHILDREN`). */
  children: readonly number[];
  depth: number;
  /** Index of the segment (or inferred segment) this span belongs to: the service that did the work. */
  segment: number;
  /** Service map node id of the owning segment (see `nodeIdOf`). */
  node: string;
  /** Flags for problems found while building the tree. */
  orphan: boolean;
  cycle: boolean;
  skew: boolean;
  /**
   * The JSON text of the document this span is the top of (segments and independently sent subsegments only).
   * Nested subsegments and inferred spans have none: their raw JSON lies inside their document's text; read any
   * span's raw document with `rawSegment` / `rawSegmentJson` (trace.ts) rather than this field.
   */
  rawJson?: string;
}

/** A trace with its span tree and the summary values the list, the filter language and the CLI need. */
export interface Trace {
  /** X-Ray form `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx` when the input had X-Ray or W3C form. */
  id: string;
  /** Seconds since the epoch (earliest span start). */
  start: number;
  /** Seconds since the epoch (latest span end). */
  end: number;
  durationMs: number;
  /** Top-level documents read for this trace. */
  segments: number;
  /**
   * The spans in depth-first order. A trace from `buildTrace` keeps its spans as columns and makes these records
   * on the first read of this field (span-table.ts); the service map, the trace list and the timeline read the
   * columns instead (`spanTable`), so code on those paths should too.
   */
  spans: Span[];
  /** Indexes of root spans (the entry segment first, then orphans and broken cycles). */
  roots: number[];
  /** Index of the entry segment, -1 when the trace has no span. */
  root: number;
  error: boolean;
  fault: boolean;
  throttle: boolean;
  partial: boolean;
  /** Files the trace was read from. */
  files: string[];
  /** `LimitExceeded` from BatchGetTraces: X-Ray dropped part of this trace. */
  limitExceeded: boolean;
}

/** A (value, count) pair: X-Ray's sparse histogram shape (value in milliseconds here). */
export interface HistogramEntry {
  ms: number;
  count: number;
}

/** Request statistics shared by service map nodes and edges. */
export interface MapStats {
  requests: number;
  ok: number;
  errors: number;
  faults: number;
  throttles: number;
  /** Sum of response times in ms (avg = totalMs / requests). */
  totalMs: number;
  avgMs: number;
  histogram: HistogramEntry[];
}

/** A service map node: a client, an instrumented service (name + type) or an inferred downstream resource. */
export interface MapNode extends MapStats {
  /** `name|type` (see `nodeIdOf`). */
  id: string;
  name: string;
  type: string;
  inferred: boolean;
  client: boolean;
  /** Resources the calls to this node used (DynamoDB tables, S3 buckets, SQS queues, SNS topics, functions). */
  resources?: string[];
  /** Segments of this node still in progress: not counted as requests until they complete. */
  inProgress?: number;
}

/** A caller → callee edge; statistics are as the caller saw them (network time included). */
export interface MapEdge extends MapStats {
  id: string;
  from: string;
  to: string;
  /** `link` for asynchronous (SQS → Lambda) edges from GetServiceGraph. */
  edgeType?: string;
}

/** Nodes and edges of a service map, computed from traces or read from a GetServiceGraph/GetTraceGraph file. */
export interface ServiceMap {
  nodes: MapNode[];
  edges: MapEdge[];
}

/** One row of a GetTraceSummaries response, kept for the list when the traces themselves are not loaded. */
export interface TraceSummaryRow {
  id: string;
  durationMs?: number;
  responseTimeMs?: number;
  start?: number;
  error: boolean;
  fault: boolean;
  throttle: boolean;
  partial: boolean;
  http: HttpInfo;
  annotations: Record<string, (string | number | boolean)[]>;
  users: string[];
  /** `EntryPoint`: the root service (name + type). */
  entryPoint?: { name: string; type: string };
  /** `ServiceIds`: every service the trace went through (name + type). */
  services?: { name: string; type: string }[];
}

/** Everything read from a set of files: traces merged by id, summaries, service graphs, and problems. */
export interface XrayDataset {
  traces: Trace[];
  summaries: TraceSummaryRow[];
  /** Service graphs read from GetServiceGraph/GetTraceGraph files (merged). */
  serviceGraph?: ServiceMap;
  diagnostics: XrayDiagnostic[];
}
