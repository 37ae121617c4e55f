/**
 * The live trace workspace (`statescope serve --daemon`): the newest traces the local receiver gets (up to
 * LIVE_VIEW_TRACES), shown in the usual X-Ray workspace and read again as documents arrive (at most every half second, or slower when reading takes
 * longer), so the list grows, an in-progress segment completes on the timeline, and the selection and scroll
 * stay. Pause freezes the view while the receiver keeps collecting; Clear forgets the kept traces; Save as file
 * writes the NDJSON the rest of the app (and `statescope traces`) opens.
 */
import type { DaemonStatus } from '../../../shared/contract.ts';
import { downloadText } from '../app/documents.ts';
import { useT } from '../i18n/index.ts';
import { useLiveTraces } from './live-hooks.ts';
import { droppedCount, liveAddresses, liveFileName } from './live-model.ts';
import { XrayWorkspace, type XrayWorkspaceProps } from './XrayWorkspace.tsx';

interface LiveBarProps {
  status: DaemonStatus | null;
  shown: number;
  paused: boolean;
  waiting: number;
  onTogglePause: () => void;
  onClear: () => void;
  onSave: () => void;
}

function LiveBar({ status, shown, paused, waiting, onTogglePause, onClear, onSave }: LiveBarProps) {
  const t = useT();
  return (
    <div className="ss-fetched-bar" role="toolbar" aria-label={t('live.title')}>
      <span data-testid="live-addresses">
        {status ? t('live.receiving', { addresses: liveAddresses(status) }) : ''}
      </span>
      <span className="ss-spacer" />
      {status ? (
        <span data-testid="live-counts">
          {t('live.counts', {
            accepted: status.accepted,
            traces: status.traces,
            max: status.maxTraces,
            dropped: droppedCount(status),
          })}
        </span>
      ) : null}
      {status && shown < status.traces ? <span data-testid="live-newest">{t('live.newest', { shown })}</span> : null}
      {paused ? <span data-testid="live-paused">{t('live.paused', { count: waiting })}</span> : null}
      <button
        type="button"
        className="ss-button"
        data-testid="live-pause"
        aria-pressed={paused}
        onClick={onTogglePause}
      >
        {paused ? t('live.resume') : t('live.pause')}
      </button>
      <button type="button" className="ss-button" data-testid="live-clear" onClick={onClear}>
        {t('live.clear')}
      </button>
      <button type="button" className="ss-button" data-testid="live-save" onClick={onSave}>
        {t('app.saveFile')}
      </button>
    </div>
  );
}

export function LiveTraces({ onSelect }: Pick<XrayWorkspaceProps, 'onSelect'>) {
  const t = useT();
  const live = useLiveTraces();
  const { status, files, failure } = live;
  const save = async () => {
    const text = await live.everything();
    if (text !== null) downloadText(liveFileName(new Date()), text, 'application/x-ndjson');
  };
  return (
    <div className="ss-live" data-testid="live-traces">
      <LiveBar
        status={status}
        shown={live.shown}
        paused={live.paused}
        waiting={live.waiting}
        onTogglePause={live.togglePause}
        onClear={() => void live.clear()}
        onSave={() => void save()}
      />
      {failure ? (
        <p className="xr-diag-error" role="alert" data-testid="live-failure">
          {t('live.unreachable', { message: failure })}
        </p>
      ) : null}
      {files.length === 0 ? (
        <p className="xr-empty" data-testid="live-waiting">
          {status
            ? t('live.waiting', {
                udp: status.udp,
                otlp: status.otlp ? t('live.waitingOtlp', { otlp: status.otlp }) : '',
              })
            : ''}
        </p>
      ) : (
        <XrayWorkspace files={files} onSelect={onSelect} />
      )}
    </div>
  );
}
