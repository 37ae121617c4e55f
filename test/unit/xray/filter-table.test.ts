/**
 * The X-Ray filter language, table by table. Parsing: what each written form means (quotes of both kinds and
 * their escapes, number forms, `annotation[key]`, trace ids bare and quoted, `id(…)` selectors, AND/OR/NOT and
 * juxtaposition) and, for what cannot be read, where the error is and what it says. The accepted forms are the ones
 * of the X-Ray developer guide ("Using filter expressions"); the error texts and positions are ours, pinned here so
 * the underline in the filter box stays on the offending token. Evaluation: every string keyword at the trace level
 * and inside `service() { … }` (where it describes that one segment and its subsegments), `root` and `inferred`
 * per segment, a response time only once a segment has ended, `edge()` with callers, and summaries of
 * GetTraceSummaries.
 */
import { describe, expect, it } from 'vitest';
import {
  filterTraces,
  matchesSummary,
  parseFilter,
  suggestFilter,
  summaryTrace,
  type FilterExpr,
} from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import type { TraceSummaryRow } from '../../../shared/xray/types.ts';

describe('parsing: written forms and their meaning', () => {
  const OK: [string, FilterExpr][] = [
    ['http.url = "a\\"b"', { k: 'str', kw: 'http.url', op: '=', value: 'a"b' }],
    ["http.url = 'a\\'b'", { k: 'str', kw: 'http.url', op: '=', value: "a'b" }],
    ['http.url = "a\\\\"', { k: 'str', kw: 'http.url', op: '=', value: 'a\\' }],
    ["http.url = 'it\"s'", { k: 'str', kw: 'http.url', op: '=', value: 'it"s' }],
    ['responsetime > -1.5', { k: 'num', kw: 'responsetime', op: '>', value: -1.5 }],
    ['responsetime > .5', { k: 'num', kw: 'responsetime', op: '>', value: 0.5 }],
    ['responsetime > 1e2', { k: 'num', kw: 'responsetime', op: '>', value: 100 }],
    ['responsetime >= 5', { k: 'num', kw: 'responsetime', op: '>=', value: 5 }],
    ['responsetime<=5', { k: 'num', kw: 'responsetime', op: '<=', value: 5 }],
    ['duration!=1', { k: 'num', kw: 'duration', op: '!=', value: 1 }],
    ['annotation[aws:api_id] = "x"', { k: 'annotation', key: 'aws:api_id', op: '=', value: 'x' }],
    ['annotation["a b"] = "x"', { k: 'annotation', key: 'a b', op: '=', value: 'x' }],
    ['annotation[\'k\'] CONTAINS "y"', { k: 'annotation', key: 'k', op: 'CONTAINS', value: 'y' }],
    ['annotation.k contains "v"', { k: 'annotation', key: 'k', op: 'CONTAINS', value: 'v' }],
    ['annotation.k > "v"', { k: 'annotation', key: 'k', op: '>', value: 'v' }],
    ['1-5f000001-000000000000000000000001', { k: 'traceId', id: '1-5f000001-000000000000000000000001' }],
    ['"1-5f000001-000000000000000000000001"', { k: 'traceId', id: '1-5f000001-000000000000000000000001' }],
    ['0123456789abcdef0123456789ABCDEF', { k: 'traceId', id: '1-01234567-89abcdef0123456789abcdef' }],
    ['service("a\\"group.x")', { k: 'service', sel: { name: 'a"group.x' } }],
    ['ok = true', { k: 'bool', kw: 'ok', value: true }],
    ['ok != TRUE', { k: 'bool', kw: 'ok', value: false }],
    ['http.url BEGINSWITH "a"', { k: 'str', kw: 'http.url', op: 'BEGINSWITH', value: 'a' }],
    ['http.method', { k: 'str', kw: 'http.method' }],
    ['http.url Contains "a"', { k: 'str', kw: 'http.url', op: 'CONTAINS', value: 'a' }],
    ['service(id(name: "a", type: "AWS::Lambda"))', { k: 'service', sel: { name: 'a', type: 'AWS::Lambda' } }],
    ['service(id(name: "a", account.id: "123"))', { k: 'service', sel: { name: 'a', accountId: '123' } }],
    [
      'edge("a", "b") { fault }',
      { k: 'edge', from: { name: 'a' }, to: { name: 'b' }, body: { k: 'bool', kw: 'fault', value: true } },
    ],
    ['! ok', { k: 'not', e: { k: 'bool', kw: 'ok', value: true } }],
    ['NOT ok', { k: 'not', e: { k: 'bool', kw: 'ok', value: true } }],
    [
      'ok && fault || error',
      {
        k: 'or',
        a: { k: 'and', a: { k: 'bool', kw: 'ok', value: true }, b: { k: 'bool', kw: 'fault', value: true } },
        b: { k: 'bool', kw: 'error', value: true },
      },
    ],
    ['ok fault', { k: 'and', a: { k: 'bool', kw: 'ok', value: true }, b: { k: 'bool', kw: 'fault', value: true } }],
    [
      'ok !fault',
      {
        k: 'and',
        a: { k: 'bool', kw: 'ok', value: true },
        b: { k: 'not', e: { k: 'bool', kw: 'fault', value: true } },
      },
    ],
    ['ok (fault)', { k: 'and', a: { k: 'bool', kw: 'ok', value: true }, b: { k: 'bool', kw: 'fault', value: true } }],
    ['annotation.k = true', { k: 'annotation', key: 'k', op: '=', value: true }],
    ['annotation.k = -3', { k: 'annotation', key: 'k', op: '=', value: -3 }],
    ["annotation.k != 'x'", { k: 'annotation', key: 'k', op: '!=', value: 'x' }],
    ['annotation.k', { k: 'annotation', key: 'k' }],
    ['user = "x"', { k: 'str', kw: 'user', op: '=', value: 'x' }],
    ['user CONTAINS "x"', { k: 'str', kw: 'user', op: 'CONTAINS', value: 'x' }],
    [
      'http.status >= 500 AND (annotation.k = "x" OR NOT fault)',
      {
        k: 'and',
        a: { k: 'num', kw: 'http.status', op: '>=', value: 500 },
        b: {
          k: 'or',
          a: { k: 'annotation', key: 'k', op: '=', value: 'x' },
          b: { k: 'not', e: { k: 'bool', kw: 'fault', value: true } },
        },
      },
    ],
  ];
  it.each(OK)('%s', (text, expr) => {
    const r = parseFilter(text);
    expect(r.ok ? r.expr : r.error).toEqual(expr);
  });

  it('reads an empty or blank expression as "everything"', () => {
    expect(parseFilter('')).toEqual({ ok: true, expr: undefined });
    expect(parseFilter('  \t\n')).toEqual({ ok: true, expr: undefined });
  });
});

