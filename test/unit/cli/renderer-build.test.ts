import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererIsStale, rendererMissing } from '../../../electron/cli/renderer-build.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-stale-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function put(rel: string, secondsAgo: number) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'x');
  const t = Date.now() / 1000 - secondsAgo;
  fs.utimesSync(file, t, t);
  // Folder times count too; keep them old so only file times decide.
  for (let dir = path.dirname(file); dir.startsWith(root) && dir !== root; dir = path.dirname(dir)) {
    fs.utimesSync(dir, Date.now() / 1000 - 1000, Date.now() / 1000 - 1000);
  }
}

describe('renderer build check (npm start / open)', () => {
  it('is missing and stale without a build, fresh after one, stale again when a source changes', () => {
    put('renderer/src/main.tsx', 500);
    put('shared/contract.ts', 500);
    put('package.json', 500);
    expect(rendererMissing(root)).toBe(true);
    expect(rendererIsStale(root)).toBe(true);
    put('out/renderer/index.html', 100);
    expect(rendererMissing(root)).toBe(false);
    expect(rendererIsStale(root)).toBe(false);
    put('shared/asl/deep/new-file.ts', 10);
    expect(rendererIsStale(root)).toBe(true);
    put('out/renderer/index.html', 1);
    expect(rendererIsStale(root)).toBe(false);
    // Dependencies are not sources.
    put('renderer/node_modules/pkg/index.js', 0);
    expect(rendererIsStale(root)).toBe(false);
  });
});
