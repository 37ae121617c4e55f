/**
 * `statescope daemon`: the local X-Ray daemon and OTLP/HTTP receiver on the command line. Prints one line per trace
 * as it completes and, with `--out`, writes every document received as NDJSON that `traces`, `open` and the app read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DAEMON_ADDRESS, DEFAULT_OTLP_ADDRESS } from '../../host/daemon/address.ts';
import { startDaemon, type RunningDaemon } from '../../host/daemon/server.ts';
import {
  DEFAULT_MAX_TRACES,
  DEFAULT_SETTLE_MS,
  LiveTraceStore,
  type DaemonStats,
  type LiveTrace,
} from '../../host/daemon/store.ts';
import { DEFAULT_SAMPLING } from '../../host/daemon/sampling.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { recordedSpanCount, spanOf } from '../../../shared/xray/trace.ts';
import type { CliCommand, CliIo } from '../types.ts';
import { CliFailure, UsageError, parse, printable, write } from '../util.ts';

export interface DaemonCliOptions {
  address: string;
  otlp?: string;
  out?: string;
  maxTraces: number;
  settleMs: number;
  reservoir: number;
  fixedRate: number;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    throw new UsageError(`${name} must be a whole number above 0, not "${value}".`);
  return Number(value);
}

/** Reads the daemon options shared by `daemon` and `serve --daemon`. */
export function daemonOptions(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): DaemonCliOptions {
  const otlp = values.otlp === undefined ? DEFAULT_OTLP_ADDRESS : String(values.otlp);
  const rate = values['sampling-rate'] === undefined ? DEFAULT_SAMPLING.fixedRate : Number(values['sampling-rate']);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new UsageError(`--sampling-rate must be a number from 0 to 1, not "${String(values['sampling-rate'])}".`);
  const reservoir = values.reservoir === undefined ? DEFAULT_SAMPLING.reservoir : Number(values.reservoir);
  if (!Number.isInteger(reservoir) || reservoir < 0)
    throw new UsageError(
      `--reservoir must be a whole number of requests per second, not "${String(values.reservoir)}".`,
    );
  return {
    address:
      typeof values.address === 'string' ? values.address : (env.AWS_XRAY_DAEMON_ADDRESS ?? DEFAULT_DAEMON_ADDRESS),
    otlp: otlp === 'off' ? undefined : otlp,
    out: typeof values.out === 'string' ? values.out : undefined,
    maxTraces: positiveInt(values['max-traces'] as string | undefined, '--max-traces', DEFAULT_MAX_TRACES),
    settleMs: positiveInt(values['settle-ms'] as string | undefined, '--settle-ms', DEFAULT_SETTLE_MS),
    reservoir,
    fixedRate: rate,
  };
}

export const DAEMON_OPTION_SPEC = {
  address: { type: 'string' },
  otlp: { type: 'string' },
  out: { type: 'string' },
  'max-traces': { type: 'string' },
  'settle-ms': { type: 'string' },
  reservoir: { type: 'string' },
  'sampling-rate': { type: 'string' },
} as const;

export const DAEMON_OPTION_HELP = [
  '  --address A         X-Ray daemon address: host:port, or "tcp:host:port udp:host:port"',
  '                      (default: $AWS_XRAY_DAEMON_ADDRESS, else 127.0.0.1:2000); loopback only',
  '  --otlp A            OTLP/HTTP receiver address (default 127.0.0.1:4318), or "off"',
  '  --out FILE.ndjson   write every document received, one per line (the file is replaced)',
  `  --max-traces N      keep the last N traces (default ${DEFAULT_MAX_TRACES}); older ones are dropped and counted`,
  `  --settle-ms N       a trace counts as complete after N ms without news (default ${DEFAULT_SETTLE_MS})`,
  '  --reservoir N       sampling rule: requests per second always traced (default 1)',
  '  --sampling-rate R   sampling rule: fraction traced beyond the reservoir (default 0.05)',
];