describe('parsing: errors with their position', () => {
  const BAD: [string, number, number, string][] = [
    ['http.url = "x\\', 11, 3, 'Unterminated string: add the closing quote.'],
    ['responsetime > 1.2.3', 15, 5, '"1.2.3" is not a number.'],
    ['responsetime > -x', 15, 1, 'Unexpected character "-".'],
    ['annotation[k', 10, 2, 'Close the annotation key with "]".'],
    ['annotation.', 0, 11, 'Name the annotation: annotation.KEY.'],
    ['annotation.k CONTAINS 5', 22, 1, 'CONTAINS compares strings; quote the value.'],
    [
      '1-5f000001-000000000000000000000001x',
      0,
      1,
      'Expected a keyword such as service(…), fault or http.status before a value.',
    ],
    ['"not an id"', 0, 11, 'Expected a keyword such as service(…), fault or http.status before a value.'],
    ['5', 0, 1, 'Expected a keyword such as service(…), fault or http.status before a value.'],
    [
      'group.name = "x"',
      0,
      10,
      '"group.name" needs X-Ray\'s servers (groups, computed by X-Ray from every trace) and cannot be evaluated on files.',
    ],
    [
      'rootcause.json = #[{}]',
      0,
      14,
      '"rootcause.json" needs X-Ray\'s servers (root-cause analysis, computed by X-Ray from every trace) and cannot be evaluated on files.',
    ],
    [
      'json',
      0,
      4,
      '"json" needs X-Ray\'s servers (root-cause analysis, computed by X-Ray from every trace) and cannot be evaluated on files.',
    ],
    [
      'first',
      0,
      5,
      '"first" needs X-Ray\'s servers (root-cause analysis, computed by X-Ray from every trace) and cannot be evaluated on files.',
    ],
    ['"group.name"', 0, 12, 'Expected a keyword such as service(…), fault or http.status before a value.'],
    ['xgroup.name', 0, 11, 'Unknown keyword "xgroup.name".'],
    [
      'Group.Name',
      0,
      10,
      '"Group.Name" needs X-Ray\'s servers (groups, computed by X-Ray from every trace) and cannot be evaluated on files.',
    ],
    ['fault = yes', 8, 3, 'fault compares with true or false.'],
    ['fault = "true"', 8, 6, 'fault compares with true or false.'],
    ['error = truex', 8, 5, 'error compares with true or false.'],
    ['responsetime', 12, 1, 'responsetime needs a comparison: = != < <= > >= and a number.'],
    ['responsetime = "5"', 15, 3, 'responsetime compares with a number (without quotes).'],
    ['responsetime CONTAINS 5', 13, 8, 'responsetime needs a comparison: = != < <= > >= and a number.'],
    ['responsetime = abc', 15, 3, 'responsetime compares with a number.'],
    ['http.url > "a"', 9, 1, 'http.url is a string: use = != CONTAINS BEGINSWITH ENDSWITH.'],
    ['http.url = 5', 11, 1, 'http.url compares with a quoted string.'],
    ['http.url CONTAINS x', 18, 1, 'http.url compares with a quoted string.'],
    ['service(id(bogus: "a"))', 11, 5, 'id() takes name, type or account.id, not "bogus".'],
    ['service(id(name: a))', 17, 1, 'Expected a quoted string.'],
    ['service(id("a"))', 11, 3, 'Expected name, type or account.id inside id(…).'],
    ['service(5)', 8, 1, 'Expected a quoted service name or id(name: "…", type: "…").'],
    ['service(id(name: "a"', 20, 1, 'Expected ")" at the end.'],
    ['edge("a" "b")', 9, 3, 'Expected "," but found "b".'],
    ['edge("a",)', 9, 1, 'Expected a quoted service name or id(name: "…", type: "…").'],
    ['(ok', 3, 1, 'Expected ")" to close "(" at the end.'],
    ['ok)', 2, 1, 'Unmatched ")".'],
    ['ok AND', 6, 1, 'The expression ends too early.'],
    ['ok OR OR', 6, 2, 'Unknown keyword "OR".'],
    ['ok and or', 7, 2, 'Unknown keyword "or".'],
    ['id', 0, 2, 'id(…) goes inside service(…) or edge(…).'],
    ['foo', 0, 3, 'Unknown keyword "foo".'],
    ['$', 0, 1, 'Unexpected character "$".'],
    ['ok = ', 5, 1, 'ok compares with true or false.'],
    ['service() {', 11, 1, 'The expression ends too early.'],
    ['service() { }', 12, 1, 'Empty { } filter.'],
    ['service() {ok', 13, 1, 'Expected "}" at the end.'],
    ['ok,', 2, 1, 'Unexpected ",".'],
    [',', 0, 1, 'Unexpected ",".'],
    [')', 0, 1, 'Unexpected ")".'],
  ];
  it.each(BAD)('%s', (text, offset, length, message) => {
    const r = parseFilter(text);
    expect(r.ok ? r.expr : r.error).toEqual({ offset, length, message });
  });

  it('refuses more than 4000 tokens and more than 64 levels of nesting, and accepts the limits', () => {
    const terms = (n: number) => Array.from({ length: n }, () => 'ok').join(' ');
    // n words make n tokens and the end: 3999 words are 4000 tokens.
    expect(parseFilter(terms(3999)).ok).toBe(true);
    const text = terms(4000);
    expect(parseFilter(text)).toEqual({
      ok: false,
      error: { offset: text.length, length: 1, message: 'The expression is too long (more than 4000 tokens).' },
    });
    // The first token past the limit is underlined: the 4001st word, at 3 characters a word.
    const longer = parseFilter(terms(4001));
    expect(!longer.ok && [longer.error.offset, longer.error.length]).toEqual([12_000, 2]);
    // The expression itself is the first level: 63 parentheses make 64.
    expect(parseFilter(`${'('.repeat(63)}ok${')'.repeat(63)}`).ok).toBe(true);
    expect(parseFilter(`${'('.repeat(64)}ok${')'.repeat(64)}`)).toEqual({
      ok: false,
      error: { offset: 64, length: 2, message: 'The expression is nested too deeply (more than 64 levels).' },
    });
  });
});

