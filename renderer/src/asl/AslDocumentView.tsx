/**
 * One open ASL or template file: loads it in the worker, lets the reader pick a machine, draws the laid-out
 * graph, and handles selection, the details panel, collapsing groups, keyboard moves and find. Its state
 * survives switching tabs (kept per tab, see snapshot.ts), so coming back shows the same view.
 *
 * The parts: use-document.ts (view state, loading, layout), use-graph-model.ts (what is drawn), use-viewport.ts
 * (where the view looks), FindBox.tsx, use-code-link.ts (graph ⇄ code selection), use-image-export.ts,
 * use-doc-sync.ts (status line, links, URL), DocToolbar.tsx, GraphCanvas.tsx and view-model.ts (pure helpers).
 */
import {
  createContext,
  lazy,
  memo,
  Suspense,
  useCallback,
  useContext,
  useRef,
  useState,
  type ComponentProps,
  type KeyboardEvent,
} from 'react';
import { ReactFlowProvider, type NodeMouseHandler } from '@xyflow/react';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { EditBars, type Editing } from '../editor/editing.tsx';
import type { PathMode } from '../editor/highlight-model.ts';
import '../editor/editor.css';
import { Splitter, fitPanels, useElementWidth, usePanelWidth } from '../app/panels.tsx';
import { useT } from '../i18n/index.ts';
import { DetailsPanel, type SidePanelTab } from './DetailsPanel.tsx';
import { FatalPanel, ProblemsStrip } from './Diagnostics.tsx';
import { DocToolbar, FixingToolbar } from './DocToolbar.tsx';
import { useFind } from './FindBox.tsx';
import { GraphCanvas } from './GraphCanvas.tsx';
import { nextSelection } from './navigation.ts';
import { codeViewPrefs, type Snapshot } from './snapshot.ts';
import type { FlowNode } from './to-flow.ts';
import { useCodeLink, type CodeLink } from './use-code-link.ts';
import { useDocSync } from './use-doc-sync.ts';
import { useDocumentState, useEditedDocument } from './use-document.ts';
import { useGraphModel, type GraphModel } from './use-graph-model.ts';
import { useFlowView } from './use-flow-view.ts';
import { useImageExport } from './use-image-export.ts';
import { useGraphViewport } from './use-viewport.ts';
import { codeFormatOf, graphKeyAction } from './view-model.ts';

const CodeView = lazy(() => import('../editor/CodeView.tsx'));

export { adoptPrepared, forgetAslDocument, openAhead, setPendingView } from './snapshot.ts';

export interface AslSource {
  /** Host path, `sample:<id>`, or the name of a file picked in the browser. */
  path: string;
  name: string;
  text: string;
  /** The file's modification time when `text` was read from disk (for the conflict check on save). */
  mtimeMs?: number;
}

export interface AslDocumentViewProps {
  tabId: string;
  source: AslSource;
  /** Bumped by the shell when the file is re-read from disk. */
  revision: number;
  active: boolean;
  onStatus: (text: string) => void;
  /** More tabs for the side panel (notes, execution status), added by the shell. */
  sideTabs?: readonly SidePanelTab[];
  /** Told the drawn machine's name and state names (the shell matches executions and traces to machines). */
  onGraph?: (info: { name: string; states: string[] }) => void;
  /** Told which machine and state are shown, while active (the shell keeps them in the URL). */
  onLocation?: (location: { machine: string; state: string | null }) => void;
}

/** The shell's side tabs, read by the details panel only (see AslDocumentView). */
const SideTabsContext = createContext<readonly SidePanelTab[] | undefined>(undefined);

/**
 * Memoised, and its side tabs handed down by context, so the shell's own updates (the status line, a drawn
 * machine's report, which also changes the side tabs) do not render the document and its graph again: at start-up
 * the shell took this view's first reports when it subscribed to its store and re-rendered everything below it
 * before the first frame.
 */
export const AslDocumentView = memo(function AslDocumentView({ sideTabs, ...props }: AslDocumentViewProps) {
  return (
    <ReactFlowProvider>
      <SideTabsContext.Provider value={sideTabs}>
        <Inner {...props} />
      </SideTabsContext.Provider>
    </ReactFlowProvider>
  );
});

/** The source beside the graph, with its splitter. */
function CodePane(p: {
  width: number;
  onWidth: (width: number) => void;
  editing: Editing;
  name: string;
  format: 'json' | 'yaml';
  diagnostics: Diagnostic[];
  link: CodeLink;
}) {
  const t = useT();
  return (
    <>
      <div className="ss-code-pane" style={{ width: p.width }}>
        <Suspense fallback={<div className="ss-center">{t('doc.loadingEditor')}</div>}>
          <CodeView
            key={p.editing.codeKey}
            text={p.editing.text}
            format={p.format}
            diagnostics={p.diagnostics}
            highlight={p.link.codeHighlight}
            cursorTo={p.link.cursorTo}
            onChange={p.editing.onChange}
            onCursor={p.link.onCursor}
            onSave={() => void p.editing.save()}
            label={t('doc.codeLabel', { name: p.name })}
          />
        </Suspense>
      </div>
      <Splitter side="left" width={p.width} onWidth={p.onWidth} label={t('doc.resizeCode')} testId="code-splitter" />
    </>
  );
}

