import { describe, expect, it } from 'vitest';
import { generateTrace, generateTraces } from '../../../bench/gen-xray.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { NO_CHILDREN, NO_EXCEPTIONS, NO_HTTP, rawSegment, rawSegmentJson } from '../../../shared/xray/trace.ts';
import type { Trace } from '../../../shared/xray/types.ts';

const TID = '1-5f000000-000000000000000000000001';

const ROOT = {
  trace_id: TID,
  id: 'root',
  name: 'api',
  origin: 'AWS::Lambda::Function',
  start_time: 0,
  end_time: 1,
  http: { request: { method: 'POST', url: 'https://api.example.com/' }, response: { status: 200 } },
  annotations: { tenant: 'acme' },
  subsegments: [
    {
      id: 'work',
      name: 'work',
      start_time: 0.1,
      end_time: 0.8,
      metadata: { debug: { n: 1 } },
      subsegments: [
        {
          id: 'ddb',
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: 0.2,
          end_time: 0.3,
          aws: { operation: 'Query', table_name: 'Orders' },
        },
      ],
    },
  ],
};
const DOWN = {
  trace_id: TID,
  id: 'down',
  name: 'worker',
  origin: 'AWS::ECS::Container',
  parent_id: 'work',
  start_time: 0.4,
  end_time: 0.7,
  fault: true,
};
const INDEPENDENT = {
  trace_id: TID,
  type: 'subsegment',
  id: 'late',
  name: 'late-call',
  parent_id: 'down',
  start_time: 0.5,
  end_time: 0.6,
};

/** BatchGetTraces output: each document is a JSON string, as X-Ray returns it. */
function batch(...docs: object[]): string {
  return JSON.stringify({
    Traces: [{ Id: TID, Segments: docs.map((d) => ({ Id: (d as { id: string }).id, Document: JSON.stringify(d) })) }],
  });
}

function indexOf(t: Trace, id: string): number {
  const i = t.spans.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`no span ${id}`);
  return i;
}

describe('raw documents are kept as text and found on demand', () => {
  const t = loadXray([{ name: 'b.json', text: batch(ROOT, DOWN, INDEPENDENT) }]).traces[0];

  it('keeps the document text on document tops only', () => {
    expect(
      t.spans
        .filter((s) => s.rawJson !== undefined)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['down', 'late', 'root']);
    expect(rawSegmentJson(t, indexOf(t, 'root'))).toBe(JSON.stringify(ROOT));
    expect(rawSegmentJson(t, indexOf(t, 'late'))).toBe(JSON.stringify(INDEPENDENT));
  });

  it('gives every span its own raw object, nested subsegments included', () => {
    expect(rawSegment(t, indexOf(t, 'root'))).toEqual(ROOT);
    expect(rawSegment(t, indexOf(t, 'work'))).toEqual(ROOT.subsegments[0]);
    expect(rawSegment(t, indexOf(t, 'ddb'))).toEqual(ROOT.subsegments[0].subsegments[0]);
    expect(rawSegment(t, indexOf(t, 'down'))).toEqual(DOWN);
    expect(rawSegmentJson(t, indexOf(t, 'ddb'), 2)).toBe(JSON.stringify(ROOT.subsegments[0].subsegments[0], null, 2));
  });

  it('gives an inferred node the calling subsegment', () => {
    const inferred = indexOf(t, 'inferred:ddb');
    expect(t.spans[inferred].synthetic).toBe(true);
    expect(rawSegment(t, inferred)).toEqual(ROOT.subsegments[0].subsegments[0]);
  });

  it('returns undefined for an index outside the trace', () => {
    expect(rawSegment(t, t.spans.length)).toBeUndefined();
    expect(rawSegmentJson(t, -1)).toBeUndefined();
  });

  it('keeps each line of a JSON Lines file as its document text', () => {
    const lines = ['{"format":"json","version":1}', JSON.stringify(ROOT), `  ${JSON.stringify(DOWN)}`].join('\n');
    const tl = loadXray([{ name: 'daemon.log', text: lines }]).traces[0];
    expect(rawSegmentJson(tl, indexOf(tl, 'down'))).toBe(JSON.stringify(DOWN));
    expect(rawSegment(tl, indexOf(tl, 'ddb'))).toEqual(ROOT.subsegments[0].subsegments[0]);
  });

  it('serialises documents read from a JSON array', () => {
    const ta = loadXray([{ name: 'docs.json', text: JSON.stringify([ROOT, DOWN]) }]).traces[0];
    expect(JSON.parse(rawSegmentJson(ta, indexOf(ta, 'root'))!)).toEqual(ROOT);
    expect(rawSegment(ta, indexOf(ta, 'work'))).toEqual(ROOT.subsegments[0]);
  });

  it('finds subsegments whose parent link was cut to break a cycle', () => {
    // a → b1 (inside b) → b → a1 (inside a) → a, with c hanging below: walking up from c meets a1 twice first,
    // so the link cut is a1's own link to its document's top.
    const a = {
      trace_id: TID,
      id: 'a',
      name: 'a',
      parent_id: 'b1',
      start_time: 1,
      end_time: 2,
      subsegments: [{ id: 'a1', name: 'a1', start_time: 1, end_time: 2 }],
    };
    const b = {
      trace_id: TID,
      id: 'b',
      name: 'b',
      parent_id: 'a1',
      start_time: 1,
      end_time: 2,
      subsegments: [{ id: 'b1', name: 'b1', start_time: 1, end_time: 2 }],
    };
    const c = { trace_id: TID, id: 'c', name: 'c', parent_id: 'a1', start_time: 1, end_time: 2 };
    const tc = loadXray([{ name: 'c.json', text: batch(c, a, b) }]).traces[0];
    expect(tc.spans[indexOf(tc, 'a1')].cycle).toBe(true);
    for (const id of ['a', 'a1', 'b', 'b1', 'c']) expect(rawSegment(tc, indexOf(tc, id))?.id).toBe(id);
  });

  it('tells subsegments without ids apart by name and start time', () => {
    const doc = {
      ...ROOT,
      subsegments: [
        { name: 'x', start_time: 0.1, end_time: 0.2 },
        { name: 'y', start_time: 0.3, end_time: 0.4 },
      ],
    };
    const tn = loadXray([{ name: 'n.json', text: batch(doc) }]).traces[0];
    expect(
      rawSegment(
        tn,
        tn.spans.findIndex((s) => s.name === 'y'),
      ),
    ).toEqual(doc.subsegments[1]);
  });
});

