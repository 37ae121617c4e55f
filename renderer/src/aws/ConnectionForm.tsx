/**
 * The top of the AWS panel: who we are connected as, the profile / region / endpoint pickers with Connect, the
 * MFA code dialog when a role needs one, and the host's retry notices.
 */
import type { ReactNode } from 'react';
import { connArgs, isStale, needsMfa } from './store.ts';
import { ErrorBox, SlotStatus, type PanelContext } from './common.tsx';

/** The connection line in the header: connecting, failed, connected as whom, or not connected. */
function ConnectionStatus({ ctx }: { ctx: PanelContext }) {
  const { state, t } = ctx;
  const identity = state.loads.identity;
  const tone =
    identity.state === 'done' && state.conn
      ? 'ok'
      : identity.state === 'error'
        ? 'bad'
        : identity.state === 'loading'
          ? 'busy'
          : 'dim';
  let line: ReactNode;
  if (identity.state === 'loading') line = <span className="aws-conn aws-tone-busy">{t('aws.connecting')}</span>;
  else if (identity.state === 'error') line = <span className="aws-conn aws-tone-bad">{t('aws.failed')}</span>;
  else if (identity.state === 'done' && state.conn) {
    const id = identity.data;
    line = (
      <span className="aws-conn aws-tone-ok" title={id.arn}>
        {t('aws.connectedAs', { arn: id.arn, account: id.account, region: id.region })}
        {id.endpoint ? ` · ${id.endpoint}` : ''}
      </span>
    );
  } else line = <span className="aws-conn aws-tone-dim">{t('aws.notConnected')}</span>;
  return (
    <div className="aws-status" role="status" aria-live="polite" data-testid="aws-connection">
      <span className={`aws-dot aws-tone-${tone}`} aria-hidden="true" />
      {line}
      {isStale(state) ? <span className="aws-stale"> · {t('aws.reconnectAsk')}</span> : null}
    </div>
  );
}

/** Profile, region and endpoint pickers with Connect / Reconnect. */
function Pickers({ ctx }: { ctx: PanelContext }) {
  const { state, effects, t } = ctx;
  const { form, loads } = state;
  const edit = effects.dispatch.bind(effects);
  const profiles = loads.profiles.state === 'done' ? loads.profiles.data.profiles : [];
  const regions = loads.profiles.state === 'done' ? loads.profiles.data.regions : [];
  return (
    <form
      className="aws-connect"
      onSubmit={(e) => {
        e.preventDefault();
        effects.connect();
      }}
    >
      <label>
        {t('aws.profile')}
        <select
          value={form.profile}
          onChange={(e) => edit({ type: 'edit', field: 'profile', value: e.target.value })}
          onFocus={() => edit({ type: 'touch', field: 'profile' })}
          aria-label={t('aws.profile')}
        >
          <option value="">{t('aws.defaultChain')}</option>
          {form.profile && !profiles.some((p) => p.name === form.profile) ? (
            <option value={form.profile}>{form.profile}</option>
          ) : null}
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {`${p.name} (${p.kind}${p.region ? `, ${p.region}` : ''})`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('aws.region')}
        <select
          value={form.region}
          onChange={(e) => edit({ type: 'edit', field: 'region', value: e.target.value })}
          onFocus={() => edit({ type: 'touch', field: 'region' })}
          aria-label={t('aws.region')}
        >
          <option value="">{t('aws.regionDefault')}</option>
          {(regions.includes(form.region) || !form.region ? regions : [form.region, ...regions]).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="aws-grow">
        {t('aws.endpoint')}
        <input
          value={form.endpoint}
          onChange={(e) => edit({ type: 'edit', field: 'endpoint', value: e.target.value })}
          onFocus={() => edit({ type: 'touch', field: 'endpoint' })}
          placeholder={t('aws.endpointHint')}
          aria-label={t('aws.endpoint')}
          spellCheck={false}
        />
      </label>
      <button
        type="submit"
        className="aws-button aws-primary"
        disabled={loads.identity.state === 'loading' || loads.profiles.state === 'loading'}
      >
        {state.conn ? t('aws.reconnect') : t('aws.connect')}
      </button>
    </form>
  );
}

/** The role's session can end later too (a list or history call then needs a new code): asked the same way. */
function MfaDialog({ ctx }: { ctx: PanelContext }) {
  const { state, effects, t } = ctx;
  const code = state.form.mfaCode;
  const title = t('aws.mfaTitle', { profile: connArgs(state.form).profile ?? 'default' });
  return (
    <form
      className="aws-mfa"
      role="dialog"
      aria-label={title}
      data-testid="aws-mfa"
      onSubmit={(e) => {
        e.preventDefault();
        if (/^\d{6}$/.test(code)) effects.connect(code);
      }}
    >
      <strong>{title}</strong>
      <span className="aws-note">{t('aws.mfaHint')}</span>
      <div className="aws-row">
        <input
          value={code}
          onChange={(e) =>
            effects.dispatch({ type: 'edit', field: 'mfaCode', value: e.target.value.replace(/\D/g, '').slice(0, 6) })
          }
          inputMode="numeric"
          autoComplete="one-time-code"
          aria-label={t('aws.mfaCode')}
          placeholder="123456"
          autoFocus
        />
        <button type="submit" className="aws-button aws-primary" disabled={!/^\d{6}$/.test(code)}>
          {t('aws.connect')}
        </button>
      </div>
    </form>
  );
}

export function ConnectionForm({ ctx }: { ctx: PanelContext }) {
  const { state, effects, t, lang } = ctx;
  const retry = state.retryNotice;
  return (
    <>
      <header className="aws-header">
        <h2 className="aws-title">{t('aws.title')}</h2>
        <ConnectionStatus ctx={ctx} />
      </header>
      <Pickers ctx={ctx} />
      <ErrorBox load={state.loads.profiles} onRetry={() => effects.retry('profiles')} t={t} lang={lang} />
      <SlotStatus ctx={ctx} slot="identity" />
      {needsMfa(state) ? <MfaDialog ctx={ctx} /> : null}
      {retry ? (
        <p className="aws-note aws-tone-warn" role="status" data-testid="aws-retry">
          {t('aws.retrying', {
            operation: retry.operation,
            attempt: retry.attempt,
            max: retry.maxAttempts,
            reason: retry.reason,
          })}
        </p>
      ) : null}
      <p className="aws-note">{t('aws.readOnly')}</p>
    </>
  );
}
