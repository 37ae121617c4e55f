/**
 * The window: a top bar (open file, open path, study notes, AWS, language, theme), document tabs, the active
 * document's view and a status line.
 *
 * Layout of the shell (the way GitHub Desktop separates them): the state lives in one store with typed actions
 * (store.ts, pure and unit-tested), everything that talks to the host or routes files is in the dispatcher
 * (dispatcher.ts, start-up in startup.ts, host and window events in host-events.ts), and the components here and
 * beside it only render the state and call the dispatcher.
 */
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import { getApi } from '../api.ts';
import { subscribeEdits } from '../editor/store.ts';
import { LangContext, langOf, storedLang, translate, type MessageKey } from '../i18n/index.ts';
import { MachinePicker } from '../overlay/ExecutionView.tsx';
import { useStateMachineTracesVersion } from '../xray/state-machine-traces.ts';
import { afterFirstPaint } from './after-paint.ts';
import { AslTab } from './AslTab.tsx';
import { linkable } from './deep-link.ts';
import { Dispatcher, openLink } from './dispatcher.ts';
import { disambiguatedTitles, type DocumentTab } from './documents.ts';
import { AnnotationsTransfer, AwsHost, NotesBrowser, XrayTab } from './lazy-views.tsx';
import { subscribeDrops, subscribeErrors, subscribeHashLinks, subscribeHost } from './host-events.ts';
import { recentFiles, sessionOf, storeSession } from './session.ts';
import { activeTab, createStore, initialState, type AppState, type Store } from './store.ts';
import { OpenErrors, TabStrip } from './TabStrip.tsx';
import { setThemeSetting, storedTheme } from './theme.ts';
import { TopBar } from './TopBar.tsx';
import { Welcome } from './Welcome.tsx';

const isXrayTab = (x: DocumentTab): x is Extract<DocumentTab, { kind: 'xray' }> => x.kind === 'xray';

/** The window's store, its dispatcher and the file input the dispatcher clicks. */
export interface Shell {
  store: Store;
  dispatcher: Dispatcher;
  fileInput: RefObject<HTMLInputElement | null>;
}

/**
 * The shell made once for the window before its first render (mount.tsx), so start-up can fill the store first:
 * when the host's answer came with the page, the first render already draws the first sample.
 */
export function createShell(): Shell {
  const fileInput: RefObject<HTMLInputElement | null> = { current: null };
  const lang = storedLang() ?? langOf(globalThis.navigator?.language);
  const store = createStore(initialState(lang, storedTheme() ?? 'system', recentFiles()));
  return { store, dispatcher: new Dispatcher(store, () => fileInput.current?.click()), fileInput };
}

