/**
 * Turns what the AWS SDK throws into messages a person can act on: which login to renew, which IAM action is
 * missing, that AWS throttled us, that the endpoint cannot be reached. Messages never carry credentials.
 */
import { HostError, isHostError } from '../errors.ts';
import type { ProfileChain } from './profiles.ts';
import { IAM_ACTIONS } from './read-only.ts';

/** What the caller knows when the error happened, to make the message specific. */
export interface ErrorContext {
  profile?: string;
  region?: string;
  endpoint?: string;
  /** The SDK command name (`ListExecutionsCommand`), to name the IAM action. */
  command?: string;
  /** The profile's `source_profile` chain (names and non-secret settings), to name the SSO source or the role. */
  chain?: ProfileChain;
}

/** OpenSSL / Node TLS error codes, each with what it means for the user. */
const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server presented a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed certificate (a TLS-inspecting proxy?)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate could not be verified (its issuer is unknown)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    "the certificate's issuer is not trusted on this computer (a corporate proxy? set NODE_EXTRA_CA_CERTS to its CA file)",
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet (is the computer's clock right?)",
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS there (try http:// instead of https://)',
  EPROTO: 'the TLS handshake failed (is the endpoint http:// rather than https://?)',
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const THROTTLE =
  /^(Throttling|ThrottlingException|ThrottledException|TooManyRequestsException|RequestLimitExceeded|RequestThrottled|RequestThrottledException|SlowDown|ProvisionedThroughputExceededException)$/;

/** Removes anything shaped like an access key id or a long secret from a message before it is shown or logged. */
export function scrub(message: string): string {
  return message
    .replace(/\b(AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '[key id]')
    .replace(/\b[A-Za-z0-9/+]{40}\b/g, '[redacted]');
}

function field(err: unknown, key: string): unknown {
  return err !== null && typeof err === 'object' ? (err as Record<string, unknown>)[key] : undefined;
}

function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = field(e, 'cause'), depth++) {
    const code = field(e, 'code');
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    const errors = field(e, 'errors');
    if (Array.isArray(errors))
      for (const x of errors) {
        const c = field(x, 'code');
        if (typeof c === 'string' && NETWORK_CODES.has(c)) return c;
      }
  }
  return undefined;
}

function errorCodes(err: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 5; e = field(e, 'cause'), depth++) {
    const code = field(e, 'code');
    if (typeof code === 'string') out.push(code);
  }
  return out;
}

/** The `aws sso login` command for the profile's SSO source, and a sentence naming that source. */
function ssoAdvice(ctx: ErrorContext): { command: string; source: string } {
  const profile = ctx.profile || 'default';
  const sso = ctx.chain?.sso;
  if (!sso) return { command: `aws sso login --profile ${profile}`, source: `profile "${profile}"` };
  const via =
    sso.profile === profile
      ? `profile "${profile}"`
      : `profile "${profile}" (its credentials come from SSO profile "${sso.profile}")`;
  return {
    command: sso.session ? `aws sso login --sso-session ${sso.session}` : `aws sso login --profile ${sso.profile}`,
    source: sso.session ? `${via}, SSO session "${sso.session}"` : via,
  };
}

/** What the mapping rules look at, read once from the error and the call's context. */
interface ErrorFacts {
  err: unknown;
  ctx: ErrorContext;
  name: string;
  rawMessage: string;
  profile: string;
  where: string;
  action: string | undefined;
  status: number;
  attempts: number;
  fromCredentials: boolean;
  codes: string[];
}

function errorFacts(err: unknown, ctx: ErrorContext): ErrorFacts {
  return {
    err,
    ctx,
    name: String(field(err, 'name') ?? field(err, 'Code') ?? 'Error'),
    rawMessage: scrub(String(field(err, 'message') ?? err)),
    profile: ctx.profile || 'default',
    where: ctx.endpoint ? `endpoint ${ctx.endpoint}` : `region ${ctx.region ?? '(none)'}`,
    action: ctx.command ? IAM_ACTIONS[ctx.command] : undefined,
    status: Number((field(err, '$metadata') as { httpStatusCode?: number } | undefined)?.httpStatusCode),
    attempts: Number((field(err, '$metadata') as { attempts?: number } | undefined)?.attempts),
    fromCredentials: field(err, '$credentials') === true,
    codes: errorCodes(err),
  };
}

