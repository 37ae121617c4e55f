/** The samples in samples/daemon run against the receiver and give the same trace shape. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../../../electron/host/daemon/server.ts';
import { loadXray } from '../../../shared/xray/load.ts';

const SAMPLES = fileURLToPath(new URL('../../../samples/daemon/', import.meta.url));
let daemon: RunningDaemon;
beforeAll(async () => {
  daemon = await startDaemon({ address: '127.0.0.1:0', otlp: '127.0.0.1:0' });
});
afterAll(async () => {
  await daemon.close();
});

function run(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(SAMPLES, script)], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script}: ${err}`))));
  });
}

it('xray-app.mjs (tcp:/udp: address form) and otel-app.mjs give one trace each, of the same shape', async () => {
  const port = daemon.udp.port;
  const x = await run('xray-app.mjs', { AWS_XRAY_DAEMON_ADDRESS: `tcp:127.0.0.1:${port} udp:127.0.0.1:${port}` });
  expect(x).toMatch(/sampling rule Default: 1\/s then 5 %/);
  const o = await run('otel-app.mjs', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${daemon.otlp!.port}/v1/traces`,
  });
  expect(o).toMatch(/^200 \{\}/);
  await new Promise((r) => setTimeout(r, 100));
  const ds = loadXray([{ name: 'live.ndjson', text: daemon.store.toNdjson() }]);
  expect(ds.traces).toHaveLength(2);
  const shape = (i: number) => {
    const t = ds.traces[i];
    const root = t.spans[t.root];
    return {
      root: root.name,
      inProgress: root.inProgress,
      children: root.children.map((c) => [t.spans[c].name, t.spans[c].namespace]),
    };
  };
  expect(shape(0)).toEqual({ root: 'checkout', inProgress: false, children: [['DynamoDB', 'aws']] });
  expect(shape(1)).toEqual(shape(0));
});
