/**
 * An ASL tab: the bar for definitions fetched from AWS, the offer to draw a matching X-Ray trace, the legend of a
 * drawn execution, and the document view with its side tabs (execution, data flow, run locally, notes).
 */
import { createContext, useContext, useEffect, useMemo, type ComponentProps } from 'react';
import type { GraphState } from '../../../shared/asl/types.ts';
import type { Trace } from '../../../shared/xray/types.ts';
import { getApi } from '../api.ts';
import { AslDocumentView } from '../asl/AslDocumentView.tsx';
import type { SidePanelTab } from '../asl/DetailsPanel.tsx';
import { textIn, useT, type Lang } from '../i18n/index.ts';
import type { AnnotationsApi } from '../notes/annotations-client.ts';
import { ExecutionTab, OverlayLegend } from '../overlay/ExecutionView.tsx';
import { AnnotatedContext, StatusOverlayContext, type Overlay } from '../overlay/model.ts';
import { stateMachineTracesOf, useStateMachineTracesVersion } from '../xray/state-machine-traces.ts';
import { afterFirstPaint } from './after-paint.ts';
import { annotationKey, openLink, type Dispatcher } from './dispatcher.ts';
import { downloadText, sameMachineName, type DocumentTab, type XrayFile } from './documents.ts';
import { DataFlowSide, NotesSide, RunLocallySide } from './lazy-views.tsx';
import type { AppState } from './store.ts';

type AslDocTab = Extract<DocumentTab, { kind: 'asl' }>;

const EMPTY_SET: ReadonlySet<string> = new Set();

