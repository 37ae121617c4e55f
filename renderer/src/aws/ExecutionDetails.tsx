/**
 * One execution, as the Step Functions console's execution page shows it: a header (name, ARN, status, times,
 * redrives, trace, input and output) with the error and cause in a banner, then three views of the same history:
 * the table of states (sortable), the raw events (filterable, each expandable to its JSON) and a timeline of state
 * runs (ExecutionViews.tsx). The selected state's input, output, parameters, error and cause are shown with a Copy
 * button each (StateDetails.tsx); ids, ARNs and JSON in the header have one too.
 */
import { useState } from 'react';
import type { AwsExecutionHistory } from '../../../shared/sfn/aws-types.ts';
import { translate, type Lang } from '../i18n/index.ts';
import type { T } from './common.tsx';
import { CopyButton } from './CopyButton.tsx';
import { logGroupsOf, runStatusOf, traceIdOf } from './executions.ts';
import { EventsView, StatesTable, TimelineView, type EventFilter, type StateSort } from './ExecutionViews.tsx';
import { formatDuration, formatTime } from './model.ts';
import { CopyField, StateDetails, pretty } from './StateDetails.tsx';

type View = 'states' | 'events' | 'timeline';

interface HeaderProps {
  history: AwsExecutionHistory;
  t: T;
  onShowOnGraph?: () => void;
  onOpenTrace?: (traceId: string) => void;
}

