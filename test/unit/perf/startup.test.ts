/**
 * Start-up's cost in host round trips, counted rather than timed (issue: app start ≤ 1.5× a blank page): the
 * page's start-up against the real host handlers asks the host once (`app.start`) before the first sample's tab
 * exists, and that tab's view starts with the host's layout, so the first graph waits for no document worker.
 * Each round trip was a sequential HTTP request in web mode (five of them before this guard), and the worker's
 * cold start (fetching and compiling elkjs, its first layout) stood between the answer and the first node.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BridgeApi, Handlers, MethodName } from '../../../shared/contract.ts';
import { VALIDATORS } from '../../../shared/contract.ts';
import { createEventHub } from '../../../electron/host/events.ts';
import { createFileService } from '../../../electron/host/files.ts';
import { createGrants } from '../../../electron/host/grants.ts';
import { createHandlers } from '../../../electron/host/handlers.ts';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples');
let dir: string;
let handlers: Handlers;
/** Host methods in the order the page called them. */
const calls: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-startup-'));
  handlers = createHandlers({
    mode: 'web',
    version: 'test',
    launchFiles: [],
    files: createFileService({ samplesDir: SAMPLES, grants: createGrants() }),
    dataDir: path.join(dir, 'data'),
    events: createEventHub(),
    env: {},
    prewarm: true,
  });
  // The host prepares its first sample before the page exists (elkjs must not see the page's `window` below).
  expect((await handlers['app.start']({ first: true })).first?.prepared).toBeTruthy();
  calls.length = 0;
  // The page's view of the world: the host behind the preload bridge, no DOM, no Worker (the worker's head start
  // fails quietly, as it may in any page), no stored session or link.
  const bridge: BridgeApi = {
    call: async (method: MethodName, args: unknown) => {
      calls.push(method);
      const valid = VALIDATORS[method](args);
      const result = await (handlers[method] as (a: unknown) => Promise<unknown>)(valid);
      return { ok: true, result } as never;
    },
    on: () => () => undefined,
  };
  Object.assign(globalThis, {
    window: {
      statescope: bridge,
      location: { hash: '', pathname: '/index.html' },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
  });
});
afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('start-up', () => {
  it('asks the host once before the first sample is in a tab, and that tab starts laid out', async () => {
    const { startUp } = await import('../../../renderer/src/app/startup.ts');
    const { beginStartUp } = await import('../../../renderer/src/app/boot.ts');
    const { createStore, initialState } = await import('../../../renderer/src/app/store.ts');
    const { Dispatcher } = await import('../../../renderer/src/app/dispatcher.ts');
    const { restoreSnapshot } = await import('../../../renderer/src/asl/snapshot.ts');
    beginStartUp(); // as main.tsx does, before the first render
    const store = createStore(initialState('en', 'system'));
    const dispatcher = new Dispatcher(store, () => undefined);
    let callsBeforeTab: string[] | null = null;
    store.subscribe(() => {
      if (callsBeforeTab === null && store.getState().tabs.some((t) => t.kind === 'asl')) callsBeforeTab = [...calls];
    });
    await startUp(dispatcher, store, () => true);

    expect(callsBeforeTab).toEqual(['app.start']);
    const state = store.getState();
    expect(state.ready).toBe(true);
    expect(state.samples?.length ?? 0).toBeGreaterThan(0);
    const tab = state.tabs.find((t) => t.kind === 'asl');
    expect(tab && tab.kind === 'asl' ? tab.source.path : null).toBe('sample:order-processing');
    const snap = restoreSnapshot(tab!.id, 0);
    expect(snap.summary?.machines.map((m) => m.name)).toEqual(['order-processing']);
    expect(snap.result?.layout?.nodes.length ?? 0).toBeGreaterThan(10);
    // Nothing else was asked of the host during start-up.
    expect(calls).toEqual(['app.start']);
  });

  it('shows why when the host cannot be reached: a message on the welcome page, never a blank window', async () => {
    vi.resetModules();
    const failing: BridgeApi = {
      call: async () => ({ ok: false, error: { message: 'connection refused', code: 'network', status: 0 } }) as never,
      on: () => () => undefined,
    };
    Object.assign((globalThis as unknown as { window: object }).window, { statescope: failing });
    const { startUp } = await import('../../../renderer/src/app/startup.ts');
    const { createStore, initialState, activeTab } = await import('../../../renderer/src/app/store.ts');
    const { Dispatcher } = await import('../../../renderer/src/app/dispatcher.ts');
    const store = createStore(initialState('en', 'system'));
    await startUp(new Dispatcher(store, () => undefined), store, () => true);
    const state = store.getState();
    expect(activeTab(state).kind).toBe('welcome');
    expect(state.samplesError).toBe('connection refused');
    expect(state.status).toContain('connection refused');
    expect(state.ready).toBe(true);
  });
});
