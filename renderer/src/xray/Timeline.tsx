/**
 * The waterfall of one trace: segments and subsegments in their parent/child tree, collapsible, coloured by
 * status (X-Ray colours), with a time axis, durations, the critical path outlined, and a search that expands and
 * steps through matches. Virtualized: only rows in view are in the DOM. The trace arrives in columns
 * (`TimelineData`, built in the X-Ray worker), and the search runs in the worker, so 100,000-span traces stay
 * fluid.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ancestorsIn, collapsedBelow, rowOf, span as col, visibleRows, type TimelineData } from './timeline-model.ts';
import { useCollapsed, useTraceSearch } from './timeline-hooks.ts';
import { ROW_HEIGHT, TimelineRow } from './TimelineRow.tsx';
import { TimelineToolbar } from './TimelineToolbar.tsx';
import { fittingTicks, stepRow, trackPercent } from './timeline-view.ts';
import { formatMs } from './view-model.ts';
import { useT } from '../i18n/index.ts';

export interface TimelineProps {
  data: TimelineData;
  selected: number | null;
  onSelect: (span: number) => void;
  /** Span indexes matching an in-trace search (answered by the worker). */
  search: (query: string) => Promise<Int32Array>;
}

/** Pixels a tick label needs (the longest formatMs text at the axis's 11 px, plus a gap). */
const TICK_LABEL_PX = 72;

/**
 * The time axis over the bars. Its ticks are thinned to the track's measured width so labels never pile up on
 * a narrow screen; the first label starts at the track's left edge and one near the right end ends there.
 */
function TimelineAxis({ totalMs }: { totalMs: number }) {
  const t = useT();
  const track = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useLayoutEffect(() => {
    const el = track.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const ticks = useMemo(() => fittingTicks(totalMs, width, TICK_LABEL_PX), [totalMs, width]);
  return (
    <div className="xr-tl-axis" aria-hidden="true" data-testid="xray-timeline-axis">
      <div className="xr-tl-name">{t('xray.tl.name')}</div>
      <div className="xr-tl-track" ref={track}>
        {ticks.map((ms) => {
          const at = trackPercent(ms, totalMs);
          const shift = at === 0 ? '0' : at > 90 ? '-100%' : '-50%';
          return (
            <span key={ms} className="xr-tick" style={{ left: `${at}%`, transform: `translateX(${shift})` }}>
              {formatMs(ms)}
            </span>
          );
        })}
      </div>
    </div>
  );
}

export function Timeline({ data, selected, onSelect, search }: TimelineProps) {
  const t = useT();
  const { collapsed, setCollapsed, rows, toggle } = useCollapsed(data);
  const { query, setQuery, matches, matchSet, matchAt, setMatchAt } = useTraceSearch(data, search);
  const [showCritical, setShowCritical] = useState(true);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    initialRect: { width: 900, height: 400 },
  });

  const reveal = (spanIndex: number) => {
    let changed = false;
    const next = new Set(collapsed);
    for (const a of ancestorsIn(data, spanIndex)) if (next.delete(a)) changed = true;
    if (changed) setCollapsed(next);
    onSelect(spanIndex);
    const at = rowOf(changed ? visibleRows(data, next) : rows, spanIndex);
    if (at >= 0) requestAnimationFrame(() => virtualizer.scrollToIndex(at, { align: 'center' }));
  };

  const step = (delta: number) => {
    if (matches.length === 0) return;
    const next = (matchAt + delta + matches.length) % matches.length;
    setMatchAt(next);
    reveal(matches[next]);
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const n = stepRow(selected === null ? -1 : rowOf(rows, selected), rows.length, e.key === 'ArrowDown');
      onSelect(rows[n]);
      virtualizer.scrollToIndex(n);
    } else if (
      (e.key === 'ArrowLeft' || e.key === 'ArrowRight') &&
      selected !== null &&
      data.childCount[selected] > 0
    ) {
      if ((e.key === 'ArrowLeft') !== collapsed.has(selected)) toggle(selected);
    } else return;
    e.preventDefault();
  };
  // Rows are memoized: hand them callbacks that keep their identity.
  const toggleRef = useRef(toggle);
  toggleRef.current = toggle;
  const onToggle = useCallback((i: number) => toggleRef.current(i), []);

  return (
    <div className="xr-timeline" data-testid="xray-timeline">
      <TimelineToolbar
        query={query}
        onQuery={setQuery}
        matchCount={matches.length}
        matchAt={matchAt}
        onStep={step}
        onExpandAll={() => setCollapsed(new Set())}
        onCollapseAll={() => setCollapsed(collapsedBelow(data, 1))}
        showCritical={showCritical}
        onShowCritical={setShowCritical}
        shownRows={rows.length}
        spanCount={data.spanCount}
        durationMs={data.durationMs}
      />
      <TimelineAxis totalMs={Math.max(data.durationMs, 0.001)} />
      <div
        className="xr-tl-body"
        ref={scroller}
        tabIndex={0}
        onKeyDown={onKey}
        role="tree"
        aria-label={t('xray.tl.aria')}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const i = rows[v.index];
            return (
              <TimelineRow
                key={i}
                data={data}
                i={i}
                top={v.start}
                selected={i === selected}
                match={matchSet.has(i)}
                critical={showCritical && col.critical(data, i)}
                collapsed={collapsed.has(i)}
                onSelect={onSelect}
                onToggle={onToggle}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
