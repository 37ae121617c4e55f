/**
 * The overlay's visible parts besides the node colours: the legend bar over the graph, the "Execution" side tab
 * for one state (history runs or X-Ray subsegments), and the picker that asks which open machine to draw on.
 */
import { useState } from 'react';
import type { StateRun } from '../../../shared/sfn/history.ts';
import type { Trace } from '../../../shared/xray/types.ts';
import { useT } from '../i18n/index.ts';
import { formatMs, statusOf, STATUS_ORDER, type Overlay } from './model.ts';
import './overlay.css';

function json(value: unknown): string {
  if (value === undefined) return '';
  try {
    const text = JSON.stringify(value, null, 2);
    return text.length > 20_000 ? `${text.slice(0, 20_000)}\n…` : text;
  } catch {
    return String(value);
  }
}

/** The legend and the execution's own status, above the graph. */
/** The error name and cause of a failed state run or execution, when there are any. */
function ErrorFields({ error, cause }: { error?: string; cause?: string }) {
  const t = useT();
  return (
    <>
      {error !== undefined ? (
        <>
          <dt>{t('exec.error')}</dt>
          <dd className="ss-exec-error">{error}</dd>
        </>
      ) : null}
      {cause !== undefined ? (
        <>
          <dt>{t('exec.cause')}</dt>
          <dd className="ss-exec-error">{cause}</dd>
        </>
      ) : null}
    </>
  );
}

