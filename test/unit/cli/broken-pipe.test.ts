import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietOnBrokenPipe } from '../../../electron/cli/main.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(ROOT, 'electron', 'cli', 'bin.mjs');
let dir: string;
let big: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-pipe-'));
  const states: Record<string, unknown> = {};
  for (let i = 0; i < 2000; i++) states[`S${i}`] = { Type: 'Pass', Next: `S${i + 1}` };
  states.S2000 = { Type: 'Succeed' };
  big = path.join(dir, 'big.asl.json');
  fs.writeFileSync(big, JSON.stringify({ StartAt: 'S0', States: states }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('output to a closed pipe', () => {
  it('`statescope graph BIG --json | head -c 10` ends quietly with status 0', async () => {
    const child = spawn(process.execPath, [BIN, 'graph', big, '--json'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    // Read a little, then close our end like `head` does.
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (c: Buffer) => resolve(c.toString('utf8'))),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first.startsWith('{')).toBe(true);
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);

  it('exits 0 on EPIPE and 1 with a message on other stream errors', () => {
    const codes: number[] = [];
    const err = new PassThrough();
    let said = '';
    err.on('data', (c: Buffer) => (said += c.toString('utf8')));
    const out = new PassThrough();
    quietOnBrokenPipe(out, (c) => codes.push(c), err);
    out.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    out.emit('error', Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    expect(codes).toEqual([0, 1]);
    expect(said).toBe('statescope: cannot write output: no space left on device\n');
  });
});
