/**
 * The right pane of the Traces view: the opened trace's head (id, duration, spans, documents) with its
 * Timeline / Trace map switch, then the waterfall with the selected span's details, or the trace's own map; or,
 * with no trace open, why not (loading, failed, summary only, no match, invalid filter).
 */
import type { ServiceMap, Trace } from '../../../shared/xray/types.ts';
import { ServiceMapView, type MapSelection } from './ServiceMapView.tsx';
import { SpanDetails } from './SpanDetails.tsx';
import { Timeline } from './Timeline.tsx';
import { TabButton } from './TabButton.tsx';
import type { TimelineData } from './timeline-model.ts';
import { formatMs } from './view-model.ts';
import type { Loaded } from './workspace-hooks.ts';
import type { EmptyPane } from './workspace-model.ts';
import { useT } from '../i18n/index.ts';

export interface TracePaneProps {
  data: TimelineData | null;
  timeline: Loaded<TimelineData> | null;
  /** The selected list row is a summary only (no segments loaded). */
  summaryOnly: boolean;
  /** The filter's problem, when it has one (the list is empty then). */
  failed: string | null;
  empty: EmptyPane;
  traceView: 'timeline' | 'map';
  onTraceView: (view: 'timeline' | 'map') => void;
  span: number | null;
  details: Loaded<Trace> | null;
  onSelectSpan: (i: number) => void;
  onCloseSpan: () => void;
  search: (query: string) => Promise<Int32Array>;
  shownMap: Loaded<ServiceMap> | null;
  traceMapSel: MapSelection;
  onTraceMapSel: (sel: MapSelection) => void;
}

function TraceHead({
  data,
  traceView,
  onTraceView,
}: Pick<TracePaneProps, 'traceView' | 'onTraceView'> & { data: TimelineData }) {
  const t = useT();
  return (
    <div className="xr-trace-head" data-testid="xray-trace-head">
      <span className="xr-mono" translate="no">
        {data.id}
      </span>
      <span className="xr-dim">
        {t('xray.trace.summary', {
          duration: formatMs(data.durationMs),
          spans: data.recordedSpans,
          documents: data.segments,
        })}
        {data.limitExceeded ? t('xray.trace.limitExceeded') : ''}
      </span>
      <span className="xr-trace-views" role="tablist" aria-label={t('xray.trace.views')}>
        <TabButton
          look="xr-button"
          selected={traceView === 'timeline'}
          testId="xray-trace-view-timeline"
          onSelect={() => onTraceView('timeline')}
        >
          {t('xray.trace.timeline')}
        </TabButton>
        <TabButton
          look="xr-button"
          selected={traceView === 'map'}
          testId="xray-trace-view-map"
          onSelect={() => onTraceView('map')}
        >
          {t('xray.trace.map')}
        </TabButton>
      </span>
    </div>
  );
}

function TraceMap({
  shownMap,
  traceMapSel,
  onTraceMapSel,
}: Pick<TracePaneProps, 'shownMap' | 'traceMapSel' | 'onTraceMapSel'>) {
  const t = useT();
  let shown;
  if (shownMap?.state === 'ready')
    shown = (
      <ServiceMapView map={shownMap.value} selection={traceMapSel} onSelect={onTraceMapSel} testId="xray-trace-map" />
    );
  else if (shownMap?.state === 'failed')
    shown = (
      <div className="xr-empty xr-diag-error" role="alert">
        {shownMap.message}
      </div>
    );
  else
    shown = (
      <div className="xr-empty" role="status">
        {t('xray.trace.drawingMap')}
      </div>
    );
  return <div className="xr-trace-map">{shown}</div>;
}

function EmptyTracePane({
  timeline,
  summaryOnly,
  failed,
  empty,
}: Pick<TracePaneProps, 'timeline' | 'summaryOnly' | 'failed' | 'empty'>) {
  const t = useT();
  if (timeline?.state === 'loading')
    return (
      <div className="xr-empty" data-testid="xray-trace-loading" role="status">
        {t('xray.trace.loading')}
      </div>
    );
  if (timeline?.state === 'failed')
    return (
      <div className="xr-empty xr-diag-error" role="alert" data-testid="xray-trace-error">
        {t('xray.trace.failed', { message: timeline.message })}
      </div>
    );
  if (summaryOnly) return <div className="xr-empty">{t('xray.trace.summaryOnly')}</div>;
  return (
    <div className="xr-empty" data-testid="xray-list-empty">
      {empty === 'invalid' ? t('xray.empty.invalid', { problem: failed ?? '' }) : t(EMPTY[empty])}
    </div>
  );
}

const EMPTY = {
  select: 'xray.empty.select',
  'no-match': 'xray.empty.noMatch',
  'no-traces': 'xray.empty.noTraces',
} as const;

export function TracePane(p: TracePaneProps) {
  const { data, span, details } = p;
  if (!data || p.failed)
    return (
      <div className="xr-trace-pane">
        <EmptyTracePane timeline={p.timeline} summaryOnly={p.summaryOnly} failed={p.failed} empty={p.empty} />
      </div>
    );
  return (
    <div className="xr-trace-pane">
      <TraceHead data={data} traceView={p.traceView} onTraceView={p.onTraceView} />
      {p.traceView === 'map' ? (
        <TraceMap shownMap={p.shownMap} traceMapSel={p.traceMapSel} onTraceMapSel={p.onTraceMapSel} />
      ) : (
        <div className="xr-trace-split">
          <Timeline key={data.id} data={data} selected={span} onSelect={p.onSelectSpan} search={p.search} />
          {span !== null && details?.state === 'ready' && details.value.id === data.id && (
            <SpanDetails key={`${data.id}:${span}`} trace={details.value} span={0} onClose={p.onCloseSpan} />
          )}
          {span !== null && details?.state === 'failed' && (
            <div className="xr-empty xr-diag-error" role="alert" data-testid="xray-span-error">
              {details.message}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
