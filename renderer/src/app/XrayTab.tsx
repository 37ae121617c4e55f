/**
 * An X-Ray tab: the offer to draw a state machine trace on its machine, "Save as file" for data fetched from AWS,
 * the workspace (or the live traces of `serve --daemon`) and the exam notes for the selected segment or service.
 * X-Ray tabs stay mounted while hidden, so their filter, trace and selection survive tab switches.
 */
import type { NotesSelection } from '../notes/index.ts';
import { NotesPanel } from '../notes/index.ts';
import { useT, type Lang } from '../i18n/index.ts';
import { LiveTraces } from '../xray/LiveTraces.tsx';
import { stateMachineTracesOf } from '../xray/state-machine-traces.ts';
import { XrayWorkspace } from '../xray/XrayWorkspace.tsx';
import { openLink, type Dispatcher } from './dispatcher.ts';
import { downloadText, type DocumentTab } from './documents.ts';
import { Splitter, useCollapsiblePanel, usePanelWidth } from './panels.tsx';
import type { Store } from './store.ts';

type XrayDocTab = Extract<DocumentTab, { kind: 'xray' }>;
type XraySelect = { kind: 'segment' | 'service'; origin?: string; type?: string; name: string };

/** The notes selection for what was selected in the workspace. */
function notesSelectionOf(sel: XraySelect): NotesSelection {
  return {
    kind: 'xray',
    node:
      sel.kind === 'segment'
        ? { name: sel.name, ...(sel.origin ? { origin: sel.origin } : {}) }
        : { name: sel.name, ...(sel.type ? { type: sel.type } : {}) },
  };
}

/** Below this window width the notes start collapsed to a tab, so the timeline keeps its room (1024 × 700). */
const NOTES_NARROW_BELOW = 1200;

/** The exam notes beside the workspace: resizable, and collapsible to a tab at the window's edge. */
function XrayNotes({
  dispatcher,
  selection,
  lang,
}: {
  dispatcher: Dispatcher;
  selection: NotesSelection | null;
  lang: Lang;
}) {
  const t = useT();
  const [open, setOpen] = useCollapsiblePanel('xray-notes', NOTES_NARROW_BELOW);
  const [width, setWidth] = usePanelWidth('xray-notes', 300);
  if (!open) {
    return (
      <button
        type="button"
        className="ss-panel-tab"
        data-testid="xray-notes-tab"
        aria-expanded={false}
        title={t('app.notes.show')}
        onClick={() => setOpen(true)}
      >
        {t('notes.tab')}
      </button>
    );
  }
  return (
    <>
      <Splitter side="right" width={width} onWidth={setWidth} label={t('notes.tab')} testId="xray-notes-splitter" />
      <aside className="ss-xray-notes" data-testid="xray-notes" aria-label={t('notes.tab')} style={{ width }}>
        <div className="ss-panel-head">
          <span className="ss-spacer" />
          <button
            type="button"
            className="ss-icon-button"
            data-testid="xray-notes-close"
            aria-expanded={true}
            aria-label={t('app.notes.hide')}
            title={t('app.notes.hide')}
            onClick={() => setOpen(false)}
          >
            ✕
          </button>
        </div>
        <NotesPanel
          selection={selection}
          lang={lang}
          onOpenLink={openLink}
          onOpenSample={(id) => void dispatcher.openSampleId(id)}
          limit={4}
        />
      </aside>
    </>
  );
}

export function XrayTab({
  dispatcher,
  store,
  tab,
  shown,
  selection,
  lang,
}: {
  dispatcher: Dispatcher;
  store: Store;
  tab: XrayDocTab;
  shown: boolean;
  selection: NotesSelection | null;
  lang: Lang;
}) {
  const t = useT();
  const tabTraces = stateMachineTracesOf(tab.files);
  const selectInXray = (sel: XraySelect) =>
    store.dispatch({ type: 'xray.selected', tabId: tab.id, selection: notesSelectionOf(sel) });
  return (
    <div className="ss-xray-host" data-testid="xray-tab" hidden={!shown}>
      {tabTraces.length > 0 || tab.fetched ? (
        <div className="ss-fetched-bar">
          {tabTraces.slice(0, 5).map(({ trace, machine }) => (
            <button
              key={trace.id}
              type="button"
              className="ss-button"
              data-testid="show-on-machine"
              onClick={() => dispatcher.showTraceOnMachine(trace, machine, tab.files)}
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
                // Fetched data is always text (only large picked files are handed over as the file itself).
                tab.files.forEach(
                  (f) => 'text' in f && downloadText(/\.json$/i.test(f.name) ? f.name : `${f.name}.json`, f.text),
                )
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
        <XrayNotes dispatcher={dispatcher} selection={selection} lang={lang} />
      </div>
    </div>
  );
}
