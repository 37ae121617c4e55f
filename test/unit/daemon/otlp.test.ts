/**
 * OTLP → X-Ray documents, held against the OpenTelemetry collector's awsxrayexporter translator
 * (exporter/awsxrayexporter/internal/translator): each row names the translator test or rule it repeats.
 */
import { describe, expect, it } from 'vitest';
import { detectXray, loadXray } from '../../../shared/xray/load.ts';
import { otlpIdHex, otlpToSegments } from '../../../shared/xray/otlp.ts';

const TRACE = '5f3a1b2c0123456789abcdef01234567';
const XRAY_TRACE = '1-5f3a1b2c-0123456789abcdef01234567';
const START = '1597643564000000000';
const END = '1597643564250000000';

type AttrValue = string | number | boolean | string[];

function kv(attrs: Record<string, AttrValue>) {
  return Object.entries(attrs).map(([key, v]) => ({
    key,
    value: Array.isArray(v)
      ? { arrayValue: { values: v.map((x) => ({ stringValue: x })) } }
      : typeof v === 'string'
        ? { stringValue: v }
        : typeof v === 'boolean'
          ? { boolValue: v }
          : Number.isInteger(v)
            ? { intValue: String(v) }
            : { doubleValue: v },
  }));
}

interface SpanSpec {
  kind?: number | string;
  name?: string;
  spanId?: string;
  parentSpanId?: string;
  attributes?: Record<string, AttrValue>;
  status?: { code: number | string; message?: string };
  events?: { name: string; attributes: Record<string, AttrValue> }[];
  resource?: Record<string, AttrValue>;
}

function request(spec: SpanSpec) {
  return {
    resourceSpans: [
      {
        resource: { attributes: kv(spec.resource ?? { 'service.name': 'checkout' }) },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: [
              {
                traceId: TRACE,
                spanId: spec.spanId ?? '0102030405060708',
                parentSpanId: spec.parentSpanId ?? '',
                name: spec.name ?? 'GET /users/{id}',
                kind: spec.kind ?? 2,
                startTimeUnixNano: START,
                endTimeUnixNano: END,
                attributes: kv(spec.attributes ?? {}),
                events: (spec.events ?? []).map((e) => ({
                  timeUnixNano: END,
                  name: e.name,
                  attributes: kv(e.attributes),
                })),
                status: spec.status ?? {},
              },
            ],
          },
        ],
      },
    ],
  };
}

function one(spec: SpanSpec): Record<string, unknown> {
  const out = otlpToSegments(request(spec));
  expect(out.problems).toEqual([]);
  expect(out.documents).toHaveLength(1);
  return out.documents[0] as Record<string, unknown>;
}

const PARENT = 'a1a2a3a4a5a6a7a8';

describe('span kind → segment or subsegment (segment.go MakeSegment)', () => {
  const rows: [string, SpanSpec, { type?: string; name: string; namespace?: string; parent_id?: string }][] = [
    ['server root: a segment named after the resource service.name', { kind: 2 }, { name: 'checkout' }],
    [
      'server with a remote parent: still a segment, parent kept',
      { kind: 2, parentSpanId: PARENT },
      { name: 'checkout', parent_id: PARENT },
    ],
    [
      'internal child: a subsegment named after the span',
      { kind: 1, parentSpanId: PARENT, name: 'validate' },
      { type: 'subsegment', name: 'validate', parent_id: PARENT },
    ],
    ['internal root (no parent): a segment', { kind: 1, name: 'job' }, { name: 'job' }],
    [
      'client child: a subsegment in the remote namespace',
      { kind: 3, parentSpanId: PARENT, name: 'HTTP GET' },
      { type: 'subsegment', name: 'HTTP GET', namespace: 'remote', parent_id: PARENT },
    ],
    [
      'kind given by name (aws/spans, protobuf JSON enums)',
      { kind: 'SPAN_KIND_CLIENT', parentSpanId: PARENT, name: 'x' },
      { type: 'subsegment', name: 'x', namespace: 'remote', parent_id: PARENT },
    ],
    [
      'producer child: a subsegment, no namespace',
      { kind: 4, parentSpanId: PARENT, name: 'send' },
      { type: 'subsegment', name: 'send', parent_id: PARENT },
    ],
    [
      'consumer with parent: a subsegment (only SERVER spans start segments)',
      { kind: 5, parentSpanId: PARENT, name: 'receive' },
      { type: 'subsegment', name: 'receive', parent_id: PARENT },
    ],
  ];
  it.each(rows)('%s', (_label, spec, want) => {
    const d = one(spec);
    expect({ type: d.type, name: d.name, namespace: d.namespace, parent_id: d.parent_id }).toEqual(want);
    expect(d.trace_id).toBe(XRAY_TRACE);
    expect(d.id).toBe(spec.spanId ?? '0102030405060708');
    expect(d.start_time).toBe(1597643564);
    expect(d.end_time).toBe(1597643564.25);
  });
});

