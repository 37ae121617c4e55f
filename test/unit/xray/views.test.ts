import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { generateTrace } from '../../../bench/gen-xray.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import { rawSegment } from '../../../shared/xray/trace.ts';
import { healthArcs } from '../../../renderer/src/xray/ServiceMapView.tsx';
import { SpanDetails } from '../../../renderer/src/xray/SpanDetails.tsx';
import { Timeline } from '../../../renderer/src/xray/Timeline.tsx';
import { XrayWorkspace } from '../../../renderer/src/xray/XrayWorkspace.tsx';
import { timelineData } from '../../../renderer/src/xray/timeline-model.ts';
import { TraceList } from '../../../renderer/src/xray/TraceList.tsx';
import {
  ancestorsOf,
  axisTicks,
  collapseBelow,
  criticalPath,
  formatMs,
  searchSpans,
  sortRows,
  subtreeEnds,
  responseTimeBins,
  traceRows,
  visibleSpans,
  groupRows,
  withResponseTimeRange,
  type GroupKey,
  type TraceRow,
} from '../../../renderer/src/xray/view-model.ts';
import { filterTraces } from '../../../shared/xray/filter.ts';

const TID = '1-5f000000-000000000000000000000001';
const EVIL = '<img src=x onerror="alert(1)">';

function sample() {
  const docs = [
    {
      trace_id: TID,
      id: 'root',
      name: 'api',
      start_time: 0,
      end_time: 1,
      http: { request: { method: 'GET', url: 'https://x.example/a' }, response: { status: 200 } },
      annotations: { tenant: 'acme' },
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
          name: 'second',
          start_time: 0.2,
          end_time: 0.9,
          fault: true,
          cause: { exceptions: [{ id: 'e', type: 'Boom', message: 'kaput' }] },
        },
        { id: 'c', name: 'overlapping', start_time: 0.1, end_time: 0.5 },
      ],
    },
    {
      trace_id: TID,
      id: 'down',
      name: EVIL,
      parent_id: 'b',
      start_time: 0.25,
      end_time: 0.85,
      annotations: { [EVIL]: EVIL },
    },
  ];
  return loadXray([{ name: 's.json', text: JSON.stringify(docs) }]).traces[0];
}

describe('trace list rows', () => {
  it('builds rows from the entry segment and sorts them by any column', () => {
    const ds = loadXray([
      {
        name: 'x.json',
        text: JSON.stringify([
          {
            trace_id: '1-5f000001-000000000000000000000001',
            id: 'a',
            name: 'b-svc',
            start_time: 5,
            end_time: 7,
            http: { response: { status: 500 } },
            fault: true,
          },
          {
            trace_id: '1-5f000002-000000000000000000000002',
            id: 'b',
            name: 'a-svc',
            start_time: 1,
            end_time: 1.5,
            http: { response: { status: 200 } },
          },
        ]),
      },
    ]);
    const rows = traceRows(ds.traces, [
      {
        id: '1-5f000003-000000000000000000000003',
        error: true,
        fault: false,
        throttle: false,
        partial: false,
        http: { status: 404 },
        annotations: { k: ['v'] },
        users: [],
        start: 9,
        durationMs: 10,
      },
    ]);
    expect(rows.map((r) => [r.root, r.status, r.trace])).toEqual([
      ['a-svc', 200, 0],
      ['b-svc', 500, 1],
      ['', 404, -1],
    ]);
    expect(sortRows(rows, 'duration', true).map((r) => r.durationMs)).toEqual([2000, 500, 10]);
    expect(sortRows(rows, 'root', false).map((r) => r.root)).toEqual(['', 'a-svc', 'b-svc']);
    expect(sortRows(rows, 'flags', true)[0].fault).toBe(true);
    expect(sortRows(rows, 'annotations', true)[0].annotations).toBe('k=v');
  });
});

