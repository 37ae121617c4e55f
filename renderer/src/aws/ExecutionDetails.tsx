/**
 * One execution, as the Step Functions console's execution page shows it: a header (name, ARN, status, times,
 * redrives) with the error and cause in a banner, then three views of the same history: the table of states
 * (sortable), the raw events (filterable, each expandable to its JSON) and a timeline of state runs. The
 * selected state's input, output, parameters, error and cause are shown with a Copy button each.
 */
import { useMemo, useState } from 'react';
import type { AwsExecutionHistory, HistoryEvent } from '../../../shared/sfn/aws-types.ts';
import type { StateRun } from '../../../shared/sfn/history.ts';
import { translate, type Lang, type MessageKey } from '../i18n/index.ts';
import {
  eventDetails,
  eventSummary,
  filterEvents,
  lambdaOf,
  logGroupsOf,
  runStatusOf,
  traceIdOf,
  sortRows,
  stateRows,
  timelineBars,
  type StateSortKey,
} from './executions.ts';
import { formatDuration, formatTime, runStatusLabel } from './model.ts';

const MAX_EVENT_ROWS = 1000;

function pretty(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

function CopyButton({ text, lang }: { text: string; lang: Lang }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="aws-button aws-small"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => setDone(true),
          () => setDone(false),
        );
      }}
    >
      {translate(lang, done ? 'aws.exec.copied' : 'aws.exec.copy')}
    </button>
  );
}

/** A labelled block (input, output, error…) with its Copy button. */
function CopyField({
  label,
  value,
  lang,
  testId,
  tone,
}: {
  label: string;
  value: string;
  lang: Lang;
  testId: string;
  tone?: 'bad';
}) {
  return (
    <section className="aws-field" data-testid={testId}>
      <div className="aws-field-head">
        <strong>{label}</strong>
        <CopyButton text={value} lang={lang} />
      </div>
      <pre className={`aws-json${tone ? ' aws-tone-bad' : ''}`}>
        {value.length > 50_000 ? `${value.slice(0, 50_000)}\n…` : value}
      </pre>
    </section>
  );
}

/** The parameters the task was called with (after InputPath/Parameters/Arguments), from its scheduled event. */
function parametersOf(run: StateRun, events: HistoryEvent[]): unknown {
  if (run.enteredEventId === undefined) return undefined;
  const last = run.exitedEventId ?? Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.id <= run.enteredEventId || e.id > last) continue;
    const d = eventDetails(e);
    if (d && d.parameters !== undefined && /Scheduled$/.test(e.type)) return d.parameters;
  }
  return undefined;
}

function StateDetails({ name, history, lang }: { name: string; history: AwsExecutionHistory; lang: Lang }) {
  const runs = history.report.runs.filter((r) => r.name === name);
  const run = runs[runs.length - 1];
  if (!run) return null;
  const t = (k: MessageKey) => translate(lang, k);
  const params = parametersOf(run, history.events);
  const lambda = lambdaOf(params);
  return (
    <div className="aws-state-details" data-testid="aws-state-details">
      <h4 className="aws-subtitle">
        {name} <span className={`aws-badge is-${run.status}`}>{runStatusLabel(run.status, lang)}</span>{' '}
        {runs.length > 1 ? `(${runs.length})` : ''}
      </h4>
      {lambda ? <CopyField label={t('aws.exec.lambda')} value={lambda} lang={lang} testId="aws-state-lambda" /> : null}
      {run.input !== undefined ? (
        <CopyField label={t('exec.input')} value={pretty(run.input)} lang={lang} testId="aws-state-input" />
      ) : null}
      {params !== undefined ? (
        <CopyField label={t('aws.exec.parameters')} value={pretty(params)} lang={lang} testId="aws-state-parameters" />
      ) : null}
      {run.output !== undefined ? (
        <CopyField label={t('exec.output')} value={pretty(run.output)} lang={lang} testId="aws-state-output" />
      ) : null}
      {run.error !== undefined ? (
        <CopyField label={t('exec.error')} value={run.error} lang={lang} testId="aws-state-error" tone="bad" />
      ) : null}
      {run.cause !== undefined ? (
        <CopyField label={t('exec.cause')} value={pretty(run.cause)} lang={lang} testId="aws-state-cause" tone="bad" />
      ) : null}
    </div>
  );
}

