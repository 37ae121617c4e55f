/**
 * The X-Ray workspace: everything Statescope shows for X-Ray files, in one component the app shell mounts for
 * a set of opened files.
 *
 * - **Traces**: the filterable, sortable trace list (X-Ray filter expressions with completion; a bad
 *   expression is underlined at its position and the list keeps its last good result), then the selected trace's
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
 * Parsing happens once per change of `files`; every list and the timeline are virtualized, so traces of
 * 10,000+ spans stay fluid.
 */
import { useEffect, useMemo, useState } from 'react';
import './xray.css';
import { hasErrors } from '../../../shared/diagnostics.ts';
import { edgeFilterFor, matchesFilter, parseFilter, serviceFilterFor, type FilterExpr } from '../../../shared/xray/filter.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import type { ServiceMap, Trace } from '../../../shared/xray/types.ts';
import { FilterBox } from './FilterBox.tsx';
import { Histogram } from './Histogram.tsx';
import { ServiceMapView, type MapSelection } from './ServiceMapView.tsx';
import { SpanDetails } from './SpanDetails.tsx';
import { Timeline } from './Timeline.tsx';
import { TraceList } from './TraceList.tsx';
import { traceRows, formatMs, type TraceRow } from './view-model.ts';

export interface XrayWorkspaceProps {
  files: { name: string; text: string }[];
  onSelect?: (sel: { kind: 'segment' | 'service'; origin?: string; type?: string; name: string }) => void;
}

const EMPTY_MAP: ServiceMap = { nodes: [], edges: [] };

