/**
 * The window: a top bar (open file, open path), document tabs, the active document's view and a status line.
 * Opening never throws into the UI: a file that fails shows its message in its own tab.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { HostInfo, SampleInfo } from '../../../shared/contract.ts';
import { errorMessage, getApi } from '../api.ts';
import { AslDocumentView, forgetAslDocument } from '../asl/AslDocumentView.tsx';
import { documentClient } from '../workers/document-client.ts';
import { newTabId, type DocumentTab } from './documents.ts';
import { readLocalFile } from './read-local-file.ts';
import { Welcome } from './Welcome.tsx';

const WELCOME: DocumentTab = { id: 'welcome', kind: 'welcome', title: 'Welcome' };

export function App() {
  const [tabs, setTabs] = useState<DocumentTab[]>([WELCOME]);
  const [activeId, setActiveId] = useState<string>(WELCOME.id);
  const [info, setInfo] = useState<HostInfo | null>(null);
  const [samples, setSamples] = useState<SampleInfo[] | null>(null);
  const [samplesError, setSamplesError] = useState<string | null>(null);
  const [status, setStatus] = useState('Starting…');
  const [pathInput, setPathInput] = useState('');
  const [dragging, setDragging] = useState(false);
  /** True once the start-up files (or the first sample) have been opened, so tests and tools know when to look. */
  const [ready, setReady] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;

  const addTab = useCallback((tab: DocumentTab) => {
    setTabs((prev) => [...prev, tab]);
    setActiveId(tab.id);
  }, []);

  const openText = useCallback(
    (path: string, name: string, text: string) => {
      addTab({ id: newTabId(), kind: 'asl', title: name, source: { path, name, text }, revision: 0 });
    },
    [addTab],
  );

  const openFailed = useCallback(
    (path: string, message: string) => {
      const name = path.split(/[\\/]/).pop() || path;
      addTab({ id: newTabId(), kind: 'unreadable', title: name, path, message });
    },
    [addTab],
  );

  /** Opens a host path; if it is already open, shows that tab instead. */
  const openPath = useCallback(
    async (path: string) => {
      const existing = tabsRef.current.find((t) => t.kind === 'asl' && t.source.path === path);
      if (existing) {
        setActiveId(existing.id);
        return;
      }
      try {
        const file = await getApi().call('files.read', { path });
        openText(file.path, file.name, file.text);
      } catch (err) {
        openFailed(path, errorMessage(err));
      }
    },
    [openText, openFailed],
  );

  const openSample = useCallback(
    async (sample: Pick<SampleInfo, 'id' | 'name'>) => {
      try {
        const file = await getApi().call('files.readSample', { id: sample.id });
        openText(file.path, file.name, file.text);
      } catch (err) {
        openFailed(sample.name, errorMessage(err));
      }
    },
    [openText, openFailed],
  );

  const openLocalFiles = useCallback(
    async (files: Iterable<File>) => {
      for (const file of files) {
        const read = await readLocalFile(file);
        if (read.ok) openText(read.name, read.name, read.text);
        else openFailed(read.name, read.message);
      }
    },
    [openText, openFailed],
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
        if (live) setInfo(hostInfo);
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
      if (hostInfo && hostInfo.launchFiles.length > 0) {
        for (const p of hostInfo.launchFiles) await openPath(p);
      } else {
        const first = list.find((s) => s.kind === 'asl');
        if (first) await openSample(first);
        else setStatus('Ready');
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
      for (const p of paths) void openPath(p);
    });
    // A file changed on disk: re-read it into the same tab (the view keeps its machine, groups and selection).
    const offChanged = api.on('files.changed', ({ path, kind }) => {
      const affected = tabsRef.current.filter((t) => t.kind === 'asl' && t.source.path === path);
      if (affected.length === 0) return;
      if (kind !== 'changed') {
        setStatus(`${path} was ${kind === 'deleted' ? 'deleted' : 'renamed'} on disk; the tab shows the last version read.`);
        return;
      }
      api.call('files.read', { path }).then(
        (file) =>
          setTabs((prev) =>
            prev.map((t) =>
              t.kind === 'asl' && t.source.path === path
                ? { ...t, source: { path: file.path, name: file.name, text: file.text }, revision: t.revision + 1 }
                : t,
            ),
          ),
        (err) => setStatus(`Cannot re-read ${path}: ${errorMessage(err)}`),
      );
    });
    const offMenu = api.on('menu.command', ({ command }) => {
      if (command === 'open') fileInput.current?.click();
    });
    return () => {
      offOpen();
      offChanged();
      offMenu();
    };
  }, [openPath]);

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

  const closeTab = useCallback((id: string) => {
    const prev = tabsRef.current;
    const index = prev.findIndex((t) => t.id === id);
    if (index === -1 || prev[index]!.kind === 'welcome') return;
    const next = prev.filter((t) => t.id !== id);
    setTabs(next);
    setActiveId((current) => (current === id ? (next[Math.min(index, next.length - 1)]?.id ?? WELCOME.id) : current));
    forgetAslDocument(id);
  }, []);

  const onOpenClick = async () => {
    // In Electron the native dialog gives host paths (so DefinitionUri can be followed); web mode returns [].
    if (info?.mode === 'electron') {
      try {
        const paths = await getApi().call('files.openDialog', {});
        for (const p of paths) await openPath(p);
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

  const active = tabs.find((t) => t.id === activeId) ?? tabs[0]!;

  useEffect(() => {
    if (active.kind === 'welcome') {
      setStatus(info ? `Statescope ${info.version} · ${info.mode} mode` : 'Statescope');
    } else if (active.kind === 'unreadable') {
      setStatus(`${active.title}: not opened`);
    }
    document.title = active.kind === 'welcome' ? 'Statescope' : `${active.title} — Statescope`;
  }, [active, info]);

  return (
    <div className="ss-app" data-ready={ready ? 'true' : 'false'}>
      <header className="ss-topbar">
        <span className="ss-brand">Statescope</span>
        <button type="button" className="ss-button" onClick={() => void onOpenClick()} data-testid="open-file">
          Open file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.yaml,.yml,.json5,application/json,application/yaml,text/yaml"
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
            placeholder="Open path…"
            aria-label="Open path"
            data-testid="open-path"
            spellCheck={false}
          />
          <button type="submit" className="ss-button" disabled={!pathInput.trim()}>
            Open
          </button>
        </form>
      </header>
      <nav className="ss-tabs" role="tablist" data-testid="tabs">
        {tabs.map((t) => (
          <div
            key={t.id}
            role="tab"
            aria-selected={t.id === active.id}
            className={`ss-tab${t.id === active.id ? ' is-active' : ''}${t.kind === 'unreadable' ? ' is-bad' : ''}`}
            data-testid="tab"
            data-tab-kind={t.kind}
            title={t.kind === 'asl' ? t.source.path : t.kind === 'unreadable' ? t.path : undefined}
          >
            <button type="button" className="ss-tab-label" onClick={() => setActiveId(t.id)}>
              {t.title}
            </button>
            {t.kind !== 'welcome' ? (
              <button type="button" className="ss-tab-close" aria-label={`Close ${t.title}`} onClick={() => closeTab(t.id)}>
                ×
              </button>
            ) : null}
          </div>
        ))}
      </nav>
      <main className="ss-main" data-testid="document" data-kind={active.kind}>
        {active.kind === 'welcome' ? (
          <Welcome samples={samples} error={samplesError} onOpen={(s) => void openSample(s)} />
        ) : active.kind === 'asl' ? (
          <AslDocumentView
            key={`${active.id}:${active.revision}`}
            tabId={active.id}
            source={active.source}
            revision={active.revision}
            active
            onStatus={setStatus}
          />
        ) : (
          <div className="ss-fatal" role="alert" data-testid="fatal-panel">
            <h2>Cannot open {active.title}</h2>
            <p data-testid="fatal-message">{active.message}</p>
          </div>
        )}
      </main>
      <footer className="ss-status" data-testid="status" aria-live="polite">
        {status}
      </footer>
      {dragging ? (
        <div className="ss-drop" aria-hidden="true">
          Drop a state machine (JSON or YAML) to open it
        </div>
      ) : null}
    </div>
  );
}
