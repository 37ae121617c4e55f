import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, parseSince } from '../../../electron/cli/commands/aws.ts';
import { runCli } from '../../support/cli-io.ts';
import { startXrayServer, type XrayTestServer } from '../../support/xray-server.ts';

describe('statescope aws', () => {
  let server: XrayTestServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startXrayServer();
    env = {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      HOME: '/nonexistent-statescope',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    // The SDK's credential chain reads process.env; give it the static test keys for this file only.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
    delete process.env.AWS_PROFILE;
  });
  afterAll(async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await server.close();
  });

  it('lists machines as a table and as JSON, filtered by type', async () => {
    const text = await runCli(command, ['machines', '--endpoint-url', server.endpoint], env);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+ARN$/);
    expect(text.stdout).toContain('clicks-express  EXPRESS');
    const json = await runCli(
      command,
      ['machines', '--type', 'EXPRESS', '--json', '--endpoint-url', server.endpoint],
      env,
    );
    expect(JSON.parse(json.stdout).map((m: { name: string }) => m.name)).toEqual(['clicks-express', 'api-express']);
  });

  it('lists traces over a window and the service graph, honouring STATESCOPE_AWS_ENDPOINT', async () => {
    const e2 = { ...env, STATESCOPE_AWS_ENDPOINT: server.endpoint };
    const traces = await runCli(command, ['traces', '--since', '7h', '--filter', 'error', '--json'], e2);
    expect(traces.code).toBe(0);
    const r = JSON.parse(traces.stdout);
    expect(r.windows).toBe(2);
    expect(r.TraceSummaries).toHaveLength(12);
    expect(
      server.requests.filter((x) => x.path === '/TraceSummaries').every((x) => x.body.FilterExpression === 'error'),
    ).toBe(true);
    const graph = await runCli(command, ['service-graph', '--since', '30m'], e2);
    expect(graph.code).toBe(0);
    expect(graph.stdout).toMatch(/orders-api\s+AWS::Lambda::Function\s+10\s+1\s+0\s+orders/);
  });

  it('explains failures and bad usage with exit status 2', async () => {
    server.mode = 'access-denied';
    const denied = await runCli(command, ['machines', '--endpoint-url', server.endpoint], env);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('states:ListStateMachines');
    server.mode = 'ok';
    for (const argv of [
      [],
      ['bogus'],
      ['history'],
      ['traces'],
      ['traces', '--since', 'soon'],
      ['machines', '--region', 'Mars'],
      ['executions', 'arn', '--status', 'DONE'],
      ['machines', 'extra'],
    ]) {
      const r = await runCli(command, argv, env);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.length, argv.join(' ')).toBeGreaterThan(5);
    }
  });

  it('reads --since as a duration or an ISO time', () => {
    const now = Date.UTC(2026, 0, 2);
    expect(parseSince('90m', now)).toBe(90 * 60_000);
    expect(parseSince('2d', now)).toBe(2 * 86_400_000);
    expect(parseSince('2026-01-01T00:00:00Z', now)).toBe(86_400_000);
    expect(() => parseSince('yesterday', now)).toThrow(/not a duration/);
  });
});

describe('statescope graph --execution', () => {
  // Run in-process from the repository root, where the samples are.
  const root = new URL('../../../', import.meta.url).pathname;
  const run = async (argv: string[]) => {
    const { command: graph } = await import('../../../electron/cli/commands/graph.ts');
    return runCli(graph, argv, {}, { cwd: root });
  };

  it("prints each state's status and time in the outline, and the execution's error and cause", async () => {
    const r = await run([
      'samples/asl/order-processing.asl.json',
      '--execution',
      'samples/history/order-processing-payment-declined.json',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('execution: FAILED in 1.6 s (50 events)');
    expect(lines[2]).toBe('  error: OrderFailed');
    expect(lines[3]).toBe('  cause: The order could not be processed: payment declined.');
    expect(r.stdout).toMatch(/^ {2}Validate Order\s+Task\s+\[SUCCEEDED, 295 ms\]\s+Lambda · Invoke$/m);
    expect(r.stdout).toMatch(/^ {6}Charge Payment\s+Task\s+\[FAILED, 1\.1 s, PaymentDeclined\]/m);
    expect(r.stdout).toMatch(/^ {8}Pick Item\s+Pass\s+\[SUCCEEDED, 12 ms, 2 runs\]$/m);
    expect(r.stdout).toMatch(/^ {2}Done\s+Succeed\s+\[NOT-RUN\]$/m);
    // The caught Parallel names the error its Catch handled.
    expect(r.stdout).toMatch(/^ {2}Process Order\s+Parallel\s+\[CAUGHT, 1\.1 s, PaymentDeclined\]\s+3 branches$/m);
    expect(r.stderr).toBe('');
  });

  it('puts error and cause in the JSON', async () => {
    const r = await run([
      'samples/asl/order-processing.asl.json',
      '--execution',
      'samples/history/order-processing-payment-declined.json',
      '--json',
    ]);
    const report = JSON.parse(r.stdout);
    expect(report.execution).toMatchObject({
      status: 'failed',
      error: 'OrderFailed',
      cause: 'The order could not be processed: payment declined.',
      durationMs: 1581,
    });
    const charge = report.stateMachines[0].states.find((s: { name: string }) => s.name === 'Charge Payment');
    expect(charge).toMatchObject({ status: 'failed', error: 'PaymentDeclined', runs: 1 });
    expect(report.execution.machines).toEqual([{ name: 'order-processing', unknownStates: [] }]);
  });

  it('warns when the history belongs to another machine instead of drawing it all "not-run"', async () => {
    const r = await run([
      'samples/asl/refund-workflow.asl.json',
      '--execution',
      'samples/history/order-processing-payment-declined.json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: none of the 10 states in samples\/history\/order-processing-payment-declined\.json is in "refund-workflow": the history belongs to another state machine\.$/m,
    );
  });
});
