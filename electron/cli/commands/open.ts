/** `statescope open`: the desktop app when Electron can run here, web mode otherwise. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lookUpElectron } from '../../host/electron-binary.ts';
import { buildRenderer, rendererMissing } from '../renderer-build.ts';
import type { CliCommand } from '../types.ts';
import { APP_ROOT, CliFailure, parse, write } from '../util.ts';
import { parsePort, serveFiles } from './serve.ts';

/** The built Electron main (see electron/build.mjs and package.json "main"). */
export const ELECTRON_MAIN = path.join(APP_ROOT, 'out', 'electron', 'main.cjs');

export const command: CliCommand = {
  name: 'open',
  summary: 'Open files in the desktop app (falls back to web mode when Electron is not available)',
  usage: [
    'Usage: statescope open [--port N] FILE...',
    '',
    'Opens the files in the Statescope window. When no Electron executable can be started on this machine',
    '(none installed, or ELECTRON_OVERRIDE_DIST_PATH not pointing at one), it says so and starts web mode with',
    'the same files instead, printing the URL to open in a browser.',
    '',
    'Options:',
    '  --port N     port for the web-mode fallback (default: random)',
    '  -h, --help   show this help',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, { port: { type: 'string' } });
    const port = parsePort(values.port);
    const files = positionals.map((f) => path.resolve(io.cwd, f));
    const { executable: electron, reason } = lookUpElectron(io.env, APP_ROOT, process.platform, {
      fetch: io.env.STATESCOPE_NO_ELECTRON_FETCH !== '1',
      onFetch: () => write(io.stderr, "Fetching Electron's binary (first start only)…"),
    });
    if (!electron) {
      write(io.stderr, `Electron is not available on this machine: ${reason}. Starting web mode instead.`);
      return serveFiles(files, port, io);
    }
    if (rendererMissing()) {
      write(io.stderr, 'Building the renderer first (out/renderer is missing)…');
      if (!buildRenderer()) throw new CliFailure('building the renderer failed (vite build, see above).');
    }
    if (!fs.existsSync(ELECTRON_MAIN)) {
      const built = spawnSync(process.execPath, [path.join(APP_ROOT, 'electron', 'build.mjs')], {
        cwd: APP_ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      if (built.status !== 0) throw new CliFailure('building the Electron main process failed (electron/build.mjs).');
    }
    const child = spawn(electron, [APP_ROOT, ...files], {
      cwd: io.cwd,
      env: { ...io.env, ELECTRON_RUN_AS_NODE: undefined } as NodeJS.ProcessEnv,
      stdio: 'inherit',
    });
    return new Promise<number>((resolve) => {
      child.on('error', (error) => {
        write(io.stderr, `statescope open: could not start Electron (${error.message}).`);
        resolve(2);
      });
      child.on('exit', (code) => resolve(code ?? 0));
    });
  },
};
