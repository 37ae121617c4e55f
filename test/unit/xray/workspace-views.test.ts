/**
 * The X-Ray workspace's view-model helpers (renderer/src/xray/workspace-model.ts, timeline-view.ts,
 * live-model.ts): what a map selection filters for, the trace pane's empty reasons, bar and label geometry on
 * the waterfall, axis ticks that fit the track's width, and the live bar's texts.
 */
import { describe, expect, it } from 'vitest';
import type { DaemonStatus } from '../../../shared/contract.ts';
import { parseFilter } from '../../../shared/xray/filter.ts';
import type { MapEdge, MapNode } from '../../../shared/xray/types.ts';
import { droppedCount, liveAddresses, liveFileName } from '../../../renderer/src/xray/live-model.ts';
import {
  barGeometry,
  fittingTicks,
  labelPlace,
  stepRow,
  trackPercent,
} from '../../../renderer/src/xray/timeline-view.ts';
import {
  appliedFilter,
  diagnosticCounts,
  emptyPaneReason,
  filterProblem,
  mapExpressionFor,
  mapSelectionStats,
} from '../../../renderer/src/xray/workspace-model.ts';

const stats = { requests: 10, ok: 6, errors: 2, faults: 1, throttles: 1, totalMs: 500, avgMs: 50, histogram: [] };
const node = (name: string, type: string, extra: Partial<MapNode> = {}): MapNode => ({
  ...stats,
  id: `${name}|${type}`,
  name,
  type,
  inferred: false,
  client: false,
  ...extra,
});
const edge: MapEdge = { ...stats, id: 'a>b', from: 'a', to: 'b', requests: 4, avgMs: 12 };

describe('map selection → filter expression', () => {
  it('selects a service by name and type, a client by its root service, an edge by both ends', () => {
    const api = node('api', 'AWS::Lambda::Function');
    const client = node('api', '', { client: true });
    const table = node('orders', 'AWS::DynamoDB::Table');
    expect(mapExpressionFor(null)).toBe('');
    expect(mapExpressionFor({ kind: 'node', node: api })).toBe(
      'service(id(name: "api", type: "AWS::Lambda::Function"))',
    );
    expect(mapExpressionFor({ kind: 'node', node: node('plain', '') })).toBe('service("plain")');
    expect(mapExpressionFor({ kind: 'node', node: client })).toBe('service("api") { root }');
    expect(mapExpressionFor({ kind: 'edge', edge, from: client, to: api })).toBe(
      'service(id(name: "api", type: "AWS::Lambda::Function")) { root }',
    );
    expect(mapExpressionFor({ kind: 'edge', edge, from: api, to: table })).toBe(
      'edge(id(name: "api", type: "AWS::Lambda::Function"), id(name: "orders", type: "AWS::DynamoDB::Table"))',
    );
    // Every expression the map produces is one the filter language accepts.
    for (const sel of [
      { kind: 'node' as const, node: client },
      { kind: 'edge' as const, edge, from: api, to: table },
      { kind: 'node' as const, node: node('we "quote"', 'x\\y') },
    ])
      expect(parseFilter(mapExpressionFor(sel)).ok).toBe(true);
  });

  it('lists the statistics of a node (in progress only when there is some) and of an edge', () => {
    const keys = (s: ReturnType<typeof mapSelectionStats>) => s.map((x) => `${x.key}=${x.value}${x.ms ? 'ms' : ''}`);
    expect(keys(mapSelectionStats({ kind: 'node', node: node('a', '') }))).toEqual([
      'xray.map.requests=10',
      'xray.map.ok=6',
      'xray.map.errors=2',
      'xray.map.throttles=1',
      'xray.map.faults=1',
      'xray.map.average=50ms',
    ]);
    expect(keys(mapSelectionStats({ kind: 'node', node: node('a', '', { inProgress: 3 }) })).at(-1)).toBe(
      'xray.map.inProgress=3',
    );
    const e = mapSelectionStats({ kind: 'edge', edge, from: node('a', ''), to: node('b', '') });
    expect(keys(e)).toContain('xray.map.requests=4');
    expect(keys(e)).toContain('xray.map.average=12ms');
  });
});

