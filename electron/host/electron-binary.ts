/**
 * Finds a runnable Electron executable: `ELECTRON_OVERRIDE_DIST_PATH` (a folder holding an unpacked Electron), else
 * the binary of the installed `electron` package. Since Electron 42 the package no longer downloads its binary at
 * install time but on first use (its index.js runs install.js, with output straight to the terminal); we run that
 * fetch ourselves with its output captured, so that a machine that cannot download gets one clear sentence and web
 * mode instead of a stack trace. Plain Node, no `electron` import, so the CLI can decide between the desktop app
 * and web mode.
 */
import { spawnSync } from 'node:child_process';
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

/** The `electron` package's folder, or null when it is not installed. */
function electronPackageDir(appRoot: string): string | null {
  try {
    const require = createRequire(path.join(appRoot, 'package.json'));
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The already-fetched executable of the package (dist/ + path.txt), or null. */
function fetchedExecutable(pkgDir: string): string | null {
  try {
    const exe = path.join(pkgDir, 'dist', fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim());
    return runnable(exe) ? exe : null;
  } catch {
    return null;
  }
}

export interface ElectronLookup {
  /** The executable to launch, or null. */
  executable: string | null;
  /** Why there is none (one sentence), when `executable` is null. */
  reason?: string;
}

export interface ElectronLookupOptions {
  /** Fetch the binary when the package has none yet (the package's own first-start download). Default false. */
  fetch?: boolean;
  /** Called before a fetch starts (for a progress line). */
  onFetch?: () => void;
  /** Longest time the fetch may take, in ms (default 5 minutes). */
  fetchTimeoutMs?: number;
}

/** Finds (and, with `fetch`, downloads on first use) the Electron executable, saying why when there is none. */
export function lookUpElectron(
  env: NodeJS.ProcessEnv = process.env,
  appRoot: string = process.cwd(),
  platform: NodeJS.Platform = process.platform,
  options: ElectronLookupOptions = {},
): ElectronLookup {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override && override.trim() !== '') {
    const exe = executableIn(override, platform);
    return runnable(exe)
      ? { executable: exe }
      : { executable: null, reason: `ELECTRON_OVERRIDE_DIST_PATH (${override}) holds no Electron executable` };
  }
  const pkgDir = electronPackageDir(appRoot);
  if (!pkgDir) return { executable: null, reason: 'the electron package is not installed' };
  const existing = fetchedExecutable(pkgDir);
  if (existing) return { executable: existing };
  if (!options.fetch) return { executable: null, reason: "Electron's binary has not been downloaded yet" };
  options.onFetch?.();
  const result = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], {
    cwd: pkgDir,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.fetchTimeoutMs ?? 5 * 60_000,
  });
  const fetched = fetchedExecutable(pkgDir);
  if (fetched) return { executable: fetched };
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const cause =
    result.error?.message ??
    output
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /error|failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/i.test(l)) ??
    `exit status ${result.status}`;
  return { executable: null, reason: `Electron's binary could not be downloaded (${cause.slice(0, 200)})` };
}

/** The Electron executable to launch, or null when this machine has none. Never downloads. */
export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  appRoot: string = process.cwd(),
  platform: NodeJS.Platform = process.platform,
): string | null {
  return lookUpElectron(env, appRoot, platform).executable;
}
