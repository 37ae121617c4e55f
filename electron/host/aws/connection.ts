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
import { defaultProfileName, isRegionName, resolveRegion } from './profiles.ts';
import { createReadOnlyClient } from './read-only.ts';
import { createSfnReader, type SfnReader } from './sfn.ts';
import { createXrayReader, type XrayReader } from './xray.ts';

/** The environment variable that points every client at another endpoint (LocalStack, moto, a proxy). */
export const ENDPOINT_ENV = 'STATESCOPE_AWS_ENDPOINT';

/** Test and power-user hooks; production code passes only `env`. */
export interface ConnectionOptions {
  env?: NodeJS.ProcessEnv;
  /** Replaces the credential chain (tests use static keys for a local server). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | (() => Promise<{ accessKeyId: string; secretAccessKey: string }>);
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

/** Opens a connection (no network yet: the first call, usually `identity()`, talks to AWS). */
export async function createConnection(args: AwsConnectionArgs, options: ConnectionOptions = {}): Promise<AwsConnection> {
  const env = options.env ?? process.env;
  const profile = args.profile || (env.AWS_PROFILE ? defaultProfileName(env) : undefined);
  const region = await resolveRegion(profile, args.region, env);
  if (!region) {
    throw new HostError(
      `No region for profile "${profile ?? defaultProfileName(env)}": pick one, or set AWS_REGION.`,
      'aws-region',
      400,
    );
  }
  if (!isRegionName(region)) throw new HostError(`"${region}" is not a region name (example: us-east-1).`, 'aws-region', 400);
  const rawEndpoint = args.endpoint || env[ENDPOINT_ENV];
  const endpoint = rawEndpoint ? checkEndpoint(rawEndpoint) : undefined;
  if (endpoint && !isAwsHost(new URL(endpoint).hostname)) {
    options.onForeignEndpoint?.(
      `AWS requests${profile ? ` of profile "${profile}"` : ''} go to ${new URL(endpoint).host}, which is not an AWS endpoint; it receives your access key id and session token (signed requests).`,
    );
  }
  const credentials = options.credentials ?? fromNodeProviderChain(profile ? { profile } : {});
  const config = {
    region,
    credentials,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 5,
    ...(endpoint ? { endpoint } : {}),
    // Never wait forever: a dead network fails in seconds, a slow answer in half a minute.
    requestHandler: options.requestHandler ?? { connectionTimeout: 5_000, requestTimeout: 30_000 },
  };
  const sfnClient = tagErrors(createReadOnlyClient(SFNClient, config as SFNClientConfig));
  const xrayClient = tagErrors(createReadOnlyClient(XRayClient, config as XRayClientConfig));
  const stsClient = tagErrors(createReadOnlyClient(STSClient, config as STSClientConfig));
  const ctx: ErrorContext = { region, ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}) };
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
    clients: { sfn: sfnClient, xray: xrayClient, sts: stsClient },
  };
  if (profile) conn.profile = profile;
  if (endpoint) conn.endpoint = endpoint;
  return conn;
}
