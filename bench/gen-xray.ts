/**
 * Deterministic synthetic X-Ray data for the benchmarks, as BatchGetTraces output (`Traces[].Segments[].Document`
 * holding JSON strings): API Gateway → Lambda → SDK calls (DynamoDB, S3, SQS, SNS) and HTTP calls between ECS
 * services, with ~2 % client errors, 1 % faults and 1 % throttles.
 */
import fs from 'node:fs';
import { seededRandom as rng } from './rng.ts';

const hex = (random: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
  return s;
};

interface Sub {
  id: string;
  name: string;
  start_time: number;
  end_time: number;
  namespace?: string;
  aws?: Record<string, unknown>;
  http?: Record<string, unknown>;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  subsegments?: Sub[];
}

const SERVICES = ['orders', 'billing', 'inventory', 'shipping', 'users', 'search', 'reviews', 'catalog'];
const AWS_CALLS: { name: string; op: string; extra: Record<string, unknown> }[] = [
  { name: 'DynamoDB', op: 'PutItem', extra: { table_name: 'Orders' } },
  { name: 'DynamoDB', op: 'Query', extra: { table_name: 'Inventory' } },
  { name: 'S3', op: 'GetObject', extra: { bucket_name: 'invoices' } },
  { name: 'SQS', op: 'SendMessage', extra: { queue_url: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs' } },
  { name: 'SNS', op: 'Publish', extra: { topic_arn: 'arn:aws:sns:us-east-1:123456789012:events' } },
];

/**
 * One trace of about `spans` segments + subsegments. Segments (one per service hop) hold nested subsegments;
 * `segmentEvery` controls how many spans go into one segment document.
 */
export function generateTrace(
  spans: number,
  seed = 7,
  startEpoch = 1_764_000_000,
): { Id: string; Duration: number; Segments: { Id: string; Document: string }[] } {
  const random = rng(seed);
  const traceId = `1-${Math.floor(startEpoch).toString(16)}-${hex(random, 24)}`;
  const segments: { Id: string; Document: string }[] = [];
  let made = 0;
  const totalMs = 2000 + spans * 0.5;

  const outcome = (): Partial<Sub> => {
    const r = random();
    if (r < 0.01) return { fault: true };
    if (r < 0.02) return { error: true, throttle: true };
    if (r < 0.04) return { error: true };
    return {};
  };

  /** Builds a subsegment tree of `budget` spans within [start, end]. */
  function subtree(budget: number, start: number, end: number, depth: number): Sub[] {
    const out: Sub[] = [];
    let t = start;
    const slice = (end - start) / Math.max(1, Math.min(budget, 6));
    while (budget > 0) {
      const take = depth < 6 ? Math.min(budget, 1 + Math.floor(random() * Math.min(budget, 40))) : 1;
      const s = t;
      const e = Math.min(end, s + slice * (0.3 + random() * 0.7));
      const call = AWS_CALLS[Math.floor(random() * AWS_CALLS.length)];
      const sub: Sub = {
        id: hex(random, 16),
        name: take > 1 ? `step-${depth}-${made}` : call.name,
        start_time: s,
        end_time: e,
        ...(take === 1 ? { namespace: 'aws', aws: { operation: call.op, region: 'us-east-1', ...call.extra } } : {}),
        ...outcome(),
      };
      made++;
      budget -= 1;
      if (take > 1) {
        sub.subsegments = subtree(take - 1, s, e, depth + 1);
        budget -= take - 1;
      }
      out.push(sub);
      t = e;
    }
    return out;
  }

  const start = startEpoch + random();
  const root = {
    id: hex(random, 16),
    trace_id: traceId,
    name: 'api-prod',
    origin: 'AWS::ApiGateway::Stage',
    start_time: start,
    end_time: start + totalMs / 1000,
    http: { request: { method: 'POST', url: 'https://api.example.com/prod/orders' }, response: { status: 200 } },
    annotations: { tenant: 'acme' },
  };
  segments.push({ Id: root.id, Document: JSON.stringify(root) });
  made++;
  let parent = root.id;
  let i = 0;
  while (made < spans) {
    const service = SERVICES[i % SERVICES.length];
    const budget = Math.min(spans - made - 1, 200);
    const s = start + 0.001 * (i % 100);
    const e = root.end_time - 0.001 * (i % 100);
    const seg = {
      id: hex(random, 16),
      trace_id: traceId,
      parent_id: parent,
      name: service,
      origin: i % 3 === 0 ? 'AWS::Lambda::Function' : 'AWS::ECS::Container',
      start_time: s,
      end_time: e,
      http: { request: { method: 'GET', url: `http://${service}.internal/items` }, response: { status: 200 } },
      subsegments: budget > 0 ? subtree(budget, s, e, 0) : [],
    };
    made++;
    segments.push({ Id: seg.id, Document: JSON.stringify(seg) });
    if (random() < 0.3) parent = seg.id;
    i++;
  }
  return { Id: traceId, Duration: totalMs / 1000, Segments: segments };
}

/** A BatchGetTraces response with `count` traces of about `spansEach` spans. */
export function generateTraces(
  count: number,
  spansEach: number,
  seed = 11,
): { Traces: ReturnType<typeof generateTrace>[]; UnprocessedTraceIds: string[] } {
  const traces = [];
  for (let i = 0; i < count; i++) traces.push(generateTrace(spansEach, seed + i, 1_764_000_000 + i * 3));
  return { Traces: traces, UnprocessedTraceIds: [] };
}

/** The X-Ray developer guide's example BatchGetTraces trace (test/corpus; see its MANIFEST.md for the source). */
const DEVGUIDE_TRACE = new URL('../test/corpus/xray/xray-devguide/xray-api-gettingdata__block08.json', import.meta.url);

interface RawDoc {
  id?: string;
  parent_id?: string;
  subsegments?: RawDoc[];
  [field: string]: unknown;
}

/**
 * One trace of the X-Ray developer guide's example documents, copied until it has at least `spans` spans: the
 * documents of a real trace (a Scorekeep segment on Elastic Beanstalk, the Lambda service's and the function's
 * segments, the inferred DynamoDB and SNS documents X-Ray adds), with their fields as AWS wrote them, about 430
 * bytes of document text per span against the 113 of `generateTrace`'s. Each copy gets ids of its own, its documents' parent links kept inside the copy, and its
 * root segment becomes a child of the first copy's, so every document but the first names a parent in another
 * document, as the services of a real trace do.
 */
export function devGuideTrace(spans: number): {
  Id: string;
  Duration: number;
  Segments: { Id: string; Document: string }[];
} {
  const source = JSON.parse(fs.readFileSync(DEVGUIDE_TRACE, 'utf8')) as {
    Traces: { Id: string; Duration: number; Segments: { Document: string }[] }[];
  };
  const trace = source.Traces[0]!;
  const docs = trace.Segments.map((s) => JSON.parse(s.Document) as RawDoc);
  const count = (d: RawDoc): number => 1 + (d.subsegments ?? []).reduce((n, s) => n + count(s), 0);
  const perCopy = docs.reduce((n, d) => n + count(d), 0);
  let serial = 0;
  const segments: { Id: string; Document: string }[] = [];
  let rootId: string | undefined;
  for (let made = 0; made < spans; made += perCopy) {
    const ids = new Map<string, string>();
    const name = (d: RawDoc) => {
      if (d.id) ids.set(d.id, (serial++).toString(16).padStart(16, '0'));
      for (const s of d.subsegments ?? []) name(s);
    };
    docs.forEach(name);
    const copy = (d: RawDoc): RawDoc => ({
      ...d,
      ...(d.id ? { id: ids.get(d.id) } : {}),
      ...(d.parent_id ? { parent_id: ids.get(d.parent_id) ?? d.parent_id } : {}),
      ...(d.subsegments ? { subsegments: d.subsegments.map(copy) } : {}),
    });
    for (const d of docs) {
      const c = copy(d);
      if (!d.parent_id) {
        if (rootId === undefined) rootId = c.id;
        else c.parent_id = rootId;
      }
      segments.push({ Id: c.id!, Document: JSON.stringify(c) });
    }
  }
  return { Id: trace.Id, Duration: trace.Duration, Segments: segments };
}

/**
 * The input of the paired X-Ray tools (bench/xray-pair.ts, xray-page-pair.ts) as text, and its name: one generated
 * trace of 100,000 spans, 1,000 traces × 100 spans (`many`), or 100,000 spans of the developer guide's documents
 * (`real`).
 */
export function pairInput(kind: { many: boolean; real: boolean }): { label: string; text: string } {
  if (kind.many) return { label: '1,000 traces × 100 spans', text: JSON.stringify(generateTraces(1000, 100)) };
  const trace = kind.real ? devGuideTrace(100_000) : generateTrace(100_000);
  return {
    label: kind.real ? "one trace of the developer guide's documents, 100,000 spans" : 'one trace of 100,000 spans',
    text: JSON.stringify({ Traces: [trace], UnprocessedTraceIds: [] }),
  };
}
