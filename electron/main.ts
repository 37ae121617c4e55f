/**
 * The Electron main process, kept thin: app lifecycle, one instance (a second launch hands its files to the
 * running window), the hardened window (window.ts), the contract over IPC (ipc.ts), the `app://` scheme for
 * the renderer (app-protocol.ts) and the menu (menu.ts). All real work lives in host/ services.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell } from 'electron';
import path from 'node:path';
import { APP_SCHEME, APP_URL, createAppProtocolHandler } from './app-protocol.ts';
import { filesFromArgv } from './argv.ts';
import { resolveDataDir } from './host/data-dir.ts';
import { createEventHub } from './host/events.ts';
import { createFileService } from './host/files.ts';
import { createHandlers } from './host/handlers.ts';
import { createRecentFiles } from './host/recent.ts';
import { isTrustedRendererUrl, registerIpc, sendEvent } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { createMainWindow, isExternalLinkAllowed } from './window.ts';

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
  const recent = createRecentFiles(dataDir);
  const files = createFileService({ samplesDir: path.join(appRoot, 'samples') });
  let win: BrowserWindow | null = null;
  const pending: string[] = [];

  const launchFiles = filesFromArgv(process.argv, process.cwd(), app.isPackaged);

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
    for (const file of result.filePaths) await recent.add(file);
    void refreshMenu();
    return result.filePaths;
  }

  async function openFiles(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
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
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
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
    });
    registerIpc({ ipcMain, handlers, isTrustedUrl });
    await refreshMenu();
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