type View = 'states' | 'events' | 'timeline';

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
  const t = (k: MessageKey, vars?: Record<string, string | number>) => translate(lang, k, vars);
  const ex = history.execution as Record<string, unknown>;
  const report = history.report;
  const [view, setView] = useState<View>('states');
  const [sort, setSort] = useState<{ key: StateSortKey; desc: boolean }>({ key: 'startedMs', desc: false });
  const [selected, setSelected] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');

  const rows = useMemo(() => sortRows(stateRows(report), sort.key, sort.desc), [report, sort]);
  const types = useMemo(() => [...new Set(history.events.map((e) => e.type))].sort(), [history.events]);
  const events = useMemo(() => filterEvents(history.events, query, type), [history.events, query, type]);
  const bars = useMemo(() => (view === 'timeline' ? timelineBars(report) : []), [report, view]);

  const status = String(ex.status ?? report.status.toUpperCase());
  const error = typeof ex.error === 'string' ? ex.error : report.error;
  const cause = typeof ex.cause === 'string' ? ex.cause : report.cause;
  const start = typeof ex.startDate === 'string' ? ex.startDate : undefined;
  const stop = typeof ex.stopDate === 'string' ? ex.stopDate : undefined;
  const redriveCount = typeof ex.redriveCount === 'number' ? ex.redriveCount : report.redrives.length;
  const traceId = traceIdOf(ex.traceHeader);
  const logGroups = logGroupsOf(history.definition?.loggingConfiguration);

  const header = (key: StateSortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="aws-sort"
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}
      >
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );

  return (
    <section className="aws-exec-page" data-testid="aws-execution-page" aria-label={String(ex.name ?? '')}>
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
        <dl className="aws-exec-facts">
          <dt>{t('aws.exec.arn')}</dt>
          <dd className="aws-mono">{String(ex.executionArn ?? '')}</dd>
          <dt>{t('aws.exec.started')}</dt>
          <dd>{formatTime(start)}</dd>
          <dt>{t('aws.exec.ended')}</dt>
          <dd>{formatTime(stop)}</dd>
          <dt>{t('aws.exec.duration')}</dt>
          <dd>{formatDuration(report.durationMs)}</dd>
          {traceId ? (
            <>
              <dt>{t('aws.exec.trace')}</dt>
              <dd>
                <span className="aws-mono">{traceId}</span>{' '}
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
      </header>

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

      {view === 'states' ? (
        <table className="aws-table" data-testid="aws-states-table">
          <thead>
            <tr>
              {header('name', t('aws.colName'))}
              {header('type', t('aws.exec.type'))}
              {header('status', t('aws.colStatus'))}
              {header('startedMs', t('aws.colStarted'))}
              {header('durationMs', t('aws.colDuration'))}
              {header('retries', t('exec.retries'))}
              <th>{t('exec.error')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.name}
                className={selected === r.name ? 'aws-selected' : ''}
                onClick={() => setSelected(r.name)}
                data-state={r.name}
              >
                <td>
                  <button type="button" className="aws-link" onClick={() => setSelected(r.name)}>
                    {r.name}
                  </button>
                </td>
                <td>{r.type}</td>
                <td>
                  <span className={`aws-badge is-${r.status}`}>{runStatusLabel(r.status, lang)}</span>
                </td>
                <td>{r.startedMs !== undefined ? formatTime(new Date(r.startedMs).toISOString()) : '–'}</td>
                <td>{formatDuration(r.durationMs)}</td>
                <td>{r.retries}</td>
                <td className="aws-tone-bad">{r.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {view === 'events' ? (
        <div data-testid="aws-events">
          <div className="aws-row">
            <input
              className="aws-grow"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={t('aws.exec.filterEvents')}
              aria-label={t('aws.exec.filterEvents')}
            />
            <select value={type} onChange={(e) => setType(e.target.value)} aria-label={t('aws.exec.allEventTypes')}>
              <option value="">{t('aws.exec.allEventTypes')}</option>
              {types.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </div>
          <p className="aws-note">{t('aws.exec.eventCount', { shown: events.length, total: history.events.length })}</p>
          <ol className="aws-events">
            {events.slice(0, MAX_EVENT_ROWS).map((e) => (
              <li key={e.id} data-event-type={e.type}>
                <details>
                  <summary>
                    <span className="aws-mono">{e.id}</span>{' '}
                    <strong className={/Failed|TimedOut|Aborted/.test(e.type) ? 'aws-tone-bad' : ''}>{e.type}</strong>{' '}
                    <span className="aws-time">{formatTime(e.timestamp)}</span>{' '}
                    <span className="aws-dim">{eventSummary(e)}</span>
                  </summary>
                  <pre className="aws-json">{JSON.stringify(e, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      {view === 'timeline' ? (
        bars.length === 0 ? (
          <p className="aws-empty">{t('aws.exec.noTimes')}</p>
        ) : (
          <ul className="aws-timeline" data-testid="aws-timeline">
            {bars.map((b) => (
              <li key={b.runId} style={{ paddingLeft: b.depth * 10 }}>
                <button
                  type="button"
                  className="aws-link aws-timeline-label"
                  onClick={() => setSelected(b.label.replace(/ #\d+$/, ''))}
                  title={b.label}
                >
                  {b.label}
                </button>
                <span className="aws-timeline-track">
                  <span
                    className={`aws-timeline-bar is-${b.status}`}
                    style={{
                      left: `${(b.left * 100).toFixed(2)}%`,
                      width: `${Math.min(100 - b.left * 100, b.width * 100).toFixed(2)}%`,
                    }}
                    title={`${b.label}: ${runStatusLabel(b.status, lang)} ${formatDuration(b.durationMs)}`}
                  />
                </span>
                <span className="aws-time">{formatDuration(b.durationMs)}</span>
              </li>
            ))}
          </ul>
        )
      ) : null}

      {selected ? (
        <StateDetails name={selected} history={history} lang={lang} />
      ) : (
        <p className="aws-note">{t('aws.exec.pickState')}</p>
      )}
    </section>
  );
}
