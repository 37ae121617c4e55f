/**
 * Evaluating a parsed filter expression against a loaded trace, or against a GetTraceSummaries row (a trace made
 * of what a summary can tell), with the meaning filter.ts describes.
 */
import { INFERRED, SUBSEGMENT } from './columns.ts';
import { callerOf, splitNodeId } from './service-map.ts';
import { awsColumn } from './span-docs.ts';
import { Flag } from './span-flags.ts';
import { spanTable, type SpanTable } from './span-table.ts';
import { isInferredType, NO_CHILDREN, NO_EXCEPTIONS, NO_HTTP } from './trace.ts';
import type { HttpInfo, Span, Trace, TraceSummaryRow } from './types.ts';
import type { FilterExpr, NodeSelector } from './filter-syntax.ts';

type Scalar = string | number | boolean;

/**
 * What an expression is evaluated against. The trace's spans are read from its columns (span-table.ts), so a filter
 * over 100,000 spans makes no `Span` record; `t` holds exactly what the records would show.
 */
interface Subject {
  trace: Trace;
  t: SpanTable;
  /** A segment-level span, or -1 for the trace as a whole. */
  span: number;
}

const OUTCOME = Flag.ERROR | Flag.FAULT | Flag.THROTTLE;

/**
 * The spans a subject's keywords read: the whole trace at the top level; inside `service(…) { … }` and
 * `edge(…) { … }` only "segments created by the service" (X-Ray developer guide, complex keywords): the selected
 * segment and its own subsegments (`Span.segment` names the owner), never the segments of the services it called,
 * although those hang below it in the span tree. A segment's own spans all lie in its depth-first subtree, so the
 * scan stops at the subtree's end.
 */
function eachSpanOf(subject: Subject, visit: (i: number) => void): void {
  const { t, span: own } = subject;
  if (own < 0) {
    for (let i = 0; i < t.n; i++) visit(i);
    return;
  }
  const d = t.depth[own];
  visit(own);
  for (let j = own + 1; j < t.n && t.depth[j] > d; j++) if (t.segment[j] === own) visit(j);
}

function has(t: SpanTable, k: number, flag: number): boolean {
  return (t.flags[k] & flag) !== 0;
}

function flag(subject: Subject, kw: string): boolean {
  const { trace, t, span: s } = subject;
  // The span the keyword describes: the subject's segment, else (ok) the trace's root.
  switch (kw) {
    case 'ok': {
      // At the top level: "Response status code was 2XX Success", the root segment's response (`traceOk`).
      const r = s >= 0 ? s : trace.root;
      return r >= 0 && r < t.n && !has(t, r, OUTCOME);
    }
    case 'root':
      // "Service is the entry point or root segment of a trace."
      return s >= 0 ? s === trace.root && !has(t, s, Flag.ORPHAN | Flag.CYCLE) : trace.root >= 0;
    case 'error':
      return s >= 0 ? has(t, s, Flag.ERROR) : trace.error;
    case 'fault':
      return s >= 0 ? has(t, s, Flag.FAULT) : trace.fault;
    case 'throttle':
      return s >= 0 ? has(t, s, Flag.THROTTLE) : trace.throttle;
    case 'partial':
      return s >= 0 ? has(t, s, Flag.IN_PROGRESS) : trace.partial;
    case 'inferred':
      if (s >= 0) return t.kind[s] === INFERRED;
      for (let i = 0; i < t.n; i++) if (t.kind[i] === INFERRED) return true;
      return false;
    default:
      return false;
  }
}

/** The subject's segment, or the trace's root at the top level; -1 when there is none. */
function entryOf(subject: Subject): number {
  const r = subject.span >= 0 ? subject.span : subject.trace.root;
  return r >= 0 && r < subject.t.n ? r : -1;
}

function numbers(subject: Subject, kw: string): number[] {
  const { trace, t } = subject;
  const s = entryOf(subject);
  switch (kw) {
    case 'responsetime':
      // A segment still in progress has no response time yet (not 0 s).
      return s >= 0 && !has(t, s, Flag.IN_PROGRESS) ? [t.durationMs[s] / 1000] : [];
    case 'duration':
      return [subject.span >= 0 ? t.durationMs[subject.span] / 1000 : trace.durationMs / 1000];
    case 'http.status': {
      const status = s >= 0 ? t.http[s].status : undefined;
      return status !== undefined ? [status] : [];
    }
    default:
      return [];
  }
}

