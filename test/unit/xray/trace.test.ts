import { describe, expect, it } from 'vitest';
import { generateTrace } from '../../../bench/gen-xray.ts';
import { detectXray, loadXray, parseXrayFile } from '../../../shared/xray/load.ts';
import { normalizeTraceId, traceIdEpochSeconds } from '../../../shared/xray/ids.ts';
import { findException } from '../../../shared/xray/trace.ts';
import type { Trace } from '../../../shared/xray/types.ts';

const TID = '1-5f000000-000000000000000000000001';

function seg(fields: Record<string, unknown>): Record<string, unknown> {
  return { trace_id: TID, start_time: 100, end_time: 101, ...fields };
}

function load(...docs: Record<string, unknown>[]) {
  return loadXray([{ name: 'docs.json', text: JSON.stringify(docs) }]);
}

function byId(trace: Trace, id: string) {
  const s = trace.spans.find((x) => x.id === id);
  if (!s) throw new Error(`no span ${id}`);
  return s;
}

describe('trace ids', () => {
  it('converts W3C 32-hex ids and tracing headers to X-Ray form', () => {
    expect(normalizeTraceId('5759e988bd862e3fe1be46a994272793')).toBe('1-5759e988-bd862e3fe1be46a994272793');
    expect(normalizeTraceId('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1')).toBe(
      '1-5759e988-bd862e3fe1be46a994272793',
    );
    expect(normalizeTraceId(' my-made-up-id ')).toBe('my-made-up-id');
    expect(traceIdEpochSeconds('1-5759e988-bd862e3fe1be46a994272793')).toBe(0x5759e988);
  });

  it('answers each id the same, asked again, in a row or between others (the last answer is kept)', () => {
    const ids = [
      '5759e988bd862e3fe1be46a994272793',
      '5759e988bd862e3fe1be46a994272793',
      '1-5759E988-BD862E3FE1BE46A994272793',
      '',
      ' x ',
      '',
      'Root=1-5759e988-bd862e3fe1be46a994272793',
      '5759e988bd862e3fe1be46a994272793',
    ];
    const expected = [
      '1-5759e988-bd862e3fe1be46a994272793',
      '1-5759e988-bd862e3fe1be46a994272793',
      '1-5759e988-bd862e3fe1be46a994272793',
      '',
      'x',
      '',
      '1-5759e988-bd862e3fe1be46a994272793',
      '1-5759e988-bd862e3fe1be46a994272793',
    ];
    expect(ids.map(normalizeTraceId)).toEqual(expected);
  });

  it('merges a W3C-id document with an X-Ray-id document of the same trace', () => {
    const a = {
      name: 'a.json',
      text: JSON.stringify(
        seg({ id: 'aaaaaaaaaaaaaaaa', name: 'front', trace_id: '5f0000000000000000000000000000ff' }),
      ),
    };
    const b = {
      name: 'b.json',
      text: JSON.stringify(
        seg({
          id: 'bbbbbbbbbbbbbbbb',
          name: 'back',
          parent_id: 'aaaaaaaaaaaaaaaa',
          trace_id: '1-5f000000-0000000000000000000000ff',
        }),
      ),
    };
    const ds = loadXray([a, b]);
    expect(ds.traces).toHaveLength(1);
    const t = ds.traces[0];
    expect(t.id).toBe('1-5f000000-0000000000000000000000ff');
    expect(t.files).toEqual(['a.json', 'b.json']);
    expect(t.spans[byId(t, 'bbbbbbbbbbbbbbbb').parent].id).toBe('aaaaaaaaaaaaaaaa');
  });
});

