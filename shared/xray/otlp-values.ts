/**
 * Reading OTLP values: attributes (OTLP's `[{ key, value }]` lists or plain objects), ids (hex or base64), times,
 * span kinds and status, and the names X-Ray accepts. Used by the OTLP conversion (otlp.ts).
 */
import { isObject } from '../json.ts';
export { isObject } from '../json.ts';

export type Attrs = Map<string, unknown>;

export const KIND_NAMES = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
export type SpanKind = (typeof KIND_NAMES)[number];

/** Origins the translator gives a service from the resource's `cloud.platform` (segment.go, determineAwsOrigin). */
export const PLATFORM_ORIGINS: Record<string, string> = {
  aws_app_runner: 'AWS::AppRunner::Service',
  aws_eks: 'AWS::EKS::Container',
  aws_elastic_beanstalk: 'AWS::ElasticBeanstalk::Environment',
  aws_ec2: 'AWS::EC2::Instance',
};

/** Database systems the translator records as an `sql` block (sql.go). */
export const SQL_SYSTEMS = new Set([
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
export const INVALID_NAME_CHARS = /[^ 0-9\p{L}N_.:/%&#=+,\-@]/gu;

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
export function anyValue(v: unknown): unknown {
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
export function attrs(list: unknown): Attrs {
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

export function s(a: Attrs, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = a.get(key);
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  }
  return undefined;
}

export function n(a: Attrs, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v = a.get(key);
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(x)) return x;
  }
  return undefined;
}

export const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

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

export function kindOf(raw: unknown): SpanKind {
  if (typeof raw === 'number') return KIND_NAMES[raw] ?? 'UNSPECIFIED';
  if (typeof raw === 'string') {
    const name = raw.toUpperCase().replace(/^SPAN_KIND_/, '');
    if ((KIND_NAMES as readonly string[]).includes(name)) return name as SpanKind;
  }
  return 'UNSPECIFIED';
}

export function nanosToSeconds(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw > 0 ? raw / 1e9 : undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return undefined;
  // Whole seconds and the fraction apart: 19-digit nanosecond counts lose precision as one double.
  const whole = raw.length > 9 ? Number(raw.slice(0, -9)) : 0;
  const frac = Number(raw.slice(-9)) / 1e9;
  const secs = whole + frac;
  return secs > 0 ? secs : undefined;
}

export function fixSegmentName(name: string): string {
  const clean = name.replace(INVALID_NAME_CHARS, '');
  return clean === '' ? 'span' : clean.slice(0, 200);
}

export function fixAnnotationKey(key: string): string {
  return key.replace(/[^0-9A-Za-z]/g, '_');
}

export function statusCode(raw: unknown): 'UNSET' | 'OK' | 'ERROR' {
  if (!isObject(raw)) return 'UNSET';
  const c = raw.code;
  if (c === 2 || c === 'STATUS_CODE_ERROR' || c === 'ERROR') return 'ERROR';
  if (c === 1 || c === 'STATUS_CODE_OK' || c === 'OK') return 'OK';
  return 'UNSET';
}