function strings(subject: Subject, kw: string): string[] {
  const { t } = subject;
  const entry = entryOf(subject);
  const http = entry >= 0 ? t.http[entry] : undefined;
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string' && v !== '') out.push(v);
  };
  switch (kw) {
    case 'http.url':
      push(http?.url);
      return out;
    case 'http.method':
      push(http?.method);
      return out;
    case 'http.useragent':
      push(http?.userAgent);
      return out;
    case 'http.clientip':
      push(http?.clientIp);
      return out;
  }
  // The `aws` objects only for the keywords that read them (span-docs.ts parses the trace's documents once).
  const awsColumnOf = kw === 'resource.arn' || kw === 'instance.id' || kw === 'availabilityzone' || kw === 'account.id';
  const awsList = awsColumnOf ? awsColumn(t) : undefined;
  eachSpanOf(subject, (i) => {
    const rare = t.rare[i];
    const aws = awsList?.[i] ?? {};
    const ec2 = typeof aws.ec2 === 'object' && aws.ec2 !== null ? (aws.ec2 as Record<string, unknown>) : {};
    const service = t.kind[i] !== SUBSEGMENT;
    switch (kw) {
      case 'user':
        push(rare?.user);
        break;
      case 'name':
        if (service) push(splitNodeId(t.node[i]).name);
        for (const e of rare?.exceptions ?? NO_EXCEPTIONS) push(e.type);
        break;
      case 'type':
        if (service) push(splitNodeId(t.node[i]).type);
        break;
      case 'message':
        for (const e of rare?.exceptions ?? NO_EXCEPTIONS) push(e.message);
        break;
      case 'resource.arn':
        push(rare?.resourceArn);
        push(aws.function_arn);
        break;
      case 'instance.id':
        push(ec2.instance_id);
        break;
      case 'availabilityzone':
        push(ec2.availability_zone);
        break;
      case 'account.id':
        push(aws.account_id);
        break;
    }
  });
  return out;
}

function annotationValues(subject: Subject, key: string): Scalar[] {
  const out: Scalar[] = [];
  eachSpanOf(subject, (i) => {
    const a = subject.t.rare[i]?.annotations;
    if (a && Object.prototype.hasOwnProperty.call(a, key)) out.push(a[key]);
  });
  return out;
}

function compareNum(a: number, op: string, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return false;
  }
}

function compareStr(a: string, op: string, b: string): boolean {
  switch (op) {
    case '=':
      return a === b;
    case 'CONTAINS':
      return a.includes(b);
    case 'BEGINSWITH':
      return a.startsWith(b);
    case 'ENDSWITH':
      return a.endsWith(b);
    default:
      return false;
  }
}

/** `!=` means "no value equals", so a missing field also satisfies it, as in the console. */
function anyMatch<T>(values: T[], op: string, test: (v: T, op: string) => boolean): boolean {
  if (op === '!=') return !values.some((v) => test(v, '='));
  return values.some((v) => test(v, op));
}

function selects(sel: NodeSelector | undefined, nodeId: string, t: SpanTable, k: number): boolean {
  if (!sel) return true;
  const { name, type } = splitNodeId(nodeId);
  if (sel.name !== undefined && sel.name !== name) return false;
  if (sel.type !== undefined && sel.type !== type) return false;
  if (sel.accountId !== undefined) {
    const acct = k >= 0 ? awsColumn(t)[k]?.account_id : undefined;
    if (acct !== sel.accountId) return false;
  }
  return true;
}

function evaluate(e: FilterExpr, subject: Subject): boolean {
  switch (e.k) {
    case 'and':
      return evaluate(e.a, subject) && evaluate(e.b, subject);
    case 'or':
      return evaluate(e.a, subject) || evaluate(e.b, subject);
    case 'not':
      return !evaluate(e.e, subject);
    case 'traceId':
      return subject.trace.id === e.id;
    case 'bool':
      return flag(subject, e.kw) === e.value;
    case 'num':
      return anyMatch(numbers(subject, e.kw), e.op, (v, op) => compareNum(v, op, e.value));
    case 'str': {
      const values = strings(subject, e.kw);
      if (e.op === undefined || e.value === undefined) return values.length > 0;
      const target = e.value;
      return anyMatch(values, e.op, (v, op) => compareStr(v, op, target));
    }
    case 'annotation': {
      const values = annotationValues(subject, e.key);
      // "The expression is true if the keyword is set. If the keyword is of boolean type, it will evaluate to
      // the boolean value."
      if (e.op === undefined || e.value === undefined) return values.some((v) => v !== false);
      const target = e.value;
      return anyMatch(values, e.op, (v, op) => {
        if (typeof target === 'number') return typeof v === 'number' && compareNum(v, op, target);
        if (typeof target === 'boolean') return typeof v === 'boolean' && (op === '=' ? v === target : false);
        return typeof v === 'string' && compareStr(v, op, target);
      });
    }
    case 'service': {
      const { trace, t } = subject;
      for (let i = 0; i < t.n; i++) {
        if (t.kind[i] === SUBSEGMENT || !selects(e.sel, t.node[i], t, i)) continue;
        if (!e.body || evaluate(e.body, { trace, t, span: i })) return true;
      }
      return false;
    }
    case 'edge': {
      const { trace, t } = subject;
      for (let i = 0; i < t.n; i++) {
        if (t.kind[i] === SUBSEGMENT) continue;
        const from = callerOf(t, i);
        if (from === undefined || from === t.node[i]) continue;
        const caller = t.parent[i] >= 0 ? t.segment[t.parent[i]] : -1;
        if (!selects(e.from, from, t, caller) || !selects(e.to, t.node[i], t, i)) continue;
        if (!e.body || evaluate(e.body, { trace, t, span: i })) return true;
      }
      return false;
    }
  }
}

