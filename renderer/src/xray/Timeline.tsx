/**
 * The waterfall of one trace: segments and subsegments in their parent/child tree, collapsible, coloured by
 * status (X-Ray colours), with a time axis, durations, the critical path outlined, and a search that expands and
 * steps through matches. Virtualized: only rows in view are in the DOM. The trace arrives in columns
 * (`TimelineData`, built in the X-Ray worker), and the search runs in the worker, so 100,000-span traces stay
 * fluid.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { latest } from '../workers/xray-client.ts';
import { ancestorsIn, collapsedBelow, rowOf, span as col, visibleRows, type TimelineData } from './timeline-model.ts';
import { axisTicks, formatMs } from './view-model.ts';

const ROW_HEIGHT = 24;
/** Above this many spans the waterfall opens with deep levels collapsed. */
const COLLAPSE_THRESHOLD = 2000;
const NO_MATCHES = new Int32Array(0);

export interface TimelineProps {
  data: TimelineData;
  selected: number | null;
  onSelect: (span: number) => void;
  /** Span indexes matching an in-trace search (answered by the worker). */
  search: (query: string) => Promise<Int32Array>;
}

export function Timeline({ data, selected, onSelect, search }: TimelineProps) {
  const [collapsed, setCollapsed] = useState<Set<number>>(() =>
    data.spanCount > COLLAPSE_THRESHOLD ? collapsedBelow(data, 2) : new Set(),
  );
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Int32Array>(NO_MATCHES);
  const [matchAt, setMatchAt] = useState(0);
  const [showCritical, setShowCritical] = useState(true);
  const searches = useMemo(() => latest(), []);
  useEffect(() => {
    setCollapsed(data.spanCount > COLLAPSE_THRESHOLD ? collapsedBelow(data, 2) : new Set());
    setQuery('');
  }, [data]);
  useEffect(() => {
    if (!query.trim()) {
      searches(Promise.resolve(NO_MATCHES), setMatches, () => undefined);
      return;
    }
    searches(search(query), setMatches, () => setMatches(NO_MATCHES));
  }, [query, search, searches]);

  const matchSet = useMemo(() => new Set(matches), [matches]);
  const rows = useMemo(() => visibleRows(data, collapsed), [data, collapsed]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    initialRect: { width: 900, height: 400 },
  });

  const total = Math.max(data.durationMs, 0.001);
  const ticks = useMemo(() => axisTicks(total), [total]);
  const frac = (ms: number) => Math.max(0, Math.min(100, (ms / total) * 100));
  const pct = (ms: number) => `${frac(ms)}%`;
  // Duration labels go right of the bar, left of it when the bar ends near the edge, inside long bars.
  const labelPlace = (startMs: number, widthMs: number): 'right' | 'left' | 'inside' =>
    frac(startMs + widthMs) < 85 ? 'right' : frac(startMs) > 15 ? 'left' : 'inside';
  const labelStyle = (startMs: number, widthMs: number): React.CSSProperties => {
    const place = labelPlace(startMs, widthMs);
    if (place === 'right') return { left: `calc(${pct(startMs + widthMs)} + 4px)` };
    if (place === 'left') return { right: `calc(${100 - frac(startMs)}% + 4px)` };
    return { right: `calc(${100 - frac(startMs + widthMs)}% + 4px)` };
  };

  const reveal = (spanIndex: number) => {
    let changed = false;
    const next = new Set(collapsed);
    for (const a of ancestorsIn(data, spanIndex)) if (next.delete(a)) changed = true;
    if (changed) setCollapsed(next);
    onSelect(spanIndex);
    const rowList = changed ? visibleRows(data, next) : rows;
    const at = rowOf(rowList, spanIndex);
    if (at >= 0) requestAnimationFrame(() => virtualizer.scrollToIndex(at, { align: 'center' }));
  };

  const step = (delta: number) => {
    if (matches.length === 0) return;
    const next = (matchAt + delta + matches.length) % matches.length;
    setMatchAt(next);
    reveal(matches[next]);
  };

  const toggle = (i: number) => {
    const next = new Set(collapsed);
    if (!next.delete(i)) next.add(i);
    setCollapsed(next);
  };

  const onKey = (e: React.KeyboardEvent) => {
    const at = selected === null ? -1 : rowOf(rows, selected);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const n = Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
      onSelect(rows[n]);
      virtualizer.scrollToIndex(n);
    } else if (
      (e.key === 'ArrowLeft' || e.key === 'ArrowRight') &&
      selected !== null &&
      data.childCount[selected] > 0
    ) {
      const isCollapsed = collapsed.has(selected);
      if ((e.key === 'ArrowLeft') !== isCollapsed) toggle(selected);
    } else return;
    e.preventDefault();
  };

  return (
    <div className="xr-timeline" data-testid="xray-timeline">
      <div className="xr-toolbar">
        <input
          className="xr-search"
          data-testid="xray-timeline-search"
          placeholder="Search this trace (name, URL, table, annotation, exception…)"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setMatchAt(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') step(e.shiftKey ? -1 : 1);
          }}
        />
        <span className="xr-dim" data-testid="xray-timeline-matches">
          {query ? `${matches.length === 0 ? 0 : matchAt + 1} / ${matches.length}` : ''}
        </span>
        <button
          className="xr-button"
          onClick={() => step(-1)}
          disabled={matches.length === 0}
          aria-label="Previous match"
        >
          ↑
        </button>
        <button className="xr-button" onClick={() => step(1)} disabled={matches.length === 0} aria-label="Next match">
          ↓
        </button>
        <button className="xr-button" data-testid="xray-expand-all" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button
          className="xr-button"
          data-testid="xray-collapse-all"
          onClick={() => setCollapsed(collapsedBelow(data, 1))}
        >
          Collapse to segments
        </button>
        <label className="xr-check">
          <input
            type="checkbox"
            checked={showCritical}
            onChange={(e) => setShowCritical(e.target.checked)}
            data-testid="xray-critical-toggle"
          />{' '}
          Critical path
        </label>
        <span className="xr-dim">
          {rows.length} of {data.spanCount} rows · {formatMs(data.durationMs)}
        </span>
      </div>
      <div className="xr-tl-axis" aria-hidden="true">
        <div className="xr-tl-name">Name</div>
        <div className="xr-tl-track">
          {ticks.map((t) => (
            <span key={t} className="xr-tick" style={{ left: pct(t) }}>
              {formatMs(t)}
            </span>
          ))}
        </div>
      </div>
      <div className="xr-tl-body" ref={scroller} tabIndex={0} onKeyDown={onKey} role="tree" aria-label="Trace timeline">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const i = rows[v.index];
            const name = col.name(data, i);
            const origin = col.origin(data, i);
            const kind = col.kind(data, i);
            const status = col.status(data, i);
            const depth = data.depth[i];
            const startMs = data.startMs[i];
            const widthMs = col.open(data, i) ? data.durationMs - startMs : data.durationMsOf[i];
            const hasKids = data.childCount[i] > 0;
            const isCollapsed = collapsed.has(i);
            const orphan = col.orphan(data, i);
            const cycle = col.cycle(data, i);
            const skew = col.skew(data, i);
            const cls = [
              'xr-tl-row',
              i === selected ? 'xr-selected' : '',
              matchSet.has(i) ? 'xr-match' : '',
              showCritical && col.critical(data, i) ? 'xr-critical' : '',
              kind !== 'subsegment' ? 'xr-tl-segment' : '',
            ].join(' ');
            return (
              <div
                key={i}
                role="treeitem"
                aria-level={depth + 1}
                aria-expanded={hasKids ? !isCollapsed : undefined}
                aria-selected={i === selected}
                data-testid="xray-timeline-row"
                data-span-id={col.id(data, i)}
                data-status={status}
                className={cls}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                }}
                onClick={() => onSelect(i)}
              >
                <div className="xr-tl-name" style={{ paddingLeft: 4 + Math.min(depth, 40) * 12 }} title={name}>
                  {hasKids ? (
                    <button
                      className="xr-twisty"
                      data-testid="xray-timeline-toggle"
                      aria-label={isCollapsed ? `Expand ${name}` : `Collapse ${name}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(i);
                      }}
                    >
                      {isCollapsed ? '▸' : '▾'}
                    </button>
                  ) : (
                    <span className="xr-twisty" />
                  )}
                  <span className={`xr-dot xr-${status}`} />
                  <span className="xr-tl-label">{name || '(no name)'}</span>
                  {kind !== 'subsegment' && origin ? <span className="xr-dim xr-tl-origin">{origin}</span> : null}
                  {isCollapsed ? <span className="xr-dim"> (+{data.ends[i] - i - 1})</span> : null}
                  {orphan || cycle || skew ? (
                    <span className="xr-badge xr-warn" title={orphan ? 'orphan' : cycle ? 'cycle' : 'clock skew'}>
                      !
                    </span>
                  ) : null}
                </div>
                <div className="xr-tl-track">
                  <div
                    className={`xr-bar xr-${status}${col.synthetic(data, i) ? ' xr-bar-inferred' : ''}`}
                    style={{ left: pct(startMs), width: `max(2px, ${pct(widthMs)})` }}
                  />
                  <span
                    className={`xr-bar-label${labelPlace(startMs, widthMs) === 'inside' ? ' xr-bar-label-inside' : ''}`}
                    style={labelStyle(startMs, widthMs)}
                  >
                    {col.inProgress(data, i) ? 'in progress' : formatMs(data.durationMsOf[i])}
                  </span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
