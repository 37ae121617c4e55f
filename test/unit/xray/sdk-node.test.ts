/**
 * Real producer output: what the AWS X-Ray SDK for Node (aws-xray-sdk-core 3.12.0, AWS SDK v3 clients) sent to a
 * local stand-in for the daemon (fixtures/sdk-node/capture.ndjson, made by fixtures/sdk-node/generate.mjs, which
 * says what each request did). The tree, the statuses, the filter and the map are read from it as X-Ray defines
 * them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filterTraces } from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import { recordedSpanCount } from '../../../shared/xray/trace.ts';
import { traceRows } from '../../../renderer/src/xray/view-model.ts';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/sdk-node/capture.ndjson');
const ds = loadXray([{ name: 'capture.ndjson', text: fs.readFileSync(file, 'utf8') }]);
// In the order the requests were made (the loader sorts traces by start time).
const [created, throttled, missing, failed, worker] = ds.traces;
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/order-events';

describe("the Node X-Ray SDK's documents, as the daemon received them", () => {
  it('reads every packet (daemon header + document) with no problem reported', () => {
    expect(ds.unreadable).toEqual([]);
    expect(ds.diagnostics).toEqual([]);
    expect(ds.traces).toHaveLength(5);
    expect(ds.traces.map((t) => t.spans[t.root].name)).toEqual([
      'orders-api',
      'orders-api',
      'orders-api',
      'orders-api',
      'batch-worker',
    ]);
  });

  it('builds the tree: each AWS SDK and HTTP call with the downstream node X-Ray infers for it', () => {
    const root = created.spans[created.root];
    expect(root.http).toMatchObject({ method: 'POST', url: 'http://orders.example.com/orders', status: 201 });
    expect(root.children.map((c) => created.spans[c].name)).toEqual([
      'DynamoDB',
      'S3',
      'SNS',
      'SQS',
      'payments.example.com',
    ]);
    expect(created.spans.filter((s) => s.kind === 'inferred').map((s) => s.node)).toEqual([
      'orders|AWS::DynamoDB::Table',
      'S3|AWS::S3::Bucket',
      'SNS|AWS::SNS',
      `${QUEUE}|AWS::SQS::Queue`,
      'payments.example.com|remote',
    ]);
    // The list, the timeline header and the CLI count the spans the SDK sent: the segment and its 5 calls.
    expect(recordedSpanCount(created)).toBe(6);
    expect(traceRows(ds.traces)[0].spans).toBe(6);
  });

  it('gives each trace the status of its root segment, as X-Ray does', () => {
    const status = (t: typeof created) => ({
      error: t.error,
      fault: t.fault,
      throttle: t.throttle,
      partial: t.partial,
    });
    expect(status(created)).toEqual({ error: false, fault: false, throttle: false, partial: false });
    // The SDK flagged the throttled GetItem error + fault + throttle; the service answered 200 from its cache.
    const getItem = throttled.spans.find((s) => s.name === 'DynamoDB')!;
    expect([getItem.error, getItem.fault, getItem.throttle]).toEqual([true, true, true]);
    expect(status(throttled)).toEqual({ error: false, fault: false, throttle: true, partial: false });
    // The S3 404 was handled: the service answered 404 itself (error), the SDK's fault on the call stays there.
    expect(status(missing)).toEqual({ error: true, fault: false, throttle: false, partial: false });
    expect(status(failed)).toMatchObject({ error: false, fault: true });
    expect(failed.spans[failed.root].exceptions[0].message).toBe('payments answered 500');
    expect(worker.partial).toBe(true);
    expect(worker.spans[worker.root].inProgress).toBe(true);
  });

  it('selects with filter expressions as the console would', () => {
    const pick = (e: string) => filterTraces(e, ds.traces).traces.map((t) => ds.traces.indexOf(t));
    expect(pick('ok')).toEqual([0, 1, 4]);
    expect(pick('!ok')).toEqual([2, 3]);
    expect(pick('error')).toEqual([2]);
    expect(pick('fault')).toEqual([3]);
    expect(pick('throttle')).toEqual([1]);
    expect(pick('partial')).toEqual([4]);
    expect(pick('service(id(type: "AWS::S3::Bucket")) { fault }')).toEqual([2]);
    expect(pick('edge("orders-api", "payments.example.com") { fault }')).toEqual([3]);
    expect(pick('annotation.tenant = "acme" AND user = "alice"')).toEqual([0]);
    expect(pick('http.status >= 400')).toEqual([2, 3]);
  });

  it("draws the map with X-Ray's node names, resources in the details, and nothing counted while in progress", () => {
    const map = computeServiceMap(ds.traces);
    const node = (id: string) => map.nodes.find((n) => n.id === id)!;
    expect(map.nodes.map((n) => n.id).sort()).toEqual(
      [
        'orders-api|',
        'orders-api|client',
        'orders|AWS::DynamoDB::Table',
        'S3|AWS::S3::Bucket',
        'SNS|AWS::SNS',
        `${QUEUE}|AWS::SQS::Queue`,
        'payments.example.com|remote',
        'batch-worker|',
        'batch-worker|client',
      ].sort(),
    );
    expect(node('orders-api|')).toMatchObject({ requests: 4, ok: 2, errors: 1, faults: 1 });
    expect(node('S3|AWS::S3::Bucket')).toMatchObject({ requests: 2, resources: ['invoices'] });
    expect(node('SNS|AWS::SNS').resources).toEqual(['arn:aws:sns:us-east-1:123456789012:order-created']);
    expect(node('batch-worker|')).toMatchObject({ requests: 0, ok: 0, inProgress: 1 });
    expect(map.edges.find((e) => e.id === 'orders-api|->payments.example.com|remote')).toMatchObject({
      requests: 2,
      faults: 1,
      ok: 1,
    });
  });
});
