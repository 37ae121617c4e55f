/**
 * The waterfall of one trace: segments and subsegments in their parent/child tree, collapsible, coloured by
 * status (X-Ray colours), with a time axis, durations, the critical path outlined, and a search that expands and
 * steps through matches. Virtualized: only rows in view are in the DOM. The trace arrives in columns
 * (`TimelineData`, built in the X-Ray worker), and the search runs in the worker, so 100,000-span traces stay
 * fluid.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ancestorsIn, collapsedBelow, rowOf, span as col, visibleRows, type TimelineData } from './timeline-model.ts';
import { useCollapsed, useTraceSearch } from './timeline-hooks.ts';
import { ROW_HEIGHT, TimelineRow } from './TimelineRow.tsx';
import { TimelineToolbar } from './TimelineToolbar.tsx';
import { stepRow, trackPercent } from './timeline-view.ts';
import { axisTicks, formatMs } from './view-model.ts';

export interface TimelineProps {
  data: TimelineData;
  selected: number | null;
  onSelect: (span: number) => void;
  /** Span indexes matching an in-trace search (answered by the worker). */
  search: (query: string) => Promise<Int32Array>;
}

function TimelineAxis({ totalMs }: { totalMs: number }) {
  const ticks = useMemo(() => axisTicks(totalMs), [totalMs]);
  return (
    <div className="xr-tl-axis" aria-hidden="true">
      <div className="xr-tl-name">Name</div>
      <div className="xr-tl-track">
        {ticks.map((t) => (
          <span key={t} className="xr-tick" style={{ left: `${trackPercent(t, totalMs)}%` }}>
            {formatMs(t)}
          </span>
        ))}
      </div>
    </div>
  );
}

export function Timeline({ data, selected, onSelect, search }: TimelineProps) {
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
      <div className="xr-tl-body" ref={scroller} tabIndex={0} onKeyDown={onKey} role="tree" aria-label="Trace timeline">
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
