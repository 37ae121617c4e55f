/**
 * One open ASL or template file: loads it in the worker, lets the reader pick a machine, draws the laid-out
 * graph, and handles selection, the details panel, collapsing groups, keyboard moves and find. Its state
 * survives switching tabs (kept per tab in `snapshots`), so coming back shows the same view.
 */
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeMouseHandler,
  type Viewport,
} from '@xyflow/react';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { renderSvg } from '../../../shared/asl/svg.ts';
import { documentClient } from '../workers/document-client.ts';
import type { DocumentSummary, LayoutResult } from '../workers/document-messages.ts';
import { errorMessage } from '../api.ts';
import { EditBars, EditToolbar, forgetValidation, spanAt, useEditing } from '../editor/editing.tsx';
import { dropEdit } from '../editor/store.ts';
import { refineRanges } from '../editor/diagnostic-range.ts';
import { copyPng, cropSvgToView, downloadBlob, fileNameFor, svgToPng } from '../editor/export-image.ts';
import { applyHighlight, type PathMode } from '../editor/highlight-model.ts';
import '../editor/editor.css';

const CodeView = lazy(() => import('../editor/CodeView.tsx'));
import { DetailsPanel, type SidePanelTab } from './DetailsPanel.tsx';
import { edgeTypes } from './edges.tsx';
import { GroupToggleContext, nodeTypes } from './nodes.tsx';
import { findStates, nextSelection, type Direction } from './navigation.ts';
import { problemsByState, toFlow, type FlowEdge, type FlowNode, type StateNodeData } from './to-flow.ts';
import { FatalPanel, ProblemsStrip } from './Diagnostics.tsx';
import { Splitter, fitPanels, useElementWidth, usePanelWidth } from '../app/panels.tsx';
import { fitView as fitWholeView, keepInView, openingView, showsAll } from './viewport.ts';
import { currentTheme, useResolvedTheme } from '../app/theme.ts';
import { useT } from '../i18n/index.ts';

export interface AslSource {
  /** Host path, `sample:<id>`, or the name of a file picked in the browser. */
  path: string;
  name: string;
  text: string;
  /** The file's modification time when `text` was read from disk (for the conflict check on save). */
  mtimeMs?: number;
}

interface Snapshot {
  /** Which text of the file this view state belongs to (bumped when the file changes on disk). */
  revision: number;
  summary: DocumentSummary | null;
  openError: string | null;
  machine: number;
  collapsed: string[];
  result: LayoutResult | null;
  selected: string | null;
  detailsOpen: boolean;
  /** Where the reader had panned and zoomed to, restored when the tab is shown again. */
  viewport: Viewport | null;
}

const snapshots = new Map<string, Snapshot>();

/** Views asked for by a link (see app/deep-link.ts), by document path: applied once when that document loads. */
const pendingViews = new Map<string, { machine?: string; state?: string }>();

/** Opens the next view of `path` on this machine and state (a link was followed). */
export function setPendingView(path: string, view: { machine?: string; state?: string }): void {
  pendingViews.set(path, view);
}

/** Whether the code view is shown, shared by all tabs for this window (the widths are remembered, see panels.tsx). */
const codeViewPrefs = { open: false };

/** Drops what is kept for a closed tab (its view state and its worker-side document). */
export function forgetAslDocument(tabId: string): void {
  snapshots.delete(tabId);
  dropEdit(tabId);
  forgetValidation(tabId);
  documentClient().close(tabId);
}

function initial(revision: number): Snapshot {
  return {
    revision,
    summary: null,
    openError: null,
    machine: 0,
    collapsed: [],
    result: null,
    selected: null,
    detailsOpen: false,
    viewport: null,
  };
}

/** The saved view of a tab; after a reload from disk, what the reader chose (machine, groups, selection) stays. */
function restore(tabId: string, revision: number): Snapshot {
  const saved = snapshots.get(tabId);
  if (!saved) return initial(revision);
  if (saved.revision === revision) return saved;
  const { machine, collapsed, selected, detailsOpen, viewport } = saved;
  return { ...initial(revision), machine, collapsed, selected, detailsOpen, viewport };
}

const MARKER_COLOURS: Record<string, string> = {
  next: 'var(--ss-edge)',
  choice: 'var(--ss-edge-choice)',
  default: 'var(--ss-edge-default)',
  catch: 'var(--ss-edge-catch)',
  missing: 'var(--ss-missing)',
};

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

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

