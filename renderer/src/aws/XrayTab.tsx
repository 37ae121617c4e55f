/**
 * The X-Ray tab: a time range, a group and a filter expression; Load reads the service graph and the trace
 * summaries, which open in the X-Ray view (the map, or up to 25 full traces at once, or one trace).
 */
import type { JsonObject, ServiceGraph, TraceBatch } from '../../../shared/sfn/aws-types.ts';
import { ErrorBox, Badge, SlotStatus, type PanelContext, type T } from './common.tsx';
import { MAX_ROWS } from './MachineList.tsx';
import { RANGES, formatDuration, rangeLabel, windowCount } from './model.ts';
import type { XrayResult } from './store.ts';

export interface XrayTabProps {
  ctx: PanelContext;
  onOpenServiceGraph?: (graph: ServiceGraph, info: { startMs: number; endMs: number; group?: string }) => void;
  onOpenTraces?: (batch: TraceBatch) => void;
}

/** Range and group pickers, the filter expression and Load. */
function XrayQuery({ ctx }: { ctx: PanelContext }) {
  const { state, effects, t, lang } = ctx;
  const { form, loads } = state;
  const edit = effects.dispatch.bind(effects);
  const groups = (loads.groups.state === 'done' ? loads.groups.data : [])
    .map((g: JsonObject) => String(g.GroupName ?? ''))
    .filter((n) => n && n !== 'Default');
  return (
    <>
      <div className="aws-row">
        <label>
          {t('aws.range')}
          <select
            value={form.rangeId}
            onChange={(e) => edit({ type: 'edit', field: 'rangeId', value: e.target.value })}
            aria-label={t('aws.range')}
          >
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {rangeLabel(r.id, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('aws.group')}
          <select
            value={form.group}
            onChange={(e) => edit({ type: 'edit', field: 'group', value: e.target.value })}
            aria-label={t('aws.group')}
          >
            <option value="">Default</option>
            {groups.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox load={loads.groups} onRetry={() => effects.retry('groups')} t={t} lang={lang} />
      <div className="aws-row">
        <input
          className="aws-grow"
          value={form.filter}
          onChange={(e) => edit({ type: 'edit', field: 'filter', value: e.target.value })}
          placeholder={t('aws.filterHint')}
          aria-label={t('aws.filter')}
          spellCheck={false}
        />
        <button
          type="button"
          className="aws-button aws-primary"
          onClick={() => effects.loadXray()}
          disabled={loads.xray.state === 'loading'}
        >
          {t('aws.load')}
        </button>
      </div>
      {windowCount(form.rangeId) > 1 ? (
        <p className="aws-note">{t('aws.windows', { n: windowCount(form.rangeId) })}</p>
      ) : null}
    </>
  );
}

/** One row per trace summary: HTTP status (or fault / error / ok), method and URL, and duration. */
function TraceList({ ctx, data, canOpen }: { ctx: PanelContext; data: XrayResult; canOpen: boolean }) {
  const { state, effects, t } = ctx;
  const summaries = data.summaries.TraceSummaries;
  if (summaries.length === 0) return <p className="aws-empty">{t('aws.noTraces')}</p>;
  return (
    <ul className="aws-list" aria-label={t('aws.tab.xray')}>
      {summaries.slice(0, MAX_ROWS).map((s) => {
        const http = (s.Http ?? {}) as { HttpStatus?: number; HttpURL?: string; HttpMethod?: string };
        const tone = s.HasFault ? 'FAILED' : s.HasError || s.HasThrottle ? 'caught' : 'SUCCEEDED';
        const word = s.HasFault ? t('aws.trace.fault') : s.HasError ? t('aws.trace.error') : t('aws.trace.ok');
        return (
          <li key={String(s.Id)}>
            <button
              type="button"
              className="aws-item"
              title={String(s.Id)}
              disabled={!canOpen || state.loads.traces.state === 'loading'}
              onClick={() => effects.openTraces([String(s.Id)])}
            >
              <Badge status={tone}>{String(http.HttpStatus ?? word)}</Badge>
              <span className="aws-name">{`${http.HttpMethod ?? ''} ${http.HttpURL ?? String(s.Id)}`.trim()}</span>
              <span className="aws-time">
                {typeof s.Duration === 'number' ? formatDuration(s.Duration * 1000) : '–'}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function count(t: T, n: number, one: Parameters<T>[0], many: Parameters<T>[0], vars: Record<string, number> = {}) {
  return n === 1 ? t(one, vars) : t(many, { n, ...vars });
}

export function XrayTab({ ctx, onOpenServiceGraph, onOpenTraces }: XrayTabProps) {
  const { state, effects, t } = ctx;
  const xray = state.loads.xray;
  const data = xray.state === 'done' ? xray.data : undefined;
  const summaries = data?.summaries.TraceSummaries ?? [];
  return (
    <div className="aws-body" role="tabpanel">
      <XrayQuery ctx={ctx} />
      <SlotStatus ctx={ctx} slot="xray" />
      {data ? (
        <>
          <div className="aws-row">
            <span>{count(t, data.graph.Services.length, 'aws.serviceOne', 'aws.services')}</span>
            {onOpenServiceGraph && data.graph.Services.length ? (
              <button
                type="button"
                className="aws-button"
                onClick={() =>
                  onOpenServiceGraph(data.graph, {
                    startMs: data.startMs,
                    endMs: data.endMs,
                    ...(data.group ? { group: data.group } : {}),
                  })
                }
              >
                {t('aws.openMap')}
              </button>
            ) : null}
          </div>
          <div className="aws-row">
            <span>
              {count(t, summaries.length, 'aws.traceOne', 'aws.traces', {
                processed: data.summaries.TracesProcessedCount,
              })}
            </span>
            {onOpenTraces && summaries.length ? (
              <button
                type="button"
                className="aws-button"
                disabled={state.loads.traces.state === 'loading'}
                onClick={() => effects.openTraces(summaries.slice(0, 25).map((s) => String(s.Id)))}
              >
                {count(t, Math.min(25, summaries.length), 'aws.openTraceOne', 'aws.openTraces')}
              </button>
            ) : null}
          </div>
          <SlotStatus ctx={ctx} slot="traces" cancel={false} />
          <TraceList ctx={ctx} data={data} canOpen={Boolean(onOpenTraces)} />
        </>
      ) : null}
    </div>
  );
}
