#!/usr/bin/env node
// Bundles the Electron side into out/electron/: main.cjs (the main process, package.json "main"),
// preload.cjs (one CommonJS file with no imports left but `electron`, as the sandboxed preload requires) and
// language-worker.cjs (the host's validation/completion worker thread, which main.cjs starts from beside itself).
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

/**
 * The language service's dependencies (vscode-json-languageservice, jsonc-parser, ...; some reached by deep paths
 * such as `.../lib/umd/services/jsonCompletion` from yaml-language-server) ship UMD files whose requires go through
 * a factory parameter that esbuild cannot follow, so the bundle would fail at run time with "Cannot find module".
 * Every module that resolves into a `lib/umd/` folder is taken from the package's `lib/esm/` twin instead (one
 * copy of each module, all ES), which bundles completely.
 */
const umdToEsm = {
  name: 'umd-to-esm',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.umdToEsm || args.kind === 'entry-point') return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { umdToEsm: true },
      });
      if (resolved.errors.length > 0 || !/[\\/]lib[\\/]umd[\\/]/.test(resolved.path)) return undefined;
      const esm = resolved.path.replace(/([\\/])lib[\\/]umd([\\/])/, '$1lib$2esm$2');
      return fs.existsSync(esm) ? { path: esm } : undefined;
    });
  },
};

/**
 * CommonJS has no `import.meta`: in Node-side bundles it reads the bundle's own file URL instead, so code that
 * finds files next to itself works the same from source and bundled. (Not for the sandboxed preload, which has no
 * `url` module.)
 */
const importMetaUrl = {
  define: { 'import.meta.url': '__statescopeImportMetaUrl' },
  banner: { js: "'use strict';\nconst __statescopeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const started = Date.now();
await Promise.all([
  bundle({ entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs'), ...importMetaUrl }),
  bundle({ entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs'), sourcemap: false }),
  bundle({ entryPoints: ['electron/host/language-worker.ts'], outfile: path.join(outdir, 'language-worker.cjs'), plugins: [umdToEsm], ...importMetaUrl }),
]);
console.log(`Built out/electron/main.cjs, preload.cjs and language-worker.cjs in ${Date.now() - started} ms`);