/**
 * Trace 1: an EC2 web server (account 111111111111, instance i-0abc in us-east-1a) calls DynamoDB (inferred, with
 * a table ARN) and a Lambda function `orders` (its own segment, account 222222222222) that fails with a
 * ValidationError. Trace 2: a root segment still in progress. Trace 3: a Lambda with no HTTP and no callers.
 */
function traces() {
  const id = (n: number) => `1-5f00000${n}-00000000000000000000000${n}`;
  const docs = [
    {
      trace_id: id(1),
      id: 'w1',
      name: 'web',
      origin: 'AWS::EC2::Instance',
      start_time: 10,
      end_time: 11,
      http: {
        request: { method: 'GET', url: 'https://shop.example.com/a', user_agent: 'curl/8', client_ip: '10.0.0.9' },
        response: { status: 200 },
      },
      aws: { account_id: '111111111111', ec2: { instance_id: 'i-0abc', availability_zone: 'us-east-1a' } },
      user: 'alice',
      subsegments: [
        {
          id: 'w1d',
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: 10.1,
          end_time: 10.2,
          resource_arn: 'arn:aws:dynamodb:us-east-1:111111111111:table/Orders',
        },
        { id: 'w1l', name: 'orders', namespace: 'aws', start_time: 10.3, end_time: 10.9 },
      ],
    },
    {
      trace_id: id(1),
      id: 'o1',
      name: 'orders',
      origin: 'AWS::Lambda::Function',
      parent_id: 'w1l',
      start_time: 10.35,
      end_time: 10.85,
      error: true,
      http: { request: { method: 'POST', url: 'https://lambda.internal/orders' }, response: { status: 400 } },
      aws: { account_id: '222222222222', function_arn: 'arn:aws:lambda:us-east-1:222222222222:function:orders' },
      user: 'bob',
      cause: { exceptions: [{ id: 'e1', type: 'ValidationError', message: 'bad input: quantity' }] },
    },
    { trace_id: id(2), id: 'p1', name: 'slow', origin: 'AWS::EC2::Instance', start_time: 20, in_progress: true },
    { trace_id: id(3), id: 'l1', name: 'cron', origin: 'AWS::Lambda::Function', start_time: 30, end_time: 32 },
  ];
  return loadXray([{ name: 'f.json', text: JSON.stringify(docs) }]).traces;
}

