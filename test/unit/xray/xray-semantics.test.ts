/**
 * X-Ray's meanings held against X-Ray's own documentation and output:
 *
 * - every example expression of the developer guide's "Using filter expressions" page (awsdocs/
 *   aws-xray-developer-guide, doc-source/xray-console-filters.md, last version with content), with the traces it
 *   selects on one fixture and why;
 * - trace status from the root segment (TraceSummary: HasError / HasFault = root segment, HasThrottle / IsPartial
 *   = any segment document);
 * - a map computed from traces against the GetServiceGraph answer for the same traces, for every pair we can
 *   build: the developer guide's GetServiceGraph example and the graph in the Grafana data source's test data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filterTraces, parseFilter } from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import type { MapEdge, MapNode, ServiceMap } from '../../../shared/xray/types.ts';
import { CORPUS } from '../../support/corpus.ts';

const tid = (n: number) => `1-5f00000${n}-00000000000000000000000${n}`;

/**
 * Six traces for the documented examples (root durations in seconds are exact so number comparisons are tested
 * at their boundaries):
 * 1. api.example.com GET /api/game/42 → 200 in 1 s; its call to backend.example.com got a 404 it handled; user
 *    alice; annotations gameid "817DL6VO", age 30, premium true.
 * 2. front POST http://api.example.com/v2/orders → 502 fault in 6 s; annotations age 29, premium false.
 * 3. data-plane → 500 fault in exactly 5 s; its Lambda call: random-name (AWS::Lambda) error, the function ok.
 * 4. worker (no HTTP) ok in 2.5 s, one subsegment still in progress; random-name the function errs (handled).
 * 5. api.example.com GET /v2/items → 200 in exactly 2 s; backend.example.com ok.
 * 6. api.example.com GET /v2/slow → 503 fault in exactly 8 s.
 */
function fixture() {
  const http = (method: string, url: string, status: number) => ({ request: { method, url }, response: { status } });
  const docs = [
    {
      trace_id: tid(1),
      id: 't1',
      name: 'api.example.com',
      origin: 'AWS::EC2::Instance',
      start_time: 100,
      end_time: 101,
      http: http('GET', 'http://api.example.com/api/game/42', 200),
      user: 'alice',
      annotations: { gameid: '817DL6VO', age: 30, premium: true },
      subsegments: [
        {
          id: 't1c',
          name: 'backend.example.com',
          namespace: 'remote',
          start_time: 100.1,
          end_time: 100.5,
          http: http('GET', 'http://backend.example.com/x', 404),
        },
      ],
    },
    {
      trace_id: tid(1),
      id: 't1b',
      name: 'backend.example.com',
      parent_id: 't1c',
      start_time: 100.15,
      end_time: 100.45,
      error: true,
      http: { response: { status: 404 } },
    },
    {
      trace_id: tid(2),
      id: 't2',
      name: 'front',
      start_time: 200,
      end_time: 206,
      fault: true,
      http: http('POST', 'http://api.example.com/v2/orders', 502),
      annotations: { age: 29, premium: false },
    },
    {
      trace_id: tid(3),
      id: 't3',
      name: 'data-plane',
      origin: 'AWS::ECS::Container',
      start_time: 300,
      end_time: 305,
      fault: true,
      http: http('GET', 'http://data.example.com/v1/x', 500),
      subsegments: [
        {
          id: 't3c',
          name: 'Lambda',
          namespace: 'aws',
          start_time: 300.5,
          end_time: 304,
          aws: { function_name: 'random-name', operation: 'Invoke' },
        },
      ],
    },
    {
      trace_id: tid(3),
      id: 't3l',
      name: 'random-name',
      origin: 'AWS::Lambda',
      parent_id: 't3c',
      start_time: 300.6,
      end_time: 303.9,
      error: true,
    },
    {
      trace_id: tid(3),
      id: 't3f',
      name: 'random-name',
      origin: 'AWS::Lambda::Function',
      parent_id: 't3l',
      start_time: 300.7,
      end_time: 303.8,
    },
    {
      trace_id: tid(4),
      id: 't4',
      name: 'worker',
      start_time: 400,
      end_time: 402.5,
      subsegments: [
        {
          id: 't4c',
          name: 'Lambda',
          namespace: 'aws',
          start_time: 400.1,
          end_time: 402,
          aws: { function_name: 'random-name', operation: 'Invoke' },
        },
        { id: 't4p', name: 'poll', start_time: 402.1, in_progress: true },
      ],
    },
    {
      trace_id: tid(4),
      id: 't4l',
      name: 'random-name',
      origin: 'AWS::Lambda',
      parent_id: 't4c',
      start_time: 400.2,
      end_time: 401.9,
    },
    {
      trace_id: tid(4),
      id: 't4f',
      name: 'random-name',
      origin: 'AWS::Lambda::Function',
      parent_id: 't4l',
      start_time: 400.3,
      end_time: 401.8,
      error: true,
    },
    {
      trace_id: tid(5),
      id: 't5',
      name: 'api.example.com',
      origin: 'AWS::EC2::Instance',
      start_time: 500,
      end_time: 502,
      http: http('GET', 'http://api.example.com/v2/items', 200),
      subsegments: [
        {
          id: 't5c',
          name: 'backend.example.com',
          namespace: 'remote',
          start_time: 500.1,
          end_time: 501,
          http: http('GET', 'http://backend.example.com/y', 200),
        },
      ],
    },
    {
      trace_id: tid(5),
      id: 't5b',
      name: 'backend.example.com',
      parent_id: 't5c',
      start_time: 500.2,
      end_time: 500.9,
      http: { response: { status: 200 } },
    },
    {
      trace_id: tid(6),
      id: 't6',
      name: 'api.example.com',
      origin: 'AWS::EC2::Instance',
      start_time: 600,
      end_time: 608,
      fault: true,
      http: http('GET', 'http://api.example.com/v2/slow', 503),
    },
  ];
  const ds = loadXray([{ name: 'examples.json', text: JSON.stringify(docs) }]);
  expect(ds.diagnostics).toEqual([]);
  return ds.traces;
}