describe('segment names and namespaces (segment.go: peer.service, aws.service, db.name, service.name, rpc.service, http.host, net.peer.name, span name)', () => {
  const client = (attributes: Record<string, AttrValue>, name = 'span name'): SpanSpec => ({
    kind: 3,
    parentSpanId: PARENT,
    name,
    attributes,
  });
  const rows: [string, SpanSpec, string, string | undefined][] = [
    [
      'peer.service wins over everything',
      client({ 'peer.service': 'payments', 'aws.service': 'S3', 'http.host': 'h' }),
      'payments',
      'remote',
    ],
    ['aws.service names AWS calls, namespace aws', client({ 'aws.service': 'S3' }), 'S3', 'aws'],
    [
      'rpc.system aws-api + rpc.service (OTel JS aws-sdk instrumentation)',
      client({ 'rpc.system': 'aws-api', 'rpc.service': 'DynamoDB', 'rpc.method': 'GetItem' }),
      'DynamoDB',
      'aws',
    ],
    [
      'db.name@host from db.connection_string',
      client({ 'db.system': 'mysql', 'db.name': 'customers', 'db.connection_string': 'mysql://db.example.com:3306' }),
      'customers@db.example.com',
      'remote',
    ],
    ['rpc.service without aws-api', client({ 'rpc.system': 'grpc', 'rpc.service': 'Greeter' }), 'Greeter', 'remote'],
    ['http.host', client({ 'http.method': 'GET', 'http.host': 'api.example.com' }), 'api.example.com', 'remote'],
    ['net.peer.name', client({ 'net.peer.name': 'kb234.example.com' }), 'kb234.example.com', 'remote'],
    [
      'server.address (current semantic conventions)',
      client({ 'server.address': 'api.example.com' }),
      'api.example.com',
      'remote',
    ],
    [
      'span name with characters X-Ray does not allow',
      client({}, 'GET /users/{id}?x=<1>'),
      'GET /users/idx=1',
      'remote',
    ],
    ['empty name after cleaning becomes "span"', client({}, '{}'), 'span', 'remote'],
    ['service.name only names SERVER spans', { kind: 1, parentSpanId: PARENT, name: 'work' }, 'work', undefined],
  ];
  it.each(rows)('%s', (_label, spec, name, namespace) => {
    const d = one(spec);
    expect(d.name).toBe(name);
    expect(d.namespace).toBe(namespace);
  });
  it('cuts names to 200 characters', () => {
    expect((one({ kind: 1, name: 'n'.repeat(300) }).name as string).length).toBe(200);
  });
});

describe('origins from the resource (segment.go determineAwsOrigin)', () => {
  const rows: [Record<string, AttrValue>, string | undefined][] = [
    [{ 'cloud.provider': 'aws', 'cloud.platform': 'aws_ec2' }, 'AWS::EC2::Instance'],
    [{ 'cloud.provider': 'aws', 'cloud.platform': 'aws_ecs' }, 'AWS::ECS::Container'],
    [{ 'cloud.provider': 'aws', 'cloud.platform': 'aws_ecs', 'aws.ecs.launchtype': 'ec2' }, 'AWS::ECS::EC2'],
    [{ 'cloud.provider': 'aws', 'cloud.platform': 'aws_ecs', 'aws.ecs.launchtype': 'fargate' }, 'AWS::ECS::Fargate'],
    [{ 'cloud.provider': 'aws', 'cloud.platform': 'aws_eks' }, 'AWS::EKS::Container'],
    [{ 'cloud.provider': 'aws', 'cloud.platform': 'aws_elastic_beanstalk' }, 'AWS::ElasticBeanstalk::Environment'],
    [{ 'cloud.provider': 'aws', 'cloud.platform': 'aws_app_runner' }, 'AWS::AppRunner::Service'],
    [{ 'cloud.platform': 'aws_ec2' }, 'AWS::EC2::Instance'],
    [{ 'cloud.provider': 'gcp', 'cloud.platform': 'gcp_compute_engine' }, undefined],
    [{ 'cloud.provider': 'aws', 'cloud.platform': 'something_else' }, undefined],
    [{ 'service.name': 'x' }, undefined],
  ];
  it.each(rows)('%j → %s', (resource, origin) => {
    expect(one({ resource }).origin).toBe(origin);
  });
});

