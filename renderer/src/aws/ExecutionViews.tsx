/** The three views of one execution's history: the table of states, the raw events and the timeline. */
import { useMemo } from 'react';
import type { AwsExecutionHistory } from '../../../shared/sfn/aws-types.ts';
import type { ExecutionReport } from '../../../shared/sfn/history.ts';
import type { Lang } from '../i18n/index.ts';
import type { T } from './common.tsx';
import { eventSummary, filterEvents, sortRows, stateRows, timelineBars, type StateSortKey } from './executions.ts';
import { formatDuration, formatTime, runStatusLabel } from './model.ts';

const MAX_EVENT_ROWS = 1000;

interface ViewProps {
  t: T;
  lang: Lang;
  selected: string | null;
  onSelect: (state: string) => void;
}

export type StateSort = { key: StateSortKey; desc: boolean };

/** One row per state, sortable by any column (a second click reverses). */
export function StatesTable({
  report,
  t,
  lang,
  selected,
  onSelect,
  sort,
  setSort,
}: ViewProps & {
  report: ExecutionReport;
  sort: StateSort;
  setSort: (update: (s: StateSort) => StateSort) => void;
}) {
  const rows = useMemo(() => sortRows(stateRows(report), sort.key, sort.desc), [report, sort]);
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
            onClick={() => onSelect(r.name)}
            data-state={r.name}
          >
            <td>
              <button type="button" className="aws-link" onClick={() => onSelect(r.name)}>
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
  );
}

/** The text and event type the events are filtered by (kept while the other views are shown). */
export type EventFilter = { query: string; type: string };

/** The raw events, filtered by text and type, each expandable to its JSON. */
export function EventsView({
  history,
  t,
  filter,
  setFilter,
}: {
  history: AwsExecutionHistory;
  t: T;
  filter: EventFilter;
  setFilter: (f: EventFilter) => void;
}) {
  const { query, type } = filter;
  const types = useMemo(() => [...new Set(history.events.map((e) => e.type))].sort(), [history.events]);
  const events = useMemo(() => filterEvents(history.events, query, type), [history.events, query, type]);
  return (
    <div data-testid="aws-events">
      <div className="aws-row">
        <input
          className="aws-grow"
          type="search"
          value={query}
          onChange={(e) => setFilter({ query: e.target.value, type })}
          placeholder={t('aws.exec.filterEvents')}
          aria-label={t('aws.exec.filterEvents')}
        />
        <select
          value={type}
          onChange={(e) => setFilter({ query, type: e.target.value })}
          aria-label={t('aws.exec.allEventTypes')}
        >
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
  );
}

/** A bar per state run on the execution's time axis; a label selects its state. */
export function TimelineView({ report, t, lang, onSelect }: Omit<ViewProps, 'selected'> & { report: ExecutionReport }) {
  const bars = useMemo(() => timelineBars(report), [report]);
  if (bars.length === 0) return <p className="aws-empty">{t('aws.exec.noTimes')}</p>;
  return (
    <ul className="aws-timeline" data-testid="aws-timeline">
      {bars.map((b) => (
        <li key={b.runId} style={{ paddingLeft: b.depth * 10 }}>
          <button
            type="button"
            className="aws-link aws-timeline-label"
            onClick={() => onSelect(b.label.replace(/ #\d+$/, ''))}
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
              title={[`${b.label}:`, runStatusLabel(b.status, lang), formatDuration(b.durationMs)].join(' ')}
            />
          </span>
          <span className="aws-time">{formatDuration(b.durationMs)}</span>
        </li>
      ))}
    </ul>
  );
}
