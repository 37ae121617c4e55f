/**
 * Whether out/renderer needs (re)building, and building it with Vite — shared by `npm start` (stale check)
 * and `statescope open` (missing build).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from './util.ts';

const SOURCES = ['renderer', 'shared', 'package.json'];

function newestMtime(target: string, depth = 0): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  if (depth > 12) return newest;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry), depth + 1));
  }
  return newest;
}

/** True when out/renderer/index.html is missing. */
export function rendererMissing(root = APP_ROOT): boolean {
  return !fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'));
}

/** True when out/renderer/index.html is missing or older than any renderer/shared source. */
export function rendererIsStale(root = APP_ROOT): boolean {
  const built = newestMtime(path.join(root, 'out', 'renderer', 'index.html'));
  if (built === 0) return true;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Runs `vite build` for the renderer; true on success (its output goes to this process's stderr). */
export function buildRenderer(root = APP_ROOT): boolean {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  return built.status === 0;
}