describe('evaluation: each keyword, at the trace level and for one service', () => {
  const all = traces();
  const ids = (expr: string): string => {
    const r = filterTraces(expr, all);
    if (r.error) throw new Error(`${expr}: ${r.error.message}`);
    return r.traces.map((t) => t.id.slice(9, 10)).join('');
  };
  const TABLE: [string, string][] = [
    // String keywords of the entry request (the root segment at the top level, the service's own inside one).
    ['http.url = "https://shop.example.com/a"', '1'],
    ['http.method = "POST"', ''],
    ['service("orders") { http.method = "POST" }', '1'],
    ['service("web") { http.method = "POST" }', ''],
    ['http.useragent = "curl/8"', '1'],
    ['http.clientip = "10.0.0.9"', '1'],
    ['service("orders") { http.useragent }', ''],
    ['service("orders") { http.status = 400 }', '1'],
    ['http.status = 400', ''],
    // Users anywhere in the trace, or in the one service.
    ['user = "bob"', '1'],
    ['service("orders") { user = "bob" }', '1'],
    ['service("orders") { user = "alice" }', ''],
    ['service("orders") { instance.id }', ''],
    ['service("orders") { availabilityzone }', ''],
    ['service("orders") { message CONTAINS "quantity" }', '1'],
    ['service("orders") { name = "ValidationError" }', '1'],
    ['service("orders") { name = "web" }', ''],
    ['service("orders") { type = "AWS::Lambda::Function" }', '1'],
    ['service("orders") { account.id = "111111111111" }', ''],
    ['service("orders") { resource.arn CONTAINS ":function:orders" }', '1'],
    ['service("cron") { resource.arn }', ''],
    // Names: services and exception types; types: the service types.
    ['name = "orders"', '1'],
    ['name = "ValidationError"', '1'],
    ['name = "DynamoDB"', '1'],
    ['name = "w1d"', ''],
    ['type = "AWS::Lambda::Function"', '13'],
    ['service("cron") { type = "AWS::EC2::Instance" }', ''],
    // Messages of exceptions.
    ['message CONTAINS "quantity"', '1'],
    ['message', '1'],
    // Resource ARNs: a subsegment's resource_arn and a Lambda's function_arn.
    ['resource.arn ENDSWITH "table/Orders"', '1'],
    ['resource.arn CONTAINS ":function:orders"', '1'],
    // EC2 metadata and the account.
    ['instance.id = "i-0abc"', '1'],
    ['availabilityzone = "us-east-1a"', '1'],
    ['instance.id', '1'],
    ['account.id = "222222222222"', '1'],
    ['service("orders") { account.id = "222222222222" }', '1'],
    // Times: a segment in progress has no response time yet; its trace still has a duration.
    ['responsetime >= 0', '13'],
    ['duration >= 0', '123'],
    ['service("orders") { responsetime >= 0.5 }', '1'],
    ['service("orders") { duration >= 0.5 }', '1'],
    ['service("orders") { duration > 0.5 }', ''],
    ['service("web") { duration = 1 }', '1'],
    ['duration = 2', '3'],
    // Flags per segment.
    ['partial', '2'],
    ['service("slow") { partial }', '2'],
    ['service("web") { partial }', ''],
    ['inferred', '1'],
    ['service("web") { inferred }', ''],
    ['service("DynamoDB") { inferred }', '1'],
    ['service() { root }', '123'],
    ['service("orders") { root }', ''],
    ['service("orders") { error }', '1'],
    ['service("web") { ok }', '1'],
    ['service("orders") { ok }', ''],
    ['error', ''],
    ['root', '123'],
    // Selectors by name, type and account.
    ['service(id(name: "orders", type: "AWS::Lambda::Function"))', '1'],
    ['service(id(type: "AWS::Lambda::Function"))', '13'],
    ['service(id(account.id: "222222222222"))', '1'],
    ['service(id(account.id: "999999999999"))', ''],
    // Edges: caller → callee, the caller's account, the callee's segment in the body.
    ['edge("web", "orders")', '1'],
    ['edge("orders", "web")', ''],
    ['edge(id(account.id: "111111111111"), "orders")', '1'],
    ['edge(id(account.id: "222222222222"), "orders")', ''],
    ['edge("web", "orders") { error }', '1'],
    ['edge("web", "orders") { ok }', ''],
    ['edge("web", "DynamoDB")', '1'],
  ];
  it.each(TABLE)('%s selects %j', (expr, expected) => {
    expect(ids(expr)).toBe(expected);
  });
});

