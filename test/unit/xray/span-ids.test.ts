/**
 * Span ids kept as two 32-bit words (shared/xray/span-ids.ts): exactly the 16-digit lower-case hexadecimal ids
 * X-Ray writes are stored as numbers, and each reads back as the same string; every other id stays text.
 */
import { describe, expect, it } from 'vitest';
import { loadXray } from '../../../shared/xray/load.ts';
import { putHexId, SpanIdIndex, storedId } from '../../../shared/xray/span-ids.ts';
import { seededRandom } from '../../../bench/rng.ts';
import { buildTrace } from '../../../shared/xray/trace.ts';

const HEX16 = /^[0-9a-f]{16}$/;

function roundTrip(id: string): string | undefined {
  const words = new Int32Array(2);
  return putHexId(words, 0, id) ? storedId({ words, text: undefined }, 0) : undefined;
}

describe('span ids as words', () => {
  it.each([
    ['0123456789abcdef', true],
    ['ffffffffffffffff', true],
    ['0000000000000000', true],
    ['80000000ffffffff', true],
    ['0123456789ABCDEF', false],
    ['0123456789abcdeg', false],
    ['0123456789abcde', false],
    ['0123456789abcdef0', false],
    ['', false],
    ['inferred:0123456', false],
  ])('%s is stored as words: %s', (id, words) => {
    expect(roundTrip(id)).toBe(words ? id : undefined);
  });

  it('takes a string as words exactly when it is 16 lower-case hex digits, whatever character breaks it', () => {
    let checked = 0;
    for (let c = 0; c < 0x3000; c++) {
      for (const at of [0, 7, 8, 15]) {
        const id = `0123456789abcdef`.slice(0, at) + String.fromCharCode(c) + `0123456789abcdef`.slice(at + 1);
        expect(roundTrip(id)).toBe(HEX16.test(id) ? id : undefined);
        checked++;
      }
    }
    expect(checked).toBe(0x3000 * 4);
  });
});

describe('id text and aws columns made only when a span needs them', () => {
  const doc = (id: string, parent?: string, aws?: Record<string, unknown>) => ({
    trace_id: '1-5f84c7a1-aaaaaaaaaaaaaaaaaaaaaaaa',
    id,
    name: `span-${id}`,
    start_time: 1,
    end_time: 2,
    ...(parent ? { parent_id: parent } : {}),
    ...(aws ? { aws } : {}),
  });

  it('keeps every id and aws object when the first non-hexadecimal id or kept aws object comes mid-trace', () => {
    // Raw documents (an array, so no document text): each aws object is kept; ids 2 and 4 are not 16 hex digits.
    const docs = [
      doc('aaaaaaaaaaaaaaa1'),
      doc('Span-Two', 'aaaaaaaaaaaaaaa1'),
      doc('aaaaaaaaaaaaaaa3', 'Span-Two', { operation: 'Query' }),
      doc('4', 'aaaaaaaaaaaaaaa3'),
      doc('aaaaaaaaaaaaaaa5', '4'),
    ];
    const trace = buildTrace(
      docs[0].trace_id,
      docs.map((d) => ({ doc: d, file: 'a.json' })),
      [],
    );
    expect(trace.spans.map((s) => s.id)).toEqual([
      'aaaaaaaaaaaaaaa1',
      'Span-Two',
      'aaaaaaaaaaaaaaa3',
      '4',
      'aaaaaaaaaaaaaaa5',
    ]);
    expect(trace.spans.map((s) => s.parent)).toEqual([-1, 0, 1, 2, 3]);
    expect(trace.spans.map((s) => s.aws)).toEqual([undefined, undefined, { operation: 'Query' }, undefined, undefined]);
  });

  it('gives a later trace of the same load its own ids and aws objects, not the earlier trace’s', () => {
    const a = [doc('Odd-Id'), doc('bbbbbbbbbbbbbbb2', 'Odd-Id', { table_name: 'T' })];
    const b = [doc('ccccccccccccccc1'), doc('ccccccccccccccc2', 'ccccccccccccccc1')].map((d) => ({
      ...d,
      trace_id: '1-5f84c7a1-bbbbbbbbbbbbbbbbbbbbbbbb',
    }));
    const text = [...a, ...b].map((d) => JSON.stringify(d)).join('\n');
    // JSON Lines: each line keeps its text, so aws objects are read from it; ids and links must not leak across.
    const { traces } = loadXray([{ name: 'two.jsonl', text }]);
    const byId = new Map(traces.map((t) => [t.id, t]));
    const first = byId.get('1-5f84c7a1-aaaaaaaaaaaaaaaaaaaaaaaa')!;
    const second = byId.get('1-5f84c7a1-bbbbbbbbbbbbbbbbbbbbbbbb')!;
    expect(first.spans.map((s) => [s.id, s.aws])).toEqual([
      ['Odd-Id', undefined],
      ['bbbbbbbbbbbbbbb2', { table_name: 'T' }],
    ]);
    expect(second.spans.map((s) => [s.id, s.aws, s.parent])).toEqual([
      ['ccccccccccccccc1', undefined, -1],
      ['ccccccccccccccc2', undefined, 0],
    ]);
    // The same documents as raw objects (no text): aws objects are kept in the columns instead.
    const raw = loadXray([{ name: 'two.json', text: JSON.stringify([...a, ...b]) }]).traces;
    expect(raw.flatMap((t) => t.spans.map((s) => [s.id, s.aws]))).toEqual(
      [...traces].flatMap((t) => t.spans.map((s) => [s.id, s.aws])),
    );
  });
});