describe('filter text and empty pane', () => {
  it('applies a valid expression, an empty one as none, and keeps the last good one while typing', () => {
    expect(appliedFilter('fault')).toBe('fault');
    expect(appliedFilter('   ')).toBe('');
    expect(appliedFilter('responsetime >')).toBeUndefined();
    expect(filterProblem('fault')).toBeNull();
    const p = filterProblem('responsetime > ');
    expect(p?.column).toBeGreaterThan(1);
    expect(p?.message).toMatch(/\w/);
  });

  it('counts errors and warnings', () => {
    expect(diagnosticCounts([])).toEqual({ errors: 0, warnings: 0 });
    expect(
      diagnosticCounts([
        { severity: 'error' },
        { severity: 'warning' },
        { severity: 'warning' },
        { severity: 'error' },
      ]),
    ).toEqual({ errors: 2, warnings: 2 });
  });

  it('says why no timeline is shown', () => {
    expect(emptyPaneReason(true, 0, 5)).toBe('invalid');
    expect(emptyPaneReason(false, 3, 5)).toBe('select');
    expect(emptyPaneReason(false, 0, 5)).toBe('no-match');
    expect(emptyPaneReason(false, 0, 0)).toBe('no-traces');
  });
});

describe('waterfall geometry', () => {
  it('clamps positions to the track', () => {
    expect(trackPercent(50, 200)).toBe(25);
    expect(trackPercent(-5, 200)).toBe(0);
    expect(trackPercent(500, 200)).toBe(100);
  });

  it('puts the duration label right of the bar, left near the end, inside a bar spanning the track', () => {
    expect(labelPlace(0, 50, 100)).toBe('right');
    expect(labelPlace(0, 84.9, 100)).toBe('right');
    expect(labelPlace(0, 85, 100)).toBe('inside');
    expect(labelPlace(15, 85, 100)).toBe('inside');
    expect(labelPlace(15.1, 84.9, 100)).toBe('left');
    expect(labelPlace(60, 40, 100)).toBe('left');
  });

  it('gives CSS for the bar and its label', () => {
    expect(barGeometry(25, 50, 100)).toEqual({
      bar: { left: '25%', width: 'max(2px, 50%)' },
      place: 'right',
      label: { left: 'calc(75% + 4px)' },
    });
    expect(barGeometry(60, 40, 100).label).toEqual({ right: 'calc(40% + 4px)' });
    expect(barGeometry(0, 100, 100).label).toEqual({ right: 'calc(0% + 4px)' });
    expect(barGeometry(0, 0, 100).bar.width).toBe('max(2px, 0%)');
  });

  it('thins the axis ticks to what fits the track, never piling labels up', () => {
    for (const total of [0.4, 7, 123, 1000, 86_400_000]) {
      for (const width of [40, 120, 250, 400, 900, 2000]) {
        const ticks = fittingTicks(total, width, 64);
        expect(ticks.length).toBeGreaterThanOrEqual(1);
        expect(ticks[0]).toBe(0);
        // Room for every label: ticks × label width never exceeds the track (one label always shows).
        expect(ticks.length * 64 <= Math.max(width, 64)).toBe(true);
        for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]);
        expect(ticks.at(-1)!).toBeLessThanOrEqual(total + 1e-6);
      }
    }
    expect(fittingTicks(1000, 900).length).toBeGreaterThan(fittingTicks(1000, 200).length);
  });

  it('steps rows with the arrow keys within the list', () => {
    expect(stepRow(-1, 5, true)).toBe(0);
    expect(stepRow(4, 5, true)).toBe(4);
    expect(stepRow(0, 5, false)).toBe(0);
    expect(stepRow(3, 5, false)).toBe(2);
  });
});

describe('live bar', () => {
  const status: DaemonStatus = {
    udp: '127.0.0.1:2000',
    tcp: '127.0.0.1:2000',
    accepted: 10,
    dropped: { malformed: 2, oversized: 1, evicted: 4 } as DaemonStatus['dropped'],
    traces: 3,
    maxTraces: 10_000,
  };
  it('sums every drop reason and lists the addresses', () => {
    expect(droppedCount(status)).toBe(7);
    expect(liveAddresses(status)).toBe('UDP 127.0.0.1:2000 · TCP 127.0.0.1:2000');
    expect(liveAddresses({ ...status, otlp: '127.0.0.1:4318' })).toBe(
      'UDP 127.0.0.1:2000 · TCP 127.0.0.1:2000 · OTLP http://127.0.0.1:4318/v1/traces',
    );
  });
  it('names the saved file after the UTC time', () => {
    expect(liveFileName(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('live-traces-2026-01-02T030405.ndjson');
  });
});