describe('evaluation of GetTraceSummaries rows', () => {
  const row = (over: Partial<TraceSummaryRow>): TraceSummaryRow => ({
    id: '1-5f000001-000000000000000000000001',
    error: false,
    fault: false,
    throttle: false,
    partial: false,
    http: {},
    annotations: {},
    users: [],
    ...over,
  });
  const is = (expr: string, r: TraceSummaryRow) => {
    const p = parseFilter(expr);
    if (!p.ok) throw new Error(p.error.message);
    return matchesSummary(p.expr, r);
  };

  it('reads the entry point, its HTTP fields, flags, times, users, annotations and services', () => {
    const r = row({
      entryPoint: { name: 'api', type: 'AWS::ApiGateway::Stage' },
      services: [
        { name: 'api', type: 'AWS::ApiGateway::Stage' },
        { name: 'orders', type: 'AWS::Lambda::Function' },
        { name: 'Orders', type: 'AWS::DynamoDB::Table' },
      ],
      http: { method: 'GET', status: 200 },
      durationMs: 3000,
      responseTimeMs: 1500,
      start: 100,
      users: ['alice', 'bob'],
      annotations: { tenant: ['acme', 'globex'], n: [3] },
      throttle: true,
      error: true,
    });
    const TABLE: [string, boolean][] = [
      ['service("api") { root }', true],
      ['service("orders") { root }', false],
      ['service("orders")', true],
      ['service("Orders") { inferred }', true],
      ['service("orders") { inferred }', false],
      ['service("api") { orphan }'.replace(' { orphan }', ''), true],
      ['http.method = "GET"', true],
      ['http.status = 200', true],
      ['http.url', false],
      ['responsetime = 1.5', true],
      ['duration = 3', true],
      ['throttle', true],
      ['error', true],
      ['fault', false],
      ['ok', false],
      ['user = "alice"', true],
      ['user = "bob"', true],
      ['user = "carol"', false],
      ['annotation.tenant = "globex"', true],
      ['annotation.n > 2', true],
      ['edge("api", "orders")', false],
      ['type = "AWS::Lambda::Function"', true],
      ['name = "Orders"', true],
      // Which service recorded a user or an annotation is not in the row: such values hold at the trace level
      // and inside no service's body.
      ['service("api") { user = "alice" }', false],
      ['service("api") { annotation.tenant }', false],
      ['service("api") { http.method = "GET" }', true],
    ];
    for (const [expr, expected] of TABLE) expect(is(expr, r), expr).toBe(expected);
    expect(matchesSummary(undefined, r)).toBe(true);
  });

  it('builds a small trace: the entry segment first, its start and end in seconds', () => {
    const t = summaryTrace(
      row({ entryPoint: { name: 'api', type: 't' }, durationMs: 2000, responseTimeMs: 500, start: 100 }),
    );
    expect(t.root).toBe(0);
    expect(t.roots).toEqual([0]);
    expect(t.spans[0]).toMatchObject({ name: 'api', node: 'api|t', kind: 'segment', parent: -1, depth: 0 });
    expect(t.spans[0]!.durationMs).toBe(500);
    expect([t.start, t.end, t.durationMs]).toEqual([100, 102, 2000]);
    expect(t.spans[0]!.orphan).toBe(false);
    expect(t.spans[0]!.http).toEqual({});
    const bare = summaryTrace(row({}));
    expect([bare.start, bare.end, bare.durationMs]).toEqual([0, 0, 0]);
    expect(bare.spans[0]).toMatchObject({ name: '', node: '|', error: false, fault: false, throttle: false });
    expect(bare.spans[0]!.durationMs).toBe(0);
    expect(is('ok', row({}))).toBe(true);
    // HasThrottle may come from any service; the entry point itself counts as throttled only with HasError too
    // (X-Ray sets both for a 429 the entry point answered).
    const entry = { entryPoint: { name: 'api', type: 't' } };
    expect(is('throttle', row({ ...entry, throttle: true }))).toBe(true);
    expect(is('service("api") { throttle }', row({ ...entry, throttle: true }))).toBe(false);
    expect(is('service("api") { throttle }', row({ ...entry, throttle: true, error: true }))).toBe(true);
  });
  it('represents a summary as a trace of plain spans: entry point, other services as orphans, then values', () => {
    const t = summaryTrace(
      row({
        error: true,
        throttle: true,
        http: { method: 'GET', status: 429 },
        annotations: { k: ['a', 2] },
        users: ['u1', 'u2'],
        entryPoint: { name: 'api', type: 'AWS::ApiGateway::Stage' },
        services: [
          { name: 'api', type: 'AWS::ApiGateway::Stage' },
          { name: 'T', type: 'AWS::DynamoDB::Table' },
        ],
        durationMs: 2000,
        responseTimeMs: 500,
        start: 100,
      }),
    );
    // `status` is left out: the filter reads the flags, not the status word.
    const { spans, ...rest } = t;
    expect(spans.map(({ status: _status, ...span }) => span)).toEqual(SPANS);
    expect(rest).toEqual(REST);
  });
});

