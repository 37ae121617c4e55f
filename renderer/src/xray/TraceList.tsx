/**
 * The trace list: a virtualized table (only the rows in view exist in the DOM) with sortable columns: id, start,
 * duration, response time (the root segment's), root service, method, URL, status, outcome and annotations.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { formatMs, formatTime, sortRows, type SortKey, type TraceRow } from './view-model.ts';
import { useT, type MessageKey } from '../i18n/index.ts';

const COLUMNS: { key: SortKey; label: MessageKey }[] = [
  { key: 'id', label: 'xray.col.id' },
  { key: 'start', label: 'xray.col.start' },
  { key: 'duration', label: 'xray.col.duration' },
  { key: 'response', label: 'xray.col.response' },
  { key: 'root', label: 'xray.col.root' },
  { key: 'method', label: 'xray.col.method' },
  { key: 'url', label: 'xray.col.url' },
  { key: 'status', label: 'xray.col.status' },
  { key: 'flags', label: 'xray.col.flags' },
  { key: 'annotations', label: 'xray.col.annotations' },
];

const ROW_HEIGHT = 26;

export interface TraceListProps {
  rows: readonly TraceRow[];
  selectedId?: string;
  onSelect: (row: TraceRow) => void;
  /** Test id of the table (the map panel shows a second, smaller list). */
  testId?: string;
  /** Only id, duration and outcome, for narrow panels. */
  compact?: boolean;
}

const COMPACT: SortKey[] = ['id', 'duration', 'flags'];

function Outcome({ row }: { row: TraceRow }) {
  const t = useT();
  const tags: [string, MessageKey][] = [];
  if (row.fault) tags.push(['fault', 'xray.outcome.fault']);
  if (row.error && !row.throttle) tags.push(['error', 'xray.outcome.error']);
  if (row.throttle) tags.push(['throttle', 'xray.outcome.throttle']);
  if (row.partial) tags.push(['pending', 'xray.outcome.partial']);
  if (tags.length === 0) tags.push(['ok', 'xray.outcome.ok']);
  return (
    <>
      {tags.map(([cls, label]) => (
        <span key={cls} className={`xr-badge xr-${cls}`}>
          {t(label)}
        </span>
      ))}
    </>
  );
}

export function TraceList({ rows, selectedId, onSelect, testId = 'xray-trace-list', compact = false }: TraceListProps) {
  const t = useT();
  const columns = compact ? COLUMNS.filter((c) => COMPACT.includes(c.key)) : COLUMNS;
  const show = (key: SortKey) => !compact || COMPACT.includes(key);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'start', desc: false });
  const sorted = useMemo(() => sortRows(rows, sort.key, sort.desc), [rows, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: 300 },
  });

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = sorted.findIndex((r) => r.id === selectedId);
    const next = Math.max(0, Math.min(sorted.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
    if (sorted[next]) {
      onSelect(sorted[next]);
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <div
      className={compact ? 'xr-table xr-compact' : 'xr-table'}
      data-testid={testId}
      role="grid"
      aria-rowcount={sorted.length}
    >
      <div className="xr-row xr-head" role="row">
        {columns.map((c) => (
          <button
            key={c.key}
            role="columnheader"
            className={`xr-cell xr-col-${c.key}`}
            data-testid={`xray-sort-${c.key}`}
            aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
            onClick={() =>
              setSort((s) => ({
                key: c.key,
                desc: s.key === c.key ? !s.desc : c.key === 'duration' || c.key === 'flags',
              }))
            }
          >
            {t(c.label)}
            {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
      </div>
      <div className="xr-table-body" ref={scroller} tabIndex={0} onKeyDown={onKey}>
        {sorted.length === 0 && <div className="xr-empty">{t('xray.list.noMatch')}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const r = sorted[v.index];
            return (
              <div
                key={r.id}
                role="row"
                data-testid="xray-trace-row"
                data-trace-id={r.id}
                aria-selected={r.id === selectedId}
                className={`xr-row${r.id === selectedId ? ' xr-selected' : ''}${r.trace < 0 ? ' xr-summary-only' : ''}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                }}
                onClick={() => onSelect(r)}
                title={r.trace < 0 ? t('xray.list.summaryOnly') : undefined}
              >
                <span className="xr-cell xr-col-id xr-mono" translate="no">
                  {r.id}
                </span>
                {show('start') && <span className="xr-cell xr-col-start">{formatTime(r.start)}</span>}
                <span className="xr-cell xr-col-duration xr-num">{formatMs(r.durationMs)}</span>
                {show('response') && (
                  <span className="xr-cell xr-col-response xr-num" data-testid="xray-response-time">
                    {r.responseTimeMs === undefined ? '' : formatMs(r.responseTimeMs)}
                  </span>
                )}
                {show('root') && (
                  <span className="xr-cell xr-col-root" translate="no">
                    {r.root}
                  </span>
                )}
                {show('method') && (
                  <span className="xr-cell xr-col-method" translate="no">
                    {r.method}
                  </span>
                )}
                {show('url') && (
                  <span className="xr-cell xr-col-url" title={r.url} translate="no">
                    {r.url}
                  </span>
                )}
                {show('status') && <span className="xr-cell xr-col-status xr-num">{r.status ?? ''}</span>}
                <span className="xr-cell xr-col-flags">
                  <Outcome row={r} />
                </span>
                {show('annotations') && (
                  <span className="xr-cell xr-col-annotations xr-dim" title={r.annotations} translate="no">
                    {r.annotations}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