/** Time limits, TLS, and everything about getting credentials: MFA, STS, SSO, missing or rejected keys. */
function loginError(f: ErrorFacts): HostError | undefined {
  const { err, ctx, name, rawMessage, profile, where, fromCredentials, codes } = f;

  if (name === 'StatescopeTimeout' || name === 'StatescopeCancelled') {
    const limitMs = Number(field(err, 'limitMs'));
    const op = ctx.command ? ` (${ctx.command.replace(/Command$/, '')})` : '';
    if (name === 'StatescopeCancelled')
      return new HostError(`Cancelled${op}: the request to ${where} was stopped.`, 'aws-cancelled', 499);
    return new HostError(
      `No answer from ${where}${op} within ${Math.round(limitMs / 100) / 10} s, so the request was stopped. ` +
        'The endpoint accepted the connection but did not respond: check the endpoint URL, a proxy or VPN, or raise the limit (--timeout, or STATESCOPE_AWS_TIMEOUT in seconds).',
      'aws-timeout',
      504,
    );
  }
  const tls = /wrong version number|packet length too long/i.test(rawMessage)
    ? 'ERR_SSL_WRONG_VERSION_NUMBER'
    : codes.find((c) => c in TLS_CODES);
  if (tls) {
    return new HostError(`Secure connection to ${where} failed: ${TLS_CODES[tls]} (${tls}).`, 'aws-tls', 502);
  }
  if (/requires multi-factor authentication/i.test(rawMessage)) {
    const serial = ctx.chain?.mfaSerial;
    return new HostError(
      `Profile "${profile}" needs a code from its MFA device${serial ? ` (${serial})` : ''} to assume its role: enter the code.`,
      'aws-mfa-required',
      401,
    );
  }
  if (fromCredentials && (field(err, '$metadata') !== undefined || field(err, '$fault') !== undefined)) {
    const role = ctx.chain?.chain.find((c) => c.settings.role_arn)?.settings.role_arn;
    const sts = ctx.endpoint ? `STS at ${ctx.endpoint}` : `STS (sts.${ctx.region ?? 'us-east-1'}.amazonaws.com)`;
    return new HostError(
      `${sts} refused the credentials for profile "${profile}"${role ? ` (AssumeRole ${role})` : ''}: ${name}: ${rawMessage}. ` +
        "Check the role's trust policy, the source profile's keys and, for MFA, the code.",
      'aws-sts',
      401,
    );
  }

  if (
    name === 'TokenProviderError' ||
    /sso.*(expired|refresh)|token.*expired.*sso|The SSO session associated with this profile|aws sso login|SSO Token|sso session token/i.test(
      rawMessage,
    ) ||
    (fromCredentials && ctx.chain?.sso && (name === 'CredentialsProviderError' || /sso|token/i.test(rawMessage)))
  ) {
    const { command, source } = ssoAdvice(ctx);
    return new HostError(
      `The SSO login of ${source} has expired or was never made. Run: ${command}`,
      'aws-sso-expired',
      401,
    );
  }
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|Unable to locate credentials/i.test(rawMessage)
  ) {
    return new HostError(
      `No AWS credentials found for ${ctx.profile ? `profile "${profile}"` : 'the default credential chain (no AWS_PROFILE, no keys in the environment, no default profile)'}. Check ~/.aws/config and ~/.aws/credentials, ` +
        `or set AWS_PROFILE (detail: ${rawMessage})`,
      'aws-no-credentials',
      401,
    );
  }
  if (/^(ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(name)) {
    return new HostError(
      `The credentials of profile "${profile}" have expired. Log in again${ctx.chain?.sso ? ` (${ssoAdvice(ctx).command})` : ''}.`,
      'aws-credentials-expired',
      401,
    );
  }
  if (
    /^(UnrecognizedClientException|InvalidClientTokenId|InvalidSignatureException|SignatureDoesNotMatch|IncompleteSignature)$/.test(
      name,
    )
  ) {
    return new HostError(
      `AWS did not accept the credentials of profile "${profile}" (${name}). They may be wrong, or belong to another partition or ${where}.`,
      'aws-bad-credentials',
      401,
    );
  }
  return undefined;
}

