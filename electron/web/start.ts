/**
 * Web mode in one call: file service + handlers + event hub + HTTP bridge, the way `statescope serve`,
 * `statescope open` (without Electron) and the Playwright fixture all start it.
 */
import path from 'node:path';
import { resolveDataDir } from '../host/data-dir.ts';
import { createEventHub, type EventHub } from '../host/events.ts';
import { createFileService } from '../host/files.ts';
import { createHandlers } from '../host/handlers.ts';
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
}

export interface WebMode extends WebServer {
  events: EventHub;
  dataDir: string;
}

export async function startWebMode(options: WebModeOptions): Promise<WebMode> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const launchFiles = (options.files ?? []).map((f) => path.resolve(cwd, f));
  const events = createEventHub();
  const dataDir = resolveDataDir(env);
  const files = createFileService({ samplesDir: path.join(options.appRoot, 'samples'), cwd });
  const handlers = createHandlers({
    mode: 'web',
    version: options.version ?? '0.0.0',
    launchFiles,
    files,
    dataDir,
    events,
    env,
  });
  const server = await startWebServer({
    port: options.port,
    handlers,
    events,
    files: launchFiles,
    staticDir: path.join(options.appRoot, 'out', 'renderer'),
  });
  return Object.assign(server, { events, dataDir });
}
