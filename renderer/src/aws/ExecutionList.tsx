/**
 * The selected machine's executions: status, name and date filters, the list with paging and running durations
 * that tick, ticks for comparing two runs, and below it the comparison, the opened execution's page and its
 * Distributed Map runs.
 */
import { useEffect, useState } from 'react';
import { EXECUTION_STATUSES, type ExecutionStatusFilter, type JsonObject } from '../../../shared/sfn/aws-types.ts';
import { CompareExecutions } from './CompareExecutions.tsx';
import { CopyButton } from './CopyButton.tsx';
import { ExecutionDetails } from './ExecutionDetails.tsx';
import { executionDurationMs } from './executions.ts';
import { arnTail, formatDuration, formatTime } from './model.ts';
import { hasRunning, openedRun, type AwsExecutionOpen } from './store.ts';
import { Badge, SlotStatus, type PanelContext, type T } from './common.tsx';

/**
 * The statuses a machine's list can be filtered by: all but PENDING_REDRIVE, which ListExecutions accepts only with
 * a mapRunArn ("If you provide a stateMachineArn and a PENDING_REDRIVE statusFilter, the API returns a validation
 * exception", ListExecutions API reference).
 */
export const MACHINE_LIST_STATUSES = EXECUTION_STATUSES.filter((s) => s !== 'PENDING_REDRIVE');

/** The clock for running durations: ticks every second while `running` (not while the window is hidden). */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) setNow(Date.now());
    }, 1000);
    return () => clearInterval(id);
  }, [running]);
  return now;
}

