/**
 * Start-up, as named steps. As soon as the page's entry runs (`beginStartUp` in boot.ts, from main.tsx, before the
 * shell is even loaded) one host call, `app.start`, asks for everything at once: who the host is, the
 * settings, the samples, the documents of a crashed page, the live-trace receiver, and — when this start will show
 * the first sample — that sample already laid out by the host. In web mode that answer comes inside the page
 * (shared/start-inline.ts) and no call is made; `startUp` then runs without waiting up to the first sample's tab,
 * and mount.tsx runs it before the shell's first render. Then `startUp` opens what this start should show,
 * in this order of precedence:
 *   1. the documents the host hands back after a crash of the page (session.getOpenDocuments);
 *   2. on a reload, the tabs this browser tab had open (session.ts);
 *   then a link in the URL (deep-link.ts) on top of either, or else
 *   3. the files the app was launched with, else 4. the first ASL sample.
 * Finally the live traces of `statescope serve --daemon`, the window is marked ready, the document worker
 * starts once the first screen is painted, and the other views' code once it is done (its graph shown).
 */
import { DEFAULT_SETTINGS, type HostInfo, type StartInfo } from '../../../shared/contract.ts';
import { errorMessage } from '../api.ts';
import { adoptPrepared, setPendingView } from '../asl/AslDocumentView.tsx';
import { langOf, storedLang, translate, type Lang } from '../i18n/index.ts';
import { earlyStart, knownStart, warmWorkerAfterPaint } from './boot.ts';
import { prefetchViewsWhenIdle } from './lazy-views.tsx';
import { parseLink, type ViewLink } from './deep-link.ts';
import type { Dispatcher } from './dispatcher.ts';
import { newTabId } from './documents.ts';
import { isReload, storedSession, type SavedSession } from './session.ts';
import { activeTab, aslTabOf, type Store } from './store.ts';
import { storedTheme, themeSettingOf, type ThemeSetting } from './theme.ts';

type Live = () => boolean;

/** The host's description, and the language and theme from its settings when this window has none stored. */
function applyHost(store: Store, live: Live, start: StartInfo): HostInfo {
  const hostInfo = start.info;
  if (!live()) return hostInfo;
  store.dispatch({ type: 'host.info', info: hostInfo });
  if (start.samplesError !== undefined) store.dispatch({ type: 'samples.failed', message: start.samplesError });
  else store.dispatch({ type: 'samples.listed', samples: start.samples });
  if (storedLang() && storedTheme()) return hostInfo;
  // No choice in this window's storage: the host's settings (a language other than the default was chosen on
  // purpose), else the OS locale; the theme likewise, else "system".
  const settings = start.settings;
  const chosen: Lang | null = settings && settings.language !== DEFAULT_SETTINGS.language ? settings.language : null;
  const chosenTheme: ThemeSetting | null = settings ? themeSettingOf(settings.theme) : null;
  if (!storedLang()) store.dispatch({ type: 'lang', lang: chosen ?? langOf(hostInfo.locale) });
  if (!storedTheme() && chosenTheme) store.dispatch({ type: 'theme', theme: chosenTheme });
  return hostInfo;
}

/** The host's answer to `app.start` (asked for in `beginStartUp`); null, with the reason shown, when it failed. */
async function readStart(store: Store, live: Live): Promise<StartInfo | null> {
  try {
    return await earlyStart();
  } catch (err) {
    if (live()) {
      const message = errorMessage(err);
      store.dispatch({ type: 'status', text: t(store, 'app.status.noHost', { message }) });
      store.dispatch({ type: 'samples.failed', message });
    }
    return null;
  }
}

function t(store: Store, key: Parameters<typeof translate>[1], vars?: Record<string, string | number>): string {
  return translate(store.getState().lang, key, vars);
}

/** Reopens the tabs of a reloaded page, then shows the one that was shown. */
async function reopenSession(dispatcher: Dispatcher, store: Store, saved: SavedSession): Promise<void> {
  let activeId: string | undefined;
  for (const [i, tab] of saved.tabs.entries()) {
    if ('asl' in tab) await dispatcher.openPaths([tab.asl]);
    else if ('xray' in tab) await dispatcher.openPaths(tab.xray);
    else dispatcher.showSingleton('notes' in tab ? 'notes' : 'aws');
    if (i === saved.active) activeId = store.getState().activeId;
  }
  if (activeId) dispatcher.activate(activeId);
}

