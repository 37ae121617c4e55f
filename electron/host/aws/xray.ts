/**
 * X-Ray, read-only: groups, service graph, trace summaries, full traces and trace graphs. GetTraceSummaries
 * accepts at most 6 hours per call, so longer ranges are cut into 6-hour windows and the results joined;
 * service graphs of several windows are merged service by service.
 */
import {
  BatchGetTracesCommand,
  GetGroupsCommand,
  GetServiceGraphCommand,
  GetTraceGraphCommand,
  GetTraceSummariesCommand,
  type XRayClient,
} from '@aws-sdk/client-xray';
import type { JsonObject, ServiceGraph, TraceBatch, TraceSummaries } from '../../../shared/sfn/aws-types.ts';
import { allPages, plain } from './plain.ts';

/** The longest range one X-Ray call may cover. */
export const XRAY_WINDOW_MS = 6 * 60 * 60 * 1000;
/** X-Ray keeps data 30 days: nothing older can be asked for. */
export const XRAY_MAX_RANGE_MS = 30 * 24 * 60 * 60 * 1000;

export interface TimeRange {
  startMs: number;
  endMs: number;
}

/** Cuts a range into consecutive windows of at most `size` ms (oldest first). */
export function timeWindows(range: TimeRange, size = XRAY_WINDOW_MS): TimeRange[] {
  if (!(range.endMs > range.startMs)) throw new RangeError('The end of the time range must be after its start.');
  if (range.endMs - range.startMs > XRAY_MAX_RANGE_MS)
    throw new RangeError('X-Ray keeps 30 days: pick a shorter range.');
  const out: TimeRange[] = [];
  for (let s = range.startMs; s < range.endMs; s += size)
    out.push({ startMs: s, endMs: Math.min(s + size, range.endMs) });
  return out;
}

type Json = JsonObject;
export type { ServiceGraph, TraceBatch, TraceSummaries };

export interface XrayReader {
  getGroups(): Promise<Json[]>;
  getServiceGraph(range: TimeRange & { groupName?: string; groupArn?: string }): Promise<ServiceGraph>;
  getTraceSummaries(
    range: TimeRange & {
      filterExpression?: string;
      sampling?: boolean;
      timeRangeType?: 'TraceId' | 'Event' | 'Service';
      maxTraces?: number;
    },
  ): Promise<TraceSummaries>;
  batchGetTraces(traceIds: string[]): Promise<TraceBatch>;
  getTraceGraph(traceIds: string[]): Promise<{ Services: Json[] }>;
}

function sumInto(target: Json, source: Json): void {
  for (const [k, v] of Object.entries(source)) {
    const t = target[k];
    if (typeof v === 'number' && typeof t === 'number') target[k] = t + v;
    else if (v && typeof v === 'object' && !Array.isArray(v) && t && typeof t === 'object' && !Array.isArray(t)) {
      sumInto(t as Json, v as Json);
    } else if (t === undefined) target[k] = v;
  }
}

function mergeHistogram(a: unknown, b: unknown): unknown {
  if (!Array.isArray(a)) return b;
  if (!Array.isArray(b)) return a;
  const byValue = new Map<number, number>();
  for (const e of [...a, ...b] as { Value?: number; Count?: number }[]) {
    if (typeof e?.Value !== 'number') continue;
    byValue.set(e.Value, (byValue.get(e.Value) ?? 0) + (e.Count ?? 0));
  }
  return [...byValue].sort((x, y) => x[0] - y[0]).map(([Value, Count]) => ({ Value, Count }));
}

/** Merges the service graphs of several windows: same service (name, type, account) → one node, stats summed. */
export function mergeServiceGraphs(graphs: ServiceGraph[]): ServiceGraph {
  if (graphs.length === 1) return graphs[0]!;
  const keyOf = (s: Json): string =>
    JSON.stringify([s.Name ?? null, s.Names ?? null, s.Type ?? null, s.AccountId ?? null]);
  const merged = new Map<string, Json>();
  const edgeMaps = new Map<string, Map<string, Json>>();
  for (const g of graphs) {
    const refToKey = new Map<unknown, string>();
    for (const s of g.Services) refToKey.set(s.ReferenceId, keyOf(s));
    for (const s of g.Services) {
      const key = keyOf(s);
      let m = merged.get(key);
      if (!m) {
        m = { ...s, ReferenceId: merged.size, Edges: [] };
        merged.set(key, m);
        edgeMaps.set(key, new Map());
      } else {
        if (s.SummaryStatistics && typeof s.SummaryStatistics === 'object') {
          m.SummaryStatistics = m.SummaryStatistics ?? {};
          sumInto(m.SummaryStatistics as Json, s.SummaryStatistics as Json);
        }
        m.ResponseTimeHistogram = mergeHistogram(m.ResponseTimeHistogram, s.ResponseTimeHistogram);
        m.DurationHistogram = mergeHistogram(m.DurationHistogram, s.DurationHistogram);
        if (typeof s.StartTime === 'string' && (!m.StartTime || s.StartTime < (m.StartTime as string)))
          m.StartTime = s.StartTime;
        if (typeof s.EndTime === 'string' && (!m.EndTime || s.EndTime > (m.EndTime as string))) m.EndTime = s.EndTime;
      }
      const edges = edgeMaps.get(key)!;
      for (const e of (Array.isArray(s.Edges) ? s.Edges : []) as Json[]) {
        const targetKey = refToKey.get(e.ReferenceId);
        if (!targetKey) continue;
        const prev = edges.get(targetKey);
        if (!prev) edges.set(targetKey, { ...e, __target: targetKey });
        else {
          if (e.SummaryStatistics && typeof e.SummaryStatistics === 'object') {
            prev.SummaryStatistics = prev.SummaryStatistics ?? {};
            sumInto(prev.SummaryStatistics as Json, e.SummaryStatistics as Json);
          }
          prev.ResponseTimeHistogram = mergeHistogram(prev.ResponseTimeHistogram, e.ResponseTimeHistogram);
        }
      }
    }
  }
  for (const [key, m] of merged) {
    m.Edges = [...edgeMaps.get(key)!.values()].map(({ __target, ...e }) => ({
      ...e,
      ReferenceId: merged.get(__target as string)?.ReferenceId,
    }));
  }
  const starts = graphs
    .map((g) => g.StartTime)
    .filter((x): x is string => typeof x === 'string')
    .sort();
  const ends = graphs
    .map((g) => g.EndTime)
    .filter((x): x is string => typeof x === 'string')
    .sort();
  const out: ServiceGraph = { Services: [...merged.values()] };
  if (starts.length) out.StartTime = starts[0]!;
  if (ends.length) out.EndTime = ends[ends.length - 1]!;
  if (graphs.some((g) => g.ContainsOldGroupVersions)) out.ContainsOldGroupVersions = true;
  return out;
}

