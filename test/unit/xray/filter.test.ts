import { describe, expect, it } from 'vitest';
import {
  edgeFilterFor,
  filterTraces,
  parseFilter,
  serviceFilterFor,
  suggestFilter,
} from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import type { Trace } from '../../../shared/xray/types.ts';

/** Three small traces: an ok GET through api → Lambda → DynamoDB, a faulting POST, a throttled call with annotations. */
function traces(): Trace[] {
  const t = (n: number) => `1-5f00000${n}-00000000000000000000000${n}`;
  const docs = [
    {
      trace_id: t(1),
      id: 'a1',
      name: 'api',
      origin: 'AWS::ApiGateway::Stage',
      start_time: 100,
      end_time: 100.4,
      http: {
        request: {
          method: 'GET',
          url: 'https://shop.example.com/orders/1',
          user_agent: 'curl/8',
          client_ip: '10.0.0.1',
        },
        response: { status: 200 },
      },
      annotations: { tenant: 'acme', priority: 3, vip: true },
      user: 'alice',
      subsegments: [
        {
          id: 'a1s',
          name: 'Lambda',
          namespace: 'aws',
          start_time: 100.05,
          end_time: 100.35,
          aws: { function_name: 'orders' },
        },
      ],
    },
    {
      trace_id: t(1),
      id: 'a2',
      name: 'orders',
      origin: 'AWS::Lambda::Function',
      parent_id: 'a1s',
      start_time: 100.1,
      end_time: 100.3,
      aws: { account_id: '123456789012' },
      subsegments: [
        {
          id: 'a2s',
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: 100.15,
          end_time: 100.2,
          aws: { table_name: 'Orders' },
        },
      ],
    },
    {
      trace_id: t(2),
      id: 'b1',
      name: 'api',
      origin: 'AWS::ApiGateway::Stage',
      start_time: 200,
      end_time: 203,
      fault: true,
      http: { request: { method: 'POST', url: 'https://shop.example.com/orders' }, response: { status: 502 } },
      subsegments: [
        {
          id: 'b1s',
          name: 'Lambda',
          namespace: 'aws',
          start_time: 200.1,
          end_time: 202.9,
          aws: { function_name: 'orders' },
        },
      ],
    },
    {
      trace_id: t(2),
      id: 'b2',
      name: 'orders',
      origin: 'AWS::Lambda::Function',
      parent_id: 'b1s',
      start_time: 200.2,
      end_time: 202.8,
      fault: true,
      cause: { exceptions: [{ id: 'x', type: 'TimeoutError', message: 'Task timed out after 3.00 seconds' }] },
    },
    {
      trace_id: t(3),
      id: 'c1',
      name: 'worker',
      start_time: 300,
      end_time: 300.5,
      annotations: { tenant: 'globex', priority: 1 },
      subsegments: [
        {
          id: 'c1s',
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: 300.1,
          end_time: 300.2,
          throttle: true,
          error: true,
          http: { response: { status: 429 } },
          aws: { table_name: 'Orders' },
        },
      ],
    },
  ];
  return loadXray([{ name: 'f.json', text: JSON.stringify(docs) }]).traces;
}

const all = traces();
const ids = (expr: string): string[] => {
  const r = filterTraces(expr, all);
  if (r.error) throw new Error(`${r.error.message} at ${r.error.offset}`);
  return r.traces.map((t) => t.id.slice(9, 10));
};

