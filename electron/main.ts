/**
 * The Electron main process, kept thin: app lifecycle, one instance (a second launch hands its files to the
 * running window), the hardened window (window.ts), the contract over IPC (ipc.ts), the `app://` scheme for
 * the renderer (app-protocol.ts) and the menu (menu.ts). All real work lives in host/ services.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, protocol, screen, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { aboutText, shortcutsText } from './about.ts';
import { APP_SCHEME, APP_URL, createAppProtocolHandler } from './app-protocol.ts';
import { filesFromArgv } from './argv.ts';
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

function start(): void {
  const appRoot = app.getAppPath();
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  const events = createEventHub();
  const errorLog = createErrorLog(dataDir);
  const watcher = createFileWatcher(events);
  // Unhandled errors in the main process go to the log file instead of a crash dialog or a silent exit.
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
  const recent = createRecentFiles(dataDir);
  // The page reaches only files the user handed over here: argv, the open dialog, Open Recent, a second launch
  // or macOS open-file (host/grants.ts). Each of those grants the file before the page hears of it.
  const grants = createGrants();
  const files = createFileService({ samplesDir: path.join(appRoot, 'samples'), grants });
  let win: BrowserWindow | null = null;
  const pending: string[] = [];

  const launchFiles = filesFromArgv(process.argv, process.cwd(), app.isPackaged);
  // Documents are reopened only after a crash of the page, not on every load.
  const recovery = createRecovery();
  for (const file of launchFiles) grants.grantFile(file);

  async function showOpenDialog(): Promise<string[]> {
    const options = {
      properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
      filters: [
        { name: 'State machines and templates', extensions: ['json', 'yaml', 'yml'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return [];
    for (const file of result.filePaths) grants.grantFile(file);
    for (const file of result.filePaths) await recent.add(file);
    void refreshMenu();
    return result.filePaths;
  }

  async function openFiles(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    for (const file of paths) grants.grantFile(file);
    for (const file of paths) await recent.add(file);
    void refreshMenu();
    if (!win) {
      pending.push(...paths);
      return;
    }
    events.emit('files.open', { paths });
    if (win.isMinimized()) win.restore();
    win.focus();
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

  async function showInfo(title: string, message: string, detail: string): Promise<void> {
    const options = { type: 'info' as const, title, message, detail, buttons: ['OK'] };
    if (win) await dialog.showMessageBox(win, options);
    else await dialog.showMessageBox(options);
  }

  async function openLogFile(): Promise<void> {
    // An empty log is created so the menu item always opens something rather than failing silently.
    await fs.promises.mkdir(dataDir, { recursive: true });
    await fs.promises.appendFile(errorLog.file, '');
    const failure = await shell.openPath(errorLog.file);
    if (failure) await showInfo('Open Log File', 'The log file could not be opened.', `${errorLog.file}\n\n${failure}`);
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    void openFiles(filesFromArgv(argv, workingDirectory, app.isPackaged));
  });
  // macOS hands files over with an event (Finder, dock, file associations).
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void openFiles([file]);
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isTrustedUrl(url)) e.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  function openWindow(): void {
    win = createMainWindow({
      BrowserWindow,
      session: session.defaultSession,
      shell,
      preloadPath: path.join(appRoot, 'out', 'electron', 'preload.cjs'),
      rendererUrl: devUrl ?? APP_URL,
      isTrustedUrl,
      // The Vite dev server (development only) brings its own policy; the built app always gets the strict one.
      csp: devUrl ? null : undefined,
      bounds: loadWindowBounds(
        dataDir,
        screen.getAllDisplays().map((d) => d.workArea),
      ),
    });
    const current = win;
    let saveTimer: NodeJS.Timeout | null = null;
    const rememberBounds = () => {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        if (current.isDestroyed() || current.isMinimized()) return;
        void saveWindowBounds(dataDir, { ...current.getNormalBounds(), maximized: current.isMaximized() });
      }, 400);
    };
    current.on('resize', rememberBounds);
    current.on('move', rememberBounds);
    current.on('close', () => {
      if (saveTimer) clearTimeout(saveTimer);
      void saveWindowBounds(dataDir, { ...current.getNormalBounds(), maximized: current.isMaximized() });
    });
    current.once('ready-to-show', () => {
      if (
        loadWindowBounds(
          dataDir,
          screen.getAllDisplays().map((d) => d.workArea),
        )?.maximized
      )
        current.maximize();
    });
    // A crashed or killed renderer: log it, reload, and tell the user. The page asks the host for the documents
    // that were open (session.getOpenDocuments) and reopens them.
    current.webContents.on('render-process-gone', (_event, details) => {
      void errorLog.write({
        source: 'renderer (render-process-gone)',
        message: `reason: ${details.reason}, exit code: ${details.exitCode}`,
      });
      if (details.reason === 'clean-exit' || current.isDestroyed()) return;
      recovery.markCrashed();
      current.webContents.reload();
      void showInfo(
        'Statescope',
        'The window stopped unexpectedly and was reloaded.',
        `Your open documents are being reopened. Details are in the log file (Help › Open Log File).\nReason: ${details.reason}`,
      );
    });
    const unsubscribe = events.subscribe((event, payload) => {
      if (win) sendEvent(win.webContents, event, payload);
    });
    win.webContents.once('did-finish-load', () => {
      if (pending.length > 0) events.emit('files.open', { paths: pending.splice(0) });
    });
    win.on('closed', () => {
      unsubscribe();
      win = null;
    });
  }

  void app.whenReady().then(async () => {
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
      openDialog: showOpenDialog,
      locale: app.getLocale(),
      errorLog,
      watcher,
      recovery,
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
    await refreshMenu();
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('will-quit', () => watcher.close());

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
