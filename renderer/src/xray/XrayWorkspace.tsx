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
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import './xray.css';
import { hasErrors } from '../../../shared/diagnostics.ts';
import { edgeFilterFor, parseFilter, serviceFilterFor } from '../../../shared/xray/filter.ts';
import type { ServiceMap, Trace } from '../../../shared/xray/types.ts';
import { latest, xrayClient } from '../workers/xray-client.ts';
import type { XrayFiltered, XrayOverview } from '../workers/xray-messages.ts';
import { FilterBox } from './FilterBox.tsx';
import { Histogram } from './Histogram.tsx';
import { ServiceMapView, type MapSelection } from './ServiceMapView.tsx';
import { SpanDetails } from './SpanDetails.tsx';
import { recordStateMachineTraces } from './state-machine-traces.ts';
import { Timeline } from './Timeline.tsx';
import { span as col, type TimelineData } from './timeline-model.ts';
import { TraceList } from './TraceList.tsx';
import { ResponseTimeHistogram } from './ResponseTimeHistogram.tsx';
import { TraceGroups } from './TraceGroups.tsx';
import { formatMs, withResponseTimeRange, type GroupKey, type TraceRow } from './view-model.ts';

export interface XrayWorkspaceProps {
  files: { name: string; text: string }[];
  onSelect?: (sel: { kind: 'segment' | 'service'; origin?: string; type?: string; name: string }) => void;
}

const EMPTY_MAP: ServiceMap = { nodes: [], edges: [] };
const NO_ROWS: TraceRow[] = [];
const EMPTY_DIAGNOSTICS: XrayOverview['diagnostics'] = [];

type Loaded<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

