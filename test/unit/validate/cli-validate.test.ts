/** `statescope validate` as a user runs it: `node electron/cli/bin.mjs validate …` in a child process. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const BIN = path.join(ROOT, 'electron', 'cli', 'bin.mjs');
let tmp: string;

function cli(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'validate', ...args], { cwd: tmp, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function write(name: string, content: unknown): string {
  fs.writeFileSync(path.join(tmp, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return name;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-validate-'));
  write('good.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
  write('bad.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' }, B: { Type: 'Succeed' } } });
  write('warn.asl.json', {
    QueryLanguage: 'JSONata',
    StartAt: 'A',
    States: { A: { Type: 'Pass', Output: '{% $later %}', End: true } },
  });
  write('broken.asl.json', '{"StartAt": "A", "States": {');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('statescope validate', () => {
  it('exits 0 with no output lines for a clean file', () => {
    const run = cli(['good.asl.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('1 file checked: 0 errors, 0 warnings');
  });

  it('prints file:line:column severity message [state] and exits 1 on errors', () => {
    const run = cli(['bad.asl.json', 'good.asl.json']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('bad.asl.json:6:15 error State "A": "Next" names a state that does not exist: "Nope" [A]');
    expect(lines.some((l) => /^bad\.asl\.json:\d+:\d+ error State "B" can never be reached/.test(l))).toBe(true);
    expect(run.stderr).toContain('2 files checked: 2 errors, 0 warnings');
  });

  it('exits 0 when there are only warnings', () => {
    const run = cli(['warn.asl.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^warn\.asl\.json:\d+:\d+ warning State "A" reads variable \$later/);
  });

  it('exits 2 when a file cannot be read or parsed, and still checks the others', () => {
    const run = cli(['broken.asl.json', 'missing.asl.json', 'bad.asl.json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^broken\.asl\.json:\d+:\d+ error /m);
    expect(run.stderr).toMatch(/missing\.asl\.json:1:1 error /);
    expect(run.stdout).toContain('bad.asl.json:6:15 error');
  });

  it('prints JSON with --json: files, diagnostics with file/line/column/severity/state, totals', () => {
    const run = cli(['--json', 'bad.asl.json', 'good.asl.json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as {
      files: { file: string; loaded: boolean; diagnostics: Record<string, unknown>[] }[];
      errors: number;
      warnings: number;
    };
    expect(out.errors).toBe(2);
    expect(out.files.map((f) => [f.file, f.loaded, f.diagnostics.length])).toEqual([
      ['bad.asl.json', true, 2],
      ['good.asl.json', true, 0],
    ]);
    expect(out.files[0]!.diagnostics[0]).toMatchObject({
      file: 'bad.asl.json',
      line: 6,
      column: 15,
      severity: 'error',
      state: 'A',
      machine: 'bad',
      code: 'unknown-target',
    });
  });

  it('is a usage error (2) without a file', () => {
    const run = cli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: statescope validate FILE...');
  });
});