/** The execution's facts: ARN, times, trace, log groups, redrives. */
function Facts({ history, t, onOpenTrace }: Omit<HeaderProps, 'onShowOnGraph'>) {
  const ex = history.execution;
  const arn = String(ex.executionArn ?? '');
  const traceId = traceIdOf(ex.traceHeader);
  const logGroups = logGroupsOf(history.definition?.loggingConfiguration);
  const redriveCount = typeof ex.redriveCount === 'number' ? ex.redriveCount : history.report.redrives.length;
  return (
    <dl className="aws-exec-facts">
      <dt>{t('aws.exec.arn')}</dt>
      <dd>
        <span className="aws-mono">{arn}</span>{' '}
        {arn ? <CopyButton text={arn} what={t('aws.exec.arn')} t={t} testId="aws-copy-exec-arn" /> : null}
      </dd>
      <dt>{t('aws.exec.started')}</dt>
      <dd>{formatTime(typeof ex.startDate === 'string' ? ex.startDate : undefined)}</dd>
      <dt>{t('aws.exec.ended')}</dt>
      <dd>{formatTime(typeof ex.stopDate === 'string' ? ex.stopDate : undefined)}</dd>
      <dt>{t('aws.exec.duration')}</dt>
      <dd>{formatDuration(history.report.durationMs)}</dd>
      {traceId ? (
        <>
          <dt>{t('aws.exec.trace')}</dt>
          <dd>
            <span className="aws-mono">{traceId}</span>{' '}
            <CopyButton text={traceId} what={t('aws.exec.traceId')} t={t} testId="aws-copy-trace-id" />{' '}
            {onOpenTrace ? (
              <button type="button" className="aws-button aws-small" onClick={() => onOpenTrace(traceId)}>
                {t('aws.exec.openTrace')}
              </button>
            ) : null}
          </dd>
        </>
      ) : null}
      {logGroups.map((g) => (
        <span key={g} style={{ display: 'contents' }}>
          <dt>{t('aws.exec.logGroup')}</dt>
          <dd className="aws-mono">{g}</dd>
        </span>
      ))}
      {redriveCount ? (
        <>
          <dt>↻</dt>
          <dd>{t('aws.exec.redrive', { n: redriveCount, status: String(ex.redriveStatus ?? '–') })}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Name, status, Show on graph, the facts, the error banner, and the execution's input and output. */
function ExecutionHeader({ history, t, onShowOnGraph, onOpenTrace }: HeaderProps) {
  const ex = history.execution;
  const report = history.report;
  const status = String(ex.status ?? report.status.toUpperCase());
  const error = typeof ex.error === 'string' ? ex.error : report.error;
  const cause = typeof ex.cause === 'string' ? ex.cause : report.cause;
  const input = ex.input ?? report.input;
  const output = ex.output ?? report.output;
  return (
    <header className="aws-exec-header">
      <div className="aws-row">
        <strong className="aws-exec-name">{String(ex.name ?? '')}</strong>
        <span className={`aws-badge is-${runStatusOf(status)}`} data-testid="aws-exec-status">
          {status}
        </span>
        <span className="aws-spacer" />
        {onShowOnGraph ? (
          <button type="button" className="aws-button" onClick={onShowOnGraph}>
            {t('aws.exec.showOnGraph')}
          </button>
        ) : null}
      </div>
      <Facts history={history} t={t} {...(onOpenTrace ? { onOpenTrace } : {})} />
      {error !== undefined || cause !== undefined ? (
        <div className="aws-banner" role="alert" data-testid="aws-exec-error">
          {error !== undefined ? (
            <div>
              <strong>{t('exec.error')}:</strong> <span className="aws-mono">{error}</span>
            </div>
          ) : null}
          {cause !== undefined ? (
            <div>
              <strong>{t('exec.cause')}:</strong>{' '}
              <span className="aws-cause">{cause.length > 2000 ? `${cause.slice(0, 2000)}…` : cause}</span>
            </div>
          ) : null}
        </div>
      ) : null}
      {input !== undefined || output !== undefined ? (
        <details className="aws-exec-io">
          <summary>
            {[input !== undefined ? t('aws.exec.input') : '', output !== undefined ? t('aws.exec.output') : '']
              .filter(Boolean)
              .join(' · ')}
          </summary>
          {input !== undefined ? (
            <CopyField label={t('aws.exec.input')} value={pretty(input)} t={t} testId="aws-exec-input" />
          ) : null}
          {output !== undefined ? (
            <CopyField label={t('aws.exec.output')} value={pretty(output)} t={t} testId="aws-exec-output" />
          ) : null}
        </details>
      ) : null}
    </header>
  );
}

/** The execution page. `onShowOnGraph` draws it on the machine (hidden without it). */
export function ExecutionDetails({
  history,
  lang,
  onShowOnGraph,
  onOpenTrace,
}: {
  history: AwsExecutionHistory;
  lang: Lang;
  onShowOnGraph?: () => void;
  /** Opens the execution's X-Ray trace in our X-Ray view (hidden without it, or when tracing was off). */
  onOpenTrace?: (traceId: string) => void;
}) {
  const t: T = (k, vars) => translate(lang, k, vars);
  const [view, setView] = useState<View>('states');
  const [sort, setSort] = useState<StateSort>({ key: 'startedMs', desc: false });
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState<EventFilter>({ query: '', type: '' });
  const views = { t, lang, selected, onSelect: setSelected };

  return (
    <section
      className="aws-exec-page"
      data-testid="aws-execution-page"
      aria-label={String(history.execution.name ?? '')}
    >
      <ExecutionHeader
        history={history}
        t={t}
        {...(onShowOnGraph ? { onShowOnGraph } : {})}
        {...(onOpenTrace ? { onOpenTrace } : {})}
      />
      <div className="aws-tabs" role="tablist">
        {(['states', 'events', 'timeline'] as const).map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            className={`aws-tab${view === v ? ' aws-active' : ''}`}
            onClick={() => setView(v)}
          >
            {t(`aws.exec.${v}`)}
          </button>
        ))}
      </div>
      {view === 'states' ? <StatesTable report={history.report} sort={sort} setSort={setSort} {...views} /> : null}
      {view === 'events' ? <EventsView history={history} t={t} filter={filter} setFilter={setFilter} /> : null}
      {view === 'timeline' ? <TimelineView report={history.report} {...views} /> : null}
      {selected ? (
        <StateDetails name={selected} history={history} lang={lang} t={t} />
      ) : (
        <p className="aws-note">{t('aws.exec.pickState')}</p>
      )}
    </section>
  );
}