/** The host's and window's events for the window's life (start-up itself runs before the first render). */
function useWiring(store: Store, dispatcher: Dispatcher): void {
  useEffect(() => {
    const offs = [
      subscribeHost(dispatcher, store),
      subscribeDrops(dispatcher, store),
      subscribeErrors(),
      subscribeHashLinks(dispatcher),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [store, dispatcher]);
  // Unsaved edits: the tab shows a marker (and closing it asks first, dispatcher.closeTab).
  const [, setEditTick] = useState(0);
  useEffect(() => subscribeEdits(() => setEditTick((n) => n + 1)), []);
  // A trace named by a link is drawn once the X-Ray worker has found it.
  const tracesVersion = useStateMachineTracesVersion();
  useEffect(() => dispatcher.resolvePendingTrace(), [dispatcher, tracesVersion]);
}

/** What the window keeps in step with the state: language, theme, URL, remembered tabs, status line and title. */
function useFollowers(state: AppState, dispatcher: Dispatcher, tabTitle: (tab: DocumentTab) => string): void {
  const { lang, theme, tabs, ready, activeId, overlayOrigins, info } = state;
  useEffect(() => {
    // Written only when it changes: the same value written again cost a whole-page style pass at start-up.
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
  }, [lang]);
  // The root's data-theme follows the setting (and, for "system", the OS).
  useEffect(() => setThemeSetting(theme), [theme]);
  // The host keeps the open documents so a crashed window can reopen them; this browser tab keeps its tabs for a
  // reload. Not before start-up has read the previous lists, or the first (empty) render would erase them.
  // Both after the first frame (after-paint.ts): neither is on the screen.
  useEffect(() => {
    if (!ready) return;
    const paths = tabs.flatMap((x) => (x.kind === 'asl' && linkable(x.source.path) ? [x.source.path] : []));
    return afterFirstPaint(() => {
      getApi()
        .call('session.setOpenDocuments', { paths })
        .catch(() => undefined);
    });
  }, [tabs, ready]);
  useEffect(() => {
    if (ready) return afterFirstPaint(() => storeSession(sessionOf(tabs, activeId)));
  }, [tabs, activeId, ready]);
  useEffect(() => dispatcher.syncUrl(), [dispatcher, activeId, overlayOrigins, ready, tabs]);
  const active = activeTab(state);
  useEffect(() => {
    const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
    if (active.kind === 'welcome') {
      dispatcher.setStatus(info ? t('app.status.welcome', { version: info.version, mode: info.mode }) : 'Statescope');
    } else if (active.kind === 'unreadable') {
      dispatcher.setStatus(t('app.notOpened', { name: active.title }));
    } else if (active.kind === 'xray') {
      dispatcher.setStatus(`${active.title} · X-Ray`);
    } else if (active.kind === 'notes' || active.kind === 'aws') {
      dispatcher.setStatus(t(active.kind === 'notes' ? 'tab.notes' : 'tab.aws'));
    }
    document.title = active.kind === 'welcome' ? 'Statescope' : `${tabTitle(active)} — Statescope`;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, info, lang]);
}

/** Tab titles: files with the same name read apart by their folders; the fixed tabs in the current language. */
function useTabTitle(state: AppState): (tab: DocumentTab) => string {
  const { tabs, lang } = state;
  const shownTitles = useMemo(
    () =>
      disambiguatedTitles(
        tabs
          .filter((x) => x.kind === 'asl')
          .map((x) => ({ id: x.id, title: x.title, path: x.kind === 'asl' ? x.source.path : undefined })),
      ),
    [tabs],
  );
  return (tab) => {
    if (shownTitles.has(tab.id)) return shownTitles.get(tab.id)!;
    if (tab.kind === 'welcome' || tab.kind === 'notes' || tab.kind === 'aws') return translate(lang, `tab.${tab.kind}`);
    return tab.title;
  };
}

/** The view of the active tab (X-Ray and AWS tabs are drawn apart: they stay mounted). */
function ActiveView({ state, dispatcher }: { state: AppState; dispatcher: Dispatcher }): ReactNode {
  const active = activeTab(state);
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(state.lang, key, vars);
  switch (active.kind) {
    case 'welcome':
      return (
        <Welcome
          samples={state.samples}
          error={state.samplesError}
          onOpen={(s) => void dispatcher.openSampleId(s.id, s.name)}
          recent={state.info?.mode === 'web' ? state.recent : []}
          onOpenRecent={(path) => void dispatcher.openPath(path)}
          onClearRecent={dispatcher.clearRecent}
        />
      );
    case 'asl':
      return <AslTab dispatcher={dispatcher} state={state} tab={active} />;
    case 'notes':
      return (
        <div className="ss-notes-host" data-testid="notes-browser-tab">
          <NotesBrowser
            lang={state.lang}
            onOpenLink={openLink}
            onOpenSample={(id) => void dispatcher.openSampleId(id)}
          />
          <AnnotationsTransfer lang={state.lang} />
        </div>
      );
    case 'xray':
    case 'aws':
      return null;
    default:
      return (
        <div className="ss-fatal" role="alert" data-testid="fatal-panel">
          <h2>{t('app.cannotOpen', { name: active.title })}</h2>
          <p data-testid="fatal-message">{active.message}</p>
        </div>
      );
  }
}

function SkipLink({ label }: { label: string }) {
  return (
    <a
      className="ss-skip-link"
      href="#ss-main"
      data-testid="skip-link"
      onClick={(e) => {
        // Focus the document itself (its graph when one is shown), not just scroll to it.
        e.preventDefault();
        const main = document.getElementById('ss-main');
        (main?.querySelector<HTMLElement>('[data-testid="graph"]') ?? main)?.focus();
      }}
    >
      {label}
    </a>
  );
}

export function App({ shell }: { shell: Shell }) {
  const { store, dispatcher, fileInput } = shell;
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const tabTitle = useTabTitle(state);
  useWiring(store, dispatcher);
  useFollowers(state, dispatcher, tabTitle);
  const { lang, tabs, pending } = state;
  const active = activeTab(state);
  return (
    <LangContext.Provider value={lang}>
      <div className="ss-app" data-ready={state.ready ? 'true' : 'false'} data-lang={lang}>
        <SkipLink label={translate(lang, 'app.skip')} />
        <TopBar dispatcher={dispatcher} fileInput={fileInput} lang={lang} theme={state.theme} />
        <TabStrip dispatcher={dispatcher} state={state} tabTitle={tabTitle} />
        <OpenErrors errors={state.openErrors} onDismiss={() => store.dispatch({ type: 'open.dismissed' })} />
        <main
          className="ss-main"
          id="ss-main"
          tabIndex={-1}
          aria-label={tabTitle(active)}
          data-testid="document"
          data-kind={active.kind}
        >
          <ActiveView state={state} dispatcher={dispatcher} />
          {tabs.filter(isXrayTab).map((x) => (
            <XrayTab
              key={x.id}
              dispatcher={dispatcher}
              store={store}
              tab={x}
              shown={x.id === active.id}
              selection={state.xraySelection[x.id] ?? null}
              lang={lang}
            />
          ))}
          {tabs.some((x) => x.kind === 'aws') ? (
            <AwsHost dispatcher={dispatcher} lang={lang} shown={active.kind === 'aws'} />
          ) : null}
        </main>
        <footer className="ss-status" data-testid="status" aria-live="polite">
          {state.status}
        </footer>
        {pending ? (
          <MachinePicker
            what={pending.what}
            choices={pending.choices}
            initial={pending.choices.find((c) => c.tabId === state.activeId)?.tabId}
            onCancel={dispatcher.cancelPick}
            onPick={dispatcher.pickMachine}
          />
        ) : null}
        {state.dragging ? (
          <div className="ss-drop" aria-hidden="true">
            {translate(lang, 'app.drop')}
          </div>
        ) : null}
      </div>
    </LangContext.Provider>
  );
}