/** Starts the receiver with the CLI's options; bind failures become messages. */
export async function startDaemonFromCli(
  options: DaemonCliOptions,
  onAdd?: (text: string) => void,
): Promise<RunningDaemon> {
  const store = new LiveTraceStore({
    maxTraces: options.maxTraces,
    settleMs: options.settleMs,
    onAdd: onAdd && ((d) => onAdd(d.text)),
  });
  try {
    return await startDaemon({
      address: options.address,
      otlp: options.otlp,
      store,
      sampling: { reservoir: options.reservoir, fixedRate: options.fixedRate },
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      throw new CliFailure(
        `an address is already in use (${e.message.replace(/^.*EADDRINUSE\s*/, '')}); is an X-Ray daemon or collector running? Choose another with --address / --otlp.`,
      );
    }
    if (e.code === undefined) throw new UsageError(e.message);
    throw error;
  }
}

export function listeningLine(d: RunningDaemon): string {
  const parts = [`UDP ${d.udp.host}:${d.udp.port} (X-Ray daemon)`, `TCP ${d.tcp.host}:${d.tcp.port} (sampling)`];
  if (d.otlp) parts.push(`HTTP ${d.otlp.host}:${d.otlp.port}/v1/traces (OTLP)`);
  return `Listening on ${parts.join(', ')}.`;
}

export function statsLine(s: DaemonStats): string {
  const dropped = Object.entries(s.dropped)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `${s.accepted} document(s) accepted, ${s.traces} trace(s) kept (cap ${s.maxTraces})${dropped ? `; dropped: ${dropped}` : '; none dropped'}.`;
}

/** One line for a completed trace: id, start, duration, spans, root and flags, as `traces` prints them. */
export function traceLine(trace: LiveTrace, store: LiveTraceStore): string {
  const ds = loadXray([{ name: 'live', text: store.toNdjson([trace.id]) }]);
  const t = ds.traces[0];
  if (!t) return `${trace.id}  (no readable documents)`;
  // From the columns: the root's record alone, and the count the list shows (`recordedSpanCount`).
  const root = t.root >= 0 ? spanOf(t, t.root) : undefined;
  const spans = recordedSpanCount(t);
  const flags = [t.fault && 'fault', t.error && 'error', t.throttle && 'throttle', t.partial && 'partial']
    .filter(Boolean)
    .join(',');
  return `${t.id}  ${new Date(t.start * 1000).toISOString()}  ${t.durationMs.toFixed(1).padStart(9)} ms  ${String(spans).padStart(4)} spans  ${printable(root?.name ?? '-')}${flags ? `  [${flags}]` : ''}`;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Opens `--out` for writing (replacing it); a folder or an unwritable path is a clear failure. */
export function openOut(file: string, io: CliIo): fs.WriteStream {
  const abs = path.resolve(io.cwd, file);
  try {
    fs.writeFileSync(abs, '');
  } catch (error) {
    throw new CliFailure(`cannot write ${abs}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return fs.createWriteStream(abs, { flags: 'a' });
}

export const command: CliCommand = {
  name: 'daemon',
  summary: 'Receive traces from local apps: the X-Ray daemon protocol (UDP 2000) and OTLP/HTTP (4318), loopback only',
  usage: [
    'Usage: statescope daemon [--address 127.0.0.1:2000] [--otlp 127.0.0.1:4318] [--out FILE.ndjson]',
    '',
    'Stands in for the X-Ray daemon and an OpenTelemetry collector on this machine, without an AWS account:',
    'X-Ray SDKs send segment documents to UDP 2000 and ask the sampling rules on TCP 2000 (answered locally',
    'with the default rule); OpenTelemetry SDKs send OTLP/HTTP (JSON or protobuf) to POST /v1/traces.',
    'Nothing is forwarded anywhere. Prints one line per trace as it completes (stdout); Ctrl+C stops and prints',
    'the counts (stderr). Malformed, over-64-KB and non-loopback input is dropped and counted.',
    '',
    'Options:',
    ...DAEMON_OPTION_HELP,
    '  -h, --help          show this help',
    '',
    'Point an app at it: AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000 (X-Ray SDKs),',
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:4318/v1/traces (OpenTelemetry SDKs).',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, DAEMON_OPTION_SPEC, false);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}".`);
    const options = daemonOptions(values, io.env);
    const out = options.out ? openOut(options.out, io) : undefined;
    let daemon: RunningDaemon;
    try {
      daemon = await startDaemonFromCli(options, out && ((text) => out.write(`${text}\n`)));
    } catch (error) {
      out?.end();
      throw error;
    }
    daemon.onComplete((traces) => {
      for (const t of traces) write(io.stdout, traceLine(t, daemon.store));
    });
    write(io.stderr, listeningLine(daemon));
    write(io.stderr, 'Press Ctrl+C to stop.');
    await untilSignal();
    await daemon.close();
    if (out) await new Promise<void>((resolve) => out.end(() => resolve()));
    write(io.stderr, statsLine(daemon.store.stats()));
    return 0;
  },
};
