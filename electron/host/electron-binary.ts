/**
 * Finds a runnable Electron executable without starting it: `ELECTRON_OVERRIDE_DIST_PATH` (a folder holding an
 * unpacked Electron), else whatever the `electron` package resolves to. Plain Node, no `electron` import at
 * runtime beyond `require.resolve`-style lookup, so the CLI can decide between the desktop app and web mode.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function executableIn(dist: string, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return path.join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  if (platform === 'win32') return path.join(dist, 'electron.exe');
  return path.join(dist, 'electron');
}

function runnable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Electron executable to launch, or null when this machine has none. */
export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  appRoot: string = process.cwd(),
  platform: NodeJS.Platform = process.platform,
): string | null {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override && override.trim() !== '') {
    const exe = executableIn(override, platform);
    return runnable(exe) ? exe : null;
  }
  try {
    const require = createRequire(path.join(appRoot, 'package.json'));
    // The electron package's index.js exports the executable path, and throws when the download never happened.
    const exe = require('electron') as unknown;
    return typeof exe === 'string' && runnable(exe) ? exe : null;
  } catch {
    return null;
  }
}