export function XrayWorkspace({ files, onSelect }: XrayWorkspaceProps) {
  const client = xrayClient();
  const datasetId = `xray-${useId()}`;
  const [attempt, setAttempt] = useState(0);
  const [overview, setOverview] = useState<Loaded<XrayOverview>>({ state: 'loading' });
  const [view, setView] = useState<'traces' | 'map'>(() => 'traces');
  const [filterText, setFilterText] = useState('');
  const [applied, setApplied] = useState('');
  const [result, setResult] = useState<XrayFiltered | null>(null);
  const [filterFailure, setFilterFailure] = useState<string | null>(null);
  const [traceId, setTraceId] = useState<string | undefined>(undefined);
  const [timeline, setTimeline] = useState<Loaded<TimelineData> | null>(null);
  const [span, setSpan] = useState<number | null>(null);
  const [details, setDetails] = useState<Loaded<Trace> | null>(null);
  const [mapSel, setMapSel] = useState<MapSelection>(null);
  const [mapTraces, setMapTraces] = useState<TraceRow[]>(NO_ROWS);
  const [showDiagnostics, setShowDiagnostics] = useState(false);
  const [traceView, setTraceView] = useState<'timeline' | 'map'>('timeline');
  const [groupBy, setGroupBy] = useState<GroupKey | ''>('');
  const [traceMap, setTraceMap] = useState<{ id: string; map: Loaded<ServiceMap> } | null>(null);
  const [traceMapSel, setTraceMapSel] = useState<MapSelection>(null);
  const traceMaps = useMemo(() => latest(), []);
  const filters = useMemo(() => latest(), []);
  const timelines = useMemo(() => latest(), []);
  const spans = useMemo(() => latest(), []);
  const mapQueries = useMemo(() => latest(), []);

  // Read the files in the worker; the page keeps only what it shows.
  useEffect(() => {
    let live = true;
    // New files for a tab already showing traces (a live tab, a file changed on disk): the current view stays,
    // with its selection and scroll, until the new data is read.
    setOverview((prev) => (prev.state === 'ready' ? prev : { state: 'loading' }));
    client.open(datasetId, files).then(
      (value) => {
        if (!live) return;
        setOverview({ state: 'ready', value });
        recordStateMachineTraces(files, value.stateMachineTraces);
        // Start on the map when the files hold only a service graph.
        if (value.traceCount === 0 && value.summaryCount === 0 && value.hasServiceGraph) setView('map');
      },
      (err: Error) => live && setOverview({ state: 'failed', message: err.message }),
    );
    return () => {
      live = false;
    };
  }, [client, datasetId, files, attempt]);
  useEffect(() => () => client.close(datasetId), [client, datasetId]);

  const ready = overview.state === 'ready' ? overview.value : null;

  // A bad expression selects nothing and says why (the box underlines it); a good one is applied in the worker.
  const invalid = useMemo(() => {
    const parsed = parseFilter(filterText);
    return parsed.ok ? null : `Column ${parsed.error.offset + 1}: ${parsed.error.message}`;
  }, [filterText]);
  useEffect(() => {
    const parsed = parseFilter(filterText);
    if (parsed.ok) setApplied(parsed.expr ? filterText : '');
  }, [filterText]);

  // Filter in the worker; only the newest answer is applied.
  useEffect(() => {
    if (!ready) return;
    setFilterFailure(null);
    if (!applied) {
      filters(Promise.resolve(null), setResult, () => undefined);
      return;
    }
    filters(client.filter(datasetId, applied), setResult, (err) => {
      setResult(null);
      setFilterFailure(err.message);
    });
  }, [client, datasetId, ready, applied, filters]);

  const failed = invalid ?? filterFailure;
  const rows = failed ? NO_ROWS : (result?.rows ?? ready?.rows ?? NO_ROWS);
  const total = ready?.rows.length ?? 0;
  const matched = failed ? 0 : (result?.matched ?? total);
  const map = failed ? EMPTY_MAP : (result?.map ?? ready?.map ?? EMPTY_MAP);
  const vocabulary = useMemo(() => ready?.vocabulary ?? {}, [ready]);
  const diagnostics = ready?.diagnostics ?? EMPTY_DIAGNOSTICS;
  const selectedRow = rows.find((r) => r.id === traceId);
  const data = timeline?.state === 'ready' && timeline.value.id === traceId ? timeline.value : null;

  const openSpan = useCallback(
    (id: string, index: number | null) => {
      setSpan(index);
      if (index === null) {
        spans(Promise.resolve(null), setDetails, () => undefined);
        return;
      }
      setDetails({ state: 'loading' });
      spans(
        client.span(datasetId, id, index).then((value): Loaded<Trace> => ({ state: 'ready', value })),
        setDetails,
        (err) => setDetails({ state: 'failed', message: err.message }),
      );
    },
    [client, datasetId, spans],
  );

  const wanted = useRef<string | undefined>(undefined);
  // When the data is read again, the open trace's timeline is read again too (it may have grown).
  useEffect(() => {
    const id = wanted.current;
    if (!ready || !id) return;
    timelines(
      client.timeline(datasetId, id).then((value): Loaded<TimelineData> => ({ state: 'ready', value })),
      setTimeline,
      () => undefined,
    );
  }, [client, datasetId, ready, timelines]);
  const selectTrace = (row: TraceRow) => {
    wanted.current = row.id;
    setTraceId(row.id);
    setSpan(null);
    setDetails(null);
    if (row.trace < 0) {
      timelines(Promise.resolve(null), setTimeline, () => undefined);
      return;
    }
    setTimeline({ state: 'loading' });
    timelines(
      client.timeline(datasetId, row.id).then((value): Loaded<TimelineData> => {
        // The entry segment's details open with the timeline.
        if (wanted.current === row.id) openSpan(row.id, value.root >= 0 ? value.root : null);
        return { state: 'ready', value };
      }),
      setTimeline,
      (err) => setTimeline({ state: 'failed', message: err.message }),
    );
  };

  const selectSpan = (i: number) => {
    if (!data) return;
    openSpan(data.id, i);
    if (onSelect) {
      const origin = col.origin(data, i) || col.origin(data, data.segment[i]);
      onSelect({ kind: 'segment', origin: origin || undefined, name: col.name(data, i) });
    }
  };

  const search = useCallback(
    (query: string) => client.search(datasetId, traceId ?? '', query),
    [client, datasetId, traceId],
  );

  const selectOnMap = (sel: MapSelection) => {
    setMapSel(sel);
    if (sel?.kind === 'node' && onSelect)
      onSelect({ kind: 'service', type: sel.node.type || undefined, name: sel.node.name });
  };

  // A client node stands for the requests entering its root service (X-Ray names it after that service).
  const mapExpression = mapSel
    ? mapSel.kind === 'node'
      ? mapSel.node.client
        ? `${serviceFilterFor(mapSel.node.name, '')} { root }`
        : serviceFilterFor(mapSel.node.name, mapSel.node.type)
      : mapSel.from.client
        ? `${serviceFilterFor(mapSel.to.name, mapSel.to.type)} { root }`
        : edgeFilterFor(mapSel.from, mapSel.to)
    : '';
  useEffect(() => {
    if (!ready || !mapExpression || ready.traceCount === 0) {
      mapQueries(Promise.resolve(NO_ROWS), setMapTraces, () => undefined);
      return;
    }
    mapQueries(client.mapTraces(datasetId, applied, { kind: 'expression', text: mapExpression }), setMapTraces, () =>
      setMapTraces(NO_ROWS),
    );
  }, [client, datasetId, ready, applied, mapExpression, mapQueries]);

  // The selected trace's own map (the console's trace map), read from the worker when that view is shown.
  const shownTrace = data?.id;
  useEffect(() => {
    if (traceView !== 'map' || !shownTrace) return;
    setTraceMapSel(null);
    setTraceMap({ id: shownTrace, map: { state: 'loading' } });
    traceMaps(
      client
        .traceMap(datasetId, shownTrace)
        .then((value) => ({ id: shownTrace, map: { state: 'ready', value } as Loaded<ServiceMap> })),
      setTraceMap,
      (err) => setTraceMap({ id: shownTrace, map: { state: 'failed', message: err.message } }),
    );
  }, [client, datasetId, traceView, shownTrace, traceMaps]);
  const shownMap = traceMap && traceMap.id === shownTrace ? traceMap.map : null;

  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;

  if (!ready) {
    return (
      <div className="xr-workspace" data-testid="xray-workspace">
        {overview.state === 'failed' ? (
          <div className="xr-empty xr-diag-error" role="alert" data-testid="xray-error">
            <p>These X-Ray files could not be read: {overview.message}</p>
            <button className="xr-button" data-testid="xray-retry" onClick={() => setAttempt((a) => a + 1)}>
              Try again
            </button>
          </div>
        ) : (
          <div className="xr-empty" data-testid="xray-loading" role="status">
            Reading {files.length === 1 ? files[0]!.name : `${files.length} files`}…
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="xr-workspace" data-testid="xray-workspace">
      <div className="xr-topbar">
        <nav className="xr-tabs" role="tablist" aria-label="X-Ray views">
          <button
            role="tab"
            aria-selected={view === 'traces'}
            className={view === 'traces' ? 'xr-tab xr-active' : 'xr-tab'}
            data-testid="xray-tab-traces"
            onClick={() => setView('traces')}
          >
            Traces ({matched}
            {matched !== total ? ` of ${total}` : ''})
          </button>
          <button
            role="tab"
            aria-selected={view === 'map'}
            className={view === 'map' ? 'xr-tab xr-active' : 'xr-tab'}
            data-testid="xray-tab-map"
            onClick={() => setView('map')}
          >
            Service map ({map.nodes.length})
          </button>
        </nav>
        <FilterBox value={filterText} onChange={setFilterText} vocabulary={vocabulary} />
        {filterFailure && !invalid && (
          <span className="xr-diag-error" role="alert" data-testid="xray-filter-failure">
            {filterFailure}
          </span>
        )}
        {diagnostics.length > 0 && (
          <button
            className={`xr-button ${hasErrors(diagnostics) ? 'xr-diag-error' : 'xr-diag-warn'}`}
            data-testid="xray-diagnostics-toggle"
            onClick={() => setShowDiagnostics((v) => !v)}
          >
            {errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : ''}
            {errors > 0 && warnings > 0 ? ', ' : ''}
            {warnings > 0 ? `${warnings} warning${warnings > 1 ? 's' : ''}` : ''}
          </button>
        )}
      </div>
      {showDiagnostics && (
        <ul className="xr-diagnostics" data-testid="xray-diagnostics">
          {diagnostics.map((d, i) => (
            <li key={i} className={`xr-diag-${d.severity}`}>
              {d.file ? `${d.file}:${d.line}:${d.column} ` : ''}
              {d.severity}: {d.message}
            </li>
          ))}
        </ul>
      )}
      {view === 'traces' ? (
        <div className="xr-traces">
          <div className="xr-list-pane">
            <div className="xr-list-tools">
              <ResponseTimeHistogram
                rows={rows}
                onRange={(from, to) => setFilterText(withResponseTimeRange(invalid ? '' : filterText, from, to))}
              />
              <label>
                Group by{' '}
                <select
                  data-testid="xray-group-by"
                  value={groupBy}
                  onChange={(e) => setGroupBy(e.target.value as GroupKey | '')}
                >
                  <option value="">none (every trace)</option>
                  <option value="url">URL</option>
                  <option value="status">status code</option>
                  <option value="root">root service</option>
                  {(vocabulary.annotationKeys ?? []).map((k) => (
                    <option key={k} value={`annotation:${k}`}>
                      annotation {k}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {groupBy ? (
              <TraceGroups
                rows={rows}
                by={groupBy}
                onChoose={(expression) => {
                  setFilterText(expression);
                  setGroupBy('');
                }}
              />
            ) : (
              <TraceList rows={rows} selectedId={traceId} onSelect={selectTrace} />
            )}
          </div>
          <div className="xr-trace-pane">
            {data && !failed ? (
              <>
                <div className="xr-trace-head" data-testid="xray-trace-head">
                  <span className="xr-mono">{data.id}</span>
                  <span className="xr-dim">
                    {formatMs(data.durationMs)} · {data.recordedSpans} spans · {data.segments} documents
                    {data.limitExceeded ? ' · X-Ray dropped part of this trace (LimitExceeded)' : ''}
                  </span>
                  <span className="xr-trace-views" role="tablist" aria-label="Trace views">
                    <button
                      role="tab"
                      aria-selected={traceView === 'timeline'}
                      className={traceView === 'timeline' ? 'xr-button xr-active' : 'xr-button'}
                      data-testid="xray-trace-view-timeline"
                      onClick={() => setTraceView('timeline')}
                    >
                      Timeline
                    </button>
                    <button
                      role="tab"
                      aria-selected={traceView === 'map'}
                      className={traceView === 'map' ? 'xr-button xr-active' : 'xr-button'}
                      data-testid="xray-trace-view-map"
                      onClick={() => setTraceView('map')}
                    >
                      Trace map
                    </button>
                  </span>
                </div>
                {traceView === 'map' ? (
                  <div className="xr-trace-map">
                    {shownMap?.state === 'ready' ? (
                      <ServiceMapView
                        map={shownMap.value}
                        selection={traceMapSel}
                        onSelect={setTraceMapSel}
                        testId="xray-trace-map"
                      />
                    ) : shownMap?.state === 'failed' ? (
                      <div className="xr-empty xr-diag-error" role="alert">
                        {shownMap.message}
                      </div>
                    ) : (
                      <div className="xr-empty" role="status">
                        Drawing the trace map…
                      </div>
                    )}
                  </div>
                ) : (
                  <div className="xr-trace-split">
                    <Timeline key={data.id} data={data} selected={span} onSelect={selectSpan} search={search} />
                    {span !== null && details?.state === 'ready' && details.value.id === data.id && (
                      <SpanDetails
                        key={`${data.id}:${span}`}
                        trace={details.value}
                        span={0}
                        onClose={() => openSpan(data.id, null)}
                      />
                    )}
                    {span !== null && details?.state === 'failed' && (
                      <div className="xr-empty xr-diag-error" role="alert" data-testid="xray-span-error">
                        {details.message}
                      </div>
                    )}
                  </div>
                )}
              </>
            ) : timeline?.state === 'loading' ? (
              <div className="xr-empty" data-testid="xray-trace-loading" role="status">
                Loading the trace…
              </div>
            ) : timeline?.state === 'failed' ? (
              <div className="xr-empty xr-diag-error" role="alert" data-testid="xray-trace-error">
                This trace could not be shown: {timeline.message}
              </div>
            ) : selectedRow ? (
              <div className="xr-empty">
                Only the summary of this trace is loaded; open its BatchGetTraces output to see the timeline.
              </div>
            ) : (
              <div className="xr-empty" data-testid="xray-list-empty">
                {failed
                  ? `No result: the filter is not valid (${failed}).`
                  : rows.length > 0
                    ? 'Select a trace to see its timeline.'
                    : total > 0
                      ? 'No trace matches the filter.'
                      : 'No traces in these files.'}
              </div>
            )}
          </div>
        </div>
      ) : (
        <div className="xr-map-pane">
          <ServiceMapView map={map} selection={mapSel} onSelect={selectOnMap} />
          {mapSel && (
            <aside className="xr-map-side" data-testid="xray-map-details">
              <header className="xr-details-head">
                <div>
                  <div className="xr-details-title">
                    {mapSel.kind === 'node' ? mapSel.node.name : `${mapSel.from.name} → ${mapSel.to.name}`}
                  </div>
                  <div className="xr-dim">
                    {mapSel.kind === 'node' ? mapSel.node.type || 'service' : 'edge (as the caller saw it)'}
                  </div>
                </div>
                <button className="xr-button" onClick={() => setMapSel(null)} aria-label="Close">
                  ×
                </button>
              </header>
              {(() => {
                const st = mapSel.kind === 'node' ? mapSel.node : mapSel.edge;
                return (
                  <table className="xr-kv">
                    <tbody>
                      <tr>
                        <th>Requests</th>
                        <td>{st.requests}</td>
                      </tr>
                      <tr>
                        <th>OK</th>
                        <td>{st.ok}</td>
                      </tr>
                      <tr>
                        <th>Errors (4xx)</th>
                        <td>{st.errors}</td>
                      </tr>
                      <tr>
                        <th>Throttles (429)</th>
                        <td>{st.throttles}</td>
                      </tr>
                      <tr>
                        <th>Faults (5xx)</th>
                        <td>{st.faults}</td>
                      </tr>
                      <tr>
                        <th>Average</th>
                        <td>{formatMs(st.avgMs)}</td>
                      </tr>
                      {mapSel.kind === 'node' && mapSel.node.inProgress ? (
                        <tr>
                          <th>In progress</th>
                          <td>{mapSel.node.inProgress}</td>
                        </tr>
                      ) : null}
                      {mapSel.kind === 'node' && mapSel.node.resources ? (
                        <tr>
                          <th>Resources</th>
                          <td data-testid="xray-map-resources">
                            {mapSel.node.resources.map((r) => (
                              <div key={r} className="xr-mono">
                                {r}
                              </div>
                            ))}
                          </td>
                        </tr>
                      ) : null}
                    </tbody>
                  </table>
                );
              })()}
              <Histogram
                entries={mapSel.kind === 'node' ? mapSel.node.histogram : mapSel.edge.histogram}
                title="Response time distribution"
              />
              {ready.traceCount > 0 && (
                <>
                  <div className="xr-side-actions">
                    <code className="xr-mono xr-dim">{mapExpression}</code>
                    <button
                      className="xr-button"
                      data-testid="xray-map-show-traces"
                      onClick={() => {
                        setFilterText(mapExpression);
                        setView('traces');
                      }}
                    >
                      Filter the trace list
                    </button>
                  </div>
                  <div className="xr-map-traces">
                    <TraceList
                      rows={mapTraces}
                      selectedId={traceId}
                      testId="xray-map-trace-list"
                      compact
                      onSelect={(r) => {
                        selectTrace(r);
                        setView('traces');
                      }}
                    />
                  </div>
                </>
              )}
            </aside>
          )}
        </div>
      )}
    </div>
  );
}