/** A summary span: every field the filter could read, with the values a summary cannot know left empty. */
const span = (over: Record<string, unknown>) => ({
  id: '',
  name: '',
  kind: 'subsegment',
  synthetic: false,
  origin: '',
  namespace: '',
  start: 0,
  durationMs: 0,
  inProgress: false,
  error: false,
  fault: false,
  throttle: false,
  http: {},
  exceptions: [],
  parent: 0,
  children: [],
  depth: 1,
  segment: 0,
  node: '|',
  orphan: false,
  cycle: false,
  skew: false,
  ...over,
});
const SPANS = [
  span({
    name: 'api',
    kind: 'segment',
    origin: 'AWS::ApiGateway::Stage',
    durationMs: 500,
    error: true,
    throttle: true,
    http: { method: 'GET', status: 429 },
    parent: -1,
    depth: 0,
    node: 'api|AWS::ApiGateway::Stage',
  }),
  span({
    name: 'T',
    kind: 'inferred',
    origin: 'AWS::DynamoDB::Table',
    parent: -1,
    depth: 0,
    segment: 1,
    node: 'T|AWS::DynamoDB::Table',
    orphan: true,
  }),
  // Values belong to no service (each its own `segment`): the row does not keep which service recorded them.
  span({ annotations: { k: 'a' }, segment: 2 }),
  span({ annotations: { k: 2 }, segment: 3 }),
  span({ user: 'u1', segment: 4 }),
  span({ user: 'u2', segment: 5 }),
];
const REST = {
  id: '1-5f000001-000000000000000000000001',
  start: 100,
  end: 102,
  durationMs: 2000,
  segments: 0,
  roots: [0],
  root: 0,
  error: true,
  fault: false,
  throttle: true,
  partial: false,
  files: [],
  limitExceeded: false,
};

