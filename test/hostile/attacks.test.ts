/**
 * Attacks on the host, run as an attacker would: against the real web-mode host over HTTP (what the page, or
 * anyone holding the token, can send), through the IPC wiring (a compromised Electron renderer), against the
 * `statescope` CLI as a child process, and against two host processes sharing one data folder. One test per
 * finding of the security review (issue 13); each asserts the safe outcome, so it fails on code without the fix.
 *
 * With ATTACK_OUTCOMES=FILE the run writes each attack's observed outcome as JSON (test/hostile/RESULTS.md's
 * "Attacks on the host" table is built from a run before and a run after the fix).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/contract.ts';
import { createConnection } from '../../electron/host/aws/connection.ts';
import { createReadOnlyClient } from '../../electron/host/aws/read-only.ts';
import { registerIpc, isTrustedRendererUrl, type IpcEnvelope } from '../../electron/ipc.ts';
import { startWebMode, type WebMode } from '../../electron/web/start.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'electron', 'cli', 'bin.mjs');
const outcomes: Record<string, string> = {};
const note = (id: string, outcome: string) => void (outcomes[id] = outcome.replace(/\s+/g, ' ').slice(0, 180));

let dir: string; // everything of this run
let work: string; // the folder served: `statescope serve <work>/template.yaml`
let secrets: string; // a folder the user never opened (stands for ~/.aws)
let web: WebMode;
const children: ChildProcess[] = [];

function put(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const MACHINE = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
const template = (uri: string) =>
  `Transform: AWS::Serverless-2016-10-31\nResources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: ${JSON.stringify(uri)}\n`;

/** A POST to the host's API with the bearer token (what the page's code can send). */
async function call(server: WebMode, method: string, body: unknown): Promise<{ status: number; json: any }> {
  const base = (server as { base?: string }).base ?? '';
  const res = await fetch(`http://127.0.0.1:${server.port}${base}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = { raw: text };
  }
  return { status: res.status, json };
}

/** Resident memory of a process in MB (Linux), or 0 where it cannot be read. */
function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/**
 * Kills `child` once it holds more than `maxMb` of memory (an attack that makes the host read without end must not
 * take the test machine with it); `peak()` is the most it was seen to hold.
 */
function memoryGuard(child: ChildProcess, maxMb: number) {
  let peak = 0;
  let killed = false;
  const timer = setInterval(() => {
    const now = rssMb(child.pid);
    peak = Math.max(peak, now);
    if (now > maxMb && !killed) {
      killed = true;
      child.kill('SIGKILL');
    }
  }, 50);
  child.on('exit', () => clearInterval(timer));
  return { peak: () => peak, killed: () => killed, stop: () => clearInterval(timer) };
}

function runCli(args: string[], cwd: string, timeoutMs = 20_000, env: NodeJS.ProcessEnv = {}) {
  const started = performance.now();
  return new Promise<{ code: number | null; signal: string | null; out: string; ms: number; peakMb: number }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
      const guard = memoryGuard(child, 1024);
      let out = '';
      const take = (c: Buffer) => {
        if (out.length < 200_000) out += c.toString('latin1');
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        guard.stop();
        resolve({ code, signal, out, ms: Math.round(performance.now() - started), peakMb: guard.peak() });
      });
    },
  );
}

/** Starts `statescope serve` in a child process; resolves with its URL once printed. */
function serveProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0]!;
      if (out.includes('\n')) resolve({ child, url: new URL(line.trim()) });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`serve exited with ${code} before printing its URL`)));
  });
}

async function callUrl(url: URL, method: string, body: unknown) {
  const token = url.searchParams.get('token')!;
  const base = url.pathname.replace(/\/$/, '');
  const res = await fetch(`${url.origin}${base}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-attacks-'));
  work = path.join(dir, 'work');
  secrets = path.join(dir, 'home', '.aws');
  put(path.join(secrets, 'credentials'), '[default]\naws_access_key_id = AKIAEXAMPLESECRET\n');
  put(path.join(secrets, 'config'), '[default]\nregion = us-east-1\n');
  put(path.join(work, 'def.asl.json'), MACHINE);
  put(path.join(work, 'template.yaml'), template('def.asl.json'));
  web = await startWebMode({
    appRoot: ROOT,
    port: 0,
    files: [path.join(work, 'template.yaml')],
    cwd: dir,
    env: { ...process.env, STATESCOPE_DATA_DIR: path.join(dir, 'data') },
  });
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await web?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.ATTACK_OUTCOMES) fs.writeFileSync(process.env.ATTACK_OUTCOMES, JSON.stringify(outcomes, null, 2));
});

