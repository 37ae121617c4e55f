/**
 * Two executions of the same machine side by side: each state's status, time, runs and retries in both, the time
 * difference, and the input's differences by JSON path. The console shows one execution at a time; this answers
 * "what did this run do differently from the one that worked?".
 */
import { useMemo, useState } from 'react';
import type { AwsExecutionHistory } from '../../../shared/sfn/aws-types.ts';
import { translate, type Lang, type MessageKey } from '../i18n/index.ts';
import { compareReports, jsonChanges, runStatusOf } from './executions.ts';
import { formatDuration, runStatusLabel } from './model.ts';

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function short(value: unknown): string {
  const text = value === undefined ? '–' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export function CompareExecutions({
  a,
  b,
  lang,
  onClose,
}: {
  a: AwsExecutionHistory;
  b: AwsExecutionHistory;
  lang: Lang;
  onClose: () => void;
}) {
  const t = (k: MessageKey, vars?: Record<string, string | number>) => translate(lang, k, vars);
  const [onlyDiffering, setOnlyDiffering] = useState(false);
  const nameA = String(a.execution.name ?? 'A');
  const nameB = String(b.execution.name ?? 'B');
  const rows = useMemo(() => compareReports(a.report, b.report), [a.report, b.report]);
  const shown = onlyDiffering ? rows.filter((r) => r.differs) : rows;
  const changes = useMemo(
    () => jsonChanges(parsed(a.execution.input ?? a.report.input), parsed(b.execution.input ?? b.report.input)),
    [a, b],
  );
  const cell = (side: (typeof rows)[number]['a']) => {
    if (!side) return <span className="aws-dim">{t('aws.compareNotRun')}</span>;
    return (
      <>
        <span className={`aws-badge is-${side.status}`}>{runStatusLabel(side.status, lang)}</span>{' '}
        {formatDuration(side.durationMs)}
        {side.runs > 1 ? ` ×${side.runs}` : ''}
        {side.retries ? ` ↻${side.retries}` : ''}
        {side.error ? <span className="aws-tone-bad"> {side.error}</span> : null}
      </>
    );
  };
  return (
    <section
      className="aws-exec-page"
      data-testid="aws-compare"
      aria-label={t('aws.compareTitle', { a: nameA, b: nameB })}
    >
      <div className="aws-row">
        <strong>{t('aws.compareTitle', { a: nameA, b: nameB })}</strong>
        <span className="aws-spacer" />
        <label className="aws-inline">
          <input type="checkbox" checked={onlyDiffering} onChange={(e) => setOnlyDiffering(e.target.checked)} />{' '}
          {t('aws.compareDiffers')}
        </label>
        <button type="button" className="aws-button" onClick={onClose}>
          {t('aws.compareClose')}
        </button>
      </div>
      <table className="aws-table">
        <thead>
          <tr>
            <th>{t('aws.compareState')}</th>
            <th>
              {nameA}{' '}
              <span className={`aws-badge is-${runStatusOf(String(a.execution.status ?? a.report.status))}`}>
                {String(a.execution.status ?? a.report.status)}
              </span>{' '}
              {formatDuration(a.report.durationMs)}
            </th>
            <th>
              {nameB}{' '}
              <span className={`aws-badge is-${runStatusOf(String(b.execution.status ?? b.report.status))}`}>
                {String(b.execution.status ?? b.report.status)}
              </span>{' '}
              {formatDuration(b.report.durationMs)}
            </th>
            <th>{t('aws.compareDelta')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr
              key={r.name}
              data-state={r.name}
              data-differs={r.differs ? 'true' : 'false'}
              className={r.differs ? 'aws-differs' : ''}
            >
              <td>{r.name}</td>
              <td>{cell(r.a)}</td>
              <td>{cell(r.b)}</td>
              <td className="aws-time">
                {r.deltaMs === undefined ? '–' : `${r.deltaMs >= 0 ? '+' : '−'}${formatDuration(Math.abs(r.deltaMs))}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 className="aws-subtitle">{t('aws.compareInput')}</h4>
      {changes.length === 0 ? (
        <p className="aws-note">{t('aws.compareSameInput')}</p>
      ) : (
        <ul className="aws-plain aws-mono" data-testid="aws-compare-input">
          {changes.map((c) => (
            <li
              key={c.path}
              className={c.kind === 'removed' ? 'aws-tone-bad' : c.kind === 'added' ? 'aws-tone-ok' : ''}
            >
              {c.kind === 'added' ? '+' : c.kind === 'removed' ? '−' : '~'} {c.path}:{' '}
              {c.kind === 'added' ? short(c.b) : c.kind === 'removed' ? short(c.a) : `${short(c.a)} → ${short(c.b)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