/** What the service itself answered (access, throttling), the network, and the fallbacks. */
function serviceError(f: ErrorFacts): HostError {
  const { err, ctx, name, rawMessage, profile, where, action, status, attempts, fromCredentials } = f;
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(name) || status === 403) {
    const fromMessage = /perform:\s*([a-z0-9-]+:[A-Za-z]+)/.exec(rawMessage)?.[1];
    const missing = fromMessage ?? action;
    return new HostError(
      missing
        ? `Access denied: profile "${profile}" is not allowed ${missing}. Add it to the IAM policy (read-only actions only).`
        : `Access denied for profile "${profile}": ${rawMessage}`,
      'aws-access-denied',
      403,
    );
  }
  if (THROTTLE.test(name) || status === 429 || /rate exceeded|throttl/i.test(rawMessage)) {
    const op = ctx.command ? ctx.command.replace(/Command$/, '') : 'these calls';
    return new HostError(
      `AWS throttled ${op}${Number.isFinite(attempts) && attempts > 1 ? ` (still throttled after ${attempts} attempts with adaptive backoff)` : ''}. ` +
        "The account's API rate is shared with every tool and pipeline using it: wait a minute and retry; if it keeps happening, " +
        'look at what else calls Step Functions or X-Ray in this account, or ask for a higher quota in Service Quotas.',
      'aws-throttled',
      429,
    );
  }
  if (name === 'TimeoutError' && /without establishing a connection/i.test(rawMessage)) {
    return new HostError(
      `Could not connect to ${where}: no connection within the connect time limit (no network, a firewall, or a wrong endpoint).`,
      'aws-network',
      502,
    );
  }
  if (name === 'TimeoutError' && /requestTimeout/i.test(rawMessage)) {
    const limit = /configured (\d+) ms/.exec(rawMessage)?.[1];
    return new HostError(
      `No answer from ${where} within ${limit ? `${Number(limit) / 1000} s` : 'the time limit'}, so the request was stopped. Check the endpoint URL, a proxy or VPN, or raise the limit (--timeout, or STATESCOPE_AWS_TIMEOUT).`,
      'aws-timeout',
      504,
    );
  }
  const net = networkCode(err);
  if (net || name === 'TimeoutError' || /socket hang up|getaddrinfo|connect ECONNREFUSED/i.test(rawMessage)) {
    const hint =
      net === 'ENOTFOUND' || net === 'EAI_AGAIN'
        ? `the host name does not resolve: check the region (${ctx.region ?? 'none'}) or the endpoint URL, or the network`
        : net === 'ECONNREFUSED'
          ? 'the connection was refused: check the endpoint URL'
          : 'no network, or the endpoint is not answering';
    const what = fromCredentials ? `STS (to get credentials for profile "${profile}")` : 'AWS';
    return new HostError(`Could not reach ${what} at ${where}: ${hint}.`, 'aws-network', 502);
  }
  if (name === 'SyntaxError' || /Deserialization error/i.test(rawMessage)) {
    const op = ctx.command ? ctx.command.replace(/Command$/, '') : 'this call';
    return new HostError(
      `The service at ${where} did not answer ${op} like AWS does${Number.isFinite(status) ? ` (HTTP ${status})` : ''}: ` +
        'check the endpoint URL; a local emulator may not support this call.',
      'aws-unsupported',
      502,
    );
  }
  if (name === 'UnknownEndpoint' || /Region is missing|Invalid region/i.test(rawMessage)) {
    return new HostError(`No usable region (${ctx.region ?? 'none'}): pick one, or set AWS_REGION.`, 'aws-region', 400);
  }
  if (/NotFound|DoesNotExist|InvalidArn/i.test(name)) {
    return new HostError(`${name}: ${rawMessage}`, 'aws-not-found', 404);
  }
  if (/Validation|InvalidRequest|InvalidParameter|InvalidToken/i.test(name)) {
    return new HostError(`AWS rejected the request (${name}): ${rawMessage}`, 'aws-invalid-request', 400);
  }
  return new HostError(
    `AWS error (${name}${Number.isFinite(status) ? `, HTTP ${status}` : ''}): ${rawMessage}`,
    'aws-error',
    502,
  );
}

/** Maps any error from an AWS call to a `HostError` with a stable code. Host errors pass through unchanged. */
export function mapAwsError(err: unknown, ctx: ErrorContext = {}): HostError {
  if (isHostError(err)) return err;
  const facts = errorFacts(err, ctx);
  return loginError(facts) ?? serviceError(facts);
}
