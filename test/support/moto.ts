/**
 * Starts moto's server on 127.0.0.1 and a free port for the AWS tests, and stops it. The tests talk to it with the
 * real SDK clients. `motoSkipReason()` tells whether python3 can run moto; tests skip only when it cannot AND the
 * run is not CI (in CI a missing moto is a failure).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface MotoServer {
  endpoint: string;
  port: number;
  /** POSTs JSON to a moto-api path (e.g. `/moto-api/config`). */
  api(path: string, body?: unknown): Promise<unknown>;
  /** Clears all moto state. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Static keys moto accepts; never real credentials. */
export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** True when `python3 -m moto.server` can run here. */
export function motoAvailable(): boolean {
  const r = spawnSync('python3', ['-c', 'import moto.server, flask'], { stdio: 'ignore', timeout: 30_000 });
  return r.status === 0;
}

/** Skip reason for describe.skipIf, or throws in CI when moto is missing. */
export function motoSkipReason(): string | undefined {
  if (motoAvailable()) return undefined;
  if (process.env.CI)
    throw new Error('moto is not installed (pip install "moto[server]==5.2.1"); CI must run the AWS tests.');
  return 'moto is not installed: AWS tests skipped (they run in CI).';
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitUp(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`moto exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`);
      if (res.ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`moto did not start within ${timeoutMs} ms`);
}

/** Starts moto; the caller must `stop()` it (afterAll). */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  try {
    await waitUp(endpoint, child, 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`, { cause: err });
  }
  const api = async (path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`moto ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  return {
    endpoint,
    port,
    api,
    reset: async () => {
      await api('/moto-api/reset');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
