/**
 * The dispatcher: everything the window does that talks to the host or routes files, as named operations over the
 * store (store.ts). Views call these; they never call the host themselves. Opening never throws into the UI: files
 * that fail are listed in one dismissible message.
 *
 * Files are routed by content: X-Ray data opens in an X-Ray tab (files opened together share one tab), an
 * execution history becomes an overlay on an open state machine, anything else is drawn as ASL.
 */
import { afterFirstPaint } from './after-paint.ts';
import type { PreparedDocument } from '../../../shared/asl/prepared.ts';
import type { Settings } from '../../../shared/contract.ts';
import { detectXray } from '../../../shared/xray/load.ts';
import type { Trace } from '../../../shared/xray/types.ts';
import { errorMessage, getApi } from '../api.ts';
import { adoptPrepared, forgetAslDocument, openAhead, type AslSource } from '../asl/AslDocumentView.tsx';
import type { AwsExecutionOpen } from '../aws/index.ts';
import { isDirty } from '../editor/store.ts';
import { storeLang, translate, type Lang, type MessageKey } from '../i18n/index.ts';
import { historyOverlay, readHistory, stateMachineSegments, xrayOverlay, type Overlay } from '../overlay/model.ts';
import { stateMachineTracesOf } from '../xray/state-machine-traces.ts';
import { readHostDocument, SAMPLE_PREFIX, takeEarlyPrepared, takeEarlyRead } from './boot.ts';
import { formatLink, linkable, viewLinkOf } from './deep-link.ts';
import { xrayClient } from '../workers/xray-client.ts';
import { newTabId, sameMachineName, type DocumentTab, type XrayFile } from './documents.ts';
import { HEAD_BYTES, MAX_LOCAL_BYTES, decodeLocal, readLargeFile, readLocalFile } from './read-local-file.ts';
import { forgetRecent, rememberRecent } from './session.ts';
import { activeTab, aslTabOf, type GraphInfo, type OverlayOrigin, type PendingOverlay, type Store } from './store.ts';
import { storeTheme, type ThemeSetting } from './theme.ts';

export interface ReadItem {
  path: string;
  name: string;
  text: string;
  mtimeMs?: number;
  /** The host's load and layout of the text, when start-up asked for it with the read (boot.ts). */
  prepared?: PreparedDocument;
}

type History = NonNullable<ReturnType<typeof readHistory>>;

/** Saves a preference in the host's settings too (a convenience: localStorage already holds the choice). */
function saveSetting(patch: Partial<Settings>): void {
  getApi()
    .call('settings.set', patch)
    .catch(() => undefined);
}