describe('status → error / fault / throttle (cause.go makeCause)', () => {
  const rows: [string, SpanSpec, [boolean, boolean, boolean]][] = [
    ['unset, no http: ok', {}, [false, false, false]],
    ['status ERROR, no http: fault', { status: { code: 2, message: 'boom' } }, [false, true, false]],
    ['status ERROR given by name', { status: { code: 'STATUS_CODE_ERROR' } }, [false, true, false]],
    ['http 404: error', { attributes: { 'http.status_code': 404 } }, [true, false, false]],
    ['http 429: error and throttle', { attributes: { 'http.status_code': 429 } }, [true, false, true]],
    ['http 500: fault', { attributes: { 'http.status_code': 500 } }, [false, true, false]],
    [
      'http.response.status_code 503 (current conventions): fault',
      { attributes: { 'http.response.status_code': 503 } },
      [false, true, false],
    ],
    [
      'http 400 with status ERROR: error only (the status code decides)',
      { attributes: { 'http.status_code': 400 }, status: { code: 2 } },
      [true, false, false],
    ],
    [
      'http 200 with status ERROR: fault',
      { attributes: { 'http.status_code': 200 }, status: { code: 2 } },
      [false, true, false],
    ],
  ];
  it.each(rows)('%s', (_label, spec, [error, fault, throttle]) => {
    const d = one(spec);
    expect([d.error === true, d.fault === true, d.throttle === true]).toEqual([error, fault, throttle]);
  });

  it('status message becomes the cause when no exception event exists; http.status_text is the fallback', () => {
    const a = one({ status: { code: 2, message: 'database unreachable' } });
    expect((a.cause as { exceptions: { message: string }[] }).exceptions[0].message).toBe('database unreachable');
    const b = one({ status: { code: 2 }, attributes: { 'http.status_text': 'Bad Gateway', 'http.status_code': 502 } });
    expect((b.cause as { exceptions: { message: string }[] }).exceptions[0].message).toBe('Bad Gateway');
    expect(b.metadata).toEqual({ default: { 'otel.resource.service.name': 'checkout' } });
  });

  it('exception events become cause.exceptions, remote on client spans, with Node.js stack frames', () => {
    const stack = 'Error: nope\n    at handler (/app/src/index.js:12:5)\n    at process (node:internal/process:10:3)';
    const d = one({
      kind: 3,
      parentSpanId: PARENT,
      resource: { 'service.name': 'checkout', 'telemetry.sdk.language': 'javascript' },
      events: [
        {
          name: 'exception',
          attributes: { 'exception.type': 'Error', 'exception.message': 'nope', 'exception.stacktrace': stack },
        },
      ],
    });
    const x = (d.cause as { exceptions: Record<string, unknown>[] }).exceptions;
    expect(x).toHaveLength(1);
    expect(x[0]).toMatchObject({ type: 'Error', message: 'nope', remote: true });
    expect(x[0].id).toMatch(/^[0-9a-f]{16}$/);
    expect(x[0].stack).toEqual([
      { label: 'handler', path: '/app/src/index.js', line: 12 },
      { label: 'process', path: 'node:internal/process', line: 10 },
    ]);
    // Deterministic on purpose (the translator draws random ids): the same file loads the same way twice.
    expect(
      one({ kind: 3, parentSpanId: PARENT, events: [{ name: 'exception', attributes: { 'exception.type': 'E' } }] })
        .cause,
    ).toEqual(
      one({ kind: 3, parentSpanId: PARENT, events: [{ name: 'exception', attributes: { 'exception.type': 'E' } }] })
        .cause,
    );
  });
});

