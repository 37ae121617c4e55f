/**
 * The live view's connection to the receiver: its status as documents arrive, and the newest traces read again
 * (at most every MIN_REFRESH_MS, or slower when reading takes longer) unless paused.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DaemonStatus } from '../../../shared/contract.ts';
import { errorMessage, getApi } from '../api.ts';
import type { XrayFile } from '../app/documents.ts';

const MIN_REFRESH_MS = 500;
/**
 * The receiver reports arrivals every 20 ms in a flood; the counters on screen follow at most this often (one
 * small re-render of the bar, never of the workspace), so a flood costs the page a few renders a second.
 */
export const STATUS_EVERY_MS = 250;
/**
 * The view shows the newest this many traces; the receiver keeps more (its cap) and "Save as file" writes them all.
 * Reading the whole buffer twice a second in a flood would keep the page from drawing frames in time.
 */
export const LIVE_VIEW_TRACES = 1000;

export function useLiveTraces() {
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
  const nextStatus = useRef<DaemonStatus | null>(null);
  const missed = useRef(0);
  const statusTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Coalesced: the newest status and the count of updates held while paused, shown once per STATUS_EVERY_MS.
  const report = useCallback((s: DaemonStatus, held: boolean) => {
    nextStatus.current = s;
    if (held) missed.current++;
    if (statusTimer.current !== undefined) return;
    statusTimer.current = setTimeout(() => {
      statusTimer.current = undefined;
      if (nextStatus.current) setStatus(nextStatus.current);
      nextStatus.current = null;
      const n = missed.current;
      missed.current = 0;
      if (n > 0 && pausedRef.current) setWaiting((w) => w + n);
    }, STATUS_EVERY_MS);
  }, []);

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
      const arrived = traceIds.length > 0;
      report(s, arrived && pausedRef.current);
      if (arrived && !pausedRef.current) schedule();
    });
    return () => {
      off();
      if (timer.current !== undefined) clearTimeout(timer.current);
      if (statusTimer.current !== undefined) clearTimeout(statusTimer.current);
    };
  }, [api, refresh, schedule, report]);

  const togglePause = () => {
    const next = !paused;
    pausedRef.current = next;
    setPaused(next);
    if (!next) {
      missed.current = 0;
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

  /** Every kept trace (not only the shown ones), as the NDJSON the rest of the app opens. */
  const everything = async (): Promise<string | null> => {
    try {
      return (await api.call('daemon.snapshot', {})).text;
    } catch (err) {
      setFailure(errorMessage(err));
      return null;
    }
  };

  return { status, files, paused, waiting, failure, shown, togglePause, clear, everything };
}
