/**
 * The fields of a span read from its document: HTTP, exceptions, annotations, status. Absent values share one
 * frozen object or array, so 100,000 spans without them cost nothing; a trace's status follows the X-Ray API.
 */
import type { HttpInfo, SpanStatus, StackFrame, Span, Trace, XrayException } from './types.ts';
import { isObject, num, str } from './values.ts';

/** The `http` of every span that recorded none: one shared frozen object instead of an empty one per span. */
export const NO_HTTP: Readonly<HttpInfo> = Object.freeze({});
/** The `exceptions` of every span without any: one shared frozen array. */
export const NO_EXCEPTIONS: readonly XrayException[] = Object.freeze([]);
/** The `children` of every leaf span: one shared frozen array. */
export const NO_CHILDREN: readonly number[] = Object.freeze([]);

export function httpOf(raw: unknown): Readonly<HttpInfo> {
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

export function exceptionsOf(cause: unknown): readonly XrayException[] {
  if (!isObject(cause) || !Array.isArray(cause.exceptions)) return NO_EXCEPTIONS;
  const list: XrayException[] = [];
  for (const e of cause.exceptions) if (isObject(e)) list.push(exceptionOf(e));
  return list.length > 0 ? list : NO_EXCEPTIONS;
}

export function annotationsOf(v: unknown): Record<string, string | number | boolean> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
  }
  return out;
}

export function statusOf(inProgress: boolean, error: boolean, fault: boolean, throttle: boolean): SpanStatus {
  if (fault) return 'fault';
  if (throttle) return 'throttle';
  if (error) return 'error';
  if (inProgress) return 'pending';
  return 'ok';
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
