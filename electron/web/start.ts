/**
 * Web mode in one call: file service + handlers + event hub + HTTP bridge, the way `statescope serve`,
 * `statescope open` (without Electron) and the Playwright fixture all start it.
 */
import path from 'node:path';
import { resolveDataDir } from '../host/data-dir.ts';
import { createEventHub, type EventHub } from '../host/events.ts';
import { createFileService } from '../host/files.ts';
import type { Handlers } from '../../shared/contract.ts';
import { createHandlers } from '../host/handlers.ts';
import type { RunningDaemon } from '../host/daemon/server.ts';
import { startWebServer, type WebServer } from './server.ts';

export interface WebModeOptions {
  /** Folder holding samples/ and out/renderer/. */
  appRoot: string;
  port?: number;
  /** Files to open first (resolved against `cwd`). */
  files?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  version?: string;
  /** The local trace receiver to serve as `daemon.*` (`statescope serve --daemon`); the caller closes it. */
  daemon?: RunningDaemon;
}

export interface WebMode extends WebServer {
  events: EventHub;
  dataDir: string;
}

/** The contract handlers web mode serves: files from `cwd`, samples from the app, data in STATESCOPE_DATA_DIR. */
export function createWebHandlers(options: WebModeOptions & { events: EventHub }): { handlers: Handlers; dataDir: string } {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const dataDir = resolveDataDir(env);
  const handlers = createHandlers({
    mode: 'web',
    version: options.version ?? '0.0.0',
    launchFiles: (options.files ?? []).map((f) => path.resolve(cwd, f)),
    files: createFileService({ samplesDir: path.join(options.appRoot, 'samples'), cwd }),
    dataDir,
    events: options.events,
    env,
    daemon: options.daemon,
  });
  return { handlers, dataDir };
}

export async function startWebMode(options: WebModeOptions): Promise<WebMode> {
  const cwd = options.cwd ?? process.cwd();
  const events = createEventHub();
  const { handlers, dataDir } = createWebHandlers({ ...options, events });
  const server = await startWebServer({
    port: options.port,
    handlers,
    events,
    files: (options.files ?? []).map((f) => path.resolve(cwd, f)),
    staticDir: path.join(options.appRoot, 'out', 'renderer'),
  });
  return Object.assign(server, { events, dataDir });
}
