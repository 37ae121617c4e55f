/**
 * The first tab: what Statescope does and the bundled samples to open with one click (state machines first,
 * then X-Ray traces and execution histories, which are drawn over the open machine).
 */
import type { SampleInfo } from '../../../shared/contract.ts';
import { useT } from '../i18n/index.ts';

export function Welcome({
  samples,
  error,
  onOpen,
}: {
  samples: SampleInfo[] | null;
  error: string | null;
  onOpen: (sample: SampleInfo) => void;
}) {
  const t = useT();
  const asl = (samples ?? []).filter((s) => s.kind === 'asl');
  const others = (samples ?? []).filter((s) => s.kind !== 'asl');
  const item = (s: SampleInfo) => (
    <li key={s.id}>
      <button
        type="button"
        onClick={() => onOpen(s)}
        data-testid="sample"
        data-sample-id={s.id}
        data-sample-kind={s.kind}
      >
        <span className="ss-sample-name">{s.name}</span>
        <span className="ss-dim">{s.description}</span>
      </button>
    </li>
  );
  return (
    <div className="ss-welcome" data-testid="welcome">
      <h1>Statescope</h1>
      <p>{t('welcome.intro')}</p>
      <h2>{t('welcome.samples')}</h2>
      {error ? <p className="ss-error">{t('welcome.samplesError', { message: error })}</p> : null}
      {samples === null && !error ? <p className="ss-dim">{t('welcome.loading')}</p> : null}
      {samples !== null && asl.length === 0 ? <p className="ss-dim">{t('welcome.noSamples')}</p> : null}
      <ul className="ss-samples" data-testid="samples">
        {asl.map(item)}
      </ul>
      {others.length > 0 ? <h2>{t('welcome.otherSamples')}</h2> : null}
      <ul className="ss-samples" data-testid="other-samples">
        {others.map(item)}
      </ul>
      <h2>{t('welcome.keys')}</h2>
      <ul className="ss-list">
        <li>{t('welcome.keyArrows')}</li>
        <li>{t('welcome.keyEnter')}</li>
        <li>{t('welcome.keyFind')}</li>
      </ul>
    </div>
  );
}
