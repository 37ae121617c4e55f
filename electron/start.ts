/**
 * `npm start`: builds the renderer when out/renderer is missing or older than its sources, then opens the first
 * bundled state-machine sample with `statescope open` (the desktop app, or web mode when Electron is absent).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { main } from './cli/main.ts';
import { APP_ROOT } from './cli/util.ts';
import { createFileService } from './host/files.ts';

const SOURCES = ['renderer', 'shared', 'package.json'];

function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** True when out/renderer/index.html is missing or older than any renderer/shared source. */
export function rendererIsStale(root = APP_ROOT): boolean {
  const built = newestMtime(path.join(root, 'out', 'renderer', 'index.html'));
  if (built === 0) return true;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

async function start(): Promise<number> {
  if (rendererIsStale()) {
    console.error('Building the renderer (out/renderer is missing or stale)…');
    const vite = path.join(APP_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const built = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], {
      cwd: APP_ROOT,
      stdio: 'inherit',
    });
    if (built.status !== 0) {
      console.error('The renderer build failed; see the messages above.');
      return 2;
    }
  }
  const files = createFileService({ samplesDir: path.join(APP_ROOT, 'samples') });
  const first = (await files.samples()).find((s) => s.kind === 'asl');
  const args = first ? [await files.samplePath(first.id)] : [];
  return main(['open', ...args, ...process.argv.slice(2)], {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
}

process.exitCode = await start();
