/**
 * How the loader's problems are shown: a clear panel when the file cannot be drawn at all (not ASL, malformed,
 * empty, binary, too large or too deeply aliased), and a small strip with a list for the rest.
 */
import { useState } from 'react';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { useT } from '../i18n/index.ts';

function where(d: Diagnostic): string {
  return `${d.line}:${d.column}`;
}

/** The whole-tab message for a file that cannot be drawn. */
export function FatalPanel({
  title,
  diagnostics,
  message,
  onRetry,
}: {
  title: string;
  diagnostics: Diagnostic[];
  message?: string;
  /** Offered when trying again can help (the worker was restarted, a timeout). */
  onRetry?: () => void;
}) {
  const t = useT();
  const shown = diagnostics.filter((d) => d.severity === 'error');
  const list = shown.length ? shown : diagnostics;
  return (
    <div className="ss-fatal" role="alert" data-testid="fatal-panel">
      <h2>{title}</h2>
      {message ? <p data-testid="fatal-message">{message}</p> : null}
      {list.length ? (
        <ul className="ss-list">
          {list.map((d, i) => (
            <li key={i} data-testid="fatal-message">
              <span className="ss-where">{t('diag.lineColumn', { line: d.line, column: d.column })}</span> {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      {!message && list.length === 0 ? <p data-testid="fatal-message">{t('diag.noMachine')}</p> : null}
      {onRetry ? (
        <button type="button" className="ss-button" onClick={onRetry} data-testid="retry">
          {t('diag.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Counts and a toggled list of problems; picking one that names a state selects it. */
export function ProblemsStrip({ diagnostics, onPick }: { diagnostics: Diagnostic[]; onPick: (d: Diagnostic) => void }) {
  const [open, setOpen] = useState(false);
  const t = useT();
  if (diagnostics.length === 0) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  return (
    <div className={`ss-problems${errors ? ' has-errors' : ''}`} data-testid="problems-strip">
      <button type="button" className="ss-problems-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {t('details.problems')}: {t(errors === 1 ? 'diag.error1' : 'diag.errorN', { count: errors })}
        , {t(warnings === 1 ? 'diag.warning1' : 'diag.warningN', { count: warnings })}
        {infos ? `, ${t(infos === 1 ? 'diag.note1' : 'diag.noteN', { count: infos })}` : ''}
      </button>
      {open ? (
        <ul className="ss-problems-list" data-testid="problems-list">
          {diagnostics.map((d, i) => (
            <li key={i} className={`is-${d.severity}`}>
              <button type="button" onClick={() => onPick(d)} disabled={!d.state && !d.line}>
                <span className="ss-where">{where(d)}</span>
                <span className="ss-sev">{d.severity}</span>
                {d.state ? <span className="ss-state-ref">{d.state}</span> : null}
                <span>{d.message}</span>
                {d.source ? <span className="ss-dim"> ({d.source})</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