describe('suggestions', () => {
  const vocab = {
    services: [
      { name: 'orders', type: 'AWS::Lambda::Function' },
      { name: 'Orders', type: 'AWS::DynamoDB::Table' },
      { name: 'api', type: 'AWS::ApiGateway::Stage' },
    ],
    annotationKeys: ['tenant', 'tier'],
  };
  const svc = (...l: string[]) => l.map((label) => ({ label, insert: label, detail: 'service' }));
  const typ = (...l: string[]) => l.map((label) => ({ label, insert: label, detail: 'type' }));
  const ann = (...k: string[]) =>
    k.map((key) => ({ label: `annotation.${key}`, insert: `annotation.${key}`, detail: 'annotation' }));
  const byKey = { label: 'annotation.', insert: 'annotation.', detail: 'annotation by key' };
  it.each([
    ['service("or', 9, svc('Orders', 'orders')],
    ['service("', 9, svc('Orders', 'api', 'orders')],
    ['edge("api", "o', 13, svc('Orders', 'orders')],
    ['service(id(name: "a', 18, svc('api')],
    ['service(id(name: "x", type: "AWS::L', 29, typ('AWS::Lambda::Function')],
    ['service(id(type: "AWS::', 18, typ('AWS::ApiGateway::Stage', 'AWS::DynamoDB::Table', 'AWS::Lambda::Function')],
    // Inside a string that is not a service name, and after an escaped quote: nothing to suggest.
    ['http.url = "ser', 15, []],
    ['service("a\\"b', 9, []],
    ['annotation.t', 0, ann('tenant', 'tier')],
    ['annotation.ti', 0, ann('tier')],
    ['annotation.', 0, ann('tenant', 'tier')],
    ['ok AND annot', 7, [byKey, ...ann('tenant', 'tier')]],
    ['ann', 0, [byKey, ...ann('tenant', 'tier')]],
    ['ok)', 3, []],
    [
      're',
      0,
      [
        { label: 'responsetime', insert: 'responsetime', detail: 'number (seconds)' },
        { label: 'resource.arn', insert: 'resource.arn', detail: 'string' },
      ],
    ],
  ] as [string, number, unknown[]][])('%s', (text, from, items) => {
    expect(suggestFilter(text, text.length, vocab)).toEqual({ from, items });
  });
});