describe('filter grammar', () => {
  it('parses the documented forms', () => {
    for (const e of [
      'ok',
      '!fault',
      'fault = false',
      'error != true',
      'responsetime > 2',
      'responseTime >= 0.5 AND http.status = 200',
      'duration <= 3 && !partial',
      'ok !partial duration < 3',
      'http.url CONTAINS "orders" OR http.method = "POST"',
      'http.url BEGINSWITH "https://" and http.url ENDSWITH "/1"',
      'user = "alice"',
      'annotation.tenant = "acme"',
      'annotation.priority > 2',
      'annotation.vip = true',
      '!annotation.tenant',
      'service("api")',
      'service()',
      'service(id(name: "orders", type: "AWS::Lambda::Function")) { fault }',
      'service(id(type: "AWS::DynamoDB::Table"))',
      'edge("api", "orders") { responsetime > 1 }',
      'NOT (fault OR error) AND (service("api") || service("worker"))',
      'http.useragent CONTAINS ""',
      '1-5f000001-000000000000000000000001',
      '5f000001000000000000000000000001',
    ]) {
      const r = parseFilter(e);
      expect(r.ok, `${e}: ${r.ok ? '' : r.error.message}`).toBe(true);
    }
  });

  it('reports errors with their position', () => {
    const cases: [string, number, RegExp][] = [
      ['service("x" AND', 12, /Expected "\)"/],
      ['fault AND', 9, /ends too early/],
      ['http.status > "500"', 14, /number \(without quotes\)/],
      ['http.url = orders', 11, /quoted string/],
      ['(ok', 3, /close/],
      ['ok)', 2, /Unmatched/],
      ['foo = 1', 0, /Unknown keyword "foo"/],
      ['http.url = "open', 11, /Unterminated string/],
      ['responsetime 3', 13, /needs a comparison/],
      ['group.name = "x"', 0, /cannot be evaluated on files/],
      ['rootcause.fault.service { name = "a" }', 0, /cannot be evaluated/],
      ['id(name: "x")', 0, /inside service/],
      ['service(id(nom: "x"))', 11, /name, type or account.id/],
      ['ok # 1', 3, /Unexpected character "#"/],
      ['rootcause.json = #[{ "Services": [] }]', 0, /"rootcause.json" needs X-Ray's servers/],
      ['ok AND rootcause.json = #[{}]', 7, /needs X-Ray's servers \(root-cause analysis/],
      ['service("a") { last }', 15, /needs X-Ray's servers/],
      ['annotation. = 1', 0, /Name the annotation/],
      ['service("a") { }', 15, /Empty/],
    ];
    // A keyword inside quotes is a value, not a request for X-Ray's servers.
    expect(parseFilter('http.url CONTAINS "rootcause.json"').ok).toBe(true);
    for (const [text, offset, message] of cases) {
      const r = parseFilter(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.error.message, text).toMatch(message);
        expect(r.error.offset, text).toBe(offset);
      }
    }
  });

  it('treats an empty expression as "everything"', () => {
    expect(parseFilter('   ')).toEqual({ ok: true, expr: undefined });
    expect(ids('')).toEqual(['1', '2', '3']);
  });
});

describe('filter evaluation', () => {
  // Trace 3's root (worker) answered fine; only its DynamoDB call was throttled (429, error + throttle). The X-Ray
  // API: HasError / HasFault are the root segment's, HasThrottle any segment's; the guide: "If an error occurs
  // downstream, but is handled by your application and not returned to the user, a search for error will not find
  // it" — service() { error } does.
  it('evaluates status keywords at the trace level, from the root segment as the X-Ray API defines them', () => {
    expect(ids('ok')).toEqual(['1', '3']);
    expect(ids('fault')).toEqual(['2']);
    expect(ids('throttle')).toEqual(['3']);
    expect(ids('error')).toEqual([]);
    expect(ids('service() { error }')).toEqual(['3']);
    expect(ids('!fault')).toEqual(['1', '3']);
    expect(ids('fault = false AND throttle != true')).toEqual(['1']);
  });

  it('compares numbers in seconds and http fields of the entry request', () => {
    expect(ids('responsetime > 2')).toEqual(['2']);
    expect(ids('duration < 0.45')).toEqual(['1']);
    expect(ids('http.status >= 500')).toEqual(['2']);
    expect(ids('http.status = 200')).toEqual(['1']);
    expect(ids('http.method = "POST"')).toEqual(['2']);
    expect(ids('http.url CONTAINS "/orders/"')).toEqual(['1']);
    expect(ids('http.url ENDSWITH "orders"')).toEqual(['2']);
    expect(ids('http.url BEGINSWITH "https://shop"')).toEqual(['1', '2']);
    expect(ids('http.useragent')).toEqual(['1']);
    expect(ids('http.clientip = "10.0.0.1"')).toEqual(['1']);
    expect(ids('user = "alice"')).toEqual(['1']);
    expect(ids('user != "alice"')).toEqual(['2', '3']);
  });

  it('matches annotations by type', () => {
    expect(ids('annotation.tenant')).toEqual(['1', '3']);
    expect(ids('!annotation.tenant')).toEqual(['2']);
    expect(ids('annotation.tenant = "acme"')).toEqual(['1']);
    expect(ids('annotation.tenant BEGINSWITH "glo"')).toEqual(['3']);
    expect(ids('annotation.priority >= 2')).toEqual(['1']);
    expect(ids('annotation.priority = "3"')).toEqual([]);
    expect(ids('annotation.vip = true')).toEqual(['1']);
  });

  it('selects services by name, by id(name, type) and evaluates their body per segment', () => {
    expect(ids('service("orders")')).toEqual(['1', '2']);
    expect(ids('service(id(name: "orders", type: "AWS::Lambda::Function")) { fault }')).toEqual(['2']);
    expect(ids('service(id(name: "orders", type: "AWS::Lambda"))')).toEqual([]);
    expect(ids('service(id(type: "AWS::DynamoDB::Table"))')).toEqual(['1', '3']);
    expect(ids('service("Orders") { throttle }')).toEqual(['3']);
    expect(ids('service("api") { responsetime < 1 }')).toEqual(['1']);
    expect(ids('!service("worker")')).toEqual(['1', '2']);
    expect(ids('service(id(account.id: "123456789012"))')).toEqual(['1']);
    expect(ids('service()')).toEqual(['1', '2', '3']);
  });

  it('selects edges, including the client edge', () => {
    expect(ids('edge("api", "orders")')).toEqual(['1', '2']);
    expect(ids('edge("api", "orders") { fault }')).toEqual(['2']);
    expect(ids('edge("orders", "Orders")')).toEqual(['1']);
    // X-Ray names a root service's client node after it (type client): GetServiceGraph in the developer guide.
    expect(ids('edge(id(name: "worker", type: "client"), "worker")')).toEqual(['3']);
    expect(ids('edge("api", "worker")')).toEqual([]);
    expect(ids('edge("worker", "api")')).toEqual([]);
  });

  it('searches names, types and exception messages', () => {
    expect(ids('name = "TimeoutError"')).toEqual(['2']);
    expect(ids('message CONTAINS "timed out"')).toEqual(['2']);
    expect(ids('type = "AWS::Lambda::Function"')).toEqual(['1', '2']);
    expect(ids('inferred')).toEqual(['1', '3']);
  });

  it('combines with AND, OR, NOT, juxtaposition and parentheses', () => {
    expect(ids('service("api") fault')).toEqual(['2']);
    expect(ids('fault OR throttle')).toEqual(['2', '3']);
    expect(ids('NOT (fault OR throttle)')).toEqual(['1']);
    expect(ids('ok OR fault AND http.method = "POST"')).toEqual(['1', '2', '3']);
    expect(ids('(ok OR fault) AND http.method = "POST"')).toEqual(['2']);
    expect(ids('!OK || Throttle')).toEqual(['2', '3']);
  });

  it('finds a trace by id in either form', () => {
    expect(ids('1-5f000002-000000000000000000000002')).toEqual(['2']);
    expect(ids('5f000003000000000000000000000003')).toEqual(['3']);
  });

  it('builds click-through expressions that parse and select the node', () => {
    expect(ids(serviceFilterFor('orders', 'AWS::Lambda::Function'))).toEqual(['1', '2']);
    expect(
      ids(
        edgeFilterFor(
          { name: 'api', type: 'AWS::ApiGateway::Stage' },
          { name: 'orders', type: 'AWS::Lambda::Function' },
        ),
      ),
    ).toEqual(['1', '2']);
    expect(parseFilter(serviceFilterFor('we"ird\\name', '')).ok).toBe(true);
  });

  it('selects nothing when the expression is invalid, with the error (never a stale result)', () => {
    const r = filterTraces('service(', all);
    expect(r.error).toBeDefined();
    expect(r.traces).toHaveLength(0);
  });
});

describe('filter autocomplete', () => {
  const vocab = {
    services: [
      { name: 'api', type: 'AWS::ApiGateway::Stage' },
      { name: 'orders', type: 'AWS::Lambda::Function' },
    ],
    annotationKeys: ['tenant', 'priority'],
  };

  it('completes keywords by prefix and says where the word starts', () => {
    const r = suggestFilter('fault AND resp', undefined, vocab);
    expect(r.from).toBe(10);
    expect(r.items.map((i) => i.label)).toEqual(['responsetime']);
    expect(suggestFilter('http.s').items.map((i) => i.label)).toEqual(['http.status']);
    expect(suggestFilter('se').items[0].insert).toBe('service("")');
  });

  it('completes annotation keys and service names inside quotes', () => {
    expect(suggestFilter('annotation.t', undefined, vocab).items.map((i) => i.label)).toEqual(['annotation.tenant']);
    const s = suggestFilter('service("or', undefined, vocab);
    expect(s.items.map((i) => i.label)).toEqual(['orders']);
    expect(s.from).toBe(9);
    expect(suggestFilter('edge("api", "', undefined, vocab).items.map((i) => i.label)).toEqual(['api', 'orders']);
    expect(suggestFilter('service(id(name: "api", type: "AWS::L', undefined, vocab).items.map((i) => i.label)).toEqual([
      'AWS::Lambda::Function',
    ]);
  });

  it('uses the cursor position, not the end of the text', () => {
    const r = suggestFilter('fau AND ok', 3);
    expect(r.from).toBe(0);
    expect(r.items.map((i) => i.label)).toEqual(['fault']);
  });
});

describe('filter autocomplete context', () => {
  it('suggests nothing right after a complete value, everything after a space', () => {
    expect(suggestFilter('http.status >= 500').items).toEqual([]);
    expect(suggestFilter('service("a")').items).toEqual([]);
    expect(suggestFilter('fault AND ').items.length).toBeGreaterThan(10);
    expect(suggestFilter('').items.length).toBeGreaterThan(10);
  });
});

describe('filter limits', () => {
  it('refuses absurdly nested or long expressions with a message instead of overflowing the stack', () => {
    const deep = parseFilter('('.repeat(1000) + 'ok' + ')'.repeat(1000));
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.error.message).toMatch(/nested too deeply/);
    const nots = parseFilter('!'.repeat(10000) + 'ok');
    expect(nots.ok).toBe(false);
    const long = parseFilter(Array.from({ length: 3000 }, () => 'ok').join(' AND '));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message).toMatch(/too long/);
    expect(ids(Array.from({ length: 500 }, () => 'fault').join(' AND '))).toEqual(['2']);
  });
});
