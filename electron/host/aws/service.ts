/**
 * The `aws.*` contract methods, served from connections cached per (profile, region, endpoint). Plain Node, no
 * `electron` import: the Electron host, the web-mode bridge and the CLI all use this one implementation.
 */
import type { Handlers } from '../../../shared/contract.ts';
import type { AwsConnectionArgs, AwsExecutionHistory, AwsProfiles } from '../../../shared/sfn/aws-types.ts';
import { analyzeHistory } from '../../../shared/sfn/history.ts';
import { HostError, isHostError } from '../errors.ts';
import { ENDPOINT_ENV, createConnection, type AwsConnection, type ConnectionOptions } from './connection.ts';
import { REGIONS, defaultProfileName, listProfiles } from './profiles.ts';

type AwsMethod = Extract<keyof Handlers, `aws.${string}`>;
/** The handlers of the `aws` group. */
export type AwsHandlers = Pick<Handlers, AwsMethod>;

export interface AwsServiceOptions {
  env: NodeJS.ProcessEnv;
  /** Test hooks passed to every connection (static credentials, request handler, attempts). */
  connection?: Omit<ConnectionOptions, 'env'>;
  /** Told when a call is retried, while it happens (the app shows it; the CLI prints it on stderr). */
  onRetry?: ConnectionOptions['onRetry'];
  /** Asks for an MFA code when a profile needs one (the CLI prompts on the terminal). */
  mfaPrompt?: (serial: string, profile: string | undefined) => Promise<string>;
}

/** Errors after which the connection is made again on the next call, so fixed files or a new login count at once. */
const RECONNECT_CODES = new Set([
  'aws-no-credentials',
  'aws-bad-credentials',
  'aws-credentials-expired',
  'aws-sso-expired',
  'aws-mfa-required',
  'aws-sts',
  'aws-unknown-profile',
  'aws-access-denied',
]);

/** Connections by profile/region/endpoint, made on first use, reused, and dropped after a failed login. */
function createConnectionCache(options: AwsServiceOptions) {
  const { env } = options;
  const cache = new Map<string, Promise<AwsConnection>>();
  const keyOf = (args: AwsConnectionArgs) =>
    JSON.stringify([args.profile ?? '', args.region ?? '', args.endpoint ?? '']);
  const mfaCodeFor = (args: AwsConnectionArgs) => {
    const once = args.mfaCode;
    let used = false;
    if (once)
      return async () => {
        // A typed code is good for one AssumeRole; a later one (after the role's session ends) asks again.
        if (used) throw new HostError('The MFA code was used already: enter a new one.', 'aws-mfa-required', 401);
        used = true;
        return once;
      };
    return options.mfaPrompt ? (serial: string) => options.mfaPrompt!(serial, args.profile) : undefined;
  };
  const open = (args: AwsConnectionArgs, fresh = false): Promise<AwsConnection> => {
    const key = keyOf(args);
    let c = fresh ? undefined : cache.get(key);
    if (!c) {
      const mfaCode = mfaCodeFor(args);
      c = createConnection(args, {
        ...options.connection,
        env,
        ...(mfaCode ? { mfaCode } : {}),
        ...(options.onRetry && !options.connection?.onRetry ? { onRetry: options.onRetry } : {}),
      });
      cache.set(key, c);
      // A connection that could not be made (no region, bad endpoint) is not kept: the user fixes and retries.
      c.catch(() => cache.get(key) === c && cache.delete(key));
      if (cache.size > 16) cache.delete(cache.keys().next().value!);
    }
    return c;
  };
  const cancelAll = async () => {
    let cancelled = 0;
    for (const c of cache.values())
      cancelled += await c.then(
        (x) => x.cancelAll(),
        () => 0,
      );
    return cancelled;
  };
  return { open, cancelAll, drop: (args: AwsConnectionArgs) => cache.delete(keyOf(args)) };
}

/** A missing permission or a vanished resource on an optional extra call leaves the main answer intact. */
function optionalCall(err: unknown): undefined {
  if (isHostError(err) && (err.code === 'aws-access-denied' || err.code === 'aws-not-found')) return undefined;
  throw err;
}

