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

const started = Date.now();
await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs'), sourcemap: false }),
]);
console.log(`Built out/electron/main.cjs and out/electron/preload.cjs in ${Date.now() - started} ms`);