/** Selecting, opening groups, clicking nodes and the graph's keys. */
function useGraphInteraction(
  g: GraphModel,
  snap: Snapshot,
  update: (patch: Partial<Snapshot>) => void,
  setSnap: (f: (prev: Snapshot) => Snapshot) => void,
  rootRef: { current: HTMLDivElement | null },
  centreOn: (id: string) => void,
) {
  const select = useCallback(
    (id: string | null, openDetails?: boolean) => {
      update(openDetails === undefined ? { selected: id } : { selected: id, detailsOpen: openDetails && id !== null });
    },
    [update],
  );
  const toggleGroup = useCallback(
    (id: string) => {
      setSnap((prev) => {
        const set = new Set(prev.collapsed);
        if (set.has(id)) set.delete(id);
        else set.add(id);
        return { ...prev, collapsed: [...set].sort() };
      });
    },
    [setSnap],
  );
  const { stateById, model, selectable } = g;
  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (_event, node) => {
      if (node.type === 'branch' || node.type === 'start' || node.type === 'end') return;
      select(node.id, stateById.has(node.id));
      rootRef.current?.focus({ preventScroll: true });
    },
    [select, stateById, rootRef],
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, .ss-side')) return;
    const focusedNode = target.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
    const action = graphKeyAction(event.key, focusedNode, {
      selected: snap.selected,
      detailsOpen: snap.detailsOpen,
      isState: (id) => stateById.has(id),
      hasModel: !!model,
    });
    if (!action) return;
    if (action.kind !== 'close-details' && action.kind !== 'deselect') event.preventDefault();
    if (action.kind === 'move' && model) {
      const from = snap.selected && selectable.has(snap.selected) ? snap.selected : null;
      const next = nextSelection(
        { centres: model.centres, selectable, edges: model.navEdges() },
        from,
        action.direction,
      );
      if (next) {
        select(next);
        centreOn(next);
      }
    } else if (action.kind === 'open') select(action.id, true);
    else if (action.kind === 'details') update({ detailsOpen: true });
    else if (action.kind === 'close-details') update({ detailsOpen: false });
    else if (action.kind === 'deselect') update({ selected: null });
  };
  return { select, toggleGroup, onNodeClick, onKeyDown };
}

/** The panels beside the graph: whether the code view is shown, and the widths the reader chose. */
function usePanels() {
  const [codeOpen, setCodeOpen] = useState(() => codeViewPrefs.open);
  const [codeWant, setCodeWidth] = usePanelWidth('code', 460);
  const [detailsWant, setDetailsWidth] = usePanelWidth('details', 420);
  const [mainWidth, setMainEl] = useElementWidth();
  const toggleCode = () => {
    codeViewPrefs.open = !codeOpen;
    setCodeOpen(!codeOpen);
  };
  /** Panel widths as remembered, fitted so the graph keeps at least 40 % of the width (and 360 px) at any size. */
  const fit = (detailsShown: boolean) =>
    fitPanels(mainWidth, [codeOpen ? codeWant : 0, detailsShown ? detailsWant : 0]);
  return { codeOpen, toggleCode, codeWant, setCodeWidth, detailsWant, setDetailsWidth, setMainEl, mainWidth, fit };
}

/** The details panel with its splitter. */
function DetailsSide({
  width,
  onWidth,
  ...panel
}: { width: number; onWidth: (width: number) => void } & ComponentProps<typeof DetailsPanel>) {
  const t = useT();
  const extraTabs = useContext(SideTabsContext);
  return (
    <>
      <Splitter side="right" width={width} onWidth={onWidth} label={t('doc.resizeDetails')} testId="details-splitter" />
      <DetailsPanel width={width} extraTabs={extraTabs} {...panel} />
    </>
  );
}