describe('1. files: the page reaches only what the user opened', () => {
  it('read of a file outside the grants is refused over HTTP', async () => {
    const r = await call(web, 'files.read', { path: path.join(secrets, 'credentials') });
    note(
      'read-outside',
      `${r.status} ${r.json?.error?.code ?? ''} ${JSON.stringify(r.json).includes('AKIA') ? 'SECRET RETURNED' : ''}`,
    );
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.json)).not.toContain('AKIAEXAMPLESECRET');
  });

  it('read-then-write: reading never makes a file writable', async () => {
    const config = path.join(secrets, 'config');
    await call(web, 'files.read', { path: config });
    const w = await call(web, 'files.write', {
      path: config,
      text: '[default]\ncredential_process = touch /tmp/pwned\n',
    });
    // A file reached from the opened template (its DefinitionUri) is readable, not writable.
    const def = path.join(work, 'def.asl.json');
    const rel = await call(web, 'files.readRelative', { from: path.join(work, 'template.yaml'), path: 'def.asl.json' });
    const w2 = await call(web, 'files.write', { path: def, text: '{}' });
    const changed =
      fs.readFileSync(config, 'utf8').includes('credential_process') || fs.readFileSync(def, 'utf8') === '{}';
    note(
      'read-then-write',
      `config: ${w.status}; DefinitionUri file: read ${rel.status}, write ${w2.status}${changed ? ' (FILE CHANGED)' : ''}`,
    );
    expect(w.status).toBe(403);
    expect(rel.status).toBe(200);
    expect(w2.status).toBe(403);
    expect(changed).toBe(false);
  });

  it('the same through the IPC wiring (a compromised renderer)', async () => {
    const registered = new Map<string, (event: unknown, args: unknown) => Promise<IpcEnvelope>>();
    registerIpc({
      ipcMain: { handle: (ch: string, fn: any) => void registered.set(ch, fn), removeHandler: () => {} } as any,
      handlers: (web as unknown as { handlers?: Handlers }).handlers ?? (await ipcHandlers()),
      isTrustedUrl: (url) => isTrustedRendererUrl(url),
    });
    const invoke = (m: string, a: unknown) =>
      registered.get(`statescope:${m}`)!({ senderFrame: { url: 'app://statescope/index.html' } }, a);
    const read = await invoke('files.read', { path: path.join(secrets, 'credentials') });
    const write = await invoke('files.write', { path: path.join(secrets, 'config'), text: 'x' });
    note('ipc-read-write', `read ${read.ok ? 'ok' : read.error.code}, write ${write.ok ? 'ok' : write.error.code}`);
    expect(read.ok).toBe(false);
    expect(write.ok).toBe(false);
    expect(fs.readFileSync(path.join(secrets, 'config'), 'utf8')).toContain('region');
  });
});

/** Handlers as the Electron shell builds them (nothing opened), for the IPC attack. */
async function ipcHandlers(): Promise<Handlers> {
  const { createHandlers } = await import('../../electron/host/handlers.ts');
  const { createFileService } = await import('../../electron/host/files.ts');
  const { createEventHub } = await import('../../electron/host/events.ts');
  const grantsModule = await import('../../electron/host/grants.ts').catch(() => null);
  const grants = grantsModule?.createGrants();
  return createHandlers({
    mode: 'electron',
    version: 'test',
    launchFiles: [],
    files: createFileService({ samplesDir: path.join(ROOT, 'samples'), ...(grants ? { grants } : {}) } as any),
    dataDir: path.join(dir, 'ipc-data'),
    events: createEventHub(),
    env: {},
  });
}

