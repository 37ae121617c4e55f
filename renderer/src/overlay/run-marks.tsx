/**
 * What a graph node adds under the shell's overlay: a status class and badge (status, time, retries) and a
 * marker when the user has notes on the state. Node components call `useRunMarks(state.name)`.
 */
import { useContext, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { AnnotatedContext, formatMs, statusOf, StatusOverlayContext } from './model.ts';
import './overlay.css';

/** The status class for the node box and the badges to draw inside it. */
export function useRunMarks(name: string): { className: string; marks: ReactNode } {
  const t = useT();
  const overlay = useContext(StatusOverlayContext);
  const annotated = useContext(AnnotatedContext).has(name);
  const run = overlay ? statusOf(overlay, name) : null;
  const marks = (
    <>
      {run ? (
        <span
          className={`ss-run-badge is-${run.status}`}
          data-testid="run-badge"
          data-status={run.status}
          title={run.error}
        >
          {t(`status.${run.status}`)}
          {run.durationMs !== undefined ? ` · ${formatMs(run.durationMs)}` : ''}
          {run.retries ? ` · ↻${run.retries}` : ''}
        </span>
      ) : null}
      {annotated ? (
        <span className="ss-note-marker" title={t('notes.marker')} data-testid="note-marker">
          ✎
        </span>
      ) : null}
    </>
  );
  return { className: run ? ` has-run-status is-${run.status}` : '', marks };
}
