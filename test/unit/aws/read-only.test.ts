import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sfn from '@aws-sdk/client-sfn';
import * as sts from '@aws-sdk/client-sts';
import * as xray from '@aws-sdk/client-xray';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from '../../../electron/host/aws/connection.ts';
import {
  ALLOWED_COMMANDS,
  IAM_ACTIONS,
  ReadOnlyViolation,
  createReadOnlyClient,
} from '../../../electron/host/aws/read-only.ts';
import { MOTO_CREDENTIALS } from '../../support/moto.ts';
import { startXrayServer, type XrayTestServer } from '../../support/xray-server.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A request handler that records instead of sending: proof that nothing leaves the process. */
function recordingHandler() {
  const calls: string[] = [];
  return {
    calls,
    handler: {
      async handle(request: { path: string; headers: Record<string, string> }) {
        calls.push(`${request.headers['x-amz-target'] ?? ''} ${request.path}`);
        throw new Error('recording handler: no network');
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs() {
        return {};
      },
      destroy() {},
    },
  };
}

const MUTATING =
  /\b(Create|Delete|Update|Start|Stop|Put|Send|Tag|Untag|Redrive|Publish|TestState|Validate|Cancel)[A-Za-z]*Command\b/g;

/** Names of mutating SDK commands mentioned in a source text. */
function mutatingCommandsIn(text: string): string[] {
  return [...new Set(text.match(MUTATING) ?? [])];
}

describe('the allowlist', () => {
  it('holds exactly the documented read operations, each a real SDK command with an IAM action', () => {
    expect([...ALLOWED_COMMANDS].sort()).toEqual(
      [
        'ListStateMachines',
        'DescribeStateMachine',
        'DescribeStateMachineForExecution',
        'ListExecutions',
        'DescribeExecution',
        'GetExecutionHistory',
        'ListMapRuns',
        'DescribeMapRun',
        'GetServiceGraph',
        'GetTraceSummaries',
        'BatchGetTraces',
        'GetTraceGraph',
        'GetGroups',
        'GetCallerIdentity',
      ]
        .map((n) => `${n}Command`)
        .sort(),
    );
    const sdk = { ...sfn, ...xray, ...sts } as Record<string, unknown>;
    for (const name of ALLOWED_COMMANDS) {
      expect(typeof sdk[name], name).toBe('function');
      expect(IAM_ACTIONS[name], name).toMatch(/^(states|xray|sts):[A-Z]/);
      expect(mutatingCommandsIn(name)).toEqual([]);
    }
  });
});

describe('a write through our clients never leaves the process', () => {
  let server: XrayTestServer;
  beforeAll(async () => {
    server = await startXrayServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses Step Functions, X-Ray and STS writes before any request is made', async () => {
    const rec = recordingHandler();
    const conn = await createConnection(
      { region: 'us-east-1', endpoint: server.endpoint },
      { credentials: MOTO_CREDENTIALS, requestHandler: rec.handler, maxAttempts: 1 },
    );
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:x';
    const attempts: [string, Promise<unknown>][] = [
      ['StartExecutionCommand', conn.clients.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: arn }))],
      ['DeleteStateMachineCommand', conn.clients.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: arn }))],
      ['StopExecutionCommand', conn.clients.sfn.send(new sfn.StopExecutionCommand({ executionArn: arn }))],
      ['RedriveExecutionCommand', conn.clients.sfn.send(new sfn.RedriveExecutionCommand({ executionArn: arn }))],
      [
        'CreateStateMachineCommand',
        conn.clients.sfn.send(new sfn.CreateStateMachineCommand({ name: 'x', definition: '{}', roleArn: arn })),
      ],
      ['TestStateCommand', conn.clients.sfn.send(new sfn.TestStateCommand({ definition: '{}' }))],
      [
        'SendTaskSuccessCommand',
        conn.clients.sfn.send(new sfn.SendTaskSuccessCommand({ taskToken: 't', output: '{}' })),
      ],
      [
        'PutTraceSegmentsCommand',
        conn.clients.xray.send(new xray.PutTraceSegmentsCommand({ TraceSegmentDocuments: ['{}'] })),
      ],
      ['CreateGroupCommand', conn.clients.xray.send(new xray.CreateGroupCommand({ GroupName: 'g' }))],
      ['AssumeRoleCommand', conn.clients.sts.send(new sts.AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's' }))],
    ];
    for (const [name, p] of attempts) {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(ReadOnlyViolation);
      expect((err as ReadOnlyViolation).code).toBe('aws-read-only');
      expect((err as Error).message).toContain(name);
    }
    expect(rec.calls).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('lets allowed reads through to the network (the same client, the same handler)', async () => {
    const conn = await createConnection(
      { region: 'us-east-1', endpoint: server.endpoint },
      { credentials: MOTO_CREDENTIALS, maxAttempts: 1 },
    );
    const groups = await conn.xray.getGroups();
    expect(groups.map((g) => g.GroupName)).toEqual(['Default', 'checkout']);
    expect(server.requests.map((r) => r.path)).toEqual(['/Groups', '/Groups']);
    const before = server.requests.length;
    await expect(conn.clients.xray.send(new xray.DeleteGroupCommand({ GroupName: 'checkout' }))).rejects.toBeInstanceOf(
      ReadOnlyViolation,
    );
    expect(server.requests.length).toBe(before);
  });

  it('guards any client class handed to createReadOnlyClient', async () => {
    const rec = recordingHandler();
    const client = createReadOnlyClient(sfn.SFNClient, {
      region: 'us-east-1',
      credentials: MOTO_CREDENTIALS,
      requestHandler: rec.handler as never,
      maxAttempts: 1,
    });
    await expect(client.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: 'a' }))).rejects.toThrow(/read-only/);
    await expect(client.send(new sfn.ListStateMachinesCommand({}))).rejects.toThrow(/recording handler/);
    expect(rec.calls).toEqual(['AWSStepFunctions.ListStateMachines /']);
  });
});

describe('source scan', () => {
  it('finds a mutating command when one is named (the scan can fail)', () => {
    expect(
      mutatingCommandsIn("import { StartExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';"),
    ).toEqual(['StartExecutionCommand']);
    expect(mutatingCommandsIn('new PutTraceSegmentsCommand({})')).toEqual(['PutTraceSegmentsCommand']);
  });

  it('no file under electron/, shared/ or renderer/ names a mutating AWS command', () => {
    const offenders: string[] = [];
    let scanned = 0;
    const walk = (dir: string): void => {
      if (!fs.existsSync(dir)) return;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules') walk(p);
        } else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name)) {
          scanned++;
          const found = mutatingCommandsIn(fs.readFileSync(p, 'utf8'));
          if (found.length) offenders.push(`${path.relative(repo, p)}: ${found.join(', ')}`);
        }
      }
    };
    for (const d of ['electron', 'shared', 'renderer']) walk(path.join(repo, d));
    expect(scanned).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});
