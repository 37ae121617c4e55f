import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConnection, type AwsConnection } from '../../../electron/host/aws/connection.ts';
import { mapAwsError, scrub } from '../../../electron/host/aws/errors.ts';
import { allPages } from '../../../electron/host/aws/plain.ts';
import { XRAY_WINDOW_MS, mergeServiceGraphs, timeWindows } from '../../../electron/host/aws/xray.ts';
import { MOTO_CREDENTIALS, freePort } from '../../support/moto.ts';
import { startXrayServer, type XrayTestServer } from '../../support/xray-server.ts';

const HOUR = 3_600_000;
const END = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('X-Ray reader against the local X-Ray server', () => {
  let server: XrayTestServer;
  let conn: AwsConnection;
  beforeAll(async () => {
    server = await startXrayServer();
    conn = await createConnection(
      { region: 'us-east-1', endpoint: server.endpoint },
      { credentials: MOTO_CREDENTIALS, env: {}, maxAttempts: 2 },
    );
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.mode = 'ok';
    server.requests.length = 0;
  });

  it('reads all pages of groups', async () => {
    expect((await conn.xray.getGroups()).map((g) => g.GroupName)).toEqual(['Default', 'checkout']);
  });

  it('cuts a 13-hour service graph into 6-hour windows and merges the services', async () => {
    const g = await conn.xray.getServiceGraph({ startMs: END - 13 * HOUR, endMs: END, groupName: 'checkout' });
    const calls = server.requests.filter((r) => r.path === '/ServiceGraph');
    expect(calls).toHaveLength(3);
    for (const c of calls) {
      expect(Number(c.body.EndTime) - Number(c.body.StartTime)).toBeLessThanOrEqual(6 * 3600);
      expect(c.body.GroupName).toBe('checkout');
    }
    expect(Number(calls[0]!.body.StartTime) * 1000).toBe(END - 13 * HOUR);
    expect(Number(calls[2]!.body.EndTime) * 1000).toBe(END);
    expect(g.Services.map((s) => s.Name)).toEqual(['client', 'orders-api', 'orders']);
    const api = g.Services[1]!;
    expect((api.SummaryStatistics as { TotalCount: number }).TotalCount).toBe(30);
    expect(api.Edges).toEqual([expect.objectContaining({ ReferenceId: 2 })]);
    expect(g.StartTime).toBe(new Date(END - 13 * HOUR).toISOString());
  });

  it('lists trace summaries over every page with the filter expression, newest window first', async () => {
    const r = await conn.xray.getTraceSummaries({
      startMs: END - 7 * HOUR,
      endMs: END,
      filterExpression: 'service("orders-api") AND error',
    });
    const calls = server.requests.filter((x) => x.path === '/TraceSummaries');
    expect(calls.map((c) => c.body.FilterExpression)).toEqual(Array(4).fill('service("orders-api") AND error'));
    expect(Number(calls[0]!.body.EndTime) * 1000).toBe(END);
    expect(r.windows).toBe(2);
    expect(r.TraceSummaries).toHaveLength(12);
    expect(r.TracesProcessedCount).toBe(12);
    expect(r.truncated).toBe(false);
    const limited = await conn.xray.getTraceSummaries({ startMs: END - HOUR, endMs: END, maxTraces: 4 });
    expect(limited.TraceSummaries).toHaveLength(4);
    expect(limited.truncated).toBe(true);
  });

  it('gets traces five ids per call, and a trace graph', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `1-5f1b2c3d-${String(i).padStart(24, '0')}`);
    const r = await conn.xray.batchGetTraces(ids);
    expect(r.Traces.map((t) => t.Id)).toEqual(ids);
    expect(
      server.requests.filter((x) => x.path === '/Traces').map((x) => (x.body.TraceIds as string[]).length),
    ).toEqual([5, 2]);
    const seg = (r.Traces[0]!.Segments as { Document: string }[])[0]!;
    expect(JSON.parse(seg.Document).trace_id).toBe(ids[0]);
    const tg = await conn.xray.getTraceGraph(ids.slice(0, 1));
    expect(tg.Services.map((s) => s.Name)).toEqual(['orders-api']);
  });

  it('reads Step Functions pages and filters by type', async () => {
    const all = await conn.sfn.listStateMachines();
    expect(all.map((m) => m.name)).toEqual(['orders', 'clicks-express', 'nightly-batch', 'api-express']);
    expect(server.requests.filter((r) => r.target === 'AWSStepFunctions.ListStateMachines')).toHaveLength(2);
    expect((await conn.sfn.listStateMachines({ type: 'EXPRESS' })).map((m) => m.name)).toEqual([
      'clicks-express',
      'api-express',
    ]);
    expect((await conn.sfn.listStateMachines({ type: 'STANDARD', search: 'night' })).map((m) => m.name)).toEqual([
      'nightly-batch',
    ]);
    expect(all[0]!.creationDate).toBe(new Date(1700000000500).toISOString());
  });

  it('names the missing IAM action on AccessDenied (X-Ray and Step Functions)', async () => {
    server.mode = 'access-denied';
    await expect(conn.xray.getServiceGraph({ startMs: END - HOUR, endMs: END })).rejects.toMatchObject({
      code: 'aws-access-denied',
      message: expect.stringContaining('xray:GetServiceGraph'),
    });
    await expect(
      conn.sfn.listExecutions({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:x' }),
    ).rejects.toMatchObject({
      code: 'aws-access-denied',
      message: expect.stringContaining('states:ListExecutions'),
    });
  });

  it('retries throttled calls (adaptive mode) and then says it was throttled', async () => {
    server.mode = 'throttle';
    const err = await conn.xray.getGroups().then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe('aws-throttled');
    expect(err?.message).toMatch(/throttled after 2 attempts/);
    expect(server.requests.filter((r) => r.path === '/Groups')).toHaveLength(2);
  });
});

