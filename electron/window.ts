/**
 * The main window and its hardening, with every Electron object injected: tests in plain Node pass fakes and
 * check the real options and handlers (no Electron binary needed).
 *
 * Hardening: context isolation, sandbox, no Node in the page, web security on; navigation away from our renderer
 * prevented; `window.open` denied (https links go to the system browser after a scheme check); every permission
 * request and check refused; a CSP header on every response the session sees.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, Shell } from 'electron';
import { CSP } from './web/server.ts';

export interface MainWindowDeps {
  /** `BrowserWindow` (or a fake with the same constructor). */
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;
  shell: Pick<Shell, 'openExternal'>;
  /** Absolute path of the bundled preload (out/electron/preload.cjs). */
  preloadPath: string;
  /** The page to load (`app://statescope/` or the dev server's URL). */
  rendererUrl: string;
  /** True when a URL belongs to our renderer (navigation to anything else is refused). */
  isTrustedUrl: (url: string) => boolean;
  title?: string;
  /**
   * The CSP put on every response (default: the app's strict one). `null` leaves headers alone, for the Vite dev
   * server in development, whose hot reload needs inline scripts and a websocket.
   */
  csp?: string | null;
  /** Remembered size and position (see window-state.ts); absent on first start. */
  bounds?: { x: number; y: number; width: number; height: number } | null;
}

/** The exact options the window is created with (exported so tests and reviewers read one place). */
export function windowOptions(
  preloadPath: string,
  title = 'Statescope',
  bounds?: { x: number; y: number; width: number; height: number } | null,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : {}),
    minWidth: 720,
    minHeight: 480,
    title,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/** Only plain https links leave the app, and only to the system browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Applies the session-wide rules: permissions refused, CSP on every response. */
export function hardenSession(session: MainWindowDeps['session'], csp: string | null = CSP): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  if (csp === null) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    headers['Content-Security-Policy'] = [csp];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
}

/** Creates the hardened window and starts loading the renderer. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  hardenSession(deps.session, deps.csp === undefined ? CSP : deps.csp);
  const win = new deps.BrowserWindow(windowOptions(deps.preloadPath, deps.title, deps.bounds));
  const contents = win.webContents;

  const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
    if (!deps.isTrustedUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void deps.shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(deps.rendererUrl);
  return win;
}