describe('timeline model', () => {
  it('collapses subtrees and lists visible rows in order', () => {
    const t = sample();
    const names = (ix: number[]) => ix.map((i) => t.spans[i].name);
    expect(names(visibleSpans(t, new Set()))).toEqual(['api', 'first', 'inner', 'overlapping', 'second', EVIL]);
    const first = t.spans.findIndex((s) => s.name === 'first');
    expect(names(visibleSpans(t, new Set([first])))).toEqual(['api', 'first', 'overlapping', 'second', EVIL]);
    expect(names(visibleSpans(t, collapseBelow(t, 0)))).toEqual(['api']);
    const ends = subtreeEnds(t);
    expect(ends[0]).toBe(t.spans.length);
  });

  it('searches names, exceptions and annotations, and finds the ancestors to expand', () => {
    const t = sample();
    const hits = searchSpans(t, 'kaput');
    expect(hits.map((i) => t.spans[i].name)).toEqual(['second']);
    expect(searchSpans(t, 'ACME api').map((i) => t.spans[i].name)).toEqual(['api']);
    expect(searchSpans(t, '   ')).toEqual([]);
    const down = t.spans.findIndex((s) => s.id === 'down');
    expect([...ancestorsOf(t, [down])].map((i) => t.spans[i].name).sort()).toEqual(['api', 'second']);
  });

  it('follows the last-finishing child for the critical path', () => {
    const t = sample();
    const path = [...criticalPath(t)].map((i) => t.spans[i].name).sort();
    // "second" ends last (0.9), its child ends at 0.85; before 0.2 nothing else finishes except "inner"'s parent
    // "first" (ends 0.3, after 0.2) — so "first" is off the path, as is "overlapping" (ends 0.5 > 0.2).
    expect(path).toEqual([EVIL, 'api', 'second'].sort());
  });

  it('formats durations and axis ticks', () => {
    expect(formatMs(0.25)).toBe('250 µs');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(4250)).toBe('4.25 s');
    expect(formatMs(185_000)).toBe('3 m 05 s');
    expect(axisTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it('health ring arcs cover the circle in X-Ray order', () => {
    expect(healthArcs({ ok: 2, errors: 1, faults: 1, throttles: 0 })).toEqual([
      { kind: 'ok', from: 0, to: 0.5 },
      { kind: 'error', from: 0.5, to: 0.75 },
      { kind: 'fault', from: 0.75, to: 1 },
    ]);
    expect(healthArcs({ ok: 0, errors: 0, faults: 0, throttles: 0 })).toEqual([]);
  });
});

describe('views render hostile names as text', () => {
  it('the span details escape names, annotations and raw JSON', () => {
    const t = sample();
    const down = t.spans.findIndex((s) => s.id === 'down');
    const html = renderToString(createElement(SpanDetails, { trace: t, span: down }));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('the workspace shows that it is reading until the worker answers, and the list renders names as text', () => {
    const t = sample();
    const html = renderToString(
      createElement(XrayWorkspace, {
        files: [
          {
            name: 'x.json',
            text: JSON.stringify(t.spans.flatMap((s, i) => (s.kind === 'segment' ? [rawSegment(t, i)] : []))),
          },
        ],
      }),
    );
    expect(html).toContain('data-testid="xray-workspace"');
    expect(html).toContain('data-testid="xray-loading"');
    const list = renderToString(createElement(TraceList, { rows: traceRows([t]), onSelect: () => {} }));
    expect(list).toContain('data-testid="xray-trace-list"');
    expect(list).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(list).not.toContain('<img');
  });

  it('the timeline of a 10,000-span trace puts only a window of rows in the markup', () => {
    const ds = loadXray([{ name: 'big.json', text: JSON.stringify({ Traces: [generateTrace(10_000)] }) }]);
    const t = ds.traces[0];
    const html = renderToString(
      createElement(Timeline, {
        data: timelineData(t),
        selected: null,
        onSelect: () => {},
        search: async () => new Int32Array(0),
      }),
    );
    const rendered = html.split('data-testid="xray-timeline-row"').length - 1;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
    expect(computeServiceMap([t]).nodes.length).toBeGreaterThan(5);
  });
});

describe('views survive absurd documents', () => {
  it('shows a message instead of crashing on a document too deep to print', () => {
    let meta = '1';
    for (let i = 0; i < 200_000; i++) meta = `[${meta}]`;
    const text = `{"trace_id":"${TID}","id":"d","name":"deep","start_time":1,"end_time":2,"metadata":{"x":${meta}}}`;
    const t = loadXray([{ name: 'deep.json', text }]).traces[0];
    for (const initialTab of ['Metadata', 'Raw JSON'] as const) {
      const html = renderToString(createElement(SpanDetails, { trace: t, span: 0, initialTab }));
      expect(html).toContain('cannot show this document');
    }
  });
});

describe('response times over the list', () => {
  const row = (id: string, responseTimeMs: number | undefined): TraceRow => ({
    id,
    trace: 0,
    start: 0,
    durationMs: 0,
    responseTimeMs,
    root: '',
    method: '',
    url: '',
    status: undefined,
    error: false,
    fault: false,
    throttle: false,
    partial: false,
    annotations: '',
    annotationValues: {},
    spans: 1,
  });

  it('bins the root response times and leaves out rows without one', () => {
    const bins = responseTimeBins([row('a', 10), row('b', 20), row('c', 30), row('d', undefined), row('e', 110)], 10);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ fromMs: 10, toMs: 20, count: 1 });
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(bins[9]).toMatchObject({ toMs: 110, count: 1 });
    expect(responseTimeBins([row('a', 5), row('b', 5)])).toEqual([{ fromMs: 5, toMs: 5, count: 2 }]);
    expect(responseTimeBins([row('a', undefined)])).toEqual([]);
  });

  it('turns a chosen range into a responsetime filter that replaces the previous range and keeps the rest', () => {
    expect(withResponseTimeRange('', 12.5, 40)).toBe('responsetime >= 0.0125 AND responsetime <= 0.04');
    const once = withResponseTimeRange('service("api")', 1, 2.0004);
    expect(once).toBe('service("api") AND responsetime >= 0.001 AND responsetime <= 0.002001');
    expect(withResponseTimeRange(once, 3, 4)).toBe(
      'service("api") AND responsetime >= 0.003 AND responsetime <= 0.004',
    );
    expect(withResponseTimeRange('fault OR error', 3, 4)).toBe(
      '(fault OR error) AND responsetime >= 0.003 AND responsetime <= 0.004',
    );
    expect(withResponseTimeRange('', 1e-4, 2e-4)).toBe('responsetime >= 0 AND responsetime <= 0.000001');
  });

  it('selects exactly the traces of the chosen bars', () => {
    const docs = [0.004, 0.0125, 0.04, 0.2].map((s, i) => ({
      trace_id: `1-5f00000${i}-00000000000000000000000${i}`,
      id: `r${i}`,
      name: 'api',
      start_time: 100,
      end_time: 100 + s,
    }));
    const ds = loadXray([{ name: 'rt.json', text: JSON.stringify(docs) }]);
    const rows = traceRows(ds.traces);
    const bins = responseTimeBins(rows, 24);
    const expr = withResponseTimeRange('', bins[0].fromMs, bins[4].toMs);
    const r = filterTraces(expr, ds.traces);
    expect(r.error).toBeUndefined();
    expect(r.traces.map((t) => t.id.slice(-1))).toEqual(['0', '1', '2']);
  });
});

describe('grouping the trace list', () => {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../samples/xray');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f !== 'index.json')
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
  const ds = loadXray(files);
  const rows = traceRows(ds.traces);

  it('gives every group the expression that selects exactly its traces', () => {
    const keys = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r.annotationValues)) keys.add(k);
    const groupings: GroupKey[] = ['url', 'status', 'root', ...[...keys].map((k) => `annotation:${k}` as GroupKey)];
    let checked = 0;
    for (const by of groupings) {
      const groups = groupRows(rows, by);
      if (!by.startsWith('annotation:'))
        expect(
          groups.reduce((n, g) => n + g.count, 0),
          by,
        ).toBe(rows.length);
      for (const g of groups) {
        const r = filterTraces(g.expression, ds.traces);
        expect(r.error, g.expression).toBeUndefined();
        expect(r.traces.length, `${by}: ${g.expression}`).toBe(g.count);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('counts outcomes and the average response time per group, largest group first', () => {
    const groups = groupRows(rows, 'root');
    expect(groups[0].count).toBeGreaterThanOrEqual(groups[groups.length - 1].count);
    for (const g of groups) expect(g.ok + g.errors + g.faults).toBeGreaterThanOrEqual(g.count - g.throttles - g.errors);
    const status = groupRows(rows, 'status');
    const ok200 = status.find((g) => g.label === '200');
    expect(ok200?.faults ?? 0).toBe(0);
  });
});