describe('http block (http.go makeHTTP, the translator tests’ URLs)', () => {
  const rows: [string, SpanSpec, string | undefined][] = [
    [
      'client http.url (TestClientSpanWithURLAttribute)',
      {
        kind: 3,
        parentSpanId: PARENT,
        attributes: {
          'http.method': 'GET',
          'http.url': 'https://api.example.com/users/junit',
          'http.status_code': 200,
        },
      },
      'https://api.example.com/users/junit',
    ],
    [
      'client scheme+host+target (TestClientSpanWithSchemeHostTargetAttributes)',
      {
        kind: 3,
        parentSpanId: PARENT,
        attributes: {
          'http.method': 'GET',
          'http.scheme': 'https',
          'http.host': 'api.example.com',
          'http.target': '/users/junit',
          'http.status_code': 200,
        },
      },
      'https://api.example.com/users/junit',
    ],
    [
      'client peer name+port (TestClientSpanWithPeerAttributes)',
      {
        kind: 3,
        parentSpanId: PARENT,
        attributes: {
          'http.method': 'GET',
          'http.scheme': 'http',
          'net.peer.name': 'kb234.example.com',
          'net.peer.port': 8080,
          'net.peer.ip': '10.8.17.36',
          'http.target': '/users/junit',
          'http.status_code': 200,
        },
      },
      'http://kb234.example.com:8080/users/junit',
    ],
    [
      'client peer ip (TestClientSpanWithPeerIp4Attributes)',
      {
        kind: 3,
        parentSpanId: PARENT,
        attributes: {
          'http.method': 'GET',
          'http.scheme': 'http',
          'net.peer.ip': '10.8.17.36',
          'net.peer.port': '8080',
          'http.target': '/users/junit',
        },
      },
      'http://10.8.17.36:8080/users/junit',
    ],
    [
      'client IPv6 on 443 (TestClientSpanWithPeerIp6Attributes)',
      {
        kind: 3,
        parentSpanId: PARENT,
        attributes: {
          'http.method': 'GET',
          'http.scheme': 'https',
          'net.peer.ip': '2001:db8:85a3::8a2e:370:7334',
          'net.peer.port': '443',
          'http.target': '/users/junit',
        },
      },
      'https://2001:db8:85a3::8a2e:370:7334/users/junit',
    ],
    [
      'server http.url (TestServerSpanWithURLAttribute)',
      {
        attributes: {
          'http.method': 'GET',
          'http.url': 'https://api.example.com/users/junit',
          'http.client_ip': '192.168.15.32',
          'http.status_code': 200,
        },
      },
      'https://api.example.com/users/junit',
    ],
    [
      'server server_name+443 (TestServerSpanWithSchemeServernamePortTargetAttributes)',
      {
        attributes: {
          'http.method': 'GET',
          'http.scheme': 'https',
          'http.server_name': 'api.example.com',
          'net.host.port': 443,
          'http.target': '/users/junit',
          'http.status_code': 200,
        },
      },
      'https://api.example.com/users/junit',
    ],
    [
      'server host.name+8080 (TestServerSpanWithSchemeNamePortTargetAttributes)',
      {
        attributes: {
          'http.method': 'GET',
          'http.scheme': 'http',
          'host.name': 'kb234.example.com',
          'net.host.port': 8080,
          'http.target': '/users/junit',
          'http.status_code': 200,
        },
      },
      'http://kb234.example.com:8080/users/junit',
    ],
    [
      'too few parts: no url (TestSpanWithNotEnoughHTTPRequestURLAttributes)',
      {
        attributes: {
          'http.method': 'GET',
          'http.scheme': 'http',
          'http.client_ip': '192.168.15.32',
          'http.target': '/users/junit',
          'net.host.port': 443,
          'http.status_code': 200,
        },
      },
      undefined,
    ],
    [
      'current conventions: url.full',
      {
        kind: 3,
        parentSpanId: PARENT,
        attributes: {
          'http.request.method': 'POST',
          'url.full': 'https://api.example.com/orders',
          'http.response.status_code': 201,
        },
      },
      'https://api.example.com/orders',
    ],
  ];
  it.each(rows)('%s', (_label, spec, url) => {
    const http = one(spec).http as { request: Record<string, unknown>; response: Record<string, unknown> };
    expect(http.request.url).toBe(url);
  });

  it('client_ip prefers http.client_ip and marks x_forwarded_for (TestClientSpanWithHttpPeerAttributes)', () => {
    const http = one({
      kind: 3,
      parentSpanId: PARENT,
      attributes: { 'http.client_ip': '1.2.3.4', 'net.peer.ip': '10.8.17.36' },
    }).http as {
      request: Record<string, unknown>;
    };
    expect(http.request).toMatchObject({ client_ip: '1.2.3.4', x_forwarded_for: true });
  });

  it('method, user agent and status', () => {
    const http = one({
      attributes: { 'http.method': 'GET', 'http.user_agent': 'PostmanRuntime/7.21.0', 'http.status_code': 200 },
    }).http;
    expect(http).toEqual({
      request: { method: 'GET', user_agent: 'PostmanRuntime/7.21.0' },
      response: { status: 200 },
    });
  });
});

