import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsHandlers } from '../../../electron/host/aws/service.ts';
import { ContractError, METHODS, VALIDATORS } from '../../../shared/contract.ts';
import { MOTO_CREDENTIALS } from '../../support/moto.ts';
import { startXrayServer, type XrayTestServer } from '../../support/xray-server.ts';

const AWS_METHODS = METHODS.filter((m) => m.startsWith('aws.'));

describe('aws.* in the contract', () => {
  it('has the read methods and not one that writes', () => {
    expect(AWS_METHODS.sort()).toEqual([
      // aws.cancel stops our own calls in flight; it sends nothing to AWS.
      'aws.batchGetTraces',
      'aws.cancel',
      'aws.connect',
      'aws.describeMachine',
      'aws.executions',
      'aws.history',
      'aws.machines',
      'aws.mapRuns',
      'aws.profiles',
      'aws.serviceGraph',
      'aws.traceGraph',
      'aws.traceSummaries',
      'aws.xrayGroups',
    ]);
    for (const m of AWS_METHODS) {
      expect(m).not.toMatch(/create|delete|update|start|stop|put|send|tag|redrive|publish|test/i);
    }
  });

  it('validates arguments at the boundary', () => {
    const bad: [string, unknown][] = [
      ['aws.connect', { region: 'Mars' }],
      ['aws.connect', { endpoint: 'ftp://x' }],
      ['aws.connect', { profile: 'a b' }],
      ['aws.machines', { type: 'FAST' }],
      ['aws.describeMachine', {}],
      ['aws.executions', { stateMachineArn: 'arn', status: 'DONE' }],
      ['aws.executions', { stateMachineArn: 'arn', maxItems: 0 }],
      ['aws.executions', { stateMachineArn: 'arn', pageSize: 1001 }],
      ['aws.executions', { stateMachineArn: 'arn', startedAfter: '2026-01-01' }],
      ['aws.connect', { mfaCode: '12345' }],
      ['aws.traceSummaries', { startMs: 10, endMs: 5 }],
      ['aws.traceSummaries', { startMs: 'yesterday', endMs: 5 }],
      ['aws.serviceGraph', { startMs: 0 }],
      ['aws.batchGetTraces', { traceIds: [] }],
      ['aws.batchGetTraces', { traceIds: ['1-abc', '../../etc'] }],
      ['aws.traceGraph', { traceIds: 'x' }],
      ['aws.history', null],
    ];
    for (const [m, args] of bad) {
      expect(
        () => (VALIDATORS as Record<string, (v: unknown) => unknown>)[m]!(args),
        `${m} ${JSON.stringify(args)}`,
      ).toThrow(ContractError);
    }
    expect(
      VALIDATORS['aws.connect']({ profile: 'dev', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566', extra: 1 }),
    ).toEqual({
      profile: 'dev',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4566',
    });
    expect(VALIDATORS['aws.connect']({ profile: '', region: '' })).toEqual({});
    expect(VALIDATORS['aws.serviceGraph']({ startMs: 1, endMs: 2, groupName: 'g' })).toEqual({
      startMs: 1,
      endMs: 2,
      groupName: 'g',
    });
  });
});

describe('aws.* handlers against the local X-Ray server', () => {
  let server: XrayTestServer;
  beforeAll(async () => {
    server = await startXrayServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers X-Ray and Step Functions calls with plain JSON', async () => {
    const h = createAwsHandlers({
      env: { STATESCOPE_AWS_ENDPOINT: server.endpoint },
      connection: { credentials: MOTO_CREDENTIALS, maxAttempts: 1 },
    });
    const conn = { region: 'us-east-1' };
    const end = Date.UTC(2026, 0, 1);
    const sums = await h['aws.traceSummaries']({
      ...conn,
      startMs: end - 3_600_000,
      endMs: end,
      filterExpression: 'error',
    });
    expect(sums.TraceSummaries).toHaveLength(6);
    const traces = await h['aws.batchGetTraces']({ ...conn, traceIds: [String(sums.TraceSummaries[0]!.Id)] });
    expect(traces.Traces).toHaveLength(1);
    expect((await h['aws.xrayGroups'](conn)).length).toBe(2);
    expect((await h['aws.serviceGraph']({ ...conn, startMs: end - 60_000, endMs: end })).Services).toHaveLength(3);
    expect((await h['aws.machines']({ ...conn, type: 'EXPRESS' })).map((m) => m.name)).toEqual([
      'clicks-express',
      'api-express',
    ]);
    const runs = await h['aws.mapRuns']({
      ...conn,
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:orders:run-1',
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'FAILED',
      itemCounts: { failed: 60, total: 1000 },
      stopDate: new Date(1700000060000).toISOString(),
    });
    const profiles = await h['aws.profiles']({});
    expect(profiles.endpoint).toBe(server.endpoint);
    expect(profiles.regions).toContain('us-east-1');
  });

  it('reports errors as host errors with codes, and a failed connection is retried afresh', async () => {
    const h = createAwsHandlers({ env: {}, connection: { credentials: MOTO_CREDENTIALS, maxAttempts: 1 } });
    await expect(h['aws.connect']({})).rejects.toMatchObject({ code: 'aws-region' });
    server.mode = 'access-denied';
    await expect(h['aws.xrayGroups']({ region: 'us-east-1', endpoint: server.endpoint })).rejects.toMatchObject({
      code: 'aws-access-denied',
      message: expect.stringContaining('xray:GetGroups'),
    });
    server.mode = 'ok';
    expect((await h['aws.xrayGroups']({ region: 'us-east-1', endpoint: server.endpoint })).length).toBe(2);
  });
});

describe('the remembered AWS connection in the settings', () => {
  it('keeps the last profile, region and endpoint, and refuses anything else in those fields', async () => {
    const { validateSettings } = await import('../../../shared/contract.ts');
    expect(
      validateSettings({ lastProfile: 'dev', lastRegion: 'eu-west-1', lastEndpoint: 'http://127.0.0.1:4566' }),
    ).toEqual({
      lastProfile: 'dev',
      lastRegion: 'eu-west-1',
      lastEndpoint: 'http://127.0.0.1:4566',
    });
    expect(() => validateSettings({ lastEndpoint: 'file:///etc/passwd' })).toThrow(ContractError);
    expect(() => validateSettings({ lastEndpoint: '' })).toThrow(ContractError);
  });
});