const traces = fixture();
const select = (expr: string): number[] | string => {
  const r = filterTraces(expr, traces);
  if (r.error) return r.error.message;
  return r.traces.map((t) => Number(t.id.slice(-1)));
};

const SERVERS = /needs X-Ray's servers/;

/** Every example expression of the guide, in page order: [expression, expected selection or message, reason]. */
const DOCUMENTED: [string, number[] | RegExp, string][] = [
  ['responsetime > 5', [2, 6], 'root segment time; trace 3 took exactly 5 s, not more'],
  [
    'duration >= 5 AND duration <= 8',
    [2, 3, 6],
    'whole-trace duration, both ends included (traces 3 and 6 sit on them)',
  ],
  ['ok', [1, 4, 5], 'root answered 2XX; trace 1 handled its downstream 404, trace 4 its function error'],
  ['!ok', [2, 3, 6], 'root not 2XX'],
  ['ok = false', [2, 3, 6], 'same as !ok'],
  ['rootcause.fault.entity { last and name = "deserialize" }', SERVERS, 'root causes are computed by X-Ray'],
  [
    'rootcause.responsetime.entity { remote and coverage > 0.7 and name = "traces" }',
    SERVERS,
    'root causes are computed by X-Ray',
  ],
  [
    'rootcause.fault.service { inferred and name = traces and type = "AWS::DynamoDB" }',
    SERVERS,
    'root causes are computed by X-Ray',
  ],
  ['service("data-plane") {root = true and fault = true}', [3], 'data-plane is the root of trace 3 and faulted'],
  ['http.status != 200', [2, 3, 4, 6], 'root status; trace 4 has no status, which is not 200'],
  ['duration >= 5 AND duration <= 8', [2, 3, 6], '(repeated on the page under number keywords)'],
  ['ok !partial duration <3', [1, 5], 'juxtaposition is AND; trace 4 is ok and short but partial'],
  ['rootcause.fault.service { index > 5 }', SERVERS, 'root causes are computed by X-Ray'],
  ['rootcause.responsetime.entity { last and coverage > 0.8 }', SERVERS, 'root causes are computed by X-Ray'],
  ['http.url CONTAINS "/api/game/"', [1], 'root request URL'],
  ['user CONTAINS ""', [1], 'the field exists: only trace 1 has a user'],
  ['rootcause.fault.service { name = "Auth" }', SERVERS, 'root causes are computed by X-Ray'],
  ['rootcause.responsetime.service { last and type = "AWS::DynamoDB" }', SERVERS, 'root causes are computed by X-Ray'],
  [
    'rootcause.fault.exception { last and message = "Access Denied for account_id: 1234567890" ',
    SERVERS,
    'root causes (the page omits the closing brace)',
  ],
  ['service("api.example.com") { fault }', [6], 'a segment of api.example.com with a fault'],
  ['service() { fault }', [2, 3, 6], 'a fault on any node'],
  [
    'edge("api.example.com", "backend.example.com") { error }',
    [1],
    'the call in trace 1 got a 404 (error) on the backend segment',
  ],
  [
    'http.url BEGINSWITH "http://api.example.com/" AND http.url CONTAINS "/v2/" AND !service("api.example.com")',
    [2],
    'traces 5 and 6 match the URL but reach api.example.com',
  ],
  ['http.url AND responseTime > 2', [2, 3, 6], 'URL set (not trace 4), root time above 2 s (trace 5 took exactly 2)'],
  ['annotation.gameid = "817DL6VO"', [1], 'string annotation'],
  ['annotation.age', [1, 2], 'the key is set'],
  ['!annotation.age', [3, 4, 5, 6], 'the key is not set'],
  ['annotation.age > 29', [1], 'number annotation; trace 2 has exactly 29'],
  ['group.name = "high_response_time" AND user = "alice"', SERVERS, 'group expressions are stored by X-Ray'],
  [
    'rootcause.json = #[{ "Services": [ { "Name": "GetWeatherData", "EntityPath": [{ "Name": "GetWeatherData" }, { "Name": "get_temperature" } ] }, { "Name": "GetTemperature", "EntityPath": [ { "Name": "GetTemperature" } ] } ] }]',
    SERVERS,
    'root causes are computed by X-Ray',
  ],
  [
    'service("random-name") { error }',
    [3, 4],
    'both nodes named random-name: the Lambda service in 3, the function in 4',
  ],
  ['service(id(name: "random-name", type: "AWS::Lambda::Function")) { error }', [4], 'only the function node'],
  ['service(id(type: "AWS::Lambda::Function")) { error }', [4], 'by type alone'],
];

