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
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) },
    ipcMain: {
      handle: (channel: string, fn: Listener) => void state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => void state.ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void state.privileged.push(...s),
      handle: (scheme: string, fn: Listener) => void state.protocolHandlers.set(scheme, fn),
    },
    session,
    shell: { openExternal: vi.fn() },
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
      fn({}, ['/usr/bin/electron', state.root, '--some-switch', 'flows/order.asl.json'], '/home/me/project');
    }
    await settle();
    expect(win.webContents.sent).toContainEqual([
      'statescope:event',
      { event: 'files.open', payload: { paths: ['/home/me/project/flows/order.asl.json'] } },
    ]);
    expect(win.focused).toBe(1);
    const recent = JSON.parse(fs.readFileSync(path.join(dataDir, 'recent.json'), 'utf8'));
    expect(recent).toEqual(['/home/me/project/flows/order.asl.json']);
  });
});
