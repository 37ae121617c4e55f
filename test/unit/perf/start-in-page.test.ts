/**
 * Start-up when the page carries the host's answer (web mode writes `app.start`'s answer into index.html, see
 * shared/start-inline.ts): the page asks the host nothing before the first sample's tab exists, and that tab is
 * in the store as soon as `startUp` returns — before it is awaited — so the shell's first render (mount.tsx runs
 * start-up before it) draws the graph. Counted, not timed: host calls before the tab, and whether it is there
 * synchronously. What the host says still wins: a file named at launch opens instead of the sample, and a link
 * in the URL opens instead of it too, and the file a link names is read and laid out by the host as the page
 * starts, before the shell runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeApi, Handlers, MethodName } from '../../../shared/contract.ts';
import { VALIDATORS } from '../../../shared/contract.ts';
import { START_ELEMENT_ID, startElement } from '../../../shared/start-inline.ts';
import { createEventHub } from '../../../electron/host/events.ts';
import { createFileService } from '../../../electron/host/files.ts';
import { createGrants } from '../../../electron/host/grants.ts';
import { createHandlers } from '../../../electron/host/handlers.ts';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples');
let dir: string;
let launchFile: string;
/** Host methods in the order the page called them. */
const calls: string[] = [];

/** The host, started with `launchFiles`; the page may read those and `served` (the workspace's files). */
function handlers(launchFiles: string[], served: string[] = []): Handlers {
  const grants = createGrants();
  for (const f of [...launchFiles, ...served]) grants.grantFile(f);
  return createHandlers({
    mode: 'web',
    version: 'test',
    launchFiles,
    files: createFileService({ samplesDir: SAMPLES, grants }),
    dataDir: fs.mkdtempSync(path.join(dir, 'data-')),
    events: createEventHub(),
    env: {},
  });
}

/**
 * A page whose index.html carries `h`'s answer to `app.start` (as the web server writes it), at `hash`, with
 * the host behind the bridge for any call the page still makes.
 */
async function pageWith(h: Handlers, hash = ''): Promise<void> {
  const block = startElement(await h['app.start']({ first: true }));
  const text = block.slice(block.indexOf('>') + 1, block.lastIndexOf('</script>'));
  let element: { textContent: string; remove: () => void } | null = {
    textContent: text,
    remove: () => {
      element = null;
    },
  };
  const bridge: BridgeApi = {
    call: async (method: MethodName, args: unknown) => {
      calls.push(method);
      const result = await (h[method] as (a: unknown) => Promise<unknown>)(VALIDATORS[method](args));
      return { ok: true, result } as never;
    },
    on: () => () => undefined,
  };
  Object.assign(globalThis, {
    window: {
      statescope: bridge,
      location: { hash, pathname: '/index.html' },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
    document: {
      getElementById: (id: string) => (id === START_ELEMENT_ID ? element : null),
      documentElement: { dataset: {}, style: {} },
    },
  });
}

async function start() {
  const { startUp } = await import('../../../renderer/src/app/startup.ts');
  const { createStore, initialState } = await import('../../../renderer/src/app/store.ts');
  const { Dispatcher } = await import('../../../renderer/src/app/dispatcher.ts');
  const { restoreSnapshot } = await import('../../../renderer/src/asl/snapshot.ts');
  const store = createStore(initialState('en', 'system'));
  const running = startUp(new Dispatcher(store, () => undefined), store, () => true);
  return { store, running, restoreSnapshot };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-start-in-page-'));
  launchFile = path.join(dir, 'given.asl.json');
  fs.writeFileSync(launchFile, JSON.stringify({ StartAt: 'Given', States: { Given: { Type: 'Succeed' } } }));
});
beforeEach(() => {
  vi.resetModules();
  calls.length = 0;
});
afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
  Reflect.deleteProperty(globalThis, 'document');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('start-up with the answer in the page', () => {
  it('has the first sample laid out in a tab when startUp returns, with no host call before it', async () => {
    await pageWith(handlers([]));
    const { store, running, restoreSnapshot } = await start();
    // Synchronously: no await between startUp's call and here.
    const tab = store.getState().tabs.find((t) => t.kind === 'asl');
    expect(tab && tab.kind === 'asl' ? tab.source.path : null).toBe('sample:order-processing');
    expect(store.getState().ready).toBe(true);
    expect(calls).toEqual([]);
    expect(restoreSnapshot(tab!.id, 0).result?.layout?.nodes.length ?? 0).toBeGreaterThan(10);
    await running;
    // The element is read once and removed from the page.
    expect((globalThis as unknown as { document: Document }).document.getElementById(START_ELEMENT_ID)).toBeNull();
    expect(calls).not.toContain('app.start');
  });

  it('opens the file the host was started with instead of the sample', async () => {
    await pageWith(handlers([launchFile]));
    const { store, running } = await start();
    await running;
    const paths = store.getState().tabs.flatMap((t) => (t.kind === 'asl' ? [t.source.path] : []));
    expect(paths).toEqual([launchFile]);
    expect(calls).toEqual(['files.read']);
  });

  it('reads and lays out a linked file with the page, before the shell runs, and asks once', async () => {
    // The link names a file of the served workspace.
    await pageWith(handlers([], [launchFile]), `#doc=${encodeURIComponent(launchFile)}`);
    const { beginStartUp } = await import('../../../renderer/src/app/boot.ts');
    beginStartUp();
    await new Promise((r) => setTimeout(r, 50));
    // Asked before start-up (and the shell) ran: the text and the host's layout of it, in one call.
    expect(calls).toEqual(['asl.readPrepared']);
    const { store, running, restoreSnapshot } = await start();
    await running;
    expect(calls).toEqual(['asl.readPrepared']);
    const tab = store.getState().tabs.find((t) => t.kind === 'asl');
    expect(tab && tab.kind === 'asl' ? tab.source.path : null).toBe(launchFile);
    // The tab's view starts with the host's layout: nothing left to ask before its graph.
    const snap = restoreSnapshot(tab!.id, 0);
    expect(snap.summary?.machines.length).toBe(1);
    expect(snap.result?.layout?.nodes.map((n) => n.id)).toContain('Given');
  });

  it('opens the document a link in the URL names instead of the sample', async () => {
    await pageWith(handlers([]), '#doc=sample%3Ahuman-approval');
    const { store, running } = await start();
    await running;
    const paths = store.getState().tabs.flatMap((t) => (t.kind === 'asl' ? [t.source.path] : []));
    expect(paths).toEqual(['sample:human-approval']);
    expect(calls).toEqual(['asl.readPrepared']);
  });
});
