/**
 * A big trace's table takes over the tree build's columns of strings and objects, reordered in place, where a small
 * trace's table gets copies (span-record.ts `ADOPT_MIN_SPANS`). Both ways must give the same table. Every X-Ray
 * file of the corpus, a generated trace with added inferred nodes, and hand-made documents with a duplicate, an
 * orphan and a parent cycle are built both ways (the threshold set to 0 and to Infinity for the load), and every
 * column is compared; so are the loads' diagnostics.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTraces } from '../../../bench/gen-xray.ts';
import { parseXrayFile } from '../../../shared/xray/load.ts';
import { gatherInPlace } from '../../../shared/xray/span-record.ts';
import type { SpanTable } from '../../../shared/xray/span-table.ts';
import { buildTrace, newSharedValues, spanTable } from '../../../shared/xray/trace.ts';
import type { XrayDiagnostic } from '../../../shared/xray/types.ts';
import { CORPUS } from '../../support/corpus.ts';

const OBJECT_COLUMNS = ['name', 'origin', 'namespace', 'node', 'http', 'aws', 'resource', 'rare'] as const;
const TYPED_COLUMNS = [
  'kind',
  'flags',
  'start',
  'end',
  'durationMs',
  'parent',
  'depth',
  'segment',
  'childOffset',
  'childList',
  'docTop',
  'ordinal',
] as const;

/** Every trace of a file's text, built with one load's shared values whose threshold is `adoptMinSpans`. */
function buildAll(name: string, text: string, adoptMinSpans: number) {
  const parsed = parseXrayFile({ name, text });
  const shared = { ...newSharedValues(), adoptMinSpans };
  const diagnostics: XrayDiagnostic[] = [];
  const tables = [...parsed.documents].map(([id, list]) => spanTable(buildTrace(id, list, diagnostics, shared)));
  return { tables, diagnostics };
}

/** The two tables hold the same spans; an adopted column is cut to the table's length. */
function expectSameTable(adopted: SpanTable, copied: SpanTable): void {
  expect(adopted.n).toBe(copied.n);
  for (const c of TYPED_COLUMNS) expect(Array.from(adopted[c]), c).toEqual(Array.from(copied[c]));
  expect(Array.from(adopted.ids.words)).toEqual(Array.from(copied.ids.words));
  for (let k = 0; k < copied.n; k++) expect(adopted.ids.text?.[k]).toBe(copied.ids.text?.[k]);
  // Read by index, as every reader does: a hole of a copy and an undefined entry of an adopted column read alike.
  const read = (column: readonly unknown[], n: number) => Array.from({ length: n }, (_, k) => column[k]);
  for (const c of OBJECT_COLUMNS) {
    // A column of its own has an entry per span (`awsColumn` relies on it); the shared empty aws column has none.
    if (copied[c].length > 0) expect(adopted[c].length, c).toBe(adopted.n);
    expect(read(adopted[c], adopted.n), c).toEqual(read(copied[c], copied.n));
  }
}

function expectSameBuild(name: string, text: string): number {
  const adopted = buildAll(name, text, 0);
  const copied = buildAll(name, text, Infinity);
  expect(adopted.tables.length).toBe(copied.tables.length);
  adopted.tables.forEach((t, i) => expectSameTable(t, copied.tables[i]!));
  expect(adopted.diagnostics).toEqual(copied.diagnostics);
  return adopted.tables.reduce((a, t) => a + t.n, 0);
}

describe('gatherInPlace', () => {
  it('puts each entry at its position, leaves out the others and cuts to the count, as a copy would', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) as number;
    for (let round = 0; round < 300; round++) {
      const size = Math.floor(random() * 60);
      const kept = [...Array(size).keys()].filter(() => random() < 0.8);
      // A random order of the kept entries: `order[k]` goes to place k.
      const order = [...kept];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const position = new Int32Array(size).fill(-1);
      order.forEach((i, k) => (position[i] = k));
      const a = Array.from({ length: size }, (_, i) => `a${i}`);
      const b = Array.from({ length: size + 3 }, (_, i) => ({ i }));
      const expectedA = order.map((i) => a[i]);
      const expectedB = order.map((i) => b[i]);
      gatherInPlace([a, b], position, size, order.length);
      expect(a).toEqual(expectedA);
      expect(b).toEqual(expectedB);
    }
  });
});

