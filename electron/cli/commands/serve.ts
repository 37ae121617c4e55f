/** `statescope serve`: the app in a browser, through the loopback web-mode bridge. */
import fs from 'node:fs';
import path from 'node:path';
import { startWebMode } from '../../web/start.ts';
import type { RunningDaemon } from '../../host/daemon/server.ts';
import {
  DAEMON_OPTION_HELP,
  DAEMON_OPTION_SPEC,
  daemonOptions,
  listeningLine,
  startDaemonFromCli,
  statsLine,
} from './daemon.ts';
import type { CliCommand, CliIo } from '../types.ts';
import { APP_ROOT, CliFailure, UsageError, packageVersion, parse, write } from '../util.ts';

/** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Parses `--port`; shared with `open`, which falls back to web mode. */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${value}".`);
  }
  return Number(value);
}

/** Starts web mode, prints the URL first, and serves until SIGINT/SIGTERM. */
export async function serveFiles(
  files: string[],
  port: number | undefined,
  io: CliIo,
  daemon?: RunningDaemon,
): Promise<number> {
  for (const file of files) {
    const abs = path.resolve(io.cwd, file);
    if (!fs.existsSync(abs)) write(io.stderr, `statescope: warning: ${abs} does not exist.`);
  }
  let web;
  try {
    web = await startWebMode({
      appRoot: APP_ROOT,
      port,
      files,
      cwd: io.cwd,
      env: io.env,
      version: await packageVersion(),
      daemon,
    });
  } catch (error) {
    await daemon?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new CliFailure(`port ${port} is already in use; choose another with --port, or 0 for any.`);
    if (code === 'EACCES') throw new CliFailure(`not allowed to listen on port ${port}; choose a port above 1023.`);
    throw error;
  }
  write(io.stdout, web.url);
  if (!fs.existsSync(path.join(APP_ROOT, 'out', 'renderer', 'index.html'))) {
    write(
      io.stderr,
      'statescope: the renderer is not built yet; run `npm run build:renderer` (the API works meanwhile).',
    );
  }
  if (daemon) write(io.stderr, `Trace receiver: ${listeningLine(daemon)}`);
  write(io.stderr, 'Serving on 127.0.0.1 only. Press Ctrl+C to stop.');
  await untilSignal();
  await web.close();
  if (daemon) {
    await daemon.close();
    write(io.stderr, statsLine(daemon.store.stats()));
  }
  // The first signal ends the process. Handles a library opened meanwhile (the validators' worker port, a signal
  // listener some dependency added) must not keep it running until a second Ctrl+C; the timer itself is unref'd,
  // so a process with nothing left open ends at once, as usual.
  setTimeout(() => process.exit(0), 500).unref();
  return 0;
}

export const command: CliCommand = {
  name: 'serve',
  summary: 'Serve the app to a browser on this machine (web mode; loopback only, token required)',
  usage: [
    'Usage: statescope serve [--port N] [--daemon [daemon options]] [PATH...]',
    '',
    'Starts web mode: an HTTP server on 127.0.0.1 serving the app and its API. The first line printed is the',
    'URL to open (it carries a per-run token; without it every request is refused). Files among the PATHs are',
    'opened first; folders are workspaces. The page can open, save and follow DefinitionUri only inside these.',
    'Runs until interrupted (Ctrl+C / SIGTERM).',
    '',
    'Options:',
    '  --port N     listen on port N (default: a free random port)',
    '  --daemon     also receive traces from local apps and show them live (see `statescope daemon --help`):',
    ...DAEMON_OPTION_HELP.filter((l) => !l.includes('--out')).map((l) => `  ${l}`),
    '  -h, --help   show this help',
  ].join('\n'),
  async run(argv, io) {
    const { out: _out, ...daemonSpec } = DAEMON_OPTION_SPEC;
    const { values, positionals } = parse(argv, {
      port: { type: 'string' },
      daemon: { type: 'boolean' },
      ...daemonSpec,
    });
    const port = parsePort(values.port);
    const { port: _port, daemon: wantDaemon, ...rest } = values;
    if (!wantDaemon && Object.values(rest).some((v) => v !== undefined))
      throw new UsageError('the receiver options need --daemon.');
    const daemon = wantDaemon ? await startDaemonFromCli(daemonOptions(rest, io.env)) : undefined;
    return serveFiles(positionals, port, io, daemon);
  },
};
