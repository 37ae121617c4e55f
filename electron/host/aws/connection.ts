/**
 * One connection = one profile + region + endpoint, with its three read-only clients (Step Functions, X-Ray,
 * STS) and the readers over them. Credentials come from the SDK's node provider chain (env vars, shared files,
 * SSO, role_arn/source_profile, credential_process, web identity, container/instance metadata); they stay inside
 * the SDK and are never returned or logged.
 */
import { SFNClient, type SFNClientConfig } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { XRayClient, type XRayClientConfig } from '@aws-sdk/client-xray';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsConnectionArgs, AwsIdentity } from '../../../shared/sfn/aws-types.ts';
import { HostError } from '../errors.ts';
import { mapAwsError, type ErrorContext } from './errors.ts';
import {
  awsFilePaths,
  defaultProfileName,
  describeProfileChain,
  isRegionName,
  resolveRegion,
  type ProfileChain,
} from './profiles.ts';
import { createReadOnlyClient } from './read-only.ts';
import { createSfnReader, type SfnReader } from './sfn.ts';
import { createXrayReader, type XrayReader } from './xray.ts';

/** The environment variable that points every client at another endpoint (LocalStack, moto, a proxy). */
export const ENDPOINT_ENV = 'STATESCOPE_AWS_ENDPOINT';

/** The environment variable with the per-call time limit in seconds (default 30). */
export const TIMEOUT_ENV = 'STATESCOPE_AWS_TIMEOUT';

/** Default limits: a dead network fails in seconds, a silent endpoint in half a minute. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** One retry of an AWS call, as it starts. */
export interface RetryNotice {
  /** `ListExecutions`, … */
  operation: string;
  /** The attempt starting now (2 = first retry). */
  attempt: number;
  maxAttempts: number;
  /** What failed the attempt before (the AWS error name or network code). */
  reason: string;
}

/**
 * Reports retries as they start. The SDK's retry middleware (step finalizeRequest) calls the steps after it once
 * per attempt and numbers the attempt in the `amz-sdk-request` header; a middleware at the deserialize step sees
 * each attempt, remembers why one failed, and tells `onRetry` when the next begins.
 */
function reportRetries(
  client: { middlewareStack: { add: (...a: never[]) => void } },
  onRetry: (n: RetryNotice) => void,
): void {
  (client.middlewareStack.add as (mw: unknown, o: unknown) => void)(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string; statescopeLastError?: string }) =>
      async (args: { request?: { headers?: Record<string, string> } }) => {
        const header = args.request?.headers?.['amz-sdk-request'] ?? '';
        const attempt = Number(/attempt=(\d+)/.exec(header)?.[1] ?? 1);
        const max = Number(/max=(\d+)/.exec(header)?.[1] ?? 1);
        if (attempt > 1) {
          try {
            onRetry({
              operation: (context.commandName ?? '').replace(/Command$/, ''),
              attempt,
              maxAttempts: max,
              reason: context.statescopeLastError ?? 'an error',
            });
          } catch {
            // a listener's failure is not the call's failure
          }
        }
        try {
          return await next(args);
        } catch (err) {
          const e = err as { name?: string; code?: string };
          context.statescopeLastError =
            e.code && e.code !== e.name ? `${e.name ?? 'Error'} (${e.code})` : (e.name ?? 'Error');
          throw err;
        }
      },
    { step: 'deserialize', priority: 'high', name: 'statescopeReportRetries', override: true },
  );
}

