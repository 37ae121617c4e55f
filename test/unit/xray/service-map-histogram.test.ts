/**
 * The response-time histogram of a service map node: X-Ray's GetServiceGraph `ResponseTimeHistogram` is a sparse
 * list of (value, count) pairs; ours buckets by 0.1 ms under 10 ms and by 1 ms above, in ascending order, one
 * entry per bucket, whatever the duration (service-map.ts keeps the buckets of the first ~16 s in an array and
 * any longer one in a map: both must come out as one sorted list).
 */
import { describe, expect, it } from 'vitest';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';

/** Bucket of a duration, as the map's documentation states it (tenths of a millisecond, then whole ms). */
function bucketMs(ms: number): number {
  return (ms < 10 ? Math.round(ms * 10) : Math.round(ms) * 10) / 10;
}

function segments(durationsMs: readonly number[]): string {
  return durationsMs
    .map((ms, i) =>
      JSON.stringify({
        trace_id: `1-5f000000-${String(i).padStart(24, '0')}`,
        id: i.toString(16).padStart(16, '0'),
        name: 'svc',
        start_time: 1000,
        end_time: 1000 + ms / 1000,
      }),
    )
    .join('\n');
}

describe('service map histogram', () => {
  it('has one entry per bucket, ascending, across the array and map ranges', () => {
    // Short and long durations, each several times, out of order: across 10 ms, the last array bucket
    // (16,293 ms) and beyond it.
    const durations = [16_294, 0.04, 9.96, 10, 10.4, 2.5, 409, 16_293, 16_292.6, 20_000, 1e7, 0.04, 10.4, 1e7, 3e4, 0];
    const { traces } = loadXray([{ name: 'h.ndjson', text: segments(durations) }]);
    const node = computeServiceMap(traces).nodes.find((n) => n.name === 'svc' && !n.client)!;
    const expected = new Map<number, number>();
    // Durations as the tree build computes them from the documents' seconds.
    for (const t of traces) {
      const ms = (t.end - t.start) * 1000;
      expected.set(bucketMs(ms), (expected.get(bucketMs(ms)) ?? 0) + 1);
    }
    const want = [...expected].map(([ms, count]) => ({ ms, count })).sort((a, b) => a.ms - b.ms);
    expect(node.histogram).toEqual(want);
    expect(node.histogram.map((h) => h.ms)).toEqual([0, 2.5, 10, 409, 16_293, 16_294, 20_000, 30_000, 1e7]);
    expect(node.histogram.reduce((n, h) => n + h.count, 0)).toBe(durations.length);
  });
});
