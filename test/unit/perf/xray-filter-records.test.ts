/**
 * Filtering and searching read the span columns: applying filter expressions (every keyword, at the top level and
 * inside `service() { … }` / `edge() { … }`) to a 100,000-span trace, and searching it, makes no `Span` record.
 * A count, not a timing; the results are checked against the same traces given as records.
 */
import { describe, expect, it } from 'vitest';
import { generateTrace, generateTraces } from '../../../bench/gen-xray.ts';
import { filterTraces } from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import type { Trace } from '../../../shared/xray/types.ts';
import { searchSpans } from '../../../renderer/src/xray/view-model.ts';

const FILTERS = [
  'ok',
  '!ok',
  'error',
  'fault',
  'throttle',
  'partial',
  'root',
  'inferred',
  'duration > 1',
  'responsetime < 0.5',
  'http.status = 200',
  'http.method = "POST"',
  'http.url CONTAINS "orders"',
  'http.useragent',
  'http.clientip',
  'user = "alice"',
  'name = "Orders"',
  'type = "AWS::DynamoDB::Table"',
  'message CONTAINS "x"',
  'resource.arn CONTAINS "function"',
  'instance.id',
  'availabilityzone',
  'account.id = "123456789012"',
  'annotation.tenant = "acme"',
  'annotation.tenant',
  'service("orders")',
  'service() { fault }',
  'service() { root }',
  'service() { inferred }',
  'service("billing") { error OR throttle }',
  'service(id(type: "AWS::DynamoDB::Table")) { responsetime > 0.05 }',
  'service(id(account.id: "123456789012"))',
  'edge("api-prod", "orders")',
  'edge(id(name: "orders"), id(type: "AWS::DynamoDB::Table")) { duration > 0.01 }',
];

/** True while a trace's `spans` getter has not run: no `Span` record of it exists. */
const unread = (t: Trace) => Object.getOwnPropertyDescriptor(t, 'spans')?.get !== undefined;

function check(traces: Trace[]): { kept: number; found: number } {
  let kept = 0;
  let found = 0;
  const filtered = FILTERS.map((f) => {
    const r = filterTraces(f, traces);
    expect(r.error, f).toBeUndefined();
    kept += r.traces.length;
    return r.traces.map((t) => t.id);
  });
  const searched = traces
    .slice(0, 20)
    .map((t) => ['dynamodb', 'orders 200', 'putitem', 'acme'].map((q) => searchSpans(t, q)));
  for (const s of searched) for (const hits of s) found += hits.length;
  expect(traces.filter(unread).length).toBe(traces.length);
  // The same answers from records (copies of the traces hold their spans as records, read into columns anew).
  const copies = traces.map((t) => ({ ...t }));
  expect(traces.filter(unread).length).toBe(0);
  expect(FILTERS.map((f) => filterTraces(f, copies).traces.map((t) => t.id))).toEqual(filtered);
  expect(
    copies.slice(0, 20).map((t) => ['dynamodb', 'orders 200', 'putitem', 'acme'].map((q) => searchSpans(t, q))),
  ).toEqual(searched);
  return { kept, found };
}

describe('X-Ray filter and search make no span record', () => {
  it('one trace of 100,000 spans', () => {
    const data = loadXray([{ name: 'one.json', text: JSON.stringify({ Traces: [generateTrace(100_000)] }) }]);
    const { kept, found } = check(data.traces);
    // The expressions do select (and reject): the guard is not passing on empty answers.
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(FILTERS.length);
    expect(found).toBeGreaterThan(1000);
  }, 120_000);

  it('200 traces × 100 spans', () => {
    const data = loadXray([{ name: 'many.json', text: JSON.stringify(generateTraces(200, 100)) }]);
    const { kept, found } = check(data.traces);
    expect(kept).toBeGreaterThan(200);
    expect(kept).toBeLessThan(FILTERS.length * 200);
    expect(found).toBeGreaterThan(100);
  }, 120_000);
});
