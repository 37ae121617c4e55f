/**
 * Which files a launch (or a second launch) of the app was asked to open. Electron's argv starts with the
 * executable, then — when not packaged — the app folder; Chromium adds switches of its own. Pure, so the
 * single-instance hand-over is tested without Electron.
 */
import path from 'node:path';

export function filesFromArgv(argv: readonly string[], cwd: string, isPackaged: boolean): string[] {
  const rest = argv.slice(isPackaged ? 1 : 2);
  const files: string[] = [];
  let afterDashes = false;
  for (const arg of rest) {
    if (!afterDashes && arg === '--') {
      afterDashes = true;
      continue;
    }
    if (!afterDashes && arg.startsWith('-')) continue;
    if (arg.trim() === '') continue;
    files.push(path.resolve(cwd, arg));
  }
  return files;
}
