/**
 * What a newcomer relies on, read from the files themselves: the README's two commands, a CI script that runs
 * exactly them without special environment variables, a supported platform, and a repository with no machine
 * paths or dependence on folders beside it. (CI itself then runs those commands on a fresh machine.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
  bin: Record<string, string>;
};

describe('a fresh clone', () => {
  it('README gives the two commands, and .ci/run runs them as written', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm install\b/m);
    expect(ci).toMatch(/^(setsid )?npm start\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(ci).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });

  it('asks for a supported Node and Electron', () => {
    expect(pkg.engines.node).toBe('>=22.12');
    const electronMajor = Number(/(\d+)/.exec(pkg.devDependencies.electron)?.[1]);
    expect(electronMajor).toBeGreaterThanOrEqual(45);
    const [major, minor] = process.versions.node.split('.').map(Number);
    expect(major! > 22 || (major === 22 && minor! >= 12), `running on Node ${process.versions.node}`).toBe(true);
  });

  it('builds the CLI before the unit tests, and ships only the prebuilt CLI in the package', () => {
    expect(pkg.scripts.test).toMatch(/build:cli.*test:unit/);
    expect(pkg.bin.statescope).toBe('electron/cli/bin.mjs');
    expect(pkg.files).toContain('out/cli/');
    expect(pkg.files.some((f) => /^(test|bench|shared|renderer\/src)/.test(f))).toBe(false);
    // Every runtime module is bundled: the package installs without dependencies.
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('holds no machine paths and reads nothing from beside the repository', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && /\.(ts|tsx|mjs|js|json|md|yml|yaml|sh)$|^\.ci\//.test(f))
      .filter((f) => !f.startsWith('test/corpus/') && !f.startsWith('test/conformance/') && f !== 'package-lock.json');
    const offenders: string[] = [];
    const machinePath = new RegExp(
      ['/w' + 'ork/', '/h' + 'ome/[a-z]+/', '/r' + 'oot/', 'shared/(c' + 'orpus|conformance|seed|reference)/'].join(
        '|',
      ),
    );
    for (const file of tracked) {
      if (!fs.existsSync(path.join(ROOT, file))) continue;
      const text = read(file);
      text.split('\n').forEach((line, i) => {
        if (machinePath.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
