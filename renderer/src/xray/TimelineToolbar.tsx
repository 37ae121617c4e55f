/** The waterfall's toolbar: in-trace search with match stepping, expand / collapse all, critical path, counts. */
import { formatMs } from './view-model.ts';

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
  const none = p.matchCount === 0;
  return (
    <div className="xr-toolbar">
      <input
        className="xr-search"
        data-testid="xray-timeline-search"
        placeholder="Search this trace (name, URL, table, annotation, exception…)"
        value={p.query}
        onChange={(e) => p.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') p.onStep(e.shiftKey ? -1 : 1);
        }}
      />
      <span className="xr-dim" data-testid="xray-timeline-matches">
        {p.query ? `${none ? 0 : p.matchAt + 1} / ${p.matchCount}` : ''}
      </span>
      <button className="xr-button" onClick={() => p.onStep(-1)} disabled={none} aria-label="Previous match">
        ↑
      </button>
      <button className="xr-button" onClick={() => p.onStep(1)} disabled={none} aria-label="Next match">
        ↓
      </button>
      <button className="xr-button" data-testid="xray-expand-all" onClick={p.onExpandAll}>
        Expand all
      </button>
      <button className="xr-button" data-testid="xray-collapse-all" onClick={p.onCollapseAll}>
        Collapse to segments
      </button>
      <label className="xr-check">
        <input
          type="checkbox"
          checked={p.showCritical}
          onChange={(e) => p.onShowCritical(e.target.checked)}
          data-testid="xray-critical-toggle"
        />{' '}
        Critical path
      </label>
      <span className="xr-dim">
        {p.shownRows} of {p.spanCount} rows · {formatMs(p.durationMs)}
      </span>
    </div>
  );
}
