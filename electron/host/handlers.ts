/**
 * The host's implementation of the contract, composed from services. Each group of methods comes from its own
 * small function below and is spread into one object, so adding a group (aws, notes, …) is one dependency field
 * and one spread line — nothing else here changes.
 */
import type { Handlers, HostInfo } from '../../shared/contract.ts';
import type { EventHub } from './events.ts';
import type { FileService } from './files.ts';

export interface HostDeps {
  mode: HostInfo['mode'];
  version: string;
  /** Files named on the command line, handed to the renderer once through `app.info`. */
  launchFiles: string[];
  files: FileService;
  /** The host's data folder (see `resolveDataDir`). */
  dataDir: string;
  events: EventHub;
  /** The environment services read their overrides from (e.g. an endpoint); tests inject their own. */
  env: NodeJS.ProcessEnv;
  /** Native open dialog (Electron only); web mode has none and answers []. */
  openDialog?: () => Promise<string[]>;
  locale?: string;
}

/** The user's locale from the environment (LANG=ko_KR.UTF-8 → ko-KR), else the runtime's default. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (fromEnv && /^[a-z]{2,3}([_-][A-Za-z]{2})?/.test(fromEnv) && fromEnv !== 'C' && !fromEnv.startsWith('C.')) {
    return fromEnv.split('.')[0]!.replace('_', '-');
  }
  return Intl.DateTimeFormat().resolvedOptions().locale || 'en';
}

function appHandlers(deps: HostDeps) {
  return {
    'app.info': async () => ({
      mode: deps.mode,
      platform: process.platform,
      version: deps.version,
      launchFiles: [...deps.launchFiles],
      locale: deps.locale ?? systemLocale(),
    }),
  } satisfies Partial<Handlers>;
}

function fileHandlers(deps: HostDeps) {
  const { files } = deps;
  return {
    'files.read': ({ path }) => files.read(path),
    'files.readRelative': ({ from, path }) => files.readRelative(from, path),
    'files.samples': () => files.samples(),
    'files.readSample': ({ id }) => files.readSample(id),
    'files.openDialog': async () => (deps.openDialog ? deps.openDialog() : []),
  } satisfies Partial<Handlers>;
}

/** Builds every handler the contract declares; a missing group is a type error here, not a runtime 404. */
export function createHandlers(deps: HostDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...fileHandlers(deps),
  };
}
