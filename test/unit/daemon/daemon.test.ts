/** The local daemon: address forms, the UDP protocol, the ring buffer, sampling answers and the OTLP receiver. */
import dgram from 'node:dgram';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress, parseDaemonAddress } from '../../../electron/host/daemon/address.ts';
import { MAX_DATAGRAM_BYTES, parseDatagram } from '../../../electron/host/daemon/datagram.ts';
import { startDaemon, type RunningDaemon } from '../../../electron/host/daemon/server.ts';
import { LiveTraceStore } from '../../../electron/host/daemon/store.ts';
import { loadXray } from '../../../shared/xray/load.ts';

const HEADER = '{"format": "json", "version": 1}\n';
const TID = '1-5f3a1b2c-0123456789abcdef01234567';

function segment(fields: Record<string, unknown>) {
  return { trace_id: TID, name: 'api', start_time: 1597643564, ...fields };
}

describe('AWS_XRAY_DAEMON_ADDRESS forms', () => {
  it('reads host:port and tcp:/udp: pairs in either order', () => {
    expect(parseDaemonAddress('127.0.0.1:2000')).toEqual({
      udp: { host: '127.0.0.1', port: 2000 },
      tcp: { host: '127.0.0.1', port: 2000 },
    });
    expect(parseDaemonAddress('tcp:127.0.0.1:2001 udp:127.0.0.1:2002')).toEqual({
      udp: { host: '127.0.0.1', port: 2002 },
      tcp: { host: '127.0.0.1', port: 2001 },
    });
    expect(parseDaemonAddress('udp:localhost:3000 tcp:[::1]:3001')).toEqual({
      udp: { host: '127.0.0.1', port: 3000 },
      tcp: { host: '::1', port: 3001 },
    });
  });
  it('refuses non-loopback hosts and bad forms with a message', () => {
    expect(() => parseDaemonAddress('0.0.0.0:2000')).toThrow(/loopback only/);
    expect(() => parseDaemonAddress('192.168.1.5:2000')).toThrow(/loopback only/);
    expect(() => parseDaemonAddress('xray.example.com:2000')).toThrow(/loopback only/);
    expect(() => parseDaemonAddress('2000')).toThrow(/must look like/);
    expect(() => parseDaemonAddress('tcp:127.0.0.1:2000')).toThrow(/"host:port" or "tcp:host:port udp:host:port"/);
    expect(() => parseDaemonAddress('127.0.0.1:70000')).toThrow(/out of range/);
  });
  it('knows loopback peers', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', 'fe80::1']) expect(isLoopbackAddress(a)).toBe(false);
  });
});