describe('a big trace takes over the build columns, with the same table as a copy', () => {
  const entries = (
    JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as { path: string; kind: string }[]
  )
    .filter((e) => e.kind.startsWith('xray'))
    .map((e) => e.path);

  it('holds for every X-Ray file of the corpus', () => {
    expect(entries.length).toBeGreaterThanOrEqual(17);
    let spans = 0;
    for (const rel of entries)
      spans += expectSameBuild(path.basename(rel), fs.readFileSync(path.join(CORPUS, rel), 'utf8'));
    expect(spans).toBeGreaterThan(0);
  });

  it('holds for a generated trace with added inferred nodes, and for the traces built after it in the load', () => {
    // Two big traces with small ones between them: each big one takes over columns the small ones then refill.
    const [first, second] = generateTraces(2, 12_000).Traces;
    const small = generateTraces(3, 40, 101).Traces;
    const text = JSON.stringify({ Traces: [first, ...small, second], UnprocessedTraceIds: [] });
    expect(expectSameBuild('generated.json', text)).toBeGreaterThan(2 * 16_384);
    // At the default threshold only the two big traces take over their columns; every table's columns are cut.
    const { tables } = buildAll('generated.json', text, newSharedValues().adoptMinSpans);
    expect(tables).toHaveLength(5);
    expect(tables.filter((t) => t.n >= newSharedValues().adoptMinSpans)).toHaveLength(2);
    expect(tables.map((t) => t.name.length === t.n)).toEqual(tables.map(() => true));
  });

  it('holds with a duplicate document, an orphan and a parent cycle', () => {
    const traceId = '1-5f84c7a5-0123456789abcdef01234567';
    const seg = (id: string, extra: Record<string, unknown>) => ({
      id,
      trace_id: traceId,
      name: `svc-${id.slice(-2)}`,
      start_time: 100,
      end_time: 101,
      ...extra,
    });
    const docs = [
      seg('aaaaaaaaaaaaaa01', {
        subsegments: [
          {
            id: 'bbbbbbbbbbbbbb01',
            name: 'DynamoDB',
            namespace: 'aws',
            start_time: 100.1,
            end_time: 100.2,
            aws: { table_name: 'T' },
          },
          {
            id: 'bbbbbbbbbbbbbb02',
            name: 'api.example.com',
            namespace: 'remote',
            start_time: 100.2,
            end_time: 100.3,
            http: { request: { url: 'https://api.example.com/x' }, response: { status: 502 } },
          },
        ],
      }),
      // In progress, then complete: the complete one is kept.
      seg('aaaaaaaaaaaaaa02', { parent_id: 'bbbbbbbbbbbbbb02', in_progress: true, end_time: undefined }),
      seg('aaaaaaaaaaaaaa02', { parent_id: 'bbbbbbbbbbbbbb02', start_time: 100.25 }),
      // A parent that is not in the trace.
      seg('aaaaaaaaaaaaaa03', { parent_id: 'ffffffffffffff99', start_time: 100.5 }),
      // Two documents that are each other's parent.
      seg('aaaaaaaaaaaaaa04', { parent_id: 'aaaaaaaaaaaaaa05', start_time: 100.6 }),
      seg('aaaaaaaaaaaaaa05', { parent_id: 'aaaaaaaaaaaaaa04', start_time: 100.7 }),
    ];
    const text = JSON.stringify({
      Traces: [{ Id: traceId, Segments: docs.map((d) => ({ Id: d.id, Document: JSON.stringify(d) })) }],
    });
    expect(expectSameBuild('cycle.json', text)).toBeGreaterThanOrEqual(8);
    // Without its text kept, a document's aws objects are a column of their own: taken over too.
    expect(expectSameBuild('cycle-docs.json', JSON.stringify(docs))).toBeGreaterThanOrEqual(8);
  });
});