/** One page (with filters or a token) or the newest executions up to `maxItems`. */
async function listExecutions(
  c: AwsConnection,
  args: Omit<Parameters<AwsHandlers['aws.executions']>[0], keyof AwsConnectionArgs>,
) {
  const { stateMachineArn, status, maxItems, pageSize, nextToken, nameContains, startedAfter, startedBefore } = args;
  const paged = [pageSize, nextToken, nameContains, startedAfter, startedBefore].some((v) => v !== undefined);
  if (!paged)
    return c.sfn.listExecutions({ stateMachineArn, ...(status ? { status } : {}), ...(maxItems ? { maxItems } : {}) });
  const page = await c.sfn.listExecutionsPage({
    stateMachineArn,
    ...(status ? { status } : {}),
    ...(pageSize ? { pageSize } : {}),
    ...(nextToken ? { nextToken } : {}),
    ...(nameContains ? { nameContains } : {}),
    ...(startedAfter !== undefined ? { startedAfter } : {}),
    ...(startedBefore !== undefined ? { startedBefore } : {}),
  });
  return {
    executions: page.executions,
    truncated: Boolean(page.nextToken),
    scanned: page.scanned,
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/** The execution, its whole history analysed, and its definition when the role may read it. */
async function executionHistory(c: AwsConnection, executionArn: string): Promise<AwsExecutionHistory> {
  const [execution, history, definition] = await Promise.all([
    c.sfn.describeExecution(executionArn),
    c.sfn.getExecutionHistory(executionArn),
    // The definition is a convenience: a role without DescribeStateMachineForExecution still gets the history.
    c.sfn.describeStateMachineForExecution(executionArn).catch(optionalCall),
  ]);
  let report;
  try {
    report = analyzeHistory({ events: history.events });
  } catch (err) {
    throw new HostError(`The execution history could not be read: ${(err as Error).message}`, 'aws-history', 502);
  }
  const out: AwsExecutionHistory = { execution, events: history.events, truncated: history.truncated, report };
  if (definition) out.definition = definition;
  return out;
}

/** The Map Runs of an execution; DescribeMapRun adds status and item counts to the first 50, four at a time. */
async function mapRuns(c: AwsConnection, executionArn: string): Promise<Record<string, unknown>[]> {
  const runs = await c.sfn.listMapRuns(executionArn);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < runs.length; i += 4) {
    const batch = runs.slice(i, i + 4);
    out.push(
      ...(await Promise.all(
        batch.map(async (r) => {
          if (i >= 50 || typeof r.mapRunArn !== 'string') return r;
          // A run that cannot be described keeps its list entry.
          return { ...r, ...((await c.sfn.describeMapRun(r.mapRunArn).catch(optionalCall)) ?? {}) };
        }),
      )),
    );
  }
  return out;
}

/** Builds the `aws.*` handlers. Connections are made on first use and reused. */
export function createAwsHandlers(options: AwsServiceOptions): AwsHandlers {
  const { env } = options;
  const connections = createConnectionCache(options);
  const connect = (args: AwsConnectionArgs) => connections.open(args);

  const handlers: AwsHandlers = {
    'aws.profiles': async (): Promise<AwsProfiles> => {
      const out: AwsProfiles = {
        profiles: await listProfiles(env),
        defaultProfile: defaultProfileName(env),
        regions: [...REGIONS],
      };
      const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
      if (region) out.defaultRegion = region;
      if (env[ENDPOINT_ENV]) out.endpoint = env[ENDPOINT_ENV];
      return out;
    },
    // Connect always builds a new connection: credentials are resolved afresh from the files and the login.
    'aws.connect': async (args) => (await connections.open(args, true)).identity(),
    'aws.cancel': async () => ({ cancelled: await connections.cancelAll() }),
    'aws.machines': async ({ search, type, ...conn }) =>
      (await connect(conn)).sfn.listStateMachines({ ...(search ? { search } : {}), ...(type ? { type } : {}) }),
    'aws.describeMachine': async ({ stateMachineArn, ...conn }) =>
      (await connect(conn)).sfn.describeStateMachine(stateMachineArn),
    'aws.executions': async ({ profile, region, endpoint, mfaCode, ...args }) =>
      listExecutions(await connect({ profile, region, endpoint, mfaCode }), args),
    'aws.history': async ({ executionArn, ...conn }) => executionHistory(await connect(conn), executionArn),
    'aws.mapRuns': async ({ executionArn, ...conn }) => mapRuns(await connect(conn), executionArn),
    'aws.xrayGroups': async (conn) => (await connect(conn)).xray.getGroups(),
    'aws.serviceGraph': async ({ startMs, endMs, groupName, ...conn }) =>
      (await connect(conn)).xray.getServiceGraph({ startMs, endMs, ...(groupName ? { groupName } : {}) }),
    'aws.traceSummaries': async ({ startMs, endMs, filterExpression, maxTraces, ...conn }) =>
      (await connect(conn)).xray.getTraceSummaries({
        startMs,
        endMs,
        ...(filterExpression ? { filterExpression } : {}),
        ...(maxTraces ? { maxTraces } : {}),
      }),
    'aws.batchGetTraces': async ({ traceIds, ...conn }) => (await connect(conn)).xray.batchGetTraces(traceIds),
    'aws.traceGraph': async ({ traceIds, ...conn }) => (await connect(conn)).xray.getTraceGraph(traceIds),
  };
  // A login-type failure drops the connection, so the next call (a Retry) resolves the credentials afresh.
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(handlers)) {
    wrapped[name] = async (args: AwsConnectionArgs) => {
      try {
        return await (fn as (a: AwsConnectionArgs) => Promise<unknown>)(args);
      } catch (err) {
        if (isHostError(err) && RECONNECT_CODES.has(err.code) && args && typeof args === 'object')
          connections.drop(args);
        throw err;
      }
    };
  }
  return wrapped as AwsHandlers;
}
