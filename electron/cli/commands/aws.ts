/**
 * `statescope aws`: read-only look at an AWS account from the terminal — state machines, executions, an
 * execution's per-state statuses, X-Ray traces and the service graph. The same read-only readers as the app.
 */
import readline from 'node:readline';
import { isHostError } from '../../host/errors.ts';
import { createAwsHandlers } from '../../host/aws/service.ts';
import {
  EXECUTION_STATUSES,
  type AwsConnectionArgs,
  type ExecutionStatusFilter,
  type ExecutionSummary,
} from '../../../shared/sfn/aws-types.ts';
import { ContractError, VALIDATORS } from '../../../shared/contract.ts';
import type { CliCommand, CliIo } from '../types.ts';
import { CliFailure, UsageError, parse, write } from '../util.ts';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m`, `1h`, `2d` → milliseconds; or an ISO time → that instant's distance from `now`. */
export function parseSince(value: string, now: number): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(value.trim());
  if (m) return Number(m[1]) * UNIT_MS[m[2]!]!;
  const t = Date.parse(value);
  if (Number.isFinite(t) && /^\d{4}-\d{2}-\d{2}/.test(value)) return now - t;
  throw new UsageError(`--since "${value}" is not a duration (30m, 1h, 2d) or an ISO time.`);
}

function ms(n: number | undefined): string {
  if (n === undefined) return '-';
  if (n < 1000) return `${n} ms`;
  if (n < 120_000) return `${(n / 1000).toFixed(1)} s`;
  return `${(n / 60_000).toFixed(1)} min`;
}

function table(rows: string[][]): string[] {
  if (!rows.length) return [];
  const widths = rows[0]!.map((_, i) => Math.min(60, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** Asks for an MFA code on the terminal: the prompt on stderr (stdout stays clean for --json), one line read. */
export function terminalMfaPrompt(io: CliIo): (serial: string, profile: string | undefined) => Promise<string> {
  return (serial, profile) =>
    new Promise<string>((resolve, reject) => {
      const input = io.stdin ?? process.stdin;
      const rl = readline.createInterface({ input, terminal: false });
      io.stderr.write(`MFA code for ${serial}${profile ? ` (profile ${profile})` : ''}: `);
      let answered = false;
      rl.once('line', (line) => {
        answered = true;
        rl.close();
        const code = line.trim();
        if (/^\d{6}$/.test(code)) resolve(code);
        else reject(new CliFailure(`"${code}" is not an MFA code (6 digits).`));
      });
      rl.once('close', () => {
        if (!answered) reject(new CliFailure('No MFA code was entered (input ended).'));
      });
    });
}

/** `--from`/`--to`: an ISO time, or a duration back from now (30m, 2d). */
function parseWhen(value: string, now: number, flag: string): number {
  if (/^\d+(?:\.\d+)?\s*[smhd]$/.test(value.trim())) return now - parseSince(value, now);
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new UsageError(`${flag} "${value}" is not an ISO time or a duration (30m, 2d).`);
  return t;
}

const SUBCOMMANDS = ['whoami', 'profiles', 'machines', 'executions', 'history', 'traces', 'service-graph'] as const;

const OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  json: { type: 'boolean' },
  search: { type: 'string' },
  type: { type: 'string' },
  status: { type: 'string' },
  max: { type: 'string' },
  since: { type: 'string' },
  filter: { type: 'string' },
  group: { type: 'string' },
  name: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  all: { type: 'boolean' },
  'next-token': { type: 'string' },
  timeout: { type: 'string' },
} as const;

type Values = ReturnType<typeof parse<typeof OPTIONS>>['values'];

/** What every subcommand gets: the read-only AWS handlers, the connection, the parsed flags and an output writer. */
interface SubcommandContext {
  handlers: ReturnType<typeof createAwsHandlers>;
  conn: AwsConnectionArgs;
  values: Values;
  arg: string | undefined;
  max: number | undefined;
  now: number;
  /** Prints `value` as JSON with --json, else the lines. */
  out: (value: unknown, lines: () => string[]) => void;
  /** The --since range, required by the X-Ray subcommands. */
  range: () => { startMs: number; endMs: number };
}

async function runWhoami({ handlers, conn, out }: SubcommandContext): Promise<void> {
  const id = await handlers['aws.connect'](conn);
  out(id, () => [
    `account  ${id.account}`,
    `arn      ${id.arn}`,
    `region   ${id.region}`,
    ...(id.endpoint ? [`endpoint ${id.endpoint}`] : []),
  ]);
}

async function runProfiles({ handlers, out }: SubcommandContext): Promise<void> {
  const p = await handlers['aws.profiles']({});
  out(p, () => [
    ...table([
      ['PROFILE', 'KIND', 'REGION'],
      ...p.profiles.map((x) => [x.name + (x.name === p.defaultProfile ? ' *' : ''), x.kind, x.region ?? '-']),
    ]),
    ...(p.profiles.length ? [] : ['(no profiles in the AWS config or credentials files)']),
  ]);
}

async function runMachines({ handlers, conn, values, out }: SubcommandContext): Promise<void> {
  const list = await handlers['aws.machines'](
    VALIDATORS['aws.machines']({ ...conn, search: values.search, type: values.type }),
  );
  out(list, () =>
    list.length
      ? table([['NAME', 'TYPE', 'ARN'], ...list.map((m) => [m.name, m.type ?? '-', m.stateMachineArn])])
      : ['(no state machines)'],
  );
}

async function runExecutions({ handlers, conn, values, arg, max, now, out }: SubcommandContext): Promise<void> {
  if (values.all && values.max !== undefined) throw new UsageError('--all and --max cannot be combined.');
  const base = {
    ...conn,
    stateMachineArn: arg,
    status: values.status as ExecutionStatusFilter | undefined,
    nameContains: values.name,
    startedAfter: values.from === undefined ? undefined : parseWhen(values.from, now, '--from'),
    startedBefore: values.to === undefined ? undefined : parseWhen(values.to, now, '--to'),
  };
  const executions: ExecutionSummary[] = [];
  let token = values['next-token'];
  let scanned = 0;
  for (;;) {
    const page = await handlers['aws.executions'](
      VALIDATORS['aws.executions']({
        ...base,
        pageSize: values.all ? 1000 : Math.min(1000, max ?? 100),
        nextToken: token,
      }),
    );
    executions.push(...page.executions);
    scanned += page.scanned ?? page.executions.length;
    token = page.nextToken;
    if (!token || (!values.all && executions.length >= (max ?? 100))) break;
  }
  const r = { executions, scanned, ...(token ? { nextToken: token } : {}) };
  out(r, () => [
    ...(executions.length
      ? table([
          ['STATUS', 'STARTED', 'ENDED', 'DURATION', 'NAME', 'ARN'],
          ...executions.map((e) => [
            e.status + (e.redriveCount ? ` (redriven ${e.redriveCount}x)` : ''),
            e.startDate ?? '-',
            e.stopDate ?? '-',
            e.startDate
              ? ms((e.stopDate ? Date.parse(e.stopDate) : now) - Date.parse(e.startDate)) +
                (e.stopDate ? '' : ' so far')
              : '-',
            e.name,
            e.executionArn,
          ]),
        ])
      : ['(no executions)']),
    ...(token ? [`(more: --next-token ${token}, or --all)`] : []),
  ]);
}

async function runHistory({ handlers, conn, arg, out }: SubcommandContext): Promise<void> {
  const h = await handlers['aws.history'](VALIDATORS['aws.history']({ ...conn, executionArn: arg }));
  const r = h.report;
  // The raw events make the JSON a history file: it opens in the app and in `graph --execution`.
  const value = {
    execution: h.execution,
    report: r,
    truncated: h.truncated,
    eventCount: h.events.length,
    events: h.events,
  };
  out(value, () => [
    `${String(h.execution.name ?? arg)}: ${r.status.toUpperCase()}  (${ms(r.durationMs)}, ${h.events.length} events${r.redrives.length ? `, redriven ${r.redrives.length}x` : ''})`,
    ...(r.error ? [`error: ${r.error}${r.cause ? ` — ${r.cause.slice(0, 200)}` : ''}`] : []),
    '',
    ...table([
      ['STATE', 'TYPE', 'STATUS', 'RUNS', 'TIME', 'RETRIES', 'ERROR'],
      ...Object.values(r.states).map((s) => [
        s.name,
        s.type,
        s.status,
        String(s.runs),
        ms(s.durationMs),
        String(s.retries),
        s.error ?? '',
      ]),
    ]),
    ...(h.truncated ? ['(history truncated)'] : []),
  ]);
}

async function runTraces({ handlers, conn, values, max, out, range }: SubcommandContext): Promise<void> {
  const r = await handlers['aws.traceSummaries'](
    VALIDATORS['aws.traceSummaries']({ ...conn, ...range(), filterExpression: values.filter, maxTraces: max }),
  );
  out(r, () => [
    ...(r.TraceSummaries.length
      ? table([
          ['TRACE ID', 'DURATION', 'HTTP', 'FLAGS', 'URL'],
          ...r.TraceSummaries.map((t) => {
            const http = (t.Http ?? {}) as { HttpStatus?: number; HttpURL?: string; HttpMethod?: string };
            const flags = [t.HasFault && 'fault', t.HasError && 'error', t.HasThrottle && 'throttle']
              .filter(Boolean)
              .join(',');
            return [
              String(t.Id),
              typeof t.Duration === 'number' ? `${Math.round(t.Duration * 1000)} ms` : '-',
              String(http.HttpStatus ?? '-'),
              flags || '-',
              `${http.HttpMethod ?? ''} ${http.HttpURL ?? ''}`.trim(),
            ];
          }),
        ])
      : ['(no traces in the range)']),
    `${r.TraceSummaries.length} trace(s), ${r.TracesProcessedCount} processed, ${r.windows} window(s)${r.truncated ? ' (limit reached; use --max)' : ''}`,
  ]);
}

async function runServiceGraph({ handlers, conn, values, out, range }: SubcommandContext): Promise<void> {
  const g = await handlers['aws.serviceGraph'](
    VALIDATORS['aws.serviceGraph']({ ...conn, ...range(), groupName: values.group }),
  );
  const names = new Map(g.Services.map((s) => [s.ReferenceId, String(s.Name ?? '?')]));
  out(g, () =>
    g.Services.length
      ? table([
          ['SERVICE', 'TYPE', 'REQUESTS', 'ERRORS', 'FAULTS', 'CALLS'],
          ...g.Services.map((s) => {
            const st = (s.SummaryStatistics ?? {}) as {
              TotalCount?: number;
              ErrorStatistics?: { TotalCount?: number };
              FaultStatistics?: { TotalCount?: number };
            };
            const calls = ((s.Edges ?? []) as { ReferenceId?: number }[])
              .map((e) => names.get(e.ReferenceId) ?? '?')
              .join(', ');
            return [
              String(s.Name ?? '?'),
              String(s.Type ?? '-'),
              String(st.TotalCount ?? '-'),
              String(st.ErrorStatistics?.TotalCount ?? '-'),
              String(st.FaultStatistics?.TotalCount ?? '-'),
              calls || '-',
            ];
          }),
        ])
      : ['(no services in the range)'],
  );
}

const RUNNERS: Record<(typeof SUBCOMMANDS)[number], (ctx: SubcommandContext) => Promise<void>> = {
  whoami: runWhoami,
  profiles: runProfiles,
  machines: runMachines,
  executions: runExecutions,
  history: runHistory,
  traces: runTraces,
  'service-graph': runServiceGraph,
};

export const command: CliCommand = {
  name: 'aws',
  summary: 'Read-only look at an AWS account: state machines, executions, histories, X-Ray traces',
  usage: [
    'Usage: statescope aws SUBCOMMAND [ARG] [--profile P] [--region R] [--endpoint-url URL] [--json]',
    '',
    'Subcommands (every one only reads; nothing in the account is changed):',
    '  whoami                      the account and ARN the credentials belong to',
    '  profiles                    profiles found in ~/.aws/config and ~/.aws/credentials',
    '  machines [--search S] [--type STANDARD|EXPRESS]',
    '                              state machines (all pages)',
    `  executions MACHINE_ARN [--status ${EXECUTION_STATUSES.join('|')}]`,
    '             [--name TEXT] [--from TIME] [--to TIME] [--max N | --all] [--next-token T]',
    '                              executions of a machine, newest first, a page of --max (default 100);',
    '                              --all reads every page; TIME is ISO (2026-01-31T10:00Z) or a duration back (2d)',
    '  history EXECUTION_ARN       what each state did: status, runs, duration, retries, error',
    '                              (--json: the execution, the analysis and the raw events; the saved file opens',
    '                              in the app and in `statescope graph --execution`)',
    '  traces --since 1h [--filter EXPR] [--max N]',
    '                              X-Ray trace summaries (ranges over 6 h are read in 6-hour windows)',
    '  service-graph --since 1h [--group NAME]',
    '                              the X-Ray service graph',
    '',
    'Options:',
    '  --profile P        AWS profile (default: AWS_PROFILE, else the default credential chain)',
    "  --region R         region (default: AWS_REGION, else the profile's region)",
    '  --endpoint-url URL another endpoint, e.g. LocalStack (default: STATESCOPE_AWS_ENDPOINT)',
    '  --timeout SECONDS  longest wait for one AWS call, retries included (default 30; STATESCOPE_AWS_TIMEOUT)',
    '  --json             print JSON',
    '  -h, --help         show this help',
    '',
    'Exit status: 0 done, 2 the call failed (no credentials, access denied, no network, bad arguments).',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    const [sub, arg, ...extra] = positionals;
    if (!sub) throw new UsageError(`a subcommand is required (${SUBCOMMANDS.join(', ')}).`);
    if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`unknown subcommand "${sub}".`);
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}".`);
    const needsArg = sub === 'executions' || sub === 'history';
    if (needsArg && !arg) throw new UsageError(`${sub} needs ${sub === 'history' ? 'EXECUTION_ARN' : 'MACHINE_ARN'}.`);
    if (!needsArg && arg) throw new UsageError(`${sub} takes no argument ("${arg}").`);
    const max = values.max === undefined ? undefined : Number(values.max);
    if (max !== undefined && (!Number.isSafeInteger(max) || max < 1))
      throw new UsageError('--max must be a positive integer.');

    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600))
      throw new UsageError('--timeout must be a number of seconds from 1 to 3600.');
    const handlers = createAwsHandlers({
      env: io.env,
      mfaPrompt: terminalMfaPrompt(io),
      // Retries are told as they start, on stderr (stdout stays clean for --json).
      onRetry: (r) =>
        void io.stderr.write(`retrying ${r.operation} (attempt ${r.attempt} of ${r.maxAttempts}) after ${r.reason}\n`),
      connection: {
        onForeignEndpoint: (message) => write(io.stderr, `statescope aws: note: ${message}`),
        ...(timeout !== undefined ? { requestTimeoutMs: Math.round(timeout * 1000) } : {}),
      },
    });
    const json = Boolean(values.json);
    const out = (value: unknown, lines: () => string[]) =>
      write(io.stdout, json ? JSON.stringify(value, null, 2) : lines().join('\n'));
    try {
      const conn: AwsConnectionArgs = VALIDATORS['aws.connect']({
        profile: values.profile,
        region: values.region,
        endpoint: values['endpoint-url'],
      });
      const now = Date.now();
      const range = () => {
        if (!values.since) throw new UsageError(`${sub} needs --since (for example --since 1h).`);
        return { startMs: now - parseSince(values.since, now), endMs: now };
      };
      await RUNNERS[sub as (typeof SUBCOMMANDS)[number]]({ handlers, conn, values, arg, max, now, out, range });
      return 0;
    } catch (error) {
      if (error instanceof ContractError) throw new UsageError(error.message);
      if (isHostError(error)) throw new CliFailure(error.message);
      throw error;
    }
  },
};
