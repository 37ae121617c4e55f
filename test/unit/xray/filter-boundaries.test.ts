/**
 * The X-Ray filter expressions at their edges, as the X-Ray developer guide defines them ("Using filter
 * expressions"): number comparisons (`=`, `!=`, `<`, `<=`, `>`, `>=`) checked at the compared value itself and on
 * either side of it, for `responsetime`, `duration`, `http.status` and number annotations; string comparisons
 * (`=`, `!=`, `CONTAINS`, `BEGINSWITH`, `ENDSWITH`) on values that hold only one of them; `!=` true for a trace
 * that has no such value ("no value equals", as the console answers).
 */
import { describe, expect, it } from 'vitest';
import { filterTraces, parseFilter } from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import type { Trace } from '../../../shared/xray/types.ts';

const id = (n: number) => `1-5f00000${n}-00000000000000000000000${n}`;

/**
 * Trace 1: root answers 200 after exactly 2 s, the whole trace lasts 3 s (a call outlives the response).
 * Trace 2: root answers 500 after 0.5 s, the trace lasts 0.5 s, annotated.
 * Trace 3: no HTTP at all, 1 s.
 */
function traces(): Trace[] {
  const docs = [
    {
      trace_id: id(1),
      id: 'a1',
      name: 'api',
      origin: 'AWS::ApiGateway::Stage',
      start_time: 100,
      end_time: 102,
      http: { request: { method: 'GET', url: 'https://a.example.com/orders/1' }, response: { status: 200 } },
      annotations: { priority: 3, tenant: 'acme', vip: true },
      subsegments: [{ id: 'a1s', name: 'S3', namespace: 'aws', start_time: 101, end_time: 103 }],
    },
    {
      trace_id: id(2),
      id: 'b1',
      name: 'api',
      origin: 'AWS::ApiGateway::Stage',
      start_time: 200,
      end_time: 200.5,
      fault: true,
      http: { request: { method: 'POST', url: 'https://b.example.com/orders' }, response: { status: 500 } },
      annotations: { priority: 1, tenant: 'globex', vip: false },
    },
    { trace_id: id(3), id: 'c1', name: 'worker', start_time: 300, end_time: 301 },
  ];
  return loadXray([{ name: 'f.json', text: JSON.stringify(docs) }]).traces;
}

const all = traces();
const ids = (expr: string): string => {
  const r = filterTraces(expr, all);
  if (r.error) throw new Error(`${expr}: ${r.error.message} at ${r.error.offset}`);
  return r.traces.map((t) => t.id.slice(9, 10)).join('');
};

describe('number comparisons at the compared value and either side', () => {
  // [keyword, value of trace 1, value of trace 2, traces without a value]
  const NUMBERS: [string, number, number][] = [
    ['responsetime', 2, 0.5],
    ['duration', 3, 0.5],
    ['http.status', 200, 500],
    ['annotation.priority', 3, 1],
  ];
  for (const [kw, one, two] of NUMBERS) {
    it(`${kw}: each operator at trace 1's value (${one})`, () => {
      // Trace 3 has an HTTP-less 1 s root and no annotations: it counts for responsetime and duration only.
      const three = kw === 'responsetime' || kw === 'duration' ? 1 : undefined;
      const expected = (test: (v: number) => boolean) =>
        [one, two, three].map((v, i) => (v !== undefined && test(v) ? String(i + 1) : '')).join('');
      const table: [string, (v: number) => boolean][] = [
        ['=', (v) => v === one],
        ['<', (v) => v < one],
        ['<=', (v) => v <= one],
        ['>', (v) => v > one],
        ['>=', (v) => v >= one],
      ];
      for (const [op, test] of table) expect(ids(`${kw} ${op} ${one}`), `${kw} ${op} ${one}`).toBe(expected(test));
      // `!=`: no value equals, so a trace without the value is selected too.
      expect(ids(`${kw} != ${one}`)).toBe('23');
      expect(ids(`${kw} >= ${two}`)).toBe(expected((v) => v >= two));
      expect(ids(`${kw} > ${two}`)).toBe(expected((v) => v > two));
      expect(ids(`${kw} <= ${two}`)).toBe(expected((v) => v <= two));
      expect(ids(`${kw} < ${two}`)).toBe(expected((v) => v < two));
    });
  }

  it('the comparisons are exact at the boundary: 2 is not > 2, and is >= 2', () => {
    expect(ids('responsetime > 2')).toBe('');
    expect(ids('responsetime >= 2')).toBe('1');
    expect(ids('responsetime < 0.5')).toBe('');
    expect(ids('responsetime <= 0.5')).toBe('2');
    expect(ids('http.status >= 500')).toBe('2');
    expect(ids('http.status > 500')).toBe('');
    expect(ids('http.status < 200')).toBe('');
    expect(ids('http.status <= 200')).toBe('1');
  });
});

