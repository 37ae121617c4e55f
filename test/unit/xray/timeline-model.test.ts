import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { generateTrace } from '../../../bench/gen-xray.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import {
  ancestorsIn,
  collapsedBelow,
  rowOf,
  span,
  timelineData,
  timelineTransfer,
  visibleRows,
} from '../../../renderer/src/xray/timeline-model.ts';
import {
  ancestorsOf,
  collapseBelow,
  criticalPath,
  subtreeEnds,
  visibleSpans,
} from '../../../renderer/src/xray/view-model.ts';

const TID = '1-5f000000-000000000000000000000001';
const EVIL = '<img src=x onerror="alert(1)">';

function sample() {
  const docs = [
    {
      trace_id: TID,
      id: 'root',
      name: 'api',
      origin: 'AWS::Lambda::Function',
      start_time: 0,
      end_time: 1,
      subsegments: [
        {
          id: 'a',
          name: 'first',
          start_time: 0.0,
          end_time: 0.3,
          subsegments: [{ id: 'a1', name: 'inner', start_time: 0.1, end_time: 0.2 }],
        },
        {
          id: 'b',
          name: 'DynamoDB',
          start_time: 0.2,
          end_time: 0.9,
          fault: true,
          namespace: 'aws',
          aws: { operation: 'PutItem', table_name: 'Orders' },
        },
        { id: 'c', name: 'pending', start_time: 0.1, in_progress: true },
        { id: 'd', name: 'throttled', start_time: 0.3, end_time: 0.4, throttle: true, error: true },
        {
          id: 'e',
          name: 'S3',
          start_time: 0.5,
          end_time: 0.6,
          namespace: 'aws',
          aws: { operation: 'GetObject', bucket_name: 'invoices' },
        },
      ],
    },
    {
      trace_id: TID,
      id: 'down',
      name: EVIL,
      parent_id: 'b',
      start_time: 0.25,
      end_time: 0.85,
      origin: 'AWS::ECS::Container',
    },
    { trace_id: TID, id: 'lost', name: 'orphan', parent_id: 'nowhere', start_time: 0.5, end_time: 0.6 },
  ];
  return loadXray([{ name: 's.json', text: JSON.stringify(docs) }]).traces[0];
}

describe('timeline columns', () => {
  it('hold what the waterfall draws for every span, equal to the trace', () => {
    const t = sample();
    const d = timelineData(t);
    expect(d.spanCount).toBe(t.spans.length);
    expect(d.root).toBe(t.root);
    const critical = criticalPath(t);
    t.spans.forEach((s, i) => {
      expect(span.id(d, i)).toBe(s.id);
      expect(span.name(d, i)).toBe(s.name);
      expect(span.origin(d, i)).toBe(s.origin);
      expect(span.kind(d, i)).toBe(s.kind);
      expect(span.status(d, i)).toBe(s.status);
      expect(span.synthetic(d, i)).toBe(s.synthetic);
      expect(span.inProgress(d, i)).toBe(s.inProgress);
      expect(span.open(d, i)).toBe(s.inProgress && s.end === undefined);
      expect(span.orphan(d, i)).toBe(s.orphan);
      expect(span.critical(d, i)).toBe(critical.has(i));
      expect(d.parent[i]).toBe(s.parent);
      expect(d.segment[i]).toBe(s.segment);
      expect(d.depth[i]).toBe(s.depth);
      expect(d.childCount[i]).toBe(s.children.length);
      expect(d.startMs[i]).toBeCloseTo((s.start - t.start) * 1000, 6);
      expect(d.durationMsOf[i]).toBe(s.durationMs);
    });
    expect([...d.ends]).toEqual([...subtreeEnds(t)]);
    // Every status and the inferred kind occur, so the bit packing is exercised.
    expect(new Set(t.spans.map((s) => s.status))).toEqual(new Set(['ok', 'fault', 'pending', 'throttle']));
    expect(t.spans.some((s) => s.kind === 'inferred')).toBe(true);
    expect(t.spans.some((s) => s.orphan)).toBe(true);
  });

  it('collapse, expand and ancestors agree with the span-object versions', () => {
    const t = generateTraceModel(3000);
    const d = timelineData(t);
    for (const depth of [1, 2, 3]) {
      const a = collapseBelow(t, depth);
      expect(collapsedBelow(d, depth)).toEqual(a);
      const rows = visibleRows(d, a);
      expect([...rows]).toEqual(visibleSpans(t, a));
      for (const k of [0, rows.length >> 1, rows.length - 1]) expect(rowOf(rows, rows[k])).toBe(k);
    }
    const deepest = t.spans.reduce((best, s, i) => (s.depth > t.spans[best].depth ? i : best), 0);
    expect(new Set(ancestorsIn(d, deepest))).toEqual(ancestorsOf(t, [deepest]));
    expect(rowOf(visibleRows(d, collapseBelow(t, 1)), deepest)).toBe(-1);
  });

  it('cross a structured clone with their buffers transferred, and are small next to the spans', () => {
    const t = generateTraceModel(10_000);
    const d = timelineData(t);
    expect(timelineTransfer(d)).toHaveLength(12);
    const copy = structuredClone(d, { transfer: timelineTransfer(d) });
    expect(copy.spanCount).toBe(t.spans.length);
    expect(span.name(copy, 5)).toBe(t.spans[5].name);
    // Ids cross as the trace keeps them (two words a span) and are spelled on the page, an added node's too.
    const added = t.spans.findIndex((s) => s.synthetic);
    expect(added).toBeGreaterThan(0);
    for (const i of [0, 5, added]) expect(span.id(copy, i)).toBe(t.spans[i].id);
    expect(span.id(copy, added)).toMatch(/^inferred:[0-9a-f]{16}$/);
    expect(d.parent.length).toBe(0); // transferred: the worker's copy is detached
    const columns = v8.serialize(timelineData(t)).length;
    const spans = v8.serialize(t.spans).length;
    expect(columns * 3).toBeLessThan(spans);
  });
});

function generateTraceModel(spans: number) {
  return loadXray([{ name: 'g.json', text: JSON.stringify({ Traces: [generateTrace(spans)] }) }]).traces[0];
}
