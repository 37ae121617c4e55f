/**
 * Guards what the X-Ray model allocates and asks, by counts, never by time: the span tables of a load whose
 * documents are held as text share one empty `aws` column instead of an array of holes each, and interning the node
 * names and resources of calls hashes a string for the map only when it was not just seen.
 */
import { describe, expect, it } from 'vitest';
import { generateTrace, generateTraces } from '../../../bench/gen-xray.ts';
import { loadXray, parseXrayFile } from '../../../shared/xray/load.ts';
import { NO_AWS } from '../../../shared/xray/span-table.ts';
import { intern, StringTable } from '../../../shared/xray/columns.ts';
import { awsAt, awsColumn, buildTrace, newSharedValues, spanTable } from '../../../shared/xray/trace.ts';

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