/** The annotations client for the editor: refreshes the node markers after every change. */
function useAnnotationsApi(dispatcher: Dispatcher, tab: AslDocTab): AnnotationsApi {
  const { id, source } = tab;
  return useMemo(
    () => ({
      call: (async (method: string, args: unknown) => {
        const api = getApi() as unknown as { call: (m: string, a: unknown) => Promise<unknown> };
        const result = await api.call(method, args);
        if (method !== 'notes.annotations.list') void dispatcher.refreshAnnotated(id, annotationKey(source.path));
        return result;
      }) as AnnotationsApi['call'],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id, dispatcher],
  );
}

/**
 * The drawn machine's name as the document view reported it, for the notes tab. Given through a context rather
 * than in the side tabs: the view reports it in an effect after its first render, and a new side-tab list then
 * rendered the whole view and its graph again before the first frame.
 */
const MachineNameContext = createContext<string | undefined>(undefined);

function MachineNotesSide(props: Omit<ComponentProps<typeof NotesSide>, 'machineName'>) {
  return <NotesSide {...props} machineName={useContext(MachineNameContext)} />;
}

/** The side tabs of the details panel for this document. */
function useSideTabs(dispatcher: Dispatcher, tab: AslDocTab, overlay: Overlay | undefined, lang: Lang): SidePanelTab[] {
  const annotationsApi = useAnnotationsApi(dispatcher, tab);
  return useMemo(() => {
    // In the tab's language, kept with the list: `useT()` is a new function on every render, and a new list
    // renders the whole document view again.
    const t = textIn(lang);
    const key = annotationKey(tab.source.path);
    const list: SidePanelTab[] = [];
    if (overlay) {
      list.push({
        id: 'execution',
        label: t('overlay.execution'),
        render: (state: GraphState) => <ExecutionTab overlay={overlay} state={state.name} />,
      });
    }
    list.push({
      id: 'dataflow',
      label: t('dataflow.tab'),
      render: (state: GraphState) => {
        // The last recorded input of this state in the opened execution, when there is one.
        const run =
          overlay?.source === 'history'
            ? [...overlay.report.runs].reverse().find((r) => r.name === state.name && r.input !== undefined)
            : undefined;
        return <DataFlowSide state={state} recorded={run ? { label: overlay!.label, input: run.input } : undefined} />;
      },
    });
    list.push({
      id: 'run',
      label: t('run.tab'),
      render: (state: GraphState) => (
        <RunLocallySide
          tabId={tab.id}
          path={tab.source.path}
          diskText={tab.source.text}
          stateName={state.name}
          onOverlay={(run) => dispatcher.applyOverlay(tab.id, run)}
        />
      ),
    });
    list.push({
      id: 'notes',
      label: t('notes.tab'),
      render: (state: GraphState) => (
        <MachineNotesSide
          state={state}
          text={tab.source.text}
          annotationKey={key}
          lang={lang}
          api={annotationsApi}
          onOpenLink={openLink}
          onOpenSample={(id) => void dispatcher.openSampleId(id)}
        />
      ),
    });
    return list;
  }, [tab, overlay, lang, dispatcher, annotationsApi]);
}

/** X-Ray tabs holding a trace of this machine (the "Show on state machine" offer), at most three. */
function useMatchingTraces(state: AppState, tab: AslDocTab, hidden: boolean) {
  const graphName = state.graphs[tab.id]?.name ?? tab.title;
  // X-Ray tabs' state machine traces arrive from the X-Ray worker: re-render when they do.
  const version = useStateMachineTracesVersion();
  const { tabs } = state;
  return useMemo(() => {
    if (hidden) return [];
    const out: { trace: Trace; machine: string; files: XrayFile[] }[] = [];
    for (const x of tabs) {
      if (x.kind !== 'xray') continue;
      for (const found of stateMachineTracesOf(x.files)) {
        if (sameMachineName(found.machine, graphName) || sameMachineName(found.machine, tab.title))
          out.push({ ...found, files: x.files });
      }
    }
    return out.slice(0, 3);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab, graphName, hidden, tabs, version]);
}

export function AslTab({ dispatcher, state, tab }: { dispatcher: Dispatcher; state: AppState; tab: AslDocTab }) {
  const t = useT();
  const overlay = state.overlays[tab.id];
  const sideTabs = useSideTabs(dispatcher, tab, overlay, state.lang);
  const matchingTraces = useMatchingTraces(state, tab, !!overlay);
  const key = tab.source.path;
  // The note markers, asked after the first frame (after-paint.ts): the host's answer comes later anyway.
  useEffect(
    () => afterFirstPaint(() => void dispatcher.refreshAnnotated(tab.id, annotationKey(key))),
    [dispatcher, tab.id, key],
  );
  return (
    <div className="ss-asl-host">
      {tab.fetched ? (
        <div className="ss-fetched-bar">
          <span className="ss-dim">{tab.source.path}</span>
          <button
            type="button"
            className="ss-button"
            data-testid="save-fetched"
            onClick={() => downloadText(`${tab.title}.asl.json`, tab.source.text)}
          >
            {t('app.saveFile')}
          </button>
        </div>
      ) : null}
      {matchingTraces.length > 0 ? (
        <div className="ss-fetched-bar" data-testid="trace-suggestion">
          {matchingTraces.map(({ trace, machine, files }) => (
            <button
              key={trace.id}
              type="button"
              className="ss-button"
              onClick={() => dispatcher.showTraceOnMachine(trace, machine, files)}
              title={trace.id}
            >
              {t('overlay.showOnMachine')}: X-Ray {machine} · {trace.id}
            </button>
          ))}
        </div>
      ) : null}
      {overlay ? (
        <OverlayLegend
          overlay={overlay}
          onClear={() => dispatcher.clearOverlay(tab.id)}
          onSave={
            overlay.source === 'history' ? () => downloadText(`${overlay.label}.history.json`, overlay.text) : undefined
          }
        />
      ) : null}
      <StatusOverlayContext.Provider value={overlay?.states ?? null}>
        <AnnotatedContext.Provider value={state.annotated[tab.id] ?? EMPTY_SET}>
          <MachineNameContext.Provider value={state.graphs[tab.id]?.name}>
            <AslDocumentView
              key={`${tab.id}:${tab.revision}`}
              tabId={tab.id}
              source={tab.source}
              revision={tab.revision}
              active
              onStatus={dispatcher.setStatus}
              sideTabs={sideTabs}
              onGraph={dispatcher.onGraphFor(tab.id)}
              onLocation={dispatcher.onLocation}
            />
          </MachineNameContext.Provider>
        </AnnotatedContext.Provider>
      </StatusOverlayContext.Provider>
    </div>
  );
}