/** Opens an https link in the browser (notes' sources); anything else is ignored. */
export function openLink(url: string): void {
  if (!/^https:\/\//i.test(url)) return;
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** Annotations on a machine fetched from AWS are keyed by its ARN (the same machine from any profile), others by path. */
export function annotationKey(path: string): string {
  return path.startsWith('aws:') ? path.slice(4) : path;
}

export class Dispatcher {
  /** A trace named by a link, drawn once the X-Ray worker has read its files. */
  private pendingTrace: { tabId: string; files: XrayFile[]; traceId: string } | null = null;
  private readonly graphCallbacks = new Map<string, (g: GraphInfo) => void>();
  /** The machine and state each ASL tab last showed (for its link). */
  private readonly locations = new Map<string, { machine: string; state: string | null }>();

  constructor(
    readonly store: Store,
    /** Opens the browser's file picker (the hidden file input). */
    readonly pickFiles: () => void,
  ) {}

  private get state() {
    return this.store.getState();
  }

  t = (key: MessageKey, vars?: Record<string, string | number>): string => translate(this.state.lang, key, vars);

  setStatus = (text: string): void => this.store.dispatch({ type: 'status', text });

  setLang = (lang: Lang): void => {
    this.store.dispatch({ type: 'lang', lang });
    storeLang(lang);
    saveSetting({ language: lang });
  };

  setTheme = (theme: ThemeSetting): void => {
    this.store.dispatch({ type: 'theme', theme });
    storeTheme(theme);
    saveSetting({ theme });
  };

  clearRecent = (): void => {
    forgetRecent();
    this.store.dispatch({ type: 'recent', paths: [] });
  };

  activate = (id: string): void => this.store.dispatch({ type: 'tab.activated', id });

  addTab = (tab: DocumentTab): void => this.store.dispatch({ type: 'tab.added', tab });

  openFailed = (path: string, message: string): void => this.store.dispatch({ type: 'open.failed', path, message });

  /** Opens ASL text in a tab (or shows the tab that already holds that path). Returns the tab id. */
  openAsl = (path: string, name: string, text: string, fetched = false, mtimeMs?: number): string => {
    const source: AslSource = { path, name, text, ...(mtimeMs !== undefined ? { mtimeMs } : {}) };
    const existing = aslTabOf(this.state, path);
    if (existing) {
      if (existing.source.text !== text) this.store.dispatch({ type: 'asl.replaced', id: existing.id, source });
      this.activate(existing.id);
      return existing.id;
    }
    const id = newTabId();
    this.addTab({ id, kind: 'asl', title: name, source, revision: 0, ...(fetched ? { fetched } : {}) });
    return id;
  };

  applyOverlay = (tabId: string, overlay: Overlay, origin?: OverlayOrigin): void =>
    this.store.dispatch({ type: 'overlay.applied', tabId, overlay, ...(origin ? { origin } : {}) });

  clearOverlay = (tabId: string): void => this.store.dispatch({ type: 'overlay.cleared', tabId });

  private statesOf(tabId: string): ReadonlySet<string> | undefined {
    const g = this.state.graphs[tabId];
    return g ? new Set(g.states) : undefined;
  }

  /**
   * Draws an execution or a trace on a machine: the one whose name matches, else the only open one, else the
   * ones holding every state the run mentions (asking when several do).
   */
  attachOverlay = (
    what: 'history' | 'trace',
    label: string,
    make: PendingOverlay['make'],
    hint: { name?: string; states: string[] },
    origin?: OverlayOrigin,
  ): void => {
    const { graphs, tabs } = this.state;
    const asl = tabs.filter((x) => x.kind === 'asl');
    if (asl.length === 0) {
      this.setStatus(this.t('overlay.noMachine', { name: label }));
      this.openFailed(label, this.t('overlay.noMachine', { name: label }));
      return;
    }
    const build = (tabId: string) => this.applyOverlay(tabId, make(this.statesOf(tabId)), origin);
    const named = hint.name
      ? asl.filter(
          (x) => sameMachineName(graphs[x.id]?.name ?? x.title, hint.name!) || sameMachineName(x.title, hint.name!),
        )
      : [];
    if (named.length === 1) return build(named[0]!.id);
    if (asl.length === 1) return build(asl[0]!.id);
    const holdsAll = (x: DocumentTab) => {
      const g = graphs[x.id];
      if (!g) return false;
      const set = new Set(g.states);
      return hint.states.length > 0 && hint.states.every((s) => set.has(s));
    };
    // A drawn machine that holds every state wins; machines not drawn yet are candidates only when none does.
    const drawnHolding = asl.filter(holdsAll);
    const holding = drawnHolding.length > 0 ? drawnHolding : asl.filter((x) => !graphs[x.id]);
    const choices = (named.length > 1 ? named : holding.length > 0 ? holding : asl).map((x) => ({
      tabId: x.id,
      title: x.title,
    }));
    if (choices.length === 1) return build(choices[0]!.tabId);
    this.store.dispatch({ type: 'overlay.pending', pending: { what, choices, make, ...(origin ? { origin } : {}) } });
  };

  /** The machine picker's answer: draw the waiting overlay there. */
  pickMachine = (tabId: string): void => {
    const pending = this.state.pending;
    if (!pending) return;
    this.applyOverlay(tabId, pending.make(this.statesOf(tabId)), pending.origin);
    this.cancelPick();
  };

  cancelPick = (): void => this.store.dispatch({ type: 'overlay.pending', pending: null });

  private openHistory(item: ReadItem, report: History): void {
    const origin = linkable(item.path) ? { execution: item.path } : undefined;
    this.attachOverlay(
      'history',
      item.name,
      () => historyOverlay(report, item.text, item.name),
      { states: Object.keys(report.states) },
      origin,
    );
  }

  /** Opens X-Ray files in one tab; files that already fill an open tab (by path) show that tab instead. */
  openXray = (files: XrayFile[], fetched = false): void => {
    if (files.length === 0) return;
    const key = files.every((f) => f.path) ? files.map((f) => f.path).join('\u0000') : null;
    const existing = key
      ? this.state.tabs.find((x) => x.kind === 'xray' && x.files.map((f) => f.path ?? '').join('\u0000') === key)
      : undefined;
    if (existing) return this.activate(existing.id);
    // The worker starts reading now, while the tab is rendered; the tab's view takes this read over.
    xrayClient().prefetch(files, this.state.lang);
    const title = files.length === 1 ? files[0]!.name : `${files[0]!.name} +${files.length - 1}`;
    this.addTab({ id: newTabId(), kind: 'xray', title, files, ...(fetched ? { fetched } : {}) });
  };

  /**
   * Routes opened texts by content; X-Ray files of one batch go to one tab. `ahead`: a file the reader picked (not
   * start-up's), whose new machine tab is shown next: its document goes to the worker at once (`openAhead`), not
   * once React has rendered the tab.
   */
  openTexts = (items: ReadItem[], xrayFiles: readonly XrayFile[] = [], ahead = false): void => {
    const xray: XrayFile[] = [...xrayFiles];
    const histories: { item: ReadItem; report: History }[] = [];
    const fresh: { id: string; item: ReadItem }[] = [];
    for (const item of items) {
      if (detectXray(item.text)) {
        xray.push({ name: item.name, text: item.text, ...(linkable(item.path) ? { path: item.path } : {}) });
        continue;
      }
      let report: ReturnType<typeof readHistory>;
      try {
        report = readHistory(item.text);
      } catch (err) {
        this.openFailed(item.path, errorMessage(err));
        continue;
      }
      if (report) histories.push({ item, report });
      else {
        const isNew = !aslTabOf(this.state, item.path);
        const id = this.openAsl(item.path, item.name, item.text, false, item.mtimeMs);
        // Laid out by the host already: the new tab's view starts with that layout (before React renders it).
        if (isNew && item.prepared) adoptPrepared(id, item, item.prepared);
        else if (isNew) fresh.push({ id, item });
      }
    }
    if (ahead && fresh.length === 1 && items.length === 1 && xray.length === 0) openAhead(fresh[0]!.id, fresh[0]!.item);
    this.openXray(xray);
    // Last, so the machine with its execution drawn is what the reader sees.
    for (const h of histories) this.openHistory(h.item, h.report);
  };

  /** Reads a host path or a sample (`sample:<id>`); failures are listed, and give null. */
  private async read(path: string, name = path): Promise<ReadItem | null> {
    try {
      // A linked document's read may have started with the page (boot.ts).
      const file = (await takeEarlyRead(path)) ?? (await readHostDocument(path));
      if (!path.startsWith(SAMPLE_PREFIX)) this.store.dispatch({ type: 'recent', paths: rememberRecent(file.path) });
      const prepared = await takeEarlyPrepared(path)?.catch(() => null);
      return {
        path: file.path,
        name: file.name,
        text: file.text,
        mtimeMs: file.mtimeMs,
        ...(prepared ? { prepared } : {}),
      };
    } catch (err) {
      this.openFailed(name, errorMessage(err));
      return null;
    }
  }

  /** Opens a host path; if it is already open, shows that tab instead. */
  openPath = (path: string): Promise<void> => this.openPaths([path]);

  /** Opens several host paths (or samples) at once, so X-Ray files among them share one tab. */
  openPaths = async (paths: readonly string[], ahead = false): Promise<void> => {
    const read: ReadItem[] = [];
    for (const path of paths) {
      const existing = aslTabOf(this.state, path);
      if (existing) {
        this.activate(existing.id);
        continue;
      }
      const item = await this.read(path);
      if (item) read.push(item);
    }
    this.openTexts(read, [], ahead);
  };

  openSampleId = async (id: string, name = id): Promise<void> => {
    const item = await this.read(`${SAMPLE_PREFIX}${id}`, name);
    if (item) this.openTexts([item]);
  };

  openLocalFiles = async (files: Iterable<File>): Promise<void> => {
    const read: ReadItem[] = [];
    const xray: XrayFile[] = [];
    for (const file of files) {
      // A large file is read whole here, once, and routed by its start. While it is read the X-Ray worker starts (it
      // does anyway when the page is idle after start-up): an X-Ray file's bytes are handed over to it, not copied,
      // and decoded there, so its text is never on this thread.
      if (file.size > HEAD_BYTES && file.size <= MAX_LOCAL_BYTES) xrayClient().warm();
      const large = await readLargeFile(file);
      if (large?.head != null && detectXray(large.head)) {
        const path = linkable(file.name) ? { path: file.name } : {};
        xray.push({ name: file.name, blob: file, bytes: large.bytes, ...path });
        continue;
      }
      const r = large
        ? decodeLocal(new Uint8Array(large.bytes), file.name, this.state.lang)
        : await readLocalFile(file, this.state.lang);
      if (r.ok) read.push({ path: r.name, name: r.name, text: r.text });
      else this.openFailed(r.name, r.message);
    }
    this.openTexts(read, xray, true);
  };

  /** File › Open: the native dialog in the desktop app (host paths, so DefinitionUri can be followed), else the picker. */
  openDialog = async (): Promise<void> => {
    if (this.state.info?.mode === 'electron') {
      try {
        const paths = await getApi().call('files.openDialog', {});
        await this.openPaths(paths, true);
        return;
      } catch {
        // fall back to the file input
      }
    }
    this.pickFiles();
  };

  /** Shows the single tab of a kind (notes browser, AWS), creating it on first use. */
  showSingleton = (kind: 'notes' | 'aws'): void => {
    const existing = this.state.tabs.find((x) => x.kind === kind);
    if (existing) this.activate(existing.id);
    else this.addTab({ id: `${kind}-tab`, kind, title: kind });
  };

  /** Closes a tab (asking first when it holds unsaved edits). */
  closeTab = (id: string): void => {
    if (isDirty(id) && !window.confirm(this.t('app.confirmClose'))) return;
    const tab = this.state.tabs.find((x) => x.id === id);
    if (!tab || tab.kind === 'welcome') return;
    this.store.dispatch({ type: 'tab.closed', id });
    this.graphCallbacks.delete(id);
    this.locations.delete(id);
    forgetAslDocument(id);
  };

  /** Machines report their name and states once drawn (one stable callback per tab). */
  onGraphFor = (tabId: string): ((g: GraphInfo) => void) => {
    let cb = this.graphCallbacks.get(tabId);
    if (!cb) {
      cb = (graph: GraphInfo) => this.store.dispatch({ type: 'graph.reported', tabId, graph });
      this.graphCallbacks.set(tabId, cb);
    }
    return cb;
  };

  /** The user's own notes: which states of a file carry one (markers on nodes). */
  refreshAnnotated = async (tabId: string, key: string): Promise<void> => {
    try {
      const list = await getApi().call('notes.annotations.list', { key });
      this.store.dispatch({ type: 'annotations.listed', tabId, elements: new Set(list.map((a) => a.element)) });
    } catch {
      // markers are a hint; the Notes tab shows the error itself
    }
  };

  /** Draws a trace of an X-Ray tab on the machine it ran. */
  showTraceOnMachine = (trace: Trace, machine: string, files?: readonly XrayFile[], onTab?: string): void => {
    const label = `${machine} · ${trace.id}`;
    const names = new Set(
      stateMachineSegments(trace).flatMap((s) => trace.spans[s.index]!.children.map((c) => trace.spans[c]!.name)),
    );
    const paths = files?.map((f) => f.path ?? '');
    const origin = paths && paths.length > 0 && paths.every(linkable) ? { xray: paths, trace: trace.id } : undefined;
    const make = (states: ReadonlySet<string> | undefined) => xrayOverlay(trace, label, states);
    if (onTab) this.applyOverlay(onTab, make(this.statesOf(onTab)), origin);
    else this.attachOverlay('trace', label, make, { name: machine, states: [...names] }, origin);
  };

  /** An execution opened from the AWS panel: on its own definition when AWS gave it, else on a matching machine. */
  openExecution = (run: AwsExecutionOpen): void => {
    const label = run.executionName;
    const text = `${JSON.stringify({ events: run.events }, null, 2)}\n`;
    if (run.definitionText !== undefined) {
      const tabId = this.openAsl(`aws:${run.stateMachineArn}`, run.machineName, run.definitionText, true);
      this.applyOverlay(tabId, historyOverlay(run.report, text, label));
    } else {
      this.attachOverlay('history', label, () => historyOverlay(run.report, text, label), {
        name: run.machineName,
        states: Object.keys(run.report.states),
      });
    }
  };

  /** Draws an execution history file (a link's `execution=`) on the tab holding `doc`. */
  drawExecutionOn = async (doc: string, execution: string): Promise<void> => {
    const tab = aslTabOf(this.state, doc);
    const item = await this.read(execution);
    if (!tab || !item) return;
    let report: ReturnType<typeof readHistory>;
    try {
      report = readHistory(item.text);
    } catch (err) {
      return this.openFailed(execution, errorMessage(err));
    }
    if (!report) return this.openFailed(execution, this.t('app.link.notHistory'));
    this.applyOverlay(tab.id, historyOverlay(report, item.text, item.name), { execution });
  };

  /** Opens a link's X-Ray files and draws its trace on the tab holding `doc` once the worker has read them. */
  drawTraceOn = async (doc: string, xray: readonly string[], traceId: string): Promise<void> => {
    await this.openPaths(xray);
    const tab = aslTabOf(this.state, doc);
    const xrayTab = this.state.tabs.find(
      (x) => x.kind === 'xray' && x.files.map((f) => f.path ?? '').join('\u0000') === xray.join('\u0000'),
    );
    if (!tab || !xrayTab || xrayTab.kind !== 'xray') return;
    this.pendingTrace = { tabId: tab.id, files: xrayTab.files, traceId };
    this.resolvePendingTrace();
  };

  /** Called whenever X-Ray tabs report their state machine traces: draws a linked trace once it is known. */
  resolvePendingTrace = (): void => {
    const want = this.pendingTrace;
    if (!want) return;
    const found = stateMachineTracesOf(want.files).find((f) => f.trace.id === want.traceId);
    if (!found) return;
    this.pendingTrace = null;
    this.showTraceOnMachine(found.trace, found.machine, want.files, want.tabId);
  };

  /** The shown document reports its machine and selected state: the URL follows. */
  onLocation = (location: { machine: string; state: string | null }): void => {
    this.locations.set(this.state.activeId, location);
    this.syncUrl();
  };

  /**
   * The URL names the shown view, so it can be reloaded, bookmarked or shared. Not cleared before start-up has
   * read a link from it; a view that cannot be linked leaves no stale link behind. Written after the page's first
   * frame (after-paint.ts: history.replaceState cost the main thread 5–8 ms between start-up and that frame), from
   * the state as it is then.
   */
  syncUrl = (): void => {
    afterFirstPaint(this.writeUrl);
  };

  private writeUrl = (): void => {
    const state = this.state;
    const tab = activeTab(state);
    const link = viewLinkOf(tab, this.locations.get(tab.id), state.overlayOrigins[tab.id]);
    const hash = link ? formatLink(link) : '';
    if (!hash && !state.ready) return;
    if (hash === window.location.hash) return;
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}${hash}`,
    );
  };
}
