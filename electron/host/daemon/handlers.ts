/**
 * The `daemon.*` contract methods and the `daemon.documents` event, over a running receiver. A host started
 * without one (the desktop app, plain `serve`) answers `daemon.status` with null and refuses the others.
 */
import type { DaemonStatus, Handlers } from '../../../shared/contract.ts';
import { HostError } from '../errors.ts';
import type { EventHub } from '../events.ts';
import type { RunningDaemon } from './server.ts';

export function daemonStatus(d: RunningDaemon): DaemonStatus {
  const s = d.store.stats();
  const addr = (e: { host: string; port: number }) =>
    e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
  return {
    udp: addr(d.udp),
    tcp: addr(d.tcp),
    ...(d.otlp ? { otlp: addr(d.otlp) } : {}),
    accepted: s.accepted,
    dropped: { ...s.dropped },
    traces: s.traces,
    maxTraces: s.maxTraces,
  };
}

export function createDaemonHandlers(daemon: RunningDaemon | undefined, events: EventHub) {
  if (daemon)
    daemon.onDocuments((traceIds) => events.emit('daemon.documents', { traceIds, status: daemonStatus(daemon) }));
  const running = (): RunningDaemon => {
    if (!daemon)
      throw new HostError(
        'No trace receiver runs here: start Statescope with `statescope serve --daemon`.',
        'not-running',
      );
    return daemon;
  };
  return {
    'daemon.status': async () => (daemon ? daemonStatus(daemon) : null),
    'daemon.snapshot': async ({ newest }) => {
      const d = running();
      const ids = newest === undefined ? undefined : d.store.newestIds(newest);
      return { text: d.store.toNdjson(ids), status: daemonStatus(d), traces: ids?.length ?? d.store.stats().traces };
    },
    'daemon.clear': async () => {
      const d = running();
      d.store.clear();
      return daemonStatus(d);
    },
  } satisfies Partial<Handlers>;
}
