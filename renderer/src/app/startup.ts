/**
 * Start-up, as named steps: ask the host who it is (and the settings, when this window has no choice of its own),
 * list the samples, then open what this start should show, in this order of precedence:
 *   1. the documents the host hands back after a crash of the page (session.getOpenDocuments);
 *   2. on a reload, the tabs this browser tab had open (session.ts);
 *   then a link in the URL (deep-link.ts) on top of either, or else
 *   3. the files the app was launched with, else 4. the first ASL sample.
 * Finally the live traces of `statescope serve --daemon`, and the window is marked ready.
 */
import { DEFAULT_SETTINGS, type HostInfo, type SampleInfo } from '../../../shared/contract.ts';
import { errorMessage, getApi } from '../api.ts';
import { setPendingView } from '../asl/AslDocumentView.tsx';
import { documentClient } from '../workers/document-client.ts';
import { langOf, storedLang, translate, type Lang } from '../i18n/index.ts';
import { parseLink, type ViewLink } from './deep-link.ts';
import type { Dispatcher } from './dispatcher.ts';
import { newTabId } from './documents.ts';
import { isReload, storedSession, type SavedSession } from './session.ts';
import { aslTabOf, type Store } from './store.ts';
import { storedTheme, themeSettingOf, type ThemeSetting } from './theme.ts';

type Live = () => boolean;

/** The host's description, and the language and theme from its settings when this window has none stored. */
async function readHost(store: Store, live: Live): Promise<HostInfo | null> {
  const api = getApi();
  let hostInfo: HostInfo;
  try {
    hostInfo = await api.call('app.info', {});
  } catch (err) {
    if (live()) store.dispatch({ type: 'status', text: t(store, 'app.status.noHost', { message: errorMessage(err) }) });
    return null;
  }
  if (!live()) return hostInfo;
  store.dispatch({ type: 'host.info', info: hostInfo });
  if (storedLang() && storedTheme()) return hostInfo;
  // No choice in this window's storage: the host's settings (a language other than the default was chosen on
  // purpose), else the OS locale; the theme likewise, else "system".
  let chosen: Lang | null = null;
  let chosenTheme: ThemeSetting | null = null;
  try {
    const settings = await api.call('settings.get', {});
    if (settings.language !== DEFAULT_SETTINGS.language) chosen = settings.language;
    chosenTheme = themeSettingOf(settings.theme);
  } catch {
    // no settings store: the locale decides
  }
  if (live() && !storedLang()) store.dispatch({ type: 'lang', lang: chosen ?? langOf(hostInfo.locale) });
  if (live() && !storedTheme() && chosenTheme) store.dispatch({ type: 'theme', theme: chosenTheme });
  return hostInfo;
}

function t(store: Store, key: Parameters<typeof translate>[1], vars?: Record<string, string | number>): string {
  return translate(store.getState().lang, key, vars);
}

async function listSamples(store: Store, live: Live): Promise<SampleInfo[]> {
  try {
    const list = await getApi().call('files.samples', {});
    if (live()) store.dispatch({ type: 'samples.listed', samples: list });
    return list;
  } catch (err) {
    if (live()) store.dispatch({ type: 'samples.failed', message: errorMessage(err) });
    return [];
  }
}

/** After a renderer crash the host reloads the window and hands back what was open. */
async function crashedDocuments(): Promise<string[]> {
  try {
    return (await getApi().call('session.getOpenDocuments', {})).paths;
  } catch {
    return []; // an older host without the session store: nothing to restore
  }
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
async function openFirst(dispatcher: Dispatcher, store: Store, host: HostInfo | null, list: SampleInfo[]) {
  if (host && host.launchFiles.length > 0) return dispatcher.openPaths(host.launchFiles);
  const first = list.find((s) => s.kind === 'asl');
  if (first) await dispatcher.openSampleId(first.id, first.name);
  else store.dispatch({ type: 'status', text: t(store, 'app.status.ready') });
}

/** `statescope serve --daemon`: the live traces open beside whatever else opened. */
async function openLiveTraces(dispatcher: Dispatcher, host: HostInfo | null, live: Live) {
  try {
    if (live() && (await getApi().call('daemon.status', {}))) {
      const title = translate(storedLang() ?? langOf(host?.locale), 'live.title');
      dispatcher.addTab({ id: newTabId(), kind: 'xray', title, files: [], live: true });
    }
  } catch {
    // a host without the receiver methods
  }
}

export async function startUp(dispatcher: Dispatcher, store: Store, live: Live): Promise<void> {
  documentClient().warm();
  const host = await readHost(store, live);
  const list = await listSamples(store, live);
  if (!live()) return;
  const restored = await crashedDocuments();
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
    await openFirst(dispatcher, store, host, list);
  }
  if (link) await openViewLink(dispatcher, link);
  await openLiveTraces(dispatcher, host, live);
  if (live()) store.dispatch({ type: 'ready' });
}