describe('span records stay small and plain', () => {
  const traces = [
    loadXray([{ name: 'b.json', text: batch(ROOT, DOWN, INDEPENDENT) }]).traces[0],
    ...loadXray([{ name: 'g.json', text: JSON.stringify(generateTraces(20, 100)) }]).traces,
  ];

  it('store no undefined values and share the empty http, exceptions and children', () => {
    for (const t of traces) {
      for (const s of t.spans) {
        for (const [k, v] of Object.entries(s)) expect(v, k).not.toBeUndefined();
        if (s.children.length === 0) expect(s.children).toBe(NO_CHILDREN);
        if (s.exceptions.length === 0) expect(s.exceptions).toBe(NO_EXCEPTIONS);
        if (Object.keys(s.http).length === 0) expect(s.http).toBe(NO_HTTP);
        expect(Object.values(s.http)).not.toContain(undefined);
      }
    }
    expect([NO_CHILDREN, NO_EXCEPTIONS, NO_HTTP].every((x) => Object.isFrozen(x))).toBe(true);
  });

  it('share one copy of repeated names and node ids across the traces of a load', () => {
    const nodes = new Set(traces.slice(1).flatMap((t) => t.spans.map((s) => s.node)));
    // Service names repeat on every trace; strings cannot be compared by identity, so count the distinct values.
    expect(nodes.size).toBeLessThan(40);
    const oneChild = traces
      .slice(1)
      .flatMap((t) => t.spans.filter((s) => s.children.length === 1).map((s) => s.children));
    expect(new Set(oneChild).size).toBeLessThan(oneChild.length / 5);
    expect(oneChild.every((c) => Object.isFrozen(c))).toBe(true);
  });

  it('cross a structured clone unchanged, raw documents included', () => {
    const t = loadXray([{ name: 'big.json', text: JSON.stringify({ Traces: [generateTrace(2_000)] }) }]).traces[0];
    const copy = structuredClone(t);
    expect(copy).toEqual(t);
    const sub = t.spans.findIndex((s) => s.kind === 'subsegment' && s.depth > 2);
    expect(rawSegment(copy, sub)).toEqual(rawSegment(t, sub));
    expect(rawSegment(copy, sub)?.id).toBe(t.spans[sub].id);
  });
});