describe('connection problems', () => {
  it('says when the endpoint cannot be reached', async () => {
    const port = await freePort();
    const conn = await createConnection(
      { region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` },
      { credentials: MOTO_CREDENTIALS, env: {}, maxAttempts: 1 },
    );
    await expect(conn.identity()).rejects.toMatchObject({
      code: 'aws-network',
      message: expect.stringContaining('refused'),
    });
  });

  it('rejects a bad endpoint, a bad region and a missing region before any call', async () => {
    await expect(
      createConnection({ region: 'us-east-1', endpoint: 'file:///etc/passwd' }, { env: {} }),
    ).rejects.toMatchObject({ code: 'aws-endpoint' });
    await expect(
      createConnection({ region: 'us-east-1', endpoint: 'http://user:pw@127.0.0.1:1' }, { env: {} }),
    ).rejects.toMatchObject({ code: 'aws-endpoint' });
    await expect(createConnection({ region: 'Mars' }, { env: {} })).rejects.toMatchObject({ code: 'aws-region' });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-aws-'));
    await expect(createConnection({}, { env: { HOME: home } })).rejects.toMatchObject({ code: 'aws-region' });
  });

  it('takes the endpoint from STATESCOPE_AWS_ENDPOINT', async () => {
    const conn = await createConnection(
      { region: 'eu-west-1' },
      { env: { STATESCOPE_AWS_ENDPOINT: 'http://127.0.0.1:4566/' }, credentials: MOTO_CREDENTIALS },
    );
    expect(conn.endpoint).toBe('http://127.0.0.1:4566');
  });

  describe('with a profile whose SSO login is missing, and one that does not exist', () => {
    const saved = { ...process.env };
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-aws-'));
      fs.writeFileSync(
        path.join(dir, 'config'),
        [
          '[profile dev-sso]',
          'sso_session = corp',
          'sso_account_id = 123456789012',
          'sso_role_name = ReadOnly',
          'region = eu-west-1',
          '[sso-session corp]',
          'sso_start_url = https://corp.awsapps.com/start',
          'sso_region = eu-west-1',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(path.join(dir, 'credentials'), '');
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
      process.env.HOME = dir;
      for (const k of [
        'AWS_PROFILE',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_REGION',
        'AWS_CONTAINER_CREDENTIALS_FULL_URI',
        'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
        'AWS_WEB_IDENTITY_TOKEN_FILE',
      ])
        delete process.env[k];
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
    });
    afterAll(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    });

    it('tells how to log in again for an expired or missing SSO token', async () => {
      const port = await freePort();
      const conn = await createConnection(
        { profile: 'dev-sso', endpoint: `http://127.0.0.1:${port}` },
        { maxAttempts: 1 },
      );
      expect(conn.region).toBe('eu-west-1');
      await expect(conn.identity()).rejects.toMatchObject({
        code: 'aws-sso-expired',
        // The profile uses an sso-session section: that session is what `aws sso login` renews.
        message:
          'The SSO login of profile "dev-sso", SSO session "corp" has expired or was never made. Run: aws sso login --sso-session corp',
      });
    });

    it('says there is no such profile for an unknown profile (before any call)', async () => {
      const port = await freePort();
      await expect(
        createConnection(
          { profile: 'nobody', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` },
          { maxAttempts: 1 },
        ),
      ).rejects.toMatchObject({
        code: 'aws-unknown-profile',
        message: expect.stringContaining(
          `There is no profile named "nobody" in ${path.join(dir, 'config')} or ${path.join(dir, 'credentials')}`,
        ),
      });
    });
  });
});

describe('helpers', () => {
  it('cuts time ranges into 6-hour windows', () => {
    expect(timeWindows({ startMs: 0, endMs: 6 * HOUR })).toEqual([{ startMs: 0, endMs: 6 * HOUR }]);
    expect(timeWindows({ startMs: 0, endMs: 13 * HOUR }).map((w) => w.endMs - w.startMs)).toEqual([
      XRAY_WINDOW_MS,
      XRAY_WINDOW_MS,
      HOUR,
    ]);
    expect(() => timeWindows({ startMs: 10, endMs: 10 })).toThrow(/after its start/);
    expect(() => timeWindows({ startMs: 0, endMs: 31 * 24 * HOUR })).toThrow(/30 days/);
  });

  it('merges one graph as itself', () => {
    const g = { Services: [{ Name: 'a', ReferenceId: 0, Edges: [] }] };
    expect(mergeServiceGraphs([g])).toBe(g);
  });

  it('stops paging on a repeated token and at the item limit', async () => {
    let calls = 0;
    const looping = await allPages(async () => {
      calls++;
      return { items: [calls], next: 'same' };
    });
    expect(looping.items).toEqual([1, 2]);
    const limited = await allPages(async (t) => ({ items: [1, 2, 3], next: `${t ?? ''}x` }), { maxItems: 5 });
    expect(limited).toEqual({ items: [1, 2, 3, 1, 2], truncated: true });
  });

  it('never shows key material in messages', () => {
    expect(scrub('key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(
      'key [key id] secret [redacted]',
    );
    const e = mapAwsError(
      Object.assign(new Error('The security token AKIAIOSFODNN7EXAMPLE is invalid'), {
        name: 'UnrecognizedClientException',
      }),
      { profile: 'p' },
    );
    expect(e.code).toBe('aws-bad-credentials');
    expect(e.message).not.toContain('AKIA');
  });
});

describe('an endpoint that is not AWS', () => {
  it('says the call is not supported there instead of showing a parser error', () => {
    const err = Object.assign(
      new SyntaxError(
        'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
      ),
      {
        $metadata: { httpStatusCode: 404 },
      },
    );
    const e = mapAwsError(err, { endpoint: 'http://127.0.0.1:5000', command: 'GetGroupsCommand' });
    expect(e.code).toBe('aws-unsupported');
    expect(e.message).toBe(
      'The service at endpoint http://127.0.0.1:5000 did not answer GetGroups like AWS does (HTTP 404): check the endpoint URL; a local emulator may not support this call.',
    );
  });
});
