/**
 * Web mode in one call: file service + handlers + event hub + HTTP bridge, the way `statescope serve`,
 * `statescope open` (without Electron) and the Playwright fixture all start it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../host/data-dir.ts';
import { createEventHub, type EventHub } from '../host/events.ts';
import { createFileService } from '../host/files.ts';
import { createGrants, type Grants } from '../host/grants.ts';
import type { Handlers } from '../../shared/contract.ts';
import { createHandlers } from '../host/handlers.ts';
import type { RunningDaemon } from '../host/daemon/server.ts';
import { startWebServer, type WebServer } from './server.ts';

export interface WebModeOptions {
  /** Folder holding samples/ and out/renderer/. */
  appRoot: string;
  port?: number;
  /** Files to open first and folders to serve (resolved against `cwd`): the only paths the page may reach. */
  files?: string[];
  /** More workspace folders the page may open files from (nothing is opened at start). */
  roots?: string[];
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

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The contract handlers web mode serves: samples from the app, data in STATESCOPE_DATA_DIR, and of the user's
 * files only those named to `serve` — each file, and everything inside each folder (the workspace). The page can
 * type any path, but the host answers only inside these (see host/grants.ts).
 */
export function createWebHandlers(options: WebModeOptions & { events: EventHub }): {
  handlers: Handlers;
  dataDir: string;
  grants: Grants;
} {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const dataDir = resolveDataDir(env);
  const named = (options.files ?? []).map((f) => path.resolve(cwd, f));
  const grants = createGrants();
  for (const root of [...named.filter(isFolder), ...(options.roots ?? []).map((r) => path.resolve(cwd, r))])
    grants.grantTree(root);
  const handlers = createHandlers({
    mode: 'web',
    version: options.version ?? '0.0.0',
    launchFiles: named.filter((f) => !isFolder(f)),
    files: createFileService({ samplesDir: path.join(options.appRoot, 'samples'), cwd, grants }),
    dataDir,
    events: options.events,
    env,
    daemon: options.daemon,
    prewarm: true,
  });
  return { handlers, dataDir, grants };
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
