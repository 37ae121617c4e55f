/** One row of the waterfall: the span's name column (twisty, status dot, name, origin, warnings) and its bar. */
import { memo } from 'react';
import { span as col, type TimelineData } from './timeline-model.ts';
import { barGeometry } from './timeline-view.ts';
import { formatMs } from './view-model.ts';
import { useT } from '../i18n/index.ts';

export const ROW_HEIGHT = 24;

export interface TimelineRowProps {
  data: TimelineData;
  /** Span index. */
  i: number;
  top: number;
  selected: boolean;
  match: boolean;
  critical: boolean;
  collapsed: boolean;
  onSelect: (i: number) => void;
  onToggle: (i: number) => void;
}

function TimelineRowView({ data, i, top, selected, match, critical, collapsed, onSelect, onToggle }: TimelineRowProps) {
  const t = useT();
  const name = col.name(data, i);
  const origin = col.origin(data, i);
  const kind = col.kind(data, i);
  const status = col.status(data, i);
  const depth = data.depth[i];
  const startMs = data.startMs[i];
  const widthMs = col.open(data, i) ? data.durationMs - startMs : data.durationMsOf[i];
  const hasKids = data.childCount[i] > 0;
  const orphan = col.orphan(data, i);
  const cycle = col.cycle(data, i);
  const skew = col.skew(data, i);
  const geo = barGeometry(startMs, widthMs, Math.max(data.durationMs, 0.001));
  const cls = [
    'xr-tl-row',
    selected ? 'xr-selected' : '',
    match ? 'xr-match' : '',
    critical ? 'xr-critical' : '',
    kind !== 'subsegment' ? 'xr-tl-segment' : '',
  ].join(' ');
  return (
    <div
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={hasKids ? !collapsed : undefined}
      aria-selected={selected}
      data-testid="xray-timeline-row"
      data-span-id={col.id(data, i)}
      data-status={status}
      className={cls}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={() => onSelect(i)}
    >
      <div className="xr-tl-name" style={{ paddingLeft: 4 + Math.min(depth, 40) * 12 }} title={name}>
        {hasKids ? (
          <button
            className="xr-twisty"
            data-testid="xray-timeline-toggle"
            aria-label={t(collapsed ? 'xray.tl.expand' : 'xray.tl.collapse', { name })}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(i);
            }}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="xr-twisty" />
        )}
        <span className={`xr-dot xr-${status}`} />
        <span className="xr-tl-label" translate={name ? 'no' : undefined}>
          {name || t('xray.tl.noName')}
        </span>
        {kind !== 'subsegment' && origin ? (
          <span className="xr-dim xr-tl-origin" translate="no">
            {origin}
          </span>
        ) : null}
        {collapsed ? <span className="xr-dim"> (+{data.ends[i] - i - 1})</span> : null}
        {orphan || cycle || skew ? (
          <span
            className="xr-badge xr-warn"
            title={t(orphan ? 'xray.tl.orphan' : cycle ? 'xray.tl.cycle' : 'xray.tl.skew')}
          >
            !
          </span>
        ) : null}
      </div>
      <div className="xr-tl-track">
        <div className={`xr-bar xr-${status}${col.synthetic(data, i) ? ' xr-bar-inferred' : ''}`} style={geo.bar} />
        <span className={`xr-bar-label${geo.place === 'inside' ? ' xr-bar-label-inside' : ''}`} style={geo.label}>
          {col.inProgress(data, i) ? t('xray.tl.inProgress') : formatMs(data.durationMsOf[i])}
        </span>
      </div>
    </div>
  );
}

/** Rows re-render only when their own props change (scrolling moves them by `top`). */
export const TimelineRow = memo(TimelineRowView);
