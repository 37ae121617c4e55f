/**
 * The host's implementation of the contract, composed from services. Each group of methods comes from its own
 * small function below and is spread into one object, so adding a group (aws, notes, …) is one dependency field
 * and one spread line — nothing else here changes.
 */
import type { Handlers, HostInfo } from '../../shared/contract.ts';
import type { EventHub } from './events.ts';
import type { FileService } from './files.ts';
import { createAnnotationStore, type AnnotationStore } from './annotations.ts';
import { removeStaleTemps } from './atomic-write.ts';
import { HostError } from './errors.ts';
import { ALL_NOTES, attributionText, localize, searchNotes, topicTree, TOPIC_IDS } from '../../shared/notes/index.ts';
import type { TopicId } from '../../shared/notes/index.ts';
import { createAwsHandlers } from './aws/service.ts';
import { createErrorLog, type ErrorLog } from './error-log.ts';
import { contentHash, requireGranted, writeGrantedFile } from './file-write.ts';
import { createSettingsStore } from './settings.ts';
import { createFileWatcher, type FileWatcher } from './watch.ts';
import { validateText } from './validate.ts';
import { completeAt, hoverAt } from './language.ts';
import { createDaemonHandlers } from './daemon/handlers.ts';
import { createFirstSample, createPrepareHandler, createReadPreparedHandler, createStartHandler } from './start.ts';
import type { RunningDaemon } from './daemon/server.ts';

export interface HostDeps {
  mode: HostInfo['mode'];
  version: string;
  /** Files named on the command line, handed to the renderer once through `app.info` (and granted). */
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
  /** The error log (`log.error` and the main process's own handlers share one); default: one in `dataDir`. */
  errorLog?: ErrorLog;
  /** Live-reload watcher; default: one emitting on `events`. The caller closes it on quit. */
  watcher?: FileWatcher;
  /** The local trace receiver (`serve --daemon`); the caller starts and closes it. */
  daemon?: RunningDaemon;
  /** Set by the shell when the page crashed (Electron's render-process-gone); default: never (web mode). */
  recovery?: Recovery;
  /** Prepare the first sample for `app.start` right away (the app and `serve` do; tests need not pay for it). */
  prewarm?: boolean;
}

/**
 * Whether the next page load follows a crash. Only then does `session.getOpenDocuments` hand back the documents
 * that were open — once; a reload the user asked for, or a new tab in web mode, starts fresh.
 */
export interface Recovery {
  markCrashed(): void;
  /** True once after each `markCrashed`. */
  take(): boolean;
}

export function createRecovery(): Recovery {
  let crashed = false;
  return {
    markCrashed: () => void (crashed = true),
    take() {
      const was = crashed;
      crashed = false;
      return was;
    },
  };
}

/** The user's locale from the environment (LANG=ko_KR.UTF-8 → ko-KR), else the runtime's default. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (fromEnv && /^[a-z]{2,3}([_-][A-Za-z]{2})?/.test(fromEnv) && fromEnv !== 'C' && !fromEnv.startsWith('C.')) {
    return fromEnv.split('.')[0]!.replace('_', '-');
  }
  return Intl.DateTimeFormat().resolvedOptions().locale || 'en';
}

/** Notices for the user (set-aside records, backups), kept for `app.notices` and announced as `app.notice`. */
export interface Notices {
  add(message: string): void;
  list(): Array<{ id: number; message: string }>;
}

export function createNotices(events: EventHub): Notices {
  const items: Array<{ id: number; message: string }> = [];
  return {
    add(message) {
      const notice = { id: items.length + 1, message };
      items.push(notice);
      events.emit('app.notice', notice);
    },
    list: () => items.map((n) => ({ ...n })),
  };
}

