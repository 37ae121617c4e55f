import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, type AwsConnection } from '../../../electron/host/aws/connection.ts';
import { createAwsHandlers } from '../../../electron/host/aws/service.ts';
import { VALIDATORS } from '../../../shared/contract.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { command as awsCommand } from '../../../electron/cli/commands/aws.ts';
import { command as graphCommand } from '../../../electron/cli/commands/graph.ts';
import { runCli } from '../../support/cli-io.ts';
import { analyzeHistory, findHistories } from '../../../shared/sfn/history.ts';
import { MOTO_CREDENTIALS, motoSkipReason, startMoto, type MotoServer } from '../../support/moto.ts';

const skip = motoSkipReason();
if (skip) console.warn(skip);

const ROLE = 'arn:aws:iam::123456789012:role/statescope-test';
const DEFINITION = {
  Comment: 'Pass, Map, Parallel (Pass + Wait) and Choice into Succeed or Fail',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Next: 'EachItem' },
    EachItem: {
      Type: 'Map',
      ItemsPath: '$.items',
      ResultPath: '$.mapped',
      Iterator: { StartAt: 'Shape', States: { Shape: { Type: 'Pass', End: true } } },
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel',
      ResultPath: '$.both',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 1, End: true } } },
      ],
      Next: 'Decide',
    },
    Decide: {
      Type: 'Choice',
      Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }],
      Default: 'Broken',
    },
    Done: { Type: 'Succeed' },
    Broken: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'ok was false' },
  },
};

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(Boolean(skip))('Step Functions reader against moto (real SDK clients)', () => {
  let moto: MotoServer;
  let conn: AwsConnection;
  let standardArn: string;
  let expressArn: string;
  let failingArn: string;
  let okExec: string;
  let failExec: string;

  let motoFail: MotoServer;
  let connFail: AwsConnection;

  beforeAll(async () => {
    // moto 5.2.1 cannot start a second execution in one server (it fails deep-copying the machine after the first
    // run), so the failing run gets its own server.
    [moto, motoFail] = await Promise.all([startMoto(), startMoto()]);
    const def = JSON.stringify(DEFINITION, null, 2);
    const setupOn = async (m: MotoServer) => {
      await m.api('/moto-api/config', { stepfunctions: { execute_state_machine: true } });
      // Setup only: a separate raw client creates machines and starts executions. The app's code has no such calls.
      return new SFNClient({ region: 'us-east-1', endpoint: m.endpoint, credentials: MOTO_CREDENTIALS });
    };
    const setup = await setupOn(moto);
    const setupFail = await setupOn(motoFail);
    standardArn = (
      await setup.send(
        new CreateStateMachineCommand({ name: 'orders-flow', definition: def, roleArn: ROLE, type: 'STANDARD' }),
      )
    ).stateMachineArn!;
    expressArn = (
      await setup.send(
        new CreateStateMachineCommand({ name: 'quick-express', definition: def, roleArn: ROLE, type: 'EXPRESS' }),
      )
    ).stateMachineArn!;
    await setup.send(new CreateStateMachineCommand({ name: 'billing-flow', definition: def, roleArn: ROLE }));
    failingArn = (
      await setupFail.send(new CreateStateMachineCommand({ name: 'orders-flow', definition: def, roleArn: ROLE }))
    ).stateMachineArn!;
    conn = await createConnection(
      { region: 'us-east-1', endpoint: moto.endpoint },
      { credentials: MOTO_CREDENTIALS, env: {} },
    );
    connFail = await createConnection(
      { region: 'us-east-1', endpoint: motoFail.endpoint },
      { credentials: MOTO_CREDENTIALS, env: {} },
    );
    okExec = (
      await setup.send(
        new StartExecutionCommand({
          stateMachineArn: standardArn,
          name: 'run-ok',
          input: JSON.stringify({ items: [1, 2, 3], ok: true }),
        }),
      )
    ).executionArn!;
    failExec = (
      await setupFail.send(
        new StartExecutionCommand({
          stateMachineArn: failingArn,
          name: 'run-bad',
          input: JSON.stringify({ items: [4], ok: false }),
        }),
      )
    ).executionArn!;
    const settle = (c: AwsConnection, arn: string) =>
      waitFor(
        () => c.sfn.listExecutions({ stateMachineArn: arn }),
        (r) => r.executions.length === 1 && r.executions.every((e) => e.status !== 'RUNNING'),
      );
    await Promise.all([settle(conn, standardArn), settle(connFail, failingArn)]);
  });
  afterAll(async () => {
    await Promise.all([moto?.stop(), motoFail?.stop()]);
  });

  it('says who we are', async () => {
    const id = await conn.identity();
    expect(id.account).toBe('123456789012');
    expect(id.arn).toMatch(/^arn:aws:sts::123456789012:/);
    expect(id.region).toBe('us-east-1');
    expect(id.endpoint).toBe(moto.endpoint);
    expect(JSON.stringify(id)).not.toContain('testing');
  });

  it('lists machines with search and type filters', async () => {
    const all = await conn.sfn.listStateMachines();
    expect(all.map((m) => m.name).sort()).toEqual(['billing-flow', 'orders-flow', 'quick-express']);
    expect((await conn.sfn.listStateMachines({ search: 'FLOW' })).map((m) => m.name).sort()).toEqual([
      'billing-flow',
      'orders-flow',
    ]);
    // moto records every machine as STANDARD (and lists no type: the reader asks DescribeStateMachine).
    expect((await conn.sfn.listStateMachines({ type: 'STANDARD' })).map((m) => m.name).sort()).toContain(
      'quick-express',
    );
    expect(expressArn).toMatch(/stateMachine:quick-express$/);
    expect(typeof all[0]!.creationDate).toBe('string');
  });

  it('describes a machine with its definition text unchanged', async () => {
    const m = await conn.sfn.describeStateMachine(standardArn);
    expect(m.name).toBe('orders-flow');
    expect(m.definition).toBe(JSON.stringify(DEFINITION, null, 2));
    expect(JSON.parse(m.definition)).toEqual(DEFINITION);
    const forExec = await conn.sfn.describeStateMachineForExecution(okExec);
    expect(JSON.parse(forExec.definition)).toEqual(DEFINITION);
  });

  it('lists executions, with a status filter', async () => {
    const all = await conn.sfn.listExecutions({ stateMachineArn: standardArn });
    expect(all.executions.map((e) => [e.name, e.status])).toEqual([['run-ok', 'SUCCEEDED']]);
    expect((await conn.sfn.listExecutions({ stateMachineArn: standardArn, status: 'FAILED' })).executions).toEqual([]);
    expect(
      (await conn.sfn.listExecutions({ stateMachineArn: standardArn, status: 'SUCCEEDED' })).executions.map(
        (e) => e.executionArn,
      ),
    ).toEqual([okExec]);
    const failed = await connFail.sfn.listExecutions({ stateMachineArn: failingArn, status: 'FAILED' });
    expect(failed.executions.map((e) => e.executionArn)).toEqual([failExec]);
    const d = await conn.sfn.describeExecution(okExec);
    expect(d.status).toBe('SUCCEEDED');
  });

  it('reads a real history and turns it into per-state runs with durations', async () => {
    const { events, truncated } = await conn.sfn.getExecutionHistory(okExec);
    expect(truncated).toBe(false);
    expect(events[0]!.type).toBe('ExecutionStarted');
    expect(typeof events[0]!.timestamp).toBe('string');
    const r = analyzeHistory({ events });
    expect(r.status).toBe('succeeded');
    expect(r.problems).toEqual([]);
    expect(r.durationMs).toBeGreaterThanOrEqual(900); // the Wait state waits 1 s
    const statuses = Object.fromEntries(Object.entries(r.states).map(([k, s]) => [k, s.status]));
    expect(statuses).toEqual({
      Prepare: 'succeeded',
      EachItem: 'succeeded',
      Shape: 'succeeded',
      Both: 'succeeded',
      Left: 'succeeded',
      Pause: 'succeeded',
      Decide: 'succeeded',
      Done: 'succeeded',
    });
    const shapes = r.runs.filter((x) => x.name === 'Shape');
    expect(shapes.map((x) => x.parent?.iteration).sort()).toEqual([0, 1, 2]);
    expect(r.runs.find((x) => x.name === 'EachItem')!.iterations!.map((i) => i.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const pause = r.runs.find((x) => x.name === 'Pause')!;
    expect(pause.parent?.name).toBe('Both');
    expect(pause.durationMs).toBeGreaterThanOrEqual(900);
    expect(r.runs.every((x) => typeof x.durationMs === 'number')).toBe(true);
  });

  it('shows the failing path of a failed execution', async () => {
    const { events } = await connFail.sfn.getExecutionHistory(failExec);
    const r = analyzeHistory({ events });
    expect(r.status).toBe('failed');
    expect(r.error).toBe('Order.Invalid');
    expect(r.states.Broken).toMatchObject({ status: 'failed', error: 'Order.Invalid', cause: 'ok was false' });
    expect(r.states.Done).toBeUndefined();
  });

  it('maps a wrong ARN to a clear not-found error', async () => {
    await expect(conn.sfn.describeExecution(`${okExec}-missing`)).rejects.toMatchObject({ code: 'aws-not-found' });
  });

  it('lists no map runs for an inline Map', async () => {
    expect(await conn.sfn.listMapRuns(okExec)).toEqual([]);
  });

  it('serves aws.history through the contract: events, per-state runs and the definition that ran', async () => {
    const handlers = createAwsHandlers({ env: {}, connection: { credentials: MOTO_CREDENTIALS } });
    const args = VALIDATORS['aws.history']({ region: 'us-east-1', endpoint: moto.endpoint, executionArn: okExec });
    const h = await handlers['aws.history'](args);
    expect(h.execution.status).toBe('SUCCEEDED');
    expect(h.events.length).toBeGreaterThan(10);
    expect(h.report.status).toBe('succeeded');
    expect(h.report.states.Pause!.status).toBe('succeeded');
    expect(JSON.parse(h.definition!.definition)).toEqual(DEFINITION);
    // Plain JSON all the way: what crosses the boundary survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
    const id = await handlers['aws.connect'](
      VALIDATORS['aws.connect']({ region: 'us-east-1', endpoint: moto.endpoint }),
    );
    expect(id.account).toBe('123456789012');
    const machines = await handlers['aws.machines'](
      VALIDATORS['aws.machines']({ region: 'us-east-1', endpoint: moto.endpoint, search: 'orders' }),
    );
    expect(machines.map((m) => m.name)).toEqual(['orders-flow']);
  });

  it('prints per-state statuses with `statescope aws history`', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
    try {
      const env = { AWS_REGION: 'us-east-1', HOME: '/nonexistent-statescope' };
      const text = await runCli(awsCommand, ['history', failExec, '--endpoint-url', motoFail.endpoint], env);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^run-bad: FAILED/);
      expect(text.stdout).toMatch(/Broken\s+Fail\s+failed\s+1\s+\S+ ms\s+0\s+Order\.Invalid/);
      const json = await runCli(awsCommand, ['history', okExec, '--json', '--endpoint-url', moto.endpoint], env);
      const r = JSON.parse(json.stdout);
      expect(r.report.status).toBe('succeeded');
      expect(r.report.states.Shape.runs).toBe(3);
      // The raw events travel with it: the saved output is a history `graph --execution` reads.
      expect(r.events.length).toBe(r.eventCount);
      expect(r.events[0].type).toBe('ExecutionStarted');
      // The app's opener finds it as one history (the whole file), like a GetExecutionHistory answer.
      expect(findHistories(r).map((x) => x.pointer)).toEqual(['/']);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-moto-'));
      try {
        fs.writeFileSync(path.join(dir, 'run.json'), json.stdout);
        fs.writeFileSync(path.join(dir, 'machine.asl.json'), JSON.stringify(DEFINITION));
        const g = await runCli(
          graphCommand,
          [path.join(dir, 'machine.asl.json'), '--execution', path.join(dir, 'run.json'), '--json'],
          env,
        );
        const report = JSON.parse(g.stdout);
        expect(report.execution).toMatchObject({ status: 'succeeded', stateMachineArn: standardArn });
        const states = Object.fromEntries(
          report.stateMachines[0].states.map((x: { name: string; status: string }) => [x.name, x.status]),
        );
        expect(states).toMatchObject({
          Prepare: 'succeeded',
          Shape: 'succeeded',
          Pause: 'succeeded',
          Done: 'succeeded',
          Broken: 'not-run',
        });
        const failedJson = await runCli(
          awsCommand,
          ['history', failExec, '--json', '--endpoint-url', motoFail.endpoint],
          env,
        );
        fs.writeFileSync(path.join(dir, 'bad.json'), failedJson.stdout);
        const text = await runCli(
          graphCommand,
          [path.join(dir, 'machine.asl.json'), '--execution', path.join(dir, 'bad.json')],
          env,
        );
        expect(text.stdout).toContain('execution: FAILED');
        expect(text.stdout).toContain('  error: Order.Invalid');
        expect(text.stdout).toContain('  cause: ok was false');
        expect(text.stdout).toMatch(/Broken\s+Fail\s+\[FAILED, \d+ ms, Order\.Invalid\]/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });
});
