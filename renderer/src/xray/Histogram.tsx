/** A response-time histogram (duration → share of requests) drawn as SVG bars from X-Ray's sparse pairs. */
import { binHistogram } from '../../../shared/xray/service-map.ts';
import type { HistogramEntry } from '../../../shared/xray/types.ts';
import { formatMs } from './view-model.ts';
import { useT } from '../i18n/index.ts';

/** The first and last response time under a histogram's bars (both histograms of the X-Ray views use it). */
export function HistogramAxis({ y, width, fromMs, toMs }: { y: number; width: number; fromMs: number; toMs: number }) {
  return (
    <>
      <text x={0} y={y} fontSize="10" fill="currentColor">
        {formatMs(fromMs)}
      </text>
      <text x={width} y={y} fontSize="10" fill="currentColor" textAnchor="end">
        {formatMs(toMs)}
      </text>
    </>
  );
}

export function Histogram({ entries, title }: { entries: readonly HistogramEntry[]; title: string }) {
  const t = useT();
  const bins = binHistogram(entries, 24);
  const total = bins.reduce((s, b) => s + b.count, 0);
  if (total === 0) return <p className="xr-dim">{t('xray.hist.none')}</p>;
  const max = Math.max(...bins.map((b) => b.count));
  const w = 320;
  const h = 110;
  const bw = w / bins.length;
  return (
    <figure className="xr-histogram" data-testid="xray-histogram">
      <figcaption>{title}</figcaption>
      <svg width={w} height={h + 18} role="img" aria-label={t('xray.hist.requests', { title, count: total })}>
        {bins.map((b, i) => {
          const bh = (b.count / max) * h;
          return (
            <rect key={i} x={i * bw + 1} y={h - bh} width={Math.max(1, bw - 2)} height={bh} className="xr-hbar">
              <title>
                {formatMs(b.fromMs)} – {formatMs(b.toMs)}: {b.count} ({((b.count / total) * 100).toFixed(1)} %)
              </title>
            </rect>
          );
        })}
        <HistogramAxis y={h + 14} width={w} fromMs={bins[0].fromMs} toMs={bins[bins.length - 1].toMs} />
      </svg>
    </figure>
  );
}
