/**
 * The Electron main process, kept thin: app lifecycle, one instance (a second launch hands its files to the
 * running window), the hardened window (window.ts), the contract over IPC (ipc.ts), the `app://` scheme for
 * the renderer (app-protocol.ts), `statescope://` links (deep-link.ts) and the menu (menu.ts). All real work lives
 * in host/ services. `start` runs named steps: services, the shell's actions, hand-over from the OS, the window.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, protocol, screen, session, shell } from 'electron';
import type { BrowserWindow as Window } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { aboutText, shortcutsText } from './about.ts';
import { APP_SCHEME, APP_URL, createAppProtocolHandler } from './app-protocol.ts';
import { filesFromArgv } from './argv.ts';
import { LINK_SCHEME, linksFromArgv, parseAppLink } from './deep-link.ts';
import { resolveDataDir } from './host/data-dir.ts';
import { createErrorLog } from './host/error-log.ts';
import { createEventHub } from './host/events.ts';
import { createFileService } from './host/files.ts';
import { createGrants } from './host/grants.ts';
import { createHandlers, createRecovery } from './host/handlers.ts';
import { createRecentFiles } from './host/recent.ts';
import { createFileWatcher } from './host/watch.ts';
import { isTrustedRendererUrl, registerIpc, sendEvent } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { createMainWindow, isExternalLinkAllowed } from './window.ts';
import { loadWindowBounds, saveWindowBounds } from './window-state.ts';

const devUrl = !app.isPackaged ? process.env.STATESCOPE_DEV_URL : undefined;
const devOrigin = devUrl ? new URL(devUrl).origin : undefined;
const isTrustedUrl = (url: string) => isTrustedRendererUrl(url, devOrigin);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

/** The host services of one run of the app. */
function createServices() {
  const appRoot = app.getAppPath();
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  const events = createEventHub();
  const errorLog = createErrorLog(dataDir);
  const grants = createGrants();
  const { links, rest } = linksFromArgv(process.argv);
  const launchFiles = filesFromArgv(rest, process.cwd(), app.isPackaged);
  for (const file of launchFiles) grants.grantFile(file);
  return {
    appRoot,
    dataDir,
    events,
    errorLog,
    watcher: createFileWatcher(events),
    recent: createRecentFiles(dataDir),
    // The page reaches only files the user handed over here: argv, the open dialog, Open Recent, a second launch,
    // macOS open-file or a statescope:// link (host/grants.ts). Each grants the file before the page hears of it.
    grants,
    files: createFileService({ samplesDir: path.join(appRoot, 'samples'), grants }),
    // Documents are reopened only after a crash of the page, not on every load.
    recovery: createRecovery(),
    launchFiles,
    launchLinks: links,
  };
}
type Services = ReturnType<typeof createServices>;

/** Unhandled errors in the main process go to the log file instead of a crash dialog or a silent exit. */
function logUncaughtErrors({ errorLog }: Services): void {
  process.on('uncaughtException', (error) => {
    void errorLog.write({
      source: 'main (uncaughtException)',
      message: String(error?.message ?? error),
      stack: error?.stack,
    });
  });
  process.on('unhandledRejection', (reason) => {
    const error = reason as Error | undefined;
    void errorLog.write({
      source: 'main (unhandledRejection)',
      message: String(error?.message ?? reason),
      stack: error?.stack,
    });
  });
}

