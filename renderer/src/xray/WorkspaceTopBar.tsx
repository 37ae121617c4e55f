/**
 * The X-Ray workspace's top bar (the Traces / Service map tabs with their counts, the filter box, a failure of
 * the worker's filter, the diagnostics toggle) and the diagnostics list it opens.
 */
import { hasErrors } from '../../../shared/diagnostics.ts';
import type { FilterVocabulary } from '../../../shared/xray/filter.ts';
import type { XrayOverview } from '../workers/xray-messages.ts';
import { FilterBox } from './FilterBox.tsx';
import { TabButton } from './TabButton.tsx';
import { diagnosticCounts } from './workspace-model.ts';
import { useT } from '../i18n/index.ts';

export type WorkspaceView = 'traces' | 'map';

export interface WorkspaceTopBarProps {
  view: WorkspaceView;
  onView: (view: WorkspaceView) => void;
  matched: number;
  total: number;
  services: number;
  filterText: string;
  onFilterText: (text: string) => void;
  vocabulary: FilterVocabulary;
  /** A failure of the worker's filter (shown when the expression itself is valid). */
  failure: string | null;
  diagnostics: XrayOverview['diagnostics'];
  onToggleDiagnostics: () => void;
}

export function WorkspaceTopBar(p: WorkspaceTopBarProps) {
  const t = useT();
  const { errors, warnings } = diagnosticCounts(p.diagnostics);
  return (
    <div className="xr-topbar">
      <nav className="xr-tabs" role="tablist" aria-label={t('xray.views')}>
        <TabButton
          look="xr-tab"
          selected={p.view === 'traces'}
          testId="xray-tab-traces"
          onSelect={() => p.onView('traces')}
        >
          {p.matched !== p.total
            ? t('xray.tab.tracesOf', { matched: p.matched, total: p.total })
            : t('xray.tab.traces', { matched: p.matched })}
        </TabButton>
        <TabButton look="xr-tab" selected={p.view === 'map'} testId="xray-tab-map" onSelect={() => p.onView('map')}>
          {t('xray.tab.map', { count: p.services })}
        </TabButton>
      </nav>
      <FilterBox value={p.filterText} onChange={p.onFilterText} vocabulary={p.vocabulary} />
      {p.failure && (
        <span className="xr-diag-error" role="alert" data-testid="xray-filter-failure">
          {p.failure}
        </span>
      )}
      {p.diagnostics.length > 0 && (
        <button
          className={`xr-button ${hasErrors(p.diagnostics) ? 'xr-diag-error' : 'xr-diag-warn'}`}
          data-testid="xray-diagnostics-toggle"
          onClick={p.onToggleDiagnostics}
        >
          {[
            errors > 0 ? t(errors > 1 ? 'xray.diag.errors' : 'xray.diag.error', { count: errors }) : '',
            warnings > 0 ? t(warnings > 1 ? 'xray.diag.warnings' : 'xray.diag.warning', { count: warnings }) : '',
          ]
            .filter(Boolean)
            .join(', ')}
        </button>
      )}
    </div>
  );
}

const SEVERITY = {
  error: 'xray.diag.severity.error',
  warning: 'xray.diag.severity.warning',
  info: 'xray.diag.severity.info',
} as const;

export function DiagnosticsList({ diagnostics }: { diagnostics: XrayOverview['diagnostics'] }) {
  const t = useT();
  return (
    <ul className="xr-diagnostics" data-testid="xray-diagnostics">
      {diagnostics.map((d, i) => (
        <li key={i} className={`xr-diag-${d.severity}`}>
          <span translate="no">{d.file ? `${d.file}:${d.line}:${d.column} ` : ''}</span>
          {SEVERITY[d.severity as keyof typeof SEVERITY]
            ? t(SEVERITY[d.severity as keyof typeof SEVERITY])
            : d.severity}
          : <span translate="no">{d.message}</span>
        </li>
      ))}
    </ul>
  );
}
