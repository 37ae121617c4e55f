#!/usr/bin/env node
// The `statescope` executable. Runs the prebuilt CLI (out/cli/statescope.mjs, `npm run build:cli`). In a source
// checkout whose sources are newer than that build (or where it was never built), it runs the TypeScript sources
// through tsx instead, so a developer never runs stale code; the published package holds only the prebuilt CLI.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bundle = path.join(root, 'out', 'cli', 'statescope.mjs');
const sources = path.join(here, 'main.ts');

/** Newest modification time below `dir` (TypeScript sources only), stopping early once past `limit`. */
function newerThan(dir, limit) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.') && newerThan(full, limit)) return true;
    } else if (entry.name.endsWith('.ts') && fs.statSync(full).mtimeMs > limit) return true;
  }
  return false;
}

function bundleIsCurrent() {
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  if (!fs.existsSync(sources)) return true; // an installed package: the bundle is all there is
  return !['electron', 'shared'].some((dir) => newerThan(path.join(root, dir), built));
}

if (bundleIsCurrent()) {
  // V8's code cache on disk (Node >= 22.1): the validators' chunk is compiled once, not at every start.
  module.enableCompileCache?.();
  await import(pathToFileURL(bundle).href);
} else if (fs.existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  const { main, quietOnBrokenPipe } = await import('./main.ts');
  quietOnBrokenPipe(process.stdout);
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
} else {
  process.stderr.write(`statescope: ${bundle} is missing; run \`npm run build:cli\`.\n`);
  process.exitCode = 2;
}