describe('aws block (aws.go makeAws)', () => {
  it('operation, request id, region, table and queue from span attributes', () => {
    const d = one({
      kind: 3,
      parentSpanId: PARENT,
      attributes: {
        'rpc.system': 'aws-api',
        'rpc.service': 'DynamoDB',
        'rpc.method': 'GetItem',
        'aws.request_id': 'REQ1',
        'aws.region': 'us-east-1',
        'aws.dynamodb.table_names': ['Orders'],
      },
      resource: { 'service.name': 'checkout', 'cloud.provider': 'aws', 'cloud.account.id': '123456789012' },
    });
    expect(d.aws).toMatchObject({
      operation: 'GetItem',
      request_id: 'REQ1',
      region: 'us-east-1',
      table_name: 'Orders',
      account_id: '123456789012',
    });
    const many = one({ kind: 3, parentSpanId: PARENT, attributes: { 'aws.dynamodb.table_names': ['A', 'B'] } })
      .aws as Record<string, unknown>;
    expect(many.table_names).toEqual(['A', 'B']);
    expect(many.table_name).toBeUndefined();
    const sqs = one({
      kind: 4,
      parentSpanId: PARENT,
      attributes: { 'aws.queue_url': 'https://sqs/q', 'messaging.url': 'https://sqs/semconv' },
    }).aws;
    expect(sqs).toMatchObject({ queue_url: 'https://sqs/semconv' });
  });

  it('aws.operation wins over rpc.method; the SDK name gets "for <language>"', () => {
    const d = one({
      kind: 3,
      parentSpanId: PARENT,
      attributes: { 'aws.operation': 'PutObject', 'rpc.method': 'Other' },
      resource: {
        'telemetry.sdk.name': 'opentelemetry',
        'telemetry.sdk.language': 'nodejs',
        'telemetry.sdk.version': '2.0.0',
      },
    });
    expect(d.aws).toMatchObject({
      operation: 'PutObject',
      xray: { sdk: 'opentelemetry for nodejs', sdk_version: '2.0.0', auto_instrumentation: false },
    });
  });

  it('ec2, ecs and eks metadata from the resource; none for another cloud', () => {
    const ec2 = one({
      resource: {
        'cloud.provider': 'aws',
        'cloud.platform': 'aws_ec2',
        'host.id': 'i-0123',
        'host.type': 'm5.large',
        'cloud.availability_zone': 'us-east-1a',
      },
    }).aws;
    expect(ec2).toMatchObject({
      ec2: { instance_id: 'i-0123', instance_size: 'm5.large', availability_zone: 'us-east-1a' },
    });
    const ecs = one({
      resource: {
        'cloud.provider': 'aws',
        'cloud.platform': 'aws_ecs',
        'container.name': 'web',
        'aws.ecs.launchtype': 'fargate',
      },
    }).aws;
    expect(ecs).toMatchObject({ ecs: { container: 'web', launch_type: 'fargate' } });
    const eks = one({ resource: { 'k8s.cluster.name': 'prod', 'k8s.pod.name': 'web-1' } }).aws;
    expect(eks).toMatchObject({ eks: { cluster_name: 'prod', pod: 'web-1' } });
    expect(one({ resource: { 'cloud.provider': 'gcp' } }).aws).toBeUndefined();
  });
});