/** Templates on the page with placeholders: they are not expressions and must get a message, not a result. */
const TEMPLATES = [
  'keyword operator value',
  'id(name: "service-name", type:"service::type")',
  'service(id(name: "service-name", type:"service::type")) { filter }',
];

describe("the developer guide's filter expression examples", () => {
  it.each(DOCUMENTED)('%s', (expr, expected, reason) => {
    const got = select(expr);
    if (expected instanceof RegExp) expect(got, reason).toMatch(expected);
    else expect(got, reason).toEqual(expected);
  });

  it("covers every example: evaluated or refused as needing X-Ray's servers, templates refused with a message", () => {
    const evaluated = DOCUMENTED.filter(([, e]) => Array.isArray(e)).length;
    const servers = DOCUMENTED.length - evaluated;
    console.log(
      `developer guide filter examples: ${DOCUMENTED.length} (${evaluated} evaluated, ${servers} need X-Ray's servers), ${TEMPLATES.length} templates`,
    );
    expect(evaluated).toBe(23);
    for (const t of TEMPLATES) expect(parseFilter(t).ok, t).toBe(false);
  });
});

describe('filter semantics the examples do not pin down', () => {
  it('compares numbers exactly at the boundary, for every operator', () => {
    expect(select('duration > 5')).toEqual([2, 6]);
    expect(select('duration >= 5')).toEqual([2, 3, 6]);
    expect(select('duration < 5')).toEqual([1, 4, 5]);
    expect(select('duration <= 5')).toEqual([1, 3, 4, 5]);
    expect(select('duration = 5')).toEqual([3]);
    expect(select('duration != 5')).toEqual([1, 2, 4, 5, 6]);
    expect(select('annotation.age >= 30')).toEqual([1]);
    expect(select('annotation.age > 30')).toEqual([]);
    expect(select('annotation.age <= 29')).toEqual([2]);
    expect(select('annotation.age < 29')).toEqual([]);
    expect(select('http.status >= 502')).toEqual([2, 6]);
    expect(select('http.status > 502')).toEqual([6]);
  });

  it('evaluates a boolean annotation without an operator to its value', () => {
    // "none – The expression is true if the keyword is set. If the keyword is of boolean type, it will evaluate
    // to the boolean value."
    expect(select('annotation.premium')).toEqual([1]);
    expect(select('!annotation.premium')).toEqual([2, 3, 4, 5, 6]);
    expect(select('annotation.premium = false')).toEqual([2]);
  });

  it('reads annotation keys that are not plain words in brackets', () => {
    expect(select('annotation[gameid] = "817DL6VO"')).toEqual([1]);
    expect(select('annotation["gameid"]')).toEqual([1]);
    const r = parseFilter('annotation["aws:api_id"] = "x"');
    expect(r.ok && r.expr).toEqual({ k: 'annotation', key: 'aws:api_id', op: '=', value: 'x' });
    expect(parseFilter('annotation[open').ok).toBe(false);
  });

  it('knows root: the entry segment of a trace, not a service called further down', () => {
    expect(select('service("random-name") { root }')).toEqual([]);
    expect(select('service("api.example.com") { root = true and ok }')).toEqual([1, 5]);
    expect(select('service("backend.example.com") { !root }')).toEqual([1, 5]);
  });

  it('keeps trace-level status at the root: a handled downstream error is found only by service()', () => {
    expect(select('error')).toEqual([]);
    expect(select('service() { error }')).toEqual([1, 3, 4]);
    expect(select('partial')).toEqual([4]);
  });
});