/** Evaluates a parsed expression against one trace (an absent expression matches everything). */
export function matchesFilter(expr: FilterExpr | undefined, trace: Trace): boolean {
  return expr === undefined ? true : evaluate(expr, { trace, t: spanTable(trace), span: -1 });
}

function summarySpan(name: string, type: string, kind: Span['kind'], parent: number, fields: Partial<Span>): Span {
  return {
    id: '',
    name,
    kind,
    synthetic: false,
    origin: type,
    namespace: '',
    start: 0,
    durationMs: 0,
    inProgress: false,
    error: false,
    fault: false,
    throttle: false,
    status: 'ok',
    http: NO_HTTP,
    exceptions: NO_EXCEPTIONS,
    parent,
    children: NO_CHILDREN,
    depth: parent < 0 ? 0 : 1,
    segment: 0,
    node: `${name}|${type}`,
    orphan: parent < 0 && kind === 'segment' && fields.orphan === true,
    cycle: false,
    skew: false,
    ...fields,
  };
}

/**
 * A GetTraceSummaries row as a small trace the filter reads like a loaded one: the entry point is the root
 * segment with the summary's HTTP fields, flags (`HasFault`, `HasError`, `HasThrottle`) and response time; every
 * other service of `ServiceIds` is a segment of its own; annotation values and users sit on extra spans that
 * belong to no service (their own `segment`), because the row does not keep which service recorded them. What a
 * summary cannot tell (which service called which, per-service status, whose annotation) stays unknown, so
 * `edge()` matches no summary, `service("x") { fault }` only the entry point's fault, and `annotation.*` / `user`
 * hold at the trace level but inside no `service() { … }`.
 */
export function summaryTrace(row: TraceSummaryRow): Trace {
  const entry = row.entryPoint ?? { name: '', type: '' };
  const http: HttpInfo = {};
  for (const [k, v] of Object.entries(row.http) as [keyof HttpInfo, string | number | undefined][])
    if (v !== undefined) (http as Record<string, unknown>)[k] = v;
  const spans: Span[] = [
    summarySpan(entry.name, entry.type, 'segment', -1, {
      durationMs: row.responseTimeMs ?? row.durationMs ?? 0,
      error: row.error,
      fault: row.fault,
      // HasThrottle is any segment's; a 429 at the root also sets HasError (the SDKs flag error + throttle).
      throttle: row.throttle && row.error,
      inProgress: row.partial,
      http: Object.keys(http).length > 0 ? http : NO_HTTP,
    }),
  ];
  for (const svc of row.services ?? []) {
    if (svc.name === entry.name && svc.type === entry.type) continue;
    spans.push(
      summarySpan(svc.name, svc.type, isInferredType(svc.type) ? 'inferred' : 'segment', -1, {
        orphan: true,
        segment: spans.length,
      }),
    );
  }
  for (const [key, values] of Object.entries(row.annotations)) {
    for (const value of values)
      spans.push(summarySpan('', '', 'subsegment', 0, { annotations: { [key]: value }, segment: spans.length }));
  }
  for (const user of row.users) spans.push(summarySpan('', '', 'subsegment', 0, { user, segment: spans.length }));
  return {
    id: row.id,
    start: row.start ?? 0,
    end: (row.start ?? 0) + (row.durationMs ?? 0) / 1000,
    durationMs: row.durationMs ?? 0,
    segments: 0,
    spans,
    roots: [0],
    root: 0,
    error: row.error,
    fault: row.fault,
    throttle: row.throttle,
    partial: row.partial,
    files: [],
    limitExceeded: false,
  };
}

/** Applies a parsed expression to GetTraceSummaries rows (see `summaryTrace` for what a summary can tell). */
export function matchesSummary(expr: FilterExpr | undefined, row: TraceSummaryRow): boolean {
  if (expr === undefined) return true;
  const trace = summaryTrace(row);
  return evaluate(expr, { trace, t: spanTable(trace), span: -1 });
}