describe('3, 4. DefinitionUri: no device files, no way out of the template folder', () => {
  it('/proc/self/pagemap and /dev/zero end at once with a message (CLI validate)', async () => {
    if (process.platform !== 'linux') return; // procfs is Linux's; the host refuses /proc paths everywhere
    const pagemap = put(path.join(dir, 'cli', 'pagemap.yaml'), template('/proc/self/pagemap'));
    const zero = put(path.join(dir, 'cli', 'zero.yaml'), template('/dev/zero'));
    const a = await runCli(['validate', pagemap], dir, 10_000);
    const b = await runCli(['validate', zero], dir, 10_000);
    note(
      'pagemap',
      a.signal
        ? `killed after ${a.ms} ms at ${a.peakMb} MB, still reading`
        : `exit ${a.code} in ${a.ms} ms (${a.peakMb} MB): ${a.out.split('\n').find((l) => /pagemap/.test(l)) ?? ''}`,
    );
    note(
      'dev-zero',
      b.signal
        ? `killed after ${b.ms} ms`
        : `exit ${b.code} in ${b.ms} ms: ${b.out.split('\n').find((l) => /zero/.test(l)) ?? ''}`,
    );
    expect(a.signal).toBeNull();
    expect(a.out).toMatch(/pagemap.*(device or kernel|not open|special)/);
    expect(b.signal).toBeNull();
    expect(b.out).toMatch(/zero/);
  }, 60_000);

  it('/proc/self/pagemap from a served template is refused over HTTP without reading it', async () => {
    if (process.platform !== 'linux') return; // procfs is Linux's
    // In a server process of its own, watched: on a host without the fix this request reads without end.
    const { child, url } = await serveProcess([path.join(work, 'template.yaml')], {
      STATESCOPE_DATA_DIR: path.join(dir, 'data-pm'),
    });
    const guard = memoryGuard(child, 1024);
    const started = performance.now();
    const r = await Promise.race([
      callUrl(url, 'files.readRelative', { from: path.join(work, 'template.yaml'), path: '/proc/self/pagemap' }).catch(
        (e: Error) => ({ status: 0, json: { error: { code: e.message } } }),
      ),
      new Promise<{ status: number; json: any }>((resolve) =>
        setTimeout(() => resolve({ status: 0, json: { error: { code: 'no answer in 5 s' } } }), 5000),
      ),
    ]);
    const ms = Math.round(performance.now() - started);
    guard.stop();
    child.kill('SIGKILL');
    note(
      'pagemap-http',
      `${r.status} ${r.json?.error?.code ?? ''} in ${ms} ms; server peak ${guard.peak()} MB${guard.killed() ? ' (killed at the 1 GB guard)' : ''}`,
    );
    expect(r.status).toBe(403);
    expect(ms).toBeLessThan(2000);
  }, 30_000);

  it('traversal out of the template folder is refused, and the file is never quoted', async () => {
    const tpl = put(path.join(dir, 'proj', 'sub', 'template.yaml'), template('../../home/.aws/credentials'));
    const cli = await runCli(['validate', tpl], dir);
    const r = await call(web, 'files.readRelative', {
      from: path.join(work, 'template.yaml'),
      path: '../home/.aws/credentials',
    });
    const abs = await call(web, 'files.readRelative', { from: path.join(work, 'template.yaml'), path: '/etc/passwd' });
    note(
      'traversal',
      `CLI exit ${cli.code}${cli.out.includes('AKIA') ? ' (SECRET QUOTED)' : ''}; HTTP ../: ${r.status}, /etc/passwd: ${abs.status}`,
    );
    expect(cli.out).not.toContain('AKIAEXAMPLESECRET');
    expect(cli.out).toMatch(/outside the folder/);
    expect(r.status).toBe(403);
    expect(abs.status).toBe(403);
  }, 60_000);
});

