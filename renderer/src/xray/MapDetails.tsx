/**
 * The side panel of a selected service-map node or edge: its name and type, request statistics, resources,
 * response-time histogram, and (when traces are loaded) the filter expression that selects its traces with the
 * list of them.
 */
import { Histogram } from './Histogram.tsx';
import type { MapSelection } from './ServiceMapView.tsx';
import { TraceList } from './TraceList.tsx';
import { formatMs, type TraceRow } from './view-model.ts';
import { mapSelectionStats } from './workspace-model.ts';
import { useT } from '../i18n/index.ts';

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
  const t = useT();
  return (
    <aside className="xr-map-side" data-testid="xray-map-details">
      <header className="xr-details-head">
        <div>
          <div className="xr-details-title">
            <span translate="no">{sel.kind === 'node' ? sel.node.name : `${sel.from.name} → ${sel.to.name}`}</span>
          </div>
          <div className="xr-dim">
            {sel.kind === 'node' ? (
              sel.node.type ? (
                <span translate="no">{sel.node.type}</span>
              ) : (
                t('xray.map.service')
              )
            ) : (
              t('xray.map.edge')
            )}
          </div>
        </div>
        <button className="xr-button" onClick={onClose} aria-label={t('xray.map.close')}>
          ×
        </button>
      </header>
      <table className="xr-kv">
        <tbody>
          {mapSelectionStats(sel).map((s) => (
            <tr key={s.key}>
              <th>{t(s.key)}</th>
              <td>{s.ms ? formatMs(s.value) : s.value}</td>
            </tr>
          ))}
          {sel.kind === 'node' && sel.node.resources ? (
            <tr>
              <th>{t('xray.map.resources')}</th>
              <td data-testid="xray-map-resources" translate="no">
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
        title={t('xray.map.histogram')}
      />
      {hasTraces && (
        <>
          <div className="xr-side-actions">
            <code className="xr-mono xr-dim" translate="no">
              {expression}
            </code>
            <button className="xr-button" data-testid="xray-map-show-traces" onClick={onFilter}>
              {t('xray.map.filterList')}
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
