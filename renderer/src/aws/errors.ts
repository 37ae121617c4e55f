/**
 * How an AWS error from the host reads on screen. The host sends an English message that names what AWS named
 * (the profile, the missing IAM action, the endpoint) and a stable code (`aws-access-denied`…, see
 * electron/host/aws/errors.ts). The heading is always in the UI language; in Korean, the codes a user can act on
 * also get a Korean explanation of what happened and what to do, above AWS's own message, which stays as sent.
 */
import { translate, type Lang, type MessageKey } from '../i18n/index.ts';

/** Error codes the i18n dictionaries have a heading for (`aws.err.<code>`). */
export const HEADED_CODES: readonly string[] = [
  'aws-timeout',
  'aws-cancelled',
  'aws-network',
  'aws-tls',
  'aws-unknown-profile',
  'aws-sso-expired',
  'aws-mfa-required',
  'aws-sts',
  'aws-no-credentials',
  'aws-bad-credentials',
  'aws-credentials-expired',
  'aws-access-denied',
  'aws-throttled',
  'aws-region',
  'aws-not-found',
  'aws-endpoint',
  'aws-unsupported',
  'aws-invalid-request',
  'aws-read-only',
  'aws-error',
];

/**
 * Codes with an explanation (`aws.explain.<code>`): AccessDenied, ExpiredToken, throttling, timeout and
 * unreachable, not found, and the three credential problems a newcomer meets first.
 */
export const EXPLAINED_CODES: readonly string[] = [
  'aws-access-denied',
  'aws-credentials-expired',
  'aws-throttled',
  'aws-timeout',
  'aws-network',
  'aws-not-found',
  'aws-sso-expired',
  'aws-no-credentials',
  'aws-bad-credentials',
];

export interface ErrorView {
  /** A short heading in the UI language, for known codes. */
  heading?: string;
  /** What happened and what to do, in Korean (English users read the host's message, which says the same). */
  explanation?: string;
  /** The `aws sso login …` command to run, for an expired SSO login. */
  login?: string;
}

export function errorView(lang: Lang, code: string | undefined, message: string): ErrorView {
  const view: ErrorView = {};
  if (code && HEADED_CODES.includes(code)) view.heading = translate(lang, `aws.err.${code}` as MessageKey);
  if (lang !== 'en' && code && EXPLAINED_CODES.includes(code))
    view.explanation = translate(lang, `aws.explain.${code}` as MessageKey);
  const login = code === 'aws-sso-expired' ? /Run: (aws sso login [^\s]+ \S+)/.exec(message)?.[1] : undefined;
  if (login) view.login = login;
  return view;
}
