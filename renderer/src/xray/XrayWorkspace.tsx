/**
 * The X-Ray workspace: everything Statescope shows for X-Ray files, in one component the app shell mounts for
 * a set of opened files.
 *
 * - **Traces**: the filterable, sortable trace list (X-Ray filter expressions with completion, applied to loaded
 *   traces and GetTraceSummaries rows alike; a bad expression is underlined at its position and the list is
 *   emptied with its message, so no result of an earlier expression stays on screen), then the selected trace's
 *   timeline with its segment details panel.
 * - **Service map**: computed from the traces that pass the filter (or read from a GetServiceGraph file);
 *   clicking a node or an edge shows its response-time histogram and the traces through it, and can apply the
 *   matching `service(…)` / `edge(…)` expression to the list.
 *
 * Props: `files` — the opened X-Ray files as text (BatchGetTraces, segment documents, summaries, service graphs;
 * several files merge by trace id); `onSelect` — told when the user selects a segment in a timeline
 * (`kind: 'segment'`, with its origin) or a service on the map (`kind: 'service'`, with its type), so the shell
 * can show matching exam notes.
 *
 * The files are read in the X-Ray worker (renderer/src/workers/xray.worker.ts), which keeps the traces: the page
 * holds list rows, the service map, diagnostics and the filter vocabulary, asks the worker to filter, and gets
 * one trace's waterfall (in columns) when a trace is opened and one span's details when a span is selected.
 * Replies that a newer request has overtaken are dropped; a failure shows its message in place of the view.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import './xray.css';
import type { ServiceMap } from '../../../shared/xray/types.ts';
import type { XrayInput, XrayOverview } from '../workers/xray-messages.ts';
import { ListPane } from './ListPane.tsx';
import { MapDetails } from './MapDetails.tsx';
import { ServiceMapView, type MapSelection } from './ServiceMapView.tsx';
import { TracePane } from './TracePane.tsx';
import { withResponseTimeRange, type GroupKey } from './view-model.ts';
import {
  NO_ROWS,
  useDataset,
  useFilter,
  useMapTraces,
  useTraceMap,
  useTraceSelection,
  type WorkspaceSelectEvent,
} from './workspace-hooks.ts';
import { emptyPaneReason, mapExpressionFor } from './workspace-model.ts';
import { DiagnosticsList, WorkspaceTopBar, type WorkspaceView } from './WorkspaceTopBar.tsx';
import { useT } from '../i18n/index.ts';

export interface XrayWorkspaceProps {
  files: XrayInput[];
  onSelect?: (sel: WorkspaceSelectEvent) => void;
}

const EMPTY_MAP: ServiceMap = { nodes: [], edges: [] };
const EMPTY_DIAGNOSTICS: XrayOverview['diagnostics'] = [];

function NotReady({
  files,
  failure,
  onRetry,
}: {
  files: XrayWorkspaceProps['files'];
  failure?: string;
  onRetry: () => void;
}) {
  const t = useT();
  return (
    <div className="xr-workspace" data-testid="xray-workspace">
      {failure !== undefined ? (
        <div className="xr-empty xr-diag-error" role="alert" data-testid="xray-error">
          <p>{t('xray.unreadable', { message: failure })}</p>
          <button className="xr-button" data-testid="xray-retry" onClick={onRetry}>
            {t('xray.retry')}
          </button>
        </div>
      ) : (
        <div className="xr-empty" data-testid="xray-loading" role="status">
          {files.length === 1
            ? t('xray.reading', { name: files[0]!.name })
            : t('xray.readingFiles', { count: files.length })}
        </div>
      )}
    </div>
  );
}

function XrayWorkspaceView({ files, onSelect }: XrayWorkspaceProps) {
  const t = useT();
  const [view, setView] = useState<WorkspaceView>('traces');
  // Start on the map when the files hold only a service graph.
  const onRead = useCallback((value: XrayOverview) => {
    if (value.traceCount === 0 && value.summaryCount === 0 && value.hasServiceGraph) setView('map');
  }, []);
  const { client, datasetId, overview, retry } = useDataset(files, onRead);
  const ready = overview.state === 'ready' ? overview.value : null;
  const filter = useFilter(client, datasetId, ready);
  const { filterText, setFilterText, invalid, result, filterFailure } = filter;
  const sel = useTraceSelection(client, datasetId, ready, onSelect);
  const [mapSel, setMapSel] = useState<MapSelection>(null);
  const [showDiagnostics, setShowDiagnostics] = useState(false);
  const [traceView, setTraceView] = useState<'timeline' | 'map'>('timeline');
  const [groupBy, setGroupBy] = useState<GroupKey | ''>('');

  const invalidText = invalid ? t('xray.column', { column: invalid.column, message: invalid.message }) : null;
  const failed = invalidText ?? filterFailure;
  const rows = failed ? NO_ROWS : (result?.rows ?? ready?.rows ?? NO_ROWS);
  const total = ready?.rows.length ?? 0;
  const matched = failed ? 0 : (result?.matched ?? total);
  const map = failed ? EMPTY_MAP : (result?.map ?? ready?.map ?? EMPTY_MAP);
  const vocabulary = useMemo(() => ready?.vocabulary ?? {}, [ready]);
  const diagnostics = ready?.diagnostics ?? EMPTY_DIAGNOSTICS;
  const mapExpression = mapExpressionFor(mapSel);
  const mapTraces = useMapTraces(client, datasetId, ready, filter.applied, mapExpression);
  const traceMap = useTraceMap(client, datasetId, traceView, sel.data?.id);

  if (!ready)
    return (
      <NotReady files={files} failure={overview.state === 'failed' ? overview.message : undefined} onRetry={retry} />
    );

  const selectOnMap = (next: MapSelection) => {
    setMapSel(next);
    if (next?.kind === 'node' && onSelect)
      onSelect({ kind: 'service', type: next.node.type || undefined, name: next.node.name });
  };

  return (
    <div className="xr-workspace" data-testid="xray-workspace">
      <WorkspaceTopBar
        view={view}
        onView={setView}
        matched={matched}
        total={total}
        services={map.nodes.length}
        filterText={filterText}
        onFilterText={setFilterText}
        vocabulary={vocabulary}
        failure={invalid ? null : filterFailure}
        diagnostics={diagnostics}
        onToggleDiagnostics={() => setShowDiagnostics((v) => !v)}
      />
      {showDiagnostics && <DiagnosticsList diagnostics={diagnostics} />}
      {view === 'traces' ? (
        <div className="xr-traces">
          <ListPane
            rows={rows}
            selectedId={sel.traceId}
            onSelect={sel.selectTrace}
            vocabulary={vocabulary}
            groupBy={groupBy}
            onGroupBy={setGroupBy}
            onRange={(from, to) => setFilterText(withResponseTimeRange(invalid ? '' : filterText, from, to))}
            onChoose={(expression) => {
              setFilterText(expression);
              setGroupBy('');
            }}
          />
          <TracePane
            data={sel.data}
            timeline={sel.timeline}
            summaryOnly={rows.some((r) => r.id === sel.traceId)}
            failed={failed}
            empty={emptyPaneReason(failed !== null, rows.length, total)}
            traceView={traceView}
            onTraceView={setTraceView}
            span={sel.span}
            details={sel.details}
            onSelectSpan={sel.selectSpan}
            onCloseSpan={() => sel.data && sel.openSpan(sel.data.id, null)}
            search={sel.search}
            shownMap={traceMap.shownMap}
            traceMapSel={traceMap.traceMapSel}
            onTraceMapSel={traceMap.setTraceMapSel}
          />
        </div>
      ) : (
        <div className="xr-map-pane">
          <ServiceMapView map={map} selection={mapSel} onSelect={selectOnMap} />
          {mapSel && (
            <MapDetails
              selection={mapSel}
              onClose={() => setMapSel(null)}
              hasTraces={ready.traceCount > 0}
              expression={mapExpression}
              traces={mapTraces}
              selectedId={sel.traceId}
              onFilter={() => {
                setFilterText(mapExpression);
                setView('traces');
              }}
              onOpenTrace={(r) => {
                sel.selectTrace(r);
                setView('traces');
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}

/** Re-renders only when its files or callback change (the live view's counters update often around it). */
export const XrayWorkspace = memo(XrayWorkspaceView);
