/**
 * What the body of `service(name) { filter }` and `edge(a, b) { filter }` is evaluated against.
 *
 * The X-Ray developer guide, "Using filter expressions to search for traces in the console"
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html), complex keywords:
 *   - `service(name) {filter}` – "Service with name name. Optional curly braces can contain a filter expression
 *     that applies to segments created by the service."
 *   - `edge(source, destination) {filter}` – "Connection between services source and destination. Optional curly
 *     braces can contain a filter expression that applies to segments on this connection."
 *
 * A segment document carries its subsegments, so "segments created by the service" are the service's segment and
 * its subsegments. The segments of the services it called are created by those services, although in the span
 * tree they hang below the subsegment that called them. The traces below put a value only downstream of a service
 * wherever that decides the row; the `subtree` column is what a reading of the whole subtree would select (the
 * evaluation before this test was written), so each row where it differs from `expected` is a row this test
 * guards.
 */
import { describe, expect, it } from 'vitest';
import { filterTraces } from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';

type Doc = Record<string, unknown>;

const tid = (n: number) => `1-5f00000${n}-00000000000000000000000${n}`;

/** A segment document; `calls` are the subsegments (each may be the parent of another service's segment). */
function seg(n: number, id: string, name: string, origin: string, over: Doc = {}): Doc {
  return { trace_id: tid(n), id, name, origin, start_time: 100, end_time: 100.2, ...over };
}

function call(id: string, name: string, over: Doc = {}): Doc {
  return { id, name, namespace: 'remote', start_time: 100.01, end_time: 100.19, ...over };
}

const EC2 = 'AWS::EC2::Instance';
const ECS = 'AWS::ECS::Container';
const url = (u: string, status: number) => ({ request: { method: 'GET', url: u }, response: { status } });

const DOCS: Doc[] = [
  // 1: web → api.example.com (fault, annotation account, user bob, a timeout exception) → backend (error).
  seg(1, 'w1', 'web', EC2, {
    http: url('http://api.example.com/v2/orders', 200),
    user: 'alice',
    subsegments: [call('w1c', 'api.example.com', { annotations: { cart: 'c1' } })],
  }),
  seg(1, 'a1', 'api.example.com', ECS, {
    parent_id: 'w1c',
    fault: true,
    http: url('http://api.example.com/orders', 500),
    annotations: { account: '12345' },
    user: 'bob',
    cause: { exceptions: [{ id: 'e1', type: 'TimeoutError', message: 'timeout reading orders' }] },
    subsegments: [call('a1c', 'backend.example.com')],
  }),
  seg(1, 'b1', 'backend.example.com', ECS, { parent_id: 'a1c', error: true, http: url('http://b/x', 404) }),
  // 2: web → api.example.com (ok, slow: 3 s) → backend (fault, annotation account).
  seg(2, 'w2', 'web', EC2, { subsegments: [call('w2c', 'api.example.com')] }),
  seg(2, 'a2', 'api.example.com', ECS, {
    parent_id: 'w2c',
    end_time: 103,
    subsegments: [call('a2c', 'backend.example.com')],
  }),
  seg(2, 'b2', 'backend.example.com', ECS, { parent_id: 'a2c', fault: true, annotations: { account: '12345' } }),
  // 3: a /v2/ URL on a gateway that never reaches api.example.com.
  seg(3, 'g3', 'gateway', EC2, { http: url('http://api.example.com/v2/items', 200) }),
  // 4: data-plane is the root and faults; 5: data-plane faults, called by web.
  seg(4, 'd4', 'data-plane', EC2, { fault: true }),
  seg(5, 'w5', 'web', EC2, { subsegments: [call('w5c', 'data-plane')] }),
  seg(5, 'd5', 'data-plane', EC2, { parent_id: 'w5c', fault: true }),
  // 6, 7: Scorekeep's random-name: the Lambda service node and the function node share the name. In 6 the
  // service errs, in 7 the function.
  seg(6, 'l6', 'random-name', 'AWS::Lambda', { error: true, subsegments: [call('l6c', 'Invocation')] }),
  seg(6, 'f6', 'random-name', 'AWS::Lambda::Function', { parent_id: 'l6c' }),
  seg(7, 'l7', 'random-name', 'AWS::Lambda', { subsegments: [call('l7c', 'Invocation')] }),
  seg(7, 'f7', 'random-name', 'AWS::Lambda::Function', { parent_id: 'l7c', error: true }),
];

const traces = loadXray([{ name: 'scope.json', text: JSON.stringify(DOCS) }]).traces;
const ids = (expr: string): string => {
  const r = filterTraces(expr, traces);
  if (r.error) throw new Error(`${expr}: ${r.error.message}`);
  return r.traces.map((t) => t.id.slice(9, 10)).join('');
};

it('loads the seven traces the rows below are written against', () => {
  expect(traces.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6, 7].map(tid));
  const t1 = traces[0]!;
  // The span tree puts backend's segment below api.example.com's, and both below web's: the difference at stake.
  const depth = (name: string) => t1.spans.find((s) => s.kind === 'segment' && s.name === name)!.depth;
  expect([depth('web'), depth('api.example.com'), depth('backend.example.com')]).toEqual([0, 2, 4]);
});

/** [expression, the guide's words for it (or what the row shows), expected trace ids, what the subtree gives]. */
type Row = [string, string, string, string];

