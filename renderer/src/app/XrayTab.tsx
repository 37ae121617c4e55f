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
            onOpenSample={(id) => void dispatcher.openSampleId(id)}
            limit={4}
          />
        </aside>
      </div>
    </div>
  );
}
