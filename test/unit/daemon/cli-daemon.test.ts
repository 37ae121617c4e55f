/** `statescope daemon` as a user runs it: a child process, real sockets, Ctrl+C. */
import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadXray } from '../../../shared/xray/load.ts';

const BIN = fileURLToPath(new URL('../../../electron/cli/bin.mjs', import.meta.url));
const TID = '1-5f3a1b2c-0123456789abcdef0123abcd';

describe('statescope daemon', () => {
  it('prints a line when a trace completes, writes --out NDJSON the loader reads, and stops on SIGINT with counts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-cli-daemon-'));
    try {
      const out = path.join(dir, 'live.ndjson');
      const child = spawn(
        process.execPath,
        [BIN, 'daemon', '--address', '127.0.0.1:0', '--otlp', 'off', '--out', out, '--settle-ms', '100'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const wait = async (check: () => boolean) => {
        const end = Date.now() + 15_000;
        while (!check()) {
          if (Date.now() > end) throw new Error(`timed out; stdout ${stdout}; stderr ${stderr}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await wait(() => /UDP 127\.0\.0\.1:\d+/.test(stderr));
      expect(stderr).not.toMatch(/OTLP/);
      const port = Number(/UDP 127\.0\.0\.1:(\d+)/.exec(stderr)![1]);
      const sock = dgram.createSocket('udp4');
      const header = '{"format":"json","version":1}\n';
      for (const doc of [
        { trace_id: TID, id: '00000000000000a1', name: 'api', start_time: 1597643564, in_progress: true },
        { trace_id: TID, id: '00000000000000a1', name: 'api', start_time: 1597643564, end_time: 1597643564.25 },
      ]) {
        await new Promise<void>((resolve) =>
          sock.send(header + JSON.stringify(doc), port, '127.0.0.1', () => resolve()),
        );
      }
      await new Promise<void>((resolve) => sock.send('not a datagram', port, '127.0.0.1', () => resolve()));
      sock.close();
      await wait(() => stdout.includes(TID));
      expect(stdout.trim()).toMatch(new RegExp(`^${TID}  2020-08-17T05:52:44\\.000Z +250\\.0 ms +1 spans  api$`));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/2 document\(s\) accepted, 1 trace\(s\) kept \(cap 10000\); dropped: malformed 1\./);
      const ds = loadXray([{ name: 'live.ndjson', text: fs.readFileSync(out, 'utf8') }]);
      expect(ds.traces.map((t) => [t.id, t.spans[t.root].inProgress])).toEqual([[TID, false]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses a non-loopback address (option or AWS_XRAY_DAEMON_ADDRESS) and bad options with exit 2 and a message', () => {
    const r = spawnSync(process.execPath, [BIN, 'daemon', '--address', '0.0.0.0:2000'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/loopback only/);
    // The default address comes from AWS_XRAY_DAEMON_ADDRESS, as for the X-Ray daemon, and is checked the same way.
    const fromEnv = spawnSync(process.execPath, [BIN, 'daemon'], {
      encoding: 'utf8',
      env: { ...process.env, AWS_XRAY_DAEMON_ADDRESS: '10.0.0.5:2000' },
    });
    expect(fromEnv.status).toBe(2);
    expect(fromEnv.stderr).toMatch(/loopback only.*"10\.0\.0\.5"/);
    const noDaemon = spawnSync(process.execPath, [BIN, 'serve', '--otlp', 'off'], { encoding: 'utf8' });
    expect(noDaemon.status).toBe(2);
    expect(noDaemon.stderr).toMatch(/the receiver options need --daemon/);
    const bad = spawnSync(process.execPath, [BIN, 'daemon', '--sampling-rate', '2'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--sampling-rate must be a number from 0 to 1/);
  });
});