describe('sql, user, annotations and metadata (sql.go, segment.go makeXRayAttributes)', () => {
  it('SQL systems get an sql block and leave metadata', () => {
    const d = one({
      kind: 3,
      parentSpanId: PARENT,
      attributes: {
        'db.system': 'postgresql',
        'db.name': 'shop',
        'db.connection_string': 'postgresql://db:5432',
        'db.user': 'app',
        'db.statement': 'SELECT 1',
      },
    });
    expect(d.sql).toEqual({
      url: 'postgresql://db:5432/shop',
      database_type: 'postgresql',
      user: 'app',
      sanitized_query: 'SELECT 1',
    });
    expect(d.metadata).toBeUndefined();
  });

  it('enduser.id → user; aws.xray.annotations picks annotations (keys cleaned); the rest is default metadata', () => {
    const d = one({
      attributes: {
        'enduser.id': 'alice',
        'order.id': 'o-1',
        premium: true,
        'aws.xray.annotations': ['order.id', 'premium'],
        'cart.size': 3,
      },
    });
    expect(d.user).toBe('alice');
    expect(d.annotations).toEqual({ order_id: 'o-1', premium: true });
    expect(d.metadata).toEqual({ default: { 'otel.resource.service.name': 'checkout', 'cart.size': 3 } });
  });

  it('resource attributes go to segments only', () => {
    expect(one({ kind: 1, parentSpanId: PARENT, name: 'x' }).metadata).toBeUndefined();
  });

  it('service.version becomes service.version', () => {
    expect(one({ resource: { 'service.name': 'a', 'service.version': '1.2.3' } }).service).toEqual({
      version: '1.2.3',
    });
  });
});

describe('ids and input forms', () => {
  it('reads hex and base64 ids (protobuf canonical JSON)', () => {
    expect(otlpIdHex('AQIDBAUGBwg=', 8)).toBe('0102030405060708');
    expect(otlpIdHex('XzobLAEjRWeJq83vASNFZw==', 16)).toBe(TRACE);
    expect(otlpIdHex('0102030405060708', 8)).toBe('0102030405060708');
    expect(otlpIdHex('nope', 8)).toBeUndefined();
  });

  it('keeps W3C random trace ids the translator would refuse (old epoch), in X-Ray form', () => {
    const req = request({});
    (req.resourceSpans[0].scopeSpans[0].spans[0] as Record<string, unknown>).traceId =
      '00000001aaaaaaaaaaaaaaaaaaaaaaaa';
    expect(otlpToSegments(req).documents[0].trace_id).toBe('1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa');
  });

  it('reports spans without ids instead of throwing', () => {
    const req = request({});
    (req.resourceSpans[0].scopeSpans[0].spans[0] as Record<string, unknown>).spanId = '';
    const out = otlpToSegments(req);
    expect(out.documents).toEqual([]);
    expect(out.problems[0]).toMatch(/valid traceId\/spanId/);
    expect(otlpToSegments({ nope: 1 }).problems).toEqual(['Not an OTLP trace request or span.']);
  });

  it('span links become links', () => {
    const req = request({});
    (req.resourceSpans[0].scopeSpans[0].spans[0] as Record<string, unknown>).links = [
      { traceId: TRACE, spanId: PARENT, attributes: [] },
    ];
    expect(otlpToSegments(req).documents[0].links).toEqual([{ trace_id: XRAY_TRACE, id: PARENT }]);
  });
});