/** Builds the X-Ray reader over a (read-only) client. */
export function createXrayReader(client: XRayClient): XrayReader {
  return {
    async getGroups() {
      const { items } = await allPages(async (NextToken) => {
        const out = await client.send(new GetGroupsCommand({ NextToken }));
        return { items: out.Groups, next: out.NextToken };
      });
      return plain(items);
    },
    async getServiceGraph(range) {
      const graphs: ServiceGraph[] = [];
      for (const w of timeWindows(range)) {
        let start: string | undefined;
        let end: string | undefined;
        let old = false;
        const { items } = await allPages(async (NextToken) => {
          const out = await client.send(
            new GetServiceGraphCommand({
              StartTime: new Date(w.startMs),
              EndTime: new Date(w.endMs),
              GroupName: range.groupArn ? undefined : range.groupName,
              GroupARN: range.groupArn,
              NextToken,
            }),
          );
          const p = plain<Json>(out);
          start ??= p.StartTime as string | undefined;
          end = (p.EndTime as string | undefined) ?? end;
          old ||= p.ContainsOldGroupVersions === true;
          return { items: p.Services as Json[] | undefined, next: out.NextToken };
        });
        const g: ServiceGraph = { Services: items };
        if (start) g.StartTime = start;
        if (end) g.EndTime = end;
        if (old) g.ContainsOldGroupVersions = true;
        graphs.push(g);
      }
      return mergeServiceGraphs(graphs);
    },
    async getTraceSummaries(range) {
      const maxTraces = range.maxTraces ?? 1000;
      const windows = timeWindows(range).reverse(); // newest first: what people look for
      const summaries: Json[] = [];
      let processed = 0;
      let truncated = false;
      for (const w of windows) {
        const { items, truncated: cut } = await allPages(
          async (NextToken) => {
            const out = await client.send(
              new GetTraceSummariesCommand({
                StartTime: new Date(w.startMs),
                EndTime: new Date(w.endMs),
                FilterExpression: range.filterExpression || undefined,
                Sampling: range.sampling,
                TimeRangeType: range.timeRangeType,
                NextToken,
              }),
            );
            processed += Number(out.TracesProcessedCount ?? 0);
            return { items: out.TraceSummaries, next: out.NextToken };
          },
          { maxItems: maxTraces - summaries.length },
        );
        summaries.push(...plain<Json[]>(items));
        if (cut || summaries.length >= maxTraces) {
          truncated = true;
          break;
        }
      }
      return { TraceSummaries: summaries, TracesProcessedCount: processed, truncated, windows: windows.length };
    },
    async batchGetTraces(traceIds) {
      const traces: Json[] = [];
      const unprocessed: string[] = [];
      for (let i = 0; i < traceIds.length; i += 5) {
        const TraceIds = traceIds.slice(i, i + 5);
        const { items } = await allPages(async (NextToken) => {
          const out = await client.send(new BatchGetTracesCommand({ TraceIds, NextToken }));
          unprocessed.push(...(out.UnprocessedTraceIds ?? []));
          return { items: out.Traces, next: out.NextToken };
        });
        traces.push(...plain<Json[]>(items));
      }
      return { Traces: traces, UnprocessedTraceIds: unprocessed };
    },
    async getTraceGraph(traceIds) {
      const { items } = await allPages(async (NextToken) => {
        const out = await client.send(new GetTraceGraphCommand({ TraceIds: traceIds, NextToken }));
        return { items: out.Services, next: out.NextToken };
      });
      return { Services: plain<Json[]>(items) };
    },
  };
}