export function OverlayLegend({
  overlay,
  onClear,
  onSave,
}: {
  overlay: Overlay;
  onClear: () => void;
  onSave?: () => void;
}) {
  const t = useT();
  const counts = new Map<string, number>();
  for (const s of Object.values(overlay.states)) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const exec = overlay.source === 'history' ? overlay.report : null;
  return (
    <div className="ss-overlay-bar" data-testid="overlay-legend">
      <strong className="ss-overlay-label" title={overlay.label}>
        {overlay.source === 'history' ? t('overlay.execution') : 'X-Ray'}: {overlay.label}
      </strong>
      {exec ? (
        <span className={`ss-status-chip is-${exec.status}`} data-testid="execution-status">
          {t(`status.${exec.status === 'aborted' ? 'aborted' : exec.status}`)}
          {exec.durationMs !== undefined ? ` · ${formatMs(exec.durationMs)}` : ''}
        </span>
      ) : null}
      <ul className="ss-legend">
        {STATUS_ORDER.map((s) => (
          <li key={s} className={`ss-legend-item is-${s}`}>
            <span className="ss-legend-swatch" aria-hidden="true" />
            {t(`status.${s}`)}
            {counts.get(s) ? ` (${counts.get(s)})` : ''}
          </li>
        ))}
      </ul>
      <span className="ss-spacer" />
      {onSave ? (
        <button type="button" className="ss-button" onClick={onSave} data-testid="overlay-save">
          {t('app.saveFile')}
        </button>
      ) : null}
      <button type="button" className="ss-button" onClick={onClear} data-testid="overlay-clear">
        {t('overlay.clear')}
      </button>
      {exec && (exec.error !== undefined || exec.cause !== undefined) ? (
        // The failed execution's error and cause belong on the graph page too, not only in a side tab.
        <div className="ss-overlay-error" role="alert" data-testid="overlay-error">
          {exec.error !== undefined ? (
            <span>
              <strong>{t('exec.error')}:</strong> {exec.error}
            </span>
          ) : null}
          {exec.cause !== undefined ? (
            <span className="ss-overlay-cause">
              <strong>{t('exec.cause')}:</strong>{' '}
              {exec.cause.length > 500 ? `${exec.cause.slice(0, 500)}…` : exec.cause}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function RunBlock({ run }: { run: StateRun }) {
  const t = useT();
  return (
    <section className="ss-exec-run" data-testid="execution-run">
      <dl className="ss-exec-fields">
        <dt>{t('exec.status')}</dt>
        <dd className={`ss-status-text is-${run.status}`}>{t(`status.${run.status}`)}</dd>
        {run.durationMs !== undefined ? (
          <>
            <dt>{t('exec.duration')}</dt>
            <dd>{formatMs(run.durationMs)}</dd>
          </>
        ) : null}
        {run.retries ? (
          <>
            <dt>{t('exec.retries')}</dt>
            <dd>{run.retries}</dd>
          </>
        ) : null}
        {run.parent ? (
          <>
            <dt>↳</dt>
            <dd>
              {run.parent.name}
              {run.parent.iteration !== undefined ? ` #${run.parent.iteration}` : ''}
              {run.parent.branch !== undefined ? ` / ${run.parent.branch + 1}` : ''}
            </dd>
          </>
        ) : null}
        <ErrorFields error={run.error} cause={run.cause} />
      </dl>
      {run.iterations?.length ? (
        <details open>
          <summary>
            {t('exec.iterations')} ({run.iterations.length}
            {run.itemCount !== undefined && run.itemCount !== run.iterations.length ? ` / ${run.itemCount}` : ''})
          </summary>
          <ol className="ss-exec-iterations" start={0}>
            {run.iterations.map((it) => (
              <li key={it.index} className={`is-${it.status}`}>
                #{it.index} {t(`status.${it.status}`)} {formatMs(it.durationMs)}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {run.input !== undefined ? (
        <details>
          <summary>{t('exec.input')}</summary>
          <pre className="ss-exec-json">{json(run.input)}</pre>
        </details>
      ) : null}
      {run.output !== undefined ? (
        <details>
          <summary>{t('exec.output')}</summary>
          <pre className="ss-exec-json">{json(run.output)}</pre>
        </details>
      ) : null}
    </section>
  );
}

function Subsegments({ trace, indexes }: { trace: Trace; indexes: number[] }) {
  const rows: { index: number; depth: number }[] = [];
  const walk = (i: number, depth: number) => {
    if (rows.length > 500) return;
    rows.push({ index: i, depth });
    for (const c of trace.spans[i]?.children ?? []) walk(c, depth + 1);
  };
  for (const i of indexes) walk(i, 0);
  return (
    <ul className="ss-exec-spans" data-testid="execution-subsegments">
      {rows.map(({ index, depth }) => {
        const s = trace.spans[index]!;
        return (
          <li key={index} style={{ paddingLeft: depth * 12 }} className={`is-${s.status}`}>
            <span className="ss-exec-span-name">{s.name}</span> <span className="ss-dim">{s.status}</span>{' '}
            {formatMs(s.durationMs)}
            {s.exceptions[0]?.message ? <div className="ss-exec-error">{s.exceptions[0].message}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The whole execution (status, time, input/output, error), folded away under the state's own runs. */
function ExecutionSummary({ overlay }: { overlay: Extract<Overlay, { source: 'history' }> }) {
  const t = useT();
  const r = overlay.report;
  return (
    <details className="ss-exec-run" data-testid="execution-summary">
      <summary>
        {t('exec.whole')}: <span className={`ss-status-text is-${r.status}`}>{t(`status.${r.status}`)}</span>
        {r.durationMs !== undefined ? ` · ${formatMs(r.durationMs)}` : ''}
      </summary>
      <dl className="ss-exec-fields">
        <ErrorFields error={r.error} cause={r.cause} />
      </dl>
      {r.input !== undefined ? (
        <details>
          <summary>{t('exec.input')}</summary>
          <pre className="ss-exec-json">{json(r.input)}</pre>
        </details>
      ) : null}
      {r.output !== undefined ? (
        <details>
          <summary>{t('exec.output')}</summary>
          <pre className="ss-exec-json">{json(r.output)}</pre>
        </details>
      ) : null}
    </details>
  );
}

/** The "Execution" side tab for one state. */
export function ExecutionTab({ overlay, state }: { overlay: Overlay; state: string }) {
  const t = useT();
  const summary = statusOf(overlay.states, state);
  if (summary.runs === 0 && summary.status === 'not-run') {
    return (
      <div className="ss-exec" data-testid="execution-tab">
        <p className="ss-dim">{t('exec.notRun')}</p>
      </div>
    );
  }
  return (
    <div className="ss-exec" data-testid="execution-tab">
      <dl className="ss-exec-fields">
        <dt>{t('exec.status')}</dt>
        <dd className={`ss-status-text is-${summary.status}`} data-testid="execution-state-status">
          {t(`status.${summary.status}`)}
        </dd>
        <dt>{t('exec.duration')}</dt>
        <dd>{formatMs(summary.durationMs) || '—'}</dd>
        <dt>{t('exec.runs')}</dt>
        <dd>{summary.runs}</dd>
        <dt>{t('exec.retries')}</dt>
        <dd>{summary.retries}</dd>
      </dl>
      {overlay.source === 'history' ? <ExecutionSummary overlay={overlay} /> : null}
      {overlay.source === 'history' ? (
        overlay.report.runs
          .filter((r) => r.name === state)
          .slice(0, 50)
          .map((r) => <RunBlock key={r.runId} run={r} />)
      ) : (
        <>
          <h4>{t('exec.subsegments')}</h4>
          <Subsegments trace={overlay.trace} indexes={overlay.runs.get(state)?.spans ?? []} />
        </>
      )}
    </div>
  );
}

/** Asks which open state machine an execution or trace belongs to. */
export function MachinePicker({
  what,
  choices,
  initial,
  onPick,
  onCancel,
}: {
  what: 'history' | 'trace';
  choices: { tabId: string; title: string }[];
  initial?: string;
  onPick: (tabId: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [chosen, setChosen] = useState(initial ?? choices[0]?.tabId ?? '');
  return (
    <div
      className="ss-modal-back"
      role="presentation"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div
        className="ss-modal"
        role="dialog"
        aria-modal="true"
        aria-label={t('overlay.pickTitle', { what: t(what === 'history' ? 'overlay.history' : 'overlay.trace') })}
        data-testid="machine-chooser"
      >
        <h3>{t('overlay.pickTitle', { what: t(what === 'history' ? 'overlay.history' : 'overlay.trace') })}</h3>
        <select
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          data-testid="machine-chooser-select"
          autoFocus
        >
          {choices.map((c) => (
            <option key={c.tabId} value={c.tabId}>
              {c.title}
            </option>
          ))}
        </select>
        <div className="ss-modal-actions">
          <button type="button" className="ss-button" onClick={onCancel}>
            {t('overlay.cancel')}
          </button>
          <button
            type="button"
            className="ss-button is-primary"
            disabled={!chosen}
            onClick={() => onPick(chosen)}
            data-testid="machine-chooser-ok"
          >
            {t('overlay.show')}
          </button>
        </div>
      </div>
    </div>
  );
}