export function XrayWorkspace({ files, onSelect }: XrayWorkspaceProps) {
  const dataset = useMemo(() => loadXray(files), [files]);
  const [view, setView] = useState<'traces' | 'map'>(() => 'traces');
  const [filterText, setFilterText] = useState('');
  const [applied, setApplied] = useState<FilterExpr | undefined>(undefined);
  const [traceId, setTraceId] = useState<string | undefined>(undefined);
  const [span, setSpan] = useState<number | null>(null);
  const [mapSel, setMapSel] = useState<MapSelection>(null);
  const [showDiagnostics, setShowDiagnostics] = useState(false);

  // Start on the map when the files hold only a service graph.
  useEffect(() => {
    if (dataset.traces.length === 0 && dataset.summaries.length === 0 && dataset.serviceGraph) setView('map');
  }, [dataset]);

  // Apply the expression only when it parses; a bad one keeps the last good result.
  useEffect(() => {
    const parsed = parseFilter(filterText);
    if (parsed.ok) setApplied(parsed.expr);
  }, [filterText]);

  const filtered = useMemo(() => (applied ? dataset.traces.filter((t) => matchesFilter(applied, t)) : dataset.traces), [dataset, applied]);
  const rows = useMemo(() => traceRows(filtered, applied ? [] : dataset.summaries), [filtered, applied, dataset]);
  const fullMap = useMemo(() => (dataset.traces.length > 0 ? computeServiceMap(dataset.traces) : (dataset.serviceGraph ?? EMPTY_MAP)), [dataset]);
  const map = useMemo(() => (dataset.traces.length > 0 ? (applied ? computeServiceMap(filtered) : fullMap) : fullMap), [dataset, applied, filtered, fullMap]);

  const vocabulary = useMemo(() => {
    const keys = new Set<string>();
    for (const t of dataset.traces) for (const s of t.spans) if (s.annotations) for (const k of Object.keys(s.annotations)) keys.add(k);
    for (const s of dataset.summaries) for (const k of Object.keys(s.annotations)) keys.add(k);
    const services = [...fullMap.nodes, ...(dataset.serviceGraph?.nodes ?? [])].map((n) => ({ name: n.name, type: n.type }));
    return { services, annotationKeys: [...keys].sort() };
  }, [dataset, fullMap]);

  const trace: Trace | undefined = useMemo(() => dataset.traces.find((t) => t.id === traceId), [dataset, traceId]);
  const selectedRow = rows.find((r) => r.id === traceId);

  const selectTrace = (row: TraceRow) => {
    setTraceId(row.id);
    setSpan(row.trace >= 0 ? dataset.traces[row.trace]?.root ?? null : null);
  };

  const selectSpan = (i: number) => {
    setSpan(i);
    const s = trace?.spans[i];
    if (s && onSelect) {
      const owner = trace.spans[s.segment];
      onSelect({ kind: 'segment', origin: s.origin || owner?.origin || undefined, name: s.name });
    }
  };

  const selectOnMap = (sel: MapSelection) => {
    setMapSel(sel);
    if (sel?.kind === 'node' && onSelect) onSelect({ kind: 'service', type: sel.node.type || undefined, name: sel.node.name });
  };

  const mapExpression = mapSel
    ? mapSel.kind === 'node'
      ? serviceFilterFor(mapSel.node.client ? 'Client' : mapSel.node.name, mapSel.node.client ? 'client' : mapSel.node.type)
      : edgeFilterFor(mapSel.from, mapSel.to)
    : '';
  const mapTraces = useMemo(() => {
    if (!mapExpression) return [];
    if (mapSel?.kind === 'node' && mapSel.node.client) return traceRows(filtered.filter((t) => t.root >= 0 && !t.spans[t.root].orphan));
    const parsed = parseFilter(mapExpression);
    return parsed.ok ? traceRows(filtered.filter((t) => matchesFilter(parsed.expr, t))) : [];
  }, [mapExpression, mapSel, filtered]);

  const errors = dataset.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = dataset.diagnostics.length - errors;

  return (
    <div className="xr-workspace" data-testid="xray-workspace">
      <div className="xr-topbar">
        <nav className="xr-tabs" role="tablist" aria-label="X-Ray views">
          <button role="tab" aria-selected={view === 'traces'} className={view === 'traces' ? 'xr-tab xr-active' : 'xr-tab'} data-testid="xray-tab-traces" onClick={() => setView('traces')}>
            Traces ({filtered.length}
            {filtered.length !== dataset.traces.length ? ` of ${dataset.traces.length}` : ''})
          </button>
          <button role="tab" aria-selected={view === 'map'} className={view === 'map' ? 'xr-tab xr-active' : 'xr-tab'} data-testid="xray-tab-map" onClick={() => setView('map')}>
            Service map ({map.nodes.length})
          </button>
        </nav>
        <FilterBox value={filterText} onChange={setFilterText} vocabulary={vocabulary} />
        {dataset.diagnostics.length > 0 && (
          <button className={`xr-button ${hasErrors(dataset.diagnostics) ? 'xr-diag-error' : 'xr-diag-warn'}`} data-testid="xray-diagnostics-toggle" onClick={() => setShowDiagnostics((v) => !v)}>
            {errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : ''}
            {errors > 0 && warnings > 0 ? ', ' : ''}
            {warnings > 0 ? `${warnings} warning${warnings > 1 ? 's' : ''}` : ''}
          </button>
        )}
      </div>
      {showDiagnostics && (
        <ul className="xr-diagnostics" data-testid="xray-diagnostics">
          {dataset.diagnostics.map((d, i) => (
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
            <TraceList rows={rows} selectedId={traceId} onSelect={selectTrace} />
          </div>
          <div className="xr-trace-pane">
            {trace ? (
              <>
                <div className="xr-trace-head" data-testid="xray-trace-head">
                  <span className="xr-mono">{trace.id}</span>
                  <span className="xr-dim">
                    {formatMs(trace.durationMs)} · {trace.spans.length} spans · {trace.segments} documents
                    {trace.limitExceeded ? ' · X-Ray dropped part of this trace (LimitExceeded)' : ''}
                  </span>
                </div>
                <div className="xr-trace-split">
                  <Timeline key={trace.id} trace={trace} selected={span} onSelect={selectSpan} />
                  {span !== null && trace.spans[span] && <SpanDetails key={`${trace.id}:${span}`} trace={trace} span={span} onClose={() => setSpan(null)} />}
                </div>
              </>
            ) : selectedRow ? (
              <div className="xr-empty">Only the summary of this trace is loaded; open its BatchGetTraces output to see the timeline.</div>
            ) : (
              <div className="xr-empty">{rows.length > 0 ? 'Select a trace to see its timeline.' : dataset.traces.length > 0 ? 'No trace matches the filter.' : 'No traces in these files.'}</div>
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
                  <div className="xr-details-title">{mapSel.kind === 'node' ? mapSel.node.name : `${mapSel.from.name} → ${mapSel.to.name}`}</div>
                  <div className="xr-dim">{mapSel.kind === 'node' ? mapSel.node.type || 'service' : 'edge (as the caller saw it)'}</div>
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
                      <tr><th>Requests</th><td>{st.requests}</td></tr>
                      <tr><th>OK</th><td>{st.ok}</td></tr>
                      <tr><th>Errors (4xx)</th><td>{st.errors}</td></tr>
                      <tr><th>Throttles (429)</th><td>{st.throttles}</td></tr>
                      <tr><th>Faults (5xx)</th><td>{st.faults}</td></tr>
                      <tr><th>Average</th><td>{formatMs(st.avgMs)}</td></tr>
                    </tbody>
                  </table>
                );
              })()}
              <Histogram entries={mapSel.kind === 'node' ? mapSel.node.histogram : mapSel.edge.histogram} title="Response time distribution" />
              {dataset.traces.length > 0 && (
                <>
                  <div className="xr-side-actions">
                    <code className="xr-mono xr-dim">{mapExpression}</code>
                    <button
                      className="xr-button"
                      data-testid="xray-map-show-traces"
                      onClick={() => {
                        if (!(mapSel.kind === 'node' && mapSel.node.client)) setFilterText(mapExpression);
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