/** Test and power-user hooks; production code passes only `env`. */
export interface ConnectionOptions {
  /** Longest wait for a TCP/TLS connection (default 5 s). */
  connectTimeoutMs?: number;
  /**
   * Longest wait for one AWS call, retries included (default 30 s, or STATESCOPE_AWS_TIMEOUT seconds). Each
   * attempt is also cut at this limit by the HTTP handler; past it the call is aborted, never left running.
   */
  requestTimeoutMs?: number;
  /** Told before each retry of a call (attempt 2 onward), while it happens. */
  onRetry?: (info: RetryNotice) => void;
  /** Asks for the code of an MFA device (profiles with `mfa_serial`); without it such profiles fail clearly. */
  mfaCode?: (serial: string) => Promise<string>;
  env?: NodeJS.ProcessEnv;
  /** Replaces the credential chain (tests use static keys for a local server). */
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
    | (() => Promise<{ accessKeyId: string; secretAccessKey: string }>);
  /** Replaces the HTTP handler (tests record what would be sent). */
  requestHandler?: unknown;
  /** Attempts per call with adaptive retry (default 5). */
  maxAttempts?: number;
  /**
   * Told, before the first signed request, that this connection sends to a host that is not AWS (LocalStack, a
   * proxy): the user sees where their key id and session token go. The app shows it as a notice, the CLI on stderr.
   */
  onForeignEndpoint?: (message: string) => void;
}

export interface AwsConnection {
  profile?: string;
  region: string;
  endpoint?: string;
  sfn: SfnReader;
  xray: XrayReader;
  identity(): Promise<AwsIdentity>;
  /** Aborts every call of this connection still running; returns how many there were. */
  cancelAll(): number;
  /** The per-call limit in ms. */
  requestTimeoutMs: number;
  /** The raw read-only clients, for tests that prove the allowlist. */
  clients: { sfn: SFNClient; xray: XRayClient; sts: STSClient };
}

/** 127.0.0.0/8, ::1 and localhost: this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Hosts of AWS's own endpoints (commercial, China, the dual-stack `api.aws`). */
export function isAwsHost(hostname: string): boolean {
  return /(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws)$/i.test(hostname);
}

/**
 * Checks an endpoint URL: https to any host, or plain http only to this computer (LocalStack, moto), since every
 * request carries the key id and session token and is signed; no credentials in the URL.
 */
export function checkEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HostError(`The endpoint "${value}" is not a URL (example: http://127.0.0.1:4566).`, 'aws-endpoint', 400);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HostError(`The endpoint must start with http:// or https:// (got ${url.protocol}).`, 'aws-endpoint', 400);
  }
  if (url.username || url.password) {
    throw new HostError('The endpoint URL must not contain a user name or password.', 'aws-endpoint', 400);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new HostError(
      `The endpoint ${url.origin} would receive your signed requests (key id, session token) unencrypted: use https://, or http:// only to this computer (127.0.0.1, localhost).`,
      'aws-endpoint',
      400,
    );
  }
  return value.replace(/\/+$/, '');
}

/** Adds a middleware that notes which command failed, so error messages can name the IAM action. */
function tagErrors<C extends { middlewareStack: { add: (...a: never[]) => void } }>(client: C): C {
  (client.middlewareStack.add as (mw: unknown, o: unknown) => void)(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (err) {
        if (err && typeof err === 'object' && !('$command' in err)) {
          Object.defineProperty(err, '$command', { value: context.commandName, enumerable: false });
        }
        throw err;
      }
    },
    { step: 'initialize', priority: 'low', name: 'statescopeTagErrors', override: true },
  );
  return client;
}

/** Wraps every method of a reader so errors come out as mapped `HostError`s. */
function mapErrors<T extends object>(reader: T, ctx: ErrorContext): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(reader)) {
    out[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (err) {
        if (err instanceof RangeError) throw new HostError(err.message, 'aws-invalid-request', 400);
        const command = (err as { $command?: string } | null)?.$command;
        throw mapAwsError(err, { ...ctx, ...(command ? { command } : {}) });
      }
    };
  }
  return out as T;
}

/** The reason an operation was stopped by us: the time limit or the user's Cancel. */
export class CallStopped extends Error {
  constructor(
    readonly why: 'timeout' | 'cancelled',
    readonly limitMs: number,
  ) {
    super(why === 'timeout' ? `no answer within ${limitMs} ms` : 'cancelled');
    this.name = why === 'timeout' ? 'StatescopeTimeout' : 'StatescopeCancelled';
  }
}

