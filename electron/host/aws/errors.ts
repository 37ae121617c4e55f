/**
 * Turns what the AWS SDK throws into messages a person can act on: which login to renew, which IAM action is
 * missing, that AWS throttled us, that the endpoint cannot be reached. Messages never carry credentials.
 */
import { HostError, isHostError } from '../errors.ts';
import { IAM_ACTIONS } from './read-only.ts';

/** What the caller knows when the error happened, to make the message specific. */
export interface ErrorContext {
  profile?: string;
  region?: string;
  endpoint?: string;
  /** The SDK command name (`ListExecutionsCommand`), to name the IAM action. */
  command?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const THROTTLE = /^(Throttling|ThrottlingException|ThrottledException|TooManyRequestsException|RequestLimitExceeded|RequestThrottled|RequestThrottledException|SlowDown|ProvisionedThroughputExceededException)$/;

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
    if (Array.isArray(errors)) for (const x of errors) {
      const c = field(x, 'code');
      if (typeof c === 'string' && NETWORK_CODES.has(c)) return c;
    }
  }
  return undefined;
}

/** Maps any error from an AWS call to a `HostError` with a stable code. Host errors pass through unchanged. */
export function mapAwsError(err: unknown, ctx: ErrorContext = {}): HostError {
  if (isHostError(err)) return err;
  const name = String(field(err, 'name') ?? field(err, 'Code') ?? 'Error');
  const rawMessage = scrub(String(field(err, 'message') ?? err));
  const profile = ctx.profile || 'default';
  const where = ctx.endpoint ? `endpoint ${ctx.endpoint}` : `region ${ctx.region ?? '(none)'}`;
  const action = ctx.command ? IAM_ACTIONS[ctx.command] : undefined;
  const status = Number((field(err, '$metadata') as { httpStatusCode?: number } | undefined)?.httpStatusCode);
  const attempts = Number((field(err, '$metadata') as { attempts?: number } | undefined)?.attempts);

  if (
    name === 'TokenProviderError' ||
    /sso.*(expired|refresh)|token.*expired.*sso|The SSO session associated with this profile|aws sso login|SSO Token/i.test(rawMessage)
  ) {
    return new HostError(
      `The SSO login for profile "${profile}" has expired or was never made. Run: aws sso login --profile ${profile}`,
      'aws-sso-expired',
      401,
    );
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(rawMessage)) {
    return new HostError(
      `No AWS credentials found for profile "${profile}". Check ~/.aws/config and ~/.aws/credentials, ` +
        `or set AWS_PROFILE (detail: ${rawMessage})`,
      'aws-no-credentials',
      401,
    );
  }
  if (/^(ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(name)) {
    return new HostError(
      `The credentials of profile "${profile}" have expired. Log in again (for SSO: aws sso login --profile ${profile}).`,
      'aws-credentials-expired',
      401,
    );
  }
  if (/^(UnrecognizedClientException|InvalidClientTokenId|InvalidSignatureException|SignatureDoesNotMatch|IncompleteSignature)$/.test(name)) {
    return new HostError(
      `AWS did not accept the credentials of profile "${profile}" (${name}). They may be wrong, or belong to another partition or ${where}.`,
      'aws-bad-credentials',
      401,
    );
  }
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
    return new HostError(
      `AWS throttled the requests${Number.isFinite(attempts) && attempts > 1 ? ` (still throttled after ${attempts} attempts with adaptive backoff)` : ''}. ` +
        'Wait a moment and retry, or narrow the time range or filter.',
      'aws-throttled',
      429,
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
    return new HostError(`Could not reach AWS at ${where}: ${hint}.`, 'aws-network', 502);
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
  return new HostError(`AWS error (${name}${Number.isFinite(status) ? `, HTTP ${status}` : ''}): ${rawMessage}`, 'aws-error', 502);
}
