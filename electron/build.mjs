#!/usr/bin/env node
// Bundles the Electron side into out/electron/: main.cjs (the main process, package.json "main") and
// preload.cjs (one CommonJS file with no imports left but `electron`, as the sandboxed preload requires).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const outdir = path.join(root, 'out', 'electron');
fs.mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Builds in memory, then replaces each output file atomically (tests and packaging may read them meanwhile). */
async function bundle(options) {
  const result = await build({ ...common, ...options, write: false });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
}

const started = Date.now();
await Promise.all([
  bundle({ entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') }),
  bundle({ entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs'), sourcemap: false }),
]);
console.log(`Built out/electron/main.cjs and out/electron/preload.cjs in ${Date.now() - started} ms`);