describe('string comparisons', () => {
  it.each([
    ['http.url = "https://a.example.com/orders/1"', '1'],
    ['http.url = "https://a.example.com/orders"', ''],
    ['http.url != "https://a.example.com/orders/1"', '23'],
    ['http.url CONTAINS "b.example"', '2'],
    ['http.url CONTAINS "orders"', '12'],
    ['http.url BEGINSWITH "https://b"', '2'],
    ['http.url BEGINSWITH "orders"', ''],
    ['http.url ENDSWITH "/1"', '1'],
    ['http.url ENDSWITH "https"', ''],
    ['http.method = "GET"', '1'],
    ['http.method != "GET"', '23'],
    ['http.url', '12'],
    ['annotation.tenant = "acme"', '1'],
    ['annotation.tenant != "acme"', '23'],
    ['annotation.tenant CONTAINS "lob"', '2'],
    ['annotation.tenant ENDSWITH "me"', '1'],
    ['annotation.tenant BEGINSWITH "ac"', '1'],
  ])('%s selects %j', (expr, expected) => {
    expect(ids(expr)).toBe(expected);
  });
});

describe('annotations by type', () => {
  it.each([
    // A bare key is true when set, and for a boolean annotation it is the value.
    ['annotation.vip', '1'],
    ['annotation.priority', '12'],
    ['annotation.vip = true', '1'],
    ['annotation.vip = false', '2'],
    ['annotation.vip != true', '23'],
    // A number never equals a string, a string never compares as a number.
    ['annotation.priority = "3"', ''],
    ['annotation.tenant > 1', ''],
    ['annotation.tenant = true', ''],
    ['annotation.missing', ''],
    ['annotation.missing != "x"', '123'],
  ])('%s selects %j', (expr, expected) => {
    expect(ids(expr)).toBe(expected);
  });
});

describe('parsed operators', () => {
  it.each(['=', '!=', '<', '<=', '>', '>='])('keeps the number operator %s as written', (op) => {
    const r = parseFilter(`responsetime ${op} 1.5`);
    expect(r.ok && r.expr).toEqual({ k: 'num', kw: 'responsetime', op, value: 1.5 });
  });
});

/**
 * Inside `service() { … }` a keyword describes the matching segment, also when that segment is the trace's root
 * (span 0): its own duration, not the trace's; its own flags, not the trace's; an orphan segment of the same trace
 * (its parent never arrived) is not part of it.
 */
describe('service bodies on the root segment', () => {
  const docs = [
    {
      trace_id: id(4),
      id: 'r1',
      name: 'front',
      origin: 'AWS::EC2::Instance',
      start_time: 400,
      end_time: 402,
      subsegments: [
        {
          id: 'r1d',
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: 401,
          end_time: 403,
          throttle: true,
          error: true,
          http: { response: { status: 429 } },
        },
      ],
    },
    { trace_id: id(4), id: 'x1', name: 'stray', parent_id: 'gone', start_time: 400.5, end_time: 400.6, user: 'zed' },
    { trace_id: id(4), id: 'p1', name: 'late', parent_id: 'r1d', start_time: 401.5, in_progress: true },
  ];
  const [trace] = loadXray([{ name: 'r.json', text: JSON.stringify(docs) }]).traces;
  const holds = (expr: string) => filterTraces(expr, [trace!]).traces.length === 1;

  it.each([
    // The trace lasts 3 s (the DynamoDB call outlives the response); the root segment 2 s.
    ['duration = 3', true],
    ['service("front") { duration = 2 }', true],
    ['service("front") { duration = 3 }', false],
    // `ok` is the root segment's own state ("none of error, fault, throttle"); `throttle` is a 429 anywhere.
    ['ok', true],
    ['service("front") { ok }', true],
    ['service("front") { throttle }', false],
    ['throttle', true],
    // In progress: a segment below the root, not the root.
    ['partial', true],
    ['service("front") { partial }', false],
    ['service("late") { partial }', true],
    ['service("late") { responsetime >= 0 }', false],
    // The orphan's user belongs to the trace, not to the root segment's subtree.
    ['user = "zed"', true],
    ['service("front") { user = "zed" }', false],
    ['service("stray") { user = "zed" }', true],
    ['service("front") { root }', true],
    ['service("stray") { root }', false],
  ])('%s → %s', (expr, expected) => {
    expect(holds(expr)).toBe(expected);
  });
});