/** Opens what a link names: its document (at its machine and state), its X-Ray files, its execution or trace. */
export async function openViewLink(dispatcher: Dispatcher, link: ViewLink): Promise<void> {
  if (link.doc) {
    if (!aslTabOf(dispatcher.store.getState(), link.doc)) setPendingView(link.doc, link);
    await dispatcher.openPaths([link.doc]);
    if (link.execution) await dispatcher.drawExecutionOn(link.doc, link.execution);
    else if (link.xray && link.trace) await dispatcher.drawTraceOn(link.doc, link.xray, link.trace);
    else if (link.xray) await dispatcher.openPaths(link.xray);
  } else if (link.xray) {
    await dispatcher.openPaths(link.xray);
  }
}

/** What opens when nothing was restored and no link was given. */
async function openFirst(dispatcher: Dispatcher, store: Store, start: StartInfo | null) {
  const host = start?.info;
  if (host && host.launchFiles.length > 0) return dispatcher.openPaths(host.launchFiles);
  const first = start?.samples.find((s) => s.kind === 'asl');
  const ready = start?.first;
  if (ready && first && ready.file.path === `sample:${first.id}`) {
    // Read and laid out by the host already: the tab shows the host's layout at once.
    const { file, prepared } = ready;
    const id = dispatcher.openAsl(file.path, file.name, file.text, false, file.mtimeMs);
    // Before React renders the new tab (it renders after this task): its view starts with the host's layout.
    if (prepared) adoptPrepared(id, file, prepared);
  } else if (first) await dispatcher.openSampleId(first.id, first.name);
  // Without the host's answer the status keeps saying why (readStart).
  else if (start) store.dispatch({ type: 'status', text: t(store, 'app.status.ready') });
}

/** `statescope serve --daemon`: the live traces open beside whatever else opened. */
function openLiveTraces(dispatcher: Dispatcher, start: StartInfo | null, live: Live) {
  if (live() && start?.daemon) {
    const title = translate(storedLang() ?? langOf(start.info.locale), 'live.title');
    dispatcher.addTab({ id: newTabId(), kind: 'xray', title, files: [], live: true });
  }
}

export async function startUp(dispatcher: Dispatcher, store: Store, live: Live): Promise<void> {
  // An answer that came with the page is used at once: up to the first sample's tab nothing here waits, so a
  // caller running this before the first render (mount.tsx) has that tab in the store for it.
  const start = knownStart() ?? (await readStart(store, live));
  if (start) applyHost(store, live, start);
  if (!live()) return;
  const restored = start?.openDocuments ?? [];
  const saved = restored.length === 0 && isReload() ? storedSession() : null;
  // A link to a view (#doc=…&machine=…&state=…, …) opens that view.
  const link = parseLink(window.location.hash);
  // Set before anything opens, so the linked document shows its machine and state whichever step opens it.
  if (link?.doc) setPendingView(link.doc, link);
  if (restored.length > 0) {
    const files = restored.filter((p) => !p.startsWith('sample:'));
    for (const p of restored) if (p.startsWith('sample:')) await dispatcher.openPaths([p]);
    if (files.length > 0) await dispatcher.openPaths(files);
    if (live())
      store.dispatch({
        type: 'status',
        text:
          restored.length === 1
            ? t(store, 'app.status.reopenedOne')
            : t(store, 'app.status.reopened', { count: restored.length }),
      });
  } else if (saved && saved.tabs.length > 0) {
    await reopenSession(dispatcher, store, saved);
  } else if (!link) {
    await openFirst(dispatcher, store, start);
  }
  if (link) await openViewLink(dispatcher, link);
  openLiveTraces(dispatcher, start, live);
  if (live()) store.dispatch({ type: 'ready' });
  warmWorkerAfterPaint();
  // A machine on the first screen: the prefetch waits for its graph to be shown.
  prefetchViewsWhenIdle(activeTab(store.getState()).kind === 'asl');
}