describe("the guide's examples of complex keywords", () => {
  const ROWS: Row[] = [
    [
      'service("api.example.com") { fault }',
      'Requests that included a call to api.example.com with a fault (500 series error).',
      '1',
      '1',
    ],
    ['service() { fault }', 'Requests that caused a fault anywhere on your service map.', '1245', '1245'],
    [
      'edge("api.example.com", "backend.example.com") { error }',
      'Request where the service api.example.com made a call to backend.example.com that failed with an error.',
      '1',
      '1',
    ],
    [
      'http.url BEGINSWITH "http://api.example.com/" AND http.url CONTAINS "/v2/" AND !service("api.example.com")',
      'Request where the URL begins with http://api.example.com/ and contains /v2/ but does not reach a service ' +
        'named api.example.com.',
      '3',
      '3',
    ],
    [
      'service("data-plane") {root = true and fault = true}',
      'Requests that have a segment with the name "data-plane" as the root.',
      '4',
      '4',
    ],
    [
      'service("random-name") { error }',
      'Requests that include an error on any service named random-name.',
      '67',
      '67',
    ],
    [
      'service(id(name: "random-name", type: "AWS::Lambda::Function")) { error }',
      'Requests that include an error on a service named random-name with type AWS::Lambda::Function.',
      '7',
      '7',
    ],
    [
      'service(id(type: "AWS::Lambda::Function")) { error }',
      'Requests that include an error on a service with type AWS::Lambda::Function.',
      '7',
      '7',
    ],
    // The earlier edition of the page: the annotation stands outside the braces, so "one or more segments has an
    // annotation named account" anywhere in the trace (trace 2: on backend), while the body is api.example.com's.
    [
      'service("api.example.com") { fault = true OR responsetime > 2.5 } AND annotation.account = "12345"',
      'Requests that included a call to api.example.com with a fault (500 series error) or latency above 2.5 ' +
        'seconds, and where one or more segments has an annotation named "account" with value "12345".',
      '12',
      '12',
    ],
  ];
  it.each(ROWS)('%s — %s', (expr, _words, expected) => {
    expect(ids(expr)).toBe(expected);
  });
});

describe('the body reads the segments the service created, not those of the services it called', () => {
  const ROWS: Row[] = [
    // Values recorded by a downstream service do not belong to the caller.
    ['service("web") { annotation.account = "12345" }', 'an annotation of a downstream segment', '', '12'],
    ['service("web") { user = "bob" }', 'the user of a downstream segment', '', '1'],
    ['service("web") { name = "backend.example.com" }', 'the name of a downstream service', '', '12'],
    ['service("web") { message CONTAINS "timeout" }', 'an exception of a downstream segment', '', '1'],
    ['service("web") { name = "TimeoutError" }', 'an exception type of a downstream segment', '', '1'],
    ['service(id(type: "AWS::Lambda")) { type = "AWS::Lambda::Function" }', 'the called function node', '', '67'],
    ['edge("web", "api.example.com") { annotation.account = "12345" }', "a value below the callee's", '1', '12'],
    ['edge("web", "api.example.com") { name = "backend.example.com" }', "the callee's callee", '', '12'],
    // The service's own segment and subsegments do count.
    ['service("web") { annotation.cart = "c1" }', "an annotation on the service's own subsegment", '1', '1'],
    ['service("web") { user = "alice" }', "the service's own user", '1', '1'],
    ['service("api.example.com") { message CONTAINS "timeout" }', "the service's own exception", '1', '1'],
    ['service("api.example.com") { user = "bob" }', "the service's own user", '1', '1'],
    ['service() { annotation.account = "12345" }', 'each service its own', '12', '12'],
    ['service("backend.example.com") { annotation.account }', 'set on backend in trace 2 only', '2', '2'],
    // Outside any braces the keywords read every segment of the trace ("user – Value of the user field on any
    // segment in the trace").
    ['user = "bob"', 'trace level', '1', '1'],
    ['annotation.account = "12345"', 'trace level', '12', '12'],
    ['name = "TimeoutError"', 'trace level', '1', '1'],
  ];
  it.each(ROWS)('%s — %s', (expr, _words, expected) => {
    expect(ids(expr)).toBe(expected);
  });

  it('guards rows where a whole-subtree reading would select other traces', () => {
    const guarding = ROWS.filter(([, , expected, subtree]) => expected !== subtree).length;
    expect(guarding).toBe(8);
  });
});

describe('where the reading is ours', () => {
  // The guide's keyword list says of `annotation.key`: "You can't use this keyword in combination with the
  // service or edge keyword", while its examples only ever place annotations outside the braces. We accept
  // `annotation.*` inside the braces (it parses unambiguously and people write it) and read it, like every other
  // keyword there, from the segments the service created; AWS's console would refuse the expression instead.
  it('accepts annotation.* inside service() braces and reads the service segments', () => {
    expect(ids('service("api.example.com") { annotation.account }')).toBe('1');
  });

  // The body holds for one segment at a time: a service with two segments in one trace does not combine them. The
  // guide does not say otherwise ("Boolean operators find segments where the specified key is true or false").
  it('evaluates the body per segment of the service', () => {
    const docs: Doc[] = [
      seg(8, 'r8', 'web', EC2, { subsegments: [call('c8a', 'worker'), call('c8b', 'worker')] }),
      seg(8, 'k8a', 'worker', EC2, { parent_id: 'c8a', annotations: { a: 1 } }),
      seg(8, 'k8b', 'worker', EC2, { parent_id: 'c8b', annotations: { b: 2 } }),
    ];
    const t = loadXray([{ name: 'two.json', text: JSON.stringify(docs) }]).traces;
    const count = (expr: string) => filterTraces(expr, t).traces.length;
    expect(count('service("worker") { annotation.a }')).toBe(1);
    expect(count('service("worker") { annotation.b }')).toBe(1);
    expect(count('service("worker") { annotation.a AND annotation.b }')).toBe(0);
    expect(count('service("worker") { annotation.a } AND service("worker") { annotation.b }')).toBe(1);
  });
});