describe('the loader opens OTLP files like any X-Ray file', () => {
  const spans = {
    resourceSpans: [
      {
        resource: {
          attributes: kv({ 'service.name': 'checkout', 'cloud.provider': 'aws', 'cloud.platform': 'aws_ec2' }),
        },
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE,
                spanId: '1111111111111111',
                name: 'GET /',
                kind: 'SPAN_KIND_SERVER',
                startTimeUnixNano: START,
                endTimeUnixNano: END,
                attributes: kv({ 'http.method': 'GET', 'http.status_code': 200 }),
              },
              {
                traceId: TRACE,
                spanId: '2222222222222222',
                parentSpanId: '1111111111111111',
                name: 'DynamoDB.GetItem',
                kind: 3,
                startTimeUnixNano: '1597643564010000000',
                endTimeUnixNano: '1597643564050000000',
                attributes: kv({ 'rpc.system': 'aws-api', 'rpc.service': 'DynamoDB', 'rpc.method': 'GetItem' }),
              },
              {
                traceId: TRACE,
                spanId: '3333333333333333',
                parentSpanId: '2222222222222222',
                name: 'inner',
                kind: 1,
                startTimeUnixNano: '1597643564020000000',
                endTimeUnixNano: '1597643564030000000',
              },
            ],
          },
        ],
      },
    ],
  };

  it('detects OTLP JSON by its text', () => {
    expect(detectXray(JSON.stringify(spans))).toBe(true);
    expect(detectXray('{"StartAt":"A","States":{}}')).toBe(false);
  });

  it('builds the tree: server segment → AWS subsegment → internal subsegment, in one trace', () => {
    const ds = loadXray([{ name: 'otlp.json', text: JSON.stringify(spans) }]);
    expect(ds.unreadable).toEqual([]);
    expect(ds.traces).toHaveLength(1);
    const t = ds.traces[0];
    expect(t.id).toBe(XRAY_TRACE);
    const root = t.spans[t.root];
    expect(root).toMatchObject({ name: 'checkout', kind: 'segment', origin: 'AWS::EC2::Instance' });
    const names = (i: number) => t.spans[i].children.map((c) => t.spans[c].name);
    const dynamo = t.spans.findIndex((sp) => sp.id === '2222222222222222');
    expect(names(t.root)).toContain('DynamoDB');
    expect(t.spans[dynamo]).toMatchObject({ namespace: 'aws', kind: 'subsegment' });
    expect(names(dynamo)).toContain('inner');
  });

  it('reads a collector file exporter file (one request per line) and merges with X-Ray documents of the same trace', () => {
    const [a, b] = [
      {
        resourceSpans: [
          { ...spans.resourceSpans[0], scopeSpans: [{ spans: [spans.resourceSpans[0].scopeSpans[0].spans[0]] }] },
        ],
      },
      {
        resourceSpans: [
          { ...spans.resourceSpans[0], scopeSpans: [{ spans: spans.resourceSpans[0].scopeSpans[0].spans.slice(1) }] },
        ],
      },
    ];
    const xray = {
      trace_id: XRAY_TRACE,
      id: '4444444444444444',
      parent_id: '1111111111111111',
      name: 'orders',
      start_time: 1597643564.06,
      end_time: 1597643564.1,
      origin: 'AWS::Lambda::Function',
    };
    const ds = loadXray([
      { name: 'collector.jsonl', text: `${JSON.stringify(a)}\n${JSON.stringify(b)}\n` },
      { name: 'daemon.ndjson', text: `${JSON.stringify(xray)}\n` },
    ]);
    expect(ds.traces).toHaveLength(1);
    expect(ds.traces[0].spans.filter((sp) => !sp.synthetic)).toHaveLength(4);
  });

  it('reads CloudWatch aws/spans records (flat attributes, kind by name), one per line', () => {
    const record = (spanId: string, parent: string, kind: string, attributes: Record<string, unknown>) => ({
      resource: { attributes: { 'service.name': 'billing' } },
      scope: { name: 'x' },
      traceId: TRACE,
      spanId,
      parentSpanId: parent,
      name: 'op',
      kind,
      startTimeUnixNano: 1597643564000000000,
      endTimeUnixNano: 1597643564100000000,
      durationNano: 100000000,
      attributes,
      status: { code: 'UNSET' },
    });
    const text = [
      record('aaaaaaaaaaaaaaaa', '', 'SERVER', { 'http.method': 'POST' }),
      record('bbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaa', 'CLIENT', { 'aws.service': 'SNS', 'http.status_code': 500 }),
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    expect(detectXray(text)).toBe(true);
    const ds = loadXray([{ name: 'aws-spans.jsonl', text }]);
    const t = ds.traces[0];
    expect(t.spans[t.root].name).toBe('billing');
    const sns = t.spans.find((sp) => sp.id === 'bbbbbbbbbbbbbbbb');
    expect(sns).toMatchObject({ name: 'SNS', namespace: 'aws', fault: true });
  });
});

