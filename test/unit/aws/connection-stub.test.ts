/**
 * The connection against stub endpoints that misbehave the way real networks do: an endpoint that accepts and
 * never answers, one that answers late, TLS that fails, STS that refuses, throttling, a credentials file edited
 * while the app runs, a profile that needs an MFA code, an SSO chain. Every test ends well within its limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from '../../../electron/host/aws/connection.ts';
import { createAwsHandlers } from '../../../electron/host/aws/service.ts';
import { command as awsCommand } from '../../../electron/cli/commands/aws.ts';
import { VALIDATORS } from '../../../shared/contract.ts';
import { runCli } from '../../support/cli-io.ts';
import {
  sfnError,
  startAwsStub,
  startSilentServer,
  stsError,
  type AwsStub,
  type StubAnswer,
} from '../../support/aws-stub.ts';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '../../support/tls-selfsigned.ts';

const KEYS = { accessKeyId: 'AKIDSTUBTEST', secretAccessKey: 'stub-secret' };
const MACHINES = {
  stateMachines: [
    {
      stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:m',
      name: 'm',
      type: 'STANDARD',
      creationDate: 1_700_000_000,
    },
  ],
};

let dir: string;
const stops: (() => Promise<void>)[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-conn-'));
});
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function stub(
  handle: (r: import('../../support/aws-stub.ts').StubRequest) => StubAnswer | undefined,
  tls?: boolean,
): Promise<AwsStub> {
  const s = await startAwsStub(handle, tls ? { key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT } : undefined);
  stops.push(s.stop);
  return s;
}

/** Writes the two AWS files into a fresh folder and returns the env that points at them. */
function awsFiles(name: string, config: string, credentials = ''): NodeJS.ProcessEnv {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, 'config'), config);
  fs.writeFileSync(path.join(d, 'credentials'), credentials);
  return { AWS_CONFIG_FILE: path.join(d, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(d, 'credentials'), HOME: d };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; ms: number }> {
  const t0 = Date.now();
  try {
    await p;
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message, ms: Date.now() - t0 };
  }
  throw new Error('expected the call to fail');
}

