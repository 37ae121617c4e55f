#!/usr/bin/env node
// Validates electron-builder.yml without downloading anything: packs an unpacked (`--dir`) Linux build against a
// stub Electron distribution that carries only the fuse wire, then checks that the fuses were set as configured
// and that app.asar holds the bundles, the samples and package.json — no sources, no tests, no node_modules.
// Real installers come from `npm run dist` on a machine with internet access.
import { extractFile, listPackage } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Fuse order (wire v1): RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadFromAsar,
// BrowserV8Snapshot, GrantFileProtocolExtraPrivileges. Stub starts from Electron's defaults.
const NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];
const DEFAULTS = '10110001';
const EXPECTED = {
  runAsNode: '0',
  enableNodeOptionsEnvironmentVariable: '0',
  enableNodeCliInspectArguments: '0',
  onlyLoadAppFromAsar: '1',
  enableEmbeddedAsarIntegrityValidation: '1',
  grantFileProtocolExtraPrivileges: '0',
};

function fail(message) {
  console.error(`package-check: ${message}`);
  process.exit(1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-package-'));
try {
  // The main/preload bundles take well under a second: always rebuilt, so the check sees the current sources.
  const built = spawnSync(process.execPath, ['electron/build.mjs', 'electron'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) fail('electron/build.mjs failed');
  // The renderer build is slower; it is made only when missing (npm test builds it before the e2e run).
  if (!fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
    const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const rb = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (rb.status !== 0) fail('the renderer build failed');
  }
  const dist = path.join(work, 'electron-dist');
  fs.mkdirSync(dist);
  fs.writeFileSync(
    path.join(dist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stub Electron (packaging check only)"\nexit 0\n# '),
      Buffer.from(SENTINEL),
      Buffer.from([1, DEFAULTS.length]),
      Buffer.from(DEFAULTS),
      Buffer.from('\n'),
    ]),
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dist, 'LICENSE'), '');
  const out = path.join(work, 'release');
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--dir',
      '--linux',
      '--x64',
      `-c.electronDist=${dist}`,
      `-c.directories.output=${out}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  if (run.status !== 0) fail(`electron-builder failed:\n${run.stdout}\n${run.stderr}`);

  const unpacked = path.join(out, 'linux-unpacked');
  const exe = fs.readFileSync(path.join(unpacked, 'statescope'));
  const at = exe.indexOf(SENTINEL) + SENTINEL.length;
  const wire = exe.subarray(at + 2, at + 2 + exe[at + 1]).toString('latin1');
  const fuses = Object.fromEntries(NAMES.map((name, i) => [name, wire[i]]));
  for (const [name, want] of Object.entries(EXPECTED)) {
    if (fuses[name] !== want) fail(`fuse ${name} is ${fuses[name]}, expected ${want}`);
  }

  const files = listPackage(path.join(unpacked, 'resources', 'app.asar')).map((f) => f.replaceAll('\\', '/'));
  const needs = ['/package.json', '/out/electron/main.cjs', '/out/electron/preload.cjs', '/out/renderer/index.html'];
  for (const kind of ['asl', 'xray', 'history']) {
    if (fs.existsSync(path.join(root, 'samples', kind, 'index.json'))) needs.push(`/samples/${kind}/index.json`);
  }
  for (const needed of needs) {
    if (!files.includes(needed)) fail(`app.asar lacks ${needed}`);
  }
  if (!files.some((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f))) fail('app.asar holds no renderer script');
  // The language worker thread is started from a real file beside app.asar (asarUnpack in electron-builder.yml):
  // main.cjs maps .../app.asar/out/electron/ to .../app.asar.unpacked/out/electron/ to find it.
  const workerFile = path.join(unpacked, 'resources', 'app.asar.unpacked', 'out', 'electron', 'language-worker.cjs');
  if (!fs.existsSync(workerFile))
    fail('the language worker is not unpacked next to app.asar (app.asar.unpacked/out/electron/language-worker.cjs)');
  if (fs.statSync(workerFile).size !== fs.statSync(path.join(root, 'out', 'electron', 'language-worker.cjs')).size) {
    fail('the unpacked language worker differs from out/electron/language-worker.cjs');
  }
  // Every sample an index names must be packed too.
  for (const kind of ['asl', 'xray', 'history']) {
    const index = path.join(root, 'samples', kind, 'index.json');
    if (!fs.existsSync(index)) continue;
    for (const entry of JSON.parse(fs.readFileSync(index, 'utf8'))) {
      const rel = `/samples/${kind}/${entry.file}`.replace(/\/\.\//g, '/');
      if (!files.includes(rel)) fail(`app.asar lacks sample ${rel}`);
    }
  }
  // The exam notes are compiled into the main bundle (the host serves notes.list): look for a note's id there.
  const noteSource = fs.readFileSync(path.join(root, 'shared', 'notes', 'content', 'step-functions.ts'), 'utf8');
  const noteId = /id: '([\w-]+)'/.exec(noteSource)?.[1];
  if (!noteId) fail('no note id found in shared/notes/content/step-functions.ts');
  const mainCjs = extractFile(path.join(unpacked, 'resources', 'app.asar'), 'out/electron/main.cjs').toString('utf8');
  if (!mainCjs.includes(noteId)) fail(`the packed main bundle lacks the exam notes (note "${noteId}")`);
  const stray = files.filter(
    (f) => /\.(ts|tsx)$/.test(f) || /^\/(test|electron|shared|renderer|node_modules|bench|out\/cli)(\/|$)/.test(f),
  );
  if (stray.length > 0) fail(`app.asar holds files it should not: ${stray.slice(0, 10).join(', ')}`);
  const size = fs.statSync(path.join(unpacked, 'resources', 'app.asar')).size;
  console.log(
    `package-check: ok — fuses ${wire} (${Object.keys(EXPECTED).join(', ')} as configured); ` +
      `language worker unpacked beside app.asar; ` +
      `app.asar ${files.length} entries, ${(size / 1024).toFixed(0)} KB (main, preload, renderer, ` +
      `${files.filter((f) => f.startsWith('/samples/')).length} sample entries, notes), no sources/tests/node_modules.`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
