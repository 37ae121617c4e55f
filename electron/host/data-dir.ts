import os from 'node:os';
import path from 'node:path';

/**
 * Where the host keeps its own data (settings, annotations, recent files). `STATESCOPE_DATA_DIR` wins so tests
 * and the Playwright fixture get a fresh folder per test; otherwise the platform's usual per-user folder.
 * Electron passes `app.getPath('userData')` as the fallback so the desktop app and the CLI agree on one place.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, fallback?: string): string {
  const fromEnv = env.STATESCOPE_DATA_DIR;
  if (fromEnv && fromEnv.trim() !== '') return path.resolve(fromEnv);
  if (fallback) return fallback;
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Statescope');
  }
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Statescope');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'statescope');
}
