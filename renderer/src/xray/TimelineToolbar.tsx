/** The waterfall's toolbar: in-trace search with match stepping, expand / collapse all, critical path, counts. */
import { formatMs } from './view-model.ts';
import { useT } from '../i18n/index.ts';

export interface TimelineToolbarProps {
  query: string;
  onQuery: (text: string) => void;
  matchCount: number;
  matchAt: number;
  onStep: (delta: number) => void;
  onExpandAll: () => void;
  onCollapseAll: () => void;
  showCritical: boolean;
  onShowCritical: (on: boolean) => void;
  shownRows: number;
  spanCount: number;
  durationMs: number;
}

export function TimelineToolbar(p: TimelineToolbarProps) {
  const t = useT();
  const none = p.matchCount === 0;
  return (
    <div className="xr-toolbar">
      <input
        className="xr-search"
        data-testid="xray-timeline-search"
        placeholder={t('xray.tl.search')}
        value={p.query}
        onChange={(e) => p.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') p.onStep(e.shiftKey ? -1 : 1);
        }}
      />
      <span className="xr-dim" data-testid="xray-timeline-matches">
        {p.query ? `${none ? 0 : p.matchAt + 1} / ${p.matchCount}` : ''}
      </span>
      <button className="xr-button" onClick={() => p.onStep(-1)} disabled={none} aria-label={t('xray.tl.prev')}>
        ↑
      </button>
      <button className="xr-button" onClick={() => p.onStep(1)} disabled={none} aria-label={t('xray.tl.next')}>
        ↓
      </button>
      <button className="xr-button" data-testid="xray-expand-all" onClick={p.onExpandAll}>
        {t('xray.tl.expandAll')}
      </button>
      <button className="xr-button" data-testid="xray-collapse-all" onClick={p.onCollapseAll}>
        {t('xray.tl.collapseAll')}
      </button>
      <label className="xr-check">
        <input
          type="checkbox"
          checked={p.showCritical}
          onChange={(e) => p.onShowCritical(e.target.checked)}
          data-testid="xray-critical-toggle"
        />{' '}
        {t('xray.tl.critical')}
      </label>
      <span className="xr-dim">
        {t('xray.tl.rows', { shown: p.shownRows, total: p.spanCount, duration: formatMs(p.durationMs) })}
      </span>
    </div>
  );
}
