#!/usr/bin/env node
// Bundles the Node side: `node electron/build.mjs [electron] [cli]` (both without arguments). out/electron/: main.cjs (the main process, package.json "main"),
// preload.cjs (one CommonJS file with no imports left but `electron`, as the sandboxed preload requires) and
// language-worker.cjs (the host's validation/completion worker thread, which main.cjs starts from beside itself).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompiledAslv } from './cli/aslv-standalone.mjs';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const outdir = path.join(root, 'out', 'electron');
fs.mkdirSync(outdir, { recursive: true });
fs.mkdirSync(path.join(root, 'out'), { recursive: true });

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
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { umdToEsm: true },
      });
      if (resolved.errors.length > 0 || !/[\\/]lib[\\/]umd[\\/]/.test(resolved.path)) return undefined;
      const esm = resolved.path.replace(/([\\/])lib[\\/]umd([\\/])/, '$1lib$2esm$2');
      return fs.existsSync(esm) ? { path: esm } : undefined;
    });
  },
};

/**
 * yaml-language-server imports Prettier (8 MB, most of the validation bundle) for its YAML formatter, which we
 * never call: validation, completion and hover do not format. Prettier is replaced by a module that refuses, so
 * loading the validators does not parse it.
 */
const withoutPrettier = {
  name: 'without-prettier',
  setup(b) {
    b.onResolve({ filter: /^prettier(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'no-prettier' }));
    b.onLoad({ filter: /.*/, namespace: 'no-prettier' }, () => ({
      contents:
        "export function format() { throw new Error('YAML formatting is not available in Statescope'); }\nexport default {};\n",
      loader: 'js',
    }));
  },
};

/**
 * amazon-states-language-service's service.js loads its YAML language service (yaml-language-server, which brings
 * vscode-languageserver and the JSON-RPC stack) when it is loaded, though only `getYamlLanguageService` uses it.
 * In `statescope validate`'s language-service thread, where every JSON definition waits for that thread to be
 * ready, the require moves into that function's first call: a fifth less to load before a JSON file is checked;
 * YAML loads it when first asked, with the same results. The exact line is matched, so a new version of the
 * library that changes it fails the build here instead of silently loading everything again.
 */
const lazyAslYaml = {
  name: 'lazy-asl-yaml',
  setup(b) {
    b.onLoad({ filter: /[\\/]amazon-states-language-service[\\/]out[\\/]service\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const eager = 'const aslYamlLanguageService_1 = require("./yaml/aslYamlLanguageService");';
      if (!text.includes(eager)) throw new Error(`lazy-asl-yaml: ${args.path} no longer has the line ${eager}`);
      const lazy =
        'let aslYamlModule; const aslYamlLanguageService_1 = { get getLanguageService() { return (aslYamlModule ??= require("./yaml/aslYamlLanguageService")).getLanguageService; } };';
      return { contents: text.replace(eager, lazy), loader: 'js' };
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
  banner: {
    js: "'use strict';\nconst __statescopeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
};

/**
 * The `statescope` CLI as ES modules in out/cli/: statescope.mjs plus one chunk per command, loaded on demand, so
 * `statescope validate` never parses the X-Ray code and `--help` never parses the validators. The command list
 * comes from the files in electron/cli/commands/ (a virtual module), as the source CLI reads the folder.
 * Everything is inlined: the packed CLI needs no node_modules and no TypeScript loader.
 */
const cliCommands = {
  name: 'cli-commands',
  setup(b) {
    b.onResolve({ filter: /^statescope:cli-commands$/ }, () => ({ path: 'cli-commands', namespace: 'statescope' }));
    b.onLoad({ filter: /.*/, namespace: 'statescope' }, () => {
      const dir = path.join(root, 'electron', 'cli', 'commands');
      const names = fs
        .readdirSync(dir)
        .filter((n) => /\.ts$/.test(n) && !/\.(test|spec|d)\.ts$/.test(n))
        .sort();
      const entries = names.map(
        (n) => `  ${JSON.stringify(n.replace(/\.ts$/, ''))}: () => import(${JSON.stringify(path.join(dir, n))}),`,
      );
      return { contents: `export default {\n${entries.join('\n')}\n};\n`, resolveDir: dir, loader: 'js' };
    });
  },
};

async function buildCli() {
  const outdir = path.join(root, 'out', 'cli');
  const staging = `${outdir}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { statescope: 'electron/cli/bundle-entry.ts' },
    outdir: staging,
    format: 'esm',
    splitting: true,
    // Chunks sit beside the entry: code that finds the app two folders above its own file works from any of them.
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: false,
    plugins: [cliCommands, umdToEsm, withoutPrettier, precompiledAslv],
    // Some bundled CommonJS dependencies call require() for Node built-ins; give the ES bundle one.
    banner: {
      js: "import { createRequire as __statescopeCreateRequire } from 'node:module';\nconst require = __statescopeCreateRequire(import.meta.url);",
    },
  });
  // `statescope validate`'s language-service thread (electron/cli/checker-threads.ts) runs checker-worker.mjs,
  // beside the chunks. The library is a chunk of its own (checks-*.mjs), loaded once the thread has turned on the
  // code cache (a worker's entry file itself is compiled before any of its code runs).
  await build({
    ...common,
    entryPoints: { 'checker-worker': 'electron/cli/checker-worker.ts' },
    outdir: staging,
    format: 'esm',
    splitting: true,
    chunkNames: 'checks-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: false,
    plugins: [umdToEsm, withoutPrettier, lazyAslYaml],
    banner: {
      js: "import { createRequire as __statescopeCreateRequire } from 'node:module';\nconst require = __statescopeCreateRequire(import.meta.url);",
    },
  });
  // The validation worker the CLI starts (see languageWorkerEntry), beside the bundle.
  await build({
    ...common,
    entryPoints: ['electron/host/language-worker.ts'],
    outfile: path.join(staging, 'language-worker.cjs'),
    plugins: [umdToEsm, withoutPrettier, precompiledAslv],
    sourcemap: false,
    ...importMetaUrl,
  });
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "type": "module" }\n');
  // Each command's name, summary and usage, so `--help` answers without loading every command's chunk.
  const described = spawnSync(process.execPath, [path.join(staging, 'statescope.mjs')], {
    env: { ...process.env, STATESCOPE_DESCRIBE_COMMANDS: '1' },
    encoding: 'utf8',
  });
  if (described.status !== 0) throw new Error(`describing the CLI commands failed: ${described.stderr}`);
  fs.writeFileSync(path.join(staging, 'commands.json'), described.stdout);
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.renameSync(staging, outdir);
}

const targets = process.argv.slice(2);
const want = (name) => targets.length === 0 || targets.includes(name);
const started = Date.now();
const jobs = [];
if (want('electron')) {
  jobs.push(
    bundle({ entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs'), ...importMetaUrl }),
    bundle({ entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs'), sourcemap: false }),
    bundle({
      entryPoints: ['electron/host/language-worker.ts'],
      outfile: path.join(outdir, 'language-worker.cjs'),
      plugins: [umdToEsm, withoutPrettier, precompiledAslv],
      ...importMetaUrl,
    }),
  );
}
if (want('cli')) jobs.push(buildCli());
await Promise.all(jobs);
const built = [
  want('electron') && 'out/electron (main.cjs, preload.cjs, language-worker.cjs)',
  want('cli') && 'out/cli (statescope.mjs)',
];
console.log(`Built ${built.filter(Boolean).join(' and ')} in ${Date.now() - started} ms`);