export function AslDocumentView(props: AslDocumentViewProps) {
  return (
    <ReactFlowProvider>
      <Inner {...props} />
    </ReactFlowProvider>
  );
}

function Inner({ tabId, source, revision, active, onStatus, sideTabs, onGraph, onLocation }: AslDocumentViewProps) {
  const [snap, setSnap] = useState<Snapshot>(() => restore(tabId, revision));
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [findOpen, setFindOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [findIndex, setFindIndex] = useState(0);
  const pendingFocus = useRef<string | null>(null);
  const viewportRef = useRef<Viewport | null>(snap.viewport);
  const needsFit = useRef(snap.viewport === null);
  const requestSeq = useRef(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const flow = useReactFlow();
  const resolvedTheme = useResolvedTheme();
  const t = useT();

  const update = useCallback((patch: Partial<Snapshot>) => {
    setSnap((prev) => ({ ...prev, ...patch }));
  }, []);

  // Editing: the code view's text is re-parsed as the user types; each good parse is laid out again.
  const [editRev, bumpEditRev] = useReducer((n: number) => n + 1, 0);
  const laidOutRev = useRef(0);
  const editing = useEditing({
    tabId,
    path: source.path,
    name: source.name,
    diskText: source.text,
    diskMtimeMs: source.mtimeMs,
    active,
    onReparsed: useCallback((summary: DocumentSummary) => {
      setSnap((prev) => ({ ...prev, summary, machine: prev.machine < summary.machines.length ? prev.machine : 0 }));
      bumpEditRev();
    }, []),
  });
  const [codeOpen, setCodeOpen] = useState(() => codeViewPrefs.open);
  const [codeWant, setCodeWidth] = usePanelWidth('code', 460);
  const [detailsWant, setDetailsWidth] = usePanelWidth('details', 420);
  const [mainEl, setMainEl] = useState<HTMLDivElement | null>(null);
  const mainWidth = useElementWidth(mainEl);
  const [cursorTo, setCursorTo] = useState<{ line: number; column: number; seq: number } | null>(null);
  const [scrollSeq, setScrollSeq] = useState(0);
  const selectionFromCode = useRef(false);
  const [pathMode, setPathMode] = useState<PathMode>('none');

  useEffect(() => {
    snapshots.set(tabId, { ...snap, viewport: viewportRef.current });
  }, [tabId, snap]);
  useEffect(
    () => () => {
      const saved = snapshots.get(tabId);
      if (saved) snapshots.set(tabId, { ...saved, viewport: viewportRef.current });
    },
    [tabId],
  );

  // Load once per tab.
  useEffect(() => {
    if (snap.summary || snap.openError) return;
    let live = true;
    documentClient()
      .open(tabId, source.path, editing.text, source.name)
      .then(
        (summary) =>
          live &&
          setSnap((prev) => ({
            ...prev,
            summary,
            machine: prev.machine < summary.machines.length ? prev.machine : 0,
          })),
        (err) => live && update({ openError: errorMessage(err) }),
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tabId]);

  // Lay out whenever the machine or the collapsed groups change.
  const { summary, machine, collapsed } = snap;
  const collapsedKey = collapsed.join('\u0000');
  useEffect(() => {
    if (!summary || summary.machines.length === 0) return;
    const have = snap.result;
    if (
      have &&
      have.machine === machine &&
      have.collapsed.join('\u0000') === [...collapsed].sort().join('\u0000') &&
      laidOutRev.current === editRev
    )
      return;
    const seq = ++requestSeq.current;
    const rev = editRev;
    setBusy(true);
    documentClient()
      .layout(tabId, machine, collapsed)
      .then(
        (result) => {
          if (seq !== requestSeq.current) return;
          laidOutRev.current = rev;
          setLayoutError(null);
          update({ result });
        },
        (err) => {
          if (seq !== requestSeq.current) return;
          setLayoutError(errorMessage(err));
        },
      )
      .finally(() => {
        if (seq === requestSeq.current) setBusy(false);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [summary, machine, collapsedKey, tabId, attempt, editRev]);

  const result = snap.result && snap.result.machine === machine ? snap.result : null;
  const graph = result?.graph ?? null;

  useEffect(() => {
    if (graph && onGraph) onGraph({ name: graph.name, states: graph.states.map((s) => s.id) });
  }, [graph, onGraph]);

  const allDiagnostics: Diagnostic[] = useMemo(() => {
    const list = [
      ...(summary?.diagnostics ?? []),
      ...(result?.diagnostics ?? []),
      ...(graph?.diagnostics ?? []),
      ...editing.hostDiagnostics,
    ];
    const seen = new Set<string>();
    const unique = list.filter((d) => {
      const key = `${d.severity}|${d.line}|${d.column}|${d.message}|${d.state ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    // On the exact value (a bad Next is marked on its name, not on the state's brace), repeats folded.
    const current = summary?.machines[machine];
    return refineRanges(editing.text, current?.definitionFile ? undefined : current?.stateSpans, unique);
  }, [summary, result, graph, editing.hostDiagnostics, editing.text, machine]);

  // The model depends on the graph and its layout only: when the host's validation arrives (or changes while
  // typing) just the nodes whose problem badges change are replaced, not every node of a large machine.
  const model = useMemo(() => {
    if (!graph || !result?.layout) return null;
    return toFlow(graph, result.layout, []);
  }, [graph, result]);

  const lit = useMemo(() => applyHighlight(graph, pathMode, snap.selected), [graph, pathMode, snap.selected]);

  const problems = useMemo(
    () => (graph ? problemsByState(allDiagnostics, graph.name) : new Map()),
    [allDiagnostics, graph],
  );

  const nodes: FlowNode[] = useMemo(() => {
    if (!model) return [];
    return model.nodes.map((n) => {
      const dim = lit ? (lit.states.has(n.id) ? { className: 'is-lit' } : { className: 'is-dimmed' }) : null;
      const p = 'state' in n.data ? (problems.get(n.id) ?? null) : undefined;
      const data =
        p !== undefined && p !== (n.data as StateNodeData).problems
          ? { data: { ...(n.data as StateNodeData), problems: p } }
          : null;
      return n.id === snap.selected || dim || data
        ? ({ ...n, ...(n.id === snap.selected ? { selected: true } : {}), ...dim, ...data } as FlowNode)
        : n;
    });
  }, [model, snap.selected, lit, problems]);

  // Edges with their arrow heads, made once per drawing; a selection or a highlight then replaces only the edges
  // whose class changes, so clicking a state in a machine of thousands does not rebuild every edge.
  const baseEdges: FlowEdge[] = useMemo(
    () =>
      (model?.edges ?? []).map((e) => ({
        ...e,
        markerEnd: { type: MarkerType.ArrowClosed, color: MARKER_COLOURS[e.type ?? 'next'], width: 16, height: 16 },
      })),
    [model],
  );
  const edges: FlowEdge[] = useMemo(() => {
    if (!snap.selected && !lit) return baseEdges;
    return baseEdges.map((e) => {
      // The transitions into and out of the selected state stand out, like a path through the machine.
      const className = lit
        ? lit.edges.has(e.id)
          ? 'is-lit'
          : 'is-dimmed'
        : e.source === snap.selected || e.target === snap.selected
          ? 'is-connected'
          : undefined;
      return className ? { ...e, className } : e;
    });
  }, [baseEdges, snap.selected, lit]);

  const selectable = useMemo(() => {
    const set = new Set<string>();
    for (const n of model?.nodes ?? []) {
      if (n.type !== 'branch' && n.type !== 'start' && n.type !== 'end') set.add(n.id);
    }
    return set;
  }, [model]);

  const stateById = useMemo(() => new Map((graph?.states ?? []).map((s) => [s.id, s])), [graph]);

  const centreOn = useCallback(
    (id: string) => {
      const c = model?.centres.get(id);
      if (!c) return;
      void flow.setCenter(c.x, c.y, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
    },
    [model, flow],
  );

  // Selection both ways between the graph and the code view (spans are offsets in the opened text).
  const spans = summary?.machines[machine]?.definitionFile ? undefined : summary?.machines[machine]?.stateSpans;
  const selectedSpan = snap.selected && spans ? spans[snap.selected] : undefined;
  const selectedRef = useRef(snap.selected);
  selectedRef.current = snap.selected;
  useEffect(() => {
    if (selectionFromCode.current) {
      selectionFromCode.current = false;
      return;
    }
    if (snap.selected) setScrollSeq((n) => n + 1);
  }, [snap.selected]);
  const codeHighlight = useMemo(
    () => (selectedSpan ? { from: selectedSpan.start, to: selectedSpan.end, scroll: scrollSeq } : null),
    [selectedSpan, scrollSeq],
  );
  const onCursor = useCallback(
    (offset: number) => {
      const id = spanAt(spans, offset);
      if (!id || id === selectedRef.current) return;
      selectionFromCode.current = true;
      update({ selected: id });
      // Bring the state into view only when it is off screen, so typing does not keep panning the graph.
      const c = model?.centres.get(id);
      const box = rootRef.current?.getBoundingClientRect();
      if (c && box) {
        const vp = flow.getViewport();
        const x = c.x * vp.zoom + vp.x;
        const y = c.y * vp.zoom + vp.y;
        if (x < 0 || y < 0 || x > box.width || y > box.height) centreOn(id);
      }
    },
    [spans, update, model, flow, centreOn],
  );
  const codeFormat = summary?.format?.endsWith('yaml') || /\.ya?ml$/i.test(source.name) ? 'yaml' : 'json';

  // The first drawing of a machine (and after switching machines) opens on the whole machine when its state
  // names stay readable there, else on its start at a readable zoom (see viewport.ts). The view is computed from
  // the layout's bounds, so nothing has to be measured first. A very large machine also keeps React Flow from
  // drawing every one of its states at once (only those on screen are rendered).
  const screenSize = useCallback(
    () => ({ width: rootRef.current?.clientWidth || 800, height: rootRef.current?.clientHeight || 600 }),
    [],
  );
  const openingViewport = useCallback((): Viewport | null => {
    if (!model || !result?.layout) return null;
    const start = model.nodes.find((n) => n.type === 'start' && !n.parentId);
    return openingView(result.layout, (start && model.centres.get(start.id)) ?? null, screenSize());
  }, [model, result, screenSize]);
  /** Fit on demand (the Fit View button): the whole drawing, always. */
  const fitAll = useCallback(
    (duration = 200) => {
      if (!result?.layout) return;
      void flow.setViewport(fitWholeView(result.layout, screenSize()), { duration });
    },
    [flow, result, screenSize],
  );
  const boundsKey = result?.layout
    ? `${machine}:${Math.round(result.layout.width)}x${Math.round(result.layout.height)}`
    : '';
  const lastBounds = useRef<string>('');
  useEffect(() => {
    if (!model || !boundsKey) return;
    const before = lastBounds.current;
    lastBounds.current = boundsKey;
    if (needsFit.current) {
      // Arrow keys work straight away unless the reader is typing somewhere else.
      const focused = document.activeElement;
      if (!focused || focused === document.body) rootRef.current?.focus({ preventScroll: true });
      needsFit.current = false;
      const opening = openingViewport();
      if (opening) void flow.setViewport(opening);
      return;
    }
    // An edit, a collapse or an expand changed the drawing's size: show it again the way it opened.
    if (before && before !== boundsKey) {
      const view = openingViewport();
      if (view) void flow.setViewport(view, { duration: 200 });
    }
  }, [model, boundsKey, flow, openingViewport]);

  // Keep the selected state on screen when a panel opens, closes or is resized (the canvas changes size).
  const selectedBox = snap.selected ? result?.layout?.nodes.find((n) => n.id === snap.selected) : undefined;
  const selectedBoxRef = useRef(selectedBox);
  selectedBoxRef.current = selectedBox;
  const canvasKey = `${snap.detailsOpen ? detailsWant : 0}:${codeOpen ? codeWant : 0}:${mainWidth}`;
  const lastCanvasKey = useRef(canvasKey);
  const measured = useRef(false);
  useEffect(() => {
    if (lastCanvasKey.current === canvasKey) return;
    lastCanvasKey.current = canvasKey;
    // The first measurement of the room is no change: a view restored on a tab switch stays as it was.
    if (!measured.current) {
      measured.current = mainWidth > 0;
      return;
    }
    // Wait for the new panel to take its room and React Flow to see the canvas's new size.
    const t = setTimeout(() => {
      const box = selectedBoxRef.current;
      if (!box) return;
      const view = keepInView(
        { x: box.absX, y: box.absY, width: box.width, height: box.height },
        flow.getViewport(),
        screenSize(),
      );
      if (view) void flow.setViewport(view, { duration: 200 });
    }, 60);
    return () => clearTimeout(t);
  }, [canvasKey, flow, screenSize, mainWidth]);

  // The minimap only while part of the drawing is off screen (after a fit it would cover states).
  const [partlyHidden, setPartlyHidden] = useState(false);
  const checkHidden = useCallback(
    (view: Viewport) => {
      if (result?.layout) setPartlyHidden(!showsAll(result.layout, view, screenSize()));
    },
    [result, screenSize],
  );

  // A followed link: pick its machine, then select its state (centred once drawn, see below) with details open.
  useEffect(() => {
    if (!summary) return;
    const link = pendingViews.get(source.path);
    if (!link) return;
    pendingViews.delete(source.path);
    const index = link.machine ? summary.machines.findIndex((m) => m.name === link.machine) : -1;
    if (link.state) pendingFocus.current = link.state;
    update({
      ...(index >= 0 ? { machine: index } : {}),
      ...(link.state ? { selected: link.state, detailsOpen: true } : {}),
    });
  }, [summary, source.path, update]);

  // The shown machine and state, for the URL.
  const machineName = summary?.machines[machine]?.name ?? '';
  useEffect(() => {
    if (active && machineName && onLocation) onLocation({ machine: machineName, state: snap.selected });
  }, [active, machineName, snap.selected, onLocation]);

  // After a find expanded a collapsed group, select and centre the state once it is drawn.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id || !model?.centres.has(id)) return;
    pendingFocus.current = null;
    update({ selected: id });
    centreOn(id);
  }, [model, centreOn, update]);

  // Status line.
  useEffect(() => {
    if (!active) return;
    if (snap.openError) return onStatus(`${source.name}: ${snap.openError}`);
    if (!summary) return onStatus(t('doc.loading', { name: source.name }));
    if (summary.machines.length === 0) return onStatus(t('bar.cannotDraw', { name: source.name }));
    const parts = [source.name, summary.format ?? '', summary.machines[machine]?.name ?? ''];
    if (graph) parts.push(t('bar.states', { count: graph.states.length }));
    const errors = allDiagnostics.filter((d) => d.severity === 'error').length;
    const warnings = allDiagnostics.filter((d) => d.severity === 'warning').length;
    if (errors || warnings) parts.push(t('bar.problems', { errors, warnings }));
    if (result) {
      parts.push(
        t('bar.timing', {
          load: summary.loadMs.toFixed(0),
          graph: result.graphMs.toFixed(0),
          layout: result.cached ? t('bar.cached') : `${result.layoutMs.toFixed(0)} ms`,
        }),
      );
    }
    if (busy) parts.push(t('bar.layingOut'));
    onStatus(parts.filter(Boolean).join(' · '));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    active,
    snap.openError,
    summary,
    machine,
    graph,
    result,
    allDiagnostics,
    busy,
    source.name,
    onStatus,
    t('bar.cached'),
  ]);

  const select = useCallback(
    (id: string | null, openDetails?: boolean) => {
      update(openDetails === undefined ? { selected: id } : { selected: id, detailsOpen: openDetails && id !== null });
    },
    [update],
  );

  const toggleGroup = useCallback((id: string) => {
    setSnap((prev) => {
      const set = new Set(prev.collapsed);
      if (set.has(id)) set.delete(id);
      else set.add(id);
      return { ...prev, collapsed: [...set].sort() };
    });
  }, []);

  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (_event, node) => {
      if (node.type === 'branch' || node.type === 'start' || node.type === 'end') return;
      select(node.id, stateById.has(node.id));
      rootRef.current?.focus({ preventScroll: true });
    },
    [select, stateById],
  );

  const chooseFound = useCallback(
    (name: string) => {
      setFindOpen(false);
      setQuery('');
      rootRef.current?.focus({ preventScroll: true });
      if (model?.centres.has(name)) {
        update({ selected: name });
        centreOn(name);
        return;
      }
      // Hidden inside collapsed groups: expand every collapsed ancestor, then focus once laid out.
      const ancestors = new Set<string>();
      for (let p = stateById.get(name)?.parent ?? null, guard = 0; p && guard < 1000; guard++) {
        ancestors.add(p);
        p = stateById.get(p)?.parent ?? null;
      }
      pendingFocus.current = name;
      update({ collapsed: collapsed.filter((c) => !ancestors.has(c)), selected: name });
    },
    [model, centreOn, update, stateById, collapsed],
  );

  const hits = useMemo(
    () =>
      findOpen
        ? findStates(
            (graph?.states ?? []).map((s) => s.id),
            query,
          )
        : [],
    [findOpen, graph, query],
  );

  const openFind = useCallback(() => {
    setFindOpen(true);
    setFindIndex(0);
    setTimeout(() => findRef.current?.focus(), 0);
  }, []);

  // Ctrl/Cmd+F anywhere in the window while this tab is shown.
  useEffect(() => {
    if (!active || !graph) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        openFind();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, graph, openFind]);

  const exportSvg = () => {
    if (!graph || !result?.layout) return;
    const dark = currentTheme() === 'dark';
    const svg = renderSvg(graph, result.layout, { theme: dark ? 'dark' : 'light' });
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${(graph.name || 'state-machine').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')}.svg`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const drawingSvg = () => {
    if (!graph || !result?.layout) return null;
    const dark = currentTheme() === 'dark';
    return {
      svg: renderSvg(graph, result.layout, { theme: dark ? 'dark' : 'light' }),
      background: dark ? '#1e1e1e' : '#ffffff',
    };
  };

  /** PNG of the whole graph, or of the part on screen now. */
  const pngOf = async (part: 'whole' | 'view'): Promise<Blob | null> => {
    const drawing = drawingSvg();
    if (!drawing) return null;
    let svg = drawing.svg;
    // At 2× (sharp on high-density screens and in documents): the whole drawing at twice its size, the part on
    // screen at twice the pixels it has on screen (the crop is in drawing units, so the zoom scales it too).
    let scale = 2;
    if (part === 'view') {
      const box = rootRef.current?.getBoundingClientRect();
      const view = flow.getViewport();
      svg = cropSvgToView(svg, view, box?.width ?? 800, box?.height ?? 600);
      scale = 2 * view.zoom;
    }
    return svgToPng(svg, scale, drawing.background);
  };

  const exportPng = async (part: 'whole' | 'view') => {
    try {
      const blob = await pngOf(part);
      if (blob)
        downloadBlob(blob, fileNameFor(`${graph?.name ?? 'state-machine'}${part === 'view' ? '-view' : ''}`, 'png'));
    } catch (err) {
      editing.setMessage(t('doc.pngFailed', { message: errorMessage(err) }));
    }
  };

  const copyImage = async () => {
    try {
      const blob = await pngOf('whole');
      if (blob) editing.setMessage(await copyPng(blob));
    } catch (err) {
      editing.setMessage(t('doc.copyFailed', { message: errorMessage(err) }));
    }
  };

  const toggleCode = () => {
    codeViewPrefs.open = !codeOpen;
    setCodeOpen(!codeOpen);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, .ss-side')) return;
    const dir = ARROWS[event.key];
    if (dir && model) {
      event.preventDefault();
      const next = nextSelection(
        { centres: model.centres, selectable, edges: model.edges },
        snap.selected && selectable.has(snap.selected) ? snap.selected : null,
        dir,
      );
      if (next) {
        select(next);
        centreOn(next);
      }
      return;
    }
    // Enter (or Space) on a state reached with Tab selects it and opens its details.
    const focusedNode = target.closest('.react-flow__node')?.getAttribute('data-id');
    if ((event.key === 'Enter' || event.key === ' ') && focusedNode && stateById.has(focusedNode)) {
      event.preventDefault();
      select(focusedNode, true);
      return;
    }
    if (event.key === 'Enter' && snap.selected && stateById.has(snap.selected)) {
      event.preventDefault();
      update({ detailsOpen: true });
      return;
    }
    if (event.key === 'Escape') {
      if (snap.detailsOpen) update({ detailsOpen: false });
      else if (snap.selected) update({ selected: null });
    }
  };

  // Panel widths as remembered, fitted so the graph keeps at least 40 % of the width (and 360 px) at any size.
  const showDetails = snap.detailsOpen && !!snap.selected && stateById.has(snap.selected);
  const [codeWidth, detailsWidth] = fitPanels(mainWidth, [codeOpen ? codeWant : 0, showDetails ? detailsWant : 0]);

  const codePane = codeOpen ? (
    <>
      <div className="ss-code-pane" style={{ width: codeWidth }}>
        <Suspense fallback={<div className="ss-center">{t('doc.loadingEditor')}</div>}>
          <CodeView
            key={editing.codeKey}
            text={editing.text}
            format={codeFormat}
            diagnostics={allDiagnostics}
            highlight={codeHighlight}
            cursorTo={cursorTo}
            onChange={editing.onChange}
            onCursor={onCursor}
            onSave={() => void editing.save()}
            label={t('doc.codeLabel', { name: source.name })}
          />
        </Suspense>
      </div>
      <Splitter
        side="left"
        width={codeWidth}
        onWidth={setCodeWidth}
        label={t('doc.resizeCode')}
        testId="code-splitter"
      />
    </>
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
        <div className="ss-doc-bar">
          <span className="ss-spacer" />
          <EditToolbar editing={editing} />
          <button
            type="button"
            className="ss-button"
            onClick={toggleCode}
            aria-pressed={codeOpen}
            data-testid="code-toggle"
          >
            {codeOpen ? t('doc.hideCode') : t('doc.editSource')}
          </button>
        </div>
        <EditBars editing={editing} />
        <div className="ss-doc-main" ref={setMainEl}>
          {codePane}
          <FatalPanel title={t('doc.cannotShow', { name: source.name })} diagnostics={summary.diagnostics} />
        </div>
      </div>
    );
  }

  const selectedState = snap.selected ? stateById.get(snap.selected) : undefined;

  return (
    <div className="ss-doc">
      <div className="ss-doc-bar">
        {summary.machines.length > 1 ? (
          <label className="ss-machine-picker">
            {t('doc.machine')}{' '}
            <select
              data-testid="machine-picker"
              value={machine}
              onChange={(e) => {
                needsFit.current = true;
                viewportRef.current = null;
                update({ machine: Number(e.target.value), collapsed: [], selected: null, detailsOpen: false });
              }}
            >
              {summary.machines.map((m, i) => (
                <option key={i} value={i}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="ss-machine-name" data-testid="machine-name">
            {summary.machines[0]!.name}
          </span>
        )}
        {summary.machines[machine]?.placeholders.length ? (
          <span
            className="ss-chip"
            title={summary.machines[machine]!.placeholders.map(
              (p) => `\${${p.name}}${p.value ? ` = ${p.value}` : ''}`,
            ).join('\n')}
          >
            {t('doc.substitutions', { count: summary.machines[machine]!.placeholders.length })}
          </span>
        ) : null}
        <span className="ss-spacer" />
        <EditToolbar editing={editing} />
        <button
          type="button"
          className="ss-button"
          onClick={toggleCode}
          aria-pressed={codeOpen}
          data-testid="code-toggle"
          title={t('doc.codeTitle')}
        >
          {codeOpen ? t('doc.hideCode') : t('doc.code')}
        </button>
        <label className="ss-paths-picker" title={t('doc.highlightTitle')}>
          {t('doc.highlight')}
          <select data-testid="paths-picker" value={pathMode} onChange={(e) => setPathMode(e.target.value as PathMode)}>
            <option value="none">{t('doc.hl.none')}</option>
            <option value="errors">{t('doc.hl.errors')}</option>
            <option value="to-selected">{t('doc.hl.toSelected')}</option>
            <option value="unreachable">{t('doc.hl.unreachable')}</option>
          </select>
        </label>
        <button
          type="button"
          className="ss-button"
          onClick={() => void exportPng('whole')}
          disabled={!graph || !result?.layout}
          data-testid="export-png"
          title={t('doc.pngTitle')}
        >
          {t('doc.png')}
        </button>
        <button
          type="button"
          className="ss-button"
          onClick={() => void exportPng('view')}
          disabled={!graph || !result?.layout}
          data-testid="export-png-view"
          title={t('doc.pngViewTitle')}
        >
          {t('doc.pngView')}
        </button>
        <button
          type="button"
          className="ss-button"
          onClick={() => void copyImage()}
          disabled={!graph || !result?.layout}
          data-testid="copy-image"
          title={t('doc.copyImageTitle')}
        >
          {t('doc.copyImage')}
        </button>
        <button
          type="button"
          className="ss-button"
          onClick={exportSvg}
          disabled={!graph || !result?.layout}
          data-testid="export-svg"
          title={t('doc.exportSvgTitle')}
        >
          {t('doc.exportSvg')}
        </button>
        <button
          type="button"
          className="ss-button"
          onClick={openFind}
          disabled={!graph}
          data-testid="find-button"
          title={t('doc.findTitle')}
        >
          {t('doc.find')}
        </button>
      </div>
      <EditBars editing={editing} />
      <ProblemsStrip
        diagnostics={allDiagnostics}
        onPick={(d) => {
          if (d.state && stateById.has(d.state)) chooseFound(d.state);
          if (!codeOpen) toggleCode();
          setCursorTo((prev) => ({ line: d.line, column: d.column, seq: (prev?.seq ?? 0) + 1 }));
        }}
      />
      <div className="ss-doc-main" ref={setMainEl}>
        {codePane}
        <div
          className="ss-canvas"
          ref={rootRef}
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-testid="graph"
          aria-label={t('doc.graphLabel', { name: summary.machines[machine]?.name ?? source.name })}
        >
          {findOpen ? (
            <div className="ss-find" data-testid="find-box">
              <input
                ref={findRef}
                value={query}
                placeholder={t('doc.findPlaceholder')}
                aria-label={t('doc.findLabel')}
                data-testid="find-input"
                onChange={(e) => {
                  setQuery(e.target.value);
                  setFindIndex(0);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    setFindOpen(false);
                    rootRef.current?.focus({ preventScroll: true });
                  } else if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    setFindIndex((i) => Math.min(i + 1, hits.length - 1));
                  } else if (e.key === 'ArrowUp') {
                    e.preventDefault();
                    setFindIndex((i) => Math.max(i - 1, 0));
                  } else if (e.key === 'Enter' && hits[findIndex]) {
                    e.preventDefault();
                    chooseFound(hits[findIndex]);
                  }
                }}
              />
              <ul className="ss-find-list" role="listbox">
                {hits.map((name, i) => (
                  <li
                    key={name}
                    role="option"
                    aria-selected={i === findIndex}
                    className={i === findIndex ? 'is-active' : ''}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      chooseFound(name);
                    }}
                  >
                    {name}
                  </li>
                ))}
                {hits.length === 0 ? <li className="ss-dim">{t('doc.noMatch')}</li> : null}
              </ul>
            </div>
          ) : null}
          {layoutError ? (
            <FatalPanel
              title={t('doc.cannotLayOut')}
              diagnostics={[]}
              message={layoutError}
              onRetry={() => {
                setLayoutError(null);
                setAttempt((n) => n + 1);
              }}
            />
          ) : !model ? (
            result && !result.layout ? (
              <FatalPanel title={t('doc.cannotDraw')} diagnostics={result.diagnostics} />
            ) : (
              <div className="ss-center" data-testid="loading">
                {t('doc.layingOut')}
              </div>
            )
          ) : (
            <GroupToggleContext.Provider value={toggleGroup}>
              <ReactFlow<FlowNode, FlowEdge>
                nodes={nodes}
                edges={edges}
                nodeTypes={nodeTypes}
                edgeTypes={edgeTypes}
                onNodeClick={onNodeClick}
                onPaneClick={() => select(null)}
                nodesDraggable={false}
                nodesConnectable={false}
                edgesFocusable={false}
                disableKeyboardA11y
                colorMode={resolvedTheme}
                minZoom={0.05}
                maxZoom={2.5}
                onlyRenderVisibleElements={nodes.length > 200}
                defaultViewport={viewportRef.current ?? openingViewport() ?? undefined}
                onInit={(instance) => checkHidden(instance.getViewport())}
                onMoveEnd={(_event, viewport) => {
                  viewportRef.current = viewport;
                  checkHidden(viewport);
                }}
              >
                <Background gap={24} />
                <Controls showInteractive={false} onFitView={() => fitAll()} />
                {nodes.length <= 2000 && partlyHidden ? (
                  <MiniMap
                    pannable
                    zoomable
                    ariaLabel={t('doc.minimap')}
                    onClick={(_event, position) =>
                      void flow.setCenter(position.x, position.y, { zoom: flow.getZoom(), duration: 200 })
                    }
                  />
                ) : null}
              </ReactFlow>
            </GroupToggleContext.Provider>
          )}
        </div>
        {snap.detailsOpen && selectedState ? (
          <Splitter
            side="right"
            width={detailsWidth}
            onWidth={setDetailsWidth}
            label={t('doc.resizeDetails')}
            testId="details-splitter"
          />
        ) : null}
        {snap.detailsOpen && selectedState ? (
          <DetailsPanel
            width={detailsWidth}
            state={selectedState}
            problems={problems.get(selectedState.id) ?? null}
            extraTabs={sideTabs}
            onClose={() => {
              update({ detailsOpen: false });
              rootRef.current?.focus({ preventScroll: true });
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