/** What the shell does for the user: dialogs, handing files and links to the window, the menu. */
function createShellActions(services: Services) {
  const { dataDir, errorLog, events, grants, recent } = services;
  const state: { win: Window | null; pendingFiles: string[]; pendingLinks: string[] } = {
    win: null,
    pendingFiles: [],
    pendingLinks: [],
  };

  async function showInfo(title: string, message: string, detail: string): Promise<void> {
    const options = { type: 'info' as const, title, message, detail, buttons: ['OK'] };
    if (state.win) await dialog.showMessageBox(state.win, options);
    else await dialog.showMessageBox(options);
  }

  async function showOpenDialog(): Promise<string[]> {
    const options = {
      properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
      filters: [
        { name: 'State machines and templates', extensions: ['json', 'yaml', 'yml'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const result = state.win ? await dialog.showOpenDialog(state.win, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return [];
    for (const file of result.filePaths) grants.grantFile(file);
    for (const file of result.filePaths) await recent.add(file);
    void refreshMenu();
    return result.filePaths;
  }

  function focusWindow(win: Window): void {
    if (win.isMinimized()) win.restore();
    win.focus();
  }

  async function openFiles(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    for (const file of paths) grants.grantFile(file);
    for (const file of paths) await recent.add(file);
    void refreshMenu();
    if (!state.win) {
      state.pendingFiles.push(...paths);
      return;
    }
    events.emit('files.open', { paths });
    focusWindow(state.win);
  }

  /** A `statescope://` link: only the documented route opens (its files granted); anything else is logged. */
  function openLinks(urls: readonly string[]): void {
    for (const url of urls) {
      const link = parseAppLink(url);
      if (!link) {
        void errorLog.write({ source: 'statescope:// link', message: `Refused a link that is not a known route.` });
        continue;
      }
      for (const file of link.paths) grants.grantFile(file);
      if (!state.win) state.pendingLinks.push(link.hash);
      else {
        events.emit('app.openLink', { hash: link.hash });
        focusWindow(state.win);
      }
    }
  }

  async function openLogFile(): Promise<void> {
    // An empty log is created so the menu item always opens something rather than failing silently.
    await fs.promises.mkdir(dataDir, { recursive: true });
    await fs.promises.appendFile(errorLog.file, '');
    const failure = await shell.openPath(errorLog.file);
    if (failure) await showInfo('Open Log File', 'The log file could not be opened.', `${errorLog.file}\n\n${failure}`);
  }

  async function refreshMenu(): Promise<void> {
    const template = buildMenuTemplate({
      platform: process.platform,
      isDev: !app.isPackaged,
      recent: await recent.list(),
      actions: {
        open: () => void showOpenDialog().then((paths) => paths.length && events.emit('files.open', { paths })),
        openRecent: (file) => void openFiles([file]),
        clearRecent: () => void recent.clear().then(refreshMenu),
        command: (command) => events.emit('menu.command', { command }),
        openExternal: (url) => {
          if (isExternalLinkAllowed(url)) void shell.openExternal(url);
        },
        showShortcuts: () => void showInfo('Keyboard Shortcuts', 'Keyboard shortcuts', shortcutsText(process.platform)),
        showAbout: () =>
          void showInfo('About Statescope', `Statescope ${app.getVersion()}`, aboutText(app.getVersion())),
        openLog: () => void openLogFile(),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  return { state, showInfo, showOpenDialog, openFiles, openLinks, refreshMenu };
}
type ShellActions = ReturnType<typeof createShellActions>;

/** Files and links the OS hands over while the app runs: a second launch, macOS open-file and open-url. */
function registerHandOver(actions: ShellActions): void {
  // Links open Statescope (the packaged app; in development, this Electron with the app folder).
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
  else if (process.argv[1])
    app.setAsDefaultProtocolClient(LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const { links, rest } = linksFromArgv(argv);
    actions.openLinks(links);
    void actions.openFiles(filesFromArgv(rest, workingDirectory, app.isPackaged));
  });
  // macOS hands files over with an event (Finder, dock, file associations), and links likewise.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void actions.openFiles([file]);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    actions.openLinks([url]);
  });
}

/** No page the app creates may navigate away from the renderer or open windows. */
function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isTrustedUrl(url)) e.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The window remembers its bounds (debounced while moved or resized, and on close) and opens maximised again. */
function rememberBounds(win: Window, dataDir: string): void {
  let saveTimer: NodeJS.Timeout | null = null;
  const bounds = () => ({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  const schedule = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (win.isDestroyed() || win.isMinimized()) return;
      void saveWindowBounds(dataDir, bounds());
    }, 400);
  };
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('close', () => {
    if (saveTimer) clearTimeout(saveTimer);
    void saveWindowBounds(dataDir, bounds());
  });
  win.once('ready-to-show', () => {
    if (loadWindowBounds(dataDir, workAreas())?.maximized) win.maximize();
  });
}

function workAreas() {
  return screen.getAllDisplays().map((d) => d.workArea);
}

/**
 * A crashed or killed renderer: log it, reload, and tell the user. The page asks the host for the documents that
 * were open (session.getOpenDocuments) and reopens them.
 */
function recoverFromCrashes(win: Window, services: Services, actions: ShellActions): void {
  win.webContents.on('render-process-gone', (_event, details) => {
    void services.errorLog.write({
      source: 'renderer (render-process-gone)',
      message: `reason: ${details.reason}, exit code: ${details.exitCode}`,
    });
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    services.recovery.markCrashed();
    win.webContents.reload();
    void actions.showInfo(
      'Statescope',
      'The window stopped unexpectedly and was reloaded.',
      `Your open documents are being reopened. Details are in the log file (Help › Open Log File).\nReason: ${details.reason}`,
    );
  });
}

function openWindow(services: Services, actions: ShellActions): void {
  const { appRoot, dataDir, events } = services;
  const win = createMainWindow({
    BrowserWindow,
    session: session.defaultSession,
    shell,
    preloadPath: path.join(appRoot, 'out', 'electron', 'preload.cjs'),
    rendererUrl: devUrl ?? APP_URL,
    isTrustedUrl,
    // The Vite dev server (development only) brings its own policy; the built app always gets the strict one.
    csp: devUrl ? null : undefined,
    bounds: loadWindowBounds(dataDir, workAreas()),
  });
  actions.state.win = win;
  rememberBounds(win, dataDir);
  recoverFromCrashes(win, services, actions);
  const unsubscribe = events.subscribe((event, payload) => {
    if (actions.state.win) sendEvent(actions.state.win.webContents, event, payload);
  });
  win.webContents.once('did-finish-load', () => {
    const { pendingFiles, pendingLinks } = actions.state;
    if (pendingFiles.length > 0) events.emit('files.open', { paths: pendingFiles.splice(0) });
    for (const hash of pendingLinks.splice(0)) events.emit('app.openLink', { hash });
  });
  win.on('closed', () => {
    unsubscribe();
    actions.state.win = null;
  });
}

/** Once Electron is ready: the app:// scheme, the contract over IPC, the theme of native parts, menu, window. */
async function whenReady(services: Services, actions: ShellActions): Promise<void> {
  const { appRoot, launchFiles, files, dataDir, events, errorLog, watcher, recovery } = services;
  protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(appRoot, 'out', 'renderer')));
  // Built after `ready`: app.getLocale() is only meaningful from then on.
  const handlers = createHandlers({
    mode: 'electron',
    version: app.getVersion(),
    launchFiles,
    files,
    dataDir,
    events,
    env: process.env,
    openDialog: actions.showOpenDialog,
    locale: app.getLocale(),
    errorLog,
    watcher,
    recovery,
    prewarm: true,
  });
  // The window frame and native dialogs follow the theme setting, at start and whenever it is saved.
  const saveSettings = handlers['settings.set'];
  handlers['settings.set'] = async (args) => {
    const saved = await saveSettings(args);
    nativeTheme.themeSource = saved.theme;
    return saved;
  };
  void handlers['settings.get']({}).then(
    (s) => (nativeTheme.themeSource = s.theme),
    () => undefined,
  );
  registerIpc({ ipcMain, handlers, isTrustedUrl });
  await actions.refreshMenu();
  openWindow(services, actions);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(services, actions);
  });
}

function start(): void {
  const services = createServices();
  logUncaughtErrors(services);
  const actions = createShellActions(services);
  registerHandOver(actions);
  actions.openLinks(services.launchLinks);
  guardWebContents();
  void app.whenReady().then(() => whenReady(services, actions));
  app.on('will-quit', () => services.watcher.close());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
