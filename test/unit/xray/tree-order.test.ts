/**
 * The order a document's objects are read in: the tree build makes spans in preorder (an object, then its
 * subsegments with theirs), while two things keep the order the build had before, which differs: the object a
 * span's `aws` (and raw document) is read back from, and which of two spans sharing an id a `parent_id` names.
 */
import { describe, expect, it } from 'vitest';
import { loadXray } from '../../../shared/xray/load.ts';
import { rawSegment } from '../../../shared/xray/trace.ts';

const T = '1-5f000000-000000000000000000000001';
const X = 'ffffffffffff0001';

/** A segment whose subsegments A (with A1, then A2 holding A2a) and B nest; A1 and B share the id X. */
function documents(): Record<string, unknown>[] {
  const aws = (table: string) => ({ operation: 'GetItem', table_name: table });
  const front = {
    trace_id: T,
    id: 'aaaaaaaaaaaa0001',
    name: 'front',
    start_time: 1,
    end_time: 2,
    subsegments: [
      {
        id: 'aaaaaaaaaaaa0002',
        name: 'A',
        start_time: 1,
        end_time: 2,
        subsegments: [
          { id: X, name: 'A1', namespace: 'aws', start_time: 1, end_time: 1.2, aws: aws('t-A1') },
          {
            id: 'aaaaaaaaaaaa0003',
            name: 'A2',
            start_time: 1.2,
            end_time: 1.4,
            subsegments: [
              {
                id: 'aaaaaaaaaaaa0004',
                name: 'A2a',
                namespace: 'aws',
                start_time: 1.2,
                end_time: 1.3,
                aws: aws('t-A2a'),
              },
            ],
          },
        ],
      },
      { id: X, name: 'B', namespace: 'aws', start_time: 1.5, end_time: 2, aws: aws('t-B') },
    ],
  };
  const back = { trace_id: T, id: 'bbbbbbbbbbbb0001', parent_id: X, name: 'back', start_time: 1.6, end_time: 1.9 };
  return [front, back];
}

function load() {
  const segments = documents().map((d) => ({ Id: d.id, Document: JSON.stringify(d) }));
  return loadXray([{ name: 'order.json', text: JSON.stringify({ Traces: [{ Id: T, Segments: segments }] }) }])
    .traces[0];
}

describe('tree build order', () => {
  it('a parent id shared by two spans of one document names the first the document lists breadth-wise (B, not A1)', () => {
    const trace = load();
    const back = trace.spans.find((s) => s.name === 'back')!;
    // The callee hangs under B's inferred DynamoDB node, itself under B.
    const up = trace.spans[back.parent];
    expect(up.kind === 'inferred' ? trace.spans[up.parent].name : up.name).toBe('B');
  });

  it('each span reads its own aws object back from the document text', () => {
    const trace = load();
    for (const [name, table] of [
      ['A1', 't-A1'],
      ['A2a', 't-A2a'],
      ['B', 't-B'],
    ]) {
      const k = trace.spans.findIndex((s) => s.name === name && s.kind === 'subsegment');
      expect(trace.spans[k].aws?.table_name).toBe(table);
    }
    // The raw object is found by id (raw.ts), so only a span with an id of its own is checked here.
    const k = trace.spans.findIndex((s) => s.name === 'A2a');
    expect(rawSegment(trace, k)?.name).toBe('A2a');
  });
});