describe('trace status as the X-Ray API defines it', () => {
  const load = (docs: object[]) => loadXray([{ name: 's.json', text: JSON.stringify(docs) }]).traces[0];
  const root = { trace_id: tid(7), id: 'r', name: 'svc', start_time: 1, end_time: 2 };

  it('takes error and fault from the root segment, throttle and partial from any segment', () => {
    const t = load([
      {
        ...root,
        http: { response: { status: 200 } },
        subsegments: [
          {
            id: 'c',
            name: 'DynamoDB',
            namespace: 'aws',
            start_time: 1.1,
            end_time: 1.2,
            error: true,
            throttle: true,
            http: { response: { status: 429 } },
          },
        ],
      },
    ]);
    expect([t.error, t.fault, t.throttle, t.partial]).toEqual([false, false, true, false]);
    const f = load([{ ...root, fault: true, http: { response: { status: 500 } } }]);
    expect([f.error, f.fault]).toEqual([false, true]);
  });

  it('uses the flags the SDK recorded, and the status code only when it recorded none', () => {
    const fault404 = load([{ ...root, fault: true, http: { response: { status: 404 } } }]);
    expect([fault404.error, fault404.fault]).toEqual([false, true]);
    const bare404 = load([{ ...root, http: { response: { status: 404 } } }]);
    expect([bare404.error, bare404.fault]).toEqual([true, false]);
    const bare429 = load([{ ...root, http: { response: { status: 429 } } }]);
    expect([bare429.error, bare429.throttle]).toEqual([true, true]);
    const bare503 = load([{ ...root, http: { response: { status: 503 } } }]);
    expect(bare503.fault).toBe(true);
  });
});