describe('time limits that really stop the request', () => {
  it('an endpoint that accepts and never answers fails within the configured limit', async () => {
    const silent = await startSilentServer();
    stops.push(silent.stop);
    const conn = await createConnection(
      { region: 'us-east-1', endpoint: silent.endpoint },
      { env: {}, credentials: KEYS, requestTimeoutMs: 800, maxAttempts: 3 },
    );
    const f = await failure(conn.sfn.listStateMachines());
    expect(f.code).toBe('aws-timeout');
    expect(f.message).toContain(`No answer from endpoint ${silent.endpoint} (ListStateMachines) within 0.8 s`);
    expect(f.ms).toBeGreaterThanOrEqual(700);
    expect(f.ms).toBeLessThan(2_500);
  });

  it('an answer later than the limit is a timeout; one within it is used', async () => {
    let delayMs = 3_000;
    const s = await stub((r) => (r.operation === 'ListStateMachines' ? { json: MACHINES, delayMs } : undefined));
    const conn = await createConnection(
      { region: 'us-east-1', endpoint: s.endpoint },
      { env: {}, credentials: KEYS, requestTimeoutMs: 1_000, maxAttempts: 2 },
    );
    const f = await failure(conn.sfn.listStateMachines());
    expect(f.code).toBe('aws-timeout');
    expect(f.ms).toBeLessThan(2_000);
    delayMs = 300;
    expect((await conn.sfn.listStateMachines()).map((m) => m.name)).toEqual(['m']);
  });

  it('STATESCOPE_AWS_TIMEOUT sets the limit and a bad value is refused', async () => {
    const silent = await startSilentServer();
    stops.push(silent.stop);
    const conn = await createConnection(
      { region: 'us-east-1', endpoint: silent.endpoint },
      { env: { STATESCOPE_AWS_TIMEOUT: '0.5' }, credentials: KEYS },
    );
    expect(conn.requestTimeoutMs).toBe(500);
    expect((await failure(conn.identity())).ms).toBeLessThan(2_000);
    await expect(
      createConnection({ region: 'us-east-1' }, { env: { STATESCOPE_AWS_TIMEOUT: 'soon' }, credentials: KEYS }),
    ).rejects.toThrow(/not a number of seconds/);
  });

  it('Cancel (aws.cancel) stops a running call at once', async () => {
    const silent = await startSilentServer();
    stops.push(silent.stop);
    const handlers = createAwsHandlers({ env: {}, connection: { credentials: KEYS, requestTimeoutMs: 20_000 } });
    const call = failure(handlers['aws.machines']({ region: 'us-east-1', endpoint: silent.endpoint }));
    await new Promise((r) => setTimeout(r, 300));
    expect((await handlers['aws.cancel']({})).cancelled).toBe(1);
    const f = await call;
    expect(f.code).toBe('aws-cancelled');
    expect(f.ms).toBeLessThan(1_500);
  });

  it('the CLI --timeout gives exit 2 and the message within the limit', async () => {
    const silent = await startSilentServer();
    stops.push(silent.stop);
    const env = {
      ...awsFiles('cli-timeout', '', '[default]\naws_access_key_id = AKIDSTUBTEST\naws_secret_access_key = x\n'),
      AWS_REGION: 'us-east-1',
    };
    const t0 = Date.now();
    const r = await runAws(['machines', '--endpoint-url', silent.endpoint, '--timeout', '1'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No answer from endpoint .* within 1 s/);
    expect(Date.now() - t0).toBeLessThan(3_000);
  });
});

/** Runs `statescope aws …` in-process with optional scripted stdin. */
function runAws(argv: string[], env: NodeJS.ProcessEnv, input?: string) {
  return runCli(awsCommand, argv, env, input === undefined ? {} : { stdin: input });
}

describe('credentials: read afresh, MFA, and messages that name the cause', () => {
  it('a credentials file changed while running is picked up on the retry', async () => {
    const s = await stub((r) => {
      if (r.service === 'sfn')
        return r.accessKeyId === 'AKIDNEWKEY'
          ? { json: MACHINES }
          : sfnError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
      return undefined;
    });
    const env = awsFiles(
      'rotate',
      '[profile dev]\nregion = us-east-1\n',
      '[dev]\naws_access_key_id = AKIDOLDKEY\naws_secret_access_key = old\n',
    );
    const handlers = createAwsHandlers({ env, connection: { maxAttempts: 1 } });
    const args = VALIDATORS['aws.machines']({ profile: 'dev', endpoint: s.endpoint });
    const f = await failure(handlers['aws.machines'](args));
    expect(f.code).toBe('aws-bad-credentials');
    fs.writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE!,
      '[dev]\naws_access_key_id = AKIDNEWKEY\naws_secret_access_key = new\n',
    );
    expect((await handlers['aws.machines'](args)).map((m) => m.name)).toEqual(['m']);
    expect(s.requests.map((r) => r.accessKeyId)).toEqual(['AKIDOLDKEY', 'AKIDNEWKEY']);
    // Connect always reads the files again, even when the last call worked.
    fs.writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE!,
      '[dev]\naws_access_key_id = AKIDTHIRDKEY\naws_secret_access_key = third\n',
    );
    await handlers['aws.connect']({ profile: 'dev', endpoint: s.endpoint });
    expect(s.requests.at(-1)).toMatchObject({ operation: 'GetCallerIdentity', accessKeyId: 'AKIDTHIRDKEY' });
  });

  const MFA_CONFIG =
    '[profile base]\nregion = us-east-1\n[profile admin]\nregion = us-east-1\nrole_arn = arn:aws:iam::111122223333:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/dev\n';
  const MFA_CREDS = '[base]\naws_access_key_id = AKIDBASEKEY\naws_secret_access_key = base\n';

  it('an MFA profile asks for the code; the code goes into AssumeRole', async () => {
    const s = await stub(() => undefined);
    const env = awsFiles('mfa', MFA_CONFIG, MFA_CREDS);
    const handlers = createAwsHandlers({ env, connection: { maxAttempts: 1 } });
    const f = await failure(handlers['aws.connect']({ profile: 'admin', endpoint: s.endpoint }));
    expect(f.code).toBe('aws-mfa-required');
    expect(f.message).toBe(
      'Profile "admin" needs a code from its MFA device (arn:aws:iam::111122223333:mfa/dev) to assume its role: enter the code.',
    );
    expect((await handlers['aws.profiles']({})).profiles.find((p) => p.name === 'admin')?.mfa).toBe(true);
    const id = await handlers['aws.connect'](
      VALIDATORS['aws.connect']({ profile: 'admin', endpoint: s.endpoint, mfaCode: '123456' }),
    );
    expect(id.account).toBe('111122223333');
    const assume = s.requests.find((r) => r.operation === 'AssumeRole')!;
    expect(assume.params).toMatchObject({
      RoleArn: 'arn:aws:iam::111122223333:role/admin',
      SerialNumber: 'arn:aws:iam::111122223333:mfa/dev',
      TokenCode: '123456',
    });
    expect(assume.accessKeyId).toBe('AKIDBASEKEY');
    expect(s.requests.at(-1)).toMatchObject({ operation: 'GetCallerIdentity', accessKeyId: 'ASSUMEDKEYSTUB' });
    expect(() => VALIDATORS['aws.connect']({ mfaCode: '12ab' })).toThrow(/6 digits/);
  });

  it('the CLI prompts for the MFA code on the terminal (scripted answer)', async () => {
    const s = await stub(() => undefined);
    const env = awsFiles('mfa-cli', MFA_CONFIG, MFA_CREDS);
    const r = await runAws(['whoami', '--profile', 'admin', '--endpoint-url', s.endpoint], env, '654321\n');
    // The stub is not an AWS endpoint, so the CLI first names it (a note line); then the prompt, and nothing else.
    expect(r.stderr.replace(/^statescope aws: note: .*\n/, '')).toBe(
      'MFA code for arn:aws:iam::111122223333:mfa/dev (profile admin): ',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('account  111122223333');
    expect(s.requests.find((x) => x.operation === 'AssumeRole')!.params.TokenCode).toBe('654321');
    const bad = await runAws(['whoami', '--profile', 'admin', '--endpoint-url', s.endpoint], env, 'oops\n');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"oops" is not an MFA code (6 digits).');
  });

  it('an unknown profile says there is no such profile, naming both files', async () => {
    const env = awsFiles('unknown', '[profile dev]\nregion = eu-west-1\n');
    const handlers = createAwsHandlers({ env });
    const f = await failure(handlers['aws.connect']({ profile: 'prod' }));
    expect(f.code).toBe('aws-unknown-profile');
    expect(f.message).toBe(
      `There is no profile named "prod" in ${env.AWS_CONFIG_FILE} or ${env.AWS_SHARED_CREDENTIALS_FILE}. Pick one of the listed profiles, or add it with: aws configure --profile prod`,
    );
    const chainEnv = awsFiles(
      'broken-chain',
      '[profile app]\nregion = eu-west-1\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = gone\n',
    );
    const g = await failure(createAwsHandlers({ env: chainEnv })['aws.connect']({ profile: 'app' }));
    expect(g.message).toContain('source_profile "gone", but there is no profile named "gone"');
  });

  it('a role chained on an SSO profile names the SSO source to log in with', async () => {
    const s = await stub(() => undefined);
    const env = awsFiles(
      'sso',
      [
        '[profile app]',
        'region = eu-west-1',
        'role_arn = arn:aws:iam::111122223333:role/app',
        'source_profile = corp-sso',
        '[profile corp-sso]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = Dev',
        'region = eu-west-1',
        '[sso-session corp]',
        'sso_start_url = https://corp-statescope-test.awsapps.com/start',
        'sso_region = eu-west-1',
        '',
      ].join('\n'),
    );
    const f = await failure(
      createAwsHandlers({ env, connection: { maxAttempts: 1 } })['aws.connect']({
        profile: 'app',
        endpoint: s.endpoint,
      }),
    );
    expect(f.code).toBe('aws-sso-expired');
    expect(f.message).toBe(
      'The SSO login of profile "app" (its credentials come from SSO profile "corp-sso"), SSO session "corp" has expired or was never made. Run: aws sso login --sso-session corp',
    );
  });

  it('an STS refusal names STS and the role, not the service endpoint', async () => {
    const s = await stub((r) =>
      r.operation === 'AssumeRole'
        ? { status: 403, xml: stsError('AccessDenied', 'User is not authorized to perform: sts:AssumeRole') }
        : undefined,
    );
    const env = awsFiles(
      'sts',
      '[profile base]\nregion = us-east-1\n[profile ops]\nregion = us-east-1\nrole_arn = arn:aws:iam::111122223333:role/ops\nsource_profile = base\n',
      MFA_CREDS,
    );
    const f = await failure(
      createAwsHandlers({ env, connection: { maxAttempts: 1 } })['aws.connect']({
        profile: 'ops',
        endpoint: s.endpoint,
      }),
    );
    expect(f.code).toBe('aws-sts');
    expect(f.message).toMatch(
      new RegExp(
        `^STS at ${s.endpoint} refused the credentials for profile "ops" \\(AssumeRole arn:aws:iam::111122223333:role/ops\\): AccessDenied: User is not authorized to perform: sts:AssumeRole`,
      ),
    );
  });

  it('TLS failures read as what went wrong', async () => {
    const s = await stub(() => ({ json: MACHINES }), true);
    const conn = await createConnection(
      { region: 'us-east-1', endpoint: s.endpoint },
      { env: {}, credentials: KEYS, maxAttempts: 1 },
    );
    const f = await failure(conn.sfn.listStateMachines());
    expect(f.code).toBe('aws-tls');
    expect(f.message).toBe(
      `Secure connection to endpoint ${s.endpoint} failed: the server presented a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT).`,
    );
    const plainHttp = await stub(() => ({ json: MACHINES }));
    const https = plainHttp.endpoint.replace('http:', 'https:');
    const conn2 = await createConnection(
      { region: 'us-east-1', endpoint: https },
      { env: {}, credentials: KEYS, maxAttempts: 1 },
    );
    const g = await failure(conn2.sfn.listStateMachines());
    expect(g.code).toBe('aws-tls');
    expect(g.message).toContain('the server does not speak TLS there (try http:// instead of https://)');
  });

  it('throttling advice is about the shared API rate, not time ranges', async () => {
    const s = await stub((r) =>
      r.service === 'sfn' ? sfnError(400, 'ThrottlingException', 'Rate exceeded') : undefined,
    );
    const notices: unknown[] = [];
    const conn = await createConnection(
      { region: 'us-east-1', endpoint: s.endpoint },
      { env: {}, credentials: KEYS, maxAttempts: 2, onRetry: (n) => notices.push(n) },
    );
    const f = await failure(conn.sfn.listStateMachines());
    expect(f.code).toBe('aws-throttled');
    // The retry was told when it started, not only in the final message.
    expect(notices).toEqual([
      { operation: 'ListStateMachines', attempt: 2, maxAttempts: 2, reason: 'ThrottlingException' },
    ]);
    expect(f.message).toMatch(
      /^AWS throttled ListStateMachines \(still throttled after 2 attempts with adaptive backoff\)\. /,
    );
    expect(f.message).toContain('Service Quotas');
    expect(f.message).not.toMatch(/time range/);
  });
});