/**
 * Every `send` gets an AbortSignal that fires at the time limit or on `cancelAll()`, and the promise is raced
 * against it: the HTTP request is destroyed by the handler, and a step the signal cannot reach (credential
 * resolution, a stuck retry back-off) still ends our wait at the limit.
 */
function guardSend(
  client: { send: (...a: never[]) => Promise<unknown> },
  limitMs: number,
  inflight: Set<AbortController>,
): void {
  const send = (client.send as (c: unknown, o?: Record<string, unknown>) => Promise<unknown>).bind(client);
  (client as { send: unknown }).send = (command: unknown, options?: Record<string, unknown>) => {
    const ctl = new AbortController();
    inflight.add(ctl);
    const timer = setTimeout(() => ctl.abort(new CallStopped('timeout', limitMs)), limitMs);
    const stopped = new Promise<never>((_, reject) => {
      ctl.signal.addEventListener(
        'abort',
        () => {
          const reason = ctl.signal.reason as Error;
          const name = (command as { constructor?: { name?: string } })?.constructor?.name;
          if (name) Object.defineProperty(reason, '$command', { value: name, enumerable: false, configurable: true });
          reject(reason);
        },
        { once: true },
      );
    });
    const call = send(command, { ...options, abortSignal: ctl.signal });
    call.catch(() => undefined); // settled later than the race when stopped: not an unhandled rejection
    return Promise.race([call, stopped]).finally(() => {
      clearTimeout(timer);
      inflight.delete(ctl);
    });
  };
}

/**
 * The SDK prints a multi-line NodeVersionSupportWarning on Node lines it plans to drop. On the Node versions
 * Statescope supports (>= 22.12, package.json engines) the warning tells the user nothing they can act on.
 */
export function silenceSdkNodeWarning(env: NodeJS.ProcessEnv = process.env, version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const supported = major > 22 || (major === 22 && minor >= 12);
  if (supported && env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  }
  return supported;
}

/** Reads STATESCOPE_AWS_TIMEOUT (seconds); a bad value is refused rather than ignored. */
function timeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[TIMEOUT_ENV];
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new HostError(
      `${TIMEOUT_ENV}="${raw}" is not a number of seconds from 1 to 3600.`,
      'aws-invalid-request',
      400,
    );
  }
  return Math.round(seconds * 1000);
}

/** Checks that a named profile exists and that its `source_profile` links lead somewhere. */
async function checkProfile(profile: string, env: NodeJS.ProcessEnv): Promise<ProfileChain> {
  const chain = await describeProfileChain(profile, env);
  if (!chain.exists) {
    throw new HostError(
      `There is no profile named "${profile}" in ${chain.files.config} or ${chain.files.credentials}. ` +
        'Pick one of the listed profiles, or add it with: aws configure --profile ' +
        profile,
      'aws-unknown-profile',
      400,
    );
  }
  const last = chain.chain[chain.chain.length - 1];
  const missing = last?.settings.role_arn ? last.settings.source_profile : undefined;
  if (missing && !chain.chain.some((c) => c.name === missing)) {
    throw new HostError(
      `Profile "${last!.name}" takes its credentials from source_profile "${missing}", but there is no profile named "${missing}" in ${chain.files.config} or ${chain.files.credentials}.`,
      'aws-unknown-profile',
      400,
    );
  }
  return chain;
}

/** Marks errors from credential resolution, so messages can tell a login problem (or STS) from the service call. */
function tagCredentialErrors<T>(provider: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await provider();
    } catch (err) {
      if (err && typeof err === 'object')
        Object.defineProperty(err, '$credentials', { value: true, enumerable: false, configurable: true });
      throw err;
    }
  };
}