/** Status (read on the server), name and start-date filters; Apply reads the list again. */
function ExecutionFilters({ ctx, onOpenDefinition }: { ctx: PanelContext; onOpenDefinition: boolean }) {
  const { state, effects, t } = ctx;
  const { form } = state;
  const edit = effects.dispatch.bind(effects);
  return (
    <>
      <div className="aws-row">
        <select
          value={form.status}
          aria-label={t('aws.allStatuses')}
          onChange={(e) => {
            edit({ type: 'edit', field: 'status', value: e.target.value as '' | ExecutionStatusFilter });
            effects.fetchExecutions();
          }}
        >
          <option value="">{t('aws.allStatuses')}</option>
          {MACHINE_LIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" className="aws-button" onClick={() => effects.fetchExecutions()}>
          {t('aws.refresh')}
        </button>
        {onOpenDefinition ? (
          <button
            type="button"
            className="aws-button"
            onClick={() => effects.openDefinition()}
            disabled={state.loads.definition.state === 'loading'}
          >
            {t('aws.openDefinition')}
          </button>
        ) : null}
      </div>
      <SlotStatus ctx={ctx} slot="definition" cancel={false} />
      {state.selected?.type === 'EXPRESS' ? <p className="aws-note">{t('aws.express')}</p> : null}
      <form
        className="aws-row"
        onSubmit={(e) => {
          e.preventDefault();
          effects.fetchExecutions();
        }}
      >
        <input
          className="aws-grow"
          type="search"
          value={form.nameQuery}
          onChange={(e) => edit({ type: 'edit', field: 'nameQuery', value: e.target.value })}
          placeholder={t('aws.searchExecutions')}
          aria-label={t('aws.searchExecutions')}
        />
        {(['fromInput', 'toInput'] as const).map((field) => {
          const label = t(field === 'fromInput' ? 'aws.startedFrom' : 'aws.startedTo');
          return (
            <label key={field}>
              {label}
              <input
                type="datetime-local"
                value={form[field]}
                onChange={(e) => edit({ type: 'edit', field, value: e.target.value })}
                aria-label={label}
              />
            </label>
          );
        })}
        <button type="submit" className="aws-button">
          {t('aws.apply')}
        </button>
      </form>
    </>
  );
}

/** The rows, then "n listed", Load more, the polling note and "Compare the 2 selected". */
function ExecutionTable({ ctx }: { ctx: PanelContext }) {
  const { state, effects, t } = ctx;
  const { execList, loads, compareArns, openedExec } = state;
  const now = useNow(hasRunning(state));
  if (!execList) return null;
  if (execList.rows.length === 0) return <p className="aws-empty">{t('aws.noExecutions')}</p>;
  return (
    <div className="aws-table-wrap">
      <table className="aws-table aws-exec-list" aria-label={t('aws.executions')} data-testid="aws-executions">
        <thead>
          <tr>
            <th>{t('aws.compare')}</th>
            <th>{t('aws.colStatus')}</th>
            <th>{t('aws.colName')}</th>
            <th>{t('aws.colStarted')}</th>
            <th>{t('aws.colEnded')}</th>
            <th>{t('aws.colDuration')}</th>
          </tr>
        </thead>
        <tbody>
          {execList.rows.map((e) => (
            <tr
              key={e.executionArn}
              className={openedExec === e.executionArn ? 'aws-selected' : ''}
              data-status={e.status}
            >
              <td>
                <input
                  type="checkbox"
                  aria-label={t('aws.compareSelect', { name: e.name })}
                  checked={compareArns.includes(e.executionArn)}
                  onChange={(ev) =>
                    effects.dispatch({ type: 'compare/toggle', arn: e.executionArn, on: ev.target.checked })
                  }
                />
              </td>
              <td>
                <Badge status={e.status} />
                {e.redriveCount ? <span className="aws-note"> {t('aws.redriven', { n: e.redriveCount })}</span> : null}
              </td>
              <td>
                <button
                  type="button"
                  className="aws-link aws-exec-open"
                  title={e.executionArn}
                  disabled={loads.history.state === 'loading'}
                  onClick={() => effects.openExecution(e)}
                >
                  {e.name}
                </button>
              </td>
              <td className="aws-time">{formatTime(e.startDate)}</td>
              <td className="aws-time">{formatTime(e.stopDate)}</td>
              <td className="aws-time" data-testid={e.status === 'RUNNING' ? 'aws-running-duration' : undefined}>
                {formatDuration(executionDurationMs(e, now))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="aws-row">
        <span className="aws-note">
          {execList.nextToken
            ? t('aws.listed', { n: execList.rows.length })
            : t('aws.allListed', { n: execList.rows.length })}
        </span>
        {execList.nextToken ? (
          <button
            type="button"
            className="aws-button"
            onClick={() => effects.fetchMore()}
            disabled={loads.moreExecutions.state === 'loading'}
          >
            {t('aws.loadMore')}
          </button>
        ) : null}
        {state.pollMs ? (
          <span className="aws-note">{t('aws.polling', { s: Math.round(state.pollMs / 1000) })}</span>
        ) : null}
        <span className="aws-spacer" />
        <button
          type="button"
          className="aws-button"
          disabled={compareArns.length !== 2 || loads.comparison.state === 'loading'}
          onClick={() => effects.compare()}
        >
          {t('aws.compareTwo')}
        </button>
      </div>
      <SlotStatus ctx={ctx} slot="moreExecutions" />
    </div>
  );
}

/** Distributed Map runs of the opened execution: status and item counts per run. */
function MapRuns({ runs, t }: { runs: JsonObject[]; t: T }) {
  return (
    <div className="aws-summary" data-testid="aws-map-runs">
      <strong>{t('aws.mapRuns')}</strong>
      <ul className="aws-plain">
        {runs.map((r) => {
          const arn = String(r.mapRunArn ?? '');
          const c = (r.itemCounts ?? {}) as Record<string, number>;
          const status = String(r.status ?? 'UNKNOWN');
          const counts =
            typeof c.total === 'number'
              ? t('aws.mapRunCounts', { succeeded: c.succeeded ?? 0, total: c.total }) +
                (c.failed ? t('aws.mapRunFailed', { n: c.failed }) : '') +
                (c.timedOut ? t('aws.mapRunTimedOut', { n: c.timedOut }) : '') +
                (c.aborted ? t('aws.mapRunAborted', { n: c.aborted }) : '') +
                (c.running ? t('aws.mapRunRunning', { n: c.running }) : '')
              : '';
          return (
            <li key={arn} title={arn}>
              <Badge status={status} /> {arnTail(arn)} {counts}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export interface ExecutionListProps {
  ctx: PanelContext;
  onOpenDefinition: boolean;
  onOpenExecution?: (run: AwsExecutionOpen) => void;
  /** Opens traces by id in the X-Ray view (absent: no trace buttons). */
  onOpenTrace?: (traceId: string) => void;
}

/** Everything under "Executions" for the selected machine. */
export function ExecutionList({ ctx, onOpenDefinition, onOpenExecution, onOpenTrace }: ExecutionListProps) {
  const { state, effects, t, lang } = ctx;
  const { selected, loads, openedExec } = state;
  const heading = (
    <h3 className="aws-subtitle">{selected ? t('aws.executionsOf', { name: selected.name }) : t('aws.executions')}</h3>
  );
  if (!selected)
    return (
      <>
        {heading}
        <p className="aws-empty">{t('aws.selectMachine')}</p>
      </>
    );
  const run = openedRun(state);
  return (
    <>
      {heading}
      <div className="aws-row aws-machine-arn">
        <span className="aws-note">{t('aws.machineArn')}</span>
        <span className="aws-mono aws-grow">{selected.stateMachineArn}</span>
        <CopyButton text={selected.stateMachineArn} what={t('aws.machineArn')} t={t} testId="aws-copy-machine-arn" />
      </div>
      <ExecutionFilters ctx={ctx} onOpenDefinition={onOpenDefinition} />
      <SlotStatus ctx={ctx} slot="executions" />
      <ExecutionTable ctx={ctx} />
      <SlotStatus ctx={ctx} slot="comparison" />
      {loads.comparison.state === 'done' ? (
        <CompareExecutions
          a={loads.comparison.data[0]}
          b={loads.comparison.data[1]}
          lang={lang}
          onClose={() => effects.reset('comparison')}
        />
      ) : null}
      <SlotStatus ctx={ctx} slot="history" />
      {loads.history.state === 'done' && openedExec ? (
        <ExecutionDetails
          key={openedExec}
          history={loads.history.data}
          lang={lang}
          {...(onOpenExecution && run ? { onShowOnGraph: () => onOpenExecution(run) } : {})}
          {...(onOpenTrace ? { onOpenTrace } : {})}
        />
      ) : null}
      <SlotStatus ctx={ctx} slot="mapRuns" cancel={false} />
      {loads.mapRuns.state === 'done' && loads.mapRuns.data.length ? <MapRuns runs={loads.mapRuns.data} t={t} /> : null}
    </>
  );
}
