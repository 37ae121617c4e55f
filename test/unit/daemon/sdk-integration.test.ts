/**
 * Real producers against the local receiver: the Node X-Ray SDK (aws-xray-sdk-core) over the daemon protocol and
 * the OpenTelemetry JS SDK (AWS X-Ray id generator, OTLP/HTTP exporter in JSON and protobuf) over OTLP, each in
 * a child process whose every outgoing connection is checked by a loopback guard. The same request shape from
 * both must give the same list, tree and service map.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../../../electron/host/daemon/server.ts';
import { LiveTraceStore } from '../../../electron/host/daemon/store.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import type { Trace } from '../../../shared/xray/types.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PRODUCERS = path.join(HERE, 'producers');
const ROOT = path.resolve(HERE, '../../..');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-daemon-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  report: Record<string, unknown>;
  destinations: { kind: string; host: string; port: number }[];
}

function runProducer(script: string, env: Record<string, string>): Promise<Run> {
  const guardOut = path.join(tmp, `${path.basename(script)}-${Date.now()}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--require', path.join(PRODUCERS, 'loopback-guard.cjs'), path.join(PRODUCERS, script)],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', GUARD_OUT: guardOut, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err}`));
      try {
        resolve({
          report: JSON.parse(out) as Record<string, unknown>,
          destinations: JSON.parse(fs.readFileSync(guardOut, 'utf8')),
        });
      } catch (e) {
        reject(new Error(`${script}: ${(e as Error).message}; stdout ${out}; stderr ${err}`));
      }
    });
  });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for documents');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What a user sees of a trace, without times: root, status, tree of names, as the list and timeline show them. */
function shape(t: Trace) {
  const tree = (i: number): unknown => {
    const s = t.spans[i];
    return { name: s.name, kind: s.kind, namespace: s.namespace, status: s.status, children: s.children.map(tree) };
  };
  const root = t.spans[t.root];
  return {
    root: root.name,
    method: root.http.method,
    status: root.http.status,
    fault: t.fault,
    error: t.error,
    throttle: t.throttle,
    tree: tree(t.root),
  };
}

function mapShape(traces: Trace[]) {
  const map = computeServiceMap(traces);
  return {
    nodes: map.nodes
      .map((n) => `${n.name}|${n.type}|${n.requests}|ok${n.ok}|e${n.errors}|f${n.faults}|t${n.throttles}`)
      .sort(),
    edges: map.edges.map((e) => `${e.from} -> ${e.to} (${e.requests})`).sort(),
  };
}

describe('real SDKs → local receiver', () => {
  let daemon: RunningDaemon;
  let xrayRun: Run;
  let otelRun: Run;
  let protoRun: Run;

  beforeAll(async () => {
    daemon = await startDaemon({
      address: '127.0.0.1:0',
      otlp: '127.0.0.1:0',
      store: new LiveTraceStore({ settleMs: 100 }),
    });
    const address = `127.0.0.1:${daemon.udp.port}`;
    const otlpUrl = `http://127.0.0.1:${daemon.otlp!.port}/v1/traces`;
    xrayRun = await runProducer('xray-sdk-producer.cjs', { AWS_XRAY_DAEMON_ADDRESS: address });
    otelRun = await runProducer('otel-producer.mjs', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl });
    protoRun = await runProducer('otel-producer.mjs', {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl,
      OTLP_PROTOCOL: 'protobuf',
    });
    await until(() => daemon.store.stats().traces === 6);
  }, 90_000);

  afterAll(async () => {
    await daemon?.close();
  });

  it('sends nothing anywhere but loopback (every connection and datagram of the producers)', () => {
    for (const run of [xrayRun, otelRun, protoRun]) {
      expect(run.destinations.length).toBeGreaterThan(0);
      for (const d of run.destinations) expect(d.host).toMatch(/^(127\.0\.0\.1|localhost|::1)$/);
    }
    expect(xrayRun.destinations.some((d) => d.kind === 'udp' && d.port === daemon.udp.port)).toBe(true);
    expect(otelRun.destinations.some((d) => d.kind === 'tcp' && d.port === daemon.otlp!.port)).toBe(true);
  });

  it('answers the X-Ray SDK’s sampling calls with the default rule, as the SDK parses it', () => {
    const rules = xrayRun.report.rules as { name: string; rate: number; isDefault: boolean }[];
    expect(rules).toEqual([expect.objectContaining({ name: 'Default', rate: 0.05, isDefault: true })]);
    const targets = xrayRun.report.targets as Record<string, { rate: number; quota: number; interval: number }>;
    expect(targets.Default).toMatchObject({ rate: 0.05, quota: 1, interval: 10 });
  });

  it('receives every document, drops none, and keeps the in-progress segment replaced by its completion', () => {
    const stats = daemon.store.stats();
    expect(Object.values(stats.dropped).every((n) => n === 0)).toBe(true);
    const ids = (xrayRun.report.traceIds as string[]).map((id) => id.toLowerCase());
    for (const id of ids) {
      const t = daemon.store.get(id)!;
      expect([...t.documents.values()].every((d) => !d.inProgress)).toBe(true);
    }
  });

  it('OTel traces keep their AWS X-Ray ids (epoch first) and both producers give the same list, tree and map', () => {
    const ds = loadXray([{ name: 'live.ndjson', text: daemon.store.toNdjson() }]);
    expect(ds.traces).toHaveLength(6);
    const byId = new Map(ds.traces.map((t) => [t.id, t]));
    const xrayIds = xrayRun.report.traceIds as string[];
    const otelIds = (otelRun.report.traceIds as string[]).map((hex) => `1-${hex.slice(0, 8)}-${hex.slice(8)}`);
    const protoIds = (protoRun.report.traceIds as string[]).map((hex) => `1-${hex.slice(0, 8)}-${hex.slice(8)}`);
    const now = Date.now() / 1000;
    for (const id of [...otelIds, ...protoIds]) expect(Math.abs(parseInt(id.slice(2, 10), 16) - now)).toBeLessThan(600);
    const pick = (ids: string[]) => ids.map((id) => byId.get(id)!);
    const [xray, otel, proto] = [pick(xrayIds), pick(otelIds), pick(protoIds)];
    expect(xray.map(shape)).toEqual(otel.map(shape));
    expect(proto.map(shape)).toEqual(otel.map(shape));
    expect(mapShape(xray)).toEqual(mapShape(otel));
    // What that shape is: the OK request, then the failed one (root fault, throttled DynamoDB, failing API).
    expect(shape(xray[0])).toMatchObject({ root: 'shop', method: 'GET', status: 200, fault: false });
    expect(shape(xray[1])).toMatchObject({ root: 'shop', method: 'POST', status: 500, fault: true });
    const children = (t: Trace) => t.spans[t.root].children.map((c) => t.spans[c]);
    expect(children(xray[1]).map((s) => [s.name, s.namespace, s.status])).toEqual([
      ['DynamoDB', 'aws', 'throttle'],
      ['api.example.com', 'remote', 'fault'],
    ]);
  });
});