describe('Application Signals names and local roots (segment.go MakeSegmentsFromSpan, the current translator)', () => {
  const LOCAL = { 'aws.span.kind': 'LOCAL_ROOT', 'aws.local.service': 'orders-api' };
  it('aws.local.service names SERVER spans; aws.remote.service names calls, AWS:: trimmed for SDK spans', () => {
    expect(one({ kind: 2, attributes: { 'aws.local.service': 'orders-api', 'peer.service': 'x' } }).name).toBe(
      'orders-api',
    );
    const sdk = one({
      kind: 3,
      parentSpanId: PARENT,
      attributes: { 'rpc.system': 'aws-api', 'aws.remote.service': 'AWS::DynamoDB' },
    });
    expect([sdk.name, sdk.namespace]).toEqual(['DynamoDB', 'aws']);
    expect(
      one({
        kind: 3,
        parentSpanId: PARENT,
        attributes: { 'rpc.system': 'aws-api', 'aws.remote.service': 'AWS.SDK.S3' },
      }).name,
    ).toBe('S3');
    // Not an SDK span: the prefix stays; a call with aws.remote.service is in the remote namespace.
    const other = one({ kind: 4, parentSpanId: PARENT, attributes: { 'aws.remote.service': 'AWS::Kinesis' } });
    expect([other.name, other.namespace]).toEqual(['AWS::Kinesis', 'remote']);
    expect(
      one({
        kind: 3,
        parentSpanId: PARENT,
        attributes: { 'db.name': 'shop', 'db.connection_string': 'jdbc:mysql://db.dev.example.com:3306' },
      }).name,
    ).toBe('shop@db.dev.example.com');
  });

  it('a SERVER or INTERNAL local root is one segment, without type or namespace', () => {
    const d = one({ kind: 1, parentSpanId: PARENT, name: 'job', attributes: LOCAL });
    expect([d.name, d.type, d.namespace, d.parent_id]).toEqual(['orders-api', undefined, undefined, PARENT]);
  });

  it('a CLIENT local root becomes a service segment and its dependency subsegment', () => {
    const out = otlpToSegments(
      request({
        kind: 3,
        parentSpanId: PARENT,
        name: 'DynamoDB.GetItem',
        attributes: {
          ...LOCAL,
          'rpc.system': 'aws-api',
          'rpc.method': 'GetItem',
          'aws.remote.service': 'AWS::DynamoDB',
          'http.status_code': 200,
          'cart.size': 2,
        },
      }),
    );
    expect(out.documents).toHaveLength(2);
    const [dep, svc] = out.documents as Record<string, unknown>[];
    expect(svc).toMatchObject({ name: 'orders-api', parent_id: PARENT, trace_id: XRAY_TRACE });
    expect(svc.type).toBeUndefined();
    expect(svc.namespace).toBeUndefined();
    expect(svc.http).toBeUndefined();
    // Built from the CLIENT span, the service document is made as a subsegment would be (no resource metadata),
    // and only otel.resource.* metadata survives: none is left, as in the translator.
    expect(svc.metadata).toBeUndefined();
    expect(dep).toMatchObject({
      name: 'DynamoDB',
      type: 'subsegment',
      namespace: 'aws',
      parent_id: svc.id,
      aws: { operation: 'GetItem' },
    });
    expect(dep.id).toBe('0102030405060708');
    expect(svc.id).not.toBe(dep.id);
    const ds = loadXray([
      {
        name: 'x.json',
        text: JSON.stringify(
          request({ kind: 3, name: 'call', attributes: { ...LOCAL, 'aws.remote.service': 'payments' } }),
        ),
      },
    ]);
    const t = ds.traces[0];
    expect(t.spans[t.root].name).toBe('orders-api');
    expect(t.spans[t.root].children.map((c) => [t.spans[c].name, t.spans[c].namespace])).toEqual([
      ['payments', 'remote'],
    ]);
  });
});