describe('input shapes', () => {
  it('reads BatchGetTraces with Document strings, parsing each document once', () => {
    const doc = seg({ id: '1111111111111111', name: 'svc' });
    const text = JSON.stringify({
      Traces: [{ Id: TID, Duration: 1, Segments: [{ Id: doc.id, Document: JSON.stringify(doc) }] }],
      UnprocessedTraceIds: [],
    });
    const parsed = parseXrayFile({ name: 'b.json', text });
    expect(parsed.kind).toBe('traces');
    expect(parsed.documents.get(TID)?.[0].doc.name).toBe('svc');
  });

  it('reads one JSON document per line and skips the daemon header', () => {
    const text = [
      '{"format": "json", "version": 1}',
      JSON.stringify(seg({ id: '1', name: 'a' })),
      '',
      JSON.stringify(seg({ id: '2', name: 'b', parent_id: '1' })),
    ].join('\n');
    const ds = loadXray([{ name: 'x.jsonl', text }]);
    expect(ds.unreadable).toEqual([]);
    expect(ds.traces[0].spans.map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('reports JSON syntax errors with line and column, and never throws', () => {
    const ds = loadXray([{ name: 'bad.json', text: '{\n  "Traces": [\n    {"Id": 1,,}\n' }]);
    expect(ds.unreadable).toEqual(['bad.json']);
    expect(ds.diagnostics[0]).toMatchObject({ severity: 'error', line: 3, file: 'bad.json' });
    const lines = loadXray([{ name: 'l.jsonl', text: '{"id":"1","start_time":1,"end_time":2}\n{"id": oops}\n' }]);
    expect(lines.diagnostics[0]).toMatchObject({ severity: 'warning', line: 2, code: 'xray-bad-line' });
  });

  it('skips bad lines of NDJSON and daemon captures with their line numbers, and loads the rest', () => {
    const doc = (id: string) => JSON.stringify({ trace_id: TID, id, name: id, start_time: 1, end_time: 2 });
    const header = '{"format":"json","version":1}';
    const text = [header, doc('a'), '{"id": "b", "start_time": 1,', header, doc('c'), 'garbage', '', doc('d')].join(
      '\n',
    );
    const ds = loadXray([{ name: 'capture.txt', text }]);
    expect(ds.unreadable).toEqual([]);
    expect(ds.traces[0].spans.map((s) => s.id).sort()).toEqual(['a', 'c', 'd']);
    const bad = ds.diagnostics.filter((d) => d.code === 'xray-bad-line');
    expect(bad.map((d) => d.line)).toEqual([3, 6]);
    expect(bad[0].message).toMatch(/^Line 3 is not valid JSON and was skipped/);
    // The first line may be the broken one.
    const first = loadXray([{ name: 'f.ndjson', text: ['{oops', doc('a'), doc('b')].join('\n') }]);
    expect(first.traces[0].spans).toHaveLength(2);
    expect(first.diagnostics.map((d) => d.line)).toEqual([1]);
    // Many bad lines: twenty reported, then one count of the rest.
    const many = loadXray([
      {
        name: 'm.ndjson',
        text: [
          doc('a'),
          ...Array.from({ length: 30 }, () => 'x'),
          doc('b'),
          doc('c'),
          ...Array.from({ length: 30 }, (_, i) => doc(`z${i}`)),
        ].join('\n'),
      },
    ]);
    expect(many.diagnostics.filter((d) => d.code === 'xray-bad-line')).toHaveLength(21);
    expect(many.traces[0].spans).toHaveLength(33);
  });

  it('refuses an array with nothing X-Ray in it as not X-Ray data', () => {
    const ds = loadXray([{ name: 'n.json', text: '[1,2,3]' }]);
    expect(ds.unreadable).toEqual(['n.json']);
    expect(ds.diagnostics.some((d) => d.code === 'xray-unknown')).toBe(true);
  });

  it('reports a bad Document string without dropping the rest of the trace', () => {
    const good = seg({ id: '1111111111111111', name: 'ok' });
    const text = JSON.stringify({
      Traces: [
        {
          Id: TID,
          Segments: [
            { Id: 'x', Document: '{"id": ' },
            { Id: '1', Document: JSON.stringify(good) },
          ],
        },
      ],
    });
    const ds = loadXray([{ name: 'b.json', text }]);
    expect(ds.traces[0].spans).toHaveLength(1);
    expect(ds.diagnostics.some((d) => d.code === 'xray-document-json' && d.severity === 'error')).toBe(true);
  });

  it('reads ListRetrievedTraces in XRAY format and refuses the OTEL format clearly', () => {
    const doc = seg({ id: '1111111111111111', name: 'svc' });
    const xray = {
      RetrievalStatus: 'COMPLETE',
      TraceFormat: 'XRAY',
      Traces: [{ Id: TID, Spans: [{ Id: doc.id, Document: JSON.stringify(doc) }] }],
    };
    expect(loadXray([{ name: 'r.json', text: JSON.stringify(xray) }]).traces[0].spans[0].name).toBe('svc');
    const otel = loadXray([{ name: 'o.json', text: JSON.stringify({ ...xray, TraceFormat: 'OTEL' }) }]);
    expect(otel.unreadable).toEqual(['o.json']);
    expect(otel.diagnostics[0].message).toMatch(/TraceFormat XRAY/);
  });

  it('refuses files that are not X-Ray data, and routes files by content', () => {
    const asl = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(detectXray(asl)).toBe(false);
    expect(loadXray([{ name: 'asl.json', text: asl }]).unreadable).toEqual(['asl.json']);
    expect(loadXray([{ name: 'empty.json', text: '  ' }]).unreadable).toEqual(['empty.json']);
    expect(detectXray(JSON.stringify(seg({ id: '1', name: 'a' })))).toBe(true);
    expect(detectXray('{"TraceSummaries": []}')).toBe(true);
    expect(detectXray('{"Services": [{"ReferenceId": 0, "Name": "a"}]}')).toBe(true);
  });

  it('keeps the complete document when an in-progress one was also sent', () => {
    const ds = load(
      seg({ id: '1', name: 'a', in_progress: true, end_time: undefined }),
      seg({ id: '1', name: 'a', end_time: 103 }),
    );
    const t = ds.traces[0];
    expect(t.spans).toHaveLength(1);
    expect(t.spans[0].inProgress).toBe(false);
    expect(t.spans[0].durationMs).toBeCloseTo(3000);
    expect(t.partial).toBe(false);
  });
});

describe('span tree', () => {
  it('nests subsegments and links segments across services by parent_id', () => {
    const ds = load(
      seg({
        id: 'api',
        name: 'api',
        origin: 'AWS::ApiGateway::Stage',
        subsegments: [
          {
            id: 'call',
            name: 'Lambda',
            start_time: 100.1,
            end_time: 100.9,
            namespace: 'aws',
            aws: { function_name: 'fn' },
          },
        ],
      }),
      seg({
        id: 'fn',
        name: 'fn',
        origin: 'AWS::Lambda::Function',
        parent_id: 'call',
        start_time: 100.2,
        end_time: 100.8,
      }),
    );
    const t = ds.traces[0];
    expect(t.spans.map((s) => `${'  '.repeat(s.depth)}${s.name}`)).toEqual(['api', '  Lambda', '    fn']);
    const fn = byId(t, 'fn');
    expect(fn.kind).toBe('segment');
    expect(t.spans[fn.segment]).toBe(fn);
    // The Lambda call has a real callee segment, so nothing is inferred for it.
    expect(t.spans.some((s) => s.synthetic)).toBe(false);
    expect(ds.diagnostics).toEqual([]);
  });

  it('infers downstream nodes as X-Ray names them', () => {
    const subs = [
      { id: 's1', name: 'DynamoDB', namespace: 'aws', aws: { table_name: 'Orders', operation: 'PutItem' } },
      { id: 's2', name: 'S3', namespace: 'aws', aws: { bucket_name: 'invoices', operation: 'PutObject' } },
      {
        id: 's3',
        name: 'SNS',
        namespace: 'aws',
        aws: { topic_arn: 'arn:aws:sns:us-east-1:123456789012:order-events', operation: 'Publish' },
      },
      {
        id: 's4',
        name: 'SQS',
        namespace: 'aws',
        aws: { queue_url: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs' },
      },
      {
        id: 's5',
        name: 'payments.example.com',
        namespace: 'remote',
        http: { request: { url: 'https://payments.example.com/charge' }, response: { status: 502 } },
      },
      { id: 's6', name: 'orders@db', namespace: 'remote', sql: { sanitized_query: 'SELECT 1' } },
      { id: 's7', name: 'STS', namespace: 'aws', aws: { operation: 'GetCallerIdentity' } },
      { id: 's8', name: '## local work' },
    ].map((s) => ({ start_time: 100, end_time: 100.5, ...s }));
    const t = load(seg({ id: 'svc', name: 'svc', subsegments: subs })).traces[0];
    const inferred = t.spans.filter((s) => s.kind === 'inferred').map((s) => s.node);
    expect(inferred).toEqual([
      'Orders|AWS::DynamoDB::Table',
      // S3 and SNS are one node per service (X-Ray's own inferred segments read SNS / AWS::SNS); the bucket and
      // topic are resources of that node (resourceOf). DynamoDB tables and SQS queues are named by the resource,
      // as GetServiceGraph names them (developer guide example; Grafana's recorded graph).
      'S3|AWS::S3::Bucket',
      'SNS|AWS::SNS',
      'https://sqs.us-east-1.amazonaws.com/123456789012/jobs|AWS::SQS::Queue',
      'payments.example.com|remote',
      'orders@db|Database::SQL',
      'STS|AWS::STS',
    ]);
    const remote = t.spans.find((s) => s.node === 'payments.example.com|remote')!;
    expect(remote.synthetic).toBe(true);
    expect(remote.status).toBe('fault');
    expect(t.spans[remote.parent].id).toBe('s5');
  });

  it('keeps orphans as flagged roots with a warning', () => {
    const ds = load(seg({ id: 'a', name: 'a' }), seg({ id: 'b', name: 'b', parent_id: 'missing', start_time: 99 }));
    const t = ds.traces[0];
    expect(t.roots.map((r) => t.spans[r].id)).toEqual(['a', 'b']);
    expect(byId(t, 'b').orphan).toBe(true);
    expect(t.spans[t.root].id).toBe('a');
    expect(ds.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'xray-orphan' })]);
  });

  it('breaks parent cycles with an error diagnostic instead of hanging', () => {
    const ds = load(
      seg({
        id: 'a',
        name: 'a',
        parent_id: 'bs',
        subsegments: [{ id: 'as', name: 'call-b', start_time: 100, end_time: 101 }],
      }),
      seg({
        id: 'b',
        name: 'b',
        parent_id: 'as',
        subsegments: [{ id: 'bs', name: 'call-a', start_time: 100, end_time: 101 }],
      }),
    );
    const t = ds.traces[0];
    expect(t.spans).toHaveLength(4);
    expect(t.spans.filter((s) => s.cycle)).toHaveLength(1);
    expect(ds.diagnostics.filter((d) => d.code === 'xray-cycle')).toHaveLength(1);
    expect(ds.diagnostics[0].severity).toBe('error');
    // Every span is reachable from a root exactly once.
    const seen = new Set<number>();
    const walk = (i: number) => {
      expect(seen.has(i)).toBe(false);
      seen.add(i);
      t.spans[i].children.forEach(walk);
    };
    t.roots.forEach(walk);
    expect(seen.size).toBe(4);
  });

  it('handles a self-parented segment', () => {
    const ds = load(seg({ id: 'a', name: 'a', parent_id: 'a' }));
    expect(ds.traces[0].spans).toHaveLength(1);
    expect(ds.traces[0].spans[0].orphan).toBe(true);
  });

  it('flags clock skew (end before start) without crashing', () => {
    const ds = load(seg({ id: 'a', name: 'a', start_time: 200, end_time: 150 }));
    const s = ds.traces[0].spans[0];
    expect(s.skew).toBe(true);
    expect(s.durationMs).toBe(0);
    expect(ds.diagnostics.map((d) => d.code)).toEqual(['xray-clock-skew']);
  });

  it('marks in-progress segments and partial traces', () => {
    const ds = load(seg({ id: 'a', name: 'a', in_progress: true, end_time: undefined }));
    const t = ds.traces[0];
    expect(t.partial).toBe(true);
    expect(t.spans[0].status).toBe('pending');
  });

  it('classifies error, fault and throttle from flags and status codes, with causes', () => {
    const ds = load(
      seg({
        id: 'a',
        name: 'a',
        subsegments: [
          {
            id: 't',
            name: 'DynamoDB',
            namespace: 'aws',
            start_time: 100,
            end_time: 100.1,
            throttle: true,
            error: true,
            http: { response: { status: 429 } },
          },
          {
            id: 'f',
            name: 'work',
            start_time: 100,
            end_time: 100.1,
            fault: true,
            cause: {
              working_directory: '/app',
              exceptions: [
                { id: 'e1', type: 'Boom', message: 'it broke', stack: [{ path: 'a.js', line: 3, label: 'run' }] },
              ],
            },
          },
          { id: 'r', name: 'rethrow', start_time: 100, end_time: 100.1, fault: true, cause: 'e1' },
          { id: 'e', name: 'client-error', start_time: 100, end_time: 100.1, http: { response: { status: 404 } } },
        ],
      }),
    );
    const t = ds.traces[0];
    expect(byId(t, 't').status).toBe('throttle');
    expect(byId(t, 'f').status).toBe('fault');
    expect(byId(t, 'f').exceptions[0]).toMatchObject({
      type: 'Boom',
      message: 'it broke',
      stack: [{ path: 'a.js', line: 3, label: 'run' }],
    });
    expect(findException(t, byId(t, 'r').causeRef!)?.message).toBe('it broke');
    expect(byId(t, 'e').status).toBe('error');
    // The trace's error and fault are its root segment's (TraceSummary HasError / HasFault); throttle is any
    // segment's (HasThrottle).
    expect([t.error, t.fault, t.throttle]).toEqual([false, false, true]);
  });

  it('survives hostile values: wrong types, huge nesting, odd names', () => {
    const depth = 5000;
    let text = '{"id":"leaf","name":"<img src=x onerror=alert(1)>","start_time":100,"end_time":100}';
    for (let i = 0; i < depth; i++)
      text = `{"id":"n${i}","name":"n${i}","start_time":"100","end_time":100,"subsegments":[${text},42,null]}`;
    text = `[{"trace_id":"${TID}","id":"root","name":{"evil":true},"start_time":100,"end_time":101,"http":"nope","annotations":[1],"subsegments":[${text}]}]`;
    const ds = loadXray([{ name: 'hostile.json', text }]);
    const t = ds.traces[0];
    expect(t.spans.length).toBe(depth + 2);
    expect(t.spans[0].name).toBe('');
    expect(t.spans[t.spans.length - 1].name).toBe('<img src=x onerror=alert(1)>');
    expect(t.spans.reduce((m, s) => Math.max(m, s.depth), 0)).toBe(depth + 1);
  });

  it('parses a generated 10,000-span trace', () => {
    const text = JSON.stringify({ Traces: [generateTrace(10_000)] });
    const t0 = performance.now();
    const ds = loadXray([{ name: 'big.json', text }]);
    const ms = performance.now() - t0;
    const t = ds.traces[0];
    const recorded = t.spans.filter((s) => !s.synthetic).length;
    console.log(
      `10,000-span trace: ${recorded} recorded spans (+${t.spans.length - recorded} inferred) parsed in ${ms.toFixed(1)} ms`,
    );
    expect(recorded).toBe(10_000);
    expect(ds.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(t.roots).toHaveLength(1);
  });
});

describe('diagnostic positions', () => {
  it('points tree problems at the line of the span in its file and counts duplicates once', () => {
    const lines = [
      JSON.stringify(seg({ id: 'aaaa', name: 'a' })),
      JSON.stringify(seg({ id: 'aaaa', name: 'a' })),
      JSON.stringify(seg({ id: 'bbbb', name: 'b', parent_id: 'nope' })),
      JSON.stringify(seg({ id: 'cccc', name: 'c', start_time: 5, end_time: 4 })),
    ];
    const ds = loadXray([{ name: 'p.ndjson', text: lines.join('\n') }]);
    expect(ds.traces[0].segments).toBe(3);
    const byCode = Object.fromEntries(ds.diagnostics.map((d) => [d.code, d]));
    expect(byCode['xray-duplicate']).toMatchObject({ severity: 'info', file: 'p.ndjson' });
    expect(byCode['xray-orphan']).toMatchObject({ line: 3, spanId: 'bbbb' });
    expect(byCode['xray-clock-skew']).toMatchObject({ line: 4, spanId: 'cccc' });
  });
});
