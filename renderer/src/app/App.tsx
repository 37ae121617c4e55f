/**
 * The window: a top bar (open file, open path, study notes, AWS, language, theme), document tabs, the active document's
 * view and a status line. Opening never throws into the UI: files that fail are listed in one dismissible message.
 *
 * Files are routed by content: X-Ray data opens in an X-Ray tab (files opened together share one tab), an
 * execution history becomes an overlay on an open state machine, anything else is drawn as ASL.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_SETTINGS, type HostInfo, type SampleInfo, type Settings } from '../../../shared/contract.ts';
import { detectXray } from '../../../shared/xray/load.ts';
import type { GraphState } from '../../../shared/asl/types.ts';
import type { Trace } from '../../../shared/xray/types.ts';
import { errorMessage, getApi } from '../api.ts';
import { AslDocumentView, forgetAslDocument, setPendingView, type AslSource } from '../asl/AslDocumentView.tsx';
import { formatLink, linkable, parseLink } from './deep-link.ts';
import { isDirty, subscribeEdits } from '../editor/store.ts';
import type { SidePanelTab } from '../asl/DetailsPanel.tsx';
import { documentClient } from '../workers/document-client.ts';
import { XrayWorkspace } from '../xray/XrayWorkspace.tsx';
import { LiveTraces } from '../xray/LiveTraces.tsx';
import { stateMachineTracesOf as sfnTracesOf, useStateMachineTracesVersion } from '../xray/state-machine-traces.ts';
import { machineContextFromText } from '../../../shared/asl/rules-express.ts';
import {
  AnnotationsEditor,
  AnnotationsTransfer,
  NotesBrowser,
  NotesPanel,
  type AnnotationsApi,
  type NotesSelection,
} from '../notes/index.ts';
import { AwsPanel, type AwsExecutionOpen } from '../aws/index.ts';
import { LangContext, langOf, storedLang, storeLang, translate, type Lang, type MessageKey } from '../i18n/index.ts';
import {
  AnnotatedContext,
  historyOverlay,
  readHistory,
  stateMachineSegments,
  StatusOverlayContext,
  xrayOverlay,
  type Overlay,
} from '../overlay/model.ts';
import { ExecutionTab, MachinePicker, OverlayLegend } from '../overlay/ExecutionView.tsx';
import {
  disambiguatedTitles,
  downloadText,
  newTabId,
  sameMachineName,
  type DocumentTab,
  type XrayFile,
} from './documents.ts';
import { readLocalFile } from './read-local-file.ts';
import { Welcome } from './Welcome.tsx';
import { RunLocallyPanel } from '../dataflow/RunLocallyPanel.tsx';
import { DataFlowPanel } from '../dataflow/DataFlowPanel.tsx';
import { analyzeHistory } from '../../../shared/sfn/history.ts';
import {
  setThemeSetting,
  storedTheme,
  storeTheme,
  themeFromCommand,
  themeSettingOf,
  type ThemeSetting,
} from './theme.ts';

const WELCOME_ID = 'welcome';

/** What a picker is waiting to draw: the overlay is built once the machine is chosen (with its state names). */
interface PendingOverlay {
  what: 'history' | 'trace';
  choices: { tabId: string; title: string }[];
  make: (states: ReadonlySet<string> | undefined) => Overlay;
}

interface GraphInfo {
  name: string;
  states: string[];
}