function appHandlers(deps: HostDeps, notices: Notices, ready: () => Promise<unknown>) {
  return {
    'app.notices': async () => {
      // The data files are checked at start; wait for that, so what it found is in the list.
      await ready().catch(() => undefined);
      return { notices: notices.list() };
    },
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
  // One set of grants: the file service's (it checks reads; writes and watches are checked here).
  const { grants } = files;
  for (const file of deps.launchFiles) grants.grantFile(file);
  const watcher = deps.watcher ?? createFileWatcher(deps.events);
  // Reading grants nothing; it only records what the page saw, so a later save can tell an outside change.
  const known = new Map<string, string>();
  const remember = (file: Awaited<ReturnType<FileService['read']>>) => {
    if (!file.path.startsWith('sample:')) known.set(file.path, contentHash(file.text));
    return file;
  };
  return {
    'files.read': ({ path }) => files.read(path).then(remember),
    'files.readRelative': ({ from, path }) => files.readRelative(from, path).then(remember),
    'files.samples': () => files.samples(),
    'files.readSample': ({ id }) => files.readSample(id),
    'files.openDialog': async () => {
      // The dialog is the host's own, so what the user picks there is granted (read and write).
      const paths = deps.openDialog ? await deps.openDialog() : [];
      for (const p of paths) grants.grantFile(p);
      return paths;
    },
    'files.write': (args) => writeGrantedFile(grants, known, args),
    'files.watch': async ({ path }) => {
      if (path.startsWith('sample:')) return { watching: false }; // bundled samples never change
      watcher.watch(requireGranted(grants, path, 'read', 'watch'));
      return { watching: true };
    },
    'files.unwatch': async ({ path }) => {
      if (!path.startsWith('sample:')) watcher.unwatch(path);
      return { watching: false };
    },
  } satisfies Partial<Handlers>;
}

/** Preferences, the open-documents list kept for crash recovery, and the renderer's error reports. */
function sessionHandlers(deps: HostDeps, notices: Notices) {
  const settings = createSettingsStore(deps.dataDir, { onNotice: notices.add });
  const errorLog = deps.errorLog ?? createErrorLog(deps.dataDir);
  const recovery = deps.recovery ?? createRecovery();
  let openDocuments: string[] = [];
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
    'session.setOpenDocuments': async ({ paths }) => {
      openDocuments = [...new Set(paths)];
      return { count: openDocuments.length };
    },
    'session.getOpenDocuments': async () => ({ paths: recovery.take() ? [...openDocuments] : [] }),
    'log.error': async ({ message, stack, source }) => ({
      logged: await errorLog.write({ source: `renderer${source ? ` (${source})` : ''}`, message, stack }),
    }),
  } satisfies Partial<Handlers>;
}

/** Exam notes (bundled) and the user's annotations (stored in the data folder). */
function notesHandlers(deps: HostDeps, annotations: AnnotationStore) {
  return {
    'notes.list': async ({ lang, query, topic }) => {
      const known =
        topic !== undefined && (TOPIC_IDS as readonly string[]).includes(topic) ? (topic as TopicId) : undefined;
      if (topic !== undefined && !known) throw new HostError(`Unknown topic "${topic}".`, 'unknown-topic', 400);
      const sources =
        query && query.trim() !== ''
          ? searchNotes(ALL_NOTES, query, known ? { topic: known } : {}).map((h) => h.note)
          : ALL_NOTES.filter((n) => !known || n.topics.includes(known));
      return {
        notes: sources.map((n) => localize(n, lang)),
        topics: topicTree(ALL_NOTES, lang),
        attribution: attributionText(lang),
      };
    },
    'notes.annotations.list': (filter) => annotations.list(filter),
    'notes.annotations.add': (input) => annotations.add(input),
    'notes.annotations.update': (input) => annotations.update(input),
    'notes.annotations.delete': (input) => annotations.delete(input),
    'notes.annotations.export': () => annotations.export(),
    'notes.annotations.import': ({ text }) => annotations.import(text),
  } satisfies Partial<Handlers>;
}

/** Builds every handler the contract declares; a missing group is a type error here, not a runtime 404. */
export function createHandlers(deps: HostDeps): Handlers {
  const notices = createNotices(deps.events);
  const annotations = createAnnotationStore({ dataDir: deps.dataDir, onNotice: notices.add });
  // At start: temp files an interrupted write left behind go, and the annotations are checked (a damaged
  // store is reported now, not when the notes panel first opens).
  let started: Promise<unknown> | null = null;
  const ready = () => (started ??= removeStaleTemps(deps.dataDir).then(() => annotations.info()));
  void ready().catch(() => undefined);
  const first = createFirstSample(deps.files);
  if (deps.prewarm) first.prewarm();
  const handlers: Omit<Handlers, 'app.start' | 'asl.prepare' | 'asl.readPrepared'> = {
    ...appHandlers(deps, notices, ready),
    ...fileHandlers(deps),
    ...sessionHandlers(deps, notices),
    ...notesHandlers(deps, annotations),
    // AWS, read-only: Step Functions, X-Ray, identity (credentials stay in the host).
    ...createAwsHandlers({
      env: deps.env,
      connection: { onForeignEndpoint: notices.add },
      onRetry: (r) => deps.events.emit('aws.retry', r),
    }),
    'asl.validate': ({ file, text }) => validateText(file, text),
    'asl.complete': ({ file, text, offset }) => completeAt(file, text, offset),
    'asl.hover': ({ file, text, offset }) => hoverAt(file, text, offset),
    ...createDaemonHandlers(deps.daemon, deps.events),
  };
  const parts = {
    info: handlers['app.info'],
    settings: handlers['settings.get'],
    openDocuments: handlers['session.getOpenDocuments'],
    daemon: handlers['daemon.status'],
    files: deps.files,
  };
  return {
    ...handlers,
    'app.start': createStartHandler(parts, first),
    'asl.prepare': createPrepareHandler(deps.files),
    'asl.readPrepared': createReadPreparedHandler(deps.files, handlers['files.read']),
  };
}