describe('daemon datagrams', () => {
  const d = (s: string) => parseDatagram(Buffer.from(s));
  it('reads the header line and one document', () => {
    const r = d(HEADER + JSON.stringify(segment({ id: '0000000000000001', end_time: 1597643565 })));
    expect(r.ok && r.doc.id).toBe('0000000000000001');
  });
  it('writes a pretty-printed document on one line', () => {
    const r = d(HEADER + JSON.stringify(segment({ id: '0000000000000001', end_time: 1 }), null, 2));
    expect(r.ok && r.text.includes('\n')).toBe(false);
  });
  it.each([
    ['no header', JSON.stringify(segment({ id: 'a' }))],
    ['wrong header', `{"format":"xml","version":1}\n${JSON.stringify(segment({ id: 'a' }))}`],
    ['document not JSON', `${HEADER}{nope`],
    ['document an array', `${HEADER}[1]`],
    ['document without trace id', `${HEADER}{"id":"a"}`],
    ['empty', ''],
  ])('%s → malformed', (_label, text) => {
    expect(d(text)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('refuses documents over 64 KB', () => {
    expect(parseDatagram(Buffer.alloc(MAX_DATAGRAM_BYTES + 1, 32))).toEqual({ ok: false, reason: 'oversized' });
  });
});

describe('the live trace store', () => {
  it('replaces an in-progress segment with its completion, never the reverse', () => {
    const store = new LiveTraceStore();
    store.add(segment({ id: 's1', in_progress: true }), 'a');
    store.add(segment({ id: 's1', end_time: 2 }), 'b');
    store.add(segment({ id: 's1', in_progress: true }), 'c');
    expect(store.toNdjson()).toBe('b\n');
    expect(store.stats().accepted).toBe(2);
  });

  it('reports a trace complete once its root is complete and it was quiet for settleMs; a new document reopens it', () => {
    let now = 0;
    const store = new LiveTraceStore({ settleMs: 100, now: () => now });
    store.add(segment({ id: 's1', in_progress: true }), 'a');
    now = 500;
    expect(store.takeCompleted()).toEqual([]);
    store.add(segment({ id: 's1', end_time: 2 }), 'b');
    now = 550;
    expect(store.takeCompleted()).toEqual([]);
    now = 600;
    expect(store.takeCompleted().map((t) => t.id)).toEqual([TID]);
    expect(store.takeCompleted()).toEqual([]);
    store.add(segment({ id: 's2', parent_id: 's1', end_time: 2 }), 'c');
    now = 800;
    expect(store.takeCompleted().map((t) => t.id)).toEqual([TID]);
  });

  it('never holds more than the cap; evicts the oldest in batches and counts every document it drops', () => {
    const store = new LiveTraceStore({ maxTraces: 1000 });
    let max = 0;
    for (let i = 0; i < 5000; i++) {
      const trace_id = `1-00000000-${String(i).padStart(24, '0')}`;
      store.add({ trace_id, id: `a${i}`, end_time: 1 }, 'a');
      store.add({ trace_id, id: `b${i}`, parent_id: `a${i}`, end_time: 1 }, 'b');
      max = Math.max(max, store.stats().traces);
    }
    expect(max).toBe(1000);
    const s = store.stats();
    expect(s.accepted).toBe(10_000);
    expect(s.accepted - s.dropped.evicted).toBe(2 * s.traces);
    expect(store.get(`1-00000000-${String(4999).padStart(24, '0')}`)).toBeDefined();
    expect(store.get(`1-00000000-${String(0).padStart(24, '0')}`)).toBeUndefined();
  });

  it('a trace with only subsegments (no root segment) never completes', () => {
    let now = 0;
    const store = new LiveTraceStore({ settleMs: 10, now: () => now });
    store.add(segment({ id: 'x', parent_id: 'p', type: 'subsegment', end_time: 2 }), 'x');
    now = 1000;
    expect(store.takeCompleted()).toEqual([]);
  });

  it('keeps the last maxTraces traces and counts what it evicts, caps documents per trace; clear forgets traces', () => {
    const store = new LiveTraceStore({ maxTraces: 3, maxDocumentsPerTrace: 2 });
    for (let i = 0; i < 5; i++)
      store.add({ trace_id: `1-00000000-${String(i).padStart(24, '0')}`, id: `s${i}`, end_time: 1 }, `${i}`);
    expect(store.stats().traces).toBe(3);
    expect(store.stats().dropped.evicted).toBe(2);
    expect(store.toNdjson()).toBe('2\n3\n4\n');
    store.add(segment({ id: 'a' }), 'a');
    store.add(segment({ id: 'b' }), 'b');
    store.add(segment({ id: 'c' }), 'c');
    expect(store.stats().dropped['trace-full']).toBe(1);
    store.clear();
    expect(store.stats().traces).toBe(0);
  });
});

describe('the running daemon (loopback sockets)', () => {
  let daemon: RunningDaemon | undefined;
  afterEach(async () => {
    await daemon?.close();
    daemon = undefined;
  });

  async function sendUdp(port: number, payloads: (string | Buffer)[]): Promise<void> {
    const sock = dgram.createSocket('udp4');
    for (const p of payloads)
      await new Promise<void>((resolve, reject) => sock.send(p, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve) => sock.close(() => resolve()));
  }

  async function until(check: () => boolean, ms = 3000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('accepts datagrams, counts bad ones without stopping, and the NDJSON it keeps loads as one trace', async () => {
    daemon = await startDaemon({ address: '127.0.0.1:0', store: new LiveTraceStore({ settleMs: 50 }) });
    const completed: string[] = [];
    daemon.onComplete((ts) => completed.push(...ts.map((t) => t.id)));
    const notified: string[] = [];
    daemon.onDocuments((ids) => notified.push(...ids));
    await sendUdp(daemon.udp.port, [
      HEADER + JSON.stringify(segment({ id: '00000000000000a1', in_progress: true })),
      'garbage',
      HEADER + '{"id":',
      HEADER +
        JSON.stringify(
          segment({
            id: '00000000000000b2',
            parent_id: '00000000000000a1',
            type: 'subsegment',
            namespace: 'aws',
            name: 'DynamoDB',
            start_time: 1597643564.1,
            end_time: 1597643564.2,
          }),
        ),
      HEADER + JSON.stringify(segment({ id: '00000000000000a1', end_time: 1597643564.5 })),
    ]);
    await until(() => daemon!.store.stats().accepted === 3 && completed.length === 1);
    expect(daemon.store.stats().dropped.malformed).toBe(2);
    expect(completed).toEqual([TID]);
    expect(notified).toContain(TID);
    const ds = loadXray([{ name: 'live.ndjson', text: daemon.store.toNdjson() }]);
    expect(ds.traces).toHaveLength(1);
    const t = ds.traces[0];
    expect(t.spans[t.root]).toMatchObject({ name: 'api', inProgress: false });
    expect(t.spans[t.root].children.map((c) => t.spans[c].name)).toEqual(['DynamoDB']);
  });

  it('serves the default sampling rule and targets on the TCP port', async () => {
    daemon = await startDaemon({ address: '127.0.0.1:0' });
    const base = `http://127.0.0.1:${daemon.tcp.port}`;
    const rules = (await (await fetch(`${base}/GetSamplingRules`, { method: 'POST', body: '{}' })).json()) as {
      SamplingRuleRecords: { SamplingRule: Record<string, unknown> }[];
    };
    expect(rules.SamplingRuleRecords[0].SamplingRule).toMatchObject({
      RuleName: 'Default',
      FixedRate: 0.05,
      ReservoirSize: 1,
      Priority: 10000,
    });
    daemon.sampling.fixedRate = 1;
    const body = {
      SamplingStatisticsDocuments: [
        { RuleName: 'Default', ClientID: 'c', RequestCount: 5, SampledCount: 1, BorrowCount: 0, Timestamp: 1 },
        { RuleName: 'Other' },
      ],
    };
    const targets = (await (
      await fetch(`${base}/SamplingTargets`, { method: 'POST', body: JSON.stringify(body) })
    ).json()) as Record<string, { RuleName: string }[]>;
    expect(targets.SamplingTargetDocuments).toEqual([
      expect.objectContaining({ RuleName: 'Default', FixedRate: 1, ReservoirQuota: 1, Interval: 10 }),
    ]);
    expect(targets.UnprocessedStatistics[0].RuleName).toBe('Other');
    expect((await fetch(`${base}/other`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/SamplingTargets`, { method: 'POST', body: '{nope' })).status).toBe(400);
  });

  it('receives OTLP/HTTP JSON (plain and gzip), refuses other content, and counts malformed bodies', async () => {
    daemon = await startDaemon({ address: '127.0.0.1:0', otlp: '127.0.0.1:0' });
    const url = `http://127.0.0.1:${daemon.otlp!.port}/v1/traces`;
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '5f3a1b2c0123456789abcdef01234567',
                  spanId: '0102030405060708',
                  name: 'GET /',
                  kind: 2,
                  startTimeUnixNano: '1597643564000000000',
                  endTimeUnixNano: '1597643564100000000',
                },
                { traceId: 'bad', spanId: 'x' },
              ],
            },
          ],
        },
      ],
    };
    const r1 = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r1.status).toBe(200);
    expect(await r1.json()).toMatchObject({ partialSuccess: { rejectedSpans: '1' } });
    const r2 = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: zlib.gzipSync(JSON.stringify(body)),
    });
    expect(r2.status).toBe(200);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(
      415,
    );
    expect(
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })).status,
    ).toBe(400);
    expect(
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf' },
          body: Buffer.from([0x0a, 0xff]),
        })
      ).status,
    ).toBe(400);
    expect((await fetch(url.replace('/v1/traces', '/v1/metrics'), { method: 'POST' })).status).toBe(404);
    const stats = daemon.store.stats();
    expect(stats.accepted).toBe(2);
    expect(stats.traces).toBe(1);
    expect(stats.dropped.malformed).toBe(4);
    const ds = loadXray([{ name: 'live.ndjson', text: daemon.store.toNdjson() }]);
    expect(ds.traces[0].spans[ds.traces[0].root].name).toBe('shop');
  });

  it('refuses to bind a non-loopback address', async () => {
    await expect(startDaemon({ address: '0.0.0.0:0' })).rejects.toThrow(/loopback only/);
    await expect(startDaemon({ address: '127.0.0.1:0', otlp: '0.0.0.0:4318' })).rejects.toThrow(/loopback only/);
  });
});
