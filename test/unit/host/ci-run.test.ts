/**
 * .ci/run with `npm` replaced by a recorder: it must install cleanly without the Electron download and then run
 * exactly `npm test` (what README.md tells people to run), and stop at the first failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-ci-'));
const log = path.join(bin, 'calls.log');
afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

function fakeNpm(failOn?: string) {
  fs.writeFileSync(
    path.join(bin, 'npm'),
    [
      '#!/bin/sh',
      `echo "npm $* | CI=$CI ELECTRON_SKIP_BINARY_DOWNLOAD=$ELECTRON_SKIP_BINARY_DOWNLOAD" >> "${log}"`,
      failOn ? `[ "$1" = "${failOn}" ] && exit 3` : '',
      'exit 0',
    ].join('\n'),
    { mode: 0o755 },
  );
  fs.rmSync(log, { force: true });
}

function run() {
  return spawnSync('bash', [path.join(ROOT, '.ci', 'run')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
}

describe('.ci/run', () => {
  it('runs npm ci without the Electron download, then npm test, with CI set', () => {
    fakeNpm();
    const result = run();
    expect(result.status, result.stderr).toBe(0);
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'npm ci --no-audit --no-fund | CI=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1',
      'npm test | CI=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1',
    ]);
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('npm test');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.test).toMatch(/typecheck.*test:unit.*build:renderer.*test:e2e/);
  });

  it('stops with a failure status when the install fails', () => {
    fakeNpm('ci');
    const result = run();
    expect(result.status).toBe(3);
    expect(fs.readFileSync(log, 'utf8')).not.toContain('npm test');
  });
});
