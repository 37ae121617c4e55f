/**
 * electron/main.ts run against a fake `electron` module: the single-instance lock, the window it opens, the
 * IPC it registers, and a second launch handing its files to the running window.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { METHODS, channelOf } from '../../../shared/contract.ts';

type Listener = (...args: any[]) => any;

const state = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const windows: any[] = [];
  const ipcHandlers = new Map<string, Listener>();
  return {
    appListeners,
    windows,
    ipcHandlers,
    protocolHandlers: new Map<string, Listener>(),
    privileged: [] as any[],
    menus: [] as any[],
    protocolClients: [] as unknown[][],
    lock: true,
    quit: 0,
    root: '',
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    listeners = new Map<string, Listener[]>();
    focused = 0;
    webContents: any;
    constructor(readonly options: any) {
      const handlers = new Map<string, Listener[]>();
      this.webContents = {
        handlers,
        sent: [] as unknown[][],
        on: (e: string, fn: Listener) => handlers.set(e, [...(handlers.get(e) ?? []), fn]),
        once: (e: string, fn: Listener) => handlers.set(e, [...(handlers.get(e) ?? []), fn]),
        setWindowOpenHandler: vi.fn(),
        send: (...args: unknown[]) => this.webContents.sent.push(args),
        isDestroyed: () => false,
        reload: vi.fn(),
      };
      for (const fn of state.appListeners.get('web-contents-created') ?? []) fn({}, this.webContents);
      state.windows.push(this);
    }
    on(e: string, fn: Listener) {
      this.listeners.set(e, [...(this.listeners.get(e) ?? []), fn]);
    }
    once(e: string, fn: Listener) {
      this.on(e, fn);
    }
    loadURL = vi.fn(async () => {});
    show() {}
    focus() {
      this.focused++;
    }
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    isMaximized() {
      return false;
    }
    maximize() {}
    getNormalBounds() {
      return { x: 40, y: 30, width: 1000, height: 700 };
    }
    restore() {}
  }
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => state.lock,
    quit: () => void state.quit++,
    getAppPath: () => state.root,
    getPath: () => path.join(state.root, 'user-data'),
    getVersion: () => '1.2.3',
    getLocale: () => 'ko',
    on: (e: string, fn: Listener) => state.appListeners.set(e, [...(state.appListeners.get(e) ?? []), fn]),
    whenReady: () => Promise.resolve(),
    setAsDefaultProtocolClient: (...args: unknown[]) => void state.protocolClients.push(args),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  };
  return {
    app,
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void state.menus.push(m) },
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: {
      handle: (channel: string, fn: Listener) => void state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => void state.ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void state.privileged.push(...s),
      handle: (scheme: string, fn: Listener) => void state.protocolHandlers.set(scheme, fn),
    },
    session,
    shell: { openExternal: vi.fn(), openPath: vi.fn(async () => '') },
  };
});

state.root = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-main-'));
const dataDir = path.join(state.root, 'data');
process.env.STATESCOPE_DATA_DIR = dataDir;

afterAll(() => {
  delete process.env.STATESCOPE_DATA_DIR;
  fs.rmSync(state.root, { recursive: true, force: true });
});

async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
}

describe('electron/main.ts', () => {
  it('starts: privileged app:// scheme, IPC for every method, a menu, one hardened window', async () => {
    await import('../../../electron/main.ts');
    await settle();
    expect(state.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(state.protocolHandlers.has('app')).toBe(true);
    expect([...state.ipcHandlers.keys()].sort()).toEqual(METHODS.map(channelOf).sort());
    expect(state.menus.length).toBeGreaterThan(0);
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0];
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.options.webPreferences.preload).toBe(path.join(state.root, 'out', 'electron', 'preload.cjs'));
    expect(win.loadURL).toHaveBeenCalledWith('app://statescope/');
  });

  it('answers app.info over IPC only for our own renderer', async () => {
    const handler = state.ipcHandlers.get('statescope:app.info')!;
    const ok = await handler({ senderFrame: { url: 'app://statescope/' } }, {});
    expect(ok).toMatchObject({ ok: true, result: { mode: 'electron', version: '1.2.3', locale: 'ko' } });
    const refused = await handler({ senderFrame: { url: 'https://evil.example/' } }, {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('hands the files of a second launch to the running window and focuses it', async () => {
    const win = state.windows[0];
    for (const fn of state.appListeners.get('second-instance') ?? []) {
      fn({}, ['/usr/bin/electron', state.root, '--some-switch', 'flows/order.asl.json'], '/srv/project');
    }
    await settle();
    expect(win.webContents.sent).toContainEqual([
      'statescope:event',
      { event: 'files.open', payload: { paths: ['/srv/project/flows/order.asl.json'] } },
    ]);
    expect(win.focused).toBe(1);
    const recent = JSON.parse(fs.readFileSync(path.join(dataDir, 'recent.json'), 'utf8'));
    expect(recent).toEqual(['/srv/project/flows/order.asl.json']);
  });

  it('registers statescope:// links and hands only the documented route to the window, granting its files', async () => {
    expect(state.protocolClients[0]?.[0]).toBe('statescope');
    const win = state.windows[0];
    const sentBefore = win.webContents.sent.length;
    const focusedBefore = win.focused;
    const file = path.join(state.root, 'linked.asl.json');
    fs.writeFileSync(file, JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }));
    const good = `statescope://open?${new URLSearchParams({ doc: file, state: 'A' })}`;
    const link = () => ({ preventDefault: vi.fn() }) as unknown as Listener;
    for (const fn of state.appListeners.get('open-url') ?? []) fn(link(), good);
    for (const fn of state.appListeners.get('open-url') ?? []) fn(link(), 'statescope://run?cmd=calc');
    for (const fn of state.appListeners.get('second-instance') ?? []) {
      fn({}, ['/usr/bin/electron', state.root, 'statescope://open?doc=relative.json'], '/srv/project');
    }
    await settle();
    const sent = win.webContents.sent.slice(sentBefore);
    expect(sent).toEqual([
      [
        'statescope:event',
        { event: 'app.openLink', payload: { hash: `#${new URLSearchParams({ doc: file, state: 'A' })}` } },
      ],
    ]);
    expect(win.focused).toBe(focusedBefore + 1);
    // The linked file was granted: the page may now read it.
    const read = state.ipcHandlers.get('statescope:files.read')!;
    expect(await read({ senderFrame: { url: 'app://statescope/' } }, { path: file })).toMatchObject({ ok: true });
  });

  it('guards every web contents the app creates: no navigation away, no window.open', async () => {
    const handlers = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    const contents = {
      on: (e: string, fn: Listener) => void handlers.set(e, fn),
      setWindowOpenHandler: (fn: Listener) => void (openHandler = fn),
    };
    for (const fn of state.appListeners.get('web-contents-created') ?? []) fn({}, contents);
    const away = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const ours = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(ours, 'app://statescope/');
    expect(ours.preventDefault).not.toHaveBeenCalled();
    expect(openHandler!({ url: 'https://docs.aws.amazon.com/' })).toEqual({ action: 'deny' });
  });

  it('reloads a crashed renderer, tells the user and logs the crash', async () => {
    const electron = (await import('electron')) as any;
    const win = state.windows[0];
    for (const fn of win.webContents.handlers.get('render-process-gone') ?? [])
      fn({}, { reason: 'crashed', exitCode: 139 });
    await settle();
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
    const shown = electron.dialog.showMessageBox.mock.calls.at(-1);
    expect(shown[1]).toMatchObject({ message: 'The window stopped unexpectedly and was reloaded.' });
    const log = fs.readFileSync(path.join(dataDir, 'statescope-errors.log'), 'utf8');
    expect(log).toMatch(/renderer \(render-process-gone\): reason: crashed, exit code: 139/);
  });

  it('logs unhandled main-process errors to the log file', async () => {
    const onError = process.listeners('uncaughtException').at(-1)!;
    const onRejection = process.listeners('unhandledRejection').at(-1)!;
    try {
      onError(new Error('boom in main'), 'uncaughtException');
      onRejection(new Error('rejected in main'), Promise.resolve());
      await settle();
      const log = fs.readFileSync(path.join(dataDir, 'statescope-errors.log'), 'utf8');
      expect(log).toMatch(/main \(uncaughtException\): boom in main\nError: boom in main/);
      expect(log).toMatch(/main \(unhandledRejection\): rejected in main/);
    } finally {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onRejection);
    }
  });

  it('remembers the window bounds on close and opens the next window there', async () => {
    const win = state.windows[0];
    for (const fn of win.listeners.get('close') ?? []) fn();
    await settle();
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({
      x: 40,
      y: 30,
      width: 1000,
      height: 700,
      maximized: false,
    });
    for (const fn of win.listeners.get('closed') ?? []) fn();
    state.windows.length = 0;
    for (const fn of state.appListeners.get('activate') ?? []) fn();
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0].options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 });
  });

  it('Help › About shows the credits; Open Log File opens the log in the data folder', async () => {
    const electron = (await import('electron')) as any;
    const menu = state.menus.at(-1) as any[];
    const help = menu.find((m) => m.label === '&Help').submenu as any[];
    help.find((i: any) => i.label === 'About Statescope').click();
    help.find((i: any) => i.label === 'Open Log File').click();
    await settle();
    const about = electron.dialog.showMessageBox.mock.calls.at(-1);
    expect(about[1]).toMatchObject({ title: 'About Statescope', message: 'Statescope 1.2.3' });
    expect(about[1].detail).toContain('CC BY 4.0');
    expect(electron.shell.openPath).toHaveBeenCalledWith(path.join(dataDir, 'statescope-errors.log'));
  });
});
