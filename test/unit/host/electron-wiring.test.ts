/**
 * The Electron side without an Electron binary: the real window options and handlers (window.ts), the IPC
 * registration (ipc.ts), the preload object (preload-api.ts), the app:// scheme, argv hand-over, the menu, and
 * main.ts itself driven with a fake `electron` module.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHODS, channelOf, type Handlers } from '../../../shared/contract.ts';
import { createAppProtocolHandler } from '../../../electron/app-protocol.ts';
import { filesFromArgv } from '../../../electron/argv.ts';
import { HostError } from '../../../electron/host/errors.ts';
import { EVENT_CHANNEL, isTrustedRendererUrl, registerIpc, type IpcEnvelope } from '../../../electron/ipc.ts';
import { aboutText, shortcutsText } from '../../../electron/about.ts';
import { HELP_LINKS, buildMenuTemplate } from '../../../electron/menu.ts';
import { attributionText } from '../../../shared/notes/credits.ts';
import { createPreloadApi } from '../../../electron/preload-api.ts';
import { ApiError, createBridgeApi } from '../../../renderer/src/api.ts';
import { CSP } from '../../../electron/web/server.ts';
import { createMainWindow, isExternalLinkAllowed, type MainWindowDeps } from '../../../electron/window.ts';

type Listener = (...args: any[]) => any;

/** A stand-in for BrowserWindow that records what the code under test does to it. */
class FakeWindow {
  static instances: FakeWindow[] = [];
  static getAllWindows = () => FakeWindow.instances;
  listeners = new Map<string, Listener[]>();
  loaded: string[] = [];
  focused = 0;
  webContents = {
    handlers: new Map<string, Listener[]>(),
    sent: [] as unknown[][],
    openHandler: undefined as Listener | undefined,
    on: (event: string, fn: Listener) => {
      const list = this.webContents.handlers.get(event) ?? [];
      list.push(fn);
      this.webContents.handlers.set(event, list);
    },
    once: (event: string, fn: Listener) => this.webContents.on(event, fn),
    setWindowOpenHandler: (fn: Listener) => {
      this.webContents.openHandler = fn;
    },
    send: (...args: unknown[]) => this.webContents.sent.push(args),
    isDestroyed: () => false,
  };
  constructor(readonly options: any) {
    FakeWindow.instances.push(this);
  }
  on(event: string, fn: Listener) {
    const list = this.listeners.get(event) ?? [];
    list.push(fn);
    this.listeners.set(event, list);
  }
  once(event: string, fn: Listener) {
    this.on(event, fn);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show() {}
  focus() {
    this.focused++;
  }
  isMinimized() {
    return false;
  }
  restore() {}
}

function fakeSession() {
  const s = {
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    headers: undefined as Listener | undefined,
    setPermissionRequestHandler: (fn: Listener) => {
      s.permissionRequest = fn;
    },
    setPermissionCheckHandler: (fn: Listener) => {
      s.permissionCheck = fn;
    },
    webRequest: {
      onHeadersReceived: (fn: Listener) => {
        s.headers = fn;
      },
    },
  };
  return s;
}

function newWindow() {
  FakeWindow.instances = [];
  const session = fakeSession();
  const opened: string[] = [];
  const win = createMainWindow({
    BrowserWindow: FakeWindow as unknown as MainWindowDeps['BrowserWindow'],
    session: session as unknown as MainWindowDeps['session'],
    shell: { openExternal: async (url: string) => void opened.push(url) },
    preloadPath: '/app/out/electron/preload.cjs',
    rendererUrl: 'app://statescope/',
    isTrustedUrl: (url) => isTrustedRendererUrl(url),
  }) as unknown as FakeWindow;
  return { win, session, opened };
}

/** Menu actions that record their calls. */
function menuActions() {
  return {
    open: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    command: vi.fn(),
    openExternal: vi.fn(),
    showShortcuts: vi.fn(),
    showAbout: vi.fn(),
    openLog: vi.fn(),
  };
}

describe('main window (window.ts)', () => {
  it('is created with the hardened web preferences and our preload', () => {
    const { win } = newWindow();
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/electron/preload.cjs',
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(win.loaded).toEqual(['app://statescope/']);
  });

  it('prevents navigation away from the renderer', () => {
    const { win } = newWindow();
    const [navigate] = win.webContents.handlers.get('will-navigate')!;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)']) {
      const event = { preventDefault: vi.fn() };
      navigate!(event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const ours = { preventDefault: vi.fn() };
    navigate!(ours, 'app://statescope/index.html');
    expect(ours.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses redirects away from the renderer and never attaches a webview', () => {
    const { win } = newWindow();
    const [redirect] = win.webContents.handlers.get('will-redirect')!;
    const away = { preventDefault: vi.fn() };
    redirect!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const [attach] = win.webContents.handlers.get('will-attach-webview')!;
    const webview = { preventDefault: vi.fn() };
    attach!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('uses a CSP that allows no inline or remote script, no plugins, no framing and no form posts', () => {
    const directives = Object.fromEntries(
      CSP.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('denies window.open, sending only https links to the system browser', () => {
    const { win, opened } = newWindow();
    const handler = win.webContents.openHandler!;
    for (const url of [
      'https://docs.aws.amazon.com/step-functions/',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://docs.aws.amazon.com/step-functions/']);
  });

  it('refuses every permission and puts the CSP on every response', () => {
    const { session } = newWindow();
    const answer = vi.fn();
    session.permissionRequest!({}, 'media', answer);
    session.permissionRequest!({}, 'notifications', answer);
    expect(answer.mock.calls).toEqual([[false], [false]]);
    expect(session.permissionCheck!({}, 'clipboard-read')).toBe(false);
    const done = vi.fn();
    session.headers!({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, done);
    const headers = done.mock.calls[0]![0].responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('leaves response headers to the Vite dev server only when asked to (development)', () => {
    const session = fakeSession();
    createMainWindow({
      BrowserWindow: FakeWindow as unknown as MainWindowDeps['BrowserWindow'],
      session: session as unknown as MainWindowDeps['session'],
      shell: { openExternal: async () => {} },
      preloadPath: '/p.cjs',
      rendererUrl: 'http://127.0.0.1:5173/',
      isTrustedUrl: (url) => isTrustedRendererUrl(url, 'http://127.0.0.1:5173'),
      csp: null,
    });
    expect(session.headers).toBeUndefined();
    expect(session.permissionRequest).toBeDefined();
  });
});

describe('IPC registration (ipc.ts)', () => {
  function setup(overrides: Partial<Handlers> = {}) {
    const registered = new Map<string, Listener>();
    const calls: string[] = [];
    const handlers = Object.fromEntries(
      METHODS.map((m) => [m, async (args: unknown) => (calls.push(m), { method: m, args })]),
    ) as unknown as Handlers;
    Object.assign(handlers, overrides);
    const remove = registerIpc({
      ipcMain: {
        handle: (channel: string, fn: Listener) => void registered.set(channel, fn),
        removeHandler: (channel: string) => void registered.delete(channel),
      } as any,
      handlers,
      isTrustedUrl: (url) => isTrustedRendererUrl(url),
    });
    const invoke = (method: string, args: unknown, url = 'app://statescope/index.html') =>
      registered.get(`statescope:${method}`)!({ senderFrame: { url } }, args) as Promise<IpcEnvelope>;
    return { registered, calls, remove, invoke };
  }

  it('registers exactly one channel per contract method, and removes them', () => {
    const { registered, remove } = setup();
    expect([...registered.keys()].sort()).toEqual(METHODS.map((m) => channelOf(m)).sort());
    remove();
    expect(registered.size).toBe(0);
  });

  it('refuses calls from frames that are not our renderer', async () => {
    const { invoke, calls, registered } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://statescope.evil/', '']) {
      expect(await invoke('files.read', { path: '/etc/hosts' }, url)).toMatchObject({
        ok: false,
        error: { code: 'untrusted-sender' },
      });
    }
    expect(await registered.get('statescope:app.info')!({}, {})).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('validates arguments before calling the handler', async () => {
    const { invoke, calls } = setup();
    expect(await invoke('files.read', { path: 7 })).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    expect(await invoke('files.readSample', 'x')).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    expect(calls).toEqual([]);
    expect(await invoke('files.read', { path: '/x.json', extra: 1 })).toEqual({
      ok: true,
      result: { method: 'files.read', args: { path: '/x.json' } },
    });
  });

  it('passes host errors through with their code', async () => {
    const { invoke } = setup({
      'files.read': async () => {
        throw new HostError('x.json is a folder, not a file.', 'is-directory');
      },
      'files.samples': async () => {
        throw new Error('boom');
      },
    });
    expect(await invoke('files.read', { path: '/x.json' })).toEqual({
      ok: false,
      error: { message: 'x.json is a folder, not a file.', code: 'is-directory', status: 400 },
    });
    expect(await invoke('files.samples', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('preload object (preload-api.ts)', () => {
  function fakeIpc(reply: (channel: string, args: unknown) => unknown) {
    const listeners = new Map<string, Set<Listener>>();
    const invoked: unknown[][] = [];
    return {
      invoked,
      listeners,
      emit: (message: unknown) => listeners.get(EVENT_CHANNEL)?.forEach((fn) => fn({}, message)),
      ipc: {
        invoke: async (channel: string, args: unknown) => (invoked.push([channel, args]), reply(channel, args)),
        on: (channel: string, fn: Listener) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)!.add(fn);
        },
        removeListener: (channel: string, fn: Listener) => listeners.get(channel)?.delete(fn),
      },
    };
  }

  it('is frozen and calls through the contract channel', async () => {
    const fake = fakeIpc(() => ({ ok: true, result: { mode: 'electron' } }));
    const api = createPreloadApi(fake.ipc as any);
    expect(Object.isFrozen(api)).toBe(true);
    expect(await api.call('app.info', {})).toEqual({ ok: true, result: { mode: 'electron' } });
    expect(fake.invoked).toEqual([['statescope:app.info', {}]]);
  });

  it("keeps the host's error code across contextBridge's structured clone, and refuses unknown methods locally", async () => {
    const fake = fakeIpc(() => ({ ok: false, error: { message: 'nope', code: 'not-found', status: 404 } }));
    const preload = createPreloadApi(fake.ipc as any);
    // What contextBridge does to values crossing into the page: a structured clone. An Error loses its own
    // properties there, which is why the preload answers envelopes and the page raises the error.
    const thrown = Object.assign(new Error('nope'), { code: 'not-found' });
    expect((structuredClone(thrown) as { code?: string }).code).toBeUndefined();
    const page = createBridgeApi({
      call: async (method, args) => structuredClone(await preload.call(method, args)),
      on: preload.on,
    });
    const error = await page.call('files.read', { path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: 'nope', code: 'not-found', status: 404 });
    await expect(page.call('files.remove' as any, {})).rejects.toMatchObject({
      message: 'Unknown method "files.remove".',
      code: 'unknown-method',
    });
    expect(fake.invoked).toHaveLength(1);
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const fake = fakeIpc(() => undefined);
    const api = createPreloadApi(fake.ipc as any);
    const got: unknown[] = [];
    const off = api.on('files.open', (p) => got.push(p));
    fake.emit({ event: 'files.open', payload: { paths: ['/a'] } });
    fake.emit({ event: 'menu.command', payload: { command: 'close-tab' } });
    off();
    fake.emit({ event: 'files.open', payload: { paths: ['/b'] } });
    expect(got).toEqual([{ paths: ['/a'] }]);
    expect(fake.listeners.get(EVENT_CHANNEL)!.size).toBe(0);
  });
});

describe('app:// scheme (app-protocol.ts)', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-proto-'));
    fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(root, 'renderer', 'assets', 'a.js'), 'x');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'top secret');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('serves the renderer with the CSP and refuses everything else', async () => {
    const handle = createAppProtocolHandler(path.join(root, 'renderer'));
    const index = await handle(new Request('app://statescope/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await handle(new Request('app://statescope/assets/a.js'))).headers.get('content-type')).toMatch(
      /javascript/,
    );
    for (const url of [
      'app://statescope/%2e%2e/secret.txt',
      'app://statescope/assets/..%2f..%2fsecret.txt',
      'app://statescope/..%5csecret.txt',
      'app://other/index.html',
      'app://statescope/missing.js',
    ]) {
      const res = await handle(new Request(url));
      expect([403, 404], url).toContain(res.status);
      expect(await res.text()).not.toContain('top secret');
    }
  });
});

describe('argv and menu', () => {
  it('takes the files from a launch, skipping the executable, the app folder and switches', () => {
    expect(filesFromArgv(['/usr/bin/electron', '/app', '--inspect', 'a.asl.json', '/abs/b.yaml'], '/w', false)).toEqual(
      ['/w/a.asl.json', '/abs/b.yaml'],
    );
    expect(filesFromArgv(['/opt/Statescope/statescope', 'x.json', '--', '-odd.json'], '/w', true)).toEqual([
      '/w/x.json',
      '/w/-odd.json',
    ]);
  });

  it('has File (Open, Open Recent, Close), Edit, View, Window and Help; reload only in development', () => {
    const actions = menuActions();
    const template = buildMenuTemplate({ platform: 'linux', isDev: false, recent: ['/a.asl.json'], actions });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const file = template[0]!.submenu as any[];
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Open…',
      'Open Recent',
      'separator',
      'Close Tab',
      'separator',
      'quit',
    ]);
    file[0].click();
    expect(actions.open).toHaveBeenCalled();
    file[1].submenu[0].click();
    expect(actions.openRecent).toHaveBeenCalledWith('/a.asl.json');
    file[3].click();
    expect(actions.command).toHaveBeenCalledWith('close-tab');
    const view = (m: typeof template) => (m[2]!.submenu as any[]).map((i) => i.role).filter(Boolean);
    expect(view(template)).not.toContain('reload');
    const dev = buildMenuTemplate({ platform: 'darwin', isDev: true, recent: [], actions });
    expect(dev[0]!.label).toBe('Statescope');
    expect((dev[0]!.submenu as any[])[0].label).toBe('About Statescope');
    expect(view(dev.slice(1))).toContain('reload');
    expect(((dev[1]!.submenu as any[])[1].submenu as any[])[0]).toMatchObject({ enabled: false });
  });

  it('Help: https documentation through the checked opener, shortcuts, log file and About', () => {
    const actions = menuActions();
    const help = buildMenuTemplate({ platform: 'linux', isDev: false, recent: [], actions })[4]!.submenu as any[];
    expect(help.map((i) => i.label ?? i.type)).toEqual([
      ...HELP_LINKS.map((l) => l.label),
      'separator',
      'Keyboard Shortcuts',
      'Open Log File',
      'separator',
      'About Statescope',
    ]);
    for (const item of help.slice(0, HELP_LINKS.length)) item.click();
    expect(actions.openExternal.mock.calls.map((c) => c[0])).toEqual(HELP_LINKS.map((l) => l.url));
    for (const link of HELP_LINKS) expect(isExternalLinkAllowed(link.url)).toBe(true);
    help.find((i) => i.label === 'Keyboard Shortcuts').click();
    help.find((i) => i.label === 'Open Log File').click();
    help.find((i) => i.label === 'About Statescope').click();
    expect([actions.showShortcuts, actions.openLog, actions.showAbout].map((f) => f.mock.calls.length)).toEqual([
      1, 1, 1,
    ]);
  });

  it('About names the version, the notes credit with its licence and the bundled libraries', () => {
    const text = aboutText('1.2.3');
    expect(text).toContain('Statescope 1.2.3');
    expect(text).toContain(attributionText('en'));
    expect(text).toContain('CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)');
    expect(text).toContain('elkjs (EPL-2.0)');
    expect(shortcutsText('darwin')).toMatch(/^Cmd\+O +Open files$/m);
    expect(shortcutsText('linux')).toMatch(/^Ctrl\+F +Find a state in the diagram$/m);
  });
});

describe('electron/build.mjs', () => {
  it('bundles main and a self-contained CommonJS preload', () => {
    const root = path.resolve(__dirname, '../../..');
    const run = spawnSync(process.execPath, ['electron/build.mjs'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const preload = fs.readFileSync(path.join(root, 'out/electron/preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
    expect(fs.readFileSync(path.join(root, 'out/electron/main.cjs'), 'utf8')).toContain('requestSingleInstanceLock');
  });
});
