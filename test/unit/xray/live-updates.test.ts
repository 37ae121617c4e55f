/**
 * What keeps a live X-Ray tab cheap when documents stream in: an unchanged waterfall keeps its object
 * (sameTimeline), an unchanged map shape keeps its layout (layoutServiceMapReusing), and reading files that hold
 * no state machine trace does not re-render the shell (recordStateMachineTraces).
 */
import { describe, expect, it } from 'vitest';
import { generateTrace } from '../../../bench/gen-xray.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import { layoutServiceMap, layoutServiceMapReusing, mapShape } from '../../../renderer/src/xray/map-layout.ts';
import { recordStateMachineTraces, stateMachineTracesOf } from '../../../renderer/src/xray/state-machine-traces.ts';
import { sameTimeline, timelineData } from '../../../renderer/src/xray/timeline-model.ts';

const traceOf = (spans: number, seed = 7) =>
  loadXray([{ name: 'g.json', text: JSON.stringify({ Traces: [generateTrace(spans, seed)] }) }]).traces[0];

describe('sameTimeline', () => {
  it('is true for the same trace read twice and false for any change a viewer would see', () => {
    const a = timelineData(traceOf(60));
    expect(sameTimeline(a, timelineData(traceOf(60)))).toBe(true);
    const changes: [string, (d: ReturnType<typeof timelineData>) => void][] = [
      ['a span ends later', (d) => (d.durationMsOf[5] += 1)],
      ['a span starts later', (d) => (d.startMs[3] += 1)],
      ['a flag (status, in progress) changes', (d) => (d.flags[2] ^= 1)],
      ['a parent changes', (d) => (d.parent[4] = 0)],
      ['a name changes', (d) => (d.text = d.text.replace(/[a-z]/, 'Z'))],
      ['a span has another of the names', (d) => (d.nameOf[4] = d.nameOf[4]! === 0 ? 1 : 0)],
      ['a span has another id', (d) => (d.ids.words[2 * 3] ^= 1)],
      ['more documents', (d) => (d.segments += 1)],
      ['the trace is longer', (d) => (d.durationMs += 1)],
    ];
    for (const [what, change] of changes) {
      const b = timelineData(traceOf(60));
      change(b);
      expect(sameTimeline(a, b), what).toBe(false);
    }
    expect(sameTimeline(a, timelineData(traceOf(61)))).toBe(false);
    expect(sameTimeline(a, timelineData(traceOf(60, 8)))).toBe(false);
  });
});

describe('service map layout reuse', () => {
  const traces = loadXray([
    { name: 'g.json', text: JSON.stringify({ Traces: [generateTrace(40, 1), generateTrace(40, 2)] }) },
  ]).traces;
  const map = computeServiceMap(traces);

  it('keeps the layout while only counts change, lays out again when the shape changes', () => {
    expect(map.nodes.length).toBeGreaterThan(1);
    const first = layoutServiceMapReusing(map);
    expect(first).toEqual(layoutServiceMap(map));
    // Same services and edges, different counts with labels of the same width: the same layout object.
    const counted = {
      nodes: map.nodes.map((n) => ({ ...n, requests: n.requests + 1 })),
      edges: map.edges.map((e) => ({ ...e, requests: e.requests === 9 ? 8 : e.requests === 99 ? 98 : e.requests })),
    };
    expect(mapShape(counted)).toBe(mapShape(map));
    expect(layoutServiceMapReusing(counted)).toBe(first);
    // A new service: a new layout.
    const grown = computeServiceMap(
      loadXray([{ name: 'h.json', text: JSON.stringify({ Traces: [generateTrace(40, 1), generateTrace(80, 3)] }) }])
        .traces,
    );
    expect(mapShape(grown)).not.toBe(mapShape(map));
    expect(layoutServiceMapReusing(grown)).not.toBe(first);
  });
});

describe('state machine traces of a file list', () => {
  it('records what is found, and an empty result for new files is kept quietly', () => {
    const files = [{ name: 'a', text: '' }];
    expect(stateMachineTracesOf(files)).toEqual([]);
    const found = [{ trace: traceOf(5), machine: 'arn:aws:states:us-east-1:123456789012:stateMachine:M' }];
    recordStateMachineTraces(files, found);
    expect(stateMachineTracesOf(files)).toBe(found);
    const empty: typeof found = [];
    recordStateMachineTraces(files, empty);
    expect(stateMachineTracesOf(files)).toBe(empty);
    const other = [{ name: 'b', text: '' }];
    recordStateMachineTraces(other, []);
    expect(stateMachineTracesOf(other)).toEqual([]);
  });
});