const Inner = memo(function Inner(props: Omit<AslDocumentViewProps, 'sideTabs'>) {
  const { tabId, source, revision, active } = props;
  const t = useT();
  const flow = useFlowView();
  const doc = useDocumentState(tabId, revision);
  const { snap, update, viewportRef } = doc;
  const rootRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const needsFit = useRef(snap.viewport === null);

  const { editing, layout } = useEditedDocument(tabId, source, active, doc);
  const { result, layoutError, retry } = layout;
  const panels = usePanels();
  const { codeOpen, codeWant, detailsWant, mainWidth } = panels;
  const [pathMode, setPathMode] = useState<PathMode>('none');

  const { summary, machine } = snap;
  const g = useGraphModel(summary, machine, result, editing, snap.selected, pathMode);
  const { graph, model, stateById } = g;
  const view = useGraphViewport({
    flow,
    rootRef,
    model,
    result,
    machine,
    needsFit,
    selected: snap.selected,
    canvasKey: `${snap.detailsOpen ? detailsWant : 0}:${codeOpen ? codeWant : 0}:${mainWidth}`,
    mainWidth,
  });
  const act = useGraphInteraction(g, snap, update, doc.setSnap, rootRef, view.centreOn);
  const current = summary?.machines[machine];
  const spans = current?.definitionFile ? undefined : current?.stateSpans;
  const link = useCodeLink(spans, snap.selected, act.select, view.revealIfHidden);
  useDocSync({ ...props, ...source, ...g, ...view, ...layout, snap, update, pendingFocus });
  const find = useFind({ ...g, ...view, active, collapsed: snap.collapsed, update, rootRef, pendingFocus });
  const exports = useImageExport(graph, result?.layout, flow, rootRef, editing.setMessage);

  const toggleCode = panels.toggleCode;
  const selectedState = snap.selected ? stateById.get(snap.selected) : undefined;
  const [codeWidth, detailsWidth] = panels.fit(snap.detailsOpen && !!selectedState);
  const codePane = codeOpen ? (
    <CodePane
      width={codeWidth}
      onWidth={panels.setCodeWidth}
      editing={editing}
      name={source.name}
      format={codeFormatOf(summary?.format, source.name)}
      diagnostics={g.allDiagnostics}
      link={link}
    />
  ) : null;

  if (snap.openError) {
    return <FatalPanel title={t('doc.cannotOpen', { name: source.name })} diagnostics={[]} message={snap.openError} />;
  }
  if (!summary) {
    return (
      <div className="ss-center" data-testid="loading">
        {t('doc.loading', { name: source.name })}
      </div>
    );
  }
  if (summary.machines.length === 0) {
    // Nothing to draw, but the text can still be fixed in the code view.
    return (
      <div className="ss-doc">
        <FixingToolbar editing={editing} codeOpen={codeOpen} onToggleCode={toggleCode} />
        <EditBars editing={editing} />
        <div className="ss-doc-main" ref={panels.setMainEl}>
          {codePane}
          <FatalPanel title={t('doc.cannotShow', { name: source.name })} diagnostics={summary.diagnostics} />
        </div>
      </div>
    );
  }

  return (
    <div className="ss-doc">
      <DocToolbar
        summary={summary}
        machine={machine}
        onPickMachine={(index) => {
          needsFit.current = true;
          viewportRef.current = null;
          update({ machine: index, collapsed: [], selected: null, detailsOpen: false });
        }}
        editing={editing}
        codeOpen={codeOpen}
        onToggleCode={toggleCode}
        pathMode={pathMode}
        onPathMode={setPathMode}
        canExport={!!graph && !!result?.layout}
        canFind={!!graph}
        exports={exports}
        onFind={find.openFind}
      />
      <EditBars editing={editing} />
      <ProblemsStrip
        diagnostics={g.allDiagnostics}
        onPick={(d) => {
          if (d.state && stateById.has(d.state)) find.choose(d.state);
          if (!codeOpen) toggleCode();
          link.moveCursor(d.line, d.column);
        }}
      />
      <div className="ss-doc-main" ref={panels.setMainEl}>
        {codePane}
        <GraphCanvas
          rootRef={rootRef}
          label={t('doc.graphLabel', { name: current?.name ?? source.name })}
          onKeyDown={act.onKeyDown}
          find={find}
          model={model}
          selected={snap.selected}
          lit={g.lit}
          problems={g.problems}
          result={result}
          layoutError={layoutError}
          onRetry={retry}
          toggleGroup={act.toggleGroup}
          onNodeClick={act.onNodeClick}
          onPaneClick={() => act.select(null)}
          view={view}
          initialViewport={() => viewportRef.current ?? view.openingViewport() ?? undefined}
          onMoveEnd={(viewport) => {
            viewportRef.current = viewport;
            view.checkHidden(viewport);
          }}
        />
        {snap.detailsOpen && selectedState ? (
          <DetailsSide
            width={detailsWidth}
            onWidth={panels.setDetailsWidth}
            state={selectedState}
            problems={g.problems.get(selectedState.id) ?? null}
            onClose={() => {
              update({ detailsOpen: false });
              rootRef.current?.focus({ preventScroll: true });
            }}
          />
        ) : null}
      </div>
    </div>
  );
});