/** Opens a connection (no network yet: the first call, usually `identity()`, talks to AWS). */
export async function createConnection(
  args: AwsConnectionArgs,
  options: ConnectionOptions = {},
): Promise<AwsConnection> {
  const env = options.env ?? process.env;
  silenceSdkNodeWarning();
  const profile = args.profile || (env.AWS_PROFILE ? defaultProfileName(env) : undefined);
  // An explicit profile must exist: otherwise the SDK's message talks about missing credentials or the region.
  const chain = profile && !options.credentials ? await checkProfile(profile, env) : undefined;
  const region = await resolveRegion(profile, args.region, env);
  if (!region) {
    throw new HostError(
      `No region for profile "${profile ?? defaultProfileName(env)}": pick one, or set AWS_REGION.`,
      'aws-region',
      400,
    );
  }
  if (!isRegionName(region))
    throw new HostError(`"${region}" is not a region name (example: us-east-1).`, 'aws-region', 400);
  const rawEndpoint = args.endpoint || env[ENDPOINT_ENV];
  const endpoint = rawEndpoint ? checkEndpoint(rawEndpoint) : undefined;
  if (endpoint && !isAwsHost(new URL(endpoint).hostname)) {
    options.onForeignEndpoint?.(
      `AWS requests${profile ? ` of profile "${profile}"` : ''} go to ${new URL(endpoint).host}, which is not an AWS endpoint; it receives your access key id and session token (signed requests).`,
    );
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? timeoutFromEnv(env) ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // throwOnRequestTimeout: without it this @smithy/node-http-handler only logs a warning at requestTimeout.
  const requestHandler = options.requestHandler ?? {
    connectionTimeout: connectTimeoutMs,
    requestTimeout: requestTimeoutMs,
    throwOnRequestTimeout: true,
  };
  const files = awsFilePaths(env);
  // ignoreCache: the shared files are read again by every new connection, so an edited file counts at once.
  // Keys in the given environment come first, as in the SDK's chain (which reads process.env, not `env`).
  const envKeys =
    !profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  const credentials =
    options.credentials ??
    envKeys ??
    tagCredentialErrors(
      fromNodeProviderChain({
        ...(profile ? { profile } : {}),
        ignoreCache: true,
        filepath: files.credentials,
        configFilepath: files.config,
        ...(options.mfaCode ? { mfaCodeProvider: options.mfaCode } : {}),
        // The STS calls that assume roles go where the other calls go (LocalStack and moto answer STS too).
        clientConfig: { requestHandler, ...(endpoint ? { endpoint } : {}) },
      }),
    );
  const config = {
    region,
    credentials,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 5,
    ...(endpoint ? { endpoint } : {}),
    requestHandler,
  };
  const inflight = new Set<AbortController>();
  const sfnClient = tagErrors(createReadOnlyClient(SFNClient, config as SFNClientConfig));
  const xrayClient = tagErrors(createReadOnlyClient(XRayClient, config as XRayClientConfig));
  const stsClient = tagErrors(createReadOnlyClient(STSClient, config as STSClientConfig));
  for (const c of [sfnClient, xrayClient, stsClient]) {
    guardSend(c as never, requestTimeoutMs, inflight);
    if (options.onRetry) reportRetries(c as never, options.onRetry);
  }
  const ctx: ErrorContext = {
    region,
    ...(profile ? { profile } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(chain ? { chain } : {}),
  };
  const identity = mapErrors(
    {
      async identity(): Promise<AwsIdentity> {
        const out = await stsClient.send(new GetCallerIdentityCommand({}));
        const id: AwsIdentity = { account: out.Account ?? '', arn: out.Arn ?? '', region };
        if (out.UserId) id.userId = out.UserId;
        if (profile) id.profile = profile;
        if (endpoint) id.endpoint = endpoint;
        return id;
      },
    },
    ctx,
  );
  const conn: AwsConnection = {
    region,
    sfn: mapErrors(createSfnReader(sfnClient), ctx),
    xray: mapErrors(createXrayReader(xrayClient), ctx),
    identity: identity.identity,
    requestTimeoutMs,
    cancelAll() {
      const n = inflight.size;
      for (const c of [...inflight]) c.abort(new CallStopped('cancelled', requestTimeoutMs));
      return n;
    },
    clients: { sfn: sfnClient, xray: xrayClient, sts: stsClient },
  };
  if (profile) conn.profile = profile;
  if (endpoint) conn.endpoint = endpoint;
  return conn;
}
