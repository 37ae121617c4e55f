/**
 * The live trace workspace (`statescope serve --daemon`): the newest traces the local receiver gets (up to
 * LIVE_VIEW_TRACES), shown in the usual X-Ray workspace and read again as documents arrive (at most every half second, or slower when reading takes
 * longer), so the list grows, an in-progress segment completes on the timeline, and the selection and scroll
 * stay. Pause freezes the view while the receiver keeps collecting; Clear forgets the kept traces; Save as file
 * writes the NDJSON the rest of the app (and `statescope traces`) opens.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DaemonStatus } from '../../../shared/contract.ts';
import { errorMessage, getApi } from '../api.ts';
import { downloadText, type XrayFile } from '../app/documents.ts';
import { useT } from '../i18n/index.ts';
import { XrayWorkspace, type XrayWorkspaceProps } from './XrayWorkspace.tsx';

const MIN_REFRESH_MS = 500;
/**
 * The view shows the newest this many traces; the receiver keeps more (its cap) and "Save as file" writes them all.
 * Reading the whole buffer twice a second in a flood would keep the page from drawing frames in time.
 */
export const LIVE_VIEW_TRACES = 1000;

function droppedCount(s: DaemonStatus): number {
  return Object.values(s.dropped).reduce((a, b) => a + b, 0);
}

export function LiveTraces({ onSelect }: Pick<XrayWorkspaceProps, 'onSelect'>) {
  const t = useT();
  const api = getApi();
  const [status, setStatus] = useState<DaemonStatus | null>(null);
  const [files, setFiles] = useState<XrayFile[]>([]);
  const [paused, setPaused] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [shown, setShown] = useState(0);
  const pausedRef = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const busy = useRef(false);
  const again = useRef(false);
  const lastText = useRef('');

  const refresh = useCallback(async () => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    const started = performance.now();
    try {
      const snap = await api.call('daemon.snapshot', { newest: LIVE_VIEW_TRACES });
      setStatus(snap.status);
      setShown(snap.traces);
      setFailure(null);
      if (snap.text !== lastText.current) {
        lastText.current = snap.text;
        setFiles(snap.text ? [{ name: 'live-traces.ndjson', text: snap.text }] : []);
      }
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      busy.current = false;
    }
    if (again.current) {
      again.current = false;
      // Reading took this long: wait at least as long again, so a flood cannot keep the page busy.
      const wait = Math.max(MIN_REFRESH_MS, 2 * (performance.now() - started));
      timer.current = setTimeout(() => void refresh(), wait);
    }
  }, [api]);

  const schedule = useCallback(() => {
    if (timer.current !== undefined || busy.current) {
      again.current = true;
      return;
    }
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void refresh();
    }, MIN_REFRESH_MS);
  }, [refresh]);

  useEffect(() => {
    void refresh();
    const off = api.on('daemon.documents', ({ traceIds, status: s }) => {
      setStatus(s);
      if (traceIds.length === 0) return;
      if (pausedRef.current) setWaiting((n) => n + 1);
      else schedule();
    });
    return () => {
      off();
      if (timer.current !== undefined) clearTimeout(timer.current);
    };
  }, [api, refresh, schedule]);

  const togglePause = () => {
    const next = !paused;
    pausedRef.current = next;
    setPaused(next);
    if (!next) {
      setWaiting(0);
      void refresh();
    }
  };

  const clear = async () => {
    try {
      setStatus(await api.call('daemon.clear', {}));
      lastText.current = '';
      setFiles([]);
      setWaiting(0);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  const save = async () => {
    try {
      const snap = await api.call('daemon.snapshot', {});
      downloadText(
        `live-traces-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.ndjson`,
        snap.text,
        'application/x-ndjson',
      );
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  const addresses = status
    ? [`UDP ${status.udp}`, `TCP ${status.tcp}`, ...(status.otlp ? [`OTLP http://${status.otlp}/v1/traces`] : [])].join(
        ' · ',
      )
    : '';
  return (
    <div className="ss-live" data-testid="live-traces">
      <div className="ss-fetched-bar" role="toolbar" aria-label={t('live.title')}>
        <span data-testid="live-addresses">{status ? t('live.receiving', { addresses }) : ''}</span>
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
          onClick={togglePause}
        >
          {paused ? t('live.resume') : t('live.pause')}
        </button>
        <button type="button" className="ss-button" data-testid="live-clear" onClick={() => void clear()}>
          {t('live.clear')}
        </button>
        <button type="button" className="ss-button" data-testid="live-save" onClick={() => void save()}>
          {t('app.saveFile')}
        </button>
      </div>
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
