/** Small pieces every AWS view uses: the error box with Retry, the busy line with Cancel, and the status chip. */
import type { ReactNode } from 'react';
import type { Lang, MessageKey } from '../i18n/index.ts';
import { errorView } from './errors.ts';
import { runStatusOf } from './executions.ts';
import type { AwsEffects } from './effects.ts';
import type { AwsState, Load, Slot } from './store.ts';

/** `t(key, vars)` in the panel's language. */
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What every view of the panel gets: the state to show, the effects to call, and the language. */
export interface PanelContext {
  state: AwsState;
  effects: AwsEffects;
  t: T;
  lang: Lang;
}

/** The error of a failed call, with its heading and (in Korean) explanation, and a Retry button. */
export function ErrorBox({ load, onRetry, t, lang }: { load: Load<unknown>; onRetry: () => void; t: T; lang: Lang }) {
  if (load.state !== 'error') return null;
  // The heading is in the UI language; AWS's message keeps the names (profile, endpoint, command) AWS uses.
  const { heading, explanation, login } = errorView(lang, load.code, load.message);
  return (
    <div className="aws-error" role="alert" data-code={load.code}>
      <span className="aws-error-text">
        {heading ? <strong className="aws-error-heading">{heading}. </strong> : null}
        {explanation ? (
          <span className="aws-error-explain" data-testid="aws-error-explain">
            {explanation}{' '}
          </span>
        ) : null}
        {explanation ? (
          <span className="aws-error-original">
            {t('aws.err.original')}: <span lang="en">{load.message}</span>
          </span>
        ) : (
          load.message
        )}
        {login ? (
          <span className="aws-error-hint">
            {' '}
            {t('aws.ssoHint')} <code>{login}</code>
          </span>
        ) : null}
      </span>
      <button type="button" className="aws-button" onClick={onRetry}>
        {t('aws.retry')}
      </button>
    </div>
  );
}

/** "Loading…" with a spinner while `load` runs, and a Cancel button when the call can be stopped. */
export function Busy({
  load,
  label,
  onCancel,
  t,
}: {
  load: Load<unknown>;
  label: string;
  onCancel?: () => void;
  t: T;
}) {
  return load.state === 'loading' ? (
    <div className="aws-busy" role="status" aria-live="polite">
      <span className="aws-spinner" aria-hidden="true" />
      {label}
      {onCancel ? (
        <button type="button" className="aws-button aws-small" onClick={onCancel}>
          {t('aws.cancel')}
        </button>
      ) : null}
    </div>
  ) : null;
}

/** A status chip in the overlay's colour for that status, so the list and the graph agree (ABORTED, TIMED_OUT…). */
export function Badge({ status, children }: { status: string; children?: ReactNode }) {
  return <span className={`aws-badge is-${runStatusOf(status)}`}>{children ?? status}</span>;
}

/** The busy line (with Cancel unless `cancel` is false) and the error box of one slot. */
export function SlotStatus({ ctx, slot, cancel = true }: { ctx: PanelContext; slot: Slot; cancel?: boolean }) {
  const { state, effects, t, lang } = ctx;
  const load = state.loads[slot];
  return (
    <>
      <Busy
        load={load}
        label={slot === 'identity' ? t('aws.connecting') : t('aws.loading')}
        t={t}
        {...(cancel ? { onCancel: () => effects.cancel() } : {})}
      />
      <ErrorBox load={load} onRetry={() => effects.retry(slot)} t={t} lang={lang} />
    </>
  );
}
