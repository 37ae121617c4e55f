/**
 * The side panel of a selected service-map node or edge: its name and type, request statistics, resources,
 * response-time histogram, and (when traces are loaded) the filter expression that selects its traces with the
 * list of them.
 */
import { Histogram } from './Histogram.tsx';
import type { MapSelection } from './ServiceMapView.tsx';
import { TraceList } from './TraceList.tsx';
import { formatMs, type TraceRow } from './view-model.ts';
import { mapSelectionStats, type MapStat } from './workspace-model.ts';

const STAT_LABELS: Record<MapStat['key'], string> = {
  'xray.map.requests': 'Requests',
  'xray.map.ok': 'OK',
  'xray.map.errors': 'Errors (4xx)',
  'xray.map.throttles': 'Throttles (429)',
  'xray.map.faults': 'Faults (5xx)',
  'xray.map.average': 'Average',
  'xray.map.inProgress': 'In progress',
};

export interface MapDetailsProps {
  selection: NonNullable<MapSelection>;
  onClose: () => void;
  /** Traces are loaded (not only a service graph): the panel offers the traces through the selection. */
  hasTraces: boolean;
  expression: string;
  traces: readonly TraceRow[];
  selectedId?: string;
  /** Apply the expression to the trace list. */
  onFilter: () => void;
  onOpenTrace: (row: TraceRow) => void;
}

export function MapDetails({
  selection: sel,
  onClose,
  hasTraces,
  expression,
  traces,
  selectedId,
  onFilter,
  onOpenTrace,
}: MapDetailsProps) {
  return (
    <aside className="xr-map-side" data-testid="xray-map-details">
      <header className="xr-details-head">
        <div>
          <div className="xr-details-title">
            {sel.kind === 'node' ? sel.node.name : `${sel.from.name} → ${sel.to.name}`}
          </div>
          <div className="xr-dim">
            {sel.kind === 'node' ? sel.node.type || 'service' : 'edge (as the caller saw it)'}
          </div>
        </div>
        <button className="xr-button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <table className="xr-kv">
        <tbody>
          {mapSelectionStats(sel).map((s) => (
            <tr key={s.key}>
              <th>{STAT_LABELS[s.key]}</th>
              <td>{s.ms ? formatMs(s.value) : s.value}</td>
            </tr>
          ))}
          {sel.kind === 'node' && sel.node.resources ? (
            <tr>
              <th>Resources</th>
              <td data-testid="xray-map-resources">
                {sel.node.resources.map((r) => (
                  <div key={r} className="xr-mono">
                    {r}
                  </div>
                ))}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <Histogram
        entries={sel.kind === 'node' ? sel.node.histogram : sel.edge.histogram}
        title="Response time distribution"
      />
      {hasTraces && (
        <>
          <div className="xr-side-actions">
            <code className="xr-mono xr-dim">{expression}</code>
            <button className="xr-button" data-testid="xray-map-show-traces" onClick={onFilter}>
              Filter the trace list
            </button>
          </div>
          <div className="xr-map-traces">
            <TraceList
              rows={traces}
              selectedId={selectedId}
              testId="xray-map-trace-list"
              compact
              onSelect={onOpenTrace}
            />
          </div>
        </>
      )}
    </aside>
  );
}