describe('service map from traces against GetServiceGraph for the same traces', () => {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const stats = (s: MapNode | MapEdge) => ({
    requests: s.requests,
    ok: s.ok,
    errors: s.errors,
    faults: s.faults,
    throttles: s.throttles,
    totalMs: round(s.totalMs),
  });
  const graphOf = (file: string): ServiceMap =>
    loadXray([{ name: file, text: fs.readFileSync(path.join(CORPUS, file), 'utf8') }]).serviceGraph!;

  it("agrees with the developer guide's GetServiceGraph example (sample app: signups to DynamoDB and SNS)", () => {
    const graph = graphOf('xray/xray-devguide/xray-api-gettingdata__block03.json');
    const host = 'xray-sample.elasticbeanstalk.com';
    const table = 'awseb-e-dixzws4s9p-stack-StartupSignupsTable-4IMSMHAYX2BA';
    // Four requests as the graph's histograms record them: 5, 15, 157 and 96 ms, one of them a 4xx; the two
    // signups put an item (76, 44 ms) and publish to SNS (49, 76 ms), as the Node SDK records the calls.
    const docs: object[] = [];
    const req = (n: number, ms: number, status: number, calls?: [number, number]) => {
      const start = 1528317567 + n;
      const subsegments = calls
        ? [
            {
              id: `d${n}`,
              name: 'DynamoDB',
              namespace: 'aws',
              start_time: start + 0.001,
              end_time: start + 0.001 + calls[0] / 1000,
              http: { response: { status: 200 } },
              aws: { operation: 'PutItem', table_name: table },
            },
            {
              id: `s${n}`,
              name: 'SNS',
              namespace: 'aws',
              start_time: start + 0.002,
              end_time: start + 0.002 + calls[1] / 1000,
              http: { response: { status: 200 } },
              aws: { operation: 'Publish', topic_arn: 'arn:aws:sns:us-west-2:123456789012:signups' },
            },
          ]
        : [];
      docs.push({
        trace_id: tid(n),
        id: `r${n}`,
        name: host,
        origin: 'AWS::EC2::Instance',
        start_time: start,
        end_time: start + ms / 1000,
        http: { request: { method: calls ? 'POST' : 'GET', url: `http://${host}/` }, response: { status } },
        subsegments,
      });
    };
    req(1, 5, 200);
    req(2, 15, 404);
    req(3, 157, 200, [76, 49]);
    req(4, 96, 200, [44, 76]);
    const computed = computeServiceMap(loadXray([{ name: 'signups.json', text: JSON.stringify(docs) }]).traces);
    const byId = (m: ServiceMap) => Object.fromEntries(m.nodes.map((n) => [n.id, stats(n)]));
    const edges = (m: ServiceMap) => Object.fromEntries(m.edges.map((e) => [e.id, stats(e)]));
    expect(byId(computed)).toEqual(byId(graph));
    expect(edges(computed)).toEqual(edges(graph));
    const hist = (m: ServiceMap, id: string) =>
      m.nodes.find((n) => n.id === id)!.histogram.map((h) => `${round(h.ms)}x${h.count}`);
    for (const n of graph.nodes) if (!n.client) expect(hist(computed, n.id), n.id).toEqual(hist(graph, n.id));
    // The SNS node is the service; the topic is listed in its details.
    expect(computed.nodes.find((n) => n.id === 'SNS|AWS::SNS')!.resources).toEqual([
      'arn:aws:sns:us-west-2:123456789012:signups',
    ]);
  });

  it("agrees with the graph in the Grafana data source's test data (SampleSite → SQS queue → Lambda)", () => {
    const graph = graphOf('xray/grafana-x-ray-datasource/serviceMap.json');
    const queue = 'https://sqs.us-east-1.amazonaws.com/123456789012/SampleQueue';
    const docs: object[] = [];
    [
      [95, 200, 7],
      [95, 187, 7],
    ].forEach(([send, lambda, fn], i) => {
      const start = 1600000000 + i;
      docs.push(
        {
          trace_id: tid(i + 1),
          id: `s${i}`,
          name: 'SampleSite',
          origin: 'AWS::ElasticBeanstalk::Environment',
          start_time: start,
          end_time: start + 0.2,
          http: { response: { status: 200 } },
          subsegments: [
            {
              id: `q${i}`,
              name: 'SQS',
              namespace: 'aws',
              start_time: start + 0.01,
              end_time: start + 0.01 + send / 1000,
              aws: { operation: 'SendMessage', queue_url: queue },
            },
          ],
        },
        // The receiving function continues the trace from the message's AWSTraceHeader (parent: the send call).
        {
          trace_id: tid(i + 1),
          id: `l${i}`,
          name: 'ProcessSQSRecord',
          origin: 'AWS::Lambda',
          parent_id: `q${i}`,
          start_time: start + 1,
          end_time: start + 1 + lambda / 1000,
        },
        {
          trace_id: tid(i + 1),
          id: `f${i}`,
          name: 'ProcessSQSRecord',
          origin: 'AWS::Lambda::Function',
          parent_id: `l${i}`,
          start_time: start + 1.01,
          end_time: start + 1.01 + fn / 1000,
        },
      );
    });
    const computed = computeServiceMap(loadXray([{ name: 'sqs.json', text: JSON.stringify(docs) }]).traces);
    expect(computed.nodes.map((n) => n.id).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(computed.edges.map((e) => e.id).sort()).toEqual(graph.edges.map((e) => e.id).sort());
    // Statistics where the recorded graph is about these requests (the site itself served 3,553 others).
    for (const id of [
      `${queue}|AWS::SQS::Queue`,
      'ProcessSQSRecord|AWS::Lambda',
      'ProcessSQSRecord|AWS::Lambda::Function',
    ]) {
      expect(stats(computed.nodes.find((n) => n.id === id)!), id).toEqual(stats(graph.nodes.find((n) => n.id === id)!));
    }
  });

  it('draws linked traces (SQS → Lambda) as a link edge from the queue to the function that received the batch', () => {
    const queue = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
    const send = (n: number) => ({
      trace_id: tid(n),
      id: `p${n}`,
      name: 'shop',
      start_time: 10 + n,
      end_time: 10.5 + n,
      subsegments: [
        {
          id: `send${n}`,
          name: 'SQS',
          namespace: 'aws',
          start_time: 10.1 + n,
          end_time: 10.2 + n,
          aws: { operation: 'SendMessage', queue_url: queue },
        },
      ],
    });
    const batch = {
      trace_id: tid(9),
      id: 'c1',
      name: 'process-jobs',
      origin: 'AWS::Lambda::Function',
      start_time: 20,
      end_time: 20.3,
      links: [
        { trace_id: tid(1), id: 'send1' },
        { trace_id: tid(2), id: 'send2' },
        { trace_id: tid(3), id: 'not-loaded' },
      ],
    };
    const map = computeServiceMap(
      loadXray([{ name: 'linked.json', text: JSON.stringify([send(1), send(2), batch]) }]).traces,
    );
    const link = map.edges.find((e) => e.edgeType === 'link')!;
    expect(link).toMatchObject({
      from: `${queue}|AWS::SQS::Queue`,
      to: 'process-jobs|AWS::Lambda::Function',
      requests: 1,
    });
    expect(map.edges.filter((e) => e.edgeType === 'link')).toHaveLength(1);
  });

  it('makes no node of an orphan subsegment and counts no in-progress request', () => {
    const docs = [
      { trace_id: tid(8), id: 'a', name: 'api', start_time: 1, in_progress: true },
      {
        trace_id: tid(8),
        id: 'o',
        type: 'subsegment',
        name: 'S3',
        namespace: 'aws',
        parent_id: 'gone',
        start_time: 1.1,
        end_time: 1.2,
        aws: { bucket_name: 'b' },
      },
    ];
    const map = computeServiceMap(loadXray([{ name: 'o.json', text: JSON.stringify(docs) }]).traces);
    const api = map.nodes.find((n) => n.id === 'api|')!;
    expect(api).toMatchObject({ requests: 0, ok: 0, inProgress: 1 });
    expect(map.nodes.map((n) => n.id).sort()).toEqual(['S3|AWS::S3::Bucket', 'api|', 'api|client']);
    expect(map.edges.map((e) => e.id)).toEqual(['api|client->api|']);
  });

  it('spells AWS services as X-Ray does, whatever the recorder wrote', () => {
    const docs = [
      {
        trace_id: tid(9),
        id: 'a',
        name: 'api',
        start_time: 1,
        end_time: 2,
        subsegments: ['sns', 'SNS', 'dynamodb', 'secretsmanager', 'somethingNew'].map((name, i) => ({
          id: `c${i}`,
          name,
          namespace: 'aws',
          start_time: 1.1,
          end_time: 1.2,
        })),
      },
    ];
    const map = computeServiceMap(loadXray([{ name: 'n.json', text: JSON.stringify(docs) }]).traces);
    expect(
      map.nodes
        .filter((n) => n.inferred)
        .map((n) => n.id)
        .sort(),
    ).toEqual([
      'DynamoDB|AWS::DynamoDB',
      'SNS|AWS::SNS',
      'SecretsManager|AWS::SecretsManager',
      'SomethingNew|AWS::SomethingNew',
    ]);
  });
});
