/**
 * Guards what the X-Ray model allocates, by counts, never by time: the slots of each service map node's and edge's
 * histogram are made a page at a time, only the pages its requests fall in (service-map.ts), where they used to be
 * one array per node or edge grown by doubling up to 64 KB, copied at every doubling and read whole; and the span
 * tables of a load whose documents are held as text share one empty `aws` column instead of an array of holes each;
 * and interning the node names and resources of calls hashes a string for the map only when it was not just seen.
 */
import { describe, expect, it } from 'vitest';
import { generateTrace, generateTraces } from '../../../bench/gen-xray.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap, histogramPages } from '../../../shared/xray/service-map.ts';
import { NO_AWS } from '../../../shared/xray/span-table.ts';
import { intern, StringTable } from '../../../shared/xray/columns.ts';
import { parseXrayFile } from '../../../shared/xray/load.ts';
import { awsAt, awsColumn, buildTrace, newSharedValues, spanTable } from '../../../shared/xray/trace.ts';
import type { ServiceMap } from '../../../shared/xray/types.ts';

/** Slots a page holds, and slots at most (service-map.ts). */
const PAGE = 256;
const MAX_SLOTS = 16_384;

/** The slot of a histogram entry (service-map.ts `slotOf`), or -1 for one past the slots. */
function slotOfMs(ms: number): number {
  const key = Math.round(ms * 10);
  const slot = key <= 100 ? key : 90 + key / 10;
  return slot < MAX_SLOTS && Number.isInteger(slot) ? slot : -1;
}

/**
 * From the map's histograms: the pages their buckets fall in (what the map has to make), and the bytes the
 * doubling arrays took for the same buckets (256 slots, then twice as many until the highest slot fits).
 */
function histogramCost(map: ServiceMap): { pages: number; doublingBytes: number } {
  let pages = 0;
  let doublingBytes = 0;
  for (const x of [...map.nodes, ...map.edges]) {
    const slots = x.histogram.map((h) => slotOfMs(h.ms)).filter((s) => s >= 0);
    if (slots.length === 0) continue;
    pages += new Set(slots.map((s) => Math.floor(s / PAGE))).size;
    const top = Math.max(...slots);
    for (let size = 256; ; size = Math.min(MAX_SLOTS, Math.max(size * 2, top + 1))) {
      doublingBytes += size * 4;
      if (size > top) break;
    }
  }
  return { pages, doublingBytes };
}

describe('service map histograms', () => {
  it('makes only the slot pages the requests of a 100,000-span trace fall in', () => {
    const { traces } = loadXray([
      { name: 'pages.json', text: JSON.stringify({ Traces: [generateTrace(100_000)], UnprocessedTraceIds: [] }) },
    ]);
    histogramPages.made = 0;
    const map = computeServiceMap(traces);
    const { pages, doublingBytes } = histogramCost(map);
    console.log(
      `${map.nodes.length} nodes, ${map.edges.length} edges: ${histogramPages.made} pages (${histogramPages.made} KB); ` +
        `doubling arrays took ${Math.round(doublingBytes / 1024)} KB`,
    );
    // One page per page of buckets used, no more; and less memory than the arrays grown by doubling took.
    expect(histogramPages.made).toBe(pages);
    expect(histogramPages.made * PAGE * 4).toBeLessThan(doublingBytes);
  });

  it('makes a few pages for 1,000 traces whose requests all take under ~2 s', () => {
    const { traces } = loadXray([{ name: 'few.json', text: JSON.stringify(generateTraces(1000, 100)) }]);
    histogramPages.made = 0;
    const map = computeServiceMap(traces);
    expect(histogramPages.made).toBe(histogramCost(map).pages);
    expect(histogramPages.made).toBeLessThan(4 * (map.nodes.length + map.edges.length));
  });
});

describe('span table aws column', () => {
  it('is the one shared empty column for every table of BatchGetTraces output, and reads as before', () => {
    const { traces } = loadXray([{ name: 'aws.json', text: JSON.stringify(generateTraces(200, 100)) }]);
    const columns = new Set(traces.map((t) => spanTable(t).aws));
    expect(columns.size).toBe(1);
    expect(columns.has(NO_AWS)).toBe(true);
    expect(NO_AWS.length).toBe(0);
    // The aws objects are read from the documents' text, as before; the column list still has one entry a span.
    const t = spanTable(traces[0]);
    const list = awsColumn(t);
    expect(list.length).toBe(t.n);
    let read = 0;
    for (let k = 0; k < t.n; k++) {
      expect(awsAt(t, k)).toEqual(list[k]);
      if (list[k] !== undefined) read++;
    }
    expect(read).toBeGreaterThan(0);
    expect(NO_AWS.length).toBe(0);
  });

  it('is a column of its own when documents are held as objects', () => {
    const doc = {
      id: '70de5b6f19ff9a0a',
      trace_id: '1-581cf771-a006649127e371903a2de979',
      name: 'api',
      start_time: 1,
      end_time: 2,
      subsegments: [
        {
          id: '70de5b6f19ff9a0b',
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: 1,
          end_time: 2,
          aws: { table_name: 'T' },
        },
      ],
    };
    const { traces } = loadXray([{ name: 'objects.json', text: JSON.stringify([doc]) }]);
    const t = spanTable(traces[0]);
    expect(t.aws).not.toBe(NO_AWS);
    expect(t.aws.length).toBe(t.n);
  });
});

describe('interned strings', () => {
  it('asks the map only for strings not just seen: 2 of the ~20,000 node names and resources of a 100,000-span trace', () => {
    const parsed = parseXrayFile({ name: 'intern.json', text: JSON.stringify({ Traces: [generateTrace(100_000)] }) });
    const shared = newSharedValues();
    for (const [id, documents] of parsed.documents) buildTrace(id, documents, [], shared);
    // The columns' own table of node names and resources (columns.ts `identify`).
    const nodes = (shared.columns as unknown as { nodeStrings: StringTable }).nodeStrings;
    console.log(`node names: ${nodes.lookups} look-ups, ${nodes.mapLookups} asked of the map`);
    expect(nodes.lookups).toBeGreaterThan(10_000);
    expect(nodes.mapLookups).toBeLessThan(nodes.lookups / 100);
    expect(nodes.hits).toBe(nodes.lookups - nodes.map.size);
  });

  it('returns the first string of each value, as the map alone did', () => {
    const table = new StringTable();
    const first = ['https://sqs.us-east-1.amazonaws.com/1/jobs', 'arn:aws:sns:us-east-1:1:events', 'orders-table-x'];
    for (const s of first) expect(intern(table, s)).toBe(s);
    for (let i = 0; i < 100; i++)
      for (const s of first) {
        // A new string of the same value (as JSON.parse makes one per span) gives back the first one.
        const copy = JSON.parse(JSON.stringify(s)) as string;
        expect(intern(table, copy)).toBe(s);
      }
    // Two values in one slot (same length and last character) take turns in it; both still come back.
    expect(intern(table, 'abcdefghij-1')).toBe('abcdefghij-1');
    expect(intern(table, 'zyxwvutsrq-1')).toBe('zyxwvutsrq-1');
    expect(intern(table, JSON.parse('"abcdefghij-1"') as string)).toBe('abcdefghij-1');
    expect(table.map.size).toBe(5);
    expect(table.lookups).toBe(306);
    expect(table.mapLookups).toBe(6);
  });
});
