/**
 * The `statescope` CLI as a user runs it: `node electron/cli/bin.mjs …` in a child process, on real files from
 * the corpus, hand-written bad input, and the long-running `serve` / `open`.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const BIN = path.join(ROOT, 'electron', 'cli', 'bin.mjs');
const FIX = path.join(ROOT, 'test', 'fixtures', 'cli');
let tmp: string;

function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: performance.now() - started };
}

function cliAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Env in which no Electron executable can be found (an override folder without one). */
const noElectron = () => ({ ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp, 'no-electron') });

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-cli-'));
  fs.mkdirSync(path.join(tmp, 'no-electron'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('help and dispatch', () => {
  it('lists the discovered commands with --help and -h', () => {
    for (const flag of ['--help', '-h']) {
      const run = cli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: statescope <command>/);
      for (const name of ['graph', 'render', 'serve', 'open'])
        expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
      expect(run.stdout).not.toContain('failed to load');
    }
  });

  it('prints help and exits 2 with no command or an unknown one', () => {
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: statescope <command>');
    const unknown = cli(['frobnicate', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: statescope <command>');
  });

  it('has --help and -h on every command', async () => {
    const list = cli(['--help']).stdout;
    const names = [...list.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]!).filter((n) => !n.startsWith('-'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    const runs = names.flatMap((name) => ['--help', '-h'].map((flag) => [name, flag] as const));
    // Two at a time: each is a fresh Node process.
    for (let i = 0; i < runs.length; i += 2) {
      const batch = runs.slice(i, i + 2);
      const results = await Promise.all(batch.map(([name, flag]) => cliAsync([name, flag])));
      batch.forEach(([name, flag], j) => {
        expect(results[j]!.code, `${name} ${flag}`).toBe(0);
        expect(results[j]!.stdout, `${name} ${flag}`).toMatch(new RegExp(`Usage: statescope ${name}`));
      });
    }
    expect(cli(['help', 'graph']).stdout).toMatch(/^Usage: statescope graph FILE/);
  });

  it("runs as `npx statescope` from the repository (the package's own bin), without downloading anything", () => {
    const run = spawnSync('npx', ['--no-install', 'statescope', '--version'], {
      cwd: path.join(ROOT, 'test'),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, npm_config_offline: 'true' },
    });
    expect(run.status, run.stderr).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(run.stdout.trim()).toBe(pkg.version);
    expect(pkg.bin).toEqual({ statescope: 'electron/cli/bin.mjs' });
  });

  it('reports a bad option as a usage error (exit 2)', () => {
    const run = cli(['graph', '--bogus', 'x.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--bogus'");
    expect(run.stderr).toContain('Usage: statescope graph');
  });
});

describe('graph', () => {
  it('prints the documented JSON for a real state machine (exit 0)', () => {
    const file = path.join(FIX, 'explicit-failure-with-parallel-states.asl.json');
    const run = cli(['graph', file, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report).sort()).toEqual(['diagnostics', 'file', 'format', 'stateMachines']);
    expect(report.format).toBe('asl-json');
    expect(report.stateMachines).toHaveLength(1);
    const [machine] = report.stateMachines;
    expect(machine.queryLanguage).toBe('JSONPath');
    expect(machine.states.map((s: { name: string }) => s.name).sort()).toEqual(
      [
        'Aggregrate Results',
        'Evaluate Results',
        'Fail',
        'Parallel',
        'Success',
        'handle failure',
        'quick fail',
        'success state',
      ].sort(),
    );
    expect(machine.states.find((s: { name: string }) => s.name === 'quick fail')).toMatchObject({
      type: 'Task',
      parent: 'Parallel',
      branch: 1,
    });
    expect(machine.states.find((s: { name: string }) => s.name === 'Parallel')).toMatchObject({
      parent: null,
      branch: null,
    });
    expect(machine.edges).toContainEqual(expect.objectContaining({ from: '(start)', to: 'Parallel', kind: 'start' }));
    expect(machine.edges).toContainEqual(
      expect.objectContaining({ from: 'quick fail', to: 'handle failure', kind: 'catch' }),
    );
  });

  it('reads every bundled state-machine sample without errors (exit 0)', () => {
    const dir = path.join(ROOT, 'samples', 'asl');
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as { id: string; file: string }[];
    expect(index.length).toBeGreaterThan(0);
    for (const sample of index) {
      const run = cli(['graph', path.join(dir, sample.file), '--json']);
      expect(run.code, `${sample.file}: ${run.stderr}${run.stdout.slice(0, 2000)}`).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.stateMachines.length, sample.file).toBeGreaterThan(0);
      for (const machine of report.stateMachines) expect(machine.states.length, sample.file).toBeGreaterThan(0);
    }
  });

  it('prints a readable summary without --json', () => {
    const run = cli(['graph', 'test/fixtures/cli/explicit-failure-with-parallel-states.asl.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^test\/fixtures\/cli\/explicit-failure-with-parallel-states\.asl\.json \(asl-json\): 1 state machine/,
    );
    expect(run.stdout).toMatch(/8 states/);
    expect(run.stdout).toMatch(/^ {2}Parallel +Parallel {2}2 branches$/m);
    // Nested states sit under their branch, indented, right after their Parallel state.
    expect(run.stdout).toMatch(/Parallel {2}2 branches\n {4}branch 1:\n {6}success state +Task/);
    expect(run.stdout).toMatch(
      /^ {4}branch 2:\n {6}quick fail +Task .*\n {6}handle failure +Pass +end\n {2}Aggregrate Results +Pass$/m,
    );
  });

  it('never lets a state name drive the terminal (escape sequences, bidi overrides are shown, not obeyed)', () => {
    const run = cli(['graph', path.join(FIX, 'control-characters.asl.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(run.stdout).toMatch(/^ {2}A\\u\{1b\}\[31mRED {2}Pass$/m);
    expect(run.stdout).toMatch(/^ {2}B\\u\{202e\}evil +Succeed$/m);
    // JSON keeps the names exactly (JSON escaping makes them harmless).
    const json = JSON.parse(cli(['graph', path.join(FIX, 'control-characters.asl.json'), '--json']).stdout);
    expect(json.stateMachines[0].states.map((s: { name: string }) => s.name)).toEqual([
      'A\u001b[31mRED',
      'B\u202eevil',
    ]);
  });

  it('follows DefinitionUri from a SAM template', () => {
    const run = cli(['graph', path.join(FIX, 'dataquality', 'template.yaml'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.format).toBe('template-yaml');
    expect(report.stateMachines.map((m: { name: string }) => m.name)).toEqual(['DataQualityUsingLambdaStateMachine']);
    expect(report.stateMachines[0].states.length).toBeGreaterThan(5);
  });

  it('selects one machine with --machine, and names the choices for an unknown one', () => {
    const run = cli(['graph', path.join(FIX, 'two-machines.yaml'), '--machine', 'Second', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.stateMachines.map((m: { name: string }) => m.name)).toEqual(['Second']);
    const bad = cli(['graph', path.join(FIX, 'two-machines.yaml'), '--machine', 'Third']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no state machine named "Third"; it has: First, Second.');
  });

  it('exits 1 when the definition has errors, naming the problem', () => {
    const run = cli(['graph', path.join(FIX, 'missing-next.asl.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/missing-next\.asl\.json:\d+:\d+: error: .*Charge Card/);
    const json = cli(['graph', path.join(FIX, 'missing-next.asl.json'), '--json']);
    expect(json.code).toBe(1);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('Charge Card');
  });

  it('exits 2 with a message on empty, binary, malformed, missing and folder input', () => {
    const empty = path.join(tmp, 'empty.asl.json');
    fs.writeFileSync(empty, '');
    const binary = path.join(tmp, 'binary.asl.json');
    fs.writeFileSync(binary, Buffer.from([0x7b, 0x0a, 0x00, 0x01, 0xff, 0x7d]));
    const cases: [string, RegExp][] = [
      [empty, /empty/i],
      [binary, /binary/i],
      [path.join(FIX, 'malformed.asl.json'), /malformed\.asl\.json:\d+:\d+: error: /],
      [path.join(tmp, 'nope.asl.json'), /File not found: .*nope\.asl\.json/],
      [tmp, /is a folder, not a file/],
    ];
    for (const [file, message] of cases) {
      for (const json of [[], ['--json']]) {
        const run = cli(['graph', file, ...json]);
        expect(run.code, `${file} ${json}`).toBe(2);
        expect(run.stderr, file).toMatch(message);
        expect(run.stderr, file).not.toMatch(/unexpected error|at .*\.ts:\d+/);
      }
    }
  });

  it('refuses a 500 MB file quickly, naming its size', () => {
    const huge = path.join(tmp, 'huge.asl.json');
    const fd = fs.openSync(huge, 'w');
    fs.ftruncateSync(fd, 500 * 1024 * 1024); // sparse: nothing written to disk
    fs.closeSync(fd);
    const run = cli(['graph', huge, '--json']);
    fs.rmSync(huge);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('huge.asl.json is 500.0 MB; Statescope opens files up to 256.0 MB.');
    expect(run.ms).toBeLessThan(10_000);
  });
});

describe('render', () => {
  it('writes a standalone SVG of a real state machine', () => {
    const out = path.join(tmp, 'out.svg');
    const run = cli(['render', path.join(FIX, 'explicit-failure-with-parallel-states.asl.json'), '--svg', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*out\.svg \(explicit-failure-with-parallel-states: 8 states, \d+×\d+\)/);
    const svg = fs.readFileSync(out, 'utf8');
    expect(svg).toMatch(/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const name of ['quick fail', 'Evaluate Results', 'Aggregrate Results']) expect(svg).toContain(name);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
  });

  it('needs --svg, and --machine when a file holds several machines', () => {
    const noOut = cli(['render', path.join(FIX, 'two-machines.yaml')]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--svg OUT.svg is required.');
    const out = path.join(tmp, 'two.svg');
    const ambiguous = cli(['render', path.join(FIX, 'two-machines.yaml'), '--svg', out]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('choose one with --machine NAME');
    expect(fs.existsSync(out)).toBe(false);
    const chosen = cli(['render', path.join(FIX, 'two-machines.yaml'), '--machine', 'Second', '--svg', out]);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('Wait');
  });
});

/** Starts a long-running CLI and resolves with its first stdout line. */
function startLong(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const nl = stdout.indexOf('\n');
      if (nl !== -1) resolve(stdout.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, firstLine, exited, stderr: () => stderr };
}

function appInfo(url: string): Promise<{ status: number; body: any }> {
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: '/api/call/app.info',
        headers: { Authorization: `Bearer ${token}` },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

describe('serve and open', () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serve prints the tokened URL first, serves the API, and stops on SIGTERM', async () => {
    const file = path.join(FIX, 'two-machines.yaml');
    const run = startLong(['serve', '--port', '0', file]);
    children.push(run.child);
    const url = await run.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/\?token=[0-9a-f]{64}$/);
    const info = await appInfo(url);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ mode: 'web', launchFiles: [file] });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('serve rejects a bad port, and a port already in use, with a message', async () => {
    const run = cli(['serve', '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a number from 0 to 65535');
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const busy = cli(['serve', '--port', String(port)]);
    blocker.close();
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`port ${port} is already in use`);
    expect(busy.stderr).not.toContain('unexpected error');
  });

  it('open falls back to web mode with one clear line when Electron is not available', async () => {
    const file = path.join(FIX, 'explicit-failure-with-parallel-states.asl.json');
    const run = startLong(['open', file], noElectron());
    children.push(run.child);
    const url = await run.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/\?token=[0-9a-f]{64}$/);
    expect((await appInfo(url)).body.launchFiles).toEqual([file]);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    const lines = run
      .stderr()
      .split('\n')
      .filter((l) => /Electron/.test(l));
    expect(lines).toEqual([
      `Electron is not available on this machine: ELECTRON_OVERRIDE_DIST_PATH (${noElectron().ELECTRON_OVERRIDE_DIST_PATH}) holds no Electron executable. Starting web mode instead.`,
    ]);
  });

  it('open launches Electron on the app with the files when an executable is available', () => {
    const dist = path.join(tmp, 'fake-electron');
    fs.mkdirSync(dist, { recursive: true });
    const record = path.join(tmp, 'electron-args.json');
    fs.writeFileSync(
      path.join(dist, 'electron'),
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\n`,
      { mode: 0o755 },
    );
    const run = cli(['open', 'test/fixtures/cli/two-machines.yaml'], { env: { ELECTRON_OVERRIDE_DIST_PATH: dist } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('starting web mode');
    expect(JSON.parse(fs.readFileSync(record, 'utf8'))).toEqual([ROOT, path.join(FIX, 'two-machines.yaml')]);
    expect(fs.existsSync(path.join(ROOT, 'out', 'electron', 'main.cjs'))).toBe(true);
  });
});
