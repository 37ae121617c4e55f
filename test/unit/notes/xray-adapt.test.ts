/** Notes attach to real X-Ray data: the bundled sample traces and service graph, loaded by the app's X-Ray loader. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadXray } from '../../../shared/xray/load.ts';
import { ALL_NOTES, descriptorFromMapNode, descriptorFromSpan, matchNotes } from '../../../shared/notes/index.ts';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../samples/xray');

function load(file: string) {
  return loadXray([{ name: file, text: fs.readFileSync(path.join(SAMPLES, file), 'utf8') }]);
}

function ids(node: ReturnType<typeof descriptorFromSpan>) {
  return matchNotes({ kind: 'xray', node }, ALL_NOTES, 'en').map((m) => m.note.id);
}

describe('notes for sample traces', () => {
  it('spans of the API → Lambda → DynamoDB/S3 traces get origin, namespace and resource notes', () => {
    const data = load('api-lambda-dynamodb-s3.json');
    const spans = data.traces.flatMap((t) => t.spans);
    expect(spans.length).toBeGreaterThan(0);
    const lambda = spans.find((s) => s.kind === 'segment' && s.origin === 'AWS::Lambda::Function');
    expect(lambda).toBeDefined();
    expect(ids(descriptorFromSpan(lambda!))).toContain('xray-instrumentation');
    const s3 = spans.find((s) => s.namespace === 'aws' && /s3/i.test(s.name));
    expect(s3).toBeDefined();
    expect(ids(descriptorFromSpan(s3!))).toEqual(
      expect.arrayContaining(['s3-server-side-encryption', 'xray-segments-subsegments']),
    );
    for (const span of spans) expect(ids(descriptorFromSpan(span)).length, span.name).toBeGreaterThan(0);
  });

  it('throttled and faulted spans put the status note first', () => {
    const data = load('errors-and-throttles.ndjson');
    const flagged = data.traces.flatMap((t) => t.spans).filter((s) => s.throttle || s.fault);
    expect(flagged.length).toBeGreaterThan(0);
    for (const span of flagged)
      expect(ids(descriptorFromSpan(span))[0], span.name).toBe('xray-errors-faults-throttles');
  });

  it('service-graph nodes map to notes by type, and the client node gets only general notes', () => {
    const data = load('service-graph.json');
    const nodes = data.serviceGraph?.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(3);
    const table = nodes.find((n) => n.type === 'AWS::DynamoDB::Table');
    expect(table).toBeDefined();
    expect(ids(descriptorFromMapNode(table!))).toContain('xray-segments-subsegments');
    const client = nodes.find((n) => n.client);
    if (client) {
      const d = descriptorFromMapNode(client);
      expect(d.type).toBeUndefined();
    }
  });
});
