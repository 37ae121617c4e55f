/**
 * The response-time distribution over the trace list, as the X-Ray console's analytics show it: drag across the
 * bars (or click one) to keep the traces in that range; the range becomes a `responsetime` filter expression, so
 * the list, the map and the tab count follow it like any other filter.
 */
import { useState } from 'react';
import { HistogramAxis } from './Histogram.tsx';
import { formatMs, responseTimeBins, type TraceRow } from './view-model.ts';
import { useT } from '../i18n/index.ts';

export interface ResponseTimeHistogramProps {
  rows: readonly TraceRow[];
  onRange: (fromMs: number, toMs: number) => void;
}

const W = 360;
const H = 54;

export function ResponseTimeHistogram({ rows, onRange }: ResponseTimeHistogramProps) {
  const t = useT();
  const bins = responseTimeBins(rows);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  if (bins.length === 0) return null;
  const max = Math.max(...bins.map((b) => b.count));
  const bw = W / bins.length;
  const lo = drag ? Math.min(drag.from, drag.to) : -1;
  const hi = drag ? Math.max(drag.from, drag.to) : -1;
  const finish = () => {
    if (drag) onRange(bins[lo].fromMs, bins[hi].toMs);
    setDrag(null);
  };
  return (
    <figure className="xr-list-histogram" data-testid="xray-list-histogram">
      <figcaption className="xr-dim">{t('xray.rt.caption')}</figcaption>
      <svg
        width={W}
        height={H + 14}
        role="img"
        aria-label={t('xray.rt.aria', { count: rows.length })}
        onPointerLeave={() => setDrag(null)}
        onPointerUp={finish}
      >
        {bins.map((b, i) => {
          const bh = b.count === 0 ? 0 : Math.max(2, (b.count / max) * H);
          return (
            <g
              key={i}
              data-testid="xray-list-histogram-bar"
              data-count={b.count}
              onPointerDown={(e) => {
                e.preventDefault();
                setDrag({ from: i, to: i });
              }}
              onPointerEnter={() => drag && setDrag({ ...drag, to: i })}
            >
              <rect
                x={i * bw}
                y={0}
                width={bw}
                height={H}
                className={i >= lo && i <= hi ? 'xr-hbar-range' : 'xr-hbar-hit'}
              />
              <rect
                x={i * bw + 1}
                y={H - bh}
                width={Math.max(1, bw - 2)}
                height={bh}
                className="xr-hbar"
                pointerEvents="none"
              >
                <title>
                  {formatMs(b.fromMs)} – {formatMs(b.toMs)}: {b.count}
                </title>
              </rect>
            </g>
          );
        })}
        <HistogramAxis y={H + 12} width={W} fromMs={bins[0].fromMs} toMs={bins[bins.length - 1].toMs} />
      </svg>
    </figure>
  );
}
