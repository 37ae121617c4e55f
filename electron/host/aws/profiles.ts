/**
 * Profiles and regions, read from the shared config and credentials files the AWS CLI uses
 * (`~/.aws/config`, `~/.aws/credentials`, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). Only names and
 * non-secret settings leave this module: what kind of login a profile uses, its region, its SSO start URL.
 * Key material is never read into the result.
 */
import os from 'node:os';
import path from 'node:path';

import { loadSharedConfigFiles } from '@smithy/core/config';

import type { ProfileInfo } from '../../../shared/sfn/aws-types.ts';

export type { ProfileInfo };

/** Regions where Step Functions and X-Ray are offered (commercial partition, plus China and GovCloud). */
export const REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
];

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** True for a string shaped like a region name (so a typo is caught before a DNS error). */
export function isRegionName(value: string): boolean {
  return REGION_RE.test(value);
}

type Sections = Map<string, Map<string, string>>;

/** Section prefixes of the config file that are not profiles (`[sso-session corp]`, `[services s3]`). */
const NOT_PROFILES = /^(sso-session|services)\./;

function toSections(data: Record<string, Record<string, string | undefined>>): Sections {
  return new Map(
    Object.entries(data)
      .filter(([name]) => !NOT_PROFILES.test(name))
      .map(([name, settings]) => [
        name,
        new Map(Object.entries(settings).filter((e): e is [string, string] => e[1] !== undefined)),
      ]),
  );
}

/**
 * The profiles of the two files, read by the AWS SDK's own loader (`loadSharedConfigFiles`), so a profile is named,
 * merged and commented exactly as the SDK that signs the requests reads it: `[profile x]` in config and `[x]` in
 * credentials both give `x`, inline `#`/`;` comments and nested `s3 =` blocks are handled the SDK's way.
 */
export async function readAwsFiles(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ config: Sections; credentials: Sections }> {
  const files = awsFilePaths(env);
  const loaded = await loadSharedConfigFiles({
    configFilepath: files.config,
    filepath: files.credentials,
    ignoreCache: true,
  }).catch(() => ({ configFile: {}, credentialsFile: {} }));
  return { config: toSections(loaded.configFile), credentials: toSections(loaded.credentialsFile) };
}

/** Where the two files are, honouring the CLI's environment variables. */
export function awsFilePaths(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  return {
    config: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

function kindOf(settings: Map<string, string>, inCredentials: boolean): ProfileInfo['kind'] {
  if (settings.has('sso_session') || settings.has('sso_start_url')) return 'sso';
  if (settings.has('role_arn') && settings.has('web_identity_token_file')) return 'web-identity';
  if (settings.has('role_arn')) return 'role';
  if (settings.has('credential_process')) return 'process';
  if (settings.has('aws_access_key_id') || inCredentials) return 'static';
  return 'other';
}

/** Lists the profiles in both files (merged by name), sorted with `default` first. */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfileInfo[]> {
  const { config, credentials } = await readAwsFiles(env);
  const byName = new Map<string, { config?: Map<string, string>; credentials?: Map<string, string> }>();
  for (const [name, settings] of config) byName.set(name, { ...byName.get(name), config: settings });
  for (const [name, settings] of credentials) byName.set(name, { ...byName.get(name), credentials: settings });
  const out: ProfileInfo[] = [];
  for (const [name, found] of byName) {
    const merged = new Map([...(found.credentials ?? []), ...(found.config ?? [])]);
    const info: ProfileInfo = {
      name,
      kind: kindOf(merged, Boolean(found.credentials) && !found.config),
      files: [...(found.config ? ['config' as const] : []), ...(found.credentials ? ['credentials' as const] : [])],
    };
    const region = merged.get('region');
    if (region) info.region = region;
    const sso = merged.get('sso_session') ?? merged.get('sso_start_url');
    if (sso) info.ssoSession = sso;
    if (merged.has('mfa_serial')) info.mfa = true;
    out.push(info);
  }
  return out.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** The profile the CLI would use: AWS_PROFILE, else `default`. */
export function defaultProfileName(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/** The region for a profile: explicit argument, then AWS_REGION / AWS_DEFAULT_REGION, then the profile's. */
export async function resolveRegion(
  profile: string | undefined,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (explicit) return explicit;
  if (env.AWS_REGION) return env.AWS_REGION;
  if (env.AWS_DEFAULT_REGION) return env.AWS_DEFAULT_REGION;
  const name = profile || defaultProfileName(env);
  const profiles = await listProfiles(env);
  return profiles.find((p) => p.name === name)?.region;
}

/** Settings a profile may carry that are never secret; key material is left out on purpose. */
const PUBLIC_KEYS = [
  'region',
  'role_arn',
  'source_profile',
  'credential_source',
  'mfa_serial',
  'sso_session',
  'sso_start_url',
  'credential_process',
  'web_identity_token_file',
];

/** How a profile gets its credentials, followed through `source_profile` (names and non-secret settings only). */
export interface ProfileChain {
  name: string;
  /** False when neither file has a section for the profile. */
  exists: boolean;
  files: { config: string; credentials: string };
  /** The profiles walked, starting with `name`. */
  chain: { name: string; settings: Record<string, string> }[];
  /** The first `mfa_serial` on the chain (the role that needs a code). */
  mfaSerial?: string;
  /** Where an SSO login is needed: the profile that has it and its `sso_session` (absent for legacy SSO). */
  sso?: { profile: string; session?: string };
}

/** Follows a profile's `source_profile` links in the two files. Stops on a cycle or a missing link. */
export async function describeProfileChain(name: string, env: NodeJS.ProcessEnv = process.env): Promise<ProfileChain> {
  const files = awsFilePaths(env);
  const { config, credentials } = await readAwsFiles(env);
  const sectionOf = (n: string): Map<string, string> | undefined => {
    const c = config.get(n);
    const k = credentials.get(n);
    return c || k ? new Map([...(k ?? []), ...(c ?? [])]) : undefined;
  };
  const out: ProfileChain = { name, exists: Boolean(sectionOf(name)), files, chain: [] };
  const seen = new Set<string>();
  for (let cur: string | undefined = name; cur && !seen.has(cur);) {
    seen.add(cur);
    const s = sectionOf(cur);
    if (!s) break;
    const settings = Object.fromEntries(PUBLIC_KEYS.filter((k) => s.has(k)).map((k) => [k, s.get(k)!]));
    out.chain.push({ name: cur, settings });
    if (!out.mfaSerial && settings.mfa_serial) out.mfaSerial = settings.mfa_serial;
    if (!out.sso && (settings.sso_session || settings.sso_start_url)) {
      out.sso = { profile: cur, ...(settings.sso_session ? { session: settings.sso_session } : {}) };
    }
    cur = settings.role_arn ? settings.source_profile : undefined;
  }
  return out;
}