describe('SpanIdIndex', () => {
  /**
   * Ids of every kind the tree build meets: X-Ray's, sequential made-up ones, ones that differ in one word only,
   * upper case, other lengths, text.
   */
  function someIds(random: () => number, n: number): string[] {
    const hex = (digits: number) =>
      Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
    return Array.from({ length: n }, (_, i) => {
      const r = random();
      if (r < 0.4) return hex(16);
      if (r < 0.5) return (i % 64).toString(16).padStart(8, '0') + (r < 0.45 ? 'deadbeef' : hex(8));
      if (r < 0.7) return i.toString(16).padStart(16, '0');
      if (r < 0.8) return hex(16).toUpperCase();
      if (r < 0.9) return hex(1 + Math.floor(random() * 20));
      return `segment-${i}`;
    });
  }

  it('answers as a Map of the ids would, past the size it was made for', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seededRandom(seed);
      const ids = someIds(random, 3000);
      const index = new SpanIdIndex(100);
      const map = new Map<string, number>();
      for (let k = 0; k < ids.length; k++) {
        // Every third id set twice (the second value wins), some looked up before they are set.
        const id = ids[k]!;
        expect(index.get(id)).toBe(map.get(id) ?? -1);
        index.set(id, k);
        map.set(id, k);
        if (k % 3 === 0) {
          index.set(id, k + 1);
          map.set(id, k + 1);
        }
      }
      for (const id of [...ids, ...someIds(random, 500)]) expect(index.get(id)).toBe(map.get(id) ?? -1);
    }
  });

  it("finds a span's id by its stored words or text as by its string", () => {
    const ids = ['0123456789abcdef', 'ABCDEF0123456789', '42', '0000000000000001'];
    const words = new Int32Array(2 * ids.length);
    const text: (string | undefined)[] = [];
    ids.forEach((id, k) => {
      if (!putHexId(words, k, id)) text[k] = id;
    });
    const columns = { words, text };
    const index = new SpanIdIndex();
    ids.forEach((id, k) => index.set(id, 10 + k));
    ids.forEach((_, k) => expect(index.getSpan(columns, k)).toBe(10 + k));
    index.setSpan(columns, 2, 7);
    expect(index.get('42')).toBe(7);
    index.setSpan(columns, 0, 8);
    expect(index.get('0123456789abcdef')).toBe(8);
    // Upper case is text: not the lower-case id's words.
    expect(index.get('abcdef0123456789')).toBe(-1);
  });
});
