/**
 * The first tab: what Statescope does and the bundled samples to open with one click (state machines first,
 * then X-Ray traces and execution histories, which are drawn over the open machine).
 */
import type { SampleInfo } from '../../../shared/contract.ts';
import { useT } from '../i18n/index.ts';

/** Recently opened files (web mode; the desktop app lists them in File › Open Recent). */
function RecentFiles({
  recent,
  onOpen,
  onClear,
}: {
  recent: readonly string[];
  onOpen: (path: string) => void;
  onClear: () => void;
}) {
  const t = useT();
  if (recent.length === 0) return null;
  return (
    <>
      <h2>{t('welcome.recent')}</h2>
      <ul className="ss-samples" data-testid="recent-files">
        {recent.map((path) => (
          <li key={path}>
            <button type="button" onClick={() => onOpen(path)} data-testid="recent-file" title={path}>
              <span className="ss-sample-name">{path.split(/[\\/]/).pop() || path}</span>
              <span className="ss-dim">{path}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="ss-button" onClick={onClear} data-testid="recent-clear">
        {t('welcome.recentClear')}
      </button>
    </>
  );
}

export function Welcome({
  samples,
  error,
  onOpen,
  recent = [],
  onOpenRecent = () => undefined,
  onClearRecent = () => undefined,
}: {
  samples: SampleInfo[] | null;
  error: string | null;
  onOpen: (sample: SampleInfo) => void;
  recent?: readonly string[];
  onOpenRecent?: (path: string) => void;
  onClearRecent?: () => void;
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
      <RecentFiles recent={recent} onOpen={onOpenRecent} onClear={onClearRecent} />
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
