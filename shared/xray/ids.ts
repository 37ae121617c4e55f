/**
 * Trace id forms. X-Ray writes `1-{8 hex epoch seconds}-{24 hex}`; OpenTelemetry, CloudWatch Transaction Search
 * and W3C trace context write the same 96 bits as 32 hex digits. Users paste either, so every id is shown and
 * matched in the X-Ray form.
 */

const XRAY_ID = /^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/;
const W3C_ID = /^[0-9a-fA-F]{32}$/;

/**
 * Converts a W3C/OTel 32-hex id (or a `Root=…` tracing header) to X-Ray form so the same trace read from two
 * sources merges; any other string is returned trimmed, unchanged, because sample data uses made-up ids.
 */
export function normalizeTraceId(raw: string): string {
  // Every document of a trace names the same id, and a load asks for each document: the last answer is kept.
  if (raw === last.raw) return last.id;
  const id = normalized(raw);
  last.raw = raw;
  last.id = id;
  return id;
}

const last = { raw: '', id: '' };

function normalized(raw: string): string {
  let id = raw.trim();
  const root = /(?:^|;)\s*Root=([^;]+)/.exec(id);
  if (root) id = root[1].trim();
  if (W3C_ID.test(id)) return `1-${id.slice(0, 8)}-${id.slice(8)}`.toLowerCase();
  if (XRAY_ID.test(id)) return id.toLowerCase();
  return id;
}

/** The epoch seconds encoded in an X-Ray id, used to place a trace in time when no segment says so. */
export function traceIdEpochSeconds(id: string): number | undefined {
  if (!XRAY_ID.test(id)) return undefined;
  return parseInt(id.slice(2, 10), 16);
}
