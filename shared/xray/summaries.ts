/**
 * GetTraceSummaries rows, kept for the list when the traces themselves are not loaded.
 */
import { normalizeTraceId } from './ids.ts';
import type { HttpInfo, TraceSummaryRow } from './types.ts';
import { isObject } from './values.ts';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function summaryRow(s: Record<string, unknown>): TraceSummaryRow | undefined {
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
