import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REGIONS,
  describeProfileChain,
  isRegionName,
  listProfiles,
  readAwsFiles,
  resolveRegion,
} from '../../../electron/host/aws/profiles.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz';

function files(config: string, credentials: string): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-profiles-'));
  fs.writeFileSync(path.join(dir, 'config'), config);
  fs.writeFileSync(path.join(dir, 'credentials'), credentials);
  return {
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
  };
}

const CONFIG = `# comment
[default]
region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = ap-northeast-2

[profile prod-ro]
role_arn = arn:aws:iam::222222222222:role/ReadOnly
source_profile = default
region=eu-west-1
s3 =
  max_concurrent_requests = 20

[profile tool]
credential_process = /usr/local/bin/get-creds --json

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;

const CREDENTIALS = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = ${SECRET}

[ci]
aws_access_key_id = AKIAIOSFODNN7EXAMPLF
aws_secret_access_key = ${SECRET}
`;

describe('profiles', () => {
  it('reads the files with the SDK loader: profile names without the prefix, nested blocks kept apart', async () => {
    const { config, credentials } = await readAwsFiles(files(CONFIG, CREDENTIALS));
    expect([...config.keys()].sort()).toEqual(['default', 'dev', 'prod-ro', 'tool']);
    expect(config.get('prod-ro')?.get('region')).toBe('eu-west-1');
    // The nested `s3 =` block is the SDK's `s3.max_concurrent_requests`, never a top-level setting.
    expect(config.get('prod-ro')?.get('max_concurrent_requests')).toBeUndefined();
    expect([...credentials.keys()]).toEqual(['default', 'ci']);
  });

  // The AWS CLI's and SDKs' shared rules for these files (docs.aws.amazon.com/sdkref/latest/guide/file-format.html):
  // inline comments after whitespace, `[profile default]`, and a credentials-file section needing no prefix.
  it.each([
    ['inline comment after a value', '[profile a]\nregion = eu-west-1 # Ireland\n', 'a', 'eu-west-1'],
    ['inline ; comment', '[profile a]\nregion = eu-west-1 ; Ireland\n', 'a', 'eu-west-1'],
    ['[profile default] is default', '[profile default]\nregion = us-west-2\n', 'default', 'us-west-2'],
    ['no space around =', '[profile a]\nregion=ap-south-1\n', 'a', 'ap-south-1'],
  ])('%s', async (_name, config, profile, region) => {
    const list = await listProfiles(files(config, ''));
    expect(list.find((p) => p.name === profile)?.region).toBe(region);
  });

  it('follows source_profile through both files', async () => {
    const chain = await describeProfileChain('prod-ro', files(CONFIG, CREDENTIALS));
    expect(chain.exists).toBe(true);
    expect(chain.chain.map((c) => c.name)).toEqual(['prod-ro', 'default']);
    expect(JSON.stringify(chain)).not.toContain(SECRET);
  });

  it('lists profiles from both files with their kind and region, never their keys', async () => {
    const list = await listProfiles(files(CONFIG, CREDENTIALS));
    expect(list.map((p) => [p.name, p.kind, p.region ?? null, p.files.join('+')])).toEqual([
      ['default', 'static', 'us-east-1', 'config+credentials'],
      ['ci', 'static', null, 'credentials'],
      ['dev', 'sso', 'ap-northeast-2', 'config'],
      ['prod-ro', 'role', 'eu-west-1', 'config'],
      ['tool', 'process', null, 'config'],
    ]);
    expect(list.find((p) => p.name === 'dev')!.ssoSession).toBe('corp');
    const text = JSON.stringify(list);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('AKIA');
    expect(text).not.toContain('get-creds');
  });

  it('copes with missing files', async () => {
    expect(await listProfiles({ HOME: '/nonexistent-statescope', AWS_CONFIG_FILE: '/nonexistent/config' })).toEqual([]);
  });

  it('resolves the region: argument, AWS_REGION, then the profile', async () => {
    const env = files(CONFIG, CREDENTIALS);
    expect(await resolveRegion('dev', undefined, env)).toBe('ap-northeast-2');
    expect(await resolveRegion('dev', 'us-west-2', env)).toBe('us-west-2');
    expect(await resolveRegion('dev', undefined, { ...env, AWS_REGION: 'sa-east-1' })).toBe('sa-east-1');
    expect(await resolveRegion(undefined, undefined, { ...env, AWS_PROFILE: 'prod-ro' })).toBe('eu-west-1');
    expect(await resolveRegion('tool', undefined, env)).toBeUndefined();
  });

  it('knows region names', () => {
    expect(REGIONS).toContain('ap-northeast-2');
    expect(REGIONS.every(isRegionName)).toBe(true);
    expect(isRegionName('us-east-1')).toBe(true);
    expect(isRegionName('Mars')).toBe(false);
  });
});