describe('2. the web token', () => {
  /** The cookies a browser would send to `url` (RFC 6265: host-only cookies ignore the port; path-match). */
  function cookiesFor(jar: Map<string, { value: string; path: string }>, url: string): string {
    const p = new URL(url).pathname;
    return [...jar.entries()]
      .filter(
        ([, c]) =>
          p === c.path.replace(/\/$/, '') ||
          p.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) ||
          c.path === '/',
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }
  async function login(server: WebMode, jar: Map<string, { value: string; path: string }>) {
    const res = await fetch(server.url, { redirect: 'manual' });
    const set = res.headers.get('set-cookie') ?? '';
    const [pair, ...attrs] = set.split(';').map((s) => s.trim());
    const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
    const cookiePath = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
    jar.set(name, { value, path: cookiePath }); // same name and path: the browser replaces the old one
    return new URL(res.headers.get('location') ?? '/', server.url).toString();
  }

  it('is never sent to another local server, and two instances in one browser both keep working', async () => {
    const second = await startWebMode({
      appRoot: ROOT,
      port: 0,
      cwd: dir,
      env: { ...process.env, STATESCOPE_DATA_DIR: path.join(dir, 'data2') },
    });
    const received: string[] = [];
    const other = http.createServer((req, res) => {
      received.push(req.headers.cookie ?? '');
      res.end('hello');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const jar = new Map<string, { value: string; path: string }>();
      const pageA = await login(web, jar);
      const pageB = await login(second, jar);
      const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
      await fetch(otherUrl, { headers: { cookie: cookiesFor(jar, otherUrl) } });
      const apiOf = (page: string) => new URL('api/call/app.info', page).toString();
      const a = await fetch(apiOf(pageA), {
        method: 'POST',
        headers: { cookie: cookiesFor(jar, apiOf(pageA)), 'Content-Type': 'application/json' },
        body: '{}',
      });
      const b = await fetch(apiOf(pageB), {
        method: 'POST',
        headers: { cookie: cookiesFor(jar, apiOf(pageB)), 'Content-Type': 'application/json' },
        body: '{}',
      });
      const leaked = received.some((c) => c.includes(web.token) || c.includes(second.token));
      note(
        'cookie',
        `other server got the token: ${leaked ? 'yes' : 'no'}; first instance ${a.status}, second ${b.status}`,
      );
      expect(leaked).toBe(false);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
    } finally {
      other.close();
      await second.close();
    }
  });
});

describe('5, 6. data that is never lost', () => {
  it('one bad annotation: the rest load, it is set aside, and the user is told where', async () => {
    const data = path.join(dir, 'data-bad');
    const good = (id: string) => ({
      id,
      key: '/k',
      element: 'A',
      markdown: id,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    put(
      path.join(data, 'annotations.json'),
      JSON.stringify({
        format: 'statescope-annotations',
        version: 1,
        exportedAt: '',
        annotations: [good('a1'), { id: 'bad id' }, good('a2')],
      }),
    );
    const server = await startWebMode({
      appRoot: ROOT,
      port: 0,
      cwd: dir,
      env: { ...process.env, STATESCOPE_DATA_DIR: data },
    });
    try {
      const list = await call(server, 'notes.annotations.list', {});
      const notices = await call(server, 'app.notices', {});
      const told = JSON.stringify(notices.json ?? '');
      note(
        'bad-annotation',
        `listed ${Array.isArray(list.json) ? list.json.length : list.status}; notice: ${notices.status === 200 ? (notices.json.notices[0]?.message ?? 'none') : `none (${notices.status})`}`,
      );
      expect(list.json.map((a: { id: string }) => a.id)).toEqual(['a1', 'a2']);
      expect(told).toMatch(/set aside in .*annotations\.json\.set-aside-/);
    } finally {
      await server.close();
    }
  });

  it('two server processes on one data folder: every confirmed annotation stays', async () => {
    const data = path.join(dir, 'data-shared');
    const env = { STATESCOPE_DATA_DIR: data };
    const [a, b] = await Promise.all([serveProcess([], env), serveProcess([], env)]);
    const add = (url: URL, i: number) =>
      callUrl(url, 'notes.annotations.add', { key: '/k', element: 'A', markdown: `note ${i}` });
    // Interleaved, from both at once: each 200 is a promise that the note is kept.
    const replies = await Promise.all(Array.from({ length: 24 }, (_, i) => add(i % 2 ? a.url : b.url, i)));
    const confirmed = replies.filter((r) => r.status === 200).map((r) => r.json.markdown as string);
    const onDisk = JSON.parse(fs.readFileSync(path.join(data, 'annotations.json'), 'utf8')).annotations.map(
      (x: { markdown: string }) => x.markdown,
    );
    const lost = confirmed.filter((m) => !onDisk.includes(m));
    note('two-writers', `${confirmed.length} confirmed, ${lost.length} lost`);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(confirmed.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
  }, 90_000);
});

describe('7. saving', () => {
  it('through a symlink writes the target and keeps the link; a read-only file is refused', async () => {
    if (process.platform === 'win32') return; // symlinks need privileges on Windows
    const folder = path.join(dir, 'links');
    const real = put(path.join(folder, 'real.asl.json'), MACHINE);
    const link = path.join(folder, 'link.asl.json');
    fs.symlinkSync(real, link);
    const ro = put(path.join(folder, 'ro.asl.json'), MACHINE);
    fs.chmodSync(ro, 0o444);
    const server = await startWebMode({
      appRoot: ROOT,
      port: 0,
      files: [link, ro],
      cwd: dir,
      env: { ...process.env, STATESCOPE_DATA_DIR: path.join(dir, 'data-links') },
    });
    try {
      const text = MACHINE.replace('"A"', '"B"');
      const s = await call(server, 'files.write', { path: link, text });
      const r = await call(server, 'files.write', { path: ro, text });
      const kept = fs.lstatSync(link).isSymbolicLink();
      note(
        'symlink-save',
        `link save ${s.status}, link kept: ${kept}, target updated: ${fs.readFileSync(real, 'utf8') === text}; read-only: ${r.status}${fs.readFileSync(ro, 'utf8') === text ? ' (OVERWRITTEN)' : ''}`,
      );
      expect(s.status).toBe(200);
      expect(kept).toBe(true);
      expect(fs.readFileSync(real, 'utf8')).toBe(text);
      expect(r.status).toBe(403);
      expect(fs.readFileSync(ro, 'utf8')).toBe(MACHINE);
    } finally {
      await server.close();
    }
  });
});

describe('8. control characters never reach the terminal', () => {
  it('validate, traces and notes --for print escapes, not the sequences', async () => {
    const evil = 'X\u001b]0;pwned\u0007\u001b[2K\u001b]52;c;cHduZWQ=\u0007\u009b31m\u202eY';
    const asl = put(
      path.join(dir, 'ctl', 'evil.asl.json'),
      JSON.stringify({ StartAt: evil, States: { [evil]: { Type: 'Task', End: true } } }),
    );
    const trace = put(
      path.join(dir, 'ctl', 'evil.xray.json'),
      JSON.stringify({
        Traces: [
          {
            Id: '1-5f84c7a5-0123456789abcdef01234567',
            Duration: 1,
            Segments: [
              {
                Id: 's1',
                Document: JSON.stringify({
                  id: 'aaaaaaaaaaaaaaa1',
                  trace_id: '1-5f84c7a5-0123456789abcdef01234567',
                  name: evil,
                  start_time: 1,
                  end_time: 2,
                  parent_id: 'missing0000000',
                }),
              },
            ],
          },
        ],
      }),
    );
    const runs = await Promise.all([
      runCli(['validate', asl], dir),
      runCli(['traces', trace], dir),
      runCli(['notes', '--for', asl], dir),
    ]);
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f]|\u00c2\u009b|\u00e2\u0080\u00ae/; // C0 (not \n, \t), DEL; C1 and U+202E as UTF-8 bytes
    const dirty = ['validate', 'traces', 'notes --for'].filter((_, i) => raw.test(runs[i]!.out));
    note(
      'control-chars',
      dirty.length ? `raw sequences printed by: ${dirty.join(', ')}` : 'all three print \\u escapes',
    );
    expect(dirty).toEqual([]);
  }, 60_000);
});

describe('9, 12. AWS', () => {
  it('an endpoint on a foreign plain-http host is refused before anything is sent', async () => {
    const started = performance.now();
    const r = await Promise.race([
      call(web, 'aws.connect', { region: 'us-east-1', endpoint: 'http://203.0.113.7:8080' }),
      new Promise<{ status: number; json: any }>((resolve) =>
        setTimeout(() => resolve({ status: 0, json: { error: { code: 'still trying after 8 s' } } }), 8000),
      ),
    ]);
    note('endpoint-http', `${r.status} ${r.json?.error?.code ?? ''} in ${Math.round(performance.now() - started)} ms`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('aws-endpoint');
  }, 15_000);

  it('a non-AWS https endpoint is named before the first signed request', async () => {
    const order: string[] = [];
    const conn = await createConnection({ region: 'us-east-1', endpoint: 'https://aws-proxy.example.net' }, {
      env: {},
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
      maxAttempts: 1,
      requestHandler: { handle: async () => (order.push('request'), Promise.reject(new Error('no network'))) },
      onForeignEndpoint: (m: string) => order.push(`named: ${m}`),
    } as any);
    await conn.identity().catch(() => undefined);
    note('endpoint-named', order.map((o) => o.slice(0, 60)).join(' → ') || 'nothing');
    expect(order[0]).toMatch(/^named: .*aws-proxy\.example\.net/);
    expect(order[1]).toBe('request');
  });

  it('a displaced guard and a lying command name cannot send an X-Ray write', async () => {
    const sent: string[] = [];
    const client = createReadOnlyClient(XRayClient, {
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
      maxAttempts: 1,
      requestHandler: {
        handle: async (req: { path: string }) => (sent.push(req.path), Promise.reject(new Error('recorded'))),
      },
    } as any);
    const command = new PutTraceSegmentsCommand({ TraceSegmentDocuments: ['{}'] });
    // Command-level middleware under the guard's own name, and one that renames the command to a read.
    command.middlewareStack.add((next: any) => (args: any) => next(args), {
      step: 'initialize',
      priority: 'high',
      name: 'statescopeReadOnlyAllowlist',
      override: true,
    } as any);
    command.middlewareStack.add((next: any) => (args: any) => next(args), {
      step: 'build',
      priority: 'high',
      name: 'statescopeReadOnlyTargetCheck',
      override: true,
    } as any);
    command.middlewareStack.add(
      (next: any, context: any) => (args: any) => ((context.commandName = 'GetTraceSummariesCommand'), next(args)),
      { step: 'initialize', priority: 'high', name: 'lie' } as any,
    );
    const error = await client.send(command).then(
      () => null,
      (e: Error) => e,
    );
    note('displaced-guard', sent.length ? `request sent to ${sent.join(', ')}` : `refused: ${error?.message ?? ''}`);
    expect(sent).toEqual([]);
    expect(error?.message).toMatch(/read-only/);
  });
});

describe('10, 11. serve and the session', () => {
  it('serve stops on the first SIGTERM after a validation has run', async () => {
    const { child, url } = await serveProcess([], { STATESCOPE_DATA_DIR: path.join(dir, 'data-sig') });
    expect((await callUrl(url, 'asl.validate', { file: 'a.asl.json', text: MACHINE })).status).toBe(200);
    const started = performance.now();
    const exited = new Promise<boolean>((resolve) => {
      child.on('exit', () => resolve(true));
      setTimeout(() => resolve(false), 6000);
    });
    child.kill('SIGTERM');
    const ok = await exited;
    note(
      'serve-signal',
      ok
        ? `exited ${Math.round(performance.now() - started)} ms after the first SIGTERM`
        : 'still running 6 s after the first SIGTERM',
    );
    expect(ok).toBe(true);
  }, 60_000);

  it('a page load that does not follow a crash does not reopen the previous documents', async () => {
    await call(web, 'session.setOpenDocuments', { paths: [path.join(work, 'template.yaml')] });
    const r = await call(web, 'session.getOpenDocuments', {});
    note('session-restore', `a fresh load gets ${r.json.paths.length} document(s) back`);
    expect(r.json.paths).toEqual([]);
  });
});