function openLink(url: string): void {
  if (!/^https:\/\//i.test(url)) return;
  window.open(url, '_blank', 'noopener,noreferrer');
}

const SAMPLE_PREFIX = 'sample:';

/** Documents the host can reopen by themselves: its own absolute paths and bundled samples (not browser picks). */
function isRestorable(path: string): boolean {
  return path.startsWith(SAMPLE_PREFIX) || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/** Saves a preference in the host's settings too (a convenience: localStorage already holds the choice). */
function saveSetting(patch: Partial<Settings>): void {
  getApi()
    .call('settings.set', patch)
    .catch(() => undefined);
}

export function App() {
  const [tabs, setTabs] = useState<DocumentTab[]>([{ id: WELCOME_ID, kind: 'welcome', title: 'Welcome' }]);
  const [activeId, setActiveId] = useState<string>(WELCOME_ID);
  const [info, setInfo] = useState<HostInfo | null>(null);
  const [samples, setSamples] = useState<SampleInfo[] | null>(null);
  const [samplesError, setSamplesError] = useState<string | null>(null);
  const [status, setStatus] = useState('Starting…');
  const [pathInput, setPathInput] = useState('');
  const [dragging, setDragging] = useState(false);
  const [lang, setLangState] = useState<Lang>(() => storedLang() ?? langOf(globalThis.navigator?.language));
  const [theme, setThemeState] = useState<ThemeSetting>(() => storedTheme() ?? 'system');
  const [overlays, setOverlays] = useState<Record<string, Overlay>>({});
  const [graphs, setGraphs] = useState<Record<string, GraphInfo>>({});
  const [pending, setPending] = useState<PendingOverlay | null>(null);
  const [annotated, setAnnotated] = useState<Record<string, ReadonlySet<string>>>({});
  const [xraySelection, setXraySelection] = useState<Record<string, NotesSelection>>({});
  /** True once the start-up files (or the first sample) have been opened, so tests and tools know when to look. */
  const [ready, setReady] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const tabsRef = useRef(tabs);
  const activeIdRef = useRef(activeId);
  activeIdRef.current = activeId;
  const closeTabRef = useRef<((id: string) => void) | null>(null);
  tabsRef.current = tabs;
  const graphsRef = useRef(graphs);
  graphsRef.current = graphs;
  const overlaysRef = useRef(overlays);
  overlaysRef.current = overlays;
  const t = useCallback(
    (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars),
    [lang],
  );

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    storeLang(next);
    saveSetting({ language: next });
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setTheme = useCallback((next: ThemeSetting) => {
    setThemeState(next);
    storeTheme(next);
    saveSetting({ theme: next });
  }, []);

  // The root's data-theme follows the setting (and, for "system", the OS).
  useEffect(() => {
    setThemeSetting(theme);
  }, [theme]);

  const addTab = useCallback((tab: DocumentTab) => {
    // Seen at once by code that routes the rest of the same batch (a history opened with its machine).
    tabsRef.current = [...tabsRef.current, tab];
    setTabs((prev) => [...prev, tab]);
    setActiveId(tab.id);
  }, []);

  // Files that could not be opened: one dismissible message above the document, not a tab per failure.
  const [openErrors, setOpenErrors] = useState<{ name: string; path: string; message: string }[]>([]);
  const openFailed = useCallback((path: string, message: string) => {
    const name = path.split(/[\\/]/).pop() || path;
    setOpenErrors((prev) => [...prev.filter((e) => e.path !== path), { name, path, message }].slice(-50));
  }, []);

  /** Opens ASL text in a tab (or shows the tab that already holds that path). Returns the tab id. */
  const openAsl = useCallback(
    (path: string, name: string, text: string, fetched = false, mtimeMs?: number): string => {
      const source: AslSource = { path, name, text, ...(mtimeMs !== undefined ? { mtimeMs } : {}) };
      const existing = tabsRef.current.find((x) => x.kind === 'asl' && x.source.path === path);
      if (existing && existing.kind === 'asl') {
        if (existing.source.text !== text) {
          setTabs((prev) =>
            prev.map((x) =>
              x.id === existing.id && x.kind === 'asl' ? { ...x, source, revision: x.revision + 1 } : x,
            ),
          );
        }
        setActiveId(existing.id);
        return existing.id;
      }
      const id = newTabId();
      addTab({ id, kind: 'asl', title: name, source, revision: 0, ...(fetched ? { fetched } : {}) });
      return id;
    },
    [addTab],
  );

  const applyOverlay = useCallback((tabId: string, overlay: Overlay) => {
    setOverlays((prev) => ({ ...prev, [tabId]: overlay }));
    setActiveId(tabId);
  }, []);

  /**
   * Draws an execution or a trace on a machine: the one whose name matches, else the only open one, else the
   * ones holding every state the run mentions (asking when several do).
   */
  const attachOverlay = useCallback(
    (
      what: 'history' | 'trace',
      label: string,
      make: PendingOverlay['make'],
      hint: { name?: string; states: string[] },
    ) => {
      const asl = tabsRef.current.filter((x) => x.kind === 'asl');
      if (asl.length === 0) {
        setStatus(translate(lang, 'overlay.noMachine', { name: label }));
        openFailed(label, translate(lang, 'overlay.noMachine', { name: label }));
        return;
      }
      const build = (tabId: string) => {
        const g = graphsRef.current[tabId];
        applyOverlay(tabId, make(g ? new Set(g.states) : undefined));
      };
      const named = hint.name
        ? asl.filter(
            (x) =>
              sameMachineName(graphsRef.current[x.id]?.name ?? x.title, hint.name!) ||
              sameMachineName(x.title, hint.name!),
          )
        : [];
      if (named.length === 1) return build(named[0]!.id);
      if (asl.length === 1) return build(asl[0]!.id);
      const holdsAll = (x: DocumentTab) => {
        const g = graphsRef.current[x.id];
        if (!g) return false;
        const set = new Set(g.states);
        return hint.states.length > 0 && hint.states.every((s) => set.has(s));
      };
      // A drawn machine that holds every state wins; machines not drawn yet are candidates only when none does.
      const drawnHolding = asl.filter(holdsAll);
      const holding = drawnHolding.length > 0 ? drawnHolding : asl.filter((x) => !graphsRef.current[x.id]);
      const choices = (named.length > 1 ? named : holding.length > 0 ? holding : asl).map((x) => ({
        tabId: x.id,
        title: x.title,
      }));
      if (choices.length === 1) return build(choices[0]!.tabId);
      setPending({ what, choices, make });
    },
    [applyOverlay, openFailed, lang],
  );

  const openHistory = useCallback(
    (name: string, text: string, report: NonNullable<ReturnType<typeof readHistory>>) => {
      attachOverlay('history', name, () => historyOverlay(report, text, name), { states: Object.keys(report.states) });
    },
    [attachOverlay],
  );

  const openXray = useCallback(
    (files: XrayFile[], fetched = false) => {
      if (files.length === 0) return;
      const title = files.length === 1 ? files[0]!.name : `${files[0]!.name} +${files.length - 1}`;
      addTab({ id: newTabId(), kind: 'xray', title, files, ...(fetched ? { fetched } : {}) });
    },
    [addTab],
  );

  /** Routes opened texts by content; X-Ray files of one batch go to one tab. */
  const openTexts = useCallback(
    (items: { path: string; name: string; text: string; mtimeMs?: number }[]) => {
      const xray: XrayFile[] = [];
      const histories: { name: string; text: string; report: NonNullable<ReturnType<typeof readHistory>> }[] = [];
      for (const item of items) {
        if (detectXray(item.text)) {
          xray.push({ name: item.name, text: item.text });
          continue;
        }
        let report: ReturnType<typeof readHistory>;
        try {
          report = readHistory(item.text);
        } catch (err) {
          openFailed(item.path, errorMessage(err));
          continue;
        }
        if (report) histories.push({ name: item.name, text: item.text, report });
        else openAsl(item.path, item.name, item.text, false, item.mtimeMs);
      }
      openXray(xray);
      // Last, so the machine with its execution drawn is what the reader sees.
      for (const h of histories) openHistory(h.name, h.text, h.report);
    },
    [openAsl, openFailed, openHistory, openXray],
  );

  /** Opens a host path; if it is already open, shows that tab instead. */
  const openPath = useCallback(
    async (path: string) => {
      const existing = tabsRef.current.find((x) => x.kind === 'asl' && x.source.path === path);
      if (existing) {
        setActiveId(existing.id);
        return;
      }
      try {
        const file = await getApi().call('files.read', { path });
        openTexts([{ path: file.path, name: file.name, text: file.text, mtimeMs: file.mtimeMs }]);
      } catch (err) {
        openFailed(path, errorMessage(err));
      }
    },
    [openTexts, openFailed],
  );

  /** Opens several host paths at once, so X-Ray files among them share one tab. */
  const openPaths = useCallback(
    async (paths: readonly string[]) => {
      const read: { path: string; name: string; text: string; mtimeMs?: number }[] = [];
      for (const path of paths) {
        const existing = tabsRef.current.find((x) => x.kind === 'asl' && x.source.path === path);
        if (existing) {
          setActiveId(existing.id);
          continue;
        }
        try {
          const file = await getApi().call('files.read', { path });
          read.push({ path: file.path, name: file.name, text: file.text, mtimeMs: file.mtimeMs });
        } catch (err) {
          openFailed(path, errorMessage(err));
        }
      }
      openTexts(read);
    },
    [openTexts, openFailed],
  );

  const openSampleId = useCallback(
    async (id: string, name = id) => {
      try {
        const file = await getApi().call('files.readSample', { id });
        openTexts([{ path: file.path, name: file.name, text: file.text, mtimeMs: file.mtimeMs }]);
      } catch (err) {
        openFailed(name, errorMessage(err));
      }
    },
    [openTexts, openFailed],
  );

  const openLocalFiles = useCallback(
    async (files: Iterable<File>) => {
      const read: { path: string; name: string; text: string; mtimeMs?: number }[] = [];
      for (const file of files) {
        const r = await readLocalFile(file);
        if (r.ok) read.push({ path: r.name, name: r.name, text: r.text });
        else openFailed(r.name, r.message);
      }
      openTexts(read);
    },
    [openTexts, openFailed],
  );

  // Start-up: launch files, else the first ASL sample.
  useEffect(() => {
    let live = true;
    const api = getApi();
    documentClient().warm();
    (async () => {
      let hostInfo: HostInfo | null = null;
      try {
        hostInfo = await api.call('app.info', {});
        if (live) {
          setInfo(hostInfo);
          if (!storedLang() || !storedTheme()) {
            // No choice in this window's storage: the host's settings (a language other than the default was
            // chosen on purpose), else the OS locale; the theme likewise, else "system".
            let chosen: Lang | null = null;
            let chosenTheme: ThemeSetting | null = null;
            try {
              const settings = await api.call('settings.get', {});
              if (settings.language !== DEFAULT_SETTINGS.language) chosen = settings.language;
              chosenTheme = themeSettingOf(settings.theme);
            } catch {
              // no settings store: the locale decides
            }
            if (live && !storedLang()) setLangState(chosen ?? langOf(hostInfo.locale));
            if (live && !storedTheme() && chosenTheme) setThemeState(chosenTheme);
          }
        }
      } catch (err) {
        if (live) setStatus(`Cannot reach the host: ${errorMessage(err)}`);
      }
      let list: SampleInfo[] = [];
      try {
        list = await api.call('files.samples', {});
        if (live) setSamples(list);
      } catch (err) {
        if (live) setSamplesError(errorMessage(err));
      }
      if (!live) return;
      // After a renderer crash the host reloads the window: reopen what was open.
      let restored: string[] = [];
      try {
        restored = (await api.call('session.getOpenDocuments', {})).paths;
      } catch {
        // an older host without the session store: nothing to restore
      }
      // A link to a view (#doc=…&machine=…&state=…) opens that document on that machine and state.
      const link = parseLink(window.location.hash);
      if (link) setPendingView(link.doc, link);
      const openLinked = async () => {
        if (!link) return;
        if (link.doc.startsWith(SAMPLE_PREFIX)) await openSampleId(link.doc.slice(SAMPLE_PREFIX.length));
        else await openPaths([link.doc]);
      };
      if (restored.length > 0) {
        const files = restored.filter((p) => !p.startsWith(SAMPLE_PREFIX));
        for (const p of restored) if (p.startsWith(SAMPLE_PREFIX)) await openSampleId(p.slice(SAMPLE_PREFIX.length));
        if (files.length > 0) await openPaths(files);
        if (live)
          setStatus(
            `Reopened ${restored.length} document${restored.length === 1 ? '' : 's'} after a restart of the window.`,
          );
        await openLinked();
      } else if (link) {
        await openLinked();
      } else if (hostInfo && hostInfo.launchFiles.length > 0) {
        await openPaths(hostInfo.launchFiles);
      } else {
        const first = list.find((s) => s.kind === 'asl');
        if (first) await openSampleId(first.id, first.name);
        else setStatus('Ready');
      }
      // `statescope serve --daemon`: the live traces open beside whatever else opened.
      try {
        if (live && (await api.call('daemon.status', {}))) {
          addTab({
            id: newTabId(),
            kind: 'xray',
            title: translate(storedLang() ?? langOf(hostInfo?.locale), 'live.title'),
            files: [],
            live: true,
          });
        }
      } catch {
        // a host without the receiver methods
      }
      if (live) setReady(true);
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Files handed over by the host, and its menu commands.
  useEffect(() => {
    const api = getApi();
    const offOpen = api.on('files.open', ({ paths }) => {
      void openPaths(paths);
    });
    // A file changed on disk: re-read it into the same tab (the view keeps its machine, groups and selection).
    const offChanged = api.on('files.changed', ({ path, kind }) => {
      const affected = tabsRef.current.filter((x) => x.kind === 'asl' && x.source.path === path);
      if (affected.length === 0) return;
      if (kind !== 'changed') {
        setStatus(
          `${path} was ${kind === 'deleted' ? 'deleted' : 'renamed'} on disk; the tab shows the last version read.`,
        );
        return;
      }
      api.call('files.read', { path }).then(
        (file) =>
          setTabs((prev) =>
            prev.map((x) =>
              x.kind === 'asl' && x.source.path === path
                ? {
                    ...x,
                    source: { path: file.path, name: file.name, text: file.text, mtimeMs: file.mtimeMs },
                    revision: x.revision + 1,
                  }
                : x,
            ),
          ),
        (err) => setStatus(`Cannot re-read ${path}: ${errorMessage(err)}`),
      );
    });
    // What the host set aside or backed up (damaged data files): shown once each, with the path of the copy.
    const shownNotices = new Set<number>();
    const showNotices = () =>
      api.call('app.notices', {}).then(
        ({ notices }) => {
          for (const n of notices) {
            if (shownNotices.has(n.id)) continue;
            shownNotices.add(n.id);
            setStatus(n.message);
          }
        },
        () => undefined, // an older host without notices
      );
    void showNotices();
    const offNotice = api.on('app.notice', () => void showNotices());
    const offMenu = api.on('menu.command', ({ command }) => {
      if (command === 'open') fileInput.current?.click();
      else if (command === 'close-tab') closeTabRef.current?.(activeIdRef.current);
      else {
        const chosen = themeFromCommand(command);
        if (chosen) setTheme(chosen);
      }
    });
    return () => {
      offOpen();
      offChanged();
      offNotice();
      offMenu();
    };
  }, [openPaths, setTheme]);

  // Drag and drop anywhere on the window.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (e.dataTransfer?.files.length) void openLocalFiles([...e.dataTransfer.files]);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [openLocalFiles]);

  // Unsaved edits: the tab shows a marker, and closing it asks first.
  const [, setEditTick] = useState(0);
  useEffect(() => subscribeEdits(() => setEditTick((n) => n + 1)), []);

  const closeTab = useCallback((id: string) => {
    if (isDirty(id) && !window.confirm('This tab has unsaved changes. Close it and lose them?')) return;
    const prev = tabsRef.current;
    const index = prev.findIndex((x) => x.id === id);
    if (index === -1 || prev[index]!.kind === 'welcome') return;
    const next = prev.filter((x) => x.id !== id);
    setTabs(next);
    setActiveId((current) => (current === id ? (next[Math.min(index, next.length - 1)]?.id ?? WELCOME_ID) : current));
    setOverlays(({ [id]: _gone, ...rest }) => rest);
    setGraphs(({ [id]: _gone, ...rest }) => rest);
    setAnnotated(({ [id]: _gone, ...rest }) => rest);
    setXraySelection(({ [id]: _gone, ...rest }) => rest);
    forgetAslDocument(id);
  }, []);

  closeTabRef.current = closeTab;

  // The host keeps the list of open documents (host paths and samples) so a crashed window can reopen them.
  // Not before start-up has read the previous list, or the first (empty) render would erase it.
  useEffect(() => {
    if (!ready) return;
    const paths = tabs.flatMap((t) => (t.kind === 'asl' && isRestorable(t.source.path) ? [t.source.path] : []));
    getApi()
      .call('session.setOpenDocuments', { paths })
      .catch(() => undefined);
  }, [tabs, ready]);

  // Errors the window did not handle go to the host's log file (Help › Open Log File).
  useEffect(() => {
    const report = (message: string, stack?: string, source?: string) => {
      getApi()
        .call('log.error', {
          message: message.slice(0, 4000) || 'Unknown error',
          ...(stack ? { stack: stack.slice(0, 16_000) } : {}),
          ...(source ? { source } : {}),
        })
        .catch(() => undefined);
    };
    const onError = (e: ErrorEvent) =>
      report(e.message, e.error instanceof Error ? e.error.stack : undefined, 'window.onerror');
    const onRejection = (e: PromiseRejectionEvent) =>
      report(
        e.reason instanceof Error ? e.reason.message : String(e.reason),
        e.reason instanceof Error ? e.reason.stack : undefined,
        'unhandledrejection',
      );
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    return () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    };
  }, []);

  /** Shows the single tab of a kind (notes browser, AWS), creating it on first use. */
  const showSingleton = useCallback(
    (kind: 'notes' | 'aws') => {
      const existing = tabsRef.current.find((x) => x.kind === kind);
      if (existing) setActiveId(existing.id);
      else addTab({ id: `${kind}-tab`, kind, title: kind });
    },
    [addTab],
  );

  const onOpenClick = async () => {
    // In Electron the native dialog gives host paths (so DefinitionUri can be followed); web mode returns [].
    if (info?.mode === 'electron') {
      try {
        const paths = await getApi().call('files.openDialog', {});
        await openPaths(paths);
        return;
      } catch {
        // fall back to the file input
      }
    }
    fileInput.current?.click();
  };

  const onPathSubmit = (event: FormEvent) => {
    event.preventDefault();
    const p = pathInput.trim();
    if (!p) return;
    setPathInput('');
    void openPath(p);
  };

  // Machines report their name and states once drawn (used to match executions and traces to them).
  const graphCallbacks = useRef(new Map<string, (g: GraphInfo) => void>());
  const onGraphFor = useCallback((tabId: string) => {
    let cb = graphCallbacks.current.get(tabId);
    if (!cb) {
      cb = (g: GraphInfo) =>
        setGraphs((prev) => {
          const old = prev[tabId];
          if (old && old.name === g.name && old.states.join('\u0000') === g.states.join('\u0000')) return prev;
          return { ...prev, [tabId]: g };
        });
      graphCallbacks.current.set(tabId, cb);
    }
    return cb;
  }, []);

  // The user's own notes: which states of each open file carry one (markers on nodes).
  const refreshAnnotated = useCallback(async (tabId: string, key: string) => {
    try {
      const list = await getApi().call('notes.annotations.list', { key });
      setAnnotated((prev) => ({ ...prev, [tabId]: new Set(list.map((a) => a.element)) }));
    } catch {
      // markers are a hint; the Notes tab shows the error itself
    }
  }, []);

  const active = tabs.find((x) => x.id === activeId) ?? tabs[0]!;

  // The URL names the shown view (document, machine, state), so it can be reloaded, bookmarked or shared.
  const activeDoc = active.kind === 'asl' && linkable(active.source.path) ? active.source.path : null;
  const onLocation = useCallback(
    (loc: { machine: string; state: string | null }) => {
      if (!activeDoc) return;
      const hash = formatLink({ doc: activeDoc, machine: loc.machine, ...(loc.state ? { state: loc.state } : {}) });
      if (hash !== window.location.hash)
        window.history.replaceState(
          window.history.state,
          '',
          `${window.location.pathname}${window.location.search}${hash}`,
        );
    },
    [activeDoc],
  );
  useEffect(() => {
    // Not before start-up has read a link from the URL; a view that cannot be linked leaves no stale link behind.
    if (ready && !activeDoc && window.location.hash) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
    }
  }, [ready, activeDoc]);
  const activeKey = active.kind === 'asl' ? active.source.path : null;

  useEffect(() => {
    if (active.kind === 'asl' && activeKey) void refreshAnnotated(active.id, annotationKey(activeKey));
  }, [active.id, active.kind, activeKey, refreshAnnotated]);

  /** The annotations client for the editor: refreshes the markers after every change. */
  const annotationsApi: AnnotationsApi = useMemo(
    () => ({
      call: (async (method: string, args: unknown) => {
        const api = getApi() as unknown as { call: (m: string, a: unknown) => Promise<unknown> };
        const result = await api.call(method, args);
        if (method !== 'notes.annotations.list' && active.kind === 'asl')
          void refreshAnnotated(active.id, annotationKey(active.source.path));
        return result;
      }) as AnnotationsApi['call'],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [active.id, refreshAnnotated],
  );

  const activeOverlay = active.kind === 'asl' ? overlays[active.id] : undefined;

  const sideTabs: SidePanelTab[] = useMemo(() => {
    if (active.kind !== 'asl') return [];
    const key = annotationKey(active.source.path);
    const list: SidePanelTab[] = [];
    if (activeOverlay) {
      list.push({
        id: 'execution',
        label: translate(lang, 'overlay.execution'),
        render: (state: GraphState) => <ExecutionTab overlay={activeOverlay} state={state.name} />,
      });
    }
    list.push({
      id: 'dataflow',
      label: translate(lang, 'dataflow.tab'),
      render: (state: GraphState) => {
        // The last recorded input of this state in the opened execution, when there is one.
        const run =
          activeOverlay?.source === 'history'
            ? [...activeOverlay.report.runs].reverse().find((r) => r.name === state.name && r.input !== undefined)
            : undefined;
        return (
          <DataFlowPanel state={state} recorded={run ? { label: activeOverlay!.label, input: run.input } : undefined} />
        );
      },
    });
    const runTabId = active.id;
    list.push({
      id: 'run',
      label: translate(lang, 'run.tab'),
      render: (state: GraphState) => (
        <RunLocallyPanel
          tabId={runTabId}
          path={active.source.path}
          diskText={active.source.text}
          stateName={state.name}
          onRun={(events, label) => {
            const text = `${JSON.stringify({ events }, null, 2)}\n`;
            applyOverlay(runTabId, historyOverlay(analyzeHistory({ events }), text, label));
          }}
        />
      ),
    });
    list.push({
      id: 'notes',
      label: translate(lang, 'notes.tab'),
      render: (state: GraphState) => (
        <div className="ss-notes-side" data-testid="notes-tab">
          <NotesPanel
            selection={{
              kind: 'state',
              state,
              machine: machineContextFromText(active.source.text, graphsRef.current[active.id]?.name),
            }}
            lang={lang}
            onOpenLink={openLink}
            onOpenSample={(id) => void openSampleId(id)}
          />
          <AnnotationsEditor
            target={{ key, element: state.name }}
            lang={lang}
            onOpenLink={openLink}
            api={annotationsApi}
          />
        </div>
      ),
    });
    return list;
  }, [active, activeOverlay, lang, openSampleId, annotationsApi, applyOverlay]);

  // An X-Ray tab: which traces ran a state machine (the "Show on state machine" buttons).

  // When a state machine and an X-Ray tab holding one of its executions are both open, offer to draw it here.
  const activeGraphName = active.kind === 'asl' ? (graphs[active.id]?.name ?? active.title) : null;
  // X-Ray tabs' state machine traces arrive from the X-Ray worker: re-render when they do.
  const sfnTracesVersion = useStateMachineTracesVersion();
  const matchingTraces = useMemo(() => {
    if (active.kind !== 'asl' || !activeGraphName || activeOverlay) return [];
    const out: { trace: Trace; machine: string }[] = [];
    for (const tab of tabs) {
      if (tab.kind !== 'xray') continue;
      for (const found of sfnTracesOf(tab.files)) {
        if (sameMachineName(found.machine, activeGraphName) || sameMachineName(found.machine, active.title))
          out.push(found);
      }
    }
    return out.slice(0, 3);
  }, [active, activeGraphName, activeOverlay, tabs, sfnTracesVersion]);

  const showTraceOnMachine = (trace: Trace, machine: string) => {
    const label = `${machine} · ${trace.id}`;
    const names = new Set(
      stateMachineSegments(trace).flatMap((s) => trace.spans[s.index]!.children.map((c) => trace.spans[c]!.name)),
    );
    attachOverlay('trace', label, (states) => xrayOverlay(trace, label, states), { name: machine, states: [...names] });
  };

  const onOpenExecution = useCallback(
    (run: AwsExecutionOpen) => {
      const label = run.executionName;
      const text = `${JSON.stringify({ events: run.events }, null, 2)}\n`;
      if (run.definitionText !== undefined) {
        const tabId = openAsl(`aws:${run.stateMachineArn}`, run.machineName, run.definitionText, true);
        applyOverlay(tabId, historyOverlay(run.report, text, label));
      } else {
        attachOverlay('history', label, () => historyOverlay(run.report, text, label), {
          name: run.machineName,
          states: Object.keys(run.report.states),
        });
      }
    },
    [openAsl, applyOverlay, attachOverlay],
  );

  useEffect(() => {
    if (active.kind === 'welcome') {
      setStatus(info ? `Statescope ${info.version} · ${info.mode} mode` : 'Statescope');
    } else if (active.kind === 'unreadable') {
      setStatus(t('app.notOpened', { name: active.title }));
    } else if (active.kind === 'xray') {
      setStatus(`${active.title} · X-Ray`);
    } else if (active.kind === 'notes' || active.kind === 'aws') {
      setStatus(t(active.kind === 'notes' ? 'tab.notes' : 'tab.aws'));
    }
    document.title = active.kind === 'welcome' ? 'Statescope' : `${tabTitle(active)} — Statescope`;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, info, lang]);

  // Two files with the same name read apart by their folders.
  const shownTitles = useMemo(
    () =>
      disambiguatedTitles(
        tabs
          .filter((x) => x.kind === 'asl')
          .map((x) => ({ id: x.id, title: x.title, path: x.kind === 'asl' ? x.source.path : undefined })),
      ),
    [tabs],
  );

  // A newly opened (or picked) tab is scrolled into the strip's view.
  useEffect(() => {
    document.querySelector('.ss-tab.is-active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeId, tabs.length]);

  function tabTitle(tab: DocumentTab): string {
    if (shownTitles.has(tab.id)) return shownTitles.get(tab.id)!;
    switch (tab.kind) {
      case 'welcome':
        return t('tab.welcome');
      case 'notes':
        return t('tab.notes');
      case 'aws':
        return t('tab.aws');
      default:
        return tab.title;
    }
  }

  let view: ReactNode;
  if (active.kind === 'welcome') {
    view = <Welcome samples={samples} error={samplesError} onOpen={(s) => void openSampleId(s.id, s.name)} />;
  } else if (active.kind === 'asl') {
    view = (
      <div className="ss-asl-host">
        {active.fetched ? (
          <div className="ss-fetched-bar">
            <span className="ss-dim">{active.source.path}</span>
            <button
              type="button"
              className="ss-button"
              data-testid="save-fetched"
              onClick={() => downloadText(`${active.title}.asl.json`, active.source.text)}
            >
              {t('app.saveFile')}
            </button>
          </div>
        ) : null}
        {matchingTraces.length > 0 ? (
          <div className="ss-fetched-bar" data-testid="trace-suggestion">
            {matchingTraces.map(({ trace, machine }) => (
              <button
                key={trace.id}
                type="button"
                className="ss-button"
                onClick={() => showTraceOnMachine(trace, machine)}
                title={trace.id}
              >
                {t('overlay.showOnMachine')}: X-Ray {machine} · {trace.id}
              </button>
            ))}
          </div>
        ) : null}
        {activeOverlay ? (
          <OverlayLegend
            overlay={activeOverlay}
            onClear={() => setOverlays(({ [active.id]: _gone, ...rest }) => rest)}
            onSave={
              activeOverlay.source === 'history'
                ? () => downloadText(`${activeOverlay.label}.history.json`, activeOverlay.text)
                : undefined
            }
          />
        ) : null}
        <StatusOverlayContext.Provider value={activeOverlay?.states ?? null}>
          <AnnotatedContext.Provider value={annotated[active.id] ?? EMPTY_SET}>
            <AslDocumentView
              key={`${active.id}:${active.revision}`}
              tabId={active.id}
              source={active.source}
              revision={active.revision}
              active
              onStatus={setStatus}
              sideTabs={sideTabs}
              onGraph={onGraphFor(active.id)}
              onLocation={onLocation}
            />
          </AnnotatedContext.Provider>
        </StatusOverlayContext.Provider>
      </div>
    );
  } else if (active.kind === 'xray') {
    view = null; // drawn below: X-Ray tabs stay mounted so their filter, trace and selection survive tab switches
  } else if (active.kind === 'notes') {
    view = (
      <div className="ss-notes-host" data-testid="notes-browser-tab">
        <NotesBrowser lang={lang} onOpenLink={openLink} onOpenSample={(id) => void openSampleId(id)} />
        <AnnotationsTransfer lang={lang} />
      </div>
    );
  } else if (active.kind === 'aws') {
    view = null; // drawn below: the panel stays mounted so its connection and lists survive tab switches
  } else {
    view = (
      <div className="ss-fatal" role="alert" data-testid="fatal-panel">
        <h2>{t('app.cannotOpen', { name: active.title })}</h2>
        <p data-testid="fatal-message">{active.message}</p>
      </div>
    );
  }

  const renderXray = (tab: Extract<DocumentTab, { kind: 'xray' }>, shown: boolean) => {
    const selection = xraySelection[tab.id] ?? null;
    const tabTraces = sfnTracesOf(tab.files);
    const selectInXray = (sel: { kind: 'segment' | 'service'; origin?: string; type?: string; name: string }) =>
      setXraySelection((prev) => ({
        ...prev,
        [tab.id]: {
          kind: 'xray',
          node:
            sel.kind === 'segment'
              ? { name: sel.name, ...(sel.origin ? { origin: sel.origin } : {}) }
              : { name: sel.name, ...(sel.type ? { type: sel.type } : {}) },
        },
      }));
    return (
      <div className="ss-xray-host" data-testid="xray-tab" key={tab.id} hidden={!shown}>
        {tabTraces.length > 0 || tab.fetched ? (
          <div className="ss-fetched-bar">
            {tabTraces.slice(0, 5).map(({ trace, machine }) => (
              <button
                key={trace.id}
                type="button"
                className="ss-button"
                data-testid="show-on-machine"
                onClick={() => showTraceOnMachine(trace, machine)}
                title={trace.id}
              >
                {t('overlay.showOnMachine')}: {machine}
              </button>
            ))}
            <span className="ss-spacer" />
            {tab.fetched ? (
              <button
                type="button"
                className="ss-button"
                data-testid="save-fetched"
                onClick={() =>
                  tab.files.forEach((f) => downloadText(/\.json$/i.test(f.name) ? f.name : `${f.name}.json`, f.text))
                }
              >
                {t('app.saveFile')}
              </button>
            ) : null}
          </div>
        ) : null}
        <div className="ss-xray-body">
          <div className="ss-xray-main">
            {tab.live ? (
              <LiveTraces onSelect={selectInXray} />
            ) : (
              <XrayWorkspace key={tab.id} files={tab.files} onSelect={selectInXray} />
            )}
          </div>
          <aside className="ss-xray-notes" data-testid="xray-notes" aria-label={t('notes.tab')}>
            <NotesPanel
              selection={selection}
              lang={lang}
              onOpenLink={openLink}
              onOpenSample={(id) => void openSampleId(id)}
              limit={4}
            />
          </aside>
        </div>
      </div>
    );
  };
  const hasAws = tabs.some((x) => x.kind === 'aws');
  const awsPanel = (
    <div className="ss-aws-host" data-testid="aws-tab" hidden={active.kind !== 'aws'}>
      <AwsPanel
        lang={lang}
        onOpenDefinition={(d) => openAsl(`aws:${d.stateMachineArn}`, d.name, d.text, true)}
        onOpenExecution={onOpenExecution}
        onOpenTraces={(batch) =>
          openXray(
            [
              {
                name: `traces-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.json`,
                text: JSON.stringify(batch, null, 2),
              },
            ],
            true,
          )
        }
        onOpenServiceGraph={(graph, range) =>
          openXray(
            [
              {
                name: `service-graph${range.group ? `-${range.group}` : ''}-${new Date(range.startMs).toISOString().slice(0, 16).replace(/:/g, '')}.json`,
                text: JSON.stringify(
                  { StartTime: graph.StartTime, EndTime: graph.EndTime, Services: graph.Services },
                  null,
                  2,
                ),
              },
            ],
            true,
          )
        }
      />
    </div>
  );

  return (
    <LangContext.Provider value={lang}>
      <div className="ss-app" data-ready={ready ? 'true' : 'false'} data-lang={lang}>
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
          {t('app.skip')}
        </a>
        <header className="ss-topbar">
          <span className="ss-brand">Statescope</span>
          <button type="button" className="ss-button" onClick={() => void onOpenClick()} data-testid="open-file">
            {t('app.openFile')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.yaml,.yml,.json5,.ndjson,.jsonl,application/json,application/yaml,text/yaml"
            multiple
            hidden
            data-testid="file-input"
            onChange={(e) => {
              const files = e.target.files ? [...e.target.files] : [];
              e.target.value = '';
              void openLocalFiles(files);
            }}
          />
          <form className="ss-path-form" onSubmit={onPathSubmit}>
            <input
              type="text"
              value={pathInput}
              onChange={(e) => setPathInput(e.target.value)}
              placeholder={t('app.openPath')}
              aria-label={t('app.openPath')}
              data-testid="open-path"
              spellCheck={false}
            />
            <button type="submit" className="ss-button" disabled={!pathInput.trim()}>
              {t('app.open')}
            </button>
          </form>
          <span className="ss-spacer" />
          <button type="button" className="ss-button" onClick={() => showSingleton('notes')} data-testid="open-notes">
            {t('app.studyNotes')}
          </button>
          <button type="button" className="ss-button" onClick={() => showSingleton('aws')} data-testid="open-aws">
            {t('app.aws')}
          </button>
          <label className="ss-lang">
            <span className="ss-visually-hidden">{t('app.language')}</span>
            <select
              value={lang}
              onChange={(e) => setLang(e.target.value === 'ko' ? 'ko' : 'en')}
              data-testid="lang-select"
              aria-label={t('app.language')}
            >
              <option value="en">English</option>
              <option value="ko">한국어</option>
            </select>
          </label>
          <label className="ss-lang">
            <span className="ss-visually-hidden">{t('app.theme')}</span>
            <select
              value={theme}
              onChange={(e) => setTheme(themeSettingOf(e.target.value) ?? 'system')}
              data-testid="theme-select"
              aria-label={t('app.theme')}
              title={t('app.theme')}
            >
              <option value="system">{t('theme.system')}</option>
              <option value="light">{t('theme.light')}</option>
              <option value="dark">{t('theme.dark')}</option>
            </select>
          </label>
        </header>
        <nav className="ss-tabs" role="tablist" data-testid="tabs">
          {tabs.map((x) => (
            <div
              key={x.id}
              role="presentation"
              className={`ss-tab${x.id === active.id ? ' is-active' : ''}${x.kind === 'unreadable' ? ' is-bad' : ''}`}
              data-testid="tab"
              data-tab-kind={x.kind}
              title={x.kind === 'asl' ? x.source.path : x.kind === 'unreadable' ? x.path : undefined}
            >
              <button
                type="button"
                role="tab"
                aria-selected={x.id === active.id}
                aria-controls="ss-main"
                className="ss-tab-label"
                onClick={() => setActiveId(x.id)}
                onKeyDown={(e) => {
                  // Delete closes the tab from the keyboard (the × beside it is for the mouse).
                  if (e.key === 'Delete' && x.kind !== 'welcome') {
                    e.preventDefault();
                    closeTab(x.id);
                  }
                }}
              >
                {x.kind === 'xray' ? `${t('tab.xray')}: ` : ''}
                {tabTitle(x)}
                {x.kind === 'asl' && overlays[x.id] ? (
                  <span className="ss-tab-overlay" data-testid="overlay-marker" title={t('tab.overlay')}>
                    {' ▸'}
                  </span>
                ) : null}
                {x.kind === 'asl' && isDirty(x.id) ? (
                  <span className="ss-dirty" data-testid="dirty-marker" title={t('tab.unsaved')}>
                    {' ●'}
                  </span>
                ) : null}
              </button>
              {x.kind !== 'welcome' ? (
                // Not a button: a tablist may hold only tabs, and the keyboard closes a tab with Delete (or Ctrl+W).
                <span
                  className="ss-tab-close"
                  aria-hidden="true"
                  title={t('app.close', { name: tabTitle(x) })}
                  onClick={() => closeTab(x.id)}
                >
                  ×
                </span>
              ) : null}
            </div>
          ))}
        </nav>
        {openErrors.length > 0 ? (
          <div className="ss-open-errors" role="alert" data-testid="open-errors">
            {openErrors.length === 1 ? (
              <span>
                <strong>{t('app.cannotOpen', { name: openErrors[0]!.name })}</strong>:{' '}
                <span data-testid="fatal-message">{openErrors[0]!.message}</span>
              </span>
            ) : (
              <details>
                <summary>
                  <strong>{t('app.cannotOpenMany', { count: openErrors.length })}</strong>
                </summary>
                <ul>
                  {openErrors.map((e) => (
                    <li key={e.path} title={e.path}>
                      <strong>{e.name}</strong>: <span data-testid="fatal-message">{e.message}</span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <span className="ss-spacer" />
            <button
              type="button"
              className="ss-icon-button"
              aria-label={t('app.dismiss')}
              data-testid="open-errors-close"
              onClick={() => setOpenErrors([])}
            >
              ✕
            </button>
          </div>
        ) : null}
        <main
          className="ss-main"
          id="ss-main"
          tabIndex={-1}
          aria-label={tabTitle(active)}
          data-testid="document"
          data-kind={active.kind}
        >
          {view}
          {tabs.map((x) => (x.kind === 'xray' ? renderXray(x, x.id === active.id) : null))}
          {hasAws ? awsPanel : null}
        </main>
        <footer className="ss-status" data-testid="status" aria-live="polite">
          {status}
        </footer>
        {pending ? (
          <MachinePicker
            what={pending.what}
            choices={pending.choices}
            initial={pending.choices.find((c) => c.tabId === activeId)?.tabId}
            onCancel={() => setPending(null)}
            onPick={(tabId) => {
              const g = graphsRef.current[tabId];
              applyOverlay(tabId, pending.make(g ? new Set(g.states) : undefined));
              setPending(null);
            }}
          />
        ) : null}
        {dragging ? (
          <div className="ss-drop" aria-hidden="true">
            {t('app.drop')}
          </div>
        ) : null}
      </div>
    </LangContext.Provider>
  );
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/** Annotations on a machine fetched from AWS are keyed by its ARN (the same machine from any profile), others by path. */
function annotationKey(path: string): string {
  return path.startsWith('aws:') ? path.slice(4) : path;
}
