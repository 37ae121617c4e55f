/**
 * The window's store (renderer/src/app/store.ts): a pure reducer over typed actions, tested without a DOM or host.
 */
import { describe, expect, it } from 'vitest';
import {
  activeTab,
  appReducer,
  aslTabOf,
  createStore,
  initialState,
  WELCOME_ID,
  type AppAction,
  type AppState,
} from '../../../renderer/src/app/store.ts';
import type { DocumentTab } from '../../../renderer/src/app/documents.ts';
import type { Overlay } from '../../../renderer/src/overlay/model.ts';

const asl = (id: string, path: string, text = '{}'): DocumentTab => ({
  id,
  kind: 'asl',
  title: path.split('/').pop()!,
  source: { path, name: path.split('/').pop()!, text },
  revision: 0,
});

const overlay = { source: 'history', label: 'run', text: '{}', states: {} } as unknown as Overlay;

function run(actions: AppAction[], from: AppState = initialState('en', 'system')): AppState {
  return actions.reduce(appReducer, from);
}

describe('app store', () => {
  it('starts on the Welcome tab in the chosen language and theme, not ready', () => {
    const s = initialState('ko', 'dark', ['/a.json']);
    expect(s.tabs.map((t) => t.kind)).toEqual(['welcome']);
    expect(s.activeId).toBe(WELCOME_ID);
    expect([s.lang, s.theme, s.ready, s.recent]).toEqual(['ko', 'dark', false, ['/a.json']]);
  });

  it('activates an added tab, and on closing the shown tab shows its right-hand neighbour, else the last', () => {
    let s = run([
      { type: 'tab.added', tab: asl('a', '/a.json') },
      { type: 'tab.added', tab: asl('b', '/b.json') },
      { type: 'tab.added', tab: asl('c', '/c.json') },
    ]);
    expect(s.activeId).toBe('c');
    s = run(
      [
        { type: 'tab.activated', id: 'b' },
        { type: 'tab.closed', id: 'b' },
      ],
      s,
    );
    expect(s.tabs.map((t) => t.id)).toEqual([WELCOME_ID, 'a', 'c']);
    expect(s.activeId).toBe('c');
    s = run([{ type: 'tab.closed', id: 'c' }], s);
    expect(s.activeId).toBe('a');
    // Closing a tab that is not shown keeps the shown one.
    s = run(
      [
        { type: 'tab.added', tab: asl('d', '/d.json') },
        { type: 'tab.closed', id: 'a' },
      ],
      s,
    );
    expect(s.activeId).toBe('d');
  });

  it('never closes the Welcome tab, and ignores unknown ids', () => {
    const s = initialState('en', 'system');
    expect(appReducer(s, { type: 'tab.closed', id: WELCOME_ID })).toBe(s);
    expect(appReducer(s, { type: 'tab.closed', id: 'nope' })).toBe(s);
    expect(appReducer(s, { type: 'tab.activated', id: 'nope' })).toBe(s);
  });

  it('forgets everything kept per tab when the tab closes', () => {
    const s = run([
      { type: 'tab.added', tab: asl('a', '/a.json') },
      { type: 'overlay.applied', tabId: 'a', overlay, origin: { execution: '/h.json' } },
      { type: 'graph.reported', tabId: 'a', graph: { name: 'M', states: ['S'] } },
      { type: 'annotations.listed', tabId: 'a', elements: new Set(['S']) },
      { type: 'xray.selected', tabId: 'a', selection: { kind: 'xray', node: { name: 'n' } } },
      { type: 'tab.closed', id: 'a' },
    ]);
    expect([s.overlays, s.overlayOrigins, s.graphs, s.annotated, s.xraySelection]).toEqual([{}, {}, {}, {}, {}]);
  });

  it('applying an overlay shows its tab and records (or drops) where it came from', () => {
    let s = run([
      { type: 'tab.added', tab: asl('a', '/a.json') },
      { type: 'tab.added', tab: asl('b', '/b.json') },
      { type: 'overlay.applied', tabId: 'a', overlay, origin: { xray: ['/t.json'], trace: '1-abc' } },
    ]);
    expect(s.activeId).toBe('a');
    expect(s.overlayOrigins.a).toEqual({ xray: ['/t.json'], trace: '1-abc' });
    s = appReducer(s, { type: 'overlay.applied', tabId: 'a', overlay });
    expect(s.overlayOrigins.a).toBeUndefined();
    s = appReducer(s, { type: 'overlay.cleared', tabId: 'a' });
    expect(s.overlays.a).toBeUndefined();
  });

  it('re-reads raise the revision of every tab on that path, and only those', () => {
    const s = run([
      { type: 'tab.added', tab: asl('a', '/a.json') },
      { type: 'tab.added', tab: asl('b', '/b.json') },
      { type: 'asl.reread', path: '/a.json', source: { path: '/a.json', name: 'a.json', text: '{"x":1}' } },
    ]);
    const a = aslTabOf(s, '/a.json')!;
    expect([a.revision, a.source.text]).toEqual([1, '{"x":1}']);
    expect(aslTabOf(s, '/b.json')!.revision).toBe(0);
    const r = appReducer(s, { type: 'asl.replaced', id: 'b', source: { path: '/b.json', name: 'b', text: '2' } });
    expect(aslTabOf(r, '/b.json')!.revision).toBe(1);
  });

  it('returns the same state for a graph report that changes nothing (no re-render)', () => {
    const s = run([{ type: 'graph.reported', tabId: 'a', graph: { name: 'M', states: ['A', 'B'] } }]);
    expect(appReducer(s, { type: 'graph.reported', tabId: 'a', graph: { name: 'M', states: ['A', 'B'] } })).toBe(s);
    expect(appReducer(s, { type: 'graph.reported', tabId: 'a', graph: { name: 'M', states: ['A'] } })).not.toBe(s);
  });

  it('lists each failed file once (the latest message), keeps the last 50, and dismisses them all', () => {
    let s = run([
      { type: 'open.failed', path: '/x/a.json', message: 'one' },
      { type: 'open.failed', path: '/x/a.json', message: 'two' },
      { type: 'open.failed', path: 'C:\\y\\b.json', message: 'three' },
    ]);
    expect(s.openErrors).toEqual([
      { name: 'a.json', path: '/x/a.json', message: 'two' },
      { name: 'b.json', path: 'C:\\y\\b.json', message: 'three' },
    ]);
    for (let i = 0; i < 60; i++) s = appReducer(s, { type: 'open.failed', path: `/f${i}`, message: 'm' });
    expect(s.openErrors).toHaveLength(50);
    expect(s.openErrors.at(-1)!.path).toBe('/f59');
    expect(appReducer(s, { type: 'open.dismissed' }).openErrors).toEqual([]);
  });

  it('activeTab falls back to the first tab when the active id is gone', () => {
    const s = { ...initialState('en', 'system'), activeId: 'gone' };
    expect(activeTab(s).id).toBe(WELCOME_ID);
  });

  it('the store notifies only on a change, and getState is current right after dispatch', () => {
    const store = createStore(initialState('en', 'system'));
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.dispatch({ type: 'tab.added', tab: asl('a', '/a.json') });
    expect(aslTabOf(store.getState(), '/a.json')?.id).toBe('a');
    store.dispatch({ type: 'status', text: 'Starting…' }); // unchanged
    store.dispatch({ type: 'ready' });
    store.dispatch({ type: 'ready' });
    expect(calls).toBe(2);
    off();
    store.dispatch({ type: 'dragging', on: true });
    expect(calls).toBe(2);
  });
});
